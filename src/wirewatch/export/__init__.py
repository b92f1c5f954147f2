"""Exports of the fused event database: ACLED CSV, PLOVER JSON Lines, GeoJSON, Parquet and
the Markdown situation report. Each writer takes an iterable of fused events (streamed)."""

from wirewatch.export.acled import ACLED_COLUMNS, acled_row, write_acled_csv
from wirewatch.export.common import ExportReport
from wirewatch.export.geojson import write_control_geojson, write_events_geojson
from wirewatch.export.parquet import write_parquet
from wirewatch.export.plover import plover_record, write_plover_jsonl

__all__ = [
    "ACLED_COLUMNS",
    "ExportReport",
    "acled_row",
    "plover_record",
    "write_acled_csv",
    "write_control_geojson",
    "write_events_geojson",
    "write_parquet",
    "write_plover_jsonl",
]
