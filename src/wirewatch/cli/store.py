"""Store commands: ingest, watch, events, control, sitrep, export, db status/migrate/fuse/bench.

``--db`` takes a SQLite path or a ``sqlite:///`` / ``postgresql://`` URL; without it the
store is ``$WIREWATCH_DB`` or ``wirewatch.sqlite`` in the user data directory.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from wirewatch.cli.common import err_console, fail, progress_enabled, settings_from_env, user_errors

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or URL (sqlite:///x.sqlite, postgresql://user@host/db). "
        "Default: $WIREWATCH_DB, else wirewatch.sqlite in the user data directory.",
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="table or json.")]


def default_db() -> str:
    """The store used when no --db is given."""
    env = os.environ.get("WIREWATCH_DB")
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("wirewatch")) / "wirewatch.sqlite")


def _open(db: str | None, *, create: bool = False, migrate: bool = False) -> Any:
    from wirewatch.store import open_store

    return open_store(db or default_db(), create=create, migrate=migrate)


def _check_format(fmt: str) -> None:
    if fmt not in ("table", "json"):
        raise fail(f"unknown --format {fmt!r}", hint="use table or json")


def _table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console = Console()
    if not console.is_terminal:
        # Piped into a file or pager: do not squeeze the table into 80 columns.
        console = Console(width=200)
    console.print(table)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the store commands."""
    db_app = typer.Typer(
        help="Database status, migration, re-fusion and benchmark.", no_args_is_help=True
    )
    app.add_typer(db_app, name="db")

    @app.command()
    def ingest(
        inputs: Annotated[
            list[str] | None,
            typer.Argument(help="Files, directories, globs (quote them), URLs or feed URLs."),
        ] = None,
        db: DbOption = None,
        jsonl: Annotated[
            list[Path] | None,
            typer.Option("--jsonl", help="JSON Lines file in the 'extract --jsonl' input format."),
        ] = None,
        feed: Annotated[
            list[str] | None, typer.Option("--feed", help="An RSS/Atom feed URL (repeatable).")
        ] = None,
        allow_private: Annotated[
            bool, typer.Option(help="Allow fetching from private or loopback addresses.")
        ] = False,
        max_bytes: Annotated[
            int, typer.Option(help="Size cap of one file or download, in bytes.")
        ] = 20_000_000,
        timeout: Annotated[float, typer.Option(help="HTTP timeout in seconds.")] = 20.0,
        published: Annotated[
            str | None,
            typer.Option(
                help="Publication date YYYY-MM-DD for inputs that carry none (plain text "
                "files); dates from JSON Lines, HTML metadata and feeds take precedence."
            ),
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    ) -> None:
        """Extract and store articles; the same article is stored once (safe to re-run).

        Examples:

          wirewatch ingest --db x.sqlite reports/ 'more/*.html'

          wirewatch ingest --db x.sqlite --jsonl reports.jsonl

          wirewatch ingest --db x.sqlite --feed https://example.org/rss.xml
        """
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        from wirewatch.extract import default_pipeline
        from wirewatch.ingest import (
            Fetcher,
            FetchOptions,
            expand_inputs,
            ingest_items,
            iter_jsonl,
            iter_url,
        )

        values = list(inputs or [])
        if not values and not jsonl and not feed:
            raise fail("nothing to ingest", hint="give files, directories, URLs, --jsonl or --feed")
        if published is not None:
            from wirewatch.stages.clean import parse_published

            if parse_published(published)[1]:
                raise fail(f"--published: {parse_published(published)[1]}", hint="use YYYY-MM-DD")
        with user_errors():
            store = _open(db, create=True)
            fetcher = Fetcher(
                FetchOptions(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private)
            )

            def known(url: str) -> bool:
                return bool(store.has_article(url=url))

            def items() -> Any:
                for path in jsonl or []:
                    yield from iter_jsonl(path)
                yield from expand_inputs(
                    values, fetcher=fetcher, max_bytes=max_bytes, known_url=known
                )
                for url in feed or []:
                    yield from iter_url(url, fetcher, known_url=known, feed=True)

            def dated(stream: Any) -> Any:
                for item in stream:
                    raw = getattr(item, "raw", None)
                    if published and raw is not None:
                        raw.published_default = published
                    yield item

            pipeline = default_pipeline(settings_from_env())
            show = progress_enabled(quiet)
            try:
                with Progress(
                    TextColumn("ingest"),
                    BarColumn(),
                    TextColumn(
                        "{task.fields[new]} new, {task.fields[dup]} duplicate, "
                        "{task.fields[bad]} failed"
                    ),
                    TimeElapsedColumn(),
                    console=err_console,
                    disable=not show,
                ) as progress:
                    task = progress.add_task("ingest", total=None, new=0, dup=0, bad=0)
                    counts = {"new": 0, "duplicate": 0, "failed": 0}

                    def tick(item: Any, outcome: str) -> None:
                        counts[outcome] = counts.get(outcome, 0) + 1
                        progress.update(
                            task,
                            advance=1,
                            new=counts["new"],
                            dup=counts["duplicate"],
                            bad=counts["failed"],
                        )

                    report = ingest_items(dated(items()), store, pipeline, progress=tick)
            finally:
                fetcher.close()
                store.close()
        if as_json:
            typer.echo(json.dumps(report.as_dict(), indent=2))
        else:
            typer.echo(
                f"{report.new} new, {report.duplicate} duplicate, {len(report.failed)} failed "
                f"({report.events} events) in {report.seconds:.1f} s"
            )
            for source, reason in report.failed:
                err_console.print(f"  failed: {source}: {reason}", highlight=False, soft_wrap=True)
        if report.failed and not report.new and not report.duplicate:
            raise typer.Exit(1)

    @app.command()
    def watch(
        feeds: Annotated[list[str], typer.Argument(help="RSS/Atom feed URLs.")],
        db: DbOption = None,
        every: Annotated[str, typer.Option(help="Poll interval: 30s, 15m, 2h.")] = "15m",
        polls: Annotated[int | None, typer.Option(help="Stop after this many polls.")] = None,
        once: Annotated[bool, typer.Option("--once", help="Poll once and stop.")] = False,
        allow_private: Annotated[
            bool, typer.Option(help="Allow private/loopback addresses.")
        ] = False,
        max_bytes: Annotated[int, typer.Option(help="Size cap of one download.")] = 20_000_000,
    ) -> None:
        """Poll RSS/Atom feeds and ingest new entries, every --every (Ctrl-C stops)."""
        from wirewatch.extract import default_pipeline
        from wirewatch.ingest import Fetcher, FetchOptions, parse_every, watch_feeds

        with user_errors():
            seconds = parse_every(every)
            store = _open(db, create=True)
            fetcher = Fetcher(FetchOptions(max_bytes=max_bytes, allow_private=allow_private))

            def report(p: Any) -> None:
                r = p.report
                err_console.print(
                    f"poll {p.poll}: {r.new} new, {r.duplicate} duplicate, {len(r.failed)} failed",
                    highlight=False,
                )
                for source, reason in r.failed:
                    err_console.print(f"  failed: {source}: {reason}", highlight=False)

            try:
                watch_feeds(
                    feeds,
                    store,
                    default_pipeline(settings_from_env()),
                    fetcher,
                    every=seconds,
                    polls=1 if once else polls,
                    on_poll=report,
                )
            finally:
                fetcher.close()
                store.close()

    @app.command()
    def events(
        db: DbOption = None,
        date_from: Annotated[
            str | None, typer.Option("--from", help="First date YYYY-MM-DD.")
        ] = None,
        date_to: Annotated[str | None, typer.Option("--to", help="Last date YYYY-MM-DD.")] = None,
        country: Annotated[str | None, typer.Option(help="ISO country code (SY).")] = None,
        bbox: Annotated[str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat")] = None,
        event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type.")] = None,
        sub_event_type: Annotated[
            str | None, typer.Option("--sub-type", help="ACLED sub-event type.")
        ] = None,
        actor: Annotated[str | None, typer.Option(help="Actor name (substring).")] = None,
        place: Annotated[str | None, typer.Option(help="Place name or geonameid.")] = None,
        text: Annotated[
            str | None, typer.Option(help="Full-text search in the source articles.")
        ] = None,
        historical: Annotated[
            bool | None,
            typer.Option(
                "--historical/--no-historical",
                help="Only events every source tells as background from an earlier year "
                "(--historical), or none of them (--no-historical). Default: all, marked "
                "in the 'hist' column.",
            ),
        ] = None,
        limit: Annotated[int, typer.Option(help="At most this many events.")] = 50,
        offset: Annotated[int, typer.Option(help="Skip this many events.")] = 0,
        fmt: FormatOption = "table",
    ) -> None:
        """List fused events (newest first) with filters; --format json gives every source."""
        from wirewatch.model.records import to_plain
        from wirewatch.store import EventQuery

        _check_format(fmt)
        box = None
        if bbox:
            try:
                parts = [float(x) for x in bbox.split(",")]
            except ValueError:
                raise fail(
                    "--bbox needs four numbers", hint="min_lon,min_lat,max_lon,max_lat"
                ) from None
            if len(parts) != 4:
                raise fail("--bbox needs four numbers", hint="min_lon,min_lat,max_lon,max_lat")
            box = (parts[0], parts[1], parts[2], parts[3])
        with user_errors():
            store = _open(db)
            try:
                query = EventQuery(
                    date_from=date_from,
                    date_to=date_to,
                    country=country,
                    bbox=box,
                    event_type=event_type,
                    sub_event_type=sub_event_type,
                    actor=actor,
                    place=place,
                    text=text,
                    limit=limit,
                    offset=offset,
                )
                if historical is None:
                    found = store.query_events(query)
                else:
                    found = _events_by_flag(store, query, historical=historical)
            finally:
                store.close()
        if fmt == "json":
            typer.echo(json.dumps([to_plain(e) for e in found], ensure_ascii=False, indent=2))
            return
        rows = [
            {
                "id": e.id,
                "date": e.date,
                "type": e.sub_event_type or e.event_type or e.plover_type or e.category,
                "place": e.place.name if e.place else None,
                "cc": e.place.country_code if e.place else None,
                "actor1": e.actor1.name if e.actor1 else None,
                "actor2": e.actor2.name if e.actor2 else None,
                "fatalities": e.fatalities.acled,
                "sources": e.n_sources,
                # background from an earlier year: shown, never mistaken for current news
                "hist": "yes" if e.historical else None,
            }
            for e in found
        ]
        _table(
            rows,
            [
                "id",
                "date",
                "type",
                "place",
                "cc",
                "actor1",
                "actor2",
                "fatalities",
                "sources",
                "hist",
            ],
        )

    @app.command()
    def control(
        at: Annotated[str, typer.Option("--at", help="Date YYYY-MM-DD.")],
        db: DbOption = None,
        place: Annotated[str | None, typer.Option(help="Place name or geonameid.")] = None,
        country: Annotated[str | None, typer.Option(help="ISO country code.")] = None,
        fmt: FormatOption = "table",
    ) -> None:
        """Who held each place on a date (holder, since, status and sources)."""
        _check_format(fmt)
        with user_errors():
            store = _open(db)
            try:
                intervals = store.control_at(at, place=place, country=country)
            finally:
                store.close()
        rows = [control_row(iv) for iv in intervals]
        if fmt == "json":
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        _table(
            [{**r, "sources": len(r["sources"])} for r in rows],
            ["place", "geonameid", "country_code", "holder", "since", "status", "sources"],
        )

    @app.command()
    def sitrep(
        date: Annotated[str, typer.Option("--date", help="Day YYYY-MM-DD.")],
        db: DbOption = None,
        country: Annotated[str | None, typer.Option(help="ISO country code.")] = None,
    ) -> None:
        """A daily situation report in Markdown (changes, events, actors, contradictions)."""
        with user_errors():
            store = _open(db)
            try:
                typer.echo(store.sitrep(date, country), nl=False)
            finally:
                store.close()

    @app.command()
    def export(
        fmt: Annotated[
            str,
            typer.Argument(
                help="acled (CSV), plover (JSON Lines), geojson, control-geojson, parquet."
            ),
        ],
        out: Annotated[
            str, typer.Option("--out", "-o", help="Output file ('-' = stdout, not for parquet).")
        ] = "-",
        db: DbOption = None,
        date_from: Annotated[str | None, typer.Option("--from", help="First date.")] = None,
        date_to: Annotated[str | None, typer.Option("--to", help="Last date.")] = None,
        country: Annotated[str | None, typer.Option(help="ISO country code.")] = None,
        at: Annotated[str | None, typer.Option("--at", help="Date for control-geojson.")] = None,
        include_untyped: Annotated[
            bool,
            typer.Option(
                "--include-untyped",
                help="acled/plover: also write events the format has no type for (empty "
                "event_type: displacement, prisoner releases, PLOVER-only statements in the "
                "ACLED CSV). Default: left out and counted.",
            ),
        ] = False,
    ) -> None:
        """Export fused events (ACLED CSV, PLOVER JSONL, GeoJSON, Parquet) or control points."""
        from wirewatch.export import ExportReport, write_acled_csv, write_plover_jsonl
        from wirewatch.store import EventQuery

        report = ExportReport()

        query = EventQuery(date_from=date_from, date_to=date_to, country=country, limit=None)
        if fmt not in ("acled", "plover", "geojson", "control-geojson", "parquet"):
            raise fail(
                f"unknown export format {fmt!r}",
                hint="acled, plover, geojson, control-geojson, parquet",
            )
        if fmt == "parquet" and out == "-":
            raise fail("parquet needs a file", hint="pass --out events.parquet")
        if fmt == "control-geojson" and not at:
            raise fail("control-geojson needs --at DATE")
        with user_errors():
            store = _open(db)
            try:
                if fmt == "parquet":
                    n = store.export_parquet(out, query)
                else:
                    fh = sys.stdout if out == "-" else open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115
                    try:
                        if fmt == "acled":
                            n = write_acled_csv(
                                store.iter_events(query),
                                fh,
                                include_untyped=include_untyped,
                                report=report,
                            )
                        elif fmt == "plover":
                            n = write_plover_jsonl(
                                store.iter_events(query),
                                fh,
                                include_untyped=include_untyped,
                                report=report,
                            )
                        elif fmt == "geojson":
                            n = store.export_geojson(fh, query)
                        else:
                            n = store.export_geojson(fh, control_day=at)
                    finally:
                        if fh is not sys.stdout:
                            fh.close()
            finally:
                store.close()
        if fmt in ("acled", "plover"):
            # what was left out or marked, so no analyst mistakes the file for everything
            err_console.print(report.summary(fmt), highlight=False, soft_wrap=True)
        else:
            err_console.print(f"{n} records written", highlight=False)

    @db_app.command("status")
    def db_status(
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    ) -> None:
        """Backend, schema version and row counts."""
        with user_errors():
            store = _open(db)
            try:
                stats = store.stats()
            finally:
                store.close()
        if as_json:
            typer.echo(json.dumps(stats, indent=2, default=str))
        else:
            for key, value in stats.items():
                typer.echo(f"{key:<20} {value}")

    @db_app.command("migrate")
    def db_migrate(db: DbOption = None) -> None:
        """Create the database or upgrade its schema to this version."""
        with user_errors():
            store = _open(db, create=True, migrate=True)
            try:
                typer.echo(f"schema version {store.schema_version}: {store!r}")
            finally:
                store.close()

    @db_app.command("fuse")
    def db_fuse(db: DbOption = None) -> None:
        """Recompute every fused event and control timeline from the stored articles."""
        with user_errors():
            store = _open(db)
            try:
                rep = store.fuse()
            finally:
                store.close()
        typer.echo(
            f"{rep.records} event records → {rep.events} fused events; {rep.places} places; "
            f"{rep.contradictions} contradictions ({rep.seconds:.2f} s)"
        )

    @db_app.command("bench")
    def db_bench(
        db: DbOption = None,
        events_n: Annotated[
            int, typer.Option("--events", help="Synthetic events to generate.")
        ] = 1_000_000,
        articles_n: Annotated[
            int, typer.Option("--articles", help="Articles for the ingest-rate test.")
        ] = 40,
        skip_ingest: Annotated[bool, typer.Option(help="Only the query benchmark.")] = False,
    ) -> None:
        """Benchmark: ingest rate vs bare extraction, and a country-month query on N events."""
        from wirewatch.store.bench import bench_ingest, bench_query

        with user_errors():
            target = db or str(Path.cwd() / "wirewatch-bench.sqlite")
            out: dict[str, Any] = {}
            if not skip_ingest:
                out["ingest"] = bench_ingest(articles_n)
            out["query"] = bench_query(target, events_n)
        typer.echo(json.dumps(out, indent=2))


def _events_by_flag(store: Any, query: Any, *, historical: bool) -> list[Any]:
    """The query's page of events whose ``historical`` flag is ``historical``.

    The flag lives in the stored event data, not in an indexed column, so the store's own
    pages are read in turn and filtered here; limit and offset apply to what is kept."""
    import dataclasses

    want = query.limit if query.limit is not None else float("inf")
    skip = query.offset
    page = max(100, query.limit or 0)
    at = 0
    out: list[Any] = []
    while len(out) < want:
        batch = store.query_events(dataclasses.replace(query, limit=page, offset=at))
        if not batch:
            break
        at += len(batch)
        for e in batch:
            if e.historical != historical:
                continue
            if skip:
                skip -= 1
                continue
            out.append(e)
            if len(out) >= want:
                break
    return out


def control_row(iv: Any) -> dict[str, Any]:
    """One control interval as the stable JSON row of ``wirewatch control``."""
    return {
        "place": iv.place.name,
        "geonameid": iv.place.geonameid,
        "country_code": iv.place.country_code,
        "lat": iv.place.lat,
        "lon": iv.place.lon,
        "holder": iv.holder,
        "previous_holder": iv.previous_holder,
        "since": iv.since,
        "until": iv.until,
        "status": iv.status,
        "contested_by": list(iv.contested_by),
        "sources": [
            {
                "url": s.url,
                "outlet": s.outlet,
                "published": s.published,
                "status": s.status,
                "evidence": s.evidence,
                "article_id": s.article_id,
            }
            for s in iv.sources
        ],
    }
