"""The claims evaluation: scoring rules on toy data (fast) and floors on PolNeAR (corpus)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wirewatch.eval.claims import overlap_ok, score_document
from wirewatch.eval.common import check_floors, load_floors

TEXT = "Rain fell. The mayor said the bridge is shut. “Stay home,” she said, “all day.”"


def sp(fragment: str, start_at: int = 0) -> dict[str, object]:
    i = TEXT.index(fragment, start_at)
    return {"start": i, "end": i + len(fragment), "text": fragment}


def test_overlap_needs_half_of_each_span() -> None:
    assert overlap_ok(set(range(10)), set(range(5, 10)))
    assert not overlap_ok(set(range(10)), set(range(8, 10)))
    assert not overlap_ok(set(), set(range(3)))


def test_score_document_counts() -> None:
    split_gold = {
        "spans": [
            [sp("“Stay home,”")["start"], sp("“Stay home,”")["end"]],
            [sp("“all day.”")["start"], sp("“all day.”")["end"]],
        ],
        "text": "“Stay home,” “all day.”",
    }
    gold: list[dict[str, Any]] = [
        {"source": sp("The mayor"), "cue": sp("said"), "content": sp("the bridge is shut")},
        {"source": sp("she"), "cue": sp("said", 50), "content": split_gold},
    ]
    quote_start = TEXT.index("“Stay")
    pred: list[dict[str, Any]] = [
        # exact match, right speaker
        {"content": sp("the bridge is shut."), "cue": sp("said"), "speaker_span": sp("mayor")},
        # the whole split quote: overlaps the discontinuous gold, wrong speaker
        {
            "content": {"start": quote_start, "end": len(TEXT), "text": TEXT[quote_start:]},
            "cue": sp("said", 50),
            "speaker_span": None,
        },
        # a false positive
        {"content": sp("Rain fell"), "cue": None, "speaker_span": None},
    ]
    c = score_document(TEXT, gold, pred)
    # a discontinuous gold is compared by its covering extent, which the split quote equals
    assert c["ex_tp"] == 2
    assert c["ov_tp"] == 2
    assert (c["n_pred"], c["n_gold"]) == (3, 2)
    assert (c["cue_tp"], c["cue_pred"], c["cue_gold"]) == (2, 2, 2)
    assert (c["spk_ok"], c["spk_n"]) == (1, 2)


def test_floors_are_pinned_and_not_zero() -> None:
    floors = load_floors("claims")
    assert {"content_overlap_f1", "speaker_accuracy", "cue_f1"} <= set(floors)
    assert all(v > 0 for v in floors.values())
    assert check_floors("claims", dict.fromkeys(floors, 0.0))  # zeros must fail


@pytest.mark.corpus
@pytest.mark.slow
def test_polnear_dev_meets_floors(corpus_dir: Path) -> None:
    from wirewatch.eval.claims import evaluate

    path = corpus_dir / "attribution-polnear-dev.jsonl"
    if not path.is_file():
        pytest.skip("PolNeAR dev file is absent")
    metrics = evaluate(path)
    assert metrics["documents"] == 84
    assert check_floors("claims", metrics) == [], json.dumps(metrics)


def test_cli_eval_claims_limit_json(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from wirewatch.cli.app import app

    rows = [{"id": "t1", "text": TEXT, "attributions": []}]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "claims", str(corpus), "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["metrics"]["documents"] == 1
