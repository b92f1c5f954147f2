"""Batch extraction with the local engine (a process pool) — Spark lives in ``spark.py``.

Both engines follow the same steps with the same functions: read records → parse and key
them (:mod:`wirewatch.batch.partition`) → settle duplicates and skip done keys
(:func:`wirewatch.batch.inputs.settle_duplicates`) → extract per partition → flatten
(:mod:`wirewatch.batch.tables`) → stage and commit (:mod:`wirewatch.batch.output`).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow.parquet as pq

from wirewatch.batch import inputs, output, partition
from wirewatch.batch.tables import FLAT_TABLES, PARSED, flatten, to_table
from wirewatch.errors import InputError
from wirewatch.settings import Settings

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BatchResult:
    """What one run of batch extraction did."""

    run: str
    engine: str
    records: int = 0  # input records processed in this run (ok + error)
    ok: int = 0
    errors: int = 0
    skipped: int = 0  # records whose key was already done (resume)
    partitions: int = 0
    seconds: float = 0.0
    worker_startup: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the manifest and ``--json`` output."""
        return {
            "run": self.run,
            "engine": self.engine,
            "records": self.records,
            "ok": self.ok,
            "errors": self.errors,
            "skipped": self.skipped,
            "partitions": self.partitions,
            "seconds": round(self.seconds, 3),
            "worker_startup": {k: round(v, 3) for k, v in self.worker_startup.items()},
        }


def read_parsed(path: str, *, fmt: str | None = None) -> list[dict[str, Any]]:
    """Read and parse every record of a local input into PARSED rows."""
    if output.has_scheme(path):
        raise InputError(
            f"the local engine reads local files only, not {path}",
            hint="use --engine spark for cluster file systems and object stores",
        )
    rows: list[dict[str, Any]] = []
    for file in inputs.local_files(output.local_path(path)):
        source = inputs.source_name(file)
        if inputs.file_format(file, fmt) == "parquet":
            records = inputs.read_local_records(file)
            lines = ((n, partition.record_json(r)) for n, r in records)
            rows.extend(partition.parse_lines(source, lines))
        else:
            rows.extend(partition.parse_lines(source, inputs.read_local_lines(file)))
    return rows


def split(rows: list[dict[str, Any]], n: int) -> list[list[dict[str, Any]]]:
    """Split rows into ``n`` contiguous, nearly equal partitions (none empty)."""
    n = max(1, min(n, len(rows)))
    size, extra = divmod(len(rows), n)
    parts, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        parts.append(rows[start:end])
        start = end
    return [p for p in parts if p]


# The settings a pool worker uses (set once by the pool initializer).
_WORKER: dict[str, Any] = {}


def _init_worker(settings: Settings) -> None:
    _WORKER["settings"] = settings
    partition.worker_pipeline(settings)  # load models and gazetteer once, up front


def run_partition(task: tuple[str, str, int, list[dict[str, Any]]]) -> dict[str, Any]:
    """Extract one partition and write its staged part files (runs in a worker)."""
    stage, run, index, rows = task
    settings: Settings = _WORKER["settings"]
    ext = partition.extract_table(to_table(rows, PARSED), settings)
    name = f"part-{run}-{index:05d}.parquet"
    for table in FLAT_TABLES:
        pq.write_table(flatten(table, ext), output.join(stage, table, name))
    pq.write_table(ext, output.join(stage, "extractions", name))
    statuses = ext.column("status").to_pylist()
    return {
        "ok": statuses.count("ok"),
        "errors": statuses.count("error"),
        "pid": os.getpid(),
        "startup": partition.STARTUP.get(str(os.getpid())),
    }


def run_local(
    input_path: str,
    output_path: str,
    settings: Settings,
    *,
    n_process: int = 1,
    partitions: int | None = None,
    resume: bool = False,
    fmt: str | None = None,
    on_partition: Callable[[dict[str, Any]], None] | None = None,
) -> BatchResult:
    """Run batch extraction with a pool of ``n_process`` worker processes.

    ``n_process=1`` runs in this process (no pool). Output is staged and committed as a
    whole (see :mod:`wirewatch.batch.output`).
    """
    started = time.perf_counter()
    if output.has_scheme(output_path):
        raise InputError(
            f"the local engine writes local paths only, not {output_path}",
            hint="use --engine spark for cluster file systems and object stores",
        )
    out = output.local_path(output_path)
    rows = read_parsed(input_path, fmt=fmt)  # input errors before touching the output
    fs = output.LocalFS()
    manifest = output.prepare_output(fs, out, resume=resume)
    done = output.done_keys(out) if resume else set()
    todo = inputs.settle_duplicates(rows, done)
    run = output.new_run_id()
    result = BatchResult(run=run, engine="local", skipped=len(rows) - len(todo))
    stage = output.staging_dir(out, run)
    for table in (*FLAT_TABLES, "extractions"):
        fs.mkdirs(output.join(stage, table))
    n_parts = partitions or max(1, n_process * 4, -(-len(todo) // 200))
    tasks = [(stage, run, i, part) for i, part in enumerate(split(todo, n_parts))]
    result.partitions = len(tasks)
    for stats in _map(tasks, settings, n_process):
        result.ok += stats["ok"]
        result.errors += stats["errors"]
        if stats["startup"] is not None:
            result.worker_startup[str(stats["pid"])] = stats["startup"]
        if on_partition is not None:
            on_partition(stats)
    result.records = result.ok + result.errors
    result.seconds = time.perf_counter() - started
    output.commit(fs, out, run, manifest, info=result.as_dict())
    return result


def _map(
    tasks: list[tuple[str, str, int, list[dict[str, Any]]]], settings: Settings, n_process: int
) -> Iterator[dict[str, Any]]:
    if not tasks:
        return
    if n_process <= 1 or len(tasks) <= 1:
        _init_worker(settings)
        for task in tasks:
            yield run_partition(task)
        return
    # fork: workers share this process's hash seed and imported modules; they load the
    # models themselves in the initializer (the parent never loads them).
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(n_process, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.imap_unordered(run_partition, tasks)
