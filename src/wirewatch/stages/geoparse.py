"""Resolve place names to GeoNames entries (gazetteer + NER evidence).

The gazetteer's Aho-Corasick automaton proposes names, NER and context words weigh them,
and each kept name is resolved to one GeoNames entry (see :mod:`wirewatch.gazetteer.geoparser`).
Places get ids ``p1, p2...`` in order of first mention, one per resolved entry, with all their
mentions. :func:`locate_event` gives the event coder the place and ACLED ``geo_precision`` of
an event from its evidence span.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from wirewatch.document import Document
from wirewatch.gazetteer.geoparser import Ent, Geoparser, Resolved
from wirewatch.model import Place, PlaceCandidate, Span
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings

USER_DATA_KEY = "geoparse"


@dataclass(slots=True, frozen=True)
class PlaceMention:
    """One mention of a resolved place, kept in ``doc.user_data['geoparse']``."""

    start: int
    end: int
    place_id: str
    precision: int
    relation: str | None
    specificity: int  # 3 town/facility, 2 province/region, 1 country or larger


def load_geoparser(settings: Settings) -> Geoparser:
    """The geoparser over the configured gazetteer (loaded once per pipeline)."""
    from wirewatch.gazetteer import load_index
    from wirewatch.gazetteer.cues import load_cues

    return Geoparser(load_index(settings), load_cues())


def base_precision(feature_code: str | None) -> int:
    """ACLED geo_precision of an entry by itself: 1 town, 3 province/country/region."""
    if feature_code and feature_code.startswith("PPL"):
        return 1
    if feature_code and feature_code[:1] in ("S",):
        return 2
    return 3


def doc_ents(doc: Document) -> list[Ent]:
    """The NER spans of a document as ``(start, end, label)`` triples."""
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents()]


def places_from(
    doc: Document, geoparser: Geoparser, resolved: list[Resolved]
) -> tuple[list[Place], list[PlaceMention]]:
    """Group resolved mentions into Place records (ids by first mention)."""
    idx = geoparser.index
    groups: dict[int, list[Resolved]] = {}
    for r in sorted(resolved, key=lambda r: r.mention.start):
        groups.setdefault(r.entry, []).append(r)
    places: list[Place] = []
    mentions: list[PlaceMention] = []
    text = doc.text
    for n, (entry, rs) in enumerate(groups.items(), 1):
        v = idx.entry(entry)
        pid = f"p{n}"
        surfaces = Counter(r.mention.text for r in rs if not r.mention.demonym)
        name = surfaces.most_common(1)[0][0] if surfaces else v.name
        relations = {r.mention.relation for r in rs}
        prec = base_precision(v.feature_code)
        alts: dict[int, float] = {}
        for r in rs:
            for i, p in r.alternatives:
                alts[i] = max(alts.get(i, 0.0), p)
        places.append(
            Place(
                id=pid,
                name=name,
                geonameid=v.geonameid,
                country_code=v.country_code or None,
                admin1=v.admin1 if not v.is_country else None,
                admin2=v.admin2,
                lat=round(v.lat, 5),
                lon=round(v.lon, 5),
                feature_code=v.feature_code,
                population=v.population or None,
                geo_precision=prec,
                confidence=max(r.confidence for r in rs),
                mentions=[Span.of(text, r.mention.start, r.mention.end) for r in rs],
                alternatives=[
                    _candidate(geoparser, i, p)
                    for i, p in sorted(alts.items(), key=lambda t: -t[1])[:3]
                ],
                relation=next(iter(relations)) if len(relations) == 1 else None,
            )
        )
        for r in rs:
            rel = r.mention.relation
            p = prec
            if rel is not None and prec == 1:
                p = 2  # near a town, on a road from it, or at a facility in it
            mentions.append(
                PlaceMention(
                    r.mention.start,
                    r.mention.end,
                    pid,
                    p,
                    rel,
                    3 if prec == 1 else 1 if (v.is_country or v.feature_code == "CONT") else 2,
                )
            )
    return places, mentions


def _candidate(geoparser: Geoparser, i: int, p: float) -> PlaceCandidate:
    v = geoparser.index.entry(i)
    return PlaceCandidate(
        geonameid=v.geonameid if v.geonameid is not None else -1,
        name=v.name,
        country_code=v.country_code or None,
        feature_code=v.feature_code,
        lat=round(v.lat, 5),
        lon=round(v.lon, 5),
        population=v.population or None,
        score=round(p, 3),
    )


def geoparse_document(doc: Document, geoparser: Geoparser, settings: Settings) -> None:
    """Fill ``doc.places`` and the mention table used by :func:`locate_event`."""
    found = geoparser.detect(doc.text, doc_ents(doc))
    resolved = geoparser.resolve(found, focus=settings.country_focus)
    places, mentions = places_from(doc, geoparser, resolved)
    doc.places = places
    doc.user_data[USER_DATA_KEY] = mentions


@stage("geoparse", requires=("text", "sentences", "entities"), assigns=("places",))
def make_geoparse(settings: Settings, resources: Resources) -> StageFn:
    """Resolve place names to GeoNames entries (gazetteer + NER evidence)."""
    geoparser = resources.get("geoparser", load_geoparser)

    def run(doc: Document) -> None:
        geoparse_document(doc, geoparser, settings)

    return run


def locate_event(doc: Document, start: int, end: int) -> tuple[str | None, int | None]:
    """Place id and ACLED ``geo_precision`` for an event whose evidence is ``[start, end)``.

    The event takes the most specific place mentioned in the sentence of ``start`` (a town
    before a province before a country); among equally specific ones, a place inside the
    evidence span, then the nearest to it. Precision: 1 for a town named as such, 2 for "near
    X", "south of X", a road or a facility of X, 3 for a province or region; a country-only
    location is 3, never 1. With no place in the sentence, the most specific place of the two
    sentences before (the latest of those) is used with precision at least 2. Returns
    ``(None, None)`` when the document has no place. Requires the ``geoparse`` stage to have
    run.
    """
    mentions: list[PlaceMention] = doc.user_data.get(USER_DATA_KEY, [])
    if not mentions:
        return None, None
    sent = doc.sentence_at(start)
    lo, hi = (sent.start, sent.end) if sent is not None else (start, end)
    inside = [m for m in mentions if lo <= m.start < hi]
    if inside:

        def rank(m: PlaceMention) -> tuple[Any, ...]:
            within = start <= m.start < end
            dist = 0 if within else min(abs(m.start - start), abs(m.start - end))
            return (-m.specificity, not within, dist)

        best = min(inside, key=rank)
        return best.place_id, best.precision
    if sent is not None:
        earlier = [
            m
            for m in mentions
            if m.end <= lo
            and any(s.start <= m.start < s.end for s in _previous(doc, sent.index, 2))
        ]
        if earlier:
            # The most specific place before, the latest of those: "seized the town of X
            # ... near Y district. Troops withdrew east of the town" is about town X.
            best = max(earlier, key=lambda m: (m.specificity, m.start))
            return best.place_id, max(best.precision, 2)
    return None, None


def _previous(doc: Document, index: int, n: int) -> list[Any]:
    return doc.sentences[max(0, index - n) : index]
