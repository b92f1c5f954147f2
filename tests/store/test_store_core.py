"""Store: idempotency, fusion of many reports, queries, control, refusal of foreign files."""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
import sqlite3
from pathlib import Path

import pytest

from wirewatch.errors import StoreError
from wirewatch.store import EventQuery, open_store


def test_ten_reports_become_one_event_with_ten_sources(store, ten) -> None:
    results = [store.add_extraction(x) for x in ten]
    assert [r.status for r in results] == ["new"] * 10
    events = store.query_events(EventQuery(country="SY"))
    assert len(events) == 1
    ev = events[0]
    assert ev.n_sources == 10
    assert ev.sub_event_type == "Non-state actor overtakes territory"
    assert ev.place.name == "Hama" and ev.date == "2024-12-05"
    assert len({s.evidence for s in ev.sources}) == 10
    # Figures 20, 30, 25 from three sources: a range, ACLED's conservative lowest.
    assert (ev.fatalities.low, ev.fatalities.best, ev.fatalities.high) == (20, 25, 30)
    assert ev.fatalities.acled == 20 and ev.fatalities.reported_by == 3
    detail = store.get_event(ev.id)
    assert len(detail.records) == 10
    assert any(c.kind == "figures" for c in detail.contradictions)


def test_same_article_twice_is_stored_once(store, ten) -> None:
    first = store.add_extraction(ten[0])
    again = store.add_extraction(ten[0])
    assert first.status == "new" and again.status == "duplicate"
    assert again.reason == "same content"
    stats = store.stats()
    assert stats["articles"] == 1 and stats["events"] == 1 and stats["article_events"] == 1
    # The same URL with different text is a duplicate too (a re-published page).
    other = ten[1]
    other.article.url = ten[0].article.url
    assert store.add_extraction(other).reason == "same url"
    # Whitespace and case do not make a new article (normalised content hash).
    ten[2].article.text = "  " + ten[2].article.text.upper().replace(" ", "  ")
    assert store.add_extraction(ten[2]).status == "new"
    assert store.has_article(text=ten[2].article.text.lower())


def test_ingestion_order_does_not_change_the_database(store_url, ten, build, tmp_path) -> None:
    extra = [
        build(
            "Rebels took Aleppo city after a lightning push.",
            town="Aleppo",
            day="2024-11-30",
            published="2024-11-30",
            control="reported",
        ),
        build(
            "Government troops retook Suran near Hama.",
            town="Suran",
            holder="GOV",
            loser="HTS",
            sub="Government regains territory",
            day="2024-12-03",
            published="2024-12-03",
        ),
        build(
            "Clashes in Homs on Friday left 4 dead.",
            town="Homs",
            sub="Armed clash",
            day="2024-12-06",
            published="2024-12-06",
            fatalities=(4, 4, None, 4),
        ),
    ]
    items = ten + extra
    dumps = []
    for seed in (1, 2):
        order = items[:]
        random.Random(seed).shuffle(order)
        url = store_url if seed == 1 else str(tmp_path / f"order{seed}.sqlite")
        s = open_store(url)
        for x in order:
            s.add_extraction(x, now=0.0)
        incremental = s.dump()
        s.fuse()
        assert s.dump() == incremental, "full re-fusion must equal incremental fusion"
        dumps.append(incremental)
        s.close()
    assert dumps[0] == dumps[1]


def test_events_on_other_days_places_or_types_stay_apart(store, build) -> None:
    store.add_extraction(build("Clash one in Hama.", sub="Armed clash", day="2024-12-01"))
    store.add_extraction(build("Clash two in Hama.", sub="Armed clash", day="2024-12-02"))
    store.add_extraction(build("Clash in Homs.", sub="Armed clash", town="Homs", day="2024-12-01"))
    store.add_extraction(
        build(
            "Gunmen attacked civilians in Hama.",
            etype="Violence against civilians",
            sub="Attack",
            day="2024-12-01",
        )
    )
    # Suran is 17 km from Hama: beyond the 15 km fusion radius.
    store.add_extraction(
        build("Clash in Suran.", sub="Armed clash", town="Suran", day="2024-12-01")
    )
    assert store.count_events(EventQuery()) == 5


