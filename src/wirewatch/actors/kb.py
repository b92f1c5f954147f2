"""The actor knowledge base: loading and validating the JSON Lines files.

The packaged base lives in ``wirewatch/data/actors/*.jsonl`` (one actor per line); users
add their own files through ``Settings.actor_files``. A user entry with an id that already
exists replaces the packaged one, so a file can correct the base as well as extend it.
Every error names its file and line (:class:`~wirewatch.errors.DataFileError`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from wirewatch.errors import DataFileError

# ACLED "inter" types as words, plus the four kinds that are not armed actors.
ACTOR_KINDS: tuple[str, ...] = (
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external/other forces",
    "government",
    "person",
    "organisation",
    "media",
)

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$")
_QID_RE = re.compile(r"^Q[1-9][0-9]*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_LIST_FIELDS = ("aliases", "acronyms", "descriptions")
_STR_FIELDS = ("country", "wikidata", "role", "affiliation", "note")
_KNOWN_FIELDS = frozenset(("id", "name", "kind", *_LIST_FIELDS, *_STR_FIELDS))


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the knowledge base."""

    id: str
    name: str
    kind: str
    country: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    descriptions: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    note: str | None = None
    source: str = ""  # "file:line" the entry came from, for messages


@dataclass(frozen=True, slots=True)
class Country:
    """A country's ISO code, names and demonyms (from ``countries.tsv``)."""

    iso2: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


@dataclass(slots=True)
class KnowledgeBase:
    """All actors, countries and linguistic cues the linker uses."""

    entries: dict[str, ActorEntry]
    countries: dict[str, Country]
    lexicon: dict[str, Any]
    files: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, actor_id: str) -> ActorEntry | None:
        """The entry with this id, if any."""
        return self.entries.get(actor_id)

    def by_kind(self) -> dict[str, int]:
        """How many entries of each kind (for ``wirewatch actors list`` and docs)."""
        counts: dict[str, int] = {}
        for entry in self.entries.values():
            counts[entry.kind] = counts.get(entry.kind, 0) + 1
        return dict(sorted(counts.items()))

    def search(self, text: str) -> list[ActorEntry]:
        """Entries whose id, name, alias or acronym contains ``text`` (case-insensitive)."""
        needle = text.lower()
        out = []
        for entry in self.entries.values():
            names = (entry.id, entry.name, *entry.aliases, *entry.acronyms)
            if any(needle in n.lower() for n in names):
                out.append(entry)
        return out


def _fail(path: str, line: int, message: str) -> DataFileError:
    return DataFileError(
        path, line, message, hint="fix the line (see docs/actors.md for the record format)"
    )


def parse_entry(obj: Any, path: str, line: int) -> ActorEntry:
    """Validate one decoded JSON object and build its :class:`ActorEntry`."""
    if not isinstance(obj, dict):
        raise _fail(path, line, "each line must be a JSON object")
    unknown = sorted(set(obj) - _KNOWN_FIELDS)
    if unknown:
        raise _fail(path, line, f"unknown field(s): {', '.join(unknown)}")
    for key in ("id", "name", "kind"):
        if not isinstance(obj.get(key), str) or not obj[key].strip():
            raise _fail(path, line, f"field {key!r} is required and must be a non-empty string")
    if not _ID_RE.match(obj["id"]):
        raise _fail(path, line, f"bad id {obj['id']!r} (letters, digits, _ . : - only)")
    if obj["kind"] not in ACTOR_KINDS:
        raise _fail(
            path, line, f"unknown kind {obj['kind']!r}; use one of: {', '.join(ACTOR_KINDS)}"
        )
    for key in _STR_FIELDS:
        value = obj.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise _fail(path, line, f"field {key!r} must be a non-empty string or null")
    country = obj.get("country")
    if country is not None and not _COUNTRY_RE.match(country):
        raise _fail(path, line, f"country {country!r} is not an ISO 3166 alpha-2 code")
    qid = obj.get("wikidata")
    if qid is not None and not _QID_RE.match(qid):
        raise _fail(path, line, f"wikidata {qid!r} is not a Wikidata item id like Q1065")
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_FIELDS:
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise _fail(path, line, f"field {key!r} must be a list of non-empty strings")
        lists[key] = tuple(v.strip() for v in value)
    return ActorEntry(
        id=obj["id"],
        name=obj["name"].strip(),
        kind=obj["kind"],
        country=country,
        wikidata=qid,
        aliases=lists["aliases"],
        acronyms=lists["acronyms"],
        descriptions=tuple(d.lower() for d in lists["descriptions"]),
        role=obj.get("role"),
        affiliation=obj.get("affiliation"),
        note=obj.get("note"),
        source=f"{path}:{line}",
    )


