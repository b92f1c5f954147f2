"""Contradictions within one report: opposing claims and differing figures.

Two claims contradict when they are about the same event or place, come from different
sides (state vs non-state, from the speaker's actor kind and affiliation, else from the
words of the speaker and role), and take opposite stances: one asserts a gain or fall
("total liberation", "captured") and the other minimises or denies it ("temporary tactical
measure", "still near the city"). Minimising words win when a claim holds both ("the army
was still close after rebels captured the city" minimises). Figures contradict when two
quantities of the same category about the same event, reported by different sources,
cannot both hold (ranges that overlap, such as "at least 18" and "25", are compatible).
"""

from __future__ import annotations

import math
from collections import defaultdict

from wirewatch.claims.lexicon import ClaimLexicon
from wirewatch.document import Document
from wirewatch.model import Actor, Claim, Contradiction, Quantity


def claim_stance(lex: ClaimLexicon, claim: Claim) -> str | None:
    """``"assert"``, ``"minimise"`` or None for a claim's content and cue."""
    text = claim.content.text
    cue = (claim.cue.text if claim.cue else "").lower()
    if any(cue.startswith(c[:-1]) for c in lex.minimise_cues):
        return "minimise"
    if lex.regex("minimise", lex.minimise_words).search(text):
        return "minimise"
    if lex.regex("assert", lex.assert_words).search(text):
        return "assert"
    return None


def _actor(doc: Document, actor_id: str | None) -> Actor | None:
    for a in doc.actors:
        if a.id == actor_id:
            return a
    return None


def speaker_side(doc: Document, lex: ClaimLexicon, claim: Claim) -> str | None:
    """The side of a claim's speaker (a key of the stance lexicon's ``sides``) or None."""
    texts: list[str] = []
    actor = _actor(doc, claim.speaker_actor)
    if actor is not None:
        if actor.kind in lex.neutral_kinds:
            return None
        texts.append(actor.kind or "")
        aff = _actor(doc, actor.affiliation)
        if aff is not None:
            texts.extend([aff.kind or "", aff.name])
        texts.append(actor.role or "")
    texts.extend([claim.speaker_role or "", claim.speaker or ""])
    for t in texts:
        if not t:
            continue
        for side, words in lex.sides.items():
            if lex.regex("side:" + side, words).search(t):
                return side
    return None


def claim_topics(doc: Document, claim: Claim) -> tuple[list[str], list[str]]:
    """Events and places a claim is about: by its content, else its sentence or the one before."""
    events = list(claim.about_events)
    c = claim.content
    for ev in doc.events:
        if ev.id in events or ev.evidence is None:
            continue
        if ev.evidence.start < c.end and c.start < ev.evidence.end:
            events.append(ev.id)
    places = _places_in(doc, c.start, c.end)
    if not places:
        anchor = claim.cue.start if claim.cue else c.start
        sent = doc.sentence_at(anchor) or doc.sentence_at(c.start)
        if sent is not None:
            places = _places_in(doc, sent.start, sent.end)
            if not places and sent.index > 0:
                prev = doc.sentences[sent.index - 1]
                if "\n" not in doc.text[prev.end : sent.start]:
                    places = _places_in(doc, prev.start, prev.end)
    for ev_id in events:
        for ev in doc.events:
            if ev.id == ev_id and ev.place and ev.place not in places:
                places.append(ev.place)
    return events, places


def _places_in(doc: Document, start: int, end: int) -> list[str]:
    out = []
    for p in doc.places:
        if any(start <= m.start and m.end <= end for m in p.mentions):
            out.append(p.id)
    return out


def opposing_claims(doc: Document, lex: ClaimLexicon) -> list[Contradiction]:
    """Contradictions between claims of different sides with opposite stances."""
    info = []
    for c in doc.claims:
        stance = claim_stance(lex, c)
        side = speaker_side(doc, lex, c)
        if stance is None or side is None:
            continue
        events, places = claim_topics(doc, c)
        info.append((c, stance, side, events, places))
    groups: dict[str, set[str]] = defaultdict(set)
    notes: dict[str, str] = {}
    for i, (c1, st1, sd1, ev1, pl1) in enumerate(info):
        for c2, st2, sd2, ev2, pl2 in info[i + 1 :]:
            if st1 == st2 or sd1 == sd2:
                continue
            shared_ev = [e for e in ev1 if e in ev2]
            shared_pl = [p for p in pl1 if p in pl2]
            about = shared_ev[0] if shared_ev else (shared_pl[0] if shared_pl else None)
            if about is None:
                continue
            groups[about].update((c1.id, c2.id))
            notes.setdefault(about, f"{sd1} {st1}s vs {sd2} {st2}s")
    order = {c.id: k for k, c in enumerate(doc.claims)}
    return [
        Contradiction(
            about=a, claims=sorted(ids, key=order.__getitem__), kind="claims", note=notes[a]
        )
        for a, ids in groups.items()
    ]


