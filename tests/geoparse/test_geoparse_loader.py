"""The GeoNames dump loader on small files in GeoNames' format written here."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from wirewatch.errors import DataFileError
from wirewatch.gazetteer.cues import load_cues
from wirewatch.gazetteer.geonames import db_entries, db_summary, load_files
from wirewatch.gazetteer.geoparser import Geoparser
from wirewatch.gazetteer.index import GazetteerIndex


def _row(
    gid: int,
    name: str,
    alts: str,
    lat: float,
    lon: float,
    fcl: str,
    fcode: str,
    cc: str,
    a1: str,
    pop: int,
) -> str:
    ascii_name = name.replace("ā", "a").replace("Ḩ", "H")
    fields = [
        str(gid),
        name,
        ascii_name,
        alts,
        str(lat),
        str(lon),
        fcl,
        fcode,
        cc,
        "",
        a1,
        "",
        "",
        "",
        str(pop),
        "",
        "300",
        "Asia/Damascus",
        "2024-01-01",
    ]
    assert len(fields) == 19
    return "\t".join(fields)


ROWS = [
    _row(170017, "Ḩamāh", "Hama,Hamah", 35.13179, 36.75783, "P", "PPLA", "SY", "10", 460602),
    _row(
        170016,
        "Muḩāfaz̧at Ḩamāh",
        "Hama Governorate,Hama Province",
        35.25,
        36.9,
        "A",
        "ADM1",
        "SY",
        "10",
        1_600_000,
    ),
    _row(8000001, "Kafr Zayta", "Kafr Zeita", 35.374, 36.601, "P", "PPL", "SY", "10", 9000),
    _row(8000002, "Kuweires Airbase", "Kuweires", 36.187, 37.583, "S", "AIRB", "SY", "09", 0),
]
ADMIN1 = "SY.10\tḨamāh\tHamah\t170016\nSY.09\tAleppo\tAleppo\t170062\n"


def _write(tmp: Path) -> tuple[Path, Path]:
    sy = tmp / "SY.txt"
    sy.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    a1 = tmp / "admin1CodesASCII.txt"
    a1.write_text(ADMIN1, encoding="utf-8")
    return sy, a1


def test_load_txt_and_zip(tmp_path: Path) -> None:
    sy, a1 = _write(tmp_path)
    zpath = tmp_path / "SY.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(sy, "SY.txt")
    db = tmp_path / "gaz.sqlite"
    seen: list[int] = []
    counts = load_files([zpath, a1], db, progress=lambda where, n: seen.append(n))
    assert counts == {"geonames": 4, "admin1": 2, "admin2": 0}
    assert seen and db_summary(db)["geonames"] == 4
    entries, admin1 = db_entries(db)
    idx = GazetteerIndex.build(entries, admin1_names=admin1, source="test")
    assert admin1["SY.10"] == "Ḩamāh"
    gp = Geoparser(idx, load_cues())
    found = gp.resolve(gp.detect("Rebels shelled Kafr Zeita near Hama and the Kuweires airbase."))
    ids = {idx.entry(r.entry).geonameid for r in found}
    assert {8000001, 170017, 8000002} <= ids


@pytest.mark.parametrize(
    ("content", "line", "needle"),
    [
        (ROWS[0] + "\n" + "170018\tBroken\trow\n", 2, "columns"),
        (ROWS[0] + "\n" + ROWS[2].replace("\tSY\t", "\tQQ\t"), 2, "unknown country code"),
        (ROWS[0] + "\n" + ROWS[2].replace("35.374", "north"), 2, "bad number"),
    ],
)
def test_bad_file_keeps_previous_gazetteer(
    tmp_path: Path, content: str, line: int, needle: str
) -> None:
    sy, a1 = _write(tmp_path)
    db = tmp_path / "gaz.sqlite"
    load_files([sy, a1], db)
    before = db.read_bytes()
    bad = tmp_path / "XX.txt"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_files([bad], db)
    assert f"XX.txt:{line}" in str(err.value) and needle in str(err.value)
    assert db.read_bytes() == before  # nothing half-imported
    assert not list(tmp_path.glob("*.tmp"))
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM geoname").fetchone()[0] == 4


def test_corrupt_zip(tmp_path: Path) -> None:
    bad = tmp_path / "SY.zip"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(DataFileError, match=r"SY\.zip"):
        load_files([bad], tmp_path / "gaz.sqlite")
    assert not (tmp_path / "gaz.sqlite").exists()
