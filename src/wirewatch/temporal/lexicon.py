"""The word lists of the temporal recogniser, read once from ``data/time/lexicon.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from wirewatch.errors import DataFileError

_PATH = "data/time/lexicon.json"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Month, weekday, number and unit words plus the cue lists of the normaliser."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, float]
    vague_numbers: tuple[str, ...]
    units: dict[str, str]
    ordinals: dict[str, int]
    day_ordinals: dict[str, int]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    set_adverbs: dict[str, str]
    phrases: dict[str, tuple[str, str]]
    relative_words: dict[str, int]
    modifiers: tuple[str, ...]
    future_cues: tuple[str, ...]
    strong_future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    anchor_prepositions: dict[str, int]
    event_nouns: tuple[str, ...]
    not_after_year: frozenset[str]
    month_prepositions: frozenset[str]


def _need(data: dict[str, Any], key: str, kind: type) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise DataFileError(_PATH, None, f"key {key!r} must be a {kind.__name__}")
    return value


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """Validate and build a :class:`Lexicon` from the JSON object of the data file."""
    phrases: dict[str, tuple[str, str]] = {}
    for phrase, spec in _need(data, "phrases", dict).items():
        if not (isinstance(spec, list) and len(spec) == 2):
            raise DataFileError(_PATH, None, f"phrase {phrase!r}: expected [operation, type]")
        phrases[phrase.lower()] = (str(spec[0]), str(spec[1]))
    return Lexicon(
        months={k.lower(): int(v) for k, v in _need(data, "months", dict).items()},
        ambiguous_months=frozenset(_need(data, "ambiguous_months", list)),
        weekdays={k.lower(): int(v) for k, v in _need(data, "weekdays", dict).items()},
        numbers={k.lower(): float(v) for k, v in _need(data, "numbers", dict).items()},
        vague_numbers=tuple(_need(data, "vague_numbers", list)),
        units=dict(_need(data, "units", dict)),
        ordinals={k: int(v) for k, v in _need(data, "ordinals", dict).items()},
        day_ordinals={k: int(v) for k, v in _need(data, "day_ordinals", dict).items()},
        parts_of_day=dict(_need(data, "parts_of_day", dict)),
        seasons=dict(_need(data, "seasons", dict)),
        set_adverbs=dict(_need(data, "set_adverbs", dict)),
        phrases=phrases,
        relative_words={k: int(v) for k, v in _need(data, "relative_words", dict).items()},
        modifiers=tuple(_need(data, "modifiers", list)),
        future_cues=tuple(_need(data, "future_cues", list)),
        strong_future_cues=tuple(_need(data, "strong_future_cues", list)),
        past_cues=tuple(_need(data, "past_cues", list)),
        anchor_prepositions={
            k: int(v) for k, v in _need(data, "anchor_prepositions", dict).items()
        },
        event_nouns=tuple(_need(data, "event_nouns", list)),
        not_after_year=frozenset(_need(data, "not_after_year", list)),
        month_prepositions=frozenset(_need(data, "month_prepositions", list)),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon (cached; raises :class:`DataFileError` when it is broken)."""
    path = resources.files("wirewatch").joinpath(_PATH)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataFileError(_PATH, None, f"cannot read the time lexicon: {exc}") from exc
    if not isinstance(data, dict):
        raise DataFileError(_PATH, None, "the time lexicon must be a JSON object")
    return parse_lexicon(data)
