"""The geoparser's context knowledge, read from ``wirewatch/data/geo/`` (JSON and text)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS


def _read(name: str) -> str:
    return resources.files("wirewatch").joinpath("data", "geo", name).read_text(encoding="utf-8")


def _json(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(_read(name))
    data.pop("_comment", None)
    return data


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists used as recognition and resolution evidence (all lower case)."""

    place_prepositions: frozenset[str]
    directions: frozenset[str]
    near_words: tuple[str, ...]
    road_words: frozenset[str]
    facility_words: frozenset[str]
    admin_words: frozenset[str]
    geo_nouns: frozenset[str]
    person_titles: frozenset[str]
    speech_verbs: frozenset[str]
    not_names: frozenset[str]
    org_words: frozenset[str]
    common_words: frozenset[str]
    demonyms: dict[str, str]
    country_aliases: dict[str, list[str]]


def load_cues() -> Cues:
    """Read the packaged cue files."""
    c = _json("cues.json")

    def words(key: str) -> frozenset[str]:
        value: list[str] = c[key]  # type: ignore[assignment]
        return frozenset(str(w).lower() for w in value)

    common = {
        line.strip()
        for line in _read("common_words.txt").splitlines()
        if line.strip() and not line.startswith("#")
    }
    near: list[str] = c["near_words"]  # type: ignore[assignment]
    demonyms = {str(k): str(v) for k, v in _json("demonyms.json").items()}
    aliases = {str(k): [str(a) for a in v] for k, v in _json("country_aliases.json").items()}  # type: ignore[attr-defined]
    return Cues(
        place_prepositions=words("place_prepositions"),
        directions=words("directions"),
        near_words=tuple(sorted((str(w) for w in near), key=len, reverse=True)),
        road_words=words("road_words"),
        facility_words=words("facility_words"),
        admin_words=words("admin_words"),
        geo_nouns=words("geo_nouns"),
        person_titles=words("person_titles"),
        speech_verbs=words("speech_verbs"),
        not_names=words("not_names"),
        org_words=words("org_words"),
        common_words=frozenset(common | set(STOP_WORDS)),
        demonyms=demonyms,
        country_aliases=aliases,
    )
