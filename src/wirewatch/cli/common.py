"""Helpers shared by the CLI commands: settings from the environment, logging, errors.

This layer (with the API and batch layers) is the only one that reads the environment,
configures logging or prints.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console

from wirewatch.errors import WirewatchError
from wirewatch.settings import Settings

err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

# WIREWATCH_<NAME> environment variables map onto settings of the same name.
_ENV_PREFIX = "WIREWATCH_"


def settings_from_env(**overrides: Any) -> Settings:
    """Build :class:`Settings` from ``WIREWATCH_*`` variables, then explicit overrides."""
    values: dict[str, Any] = {}
    env = os.environ
    if v := env.get(_ENV_PREFIX + "SPACY_MODEL"):
        values["spacy_model"] = v
    if v := env.get(_ENV_PREFIX + "CACHE_DIR"):
        values["cache_dir"] = Path(v)
    if v := env.get(_ENV_PREFIX + "GAZETTEER_PATH"):
        values["gazetteer_path"] = Path(v)
    if v := env.get(_ENV_PREFIX + "ACTOR_FILES"):
        values["actor_files"] = tuple(Path(p) for p in v.split(os.pathsep) if p)
    if v := env.get(_ENV_PREFIX + "COUNTRY_FOCUS"):
        values["country_focus"] = v.upper()
    if v := env.get(_ENV_PREFIX + "MAX_CHARS"):
        values["max_chars"] = int(v)
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)


class JsonLogFormatter(logging.Formatter):
    """One JSON object per log record (structured logs for batch runs)."""

    def format(self, record: logging.LogRecord) -> str:
        """Render the record as a JSON line."""
        data = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key.startswith("ctx_"):
                data[key[4:]] = value
        return json.dumps(data, ensure_ascii=False, default=str)


def configure_logging(level: str = "warning", *, json_logs: bool = False) -> None:
    """Send logs to stderr, as text or as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    if json_logs:
        handler.setFormatter(JsonLogFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())


def fail(message: str, *, hint: str | None = None, code: int = 2) -> typer.Exit:
    """Print an error (and what to do) to stderr and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    if hint:
        err_console.print(f"[yellow]hint:[/] {hint}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn :class:`WirewatchError` into a clean message and exit status 2 (no traceback)."""
    try:
        yield
    except WirewatchError as exc:
        raise fail(f"[{exc.code}] {exc.message}", hint=exc.hint) from None
    except KeyboardInterrupt:
        raise fail("interrupted", code=130) from None


def progress_enabled(quiet: bool) -> bool:
    """Show progress bars only on an interactive stderr and when not asked to be quiet."""
    return not quiet and sys.stderr.isatty()
