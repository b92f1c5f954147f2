"""``wirewatch batch …`` (extract, fuse, bench, digest) and ``wirewatch load``."""

from __future__ import annotations

import json
import os
import sys
from typing import Annotated, Any

import typer

from wirewatch.cli.common import err_console, fail, settings_from_env, user_errors

batch_app = typer.Typer(
    help="Run extraction and fusion over many articles: a local process pool or Apache Spark.",
    no_args_is_help=True,
)

EngineOpt = Annotated[str, typer.Option("--engine", help="local (process pool, default) or spark.")]
MasterOpt = Annotated[
    str | None,
    typer.Option(
        "--master",
        help="Spark master URL (e.g. local[4], yarn); default: whatever spark-submit or the "
        "environment configures, else local[*].",
    ),
]
ConfOpt = Annotated[
    list[str] | None,
    typer.Option("--conf", help="Extra Spark setting KEY=VALUE (repeatable)."),
]


def spark_session(master: str | None, conf: list[str] | None) -> Any:
    """Build (or reuse) the SparkSession for a command; workers use this Python."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise fail(
            "PySpark is not installed",
            hint="pip install 'wirewatch[spark]' (needs Java 17 or later)",
        ) from None
    # Workers must run the interpreter that has wirewatch installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("wirewatch")
    if master:
        builder = builder.master(master)
    for item in conf or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise fail(f"--conf {item!r} is not KEY=VALUE")
        builder = builder.config(key, value)
    return builder.getOrCreate()


@batch_app.command("extract")
def extract_cmd(
    input_path: Annotated[
        str,
        typer.Option("--input", "-i", help="JSON Lines or Parquet file, directory, glob or URI."),
    ],
    output_path: Annotated[
        str, typer.Option("--output", "-o", help="Output directory (created; must not exist).")
    ],
    engine: EngineOpt = "local",
    partitions: Annotated[
        int | None, typer.Option("--partitions", help="Number of partitions (default: automatic).")
    ] = None,
    n_process: Annotated[
        int | None,
        typer.Option("--n-process", help="Worker processes of the local engine (default: CPUs)."),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Add to an existing output, skipping articles already done."),
    ] = False,
    fmt: Annotated[
        str, typer.Option("--format", help="auto (from file names), jsonl or parquet.")
    ] = "auto",
    master: MasterOpt = None,
    conf: ConfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
) -> None:
    """Extract every article of a large input into Parquet tables.

    Writes OUTPUT/extractions (one row per input record: the Extraction JSON, or an error
    row), and flat OUTPUT/events, places and claims tables.

    Examples:

      wirewatch batch extract -i articles.jsonl -o out/

      wirewatch batch extract -i s3a://bucket/news/2024-12-05/ -o s3a://bucket/ww/ --engine spark
    """
    if engine not in ("local", "spark"):
        raise fail(f"--engine {engine!r}: choose local or spark")
    if fmt not in ("auto", "jsonl", "parquet"):
        raise fail(f"--format {fmt!r}: choose auto, jsonl or parquet")
    with user_errors():
        settings = settings_from_env()
        if engine == "local":
            from wirewatch.batch.extract import run_local

            result = run_local(
                input_path,
                output_path,
                settings,
                n_process=n_process or os.cpu_count() or 1,
                partitions=partitions,
                resume=resume,
                fmt=fmt,
            )
        else:
            from wirewatch.batch.spark import run_spark

            spark = spark_session(master, conf)
            result = run_spark(
                spark, input_path, output_path, settings,
                partitions=partitions, resume=resume, fmt=fmt,
            )  # fmt: skip
    summary = result.as_dict()
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    typer.echo(
        f"{summary['records']} records ({summary['ok']} ok, {summary['errors']} errors, "
        f"{summary['skipped']} already done) in {summary['seconds']:.1f} s "
        f"with the {engine} engine → {output_path}"
    )
    if summary["errors"]:
        err_console.print(
            f"{summary['errors']} records could not be extracted: see the error_code and "
            "error_message columns of OUTPUT/extractions (status = 'error')",
            highlight=False,
        )


@batch_app.command("digest")
def digest_cmd(
    output_path: Annotated[str, typer.Argument(help="A local batch output directory.")],
) -> None:
    """SHA-256 of each table's sorted rows: equal digests mean identical outputs."""
    from wirewatch.batch.output import digest

    with user_errors():
        for table, value in digest(output_path).items():
            typer.echo(f"{table:<12} {value}")


