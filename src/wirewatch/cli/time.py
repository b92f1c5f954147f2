"""``wirewatch eval time``: score temporal normalisation on TimeBank, beside dateparser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from wirewatch.cli.common import err_console, user_errors

_PEER_KEYS = (
    ("DATE overlap F1", "date_overlap_f1", "peer_date_overlap_f1"),
    ("DATE value accuracy", "date_value_accuracy", "peer_date_value_accuracy"),
    ("DATE value end-to-end", "date_value_end_to_end", "peer_date_value_end_to_end"),
    ("relative value accuracy", "relative_value_accuracy", "peer_relative_value_accuracy"),
    ("relative end-to-end", "relative_value_end_to_end", "peer_relative_value_end_to_end"),
    ("characters / second", "chars_per_second", "peer_chars_per_second"),
)


def eval_time(
    corpus: Annotated[Path, typer.Argument(help="TimeBank JSON Lines (time-timebank-dev.jsonl).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    peer: Annotated[
        bool, typer.Option("--peer/--no-peer", help="Also run dateparser's search_dates.")
    ] = True,
) -> None:
    """Recognition P/R/F1 and value accuracy of dates, with dateparser side by side.

    Exits 1 when a metric is below its pinned floor (eval/floors/time.json).
    """
    from wirewatch.eval.common import check_floors
    from wirewatch.eval.time import evaluate_time

    with user_errors(), err_console.status("scoring temporal expressions"):
        metrics = evaluate_time(corpus, limit=limit, peer=peer)
    # a partial run cannot be held to the floors of the whole corpus
    problems = check_floors("time", metrics) if limit is None else []
    if not peer:
        problems = [p for p in problems if "peer" not in p]
    if as_json:
        typer.echo(json.dumps(metrics, indent=2))
    else:
        _print_table(metrics, peer=peer)
    for problem in problems:
        err_console.print(f"[bold red]below floor:[/] {problem}", highlight=False)
    if problems:
        raise typer.Exit(1)


def _print_table(metrics: dict[str, float], *, peer: bool) -> None:
    shown: set[str] = set()
    if peer:
        typer.echo(f"{'metric':<26} {'wirewatch':>12} {'search_dates':>13}")
        for label, ours, theirs in _PEER_KEYS:
            typer.echo(f"{label:<26} {metrics.get(ours, 0):>12} {metrics.get(theirs, 0):>13}")
            shown |= {ours, theirs}
        typer.echo(f"{'speed-up':<26} {metrics.get('speedup_vs_peer', 0):>12}x")
        shown.add("speedup_vs_peer")
        typer.echo("")
    for key, value in metrics.items():
        if key not in shown:
            typer.echo(f"{key:<32} {value}")


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``wirewatch eval time``."""
    eval_app.command("time")(eval_time)
