"""Generate the CLI, settings and warning references (docs/*.md) from the code itself.

``python -m wirewatch.cli.reference docs`` rewrites the files; a test fails when the
committed files differ, so that every command, setting and warning code stays documented.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer.main


def _walk(cmd: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    # typer may vendor its own click, so commands are duck-typed here.
    # Plain click formatting: rich boxes depend on the terminal and make noisy diffs.
    cmd.rich_markup_mode = None
    out = [(path, cmd)]
    if hasattr(cmd, "commands"):
        for name in sorted(cmd.commands):
            out.extend(_walk(cmd.commands[name], [*path, name]))
    return out


def cli_reference() -> str:
    """Markdown reference of every command, from its ``--help``."""
    from wirewatch.cli.app import app

    root = typer.main.get_command(app)
    parts = ["# Command-line reference", "", "Generated from `--help`; do not edit by hand.", ""]
    for path, cmd in _walk(root, ["wirewatch"]):
        ctx = cmd.context_class(
            cmd, info_name=" ".join(path), terminal_width=100, max_content_width=100
        )
        text = cmd.get_help(ctx)
        parts += [f"## {' '.join(path)}", "", "```text", text.rstrip(), "```", ""]
    return "\n".join(parts)


def settings_reference() -> str:
    """Markdown table of every setting."""
    from wirewatch.settings import describe_settings

    rows = [
        "# Settings",
        "",
        "Generated from `wirewatch.settings`; do not edit by hand.",
        "Environment variables `WIREWATCH_<NAME>` set some of them for the CLI.",
        "",
        "| setting | default | meaning |",
        "|---|---|---|",
    ]
    for row in describe_settings():
        rows.append(f"| `{row['name']}` | `{row['default']}` | {row['help']} |")
    return "\n".join(rows) + "\n"


def warnings_reference() -> str:
    """Markdown table of every warning code that an extraction may carry."""
    from wirewatch.errors import WARNING_CODES

    rows = [
        "# Warning codes",
        "",
        "Generated from `wirewatch.errors`; do not edit by hand.",
        "",
        "| code | meaning |",
        "|---|---|",
    ]
    for code, meaning in sorted(WARNING_CODES.items()):
        rows.append(f"| `{code}` | {meaning} |")
    return "\n".join(rows) + "\n"


REFERENCES = {
    "cli.md": cli_reference,
    "settings.md": settings_reference,
    "warnings.md": warnings_reference,
}


def main(argv: list[str]) -> int:
    """Write the references into the folder given as the first argument."""
    folder = Path(argv[0] if argv else "docs")
    for name, make in REFERENCES.items():
        (folder / name).write_text(make(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