@batch_app.command("fuse")
def fuse_cmd(
    input_path: Annotated[
        str, typer.Option("--input", "-i", help="Output directory of 'wirewatch batch extract'.")
    ],
    output_path: Annotated[
        str,
        typer.Option(
            "--output", "-o", help="New directory for fused_events and control_intervals."
        ),
    ],
    master: MasterOpt = None,
    conf: ConfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")] = False,
) -> None:
    """Deduplicate events across reports and build control timelines, on Spark.

    Blocks events by date window × country (or grid cell), clusters each block with the
    store's own fusion functions, and joins clusters across blocks: the result equals the
    store's fusion of the same articles.

    Example:

      wirewatch batch fuse -i out/ -o fused/ --master local[4]
    """
    with user_errors():
        from wirewatch.batch.fuse import run_fuse

        result = run_fuse(spark_session(master, conf), input_path, output_path)
    summary = result.as_dict()
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    typer.echo(
        f"{summary['articles']} articles, {summary['records']} event reports → "
        f"{summary['events']} events; {summary['intervals']} control intervals over "
        f"{summary['places']} places in {summary['seconds']:.1f} s → {output_path}"
    )


@batch_app.command("bench")
def bench_cmd(
    n: Annotated[int, typer.Option("--n", help="Number of generated articles.")] = 2000,
    seed: Annotated[int, typer.Option(help="Seed of the generated corpus.")] = 7,
    spark: Annotated[
        bool, typer.Option("--spark/--no-spark", help="Include the Spark local[2] run.")
    ] = True,
    master: Annotated[str, typer.Option("--master", help="Spark master of the Spark run.")] = (
        "local[2]"
    ),
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Exit 1 when a target is missed.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Throughput of batch extraction: local 1-process, local 2-process, Spark local[2].

    Reports articles/s, speed-up over one process, peak memory (all processes) and worker
    start-up, and checks the three outputs are identical. Targets: local 2-process >= 1.7x,
    Spark local[2] >= 1.6x, worker start-up <= 3 s. Other work on the same cores makes the
    figures noisy: the load average is reported.
    """
    from wirewatch.batch.bench import run_batch_bench

    def factory() -> Any:
        return spark_session(master, ["spark.ui.enabled=false"])

    with user_errors(), err_console.status("benchmarking") as status:
        result = run_batch_bench(
            n=n,
            seed=seed,
            settings=settings_from_env(),
            spark_factory=factory if spark else None,
            progress=lambda msg: status.update(msg),
        )
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    else:
        typer.echo(f"{result.articles} articles, {result.words:,} words")
        for name, fig in result.runs.items():
            typer.echo(
                f"{name:<13} {fig['seconds']:>7.1f} s  {fig['articles_per_s']:>6.1f} articles/s  "
                f"{fig['words_per_s']:>7,} words/s  peak {fig['peak_rss_mb']:>7,.0f} MB"
            )
        typer.echo(f"speed-up local 2-process {result.speedup_local2}x (target >= 1.7)")
        if result.speedup_spark is not None:
            typer.echo(f"speed-up Spark local[2]  {result.speedup_spark}x (target >= 1.6)")
            typer.echo(f"Spark session start      {result.spark_session_s} s (not counted)")
        typer.echo(f"worker start-up          {result.worker_startup_s} s (target <= 3)")
        typer.echo(f"identical outputs        {result.identical}")
        typer.echo(f"load average before/after {result.load_average}")
    for failure in result.failures:
        err_console.print(f"[bold red]target missed:[/] {failure}", highlight=False)
    if check and result.failures:
        raise typer.Exit(1)


def load(
    path: Annotated[str, typer.Argument(help="Output directory of 'wirewatch batch extract'.")],
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="SQLite file or URL (sqlite:///x.sqlite, postgresql://user@host/db). "
            "Default: $WIREWATCH_DB, else wirewatch.sqlite in the user data directory.",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Load the extractions of a batch output into the store (fusing as they arrive).

    Articles already in the store (same content or URL) are skipped, so loading twice is
    harmless.

    Example:

      wirewatch load --db events.sqlite out/
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from wirewatch.batch.load import load_output
    from wirewatch.cli.common import progress_enabled
    from wirewatch.cli.store import default_db
    from wirewatch.store import open_store

    with user_errors():
        store = open_store(db or default_db())
        try:
            with Progress(
                SpinnerColumn(),
                TextColumn("{task.completed} articles loaded"),
                TimeElapsedColumn(),
                console=err_console,
                disable=not progress_enabled(quiet),
            ) as progress:
                task = progress.add_task("load", total=None)
                result = load_output(store, path, on_article=lambda: progress.advance(task))
        finally:
            store.close()
    counts = result.as_dict()
    if as_json:
        typer.echo(json.dumps(counts, indent=2))
        return
    typer.echo(
        f"{counts['new']} articles added ({counts['events']} event reports), "
        f"{counts['duplicate']} already in the store, {counts['errors_skipped']} error rows skipped"
    )


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``wirewatch batch`` and ``wirewatch load``."""
    app.add_typer(batch_app, name="batch")
    app.command(name="load")(load)
