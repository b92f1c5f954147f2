"""``run_bench`` reports consistent figures (never timed assertions: speed is measured)."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_bench_reports_each_round_and_cpu_ratio() -> None:
    from wirewatch.bench import run_bench

    texts = [
        "Soldiers shelled the northern district of the town on Monday, the army said.",
        "Protesters gathered outside the ministry. Police said two people were arrested.",
        "A new bridge opened on Tuesday, cutting the journey to under an hour.",
    ]
    result = run_bench(texts, rounds=2, latency_samples=2, cold_start=False)
    assert result.articles == 3 and result.words == sum(len(t.split()) for t in texts)
    assert len(result.round_ratios) == 2 and all(r > 0 for r in result.round_ratios)
    assert result.ratio > 0 and result.bare_seconds > 0 and result.ours_seconds > 0
    assert result.cpu_ratio is not None and result.cpu_ratio > 0
    assert 0 < result.parsed_sentence_share <= 1
    assert result.cold_start_s is None and result.peak_rss_mb is None
    assert "cpu_ratio" in result.as_dict()