def test_week_precision_joins_a_day_report(store, build) -> None:
    store.add_extraction(build("Rebels took Hama on Thursday.", day="2024-12-05"))
    store.add_extraction(
        build("Rebels took Hama earlier this week.", day="2024-12-04", precision=2)
    )
    assert store.count_events(EventQuery()) == 1
    ev = store.query_events()[0]
    assert ev.date == "2024-12-05" and ev.time_precision == 1


def test_query_filters(store, ten, build) -> None:
    for x in ten:
        store.add_extraction(x)
    store.add_extraction(
        build(
            "Clashes in Homs left 4 dead.",
            town="Homs",
            sub="Armed clash",
            day="2024-12-06",
            fatalities=(4, 4, None, 4),
        )
    )
    store.add_extraction(build("Rebels took Aleppo.", town="Aleppo", day="2024-11-30"))
    assert store.count_events(EventQuery(date_from="2024-12-01", date_to="2024-12-31")) == 2
    assert store.count_events(EventQuery(country="sy")) == 3
    assert store.count_events(EventQuery(country="UA")) == 0
    homs_box = (36.5, 34.5, 36.9, 34.9)
    assert [e.place.name for e in store.query_events(EventQuery(bbox=homs_box))] == ["Homs"]
    assert store.count_events(EventQuery(sub_event_type="armed clash")) == 1
    assert store.count_events(EventQuery(actor="tahrir")) == 3
    assert store.count_events(EventQuery(place="Aleppo")) == 1
    assert store.count_events(EventQuery(place="170017")) == 1
    assert store.count_events(EventQuery(text="prison")) == 1  # only one Hama report says it
    assert store.count_events(EventQuery(text="zzznotthere")) == 0
    assert store.count_events(EventQuery(min_sources=5)) == 1
    newest = store.query_events(EventQuery(limit=1))
    assert newest[0].date == "2024-12-06"
    assert len(store.query_events(EventQuery(limit=2, offset=2))) == 1
    assert next(a["name"] for a in store.list_actors()) == "Hayat Tahrir al-Sham"


def test_control_timeline_and_correction(store, build) -> None:
    store.add_extraction(build("Rebels say they took Hama.", day="2024-12-05", control="claimed"))
    on_4 = store.control_at("2024-12-04", place="Hama")
    assert [(iv.holder, iv.inferred) for iv in on_4] == [("Military Forces of Syria", True)]
    on_6 = store.control_at("2024-12-06", country="SY")
    assert [(iv.holder, iv.status) for iv in on_6] == [("Hayat Tahrir al-Sham", "claimed")]
    # A later neutral report confirms (and corrects the date): reported, since the 5th.
    store.add_extraction(
        build(
            "Monitors confirm Hama is in rebel hands since Thursday.",
            day="2024-12-05",
            published="2024-12-07",
            control="reported",
        )
    )
    iv = store.control_at("2024-12-06", place="hama")[0]
    assert iv.status == "reported" and iv.since == "2024-12-05" and len(iv.sources) == 2
    # The army retakes it later: the rebel interval closes.
    store.add_extraction(
        build(
            "The army recaptured Hama.",
            holder="GOV",
            loser="HTS",
            sub="Government regains territory",
            day="2024-12-20",
            published="2024-12-20",
            control="reported",
        )
    )
    timeline = store.control_timeline("Hama")
    assert [(iv.holder, iv.since, iv.until) for iv in timeline] == [
        ("Military Forces of Syria", None, "2024-12-05"),
        ("Hayat Tahrir al-Sham", "2024-12-05", "2024-12-20"),
        ("Military Forces of Syria", "2024-12-20", None),
    ]
    assert store.control_at("2024-12-21", place="170017")[0].holder == "Military Forces of Syria"


