"""``wirewatch serve`` (REST API + web map) and ``wirewatch web build`` (map assets)."""

from __future__ import annotations

import ipaddress
import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from wirewatch.cli.common import err_console, fail, user_errors

web_app = typer.Typer(
    help="The web map's assets (Leaflet, country outlines).", no_args_is_help=True
)

_TOKEN_ENV = "WIREWATCH_API_TOKEN"
_DB_ENV = "WIREWATCH_DB"
_CONFIG_ENV = "WIREWATCH_SERVE_CONFIG"  # handed to --workers processes


def default_db() -> Path:
    """$WIREWATCH_DB, else ``wirewatch.sqlite`` in the user data directory."""
    if env := os.environ.get(_DB_ENV):
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("wirewatch")) / "wirewatch.sqlite"


def read_token(token: str | None, token_file: Path | None) -> str | None:
    """The write token from --token, --token-file or $WIREWATCH_API_TOKEN (in that order)."""
    if token is not None and token_file is not None:
        raise fail("give either --token or --token-file, not both")
    if token_file is not None:
        try:
            value = token_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise fail(f"cannot read --token-file {token_file}: {exc.strerror}") from None
        if not value:
            raise fail(f"--token-file {token_file} is empty")
        token = value
    token = token or os.environ.get(_TOKEN_ENV) or None
    if token is not None and len(token) < 16:
        raise fail(
            "the token is shorter than 16 characters",
            hint="make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'",
        )
    return token


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[
        str | None,
        typer.Option(
            help="Store: a SQLite path or postgresql:// URL (default: $WIREWATCH_DB "
            "or the user data directory)."
        ),
    ] = None,
    host: Annotated[
        str,
        typer.Option(
            help="Address to bind; loopback by default (not reachable from other machines)."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            help="File holding the token that write endpoints (POST /api/articles) "
            "require. Also $WIREWATCH_API_TOKEN. Without one, writing is disabled."
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            help="The token itself (visible to other local users in the "
            "process list: prefer --token-file)."
        ),
    ] = None,
    tile_url: Annotated[
        str | None,
        typer.Option(help="XYZ tile URL template drawn under the outlines (needs the network)."),
    ] = None,
    tile_attribution: Annotated[str | None, typer.Option(help="Attribution of the tiles.")] = None,
    max_page_size: Annotated[int, typer.Option(min=1, max=10_000, help="Largest page.")] = 500,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes (each with its own store "
            "connection); use about one per core for read-heavy loads.",
        ),
    ] = 1,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the REST API and the web map (FastAPI + uvicorn).

    Examples:

      wirewatch serve --db events.sqlite

      wirewatch serve --db events.sqlite --token-file ~/.config/wirewatch/token
    """
    with user_errors():
        try:
            import uvicorn

            from wirewatch.api import create_app
        except ImportError as exc:
            raise fail(
                f"the API needs the 'api' extra ({exc.name} is missing)",
                hint="pip install 'wirewatch[api]'",
            ) from None
        from wirewatch.store import open_store
        from wirewatch.web.build import assets_status

        secret = read_token(token, token_file)
        if tile_url is not None and not tile_url.startswith(("http://", "https://")):
            raise fail("--tile-url must be an http(s) URL template with {z}/{x}/{y}")
        target = db or str(default_db())
        store = open_store(target, create=True)  # fail here, before forking, if it is bad
        config = {
            "db": target,
            "token": secret,
            "tile_url": tile_url,
            "tile_attribution": tile_attribution,
            "max_page_size": max_page_size,
        }
        app = create_app(store, _api_settings(config)) if workers == 1 else None
        if not _is_loopback(host):
            err_console.print(
                f"[yellow]warning:[/] binding to {host}: the API is reachable from other "
                "machines" + ("" if secret else " (read-only: no token)"),
                highlight=False,
            )
        missing = [k for k, ok in assets_status().items() if not ok]
        if missing:
            err_console.print(
                f"[yellow]warning:[/] web assets missing ({', '.join(missing)}): the map page "
                "degrades to lists; run 'npm ci' then 'wirewatch web build'",
                highlight=False,
            )
        err_console.print(
            f"wirewatch: serving {store!r} on http://{host}:{port}/ "
            f"(writes {'enabled' if secret else 'disabled'})",
            highlight=False,
        )
        try:
            if app is not None:
                uvicorn.run(
                    app, host=host, port=port, log_level=log_level.lower(), access_log=False
                )
            else:
                # Worker processes build their own app (and store connection) from the config
                # handed over in the environment: uvicorn needs an import string to fork.
                store.close()
                os.environ[_CONFIG_ENV] = json.dumps(config)
                uvicorn.run(
                    "wirewatch.cli.serve:app_from_env",
                    factory=True,
                    host=host,
                    port=port,
                    workers=workers,
                    log_level=log_level.lower(),
                    access_log=False,
                )
        finally:
            store.close()


def _api_settings(config: dict[str, Any]) -> Any:
    from wirewatch.api import ApiSettings

    return ApiSettings(
        token=config["token"],
        tile_url=config["tile_url"],
        tile_attribution=config["tile_attribution"],
        max_page_size=config["max_page_size"],
    )


def app_from_env() -> Any:
    """App factory of a ``--workers`` process: the serve options come from the environment."""
    from wirewatch.api import create_app
    from wirewatch.store import open_store

    config = json.loads(os.environ[_CONFIG_ENV])
    return create_app(open_store(config["db"], create=False), _api_settings(config))


@web_app.command("build")
def web_build(
    node_modules: Annotated[
        Path | None,
        typer.Option(
            help="The node_modules folder holding leaflet and world-atlas (default: "
            "the nearest one above the working directory or the package)."
        ),
    ] = None,
    resolution: Annotated[
        str, typer.Option(help="Natural Earth scale of the country outlines: 110m, 50m, 10m.")
    ] = "50m",
) -> None:
    """Copy Leaflet and build the country outlines into the package (after 'npm ci')."""
    from wirewatch.web.build import build_assets, find_node_modules

    with user_errors():
        nm = node_modules or find_node_modules()
        if nm is None:
            raise fail(
                "no node_modules with leaflet found",
                hint="run 'npm ci' at the repository root first (package.json pins the versions)",
            )
        summary = build_assets(nm, resolution=resolution)
        typer.echo(
            f"Leaflet {summary['leaflet']} and {summary['outline_features']} country outlines "
            f"({summary['resolution']}, {summary['outline_bytes'] // 1024} KiB) → {summary['dest']}"
        )


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``serve`` and ``web build`` to the CLI."""
    app.command("serve")(serve)
    app.add_typer(web_app, name="web")
