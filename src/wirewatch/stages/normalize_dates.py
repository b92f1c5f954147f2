"""Find temporal expressions and normalise them against the publication date.

The recogniser and the normalisation rules live in :mod:`wirewatch.temporal`; this stage
fills ``doc.times`` with :class:`~wirewatch.model.TimeExpr` records and offers the helpers
the events stage uses to date an event:

* :func:`date_for` — the date, ACLED ``time_precision`` and a reason for an event span;
* :func:`anchored` — the signed day offset and anchor text of an event-anchored expression
  ("four days after Aleppo");
* :func:`shift_date` — move a ``YYYY-MM-DD`` value by a number of days.

Event-anchored expressions carry ``anchor="event:<anchor text>"`` (e.g. ``"event:Aleppo"``)
until the events stage knows the anchored event and replaces it with the event id.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from wirewatch.document import Document
from wirewatch.model import TimeExpr
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings
from wirewatch.temporal.calendar import acled_precision, midpoint, value_range
from wirewatch.temporal.calendar import shift_date as _shift_date
from wirewatch.temporal.grammar import Grammar, Reading, Timex, default_grammar, time_precision

if TYPE_CHECKING:
    from spacy.tokens import Token

_READINGS = "time_readings"  # doc.user_data key: (start, end) → Reading
EVENT_ANCHOR_PREFIX = "event:"
_EARLIEST_PUBLISHED = date(1900, 1, 1)


@stage("normalize_dates", requires=("text", "sentences"), assigns=("times",))
def make_normalize_dates(settings: Settings, resources: Resources) -> StageFn:
    """Find temporal expressions and normalise them against the publication date."""
    grammar = resources.get("time_grammar", lambda _s: default_grammar())

    def run(doc: Document) -> None:
        normalize_document(doc, grammar)

    return run


def normalize_document(doc: Document, grammar: Grammar | None = None) -> None:
    """Fill ``doc.times`` (and the readings side table used by :func:`date_for`)."""
    grammar = grammar or default_grammar()
    anchor = doc.published
    if anchor is not None and anchor < _EARLIEST_PUBLISHED:
        doc.warn(
            "time_unresolved",
            f"publication date {anchor.isoformat()} is before 1900: relative dates are "
            "left unresolved",
        )
        anchor = None
    sentences = [(s.start, s.end) for s in doc.sentences] or None
    found = grammar.find(doc.text, anchor, sentences)
    readings: dict[tuple[int, int], Reading] = {}
    times: list[TimeExpr] = []
    unresolved = 0
    for tx in found:
        r = tx.reading
        if r.impossible:
            doc.warn("impossible_date", f"{tx.text!r} at {tx.start} is not a calendar date")
            continue
        if r.unresolved:
            unresolved += 1
        readings[(tx.start, tx.end)] = r
        times.append(_to_record(tx, anchor))
    _link_ranges(doc.text, times, anchor)
    _resolve_event_anchored(doc, times, readings)
    if unresolved:
        doc.warn(
            "time_unresolved",
            f"{unresolved} relative temporal expression(s) left unresolved: "
            "no usable publication date",
        )
    doc.times = times
    doc.user_data[_READINGS] = readings


def _to_record(tx: Timex, anchor: date | None) -> TimeExpr:
    r = tx.reading
    anchor_label: str | None = None
    if r.event_anchor is not None:
        anchor_label = EVENT_ANCHOR_PREFIX + r.event_anchor[1]
    elif (
        r.relative
        and not r.unresolved
        and r.value is not None
        and r.precision != "ref"  # "now", "recently": not a date computed from publication
        and anchor is not None
    ):
        anchor_label = "published"
    return TimeExpr(
        start=tx.start,
        end=tx.end,
        text=tx.text,
        value=r.value,
        end_value=r.end_value,
        precision=r.precision,
        time_precision=time_precision(r.precision) if r.value else None,
        anchor=anchor_label,
        type=r.type,
    )


def _link_ranges(text: str, times: list[TimeExpr], anchor: date | None) -> None:
    """'since 2019' runs to the publication date; 'from X to Y' gets Y as its end value."""
    for i, t in enumerate(times):
        if t.type not in ("DATE", "TIME") or t.value is None or value_range(t.value) is None:
            continue
        before = text[max(0, t.start - 12) : t.start].lower().split()
        if before and before[-1] == "since" and anchor is not None and t.end_value is None:
            t.end_value = anchor.isoformat()
        if i + 1 < len(times) and before and before[-1] in ("from", "between"):
            nxt = times[i + 1]
            gap = text[t.end : nxt.start].strip().lower()
            if gap in ("to", "until", "till", "through", "and", "-", "–") and nxt.value:
                t.end_value = nxt.value


def _resolve_event_anchored(
    doc: Document, times: list[TimeExpr], readings: dict[tuple[int, int], Reading]
) -> None:
    """Give an event-anchored expression the date of a day expression in its sentence.

    In "Four days after Aleppo, the rebels took Hama on Thursday" the anchored expression
    and "Thursday" date the same event, so the anchored expression takes that day; the
    anchor's own date is then that day minus the offset (see :func:`anchor_date`).
    """
    for t in times:
        r = readings.get((t.start, t.end))
        if r is None or r.event_anchor is None or t.value is not None:
            continue
        sent = _sentence_span(doc, t.start)
        peers = [
            o
            for o in times
            if o is not t
            and sent[0] <= o.start < sent[1]
            and o.precision == "day"
            and o.value
            and value_range(o.value)
            and not (o.anchor or "").startswith(EVENT_ANCHOR_PREFIX)
        ]
        if peers:
            best = min(peers, key=lambda o: abs(o.start - t.start))
            t.value = best.value[:10] if best.value else None
            t.time_precision = 1
            t.precision = "day"


def _sentence_span(doc: Document, char: int) -> tuple[int, int]:
    sent = doc.sentence_at(char)
    if sent is not None:
        return sent.start, sent.end
    # no sentences (hand-built documents): the line is the sentence
    start = doc.text.rfind("\n", 0, char) + 1
    end = doc.text.find("\n", char)
    return start, len(doc.text) if end < 0 else end


def shift_date(value: str, days: int) -> str:
    """Move a ``YYYY-MM-DD`` value by ``days`` (other values are returned unchanged)."""
    return _shift_date(value, days)


def anchored(doc: Document, time_expr: TimeExpr) -> tuple[int, str] | None:
    """Offset and anchor text of an event-anchored expression, or None.

    For "four days after Aleppo" governing the capture of Hama this returns
    ``(-4, "Aleppo")``: the anchored event (Aleppo) happened ``-4`` days from the event the
    expression dates (Hama), i.e. ``date(anchor event) = date(governed event) + offset``,
    and conversely ``date(governed) = date(anchor) - offset``. "Two days before the vote"
    gives ``(2, "vote")``.
    """
    r = doc.user_data.get(_READINGS, {}).get((time_expr.start, time_expr.end))
    if r is None or r.event_anchor is None:
        return None
    offset, text = r.event_anchor
    return -offset, text


def anchor_date(doc: Document, time_expr: TimeExpr) -> tuple[str, int] | None:
    """The implied date and ACLED time_precision of the event an expression is anchored to.

    "Four days after Aleppo" dated 2024-12-05 puts Aleppo on 2024-12-01, with precision 2:
    "four days after" a capture that took more than a day is a span, not a day.
    """
    link = anchored(doc, time_expr)
    if link is None or not time_expr.value or value_range(time_expr.value) is None:
        return None
    offset, _ = link
    return shift_date(time_expr.value[:10], offset), 2


# --- dating events -----------------------------------------------------------------------


def expression_span(doc: Document, time_expr: TimeExpr) -> tuple[date, date] | None:
    """The days an expression covers, narrowed by early/mid/late and clipped at publication.

    "earlier this week" in a Thursday report covers Monday to Wednesday; "this year" in a
    past-tense sentence ends at the publication date.
    """
    rng = value_range(time_expr.value)
    if rng is None:
        return None
    first, last = rng
    r = doc.user_data.get(_READINGS, {}).get((time_expr.start, time_expr.end))
    mod = r.mod if r else None
    forward = r.forward if r else False
    pub = doc.published
    if pub is not None and first <= pub <= last and not forward and last != first:
        last = pub - timedelta(days=1) if mod == "early" and pub > first else pub
        mod = None if mod == "early" else mod
    days = (last - first).days + 1
    if mod and days >= 3:
        third = days // 3
        if mod == "early":
            last = first + timedelta(days=third - 1)
        elif mod == "late":
            first = last - timedelta(days=third - 1)
        elif mod == "mid":
            first, last = first + timedelta(days=third), last - timedelta(days=third)
    return first, last


def _datable(t: TimeExpr) -> bool:
    return t.type in ("DATE", "TIME") and value_range(t.value) is not None


def _date_of(doc: Document, t: TimeExpr) -> tuple[str, int] | None:
    span = expression_span(doc, t)
    if span is None:
        return None
    first, last = span
    return midpoint(first, last).isoformat(), acled_precision(first, last)


def date_for(doc: Document, start: int, end: int) -> tuple[str | None, int | None, str | None]:
    """Date (YYYY-MM-DD or a span's midpoint), ACLED time_precision and reason for an event.

    ``[start, end)`` is the event's trigger or evidence. The date comes from the temporal
    expression that governs the trigger syntactically (the sentence is parsed when it holds
    more than one candidate), else the only one of its sentence, else the nearest one in
    the previous sentences of its paragraph, else the publication date with precision 2
    and reason ``"publication date"``. Without a publication date the last step gives
    ``(None, None, "no date")``.
    """
    times = [t for t in doc.times if _datable(t)]
    s0, s1 = _sentence_span(doc, start)
    in_sentence = [t for t in times if s0 <= t.start < s1]
    if in_sentence:
        chosen = (
            _governing(doc, in_sentence, start, end) if len(in_sentence) > 1 else in_sentence[0]
        )
        got = _date_of(doc, chosen)
        if got is not None:
            how = "governing expression" if len(in_sentence) > 1 else "sentence"
            return got[0], got[1], f"{how} {chosen.text!r}"
    para_start = doc.text.rfind("\n", 0, s0) + 1
    earlier = [t for t in times if para_start <= t.start < s0]
    if earlier:
        chosen = earlier[-1]
        got = _date_of(doc, chosen)
        if got is not None:
            return got[0], got[1], f"paragraph {chosen.text!r}"
    if doc.published is not None:
        return doc.published.isoformat(), 2, "publication date"
    return None, None, "no date"


def _governing(doc: Document, candidates: list[TimeExpr], start: int, end: int) -> TimeExpr:
    """The candidate whose dependency path to the trigger is shortest (char distance ties)."""
    sent = doc.sentence_at(start)

    def distance(t: TimeExpr) -> int:
        return t.start - end if t.start >= end else (start - t.end) + 1

    readings = doc.user_data.get(_READINGS, {})

    # an event-anchored expression dates its event only through another one: a plain date
    # in the same clause ("on Thursday") is the better witness (the events stage may already
    # have replaced the "event:" anchor with an id, so the reading is asked)
    def penalty(t: TimeExpr) -> int:
        r = readings.get((t.start, t.end))
        return 2 if r is not None and r.event_anchor is not None else 0

    if sent is None or doc.parser is None:
        return min(candidates, key=lambda t: (penalty(t), abs(distance(t))))
    try:
        ps = doc.parse_one(sent.index)
    except Exception:  # a parse failure must not lose the date: fall back to distance
        return min(candidates, key=lambda t: (penalty(t), abs(distance(t))))
    off = ps.offset
    tokens = list(ps.doc)
    trig = [tok for tok in tokens if start <= tok.idx + off < end]
    if not trig:
        return min(candidates, key=lambda t: (penalty(t), abs(distance(t))))
    trig_head = _span_head(trig)

    def path(t: TimeExpr) -> int:
        toks = [tok for tok in tokens if t.start <= tok.idx + off < t.end]
        if not toks:
            return 99
        return _tree_distance(_span_head(toks), trig_head)

    return min(candidates, key=lambda t: (path(t) + penalty(t), abs(distance(t))))


def _span_head(tokens: list[Token]) -> Token:
    ids = {tok.i for tok in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return tokens[0]


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the dependency tree."""
    up_a = {a.i: 0}
    n = 0
    tok = a
    while tok.head.i != tok.i and n < 60:
        n += 1
        tok = tok.head
        up_a[tok.i] = n
    n = 0
    tok = b
    while n < 60:
        if tok.i in up_a:
            return up_a[tok.i] + n
        if tok.head.i == tok.i:
            break
        n += 1
        tok = tok.head
    return 50
