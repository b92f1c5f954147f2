"""JSON Lines article input: parse lines into raw articles, keep bad lines as error records.

Used by ``wirewatch extract --jsonl``, ingest and batch extraction. One malformed line
becomes an error record in its place; the other lines are processed in order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from wirewatch.model import SCHEMA_VERSION, Extraction
from wirewatch.pipeline import Pipeline
from wirewatch.stages.clean import RawArticle, new_document

_FIELDS = ("id", "published", "title", "url", "outlet")


def error_record(
    line_no: int, code: str, message: str, article_id: str | None = None
) -> dict[str, Any]:
    """The record written in place of an input line that could not be processed."""
    return {
        "schema_version": SCHEMA_VERSION,
        "article": {"id": article_id},
        "error": {"line": line_no, "code": code, "message": message},
    }


def parse_article_line(line: str, line_no: int) -> RawArticle | dict[str, Any]:
    """Parse one JSON Lines input line into a raw article, or an error record."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return error_record(line_no, "bad_json", f"line {line_no} is not valid JSON: {exc.msg}")
    if not isinstance(obj, dict):
        return error_record(line_no, "bad_record", f"line {line_no} is not a JSON object")
    return article_from_obj(obj, line_no)


def article_from_obj(obj: dict[str, Any], line_no: int) -> RawArticle | dict[str, Any]:
    """Validate one decoded input record (a JSON object or a Parquet row) into a raw article.

    Returns an error record when the record has no text or a metadata field of the wrong type.
    """
    raw_id = obj.get("id")
    article_id = None if raw_id is None else str(raw_id)
    text = obj.get("text")
    html = obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return error_record(
            line_no, "no_text", f"line {line_no} has no 'text' (or 'html') string", article_id
        )
    extra = {k: obj.get(k) for k in _FIELDS[1:]}
    for key, value in extra.items():
        if value is not None and not isinstance(value, str):
            return error_record(
                line_no, "bad_field", f"line {line_no}: '{key}' must be a string", article_id
            )
    return RawArticle(
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) else None,
        id=article_id,
        **extra,
    )


def iter_jsonl_articles(
    lines: Iterable[str], pipeline: Pipeline, *, batch_size: int | None = None
) -> Iterator[Extraction | dict[str, Any]]:
    """Extract every JSON Lines article; yield extractions and error records in input order."""
    size = max(1, batch_size or pipeline.settings.batch_size)
    pending: list[tuple[int, RawArticle | dict[str, Any]]] = []

    def flush() -> Iterator[Extraction | dict[str, Any]]:
        raws = [(i, item) for i, item in pending if isinstance(item, RawArticle)]
        docs = pipeline.run_batch([new_document(r) for _, r in raws]) if raws else []
        by_pos = {i: d.to_extraction() for (i, _), d in zip(raws, docs, strict=True)}
        for i, item in pending:
            yield by_pos.get(i, item)  # type: ignore[arg-type]

    line_no = 0
    for line_no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        pending.append((line_no, parse_article_line(line, line_no)))
        if len(pending) >= size:
            yield from flush()
            pending = []
    if pending:
        yield from flush()
