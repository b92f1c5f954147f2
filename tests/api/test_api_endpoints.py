"""The REST API in-process (FastAPI TestClient) over a temporary SQLite store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import scenario

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from wirewatch.api import ApiSettings, create_app
from wirewatch.model import Extraction

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    s = scenario.build_store(tmp_path_factory.mktemp("api") / "scenario.sqlite")
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: Any) -> TestClient:
    return TestClient(create_app(store, ApiSettings(max_page_size=100)))


def _event_id(client: TestClient, place: str, sub_type: str | None = None) -> str:
    items = client.get("/api/events", params={"place": place}).json()["items"]
    for item in items:
        if sub_type is None or item["sub_event_type"] == sub_type:
            return str(item["id"])
    raise AssertionError(f"no event at {place}")


def _assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status and err["message"]
    assert "Traceback" not in response.text
    if code:
        assert err["code"] == code
    return dict(err)


# ---------------------------------------------------------------- reading


def test_health_and_meta(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["store"]["schema_version"] >= 1
    assert health["write_enabled"] is False
    stats = client.get("/api/stats").json()
    assert stats["events"] == 4 and stats["articles"] == 3 and "url" not in stats
    meta = client.get("/api/meta").json()
    assert meta["min_date"] == "2024-11-30" and meta["max_date"] == "2024-12-05"
    assert meta["countries"] == [{"code": "SY"}]
    assert "Battles" in meta["event_types"]
    assert meta["limits"]["max_page_size"] == 100


def test_events_filters(client: TestClient) -> None:
    all_items = client.get("/api/events").json()["items"]
    assert [e["date"] for e in all_items] == sorted((e["date"] for e in all_items), reverse=True)
    assert {e["place"]["name"] for e in all_items} == {"Hama", "Aleppo", "Homs"}

    def places(**params: str) -> list[str]:
        r = client.get("/api/events", params=params)
        assert r.status_code == 200, r.text
        return sorted(e["place"]["name"] for e in r.json()["items"])

    assert places(start="2024-12-01", end="2024-12-04") == ["Homs"]
    assert places(type="Battles") == ["Aleppo", "Hama"]
    assert places(country="sy", actor="tahrir") == ["Aleppo", "Hama"]
    assert places(bbox="36.5,35.0,37.0,35.3") == ["Hama"]  # around Hama only
    # Words of the source articles: the Hama report also tells of the flight to Homs.
    assert places(q="Pomegranate") == ["Hama", "Homs"]
    assert places(q="market") == ["Homs"]
    assert places(country="UA") == []


def test_fast_event_page_matches_the_store(store: Any, client: TestClient) -> None:
    """/api/events decodes stored JSON itself: same events, order and fields as the store."""
    from wirewatch.api.views import event_view

    for params in ({}, {"type": "Battles"}, {"place": "Homs"}):
        api = client.get("/api/events", params=params).json()["items"]
        filters = {"event_type": params.get("type"), "place": params.get("place")}
        direct = [event_view(e) for e in store.query_events(**filters)]
        assert api == json.loads(json.dumps(direct))


def test_events_pagination(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 3}).json()
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    rest = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    ids = [e["id"] for e in first["items"] + rest["items"]]
    assert len(set(ids)) == 4
    assert client.get("/api/events/count", params={"type": "Battles"}).json() == {"count": 2}


def test_one_event_has_evidence_sources_claims_and_contradiction(client: TestClient) -> None:
    ev = client.get("/api/events/" + _event_id(client, "Hama")).json()
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"
    assert ev["actor1"]["name"] == "Hayat Tahrir al-Sham"
    assert ev["fatalities"] == {"low": 20, "best": 25, "high": 30, "acled": 20, "reported_by": 1}
    (source,) = ev["sources"]
    assert source["article"]["outlet"] == "Test Wire"
    (span,) = source["evidence"]
    article = client.get("/api/articles/" + source["article"]["id"]).json()
    assert article["text"][span["start"] : span["end"]] == span["text"] == scenario.HAMA_EVIDENCE
    quotes = {c["content"]["text"] for c in ev["claims"]}
    assert quotes == {"total liberation of Hama", "temporary tactical measure"}
    (contra,) = ev["contradictions"]
    assert {c["speaker"] for c in contra["claims"]} == {"the rebels", "The defence minister"}


def test_control_on_a_date_and_timeline(client: TestClient) -> None:
    def holder(day: str) -> str | None:
        items = client.get("/api/control", params={"date": day, "place": "Hama"}).json()["items"]
        (row,) = items
        return row["holder"]["name"] if row["holder"] else None

    assert holder("2024-12-04") == "Military Forces of Syria"
    assert holder("2024-12-06") == "Hayat Tahrir al-Sham"
    day = client.get("/api/control", params={"date": "2024-12-06", "country": "SY"}).json()
    assert {r["place"]["name"] for r in day["items"]} == {"Hama", "Aleppo"}
    timeline = client.get("/api/places/170017/control").json()["intervals"]
    assert [iv["holder"]["name"] for iv in timeline] == [
        "Military Forces of Syria",
        "Hayat Tahrir al-Sham",
    ]
    assert timeline[1]["since"] == "2024-12-05" and timeline[1]["status"] == "claimed"
    assert timeline[1]["sources"][0]["evidence"] == scenario.HAMA_EVIDENCE


def test_places_actors_claims_contradictions_articles(client: TestClient) -> None:
    places = client.get("/api/places", params={"country": "SY"}).json()["items"]
    assert {p["name"] for p in places} == {"Hama", "Aleppo", "Homs"}
    actors = client.get("/api/actors").json()["items"]
    assert [(a["name"], a["events"]) for a in actors] == [
        ("Hayat Tahrir al-Sham", 2),
        ("Military Forces of Syria", 2),
        ("<script>window.__pwned=5</script> Unknown gunmen", 1),
    ]
    claims = client.get("/api/claims", params={"q": "tactical"}).json()["items"]
    assert [c["speaker"] for c in claims] == ["The defence minister"]
    contras = client.get("/api/contradictions", params={"country": "SY"}).json()["items"]
    assert len(contras) == 1
    arts = client.get("/api/articles").json()["items"]
    assert [a["published"] for a in arts] == ["2024-12-05", "2024-12-03", "2024-12-01"]
    full = client.get("/api/articles/https://news.example/hama", params={"extraction": True})
    assert full.status_code == 200
    assert Extraction.from_dict(full.json()["extraction"]).article.title == "Rebels enter Hama"


def test_map_rows_are_compact(client: TestClient) -> None:
    data = client.get("/api/map", params={"type": "Battles"}).json()
    assert data["truncated"] is False
    rows = [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]
    assert {r["place"] for r in rows} == {"Hama", "Aleppo"}
    hama = next(r for r in rows if r["place"] == "Hama")
    assert hama["fatalities"] == 25 and hama["lat"] == pytest.approx(35.13, abs=0.01)


def test_exports(client: TestClient) -> None:
    r = client.get("/api/export/csv", params={"country": "SY"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 4 and "event_id_cnty" in rows[0]
    gj = client.get("/api/export/geojson", params={"type": "Battles"}).json()
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 2
    plover = client.get("/api/export/plover").text.strip().splitlines()
    assert all(json.loads(line) for line in plover)
    ctl = client.get("/api/export/control.geojson", params={"date": "2024-12-06"}).json()
    assert len(ctl["features"]) == 2


def test_sitrep(client: TestClient) -> None:
    data = client.get("/api/sitrep", params={"date": "2024-12-05", "country": "SY"}).json()
    assert data["markdown"].startswith("#") and "Hama" in data["markdown"]
    md = client.get("/api/sitrep", params={"date": "2024-12-05", "format": "markdown"})
    assert md.headers["content-type"].startswith("text/markdown")


def test_security_headers_and_pages(client: TestClient) -> None:
    for path in ("/", "/sitrep", "/api/health", "/api/nothing-here"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    assert '<script src="/static/app.js"' in client.get("/").text
    schema = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/control"} <= set(schema["paths"])


def test_outlines_are_served_precompressed(client: TestClient) -> None:
    from wirewatch.web.build import assets_status

    if not assets_status()["outlines"]:
        pytest.skip("web assets not built")
    r = client.get("/static/vendor/countries.geojson", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    data = r.json()  # httpx decodes the gzip body
    assert data["type"] == "FeatureCollection" and len(data["features"]) > 200
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"Syria", "Ukraine", "Sudan"} <= names


def test_tile_host_is_allowed_by_the_csp(store: Any) -> None:
    tiles = "https://tiles.example.org/{z}/{x}/{y}.png"
    c = TestClient(create_app(store, ApiSettings(tile_url=tiles)))
    assert (
        "img-src 'self' data: https://tiles.example.org"
        in c.get("/").headers["content-security-policy"]
    )
    assert c.get("/api/meta").json()["tile_url"] == tiles


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/api/events", {"limit": "100000"}, "limit"),
        ("/api/events", {"limit": "0"}, "limit"),
        ("/api/events", {"limit": "ten"}, "limit"),
        ("/api/events", {"offset": "-1"}, "offset"),
        ("/api/events", {"offset": "99999999999"}, "offset"),
        ("/api/events", {"start": "2024-13-45"}, "start"),
        ("/api/events", {"start": "yesterday"}, "start"),
        ("/api/events", {"start": "2024-12-06", "end": "2024-12-01"}, "start"),
        ("/api/events", {"bbox": "1,2,3"}, "bbox"),
        ("/api/events", {"bbox": "a,b,c,d"}, "bbox"),
        ("/api/events", {"bbox": "10,10,5,5"}, "bbox"),
        ("/api/events", {"bbox": "0,-100,1,1"}, "bbox"),
        ("/api/events", {"country": "Syria"}, "country"),
        ("/api/events", {"q": "x" * 5000}, "q"),
        ("/api/control", {}, "date"),
        ("/api/control", {"date": "2024-02-30"}, "date"),
        ("/api/sitrep", {"date": "5 Dec"}, "date"),
        ("/api/sitrep", {"date": "2024-12-05", "format": "pdf"}, "format"),
        ("/api/actors", {"limit": "1000000"}, "limit"),
        ("/api/export/xml", {}, "fmt"),
    ],
)
def test_malformed_parameters_get_a_400(
    client: TestClient, path: str, params: dict[str, str], parameter: str
) -> None:
    err = _assert_error(client.get(path, params=params), 400, "invalid_parameter")
    assert parameter in err["message"]


def test_odd_text_queries_do_not_break_full_text_search(client: TestClient) -> None:
    for q in ['"', "NEAR(", "title:x", "AND OR NOT", "*", "'; DROP TABLE events; --"]:
        r = client.get("/api/events", params={"q": q})
        assert r.status_code == 200, (q, r.text)


def test_unknown_ids_get_a_404(client: TestClient) -> None:
    _assert_error(client.get("/api/events/ev_does_not_exist"), 404, "not_found")
    _assert_error(client.get("/api/articles/nope"), 404, "not_found")
    _assert_error(client.get("/api/places/Atlantis/control"), 404, "not_found")
    _assert_error(client.get("/api/no/such/endpoint"), 404, "not_found")
    _assert_error(client.delete("/api/events"), 405, "method_not_allowed")


def test_unexpected_errors_are_a_500_in_the_error_shape(store: Any) -> None:
    class Broken:
        def __getattr__(self, name: str) -> Any:
            raise RuntimeError("secret internal detail")

    c = TestClient(create_app(Broken()), raise_server_exceptions=False)
    err = _assert_error(c.get("/api/events"), 500, "internal_error")
    assert "secret" not in err["message"]


# ---------------------------------------------------------------- writing


def _fake_ingest(kind: str, body: str, metadata: dict[str, Any]) -> Extraction:
    """Stand-in for the pipeline: the text becomes an article with no events."""
    from wirewatch.model.records import Article

    return Extraction(
        article=Article(
            id=metadata.get("id", "posted"),
            text=body,
            **{k: v for k, v in metadata.items() if k in ("title", "outlet", "published", "url")},
        )
    )


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[TestClient]:
    s = scenario.build_store(tmp_path / "w.sqlite")
    yield TestClient(create_app(s, ApiSettings(token=TOKEN), ingest=_fake_ingest))
    s.close()


def test_post_article_needs_the_token(writer: TestClient, client: TestClient) -> None:
    body = {"text": "A new report about Homs.", "published": "2024-12-06"}
    _assert_error(writer.post("/api/articles", json=body), 401, "unauthorized")
    wrong = {"Authorization": "Bearer not-the-token"}
    _assert_error(writer.post("/api/articles", json=body, headers=wrong), 403, "forbidden")
    basic = {"Authorization": "Basic " + TOKEN}
    _assert_error(writer.post("/api/articles", json=body, headers=basic), 401, "unauthorized")
    # A server without a token accepts no writes at all.
    ok = {"Authorization": f"Bearer {TOKEN}"}
    _assert_error(client.post("/api/articles", json=body, headers=ok), 403, "writes_disabled")


def test_post_article_ingests_once(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": "A new report about Homs.", "published": "2024-12-06", "title": "New"}
    first = writer.post("/api/articles", json=body, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "new"
    again = writer.post("/api/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    art = writer.get("/api/articles/" + first.json()["article_id"]).json()
    assert art["text"] == body["text"] and art["title"] == "New"


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"json": {}}, 400, "invalid_input"),
        ({"json": {"text": "a", "html": "<p>a</p>"}}, 400, "invalid_input"),
        ({"json": {"text": "a", "colour": "red"}}, 400, "invalid_input"),
        ({"json": {"text": 12}}, 400, "invalid_parameter"),
        ({"json": {"text": "a", "published": "someday"}}, 400, "invalid_parameter"),
        ({"json": {"url": "file:///etc/passwd"}}, 400, "invalid_parameter"),
        ({"json": ["text"]}, 400, "invalid_json"),
        (
            {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
            400,
            "invalid_json",
        ),
        (
            {"content": b"text=a", "headers": {"Content-Type": "text/plain"}},
            415,
            "unsupported_media_type",
        ),
    ],
)
def test_post_article_bad_bodies(
    writer: TestClient, kwargs: dict[str, Any], status: int, code: str
) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", **kwargs.pop("headers", {})}
    _assert_error(writer.post("/api/articles", headers=headers, **kwargs), status, code)


def test_post_article_too_large(tmp_path: Path) -> None:
    s = scenario.build_store(tmp_path / "big.sqlite")
    c = TestClient(
        create_app(s, ApiSettings(token=TOKEN, max_body_bytes=1000), ingest=_fake_ingest)
    )
    r = c.post(
        "/api/articles",
        json={"text": "x" * 5000},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    _assert_error(r, 413, "payload_too_large")
    s.close()


def test_post_url_refuses_loopback_addresses(tmp_path: Path) -> None:
    """The default ingest fetches URLs safely: no request to private or loopback hosts."""
    s = scenario.build_store(tmp_path / "url.sqlite")
    c = TestClient(create_app(s, ApiSettings(token=TOKEN)))
    r = c.post(
        "/api/articles",
        json={"url": "http://127.0.0.1:9/report"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    err = _assert_error(r, 400, "invalid_input")
    assert "private or loopback" in err["message"]
    s.close()
