"""The engine-neutral per-partition functions of batch extraction.

Both engines run exactly these functions over Arrow data: the local engine over slices of
the input in a process pool, Spark through ``DataFrame.mapInArrow``. They never raise for
one bad record: a record that cannot be parsed or extracted becomes an error row.

Models and the gazetteer are loaded once per worker process (the pipeline is cached by
:func:`wirewatch.extract.default_pipeline`), so a partition only pays for its articles.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from wirewatch.batch.jsonl import parse_article_line
from wirewatch.batch.tables import EXTRACTIONS, PARSED, to_table
from wirewatch.settings import Settings
from wirewatch.stages.clean import RawArticle, content_id, new_document

log = logging.getLogger(__name__)

_META = ("published", "title", "url", "outlet")

# Seconds each worker process spent building its pipeline (pid -> seconds), for benchmarks.
STARTUP: dict[str, float] = {}


def _key_of(raw: RawArticle) -> str:
    """The idempotency key of an article: its id, else a hash of its content."""
    if raw.id:
        return raw.id
    return content_id(raw.text if raw.text is not None else raw.html or "")


def parsed_row(source: str, line: int, item: RawArticle | dict[str, Any]) -> dict[str, Any]:
    """One row of the PARSED table from a raw article or an error record."""
    if isinstance(item, RawArticle):
        key = _key_of(item)
        return {
            "source": source,
            "line": line,
            "key": key,
            "id": key,
            "text": item.text,
            "html": item.html,
            **{k: getattr(item, k) for k in _META},
        }
    error = item["error"]
    return {
        "source": source,
        "line": line,
        # A record without a usable id is keyed by where it came from.
        "key": f"{source}:{line}",
        "id": item["article"].get("id"),
        "error_code": error["code"],
        "error_message": error["message"],
    }


def _decode(value: bytes | str | None) -> str:
    if isinstance(value, bytes | bytearray):
        # Bad bytes are replaced, not fatal: the JSON parser then reports what is wrong.
        return bytes(value).decode("utf-8", errors="replace")
    return value or ""


def parse_lines(source: str, lines: Iterable[tuple[int, bytes | str]]) -> list[dict[str, Any]]:
    """Parse numbered JSON Lines (blank lines are skipped) into PARSED rows."""
    rows = []
    for line_no, value in lines:
        text = _decode(value)
        if not text.strip():
            continue
        rows.append(parsed_row(source, line_no, parse_article_line(text, line_no)))
    return rows


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def record_json(record: dict[str, Any]) -> bytes:
    """A Parquet input row as a JSON line (dates as ISO strings), for line-based parsing."""
    return json.dumps({k: _plain(v) for k, v in record.items()}, ensure_ascii=False).encode()


def parse_line_batches(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """``mapInArrow`` function: batches of (source, line, value) lines → PARSED batches."""
    for batch in batches:
        sources = batch.column("source").to_pylist()
        lines = batch.column("line").to_pylist()
        values = batch.column("value").to_pylist()
        rows: list[dict[str, Any]] = []
        for source, line_no, value in zip(sources, lines, values, strict=True):
            rows.extend(parse_lines(source, [(line_no, value)]))
        yield from to_table(rows, PARSED).to_batches()


def worker_pipeline(settings: Settings) -> Any:
    """This process's loaded pipeline for ``settings`` (built on first use, then reused)."""
    import os

    from wirewatch.extract import default_pipeline

    started = time.perf_counter()
    pipe = default_pipeline(settings)
    fresh = pipe._fns is None  # only to time the first load in this worker
    pipe.load()
    if fresh:
        STARTUP[str(os.getpid())] = time.perf_counter() - started
        log.info("worker %s loaded the pipeline in %.2f s", os.getpid(), STARTUP[str(os.getpid())])
    return pipe


def _error_row(rec: dict[str, Any], code: str, message: str) -> dict[str, Any]:
    return {
        "key": rec["key"],
        "article_id": rec.get("id"),
        "source": rec["source"],
        "line": rec["line"],
        "status": "error",
        "error_code": code,
        "error_message": message,
        **{k: rec.get(k) for k in _META},
    }


def ok_row(rec: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The EXTRACTIONS row of a successfully extracted record (``data``: Extraction dict)."""
    article = data.get("article") or {}
    return {
        "key": rec["key"],
        "article_id": article.get("id"),
        "source": rec["source"],
        "line": rec["line"],
        "status": "ok",
        "published": article.get("published"),
        "outlet": article.get("outlet"),
        "title": article.get("title"),
        "url": article.get("url"),
        "n_events": len(data.get("events") or []),
        "n_places": len(data.get("places") or []),
        "n_claims": len(data.get("claims") or []),
        "n_warnings": len(data.get("warnings") or []),
        "extraction": json.dumps(data, ensure_ascii=False),
    }


def _raw(rec: dict[str, Any]) -> RawArticle:
    return RawArticle(
        text=rec.get("text"), html=rec.get("html"), id=rec["key"], **{k: rec.get(k) for k in _META}
    )


def extract_records(records: list[dict[str, Any]], settings: Settings) -> list[dict[str, Any]]:
    """Extract PARSED records into EXTRACTIONS rows, one row per record, in order.

    Records that were already errors pass through; an article whose extraction raises
    becomes an ``extract_failed`` error row and its batch-mates are retried one by one.
    """
    out: list[dict[str, Any] | None] = [None] * len(records)
    todo = []
    for i, rec in enumerate(records):
        if rec.get("error_code"):
            out[i] = _error_row(rec, rec["error_code"], rec.get("error_message") or "")
        else:
            todo.append(i)
    if todo:
        pipe = worker_pipeline(settings)
        size = max(1, settings.batch_size)
        for b in range(0, len(todo), size):
            chunk = todo[b : b + size]
            try:
                docs = pipe.run_batch([new_document(_raw(records[i])) for i in chunk])
                for i, doc in zip(chunk, docs, strict=True):
                    out[i] = ok_row(records[i], doc.to_extraction().to_dict())
            except Exception:  # one article must not spoil its batch: retry one by one
                for i in chunk:
                    try:
                        doc = pipe.run(new_document(_raw(records[i])))
                        out[i] = ok_row(records[i], doc.to_extraction().to_dict())
                    except Exception as exc:  # recorded as the article's error row
                        log.warning("extraction failed for %s: %s", records[i]["key"], exc)
                        out[i] = _error_row(
                            records[i], "extract_failed", f"{type(exc).__name__}: {exc}"
                        )
    return [row for row in out if row is not None]


def extract_table(parsed: pa.Table | pa.RecordBatch, settings: Settings) -> pa.Table:
    """The EXTRACTIONS table of a PARSED table (the per-partition work of both engines)."""
    return to_table(extract_records(parsed.to_pylist(), settings), EXTRACTIONS)


def extract_batches(settings: Settings) -> Any:
    """A ``mapInArrow`` function extracting PARSED batches into EXTRACTIONS batches."""

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield from extract_table(batch, settings).to_batches()

    return run
