"""The tables of a batch output (Arrow schemas) and the flattening of extractions into them.

A batch output directory holds one Parquet dataset per table:

- ``extractions``: one row per input record, ``status`` ``ok`` (with the Extraction JSON) or
  ``error`` (with a code and message) — never a lost or duplicated input record;
- ``events``, ``places``, ``claims``: flat rows derived from the extractions, for DuckDB,
  pandas or Spark SQL without parsing JSON.

Every function here is pure and engine-neutral: the local engine and Spark call the same code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa

# Intermediate table: input records parsed and keyed, before extraction.
PARSED = pa.schema(
    [
        ("source", pa.string()),
        ("line", pa.int64()),
        ("key", pa.string()),
        ("id", pa.string()),
        ("text", pa.string()),
        ("html", pa.string()),
        ("published", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("error_code", pa.string()),
        ("error_message", pa.string()),
    ]
)

EXTRACTIONS = pa.schema(
    [
        ("key", pa.string()),
        ("article_id", pa.string()),
        ("source", pa.string()),
        ("line", pa.int64()),
        ("status", pa.string()),
        ("error_code", pa.string()),
        ("error_message", pa.string()),
        ("published", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("n_events", pa.int64()),
        ("n_places", pa.int64()),
        ("n_claims", pa.int64()),
        ("n_warnings", pa.int64()),
        ("extraction", pa.string()),
    ]
)

EVENTS = pa.schema(
    [
        ("article_id", pa.string()),
        ("event_id", pa.string()),
        ("published", pa.string()),
        ("outlet", pa.string()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("disorder_type", pa.string()),
        ("plover_type", pa.string()),
        ("actor1", pa.string()),
        ("actor2", pa.string()),
        ("date", pa.string()),
        ("time_precision", pa.int64()),
        ("geo_precision", pa.int64()),
        ("place_name", pa.string()),
        ("geonameid", pa.int64()),
        ("country_code", pa.string()),
        ("admin1", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("fatalities_low", pa.int64()),
        ("fatalities_best", pa.int64()),
        ("fatalities_high", pa.int64()),
        ("fatalities_acled", pa.int64()),
        ("evidence", pa.string()),
        ("evidence_start", pa.int64()),
        ("evidence_end", pa.int64()),
        ("negated", pa.bool_()),
        ("hypothetical", pa.bool_()),
        # told as background from an earlier year ("had seized the town in 2019")
        ("historical", pa.bool_()),
        # kind of an event with no ACLED or PLOVER code (displacement, prisoner_release...)
        ("category", pa.string()),
        ("confidence", pa.float64()),
        ("claims", pa.string()),  # JSON list of claim ids
    ]
)

PLACES = pa.schema(
    [
        ("article_id", pa.string()),
        ("place_id", pa.string()),
        ("name", pa.string()),
        ("geonameid", pa.int64()),
        ("country_code", pa.string()),
        ("admin1", pa.string()),
        ("admin2", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("feature_code", pa.string()),
        ("population", pa.int64()),
        ("geo_precision", pa.int64()),
        ("confidence", pa.float64()),
        ("n_mentions", pa.int64()),
        ("first_mention", pa.int64()),
    ]
)

CLAIMS = pa.schema(
    [
        ("article_id", pa.string()),
        ("claim_id", pa.string()),
        ("speaker", pa.string()),
        ("speaker_role", pa.string()),
        ("speaker_actor", pa.string()),
        ("channel", pa.string()),
        ("cue", pa.string()),
        ("content", pa.string()),
        ("content_start", pa.int64()),
        ("content_end", pa.int64()),
        ("direct_quote", pa.bool_()),
        ("about_events", pa.string()),  # JSON list of event ids
    ]
)

#: Output tables in the order they are written (``extractions`` last: it marks work done).
FLAT_TABLES: dict[str, pa.Schema] = {"events": EVENTS, "places": PLACES, "claims": CLAIMS}
TABLES: dict[str, pa.Schema] = {**FLAT_TABLES, "extractions": EXTRACTIONS}

#: Columns that identify a row of each table (used to sort for comparisons).
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "extractions": ("key",),
    "events": ("article_id", "event_id"),
    "places": ("article_id", "place_id"),
    "claims": ("article_id", "claim_id"),
}


def to_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows (dicts) as an Arrow table of exactly ``schema`` (missing keys become null)."""
    cols = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.table(cols, schema=schema)


def _int(value: Any) -> int | None:
    return None if value is None or isinstance(value, bool) else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _span_text(span: dict[str, Any] | None) -> str | None:
    return None if not span else span.get("text")


