"""Parquet export of fused events (pyarrow), written in row groups as events stream in."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wirewatch.export.acled import ACLED_COLUMNS, acled_row
from wirewatch.fuse.events import FusedEvent
from wirewatch.model.records import to_plain

_INT = {"year", "time_precision", "geo_precision", "fatalities", "timestamp", "iso"}
_FLOAT = {"latitude", "longitude"}


def _schema() -> Any:
    import pyarrow as pa

    fields = [("id", pa.string())]
    for col in ACLED_COLUMNS:
        typ = pa.int64() if col in _INT else pa.float64() if col in _FLOAT else pa.string()
        fields.append((col, typ))
    fields += [
        ("geonameid", pa.int64()),
        ("country_code", pa.string()),
        ("plover_type", pa.string()),
        ("category", pa.string()),
        ("historical", pa.bool_()),
        ("fatalities_low", pa.int64()),
        ("fatalities_best", pa.int64()),
        ("fatalities_high", pa.int64()),
        ("n_sources", pa.int64()),
        ("sources_json", pa.string()),
    ]
    return pa.schema(fields)


def _row(ev: FusedEvent) -> dict[str, Any]:
    row: dict[str, Any] = {"id": ev.id}
    for key, value in acled_row(ev, timestamp=0).items():
        if key in _INT or key in _FLOAT:
            row[key] = None if value == "" else (int(value) if key in _INT else float(value))
        else:
            row[key] = value
    row.update(
        geonameid=ev.place.geonameid if ev.place else None,
        country_code=ev.place.country_code if ev.place else None,
        plover_type=ev.plover_type,
        category=ev.category,
        historical=ev.historical,
        fatalities_low=ev.fatalities.low,
        fatalities_best=ev.fatalities.best,
        fatalities_high=ev.fatalities.high,
        n_sources=ev.n_sources,
        sources_json=json.dumps([to_plain(s) for s in ev.sources], ensure_ascii=False),
    )
    return row


def write_parquet(events: Iterable[FusedEvent], path: str | Path, *, batch: int = 5000) -> int:
    """Write fused events to a Parquet file; returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        rows: list[dict[str, Any]] = []
        for ev in events:
            rows.append(_row(ev))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n
