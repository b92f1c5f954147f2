"""``wirewatch eval events``: event-type classification on CASE 2021 snippets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from wirewatch.cli.common import err_console, user_errors


def eval_events(
    corpus: Annotated[Path, typer.Argument(help="CASE 2021 JSON Lines (events-case2021-dev).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", help="Score only the first N snippets (floors not checked)."),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Run the whole default pipeline, not only the coder.")
    ] = False,
    confusion: Annotated[
        bool, typer.Option("--confusion/--no-confusion", help="Print the confusion table.")
    ] = True,
) -> None:
    """Accuracy, micro and macro F1 of ACLED event types and sub-types, confusion table.

    The prediction for a snippet is its main event (highest-confidence ACLED-coded event
    that is not negated, hypothetical, historical or only attributed); none → null.
    Exits 1 when a metric is below its pinned floor (eval/floors/events.json).
    """
    from rich.table import Table

    from wirewatch.eval.common import check_floors
    from wirewatch.eval.events import NULL, run_events_eval

    with user_errors(), err_console.status("coding events"):
        report = run_events_eval(corpus, limit=limit, full=full)
    problems = [] if limit is not None else check_floors("events", report.metrics)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "metrics": report.metrics,
                    "per_class": report.per_class,
                    "confusion": report.confusion,
                    "below_floor": problems,
                },
                indent=2,
            )
        )
    else:
        table = Table(title="CASE 2021 → ACLED event coding")
        table.add_column("metric")
        table.add_column("value", justify="right")
        for key, value in report.metrics.items():
            table.add_row(key, f"{value:.4f}" if value < 10 else f"{value:.0f}")
        err_console.print(table)
        per = Table(title="per sub-event type")
        for col in ("class", "P", "R", "F1", "n"):
            per.add_column(col, justify="left" if col == "class" else "right")
        for name, row in report.per_class.items():
            per.add_row(
                name,
                f"{row['precision']:.2f}",
                f"{row['recall']:.2f}",
                f"{row['f1']:.2f}",
                f"{row['support']:.0f}",
            )
        err_console.print(per)
        if confusion:
            conf = Table(title="confusion (gold → predicted, top 4)")
            conf.add_column("gold")
            conf.add_column("predicted")
            for gold, counts in report.confusion.items():
                top = sorted(counts.items(), key=lambda kv: -kv[1])[:4]
                conf.add_row(gold, ", ".join(f"{p or NULL} {n}" for p, n in top))
            err_console.print(conf)
        for key, value in report.metrics.items():
            typer.echo(f"{key}\t{value}")
    if problems:
        for p in problems:
            err_console.print(f"[red]below floor:[/] {p}")
        raise typer.Exit(1)
    if limit is not None and not as_json:
        err_console.print("floors not checked with --limit")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``wirewatch eval events``."""
    eval_app.command("events")(eval_events)