def event_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Flat event rows of one extraction (a dict from ``Extraction.to_dict``)."""
    article = data.get("article") or {}
    actors = {a.get("id"): a for a in data.get("actors") or []}
    places = {p.get("id"): p for p in data.get("places") or []}
    rows = []
    for ev in data.get("events") or []:
        place = places.get(ev.get("place")) or {}
        fat = ev.get("fatalities") or {}
        evidence = ev.get("evidence") or {}
        rows.append(
            {
                "article_id": article.get("id"),
                "event_id": ev.get("id"),
                "published": article.get("published"),
                "outlet": article.get("outlet"),
                "event_type": ev.get("event_type"),
                "sub_event_type": ev.get("sub_event_type"),
                "disorder_type": ev.get("disorder_type"),
                "plover_type": ev.get("plover_type"),
                "actor1": (actors.get(ev.get("actor1")) or {}).get("name"),
                "actor2": (actors.get(ev.get("actor2")) or {}).get("name"),
                "date": ev.get("date"),
                "time_precision": _int(ev.get("time_precision")),
                "geo_precision": _int(ev.get("geo_precision")),
                "place_name": place.get("name"),
                "geonameid": _int(place.get("geonameid")),
                "country_code": place.get("country_code"),
                "admin1": place.get("admin1"),
                "lat": _float(place.get("lat")),
                "lon": _float(place.get("lon")),
                "fatalities_low": _int(fat.get("low")),
                "fatalities_best": _int(fat.get("best")),
                "fatalities_high": _int(fat.get("high")),
                "fatalities_acled": _int(fat.get("acled")),
                "evidence": evidence.get("text"),
                "evidence_start": _int(evidence.get("start")),
                "evidence_end": _int(evidence.get("end")),
                "negated": bool(ev.get("negated")),
                "hypothetical": bool(ev.get("hypothetical")),
                "historical": bool(ev.get("historical")),
                "category": ev.get("category"),
                "confidence": _float(ev.get("confidence")),
                "claims": json.dumps(ev.get("claims") or []),
            }
        )
    return rows


def place_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Flat place rows of one extraction."""
    article_id = (data.get("article") or {}).get("id")
    rows = []
    for p in data.get("places") or []:
        mentions = p.get("mentions") or []
        rows.append(
            {
                "article_id": article_id,
                "place_id": p.get("id"),
                "name": p.get("name"),
                "geonameid": _int(p.get("geonameid")),
                "country_code": p.get("country_code"),
                "admin1": p.get("admin1"),
                "admin2": p.get("admin2"),
                "lat": _float(p.get("lat")),
                "lon": _float(p.get("lon")),
                "feature_code": p.get("feature_code"),
                "population": _int(p.get("population")),
                "geo_precision": _int(p.get("geo_precision")),
                "confidence": _float(p.get("confidence")),
                "n_mentions": len(mentions),
                "first_mention": min((_int(m.get("start")) or 0 for m in mentions), default=None),
            }
        )
    return rows


def claim_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Flat claim rows of one extraction."""
    article_id = (data.get("article") or {}).get("id")
    actors = {a.get("id"): a for a in data.get("actors") or []}
    rows = []
    for c in data.get("claims") or []:
        content = c.get("content") or {}
        rows.append(
            {
                "article_id": article_id,
                "claim_id": c.get("id"),
                "speaker": c.get("speaker"),
                "speaker_role": c.get("speaker_role"),
                "speaker_actor": (actors.get(c.get("speaker_actor")) or {}).get("name"),
                "channel": c.get("channel"),
                "cue": _span_text(c.get("cue")),
                "content": content.get("text"),
                "content_start": _int(content.get("start")),
                "content_end": _int(content.get("end")),
                "direct_quote": bool(c.get("direct_quote")),
                "about_events": json.dumps(c.get("about_events") or []),
            }
        )
    return rows


FLATTENERS: dict[str, Callable[[dict[str, Any]], list[dict[str, Any]]]] = {
    "events": event_rows,
    "places": place_rows,
    "claims": claim_rows,
}


def flatten(table: str, extractions: pa.Table | pa.RecordBatch) -> pa.Table:
    """The flat ``table`` (events, places or claims) of the ``ok`` rows of an extractions table."""
    rows: list[dict[str, Any]] = []
    fn = FLATTENERS[table]
    statuses = extractions.column("status").to_pylist()
    for status, text in zip(statuses, extractions.column("extraction").to_pylist(), strict=True):
        if status == "ok" and text:
            rows.extend(fn(json.loads(text)))
    return to_table(rows, FLAT_TABLES[table])


def flatten_batches(table: str) -> Callable[[Iterator[pa.RecordBatch]], Iterator[pa.RecordBatch]]:
    """A ``mapInArrow`` function that flattens extraction batches into ``table`` batches."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield from flatten(table, batch).to_batches()

    return run
