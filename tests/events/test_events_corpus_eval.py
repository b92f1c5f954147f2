"""CASE 2021 dev: the events evaluation reaches its pinned floors (needs ../shared/corpus)."""

from __future__ import annotations

import pytest

from wirewatch.eval.common import check_floors, load_floors

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


def test_events_eval_meets_floors(corpus_dir) -> None:  # type: ignore[no-untyped-def]
    from wirewatch.eval.events import run_events_eval

    path = corpus_dir / "events-case2021-dev.jsonl"
    if not path.is_file():
        pytest.skip("events corpus absent")
    report = run_events_eval(path)
    assert load_floors("events"), "floors must be pinned"
    assert check_floors("events", report.metrics) == []
    assert report.metrics["snippets"] == 512
    assert set(report.confusion) >= {"Armed clash", "Suicide bomb", "—"}
