"""The API on background (historical) events, uncoded events (category only) and control
entries about a facility near a place: fields, the ``historical`` filter, the map columns,
event details and exports. Scenario data are invented (tests/api/scenario.py)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
import scenario

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from wirewatch.api import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store = scenario.build_store(
        tmp_path_factory.mktemp("api-bg") / "scenario.sqlite", background=True
    )
    yield TestClient(create_app(store))
    store.close()


def _events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get("/api/events", params={"limit": 100, **params})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def test_events_carry_historical_and_category(client: TestClient) -> None:
    items = _events(client, place="Homs")
    old = [e for e in items if e["historical"]]
    assert [e["date"] for e in old] == ["2016-06-15"]
    displaced = [e for e in items if e["category"] == "displacement"]
    assert len(displaced) == 1 and displaced[0]["event_type"] is None
    assert all(e["historical"] is False for e in items if e["date"] != "2016-06-15")


def test_historical_filter_on_list_count_and_map(client: TestClient) -> None:
    every = _events(client)
    news = _events(client, historical="false")
    background = _events(client, historical="true")
    assert len(news) + len(background) == len(every) and len(background) == 1
    assert not any(e["historical"] for e in news)
    for flag, expected in (("true", 1), ("false", len(every) - 1)):
        assert client.get("/api/events/count", params={"historical": flag}).json() == {
            "count": expected
        }
    body = client.get("/api/map").json()
    cols = body["columns"]
    rows = [dict(zip(cols, r, strict=True)) for r in body["rows"]]
    assert [r["date"] for r in rows if r["historical"]] == ["2016-06-15"]
    assert [r["category"] for r in rows if r["event_type"] is None] == ["displacement"]
    # a coded event's category is not read from its JSON (the map reads columns only)
    assert all(r["category"] is None for r in rows if r["event_type"] is not None)
    hidden = client.get("/api/map", params={"historical": "false"}).json()["rows"]
    assert len(hidden) == len(rows) - 1
    bad = client.get("/api/events", params={"historical": "maybe"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_parameter"


def test_event_detail_names_the_facility_of_a_capture(client: TestClient) -> None:
    items = _events(client, place="Homs", sub_type="Non-state actor overtakes territory")
    (airport,) = [e for e in items if not e["historical"]]
    detail = client.get(f"/api/events/{airport['id']}").json()
    assert detail["facility"] == "military airport"
    (source,) = detail["sources"]
    assert [r["facility"] for r in source["reports"]] == ["military airport"]
    (old,) = [e for e in items if e["historical"]]
    assert client.get(f"/api/events/{old['id']}").json()["facility"] is None
    # the airport's capture is not control of Homs
    ctl = client.get("/api/control", params={"date": "2024-12-06"}).json()["items"]
    assert "Homs" not in {c["place"]["name"] for c in ctl}


def test_exports_leave_out_untyped_events_and_mark_history(client: TestClient) -> None:
    r = client.get("/api/export/csv")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert all(row["event_type"] for row in rows)
    assert r.headers["x-wirewatch-left-out"] == "1"  # the displacement
    assert r.headers["x-wirewatch-historical"] == "1"
    (old,) = [row for row in rows if row["event_date"] == "2016-06-15"]
    assert old["tags"].startswith("historical") and old["notes"].startswith("Historical")
    every = client.get("/api/export/csv", params={"include_untyped": "true"})
    assert len(list(csv.DictReader(io.StringIO(every.text)))) == len(rows) + 1
    news = client.get("/api/export/csv", params={"historical": "false"})
    assert news.headers["x-wirewatch-historical"] == "0"
    assert "2016-06-15" not in news.text
    plover = client.get("/api/export/plover")
    recs = [json.loads(line) for line in plover.text.splitlines()]
    assert all(rec["event_type"] for rec in recs)
    assert [rec["date"] for rec in recs if rec["historical"]] == ["2016-06-15"]
    gj = client.get("/api/export/geojson").json()
    cats = [f["properties"]["category"] for f in gj["features"]]
    assert cats.count("displacement") == 1
