"""Score temporal recognition and normalisation on TimeBank (TIMEX3 gold, JSON Lines).

Each corpus record has ``text``, ``published`` (the document creation date, the anchor of
relative expressions) and ``timex`` spans with ``type``, ``value`` and ``relative``. Metrics:

* recognition precision/recall/F1 over all TIMEX3 spans, exact and overlapping (``all_*``),
  and over DATE spans (``date_*``);
* ``date_value_accuracy``: share of recognised (overlapping) gold DATE expressions whose value
  is exactly the gold value; ``relative_value_accuracy`` the same for relative ones (TimeML
  ``temporalFunction``); ``date_value_end_to_end``: correct values over all gold DATEs;
* the same run scores ``dateparser.search.search_dates`` (``languages=["en"]``,
  ``RELATIVE_BASE`` = publication date) as a peer. search_dates returns a datetime without a
  granularity, so its value counts as correct when the datetime, cut to the gold value's
  granularity (year, month, ISO week, quarter or day), equals the gold value — a generous
  reading; REF, X-pattern, season, half and decade values cannot be right for it;
* speed: characters per second of our recogniser and of the peer on the same texts, and the
  ratio.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from wirewatch.eval.common import PRF, read_jsonl
from wirewatch.temporal.grammar import default_grammar

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def _fills_x(value: str | None, gold: str) -> bool:
    """True when ``value`` equals ``gold`` with each X placeholder of gold filled in."""
    if value is None or "X" not in gold or len(value) != len(gold):
        return False
    return all(g == "X" or g == v for g, v in zip(gold, value, strict=True))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _peer_value(dt: datetime, gold: str) -> str | None:
    """search_dates' datetime cut to the granularity of the gold value."""
    if re.fullmatch(r"\d{4}", gold):
        return f"{dt.year:04d}"
    if re.fullmatch(r"\d{4}-\d{2}", gold):
        return f"{dt.year:04d}-{dt.month:02d}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold):
        return dt.date().isoformat()
    if _WEEK.match(gold):
        y, w, _ = dt.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if _QUARTER.match(gold):
        return f"{dt.year:04d}-Q{(dt.month - 1) // 3 + 1}"
    return None


def _peer_spans(
    text: str, found: Iterable[tuple[str, datetime]]
) -> list[tuple[int, int, datetime]]:
    spans = []
    pos = 0
    for sub, dt in found:
        i = text.find(sub, pos)
        if i < 0:
            i = text.find(sub)
        if i < 0:
            continue
        spans.append((i, i + len(sub), dt))
        pos = i + len(sub)
    return spans


class _ValueScore:
    def __init__(self) -> None:
        self.matched = 0
        self.correct = 0
        self.total = 0

    def add(self, matched: bool, correct: bool) -> None:
        self.total += 1
        self.matched += matched
        self.correct += correct

    @property
    def accuracy(self) -> float:
        return self.correct / self.matched if self.matched else 0.0

    @property
    def end_to_end(self) -> float:
        return self.correct / self.total if self.total else 0.0


