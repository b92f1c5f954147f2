"""Recognition and ranking rules on a small hand-made gazetteer (counties, seas, lists...)."""

from __future__ import annotations

import pytest

from wirewatch.gazetteer.cues import load_cues
from wirewatch.gazetteer.geoparser import Geoparser
from wirewatch.gazetteer.index import Entry, GazetteerIndex


def _e(gid, name, cc, a1, lat, lon, fc, pop, *aliases):  # type: ignore[no-untyped-def]
    return Entry(gid, name, cc, a1, lat, lon, fc, pop, tuple(aliases))


ENTRIES = [
    _e(2635167, "United Kingdom", "GB", "00", 54.0, -2.0, "PCLI", 66_000_000, "UK", "Britain"),
    _e(6252001, "United States", "US", "00", 39.8, -98.5, "PCLI", 327_000_000),
    _e(953987, "South Africa", "ZA", "00", -29.0, 24.0, "PCLI", 57_000_000),
    _e(174982, "Armenia", "AM", "00", 40.0, 45.0, "PCLI", 3_000_000),
    _e(3996063, "Mexico", "MX", "00", 23.0, -102.0, "PCLI", 126_000_000),
    _e(None, "Kent", "GB", "ENG", 51.2, 0.7, "ADM2", 1_500_000),
    _e(5799625, "Kent", "US", "WA", 47.38, -122.23, "PPL", 130_000),
    _e(2643743, "London", "GB", "ENG", 51.5, -0.13, "PPLC", 8_900_000),
    _e(1085598, "North-West", "ZA", "10", -26.0, 25.5, "ADM1", 3_500_000),
    _e(1085597, "Limpopo", "ZA", "09", -23.5, 29.5, "ADM1", 5_400_000),
    _e(None, "Indian Ocean", "", "00", -20.0, 80.0, "OCN", 0),
    _e(5000001, "Indian", "US", "AK", 61.0, -149.5, "PPL", 1_000),
    _e(3057140, "Nitra", "SK", "02", 48.3, 18.08, "PPL", 78_000),
    _e(723819, "Presov", "SK", "06", 49.0, 21.24, "PPL", 89_000, "Prešov"),
    _e(3056508, "Zilina", "SK", "07", 49.22, 18.74, "PPL", 85_000, "Žilina"),
    _e(2653941, "Colchester", "GB", "ENG", 51.89, 0.9, "PPL", 104_000),
]


@pytest.fixture(scope="module")
def gp() -> Geoparser:
    """A geoparser over the entries above."""
    idx = GazetteerIndex.build(ENTRIES, admin1_names={}, source="test")
    return Geoparser(idx, load_cues())


def _found(gp: Geoparser, text: str) -> dict[str, tuple[int | None, str]]:
    out = {}
    for r in gp.resolve(gp.detect(text)):
        v = gp.index.entry(r.entry)
        out[r.mention.text] = (v.geonameid, v.feature_code)
    return out


def test_county_beats_a_town_abroad_in_a_british_text(gp: Geoparser) -> None:
    got = _found(gp, "Races were held in London and in Kent, in the south of Britain.")
    assert got["Kent"] == (None, "ADM2")


def test_hyphenated_province_matches_spaced_spelling(gp: Geoparser) -> None:
    got = _found(gp, "Farmers in North West and Limpopo lost cattle, South Africa said.")
    assert got["North West"][0] == 1085598


def test_sea_is_recognised_and_beats_a_village(gp: Geoparser) -> None:
    assert _found(gp, "The plane vanished over the Indian Ocean.")["Indian Ocean"] == (
        None,
        "OCN",
    )


def test_names_listed_with_places(gp: Geoparser) -> None:
    got = _found(gp, "It sold its stores in Žilina, Nitra and Prešov last year.")
    assert {"Žilina", "Nitra", "Prešov"} <= set(got)


def test_named_facility_and_official_name_spans(gp: Geoparser) -> None:
    got = _found(
        gp,
        "He was taken to Colchester General Hospital. The Republic of Armenia signed it.",
    )
    assert got["Colchester General Hospital"][0] == 2653941
    assert got["Republic of Armenia"][0] == 174982


def test_country_after_an_organisation_word_and_of_is_not_a_place(gp: Geoparser) -> None:
    assert "Mexico" not in _found(gp, "The autonomy of the Bank of Mexico was debated.")
