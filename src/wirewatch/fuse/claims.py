"""Contradictions across reports: claims and figures about one fused event that disagree.

Pure functions. Two kinds are linked for a fused event:

- ``claims``: statements about the event from different speakers where one side's wording
  denies or minimises what the other asserts (cue words in ``data/fuse/fusion.json``, e.g. a
  "temporary tactical measure" against a "total liberation");
- ``figures``: fatality figures from different sources whose ranges do not overlap.

Contradictions found inside one article (by the pipeline) are carried over to the fused
event that absorbed the article's event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from wirewatch.fuse.events import FusedEvent, FusionKnowledge, knowledge
from wirewatch.fuse.records import ClaimRecord, ContradictionRecord


def is_denial(text: str, kb: FusionKnowledge | None = None) -> bool:
    """True when a statement's wording denies or minimises (a cue word occurs in it)."""
    kb = kb or knowledge()
    low = text.casefold()
    return any(cue in low for cue in kb.denial_cues)


def _speaker_key(claim: ClaimRecord) -> str:
    return " ".join((claim.speaker_actor or claim.speaker or "").casefold().split())


def _cid(event_id: str, kind: str, members: Iterable[str]) -> str:
    digest = hashlib.sha1("|".join([event_id, kind, *sorted(members)]).encode()).hexdigest()[:12]
    return f"cx_{digest}"


def event_contradictions(
    event: FusedEvent,
    claims: Iterable[ClaimRecord],
    article_level: Iterable[ContradictionRecord] = (),
    kb: FusionKnowledge | None = None,
) -> list[ContradictionRecord]:
    """Contradictions about one fused event, from its members' claims, figures and the
    article-level contradictions of its member events (sorted by key)."""
    kb = kb or knowledge()
    members = set(event.members)
    about = [c for c in claims if members.intersection(c.about_events)]
    out: dict[str, ContradictionRecord] = {}
    # Claims: denials vs assertions by different speakers, across articles.
    denials = [c for c in about if is_denial(c.content, kb)]
    asserts = [c for c in about if not is_denial(c.content, kb)]
    for d in denials:
        opposed = sorted(
            a.key
            for a in asserts
            if _speaker_key(a) != _speaker_key(d) and a.article_id != d.article_id
        )
        if opposed:
            keys = (d.key, *opposed)
            cid = _cid(event.id, "claims", keys)
            out[cid] = ContradictionRecord(
                key=cid,
                about=event.id,
                claims=tuple(sorted(keys)),
                kind="claims",
                note=f"{d.speaker or 'a speaker'} disputes what other reports assert",
            )
    # Figures: sources whose fatality ranges do not overlap.
    ranges: list[tuple[int, int, str]] = []
    for s in event.sources:
        lo = s.fat_low if s.fat_low is not None else s.fat_best
        if lo is None:
            continue
        hi = (
            s.fat_high if s.fat_high is not None else (s.fat_best if s.fat_best is not None else lo)
        )
        ranges.append((lo, max(lo, hi), s.event_key))
    if ranges:
        lowest_high = min(r[1] for r in ranges)
        highest_low = max(r[0] for r in ranges)
        if highest_low > lowest_high:
            keys = tuple(sorted(r[2] for r in ranges))
            cid = _cid(event.id, "figures", keys)
            out[cid] = ContradictionRecord(
                key=cid,
                about=event.id,
                claims=keys,
                kind="figures",
                note=f"fatality figures range from {lowest_high} to {highest_low} across sources",
            )
    # Carry over the contradictions the pipeline found inside each article.
    for con in article_level:
        if con.about in members:
            cid = _cid(event.id, con.kind, (con.key,))
            out[cid] = ContradictionRecord(
                key=cid,
                about=event.id,
                claims=con.claims,
                kind=con.kind,
                note=con.note,
                article_id=con.article_id,
            )
    return [out[k] for k in sorted(out)]


def all_contradictions(
    events: Iterable[FusedEvent],
    claims_by_event: Mapping[str, list[ClaimRecord]],
    article_level: Iterable[ContradictionRecord] = (),
) -> list[ContradictionRecord]:
    """:func:`event_contradictions` over many events (claims grouped by member event key)."""
    arts = list(article_level)
    out = []
    for ev in events:
        claims = {c.key: c for m in ev.members for c in claims_by_event.get(m, [])}
        out.extend(event_contradictions(ev, claims.values(), arts))
    return out
