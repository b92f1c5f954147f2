"""Exports keep to their formats: no ACLED row without an ACLED type, no PLOVER record without
a PLOVER type, and background (historical) events marked wherever they are written.

All events here are invented."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from wirewatch.export import (
    ExportReport,
    write_acled_csv,
    write_events_geojson,
    write_parquet,
    write_plover_jsonl,
)
from wirewatch.export.common import HISTORICAL_NOTE
from wirewatch.fuse.events import EventSource, FusedEvent
from wirewatch.fuse.records import PlaceRef

_PLACE = PlaceRef(name="Velmora", country_code="SY", lat=35.0, lon=36.5, geo_precision=1)


def _src(n: int, evidence: str) -> EventSource:
    return EventSource(
        event_key=f"a{n}#e1", article_id=f"a{n}", outlet="Daily Test", evidence=evidence
    )


CLASH = FusedEvent(
    id="ev-000001",
    event_type="Battles",
    sub_event_type="Armed clash",
    plover_type="ASSAULT",
    place=_PLACE,
    date="2024-03-10",
    sources=(_src(1, "Fighters clashed near Velmora on Sunday."),),
)
OLD_CAPTURE = FusedEvent(
    id="ev-000002",
    event_type="Battles",
    sub_event_type="Non-state actor overtakes territory",
    place=_PLACE,
    date="2019-06-01",
    historical=True,
    sources=(_src(2, "The group had seized Velmora in 2019."),),
)
DISPLACEMENT = FusedEvent(
    id="ev-000003",
    category="displacement",
    place=_PLACE,
    date="2024-03-11",
    sources=(_src(3, "Hundreds of families left Velmora."),),
)
APPEAL = FusedEvent(
    id="ev-000004",
    plover_type="REQUEST",
    place=_PLACE,
    date="2024-03-12",
    sources=(_src(4, "The mayor asked for a ceasefire."),),
)
OTHER = FusedEvent(
    id="ev-000005",
    event_type="Strategic developments",
    sub_event_type="Change to group/activity",
    place=_PLACE,
    date="2024-03-12",
)
ALL = [CLASH, OLD_CAPTURE, DISPLACEMENT, APPEAL, OTHER]


def _acled(events: list[FusedEvent], **kw: object) -> tuple[list[dict[str, str]], ExportReport]:
    buf = io.StringIO()
    rep = ExportReport()
    n = write_acled_csv(events, buf, timestamp=0, report=rep, **kw)  # type: ignore[arg-type]
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(rows) == rep.written
    return rows, rep


def test_acled_csv_leaves_out_events_without_an_acled_type() -> None:
    rows, rep = _acled(ALL)
    # a displacement (category only) and a PLOVER-only appeal are not ACLED events
    assert [r["event_id_cnty"][3:] for r in rows] == ["000001", "000002", "000005"]
    assert all(r["event_type"] for r in rows)
    assert rep.skipped_untyped == 2
    assert rep.summary("acled") == (
        "3 acled records written; 2 events with no acled type left out; "
        "1 historical (background) events marked"
    )


def test_acled_csv_can_include_untyped_events_on_request() -> None:
    rows, rep = _acled(ALL, include_untyped=True)
    assert len(rows) == 5 and rep.skipped_untyped == 0
    assert {r["event_type"] for r in rows} == {"Battles", "Strategic developments", ""}


def test_acled_csv_marks_historical_events_in_tags_and_notes() -> None:
    rows, rep = _acled([CLASH, OLD_CAPTURE])
    old = next(r for r in rows if r["event_date"] == "2019-06-01")
    new = next(r for r in rows if r["event_date"] == "2024-03-10")
    assert old["tags"].split("; ")[0] == "historical"
    assert old["notes"].startswith(HISTORICAL_NOTE)
    assert "seized Velmora" in old["notes"]  # the evidence is still there after the mark
    assert "historical" not in new["tags"] and not new["notes"].startswith("Historical")
    assert rep.historical == 1


def test_plover_leaves_out_events_without_a_plover_type_and_flags_history() -> None:
    buf = io.StringIO()
    rep = ExportReport()
    assert write_plover_jsonl(ALL, buf, report=rep) == 3
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    # the displacement has no PLOVER type; 'Change to group/activity' has no PLOVER word
    assert [r["id"] for r in recs] == ["ev-000001", "ev-000002", "ev-000004"]
    assert [r["event_type"] for r in recs] == ["ASSAULT", "ASSAULT", "REQUEST"]
    assert [r["historical"] for r in recs] == [False, True, False]
    assert rep.skipped_untyped == 2 and rep.historical == 1
    buf = io.StringIO()
    assert write_plover_jsonl(ALL, buf, include_untyped=True) == 5
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert {r["id"]: r["category"] for r in recs}["ev-000003"] == "displacement"


def test_geojson_and_parquet_keep_every_event_with_category_and_historical(
    tmp_path: Path,
) -> None:
    import pyarrow.parquet as pq

    buf = io.StringIO()
    assert write_events_geojson(ALL, buf) == 5
    props = {f["id"]: f["properties"] for f in json.loads(buf.getvalue())["features"]}
    assert props["ev-000003"]["category"] == "displacement"
    assert props["ev-000002"]["historical"] is True
    assert props["ev-000001"]["historical"] is False
    path = tmp_path / "events.parquet"
    assert write_parquet(ALL, path) == 5
    table = pq.read_table(path)
    assert table.column("historical").to_pylist() == [False, True, False, False, False]
    assert table.column("category").to_pylist()[2] == "displacement"
