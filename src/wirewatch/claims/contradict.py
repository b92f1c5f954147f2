"""Contradictions within one report: opposing claims and differing figures.

Two claims contradict when they are about the same event or place, come from different
sides (state vs non-state, from the speaker's actor kind and affiliation, else from the
words of the speaker and role), and take opposite stances: one asserts a gain or fall
("total liberation", "captured") and the other minimises or denies it ("temporary tactical
measure", "still near the city"). Minimising words win when a claim holds both ("the army
was still close after rebels captured the city" minimises). Figures contradict when two
quantities of the same category about the same event differ.
"""

from __future__ import annotations

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


def _figure(q: Quantity) -> float | None:
    return q.value if q.value is not None else q.low


def differing_figures(doc: Document) -> list[Contradiction]:
    """Quantities of one category about the same event whose figures differ."""
    by_key: dict[tuple[str, str], list[Quantity]] = defaultdict(list)
    qid = {id(q): q.id or f"q{k + 1}" for k, q in enumerate(doc.quantities)}
    for ev in doc.events:
        for q in doc.quantities:
            if q.category is None or _figure(q) is None:
                continue
            linked = (q.id is not None and q.id in ev.quantities) or (
                ev.evidence is not None and ev.evidence.start <= q.start < ev.evidence.end
            )
            if linked:
                by_key[(ev.id, q.category)].append(q)
    out = []
    for (about, category), qs in by_key.items():
        values = {_figure(q) for q in qs}
        if len(values) < 2:
            continue
        claim_ids: list[str] = []
        for q in qs:
            claim_ids.extend(c for c in q.claims if c not in claim_ids)
        figures = ", ".join(f"{qid[id(q)]}={q.text!r}" for q in qs)
        out.append(
            Contradiction(
                about=about, claims=claim_ids, kind="figures", note=f"{category}: {figures}"
            )
        )
    return out


def find_contradictions(doc: Document, lex: ClaimLexicon) -> list[Contradiction]:
    """Opposing claims and differing figures of one document."""
    return opposing_claims(doc, lex) + differing_figures(doc)