def evaluate_time(
    corpus: str | Path, *, limit: int | None = None, peer: bool = True
) -> dict[str, float]:
    """Score the recogniser (and dateparser's search_dates as a peer) on a TimeBank file."""
    grammar = default_grammar()
    all_exact, all_overlap, date_exact, date_overlap = PRF(), PRF(), PRF(), PRF()
    date_value, rel_value = _ValueScore(), _ValueScore()
    # TimeBank leaves digits it considers unknowable as X ("1989-WXX" for "last week");
    # this second score counts a resolved value that fills those X in as right.
    date_value_x = _ValueScore()
    peer_date, peer_rel = _ValueScore(), _ValueScore()
    peer_overlap = PRF()
    ours_seconds = peer_seconds = 0.0
    chars = docs = 0
    search_dates: Any = None
    if peer:
        from dateparser.search import search_dates as _search_dates

        search_dates = _search_dates

    for rec in read_jsonl(corpus):
        if limit is not None and docs >= limit:
            break
        text: str = rec["text"]
        pub = date.fromisoformat(rec["published"]) if rec.get("published") else None
        gold: list[dict[str, Any]] = rec.get("timex", [])
        docs += 1
        chars += len(text)
        t0 = time.perf_counter()
        found = grammar.find(text, pub)
        ours_seconds += time.perf_counter() - t0
        pred = [(t.start, t.end, t.reading.type, t.reading.value) for t in found]

        gold_spans = {(g["start"], g["end"]) for g in gold}
        pred_spans = {(p[0], p[1]) for p in pred}
        _score_spans(all_exact, all_overlap, gold_spans, pred_spans)
        gold_dates = {(g["start"], g["end"]) for g in gold if g["type"] == "DATE"}
        pred_dates = {(p[0], p[1]) for p in pred if p[2] in ("DATE", "TIME")}
        _score_spans(date_exact, date_overlap, gold_dates, pred_dates)

        for g in gold:
            if g["type"] != "DATE":
                continue
            gs = (g["start"], g["end"])
            hits = [p for p in pred if _overlaps(gs, (p[0], p[1]))]
            ok = any(p[3] == g["value"] for p in hits)
            date_value.add(bool(hits), ok)
            date_value_x.add(bool(hits), ok or any(_fills_x(p[3], g["value"]) for p in hits))
            if g.get("relative"):
                rel_value.add(bool(hits), ok)

        if peer and search_dates is not None:
            base = datetime.combine(pub, datetime.min.time()) if pub else None
            settings = {"RELATIVE_BASE": base} if base else {}
            t0 = time.perf_counter()
            try:
                res = search_dates(text, languages=["en"], settings=settings) or []
            except Exception:  # a peer crash counts as finding nothing
                res = []
            peer_seconds += time.perf_counter() - t0
            spans = _peer_spans(text, res)
            pspans = {(s, e) for s, e, _ in spans}
            _score_spans(PRF(), peer_overlap, gold_dates, pspans)
            for g in gold:
                if g["type"] != "DATE":
                    continue
                gs = (g["start"], g["end"])
                phits = [dt for s, e, dt in spans if _overlaps(gs, (s, e))]
                pok = any(_peer_value(dt, g["value"]) == g["value"] for dt in phits)
                peer_date.add(bool(phits), pok)
                if g.get("relative"):
                    peer_rel.add(bool(phits), pok)

    metrics: dict[str, float] = {"documents": float(docs)}
    metrics |= all_exact.as_dict("all_exact")
    metrics |= all_overlap.as_dict("all_overlap")
    metrics |= date_exact.as_dict("date_exact")
    metrics |= date_overlap.as_dict("date_overlap")
    metrics["date_value_accuracy"] = round(date_value.accuracy, 4)
    metrics["date_value_end_to_end"] = round(date_value.end_to_end, 4)
    metrics["date_value_accuracy_x_filled"] = round(date_value_x.accuracy, 4)
    metrics["relative_value_accuracy"] = round(rel_value.accuracy, 4)
    metrics["relative_value_end_to_end"] = round(rel_value.end_to_end, 4)
    metrics["chars_per_second"] = round(chars / ours_seconds, 1) if ours_seconds else 0.0
    if peer:
        metrics |= peer_overlap.as_dict("peer_date_overlap")
        metrics["peer_date_value_accuracy"] = round(peer_date.accuracy, 4)
        metrics["peer_date_value_end_to_end"] = round(peer_date.end_to_end, 4)
        metrics["peer_relative_value_accuracy"] = round(peer_rel.accuracy, 4)
        metrics["peer_relative_value_end_to_end"] = round(peer_rel.end_to_end, 4)
        metrics["peer_chars_per_second"] = round(chars / peer_seconds, 1) if peer_seconds else 0.0
        metrics["date_value_margin_vs_peer"] = round(
            date_value.end_to_end - peer_date.end_to_end, 4
        )
        metrics["speedup_vs_peer"] = round(peer_seconds / ours_seconds, 1) if ours_seconds else 0.0
    return metrics


def _score_spans(
    exact: PRF, overlap: PRF, gold: set[tuple[int, int]], pred: set[tuple[int, int]]
) -> None:
    exact.tp += len(gold & pred)
    exact.fp += len(pred - gold)
    exact.fn += len(gold - pred)
    overlap.tp += sum(1 for g in gold if any(_overlaps(g, p) for p in pred))
    overlap.fn += sum(1 for g in gold if not any(_overlaps(g, p) for p in pred))
    overlap.fp += sum(1 for p in pred if not any(_overlaps(g, p) for g in gold))