def denied_claims(doc: Document, lex: ClaimLexicon) -> list[Contradiction]:
    """A denial of another speaker's claim about the same words ("X said A, a claim Y
    denied"; "..., which Y denies"): opposed whatever the sides, about the event or place
    of the denied words (skipped when they name neither)."""
    out = []
    for d in doc.claims:
        cue = (d.cue.text if d.cue else "").lower()
        if not lex.refutes(cue) or d.speaker_span is None:
            continue
        for c in doc.claims:
            if c is d or c.speaker_span is None or c.speaker == d.speaker:
                continue
            shared = min(c.content.end, d.content.end) - max(c.content.start, d.content.start)
            if shared * 2 < c.content.end - c.content.start or shared * 2 < (
                d.content.end - d.content.start
            ):
                continue
            events, places = claim_topics(doc, c)
            about = events[0] if events else (places[0] if places else None)
            if about is None:
                continue
            out.append(
                Contradiction(
                    about=about,
                    claims=[c.id, d.id],
                    kind="claims",
                    note=f"{c.speaker} vs {d.speaker} ({cue})",
                )
            )
    return out


def figure_bounds(q: Quantity) -> tuple[float, float] | None:
    """The range a reported figure allows, or None without a figure.

    "18" is 18-18, "at least 25" 25-open, "nearly 20" up to 20, "between 20 and 30" 20-30;
    a figure with no bound at all ("about 20", "some 40") is taken as within a quarter of
    its value either way, so rounding does not read as disagreement.
    """
    if q.value is None and q.low is None and q.high is None:
        return None
    if q.low is None and q.high is None:
        v = q.value or 0.0
        return v * 0.75, v * 1.25
    low = q.low if q.low is not None else 0.0
    high = q.high if q.high is not None else math.inf
    return low, high


def _compatible(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _sources(doc: Document, q: Quantity) -> frozenset[str]:
    """Who reports a figure: the speakers of the claims holding it (the writer when none)."""
    by_id = {c.id: c for c in doc.claims}
    out = set()
    for cid in q.claims:
        c = by_id.get(cid)
        out.add((c.speaker or cid) if c is not None else cid)
    return frozenset(out) if out else frozenset({""})


def _event_quantities(doc: Document) -> dict[str, list[Quantity]]:
    """Quantities of each event: linked, inside its evidence, or - for a figure in a
    sentence with no event of its own ("The ministry put the toll at 18.") - of the
    closest earlier event in the same paragraph that gives a figure of the same category."""
    linked: dict[str, list[Quantity]] = defaultdict(list)
    placed: set[int] = set()
    for ev in doc.events:
        for q in doc.quantities:
            if q.category is None or figure_bounds(q) is None:
                continue
            if (q.id is not None and q.id in ev.quantities) or (
                ev.evidence is not None and ev.evidence.start <= q.start < ev.evidence.end
            ):
                linked[ev.id].append(q)
                placed.add(id(q))
    text = doc.text
    for q in doc.quantities:
        if id(q) in placed or q.category is None or figure_bounds(q) is None:
            continue
        best, best_end = None, -1
        for ev in doc.events:
            evd = ev.evidence
            if evd is None or evd.end > q.start or "\n" in text[evd.end : q.start]:
                continue
            if not any(o.category == q.category for o in linked.get(ev.id, ())):
                continue
            if evd.end > best_end:
                best, best_end = ev, evd.end
        if best is not None:
            linked[best.id].append(q)
    return linked


def differing_figures(doc: Document) -> list[Contradiction]:
    """Figures of one category about the same event that different sources give and that
    cannot both be true ("at least 25 killed" vs "18"; not "at least 18" vs "25")."""
    qid = {id(q): q.id or f"q{k + 1}" for k, q in enumerate(doc.quantities)}
    out = []
    for about, qs in _event_quantities(doc).items():
        by_cat: dict[str, list[Quantity]] = defaultdict(list)
        for q in qs:
            by_cat[q.category or ""].append(q)
        for category, group in by_cat.items():
            clash: list[Quantity] = []
            for i, q1 in enumerate(group):
                for q2 in group[i + 1 :]:
                    b1, b2 = figure_bounds(q1), figure_bounds(q2)
                    if b1 is None or b2 is None or _compatible(b1, b2):
                        continue
                    if _sources(doc, q1) == _sources(doc, q2):
                        continue  # one source updating or splitting its own figure
                    clash.extend(q for q in (q1, q2) if q not in clash)
            if not clash:
                continue
            clash.sort(key=lambda q: q.start)
            claim_ids: list[str] = []
            for q in clash:
                claim_ids.extend(c for c in q.claims if c not in claim_ids)
            figures = ", ".join(f"{qid[id(q)]}={q.text!r}" for q in clash)
            out.append(
                Contradiction(
                    about=about, claims=claim_ids, kind="figures", note=f"{category}: {figures}"
                )
            )
    return out


def find_contradictions(doc: Document, lex: ClaimLexicon) -> list[Contradiction]:
    """Opposing claims, denials and differing figures of one document (a pair already
    among the opposing claims is not repeated as a denial)."""
    opposing = opposing_claims(doc, lex)
    grouped = [set(c.claims) for c in opposing]
    denials = [c for c in denied_claims(doc, lex) if not any(set(c.claims) <= g for g in grouped)]
    return opposing + denials + differing_figures(doc)