def read_actor_lines(lines: Iterable[str], path: str) -> list[ActorEntry]:
    """Parse JSON Lines text into entries; duplicate ids within one file are an error."""
    out: list[ActorEntry] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail(path, number, f"invalid JSON: {exc.msg}") from None
        entry = parse_entry(obj, path, number)
        if entry.id in seen:
            raise _fail(path, number, f"duplicate id {entry.id!r} (first on line {seen[entry.id]})")
        seen[entry.id] = number
        out.append(entry)
    return out


def read_actor_file(path: Path) -> list[ActorEntry]:
    """Read and validate one actor file (JSON Lines, UTF-8)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(str(path), None, "actor file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), None, f"not UTF-8 text: {exc.reason}") from None
    return read_actor_lines(text.splitlines(), str(path))


def _packaged_dir() -> Any:
    return resources.files("wirewatch") / "data" / "actors"


def read_countries(text: str, path: str = "countries.tsv") -> dict[str, Country]:
    """Parse the countries table: ISO2, name, other names and demonyms (``|``-separated)."""
    out: dict[str, Country] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) < 2 or not _COUNTRY_RE.match(cols[0]):
            raise DataFileError(path, number, "expected ISO2<TAB>name[<TAB>names<TAB>demonyms]")
        cols += ["", ""]
        names = tuple(n for n in cols[2].split("|") if n)
        demonyms = tuple(d for d in cols[3].split("|") if d)
        out[cols[0]] = Country(cols[0], cols[1], (cols[1], *names), demonyms)
    return out


def check_references(entries: dict[str, ActorEntry]) -> None:
    """Every ``affiliation`` must name an existing actor id."""
    for entry in entries.values():
        if entry.affiliation and entry.affiliation not in entries:
            path, _, line = entry.source.rpartition(":")
            raise DataFileError(
                path or entry.source,
                int(line) if line.isdigit() else None,
                f"affiliation {entry.affiliation!r} of {entry.id!r} is not a known actor id",
            )


def load_kb(extra_files: Sequence[Path] = ()) -> KnowledgeBase:
    """Load the packaged base, then merge ``extra_files`` over it (later files win)."""
    base = _packaged_dir()
    entries: dict[str, ActorEntry] = {}
    files: list[str] = []
    for item in sorted(base.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".jsonl"):
            continue
        name = f"wirewatch/data/actors/{item.name}"
        for entry in read_actor_lines(item.read_text(encoding="utf-8").splitlines(), name):
            if entry.id in entries:
                raise DataFileError(
                    name,
                    int(entry.source.rpartition(":")[2]),
                    f"duplicate id {entry.id!r} (also in {entries[entry.id].source})",
                )
            entries[entry.id] = entry
        files.append(name)
    for path in extra_files:
        for entry in read_actor_file(Path(path)):
            entries[entry.id] = entry  # a user file may override a packaged actor
        files.append(str(path))
    check_references(entries)
    countries = read_countries((base / "countries.tsv").read_text(encoding="utf-8"))
    lexicon = json.loads((base / "lexicon.json").read_text(encoding="utf-8"))
    return KnowledgeBase(entries=entries, countries=countries, lexicon=lexicon, files=files)
