"""Input discovery and the rules every engine applies before extraction.

An input is a file, a directory of files (not recursive; names starting with ``_`` or ``.``
are skipped, as Spark and Hive do) or a glob. Each file is JSON Lines (``.jsonl``,
``.ndjson``, ``.json``) or Parquet (``.parquet``), one article per line or row. A record is
named by its ``source`` (the file's base name) and ``line`` (1-based line or row number).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from typing import Any

from wirewatch.errors import InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")


def file_format(name: str, forced: str | None = None) -> str:
    """``jsonl`` or ``parquet`` for a file name (``forced`` wins when given)."""
    if forced and forced != "auto":
        return forced
    lower = name.lower()
    if lower.endswith(PARQUET_SUFFIXES) or ".parquet" in lower:
        return "parquet"
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    raise InputError(
        f"cannot tell the format of input file {name}",
        hint="name it .jsonl or .parquet, or pass --format jsonl|parquet",
    )


def _visible(name: str) -> bool:
    return not os.path.basename(name).startswith(("_", "."))


def choose_files(paths: Iterable[str], what: str) -> list[str]:
    """Keep visible files, sorted; an input with nothing in it is an error."""
    files = sorted(p for p in paths if _visible(p))
    if not files:
        raise InputError(f"input {what} has no files to read", hint="check the path")
    return files


def local_files(path: str) -> list[str]:
    """The input files of a local path, directory or glob (clear error when missing)."""
    if any(ch in path for ch in "*?["):
        return choose_files([p for p in glob.glob(path) if os.path.isfile(p)], path)
    if os.path.isdir(path):
        names = [os.path.join(path, n) for n in os.listdir(path)]
        return choose_files([p for p in names if os.path.isfile(p)], path)
    if os.path.isfile(path):
        return [path]
    raise InputError(f"input {path} does not exist", hint="check the path")


def source_name(path: str) -> str:
    """The ``source`` of records read from ``path``: the file's base name."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def read_local_lines(path: str) -> Iterator[tuple[int, bytes]]:
    """Numbered raw lines of a local JSON Lines file (``.gz`` is decompressed).

    Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r``, as in Hadoop's line reader, so that
    both engines number the lines of a file alike.
    """
    import gzip

    opener: Any = gzip.open if path.endswith(".gz") else open
    n = 0
    with opener(path, "rb") as fh:
        for raw in fh:
            body = raw[:-1] if raw.endswith(b"\n") else raw
            body = body[:-1] if body.endswith(b"\r") else body
            for piece in body.split(b"\r"):
                n += 1
                yield n, piece


def read_local_records(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Numbered rows of a local Parquet file."""
    import pyarrow.parquet as pq

    n = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        for rec in batch.to_pylist():
            n += 1
            yield n, rec


def settle_duplicates(rows: list[dict[str, Any]], done: set[str]) -> list[dict[str, Any]]:
    """Apply the key rules to PARSED rows, in (source, line) order.

    The first record of a key is processed; later records with the same key become
    ``duplicate_id`` error rows keyed by their place; keys in ``done`` are skipped.
    """
    rows = sorted(rows, key=lambda r: (r["source"], r["line"]))
    seen: set[str] = set()
    out = []
    for row in rows:
        key = row["key"]
        if key in seen and not row.get("error_code"):
            row = duplicate_row(row)
            key = row["key"]
        seen.add(key)
        if key not in done:
            out.append(row)
    return out


DUPLICATE_MESSAGE = "line {line}: article id {key} already appears earlier in the input"


def duplicate_row(row: dict[str, Any]) -> dict[str, Any]:
    """The error row for a record whose key an earlier record already has."""
    first = row["key"]
    return {
        "source": row["source"],
        "line": row["line"],
        "key": f"{row['source']}:{row['line']}",
        "id": row.get("id"),
        "error_code": "duplicate_id",
        "error_message": DUPLICATE_MESSAGE.format(line=row["line"], key=first),
    }
