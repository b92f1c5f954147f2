"""``wirewatch eval claims``: score claim attribution on a PolNeAR-format corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from wirewatch.cli.common import err_console, user_errors


def eval_claims(
    corpus: Annotated[
        Path, typer.Argument(help="JSON Lines with text and attributions (source, cue, content).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Score only the first N documents.")
    ] = None,
) -> None:
    """Content (exact, overlap >= 50%), cue and speaker scores; exit 1 below a pinned floor.

    Example: wirewatch eval claims ../shared/corpus/attribution-polnear-dev.jsonl
    """
    from wirewatch.eval.claims import evaluate
    from wirewatch.eval.common import check_floors

    with user_errors(), err_console.status("scoring claims"):
        metrics = evaluate(corpus, limit=limit)
    # floors hold for the whole corpus only; a --limit run is informative
    problems = check_floors("claims", metrics) if limit is None else []
    if as_json:
        typer.echo(json.dumps({"metrics": metrics, "below_floor": problems}, indent=2))
    else:
        for key, value in metrics.items():
            typer.echo(f"{key:<26} {value}")
        for p in problems:
            err_console.print(f"[bold red]below floor:[/] {p}", highlight=False)
    if problems:
        raise typer.Exit(1)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add ``wirewatch eval claims``."""
    eval_app.command("claims")(eval_claims)
