"""The batch output directory: layout, staging and commit, resume, comparison.

Layout of an output ``OUT`` (a local path, or any Hadoop URI under Spark)::

    OUT/_wirewatch_batch.json        manifest: format, schema version, one entry per run
    OUT/extractions/part-*.parquet   one row per input record (ok or error)
    OUT/events/ places/ claims/      flat tables
    OUT/_staging/<run>/<table>/      a run's files until it commits

A run writes every table under ``_staging/<run>`` first, then writes a ``_READY`` marker and
moves the files into place. A run that died before ``_READY`` is discarded by the next run;
one that died while moving is finished by it. So the output never holds half an article,
and a re-run (``--resume``) skips exactly the keys already in ``extractions``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa

from wirewatch.batch.tables import SORT_KEYS, TABLES
from wirewatch.errors import InputError

MANIFEST = "_wirewatch_batch.json"
FORMAT = "wirewatch-batch/1"
STAGING = "_staging"
READY = "_READY"


class FileSystem(Protocol):
    """The few file operations the commit protocol needs (local disk or Hadoop)."""

    def exists(self, path: str) -> bool: ...
    def listdir(self, path: str) -> list[str]: ...
    def mkdirs(self, path: str) -> None: ...
    def rename(self, src: str, dst: str) -> None: ...
    def delete(self, path: str) -> None: ...
    def write_text(self, path: str, text: str) -> None: ...
    def read_text(self, path: str) -> str: ...


class LocalFS:
    """:class:`FileSystem` on the local disk."""

    def exists(self, path: str) -> bool:
        """Whether ``path`` exists."""
        return os.path.exists(path)

    def listdir(self, path: str) -> list[str]:
        """Names in directory ``path`` (empty when it does not exist)."""
        return sorted(os.listdir(path)) if os.path.isdir(path) else []

    def mkdirs(self, path: str) -> None:
        """Create ``path`` and its parents."""
        os.makedirs(path, exist_ok=True)

    def rename(self, src: str, dst: str) -> None:
        """Move ``src`` to ``dst`` (atomic on one file system)."""
        os.replace(src, dst)

    def delete(self, path: str) -> None:
        """Delete a file or a directory tree (no error when absent)."""
        if os.path.isdir(path):
            shutil.rmtree(path)
        elif os.path.exists(path):
            os.remove(path)

    def write_text(self, path: str, text: str) -> None:
        """Write ``text`` to ``path`` atomically."""
        tmp = path + ".tmp"
        Path(tmp).write_text(text, encoding="utf-8")
        os.replace(tmp, path)

    def read_text(self, path: str) -> str:
        """Read the text file ``path``."""
        return Path(path).read_text(encoding="utf-8")


def join(*parts: str) -> str:
    """Join path or URI parts with ``/``."""
    return "/".join([parts[0].rstrip("/"), *(p.strip("/") for p in parts[1:])])


def has_scheme(path: str) -> bool:
    """Whether ``path`` is a URI (``s3a://``, ``hdfs://``...) rather than a local path."""
    return "://" in path and not path.startswith("file://")


def local_path(path: str) -> str:
    """A ``file://`` URI or plain path as a local path."""
    return path[len("file://") :] if path.startswith("file://") else path


def new_run_id() -> str:
    """A sortable id for one run of batch extraction."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + os.urandom(3).hex()


def prepare_output(fs: FileSystem, out: str, *, resume: bool) -> dict[str, Any]:
    """Check the output location and return its manifest (a new one for a new output).

    An existing output is an error unless ``resume`` is set and it is a wirewatch batch
    output; then interrupted runs are finished or discarded first.
    """
    if fs.exists(out):
        is_ours = fs.exists(join(out, MANIFEST))
        if not is_ours and not fs.listdir(out):
            pass  # an empty directory is fine
        elif not is_ours:
            raise InputError(
                f"output {out} exists and is not a wirewatch batch output",
                hint="choose a new output path (it is created for you)",
            )
        elif not resume:
            raise InputError(
                f"output {out} already exists",
                hint="pass --resume to add the articles not yet done, or choose a new path",
            )
        else:
            manifest: dict[str, Any] = json.loads(fs.read_text(join(out, MANIFEST)))
            if manifest.get("format") != FORMAT:
                found = manifest.get("format")
                raise InputError(f"output {out} has format {found!r}, not {FORMAT}")
            recover(fs, out, manifest)
            return manifest
    fs.mkdirs(out)
    manifest = {"format": FORMAT, "schema_version": 1, "runs": []}
    fs.write_text(join(out, MANIFEST), json.dumps(manifest, indent=2))
    return manifest


def recover(fs: FileSystem, out: str, manifest: dict[str, Any]) -> None:
    """Finish runs that were committing and discard runs that never got ready."""
    staging = join(out, STAGING)
    for run in fs.listdir(staging):
        if fs.exists(join(staging, run, READY)):
            commit(fs, out, run, manifest, info={"recovered": True})
        else:
            fs.delete(join(staging, run))


def staging_dir(out: str, run: str, table: str | None = None) -> str:
    """Where ``run`` stages its files (of ``table``)."""
    return join(out, STAGING, run, table) if table else join(out, STAGING, run)


def commit(
    fs: FileSystem, out: str, run: str, manifest: dict[str, Any], *, info: dict[str, Any]
) -> None:
    """Move a staged run's part files into the output tables and record it in the manifest."""
    stage = staging_dir(out, run)
    fs.write_text(join(stage, READY), run)
    # extractions last: once a key is there, every row derived from it is too.
    for table in TABLES:
        dst = join(out, table)
        fs.mkdirs(dst)
        for name in fs.listdir(join(stage, table)):
            if name.startswith("part-") and not name.endswith(".crc"):
                target = name if name.startswith(f"part-{run}") else f"part-{run}-{name[5:]}"
                fs.rename(join(stage, table, name), join(dst, target))
    manifest.setdefault("runs", []).append({"run": run, **info})
    fs.write_text(join(out, MANIFEST), json.dumps(manifest, indent=2))
    fs.delete(stage)


def read_table(out: str, table: str) -> pa.Table:
    """Read one table of a local batch output (empty when absent)."""
    import pyarrow.dataset as ds

    path = join(local_path(out), table)
    schema = TABLES[table]
    if not os.path.isdir(path) or not any(n.startswith("part-") for n in os.listdir(path)):
        return schema.empty_table()
    data = ds.dataset(path, format="parquet", schema=schema).to_table()
    return data.select(schema.names)


def done_keys(out: str) -> set[str]:
    """Keys of the records already in a local output's ``extractions`` table."""
    return set(read_table(out, "extractions").column("key").to_pylist())


def canonical_lines(out: str, table: str) -> list[str]:
    """Every row of ``table`` as canonical JSON, sorted: equal outputs give equal lists."""
    rows = read_table(out, table).to_pylist()
    keys = SORT_KEYS[table]
    rows.sort(key=lambda r: tuple("" if r[k] is None else str(r[k]) for k in keys))
    return [json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows]


def digest(out: str) -> dict[str, str]:
    """SHA-256 of each table's canonical sorted rows (compare two outputs byte for byte)."""
    result = {}
    for table in TABLES:
        h = hashlib.sha256()
        for line in canonical_lines(out, table):
            h.update(line.encode("utf-8") + b"\n")
        result[table] = h.hexdigest()
    return result
