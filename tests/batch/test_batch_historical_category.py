"""Batch tables carry ``historical`` and ``category``: per-article events and fused events.

Invented records only."""

from __future__ import annotations

import json

from wirewatch.batch.fuse import FUSED_EVENTS, fused_event_rows
from wirewatch.batch.tables import EVENTS, event_rows, to_table
from wirewatch.fuse.records import EventRecord, PlaceRef
from wirewatch.store.serde import dumps


def _extraction() -> dict[str, object]:
    return {
        "article": {"id": "art-1", "published": "2024-05-02", "outlet": "Test Wire"},
        "places": [{"id": "p1", "name": "Korvan", "country_code": "SD"}],
        "actors": [],
        "events": [
            {"id": "e1", "event_type": "Battles", "sub_event_type": "Armed clash"},
            {"id": "e2", "category": "displacement", "place": "p1"},
            {
                "id": "e3",
                "event_type": "Battles",
                "sub_event_type": "Non-state actor overtakes territory",
                "date": "2019-02-01",
                "historical": True,
            },
        ],
    }


def test_event_rows_have_historical_and_category() -> None:
    rows = event_rows(_extraction())
    assert [r["historical"] for r in rows] == [False, False, True]
    assert [r["category"] for r in rows] == [None, "displacement", None]
    table = to_table(rows, EVENTS)
    assert table.column("historical").to_pylist() == [False, False, True]
    assert table.schema.field("category").type == "string"


def _record(aid: str, *, historical: bool) -> str:
    return dumps(
        EventRecord(
            key=f"{aid}#e1",
            article_id=aid,
            local_id="e1",
            category="prisoner_release",
            place=PlaceRef(name="Korvan", country_code="SD", lat=13.1, lon=33.9),
            date="2024-05-01",
            historical=historical,
        )
    )


def test_fused_event_rows_have_category_and_fused_historical_flag() -> None:
    # one source tells it as news: the fused event is news
    (row,) = fused_event_rows(
        "x", [_record("a1", historical=True), _record("a2", historical=False)]
    )
    assert row["category"] == "prisoner_release" and row["historical"] is False
    (old,) = fused_event_rows("y", [_record("a1", historical=True), _record("a3", historical=True)])
    assert old["historical"] is True
    assert json.loads(old["data"])["historical"] is True
    table = to_table([row, old], FUSED_EVENTS)
    assert table.column("category").to_pylist() == ["prisoner_release", "prisoner_release"]