def test_contradicting_claims_across_reports_are_linked(store, build) -> None:
    a = "Rebels announced the total liberation of Hama."
    b = "The minister called the withdrawal a temporary tactical measure."
    store.add_extraction(build(a, claims=[("rebel coalition", a)], outlet="A"))
    store.add_extraction(
        build(b + " Rebels are in Hama.", claims=[("defence minister", b)], outlet="B")
    )
    ev = store.query_events()[0]
    cons = store.list_contradictions(event_id=ev.id)
    kinds = {c.kind for c in cons}
    assert "claims" in kinds
    claims = {c.content for c in store.get_event(ev.id).claims}
    assert claims == {a, b}
    assert store.list_claims(text="liberation")[0].content == a
    assert store.list_claims(speaker="minister")[0].content == b


def test_sitrep_markdown(store, ten) -> None:
    for x in ten:
        store.add_extraction(x)
    md = store.sitrep("2024-12-05", "SY")
    assert md.startswith("# Situation report 2024-12-05 — Syria")
    assert "**Hama**: Hayat Tahrir al-Sham from Military Forces of Syria" in md
    assert "10 source(s)" in md and "fatalities 20–30 (best 25, ACLED 20)" in md
    assert "## Contradictions" in md


def test_exports(store, ten, tmp_path: Path) -> None:
    from wirewatch.export import ACLED_COLUMNS

    for x in ten:
        store.add_extraction(x)
    buf = io.StringIO()
    assert store.export_acled_csv(buf) == 1
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows[0]) == 31
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["event_id_cnty"].startswith("SYR") and row["country"] == "Syria"
    assert row["region"] == "Middle East" and row["inter1"] == "Rebel group"
    assert row["interaction"] == "Rebel group-State forces" and row["fatalities"] == "20"
    assert row["location"] == "Hama" and row["latitude"] == "35.1318"
    buf = io.StringIO()
    store.export_plover_jsonl(buf)
    rec = json.loads(buf.getvalue().splitlines()[0])
    assert rec["event_type"] == "ASSAULT" and rec["actor"] == ["Hayat Tahrir al-Sham"]
    assert len(rec["sources"]) == 10
    buf = io.StringIO()
    assert store.export_geojson(buf) == 1
    gj = json.loads(buf.getvalue())
    assert gj["features"][0]["geometry"]["coordinates"] == [36.7578, 35.1318]
    buf = io.StringIO()
    assert store.export_geojson(buf, control_day="2024-12-06") == 1
    assert (
        json.loads(buf.getvalue())["features"][0]["properties"]["holder"] == "Hayat Tahrir al-Sham"
    )
    import pyarrow.parquet as pq

    path = tmp_path / "e.parquet"
    assert store.export_parquet(path) == 1
    table = pq.read_table(path)
    assert table.num_rows == 1 and table.column("n_sources").to_pylist() == [10]


def test_foreign_and_newer_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "notes.sqlite"
    junk.write_bytes(b"my precious notes\n" * 10)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(junk)
    assert junk.read_bytes() == b"my precious notes\n" * 10
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a wirewatch store"):
        open_store(other)
    newer = tmp_path / "newer.sqlite"
    open_store(newer).close()
    con = sqlite3.connect(newer)
    con.execute("UPDATE wirewatch_meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 99, newer"):
        open_store(newer)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "missing.sqlite", create=False)
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://x/y")


def test_sqlite_settings(tmp_path: Path) -> None:
    s = open_store(tmp_path / "w.sqlite")
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert s.schema_version == 1
    s.close()


def test_permutations_of_three_reports_agree(tmp_path: Path, build) -> None:
    xs = [
        build("Rebels took Hama on Thursday.", day="2024-12-05"),
        build("Rebels took Hama this week.", day="2024-12-03", precision=2),
        build("Rebels hold Hama since early December.", day="2024-12-15", precision=3),
    ]
    seen = set()
    for i, perm in enumerate(itertools.permutations(xs)):
        s = open_store(tmp_path / f"p{i}.sqlite")
        for x in perm:
            s.add_extraction(x, now=0.0)
        seen.add(repr(s.dump()))
        s.close()
    assert len(seen) == 1
