"""Score event-type classification on CASE 2021 task 2 snippets mapped to ACLED.

Each corpus record has ``text`` and gold ``acled_event_type`` / ``acled_sub_event_type``
(null for the five non-ACLED labels: organised crime, natural and man-made disasters,
diplomacy, attribution). The prediction for a snippet is its **main event**: the
highest-confidence event with an ACLED sub-type that is not negated, hypothetical,
historical, attribution-only or a diplomatic step's reason (a demonstration takes its most
severe protest event); no such event → null
(:meth:`wirewatch.events.coder.EventCoder.main_event`).

Metrics, for sub-event types (``sub_*``) and event types (``type_*``):

* ``accuracy``: share of snippets whose prediction equals the gold label (null included);
* ``micro_f1``: over ACLED labels, null being "no event" — a prediction counts as a true
  positive when it equals a non-null gold, a false positive when non-null and wrong, a
  false negative when the gold is non-null and not predicted;
* ``macro_f1``: mean F1 of the gold ACLED classes present in the corpus;
* ``null_accuracy``: share of null-gold snippets predicted null (no false alarm).

The corpus only passes through ``clean`` and ``annotate``; then the event coder runs on
its own, because type coding does not depend on the other layers (``full=True`` runs the
whole default pipeline instead). Never tune data files on these texts.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wirewatch.eval.common import PRF, read_jsonl

NULL = "—"


@dataclass(slots=True)
class EventsReport:
    """Metrics plus the per-class scores and confusion counts of one run."""

    metrics: dict[str, float]
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    examples: list[dict[str, Any]] = field(default_factory=list)


Pairs = list[tuple[str | None, str | None]]


def _scores(pairs: Pairs, prefix: str) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    micro = PRF()
    per: dict[str, PRF] = defaultdict(PRF)
    correct = 0
    null_total = null_ok = 0
    for gold, pred in pairs:
        correct += gold == pred
        if gold is None:
            null_total += 1
            null_ok += pred is None
        if pred is not None and pred == gold:
            micro.tp += 1
            per[pred].tp += 1
            continue
        if pred is not None:
            micro.fp += 1
            per[pred].fp += 1
        if gold is not None:
            micro.fn += 1
            per[gold].fn += 1
    gold_classes = sorted({g for g, _ in pairs if g is not None})
    macro = sum(per[c].f1 for c in gold_classes) / len(gold_classes) if gold_classes else 0.0
    n = len(pairs)
    metrics = {
        f"{prefix}_accuracy": round(correct / n, 4) if n else 0.0,
        **micro.as_dict(f"{prefix}_micro"),
        f"{prefix}_macro_f1": round(macro, 4),
        f"{prefix}_null_accuracy": round(null_ok / null_total, 4) if null_total else 0.0,
    }
    table = {
        c: {
            "precision": round(per[c].precision, 4),
            "recall": round(per[c].recall, 4),
            "f1": round(per[c].f1, 4),
            "support": float(per[c].tp + per[c].fn),
        }
        for c in sorted(set(per) | set(gold_classes))
    }
    return metrics, table


def run_events_eval(
    path: str | Path,
    *,
    limit: int | None = None,
    full: bool = False,
    pipeline: Any = None,
) -> EventsReport:
    """Run the event coder over a CASE 2021 JSON Lines corpus and score it."""
    from wirewatch.events.coder import EventCoder
    from wirewatch.pipeline import Pipeline
    from wirewatch.stages.clean import RawArticle, new_document

    records = []
    for n, obj in enumerate(read_jsonl(path)):
        if limit is not None and n >= limit:
            break
        records.append(obj)
    if pipeline is None:
        pipeline = Pipeline(stages=None if full else ("clean", "annotate")).load()
    coder: EventCoder = pipeline.resources.get("event_coder", lambda _s: EventCoder())
    docs = [new_document(RawArticle(text=str(r["text"]), id=str(r.get("id")))) for r in records]
    started = time.perf_counter()
    pairs_sub: list[tuple[str | None, str | None]] = []
    pairs_type: list[tuple[str | None, str | None]] = []
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    examples = []
    for rec, doc in zip(records, pipeline.run_many(docs), strict=True):
        events = doc.events if full else coder.code(doc)
        main = coder.main_event(events)
        gold_sub = rec.get("acled_sub_event_type")
        gold_type = rec.get("acled_event_type")
        pred_sub = main.sub_event_type if main else None
        pred_type = main.event_type if main else None
        pairs_sub.append((gold_sub, pred_sub))
        pairs_type.append((gold_type, pred_type))
        confusion[gold_sub or NULL][pred_sub or NULL] += 1
        if gold_sub != pred_sub:
            examples.append(
                {
                    "id": rec.get("id"),
                    "gold": gold_sub,
                    "predicted": pred_sub,
                    "trigger": main.trigger.text if main and main.trigger else None,
                }
            )
    elapsed = time.perf_counter() - started
    sub_metrics, per_class = _scores(pairs_sub, "sub")
    type_metrics, _ = _scores(pairs_type, "type")
    chars = sum(len(d.text) for d in docs)
    metrics = {
        **sub_metrics,
        **type_metrics,
        "snippets": float(len(records)),
        "chars_per_second": round(chars / elapsed, 1) if elapsed > 0 else 0.0,
    }
    return EventsReport(
        metrics=metrics,
        per_class=per_class,
        confusion={g: dict(c) for g, c in sorted(confusion.items())},
        examples=examples,
    )


def evaluate(path: str | Path, *, limit: int | None = None, full: bool = False) -> dict[str, float]:
    """The flat metrics of :func:`run_events_eval` (for floors and CI)."""
    return run_events_eval(path, limit=limit, full=full).metrics
