"""``wirewatch gazetteer ...`` and ``wirewatch eval geoparse`` commands."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from wirewatch.cli.common import err_console, fail, progress_enabled, settings_from_env, user_errors


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the gazetteer commands and the geoparsing evaluation."""
    gaz = typer.Typer(help="The GeoNames gazetteer: load a dump, build the index, status.")
    app.add_typer(gaz, name="gazetteer")

    @gaz.command("load")
    def load(
        files: Annotated[
            list[Path],
            typer.Argument(
                help="GeoNames files: allCountries.zip, XX.zip or XX.txt, admin1CodesASCII.txt, "
                "admin2Codes.txt (all at once: the load replaces the previous database)."
            ),
        ],
        db: Annotated[
            Path | None, typer.Option(help="Database to write (default: the configured one).")
        ] = None,
        build: Annotated[bool, typer.Option(help="Also build the merged index now.")] = True,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress.")] = False,
    ) -> None:
        """Import GeoNames dump files for village-level coverage (atomic)."""
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from wirewatch.gazetteer import db_path, load_index
        from wirewatch.gazetteer.geonames import load_files

        with user_errors():
            settings = settings_from_env(gazetteer_path=db)
            target = db_path(settings)
            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TextColumn("{task.completed:,} rows"),
                TimeElapsedColumn(),
                console=err_console,
                disable=not progress_enabled(quiet),
            ) as progress:
                task = progress.add_task("reading", total=None)

                def report(where: str, rows: int) -> None:
                    progress.update(task, description=Path(where).name, completed=rows)

                counts = load_files(list(files), target, progress=report)
            typer.echo(
                f"loaded {counts['geonames']:,} places, {counts['admin1']:,} admin1 and "
                f"{counts['admin2']:,} admin2 names into {target}"
            )
            if build:
                t0 = time.perf_counter()
                idx = load_index(settings)
                typer.echo(
                    f"index: {len(idx):,} entries ({idx.source}) in {time.perf_counter() - t0:.1f}s"
                )

    @gaz.command("status")
    def status(
        as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    ) -> None:
        """Which gazetteer is used, its size and whether its index is built."""
        from wirewatch.gazetteer import describe

        with user_errors():
            info = describe(settings_from_env())
            if as_json:
                typer.echo(json.dumps(info, indent=2, default=str))
                return
            for key, value in info.items():
                typer.echo(f"{key}: {value}")

    @gaz.command("build")
    def build_cmd(
        admin1: Annotated[
            Path | None,
            typer.Option(
                help="GeoNames admin1CodesASCII.txt: keep a checked copy in the cache so that "
                "provinces get their GeoNames ids and names (CC-BY 4.0, GeoNames)."
            ),
        ] = None,
    ) -> None:
        """Build (or rebuild) the cached index now, and time loading it."""
        from wirewatch.gazetteer import build_index, cache_dir, index_path, prune_stale
        from wirewatch.gazetteer.admin1 import install_admin1
        from wirewatch.gazetteer.index import GazetteerIndex

        with user_errors():
            settings = settings_from_env()
            if admin1 is not None:
                n = install_admin1(admin1, cache_dir(settings))
                typer.echo(f"admin1 table: {n:,} first-level divisions from {admin1.name}")
            t0 = time.perf_counter()
            idx = build_index(settings)
            path = index_path(settings)
            idx.save(path)
            prune_stale(path)
            built = time.perf_counter() - t0
            del idx
            t0 = time.perf_counter()
            idx = GazetteerIndex.load(path)
            typer.echo(
                f"built {len(idx):,} entries, {idx.n_keys:,} names in {built:.1f}s → {path}; "
                f"loads in {time.perf_counter() - t0:.2f}s"
            )

    @eval_app.command("geoparse")
    def eval_geoparse(
        corpus: Annotated[Path, typer.Argument(help="GeoWebNews-format JSON Lines file.")],
        as_json: Annotated[bool, typer.Option("--json", help="Print metrics as JSON.")] = False,
        limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
        peer: Annotated[
            bool, typer.Option("--peer/--no-peer", help="Also score geotext side by side.")
        ] = True,
    ) -> None:
        """Score toponym recognition and resolution (and the geotext peer); enforce floors."""
        from wirewatch.eval.common import check_floors
        from wirewatch.eval.geoparse import evaluate

        with user_errors():
            metrics = evaluate(str(corpus), settings_from_env(), limit=limit, peer=peer)
        problems = check_floors("geoparse", metrics) if limit is None else []
        if as_json:
            typer.echo(json.dumps(metrics, indent=2))
        else:
            for key, value in metrics.items():
                typer.echo(f"{key:<28} {value}")
        if problems:
            raise fail("; ".join(problems), hint="a change made geoparsing worse", code=1)
