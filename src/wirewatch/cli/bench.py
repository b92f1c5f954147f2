"""``wirewatch bench`` (filled in below)."""

from __future__ import annotations

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the bench command."""
