"""Store records → the JSON shapes of the API (documented in docs/api.md)."""

from __future__ import annotations

from typing import Any

from wirewatch.fuse.control import ControlInterval
from wirewatch.fuse.events import FusedEvent
from wirewatch.fuse.records import ActorRef, ClaimRecord, ContradictionRecord, PlaceRef


def place_view(p: PlaceRef | None) -> dict[str, Any] | None:
    """A place reference."""
    if p is None:
        return None
    return {
        "key": p.key,
        "name": p.name,
        "geonameid": p.geonameid,
        "country_code": p.country_code,
        "admin1": p.admin1,
        "admin2": p.admin2,
        "lat": p.lat,
        "lon": p.lon,
        "feature_code": p.feature_code,
        "geo_precision": p.geo_precision,
    }


def actor_view(a: ActorRef | None) -> dict[str, Any] | None:
    """An actor reference; its ``id`` is its canonical name (what the actor filter takes)."""
    if a is None:
        return None
    return {
        "id": a.name,
        "name": a.name,
        "kind": a.kind,
        "country_code": a.country_code,
        "wikidata": a.wikidata,
    }


def event_view(e: FusedEvent) -> dict[str, Any]:
    """A fused event as listed by ``/api/events`` (sources summarised)."""
    f = e.fatalities
    return {
        "id": e.id,
        "date": e.date,
        "time_precision": e.time_precision,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "disorder_type": e.disorder_type,
        "plover_type": e.plover_type,
        "actor1": actor_view(e.actor1),
        "actor2": actor_view(e.actor2),
        "assoc_actors": [actor_view(a) for a in e.assoc_actors],
        "place": place_view(e.place),
        "fatalities": {
            "low": f.low,
            "best": f.best,
            "high": f.high,
            "acled": f.acled,
            "reported_by": f.reported_by,
        },
        "confidence": e.confidence,
        "n_sources": e.n_sources,
        "sources": [
            {"article_id": s.article_id, "outlet": s.outlet, "published": s.published, "url": s.url}
            for s in e.sources
        ],
    }


def claim_view(c: ClaimRecord) -> dict[str, Any]:
    """A claim with its speaker, cue, channel and source article."""
    return {
        "id": c.key,
        "article_id": c.article_id,
        "speaker": c.speaker,
        "speaker_role": c.speaker_role,
        "speaker_actor": c.speaker_actor,
        "cue": c.cue,
        "channel": c.channel,
        "content": {"text": c.content},
        "direct_quote": c.direct_quote,
        "about_events": list(c.about_events),
        "published": c.published,
        "outlet": c.outlet,
        "url": c.url,
    }


def contradiction_view(
    x: ContradictionRecord, claims: dict[str, ClaimRecord] | None = None
) -> dict[str, Any]:
    """A contradiction; its claims expanded when known, else given by id."""
    claims = claims or {}
    return {
        "id": x.key,
        "about": x.about,
        "kind": x.kind,
        "note": x.note,
        "article_id": x.article_id,
        "claims": [
            claim_view(claims[k]) if k in claims else {"id": k, "speaker": None, "content": None}
            for k in x.claims
        ],
    }


def interval_view(iv: ControlInterval) -> dict[str, Any]:
    """A control interval: who held a place, since when, until when, on what evidence."""
    return {
        "place": place_view(iv.place),
        "holder": {"id": iv.holder, "name": iv.holder} if iv.holder else None,
        "previous_holder": iv.previous_holder,
        "since": iv.since,
        "until": iv.until,
        "status": iv.status,
        "contested_by": list(iv.contested_by),
        "inferred": iv.inferred,
        "sources": [
            {
                "article_id": s.article_id,
                "status": s.status,
                "since": s.since,
                "outlet": s.outlet,
                "published": s.published,
                "url": s.url,
                "evidence": s.evidence,
                "event_key": s.event_key,
            }
            for s in iv.sources
        ],
    }


def event_detail_view(detail: Any) -> dict[str, Any]:
    """``/api/events/{id}``: the event, each source article with its evidence spans, the
    claims about it and its contradictions."""
    ev: FusedEvent = detail.event
    out = event_view(ev)
    by_article: dict[str, dict[str, Any]] = {}
    for s in ev.sources:
        entry = by_article.setdefault(
            s.article_id,
            {
                "article": {
                    "id": s.article_id,
                    "title": s.title,
                    "outlet": s.outlet,
                    "url": s.url,
                    "published": s.published,
                },
                "evidence": [],
                "reports": [],
            },
        )
        if s.evidence is not None:
            span = {"start": s.evidence_start, "end": s.evidence_end, "text": s.evidence}
            if span not in entry["evidence"]:
                entry["evidence"].append(span)
        entry["reports"].append(
            {
                "event_key": s.event_key,
                "date": s.date,
                "fatalities": {
                    "low": s.fat_low,
                    "best": s.fat_best,
                    "high": s.fat_high,
                    "acled": s.fat_acled,
                },
            }
        )
    out["sources"] = list(by_article.values())
    claims = {c.key: c for c in detail.claims}
    out["claims"] = [claim_view(c) for c in detail.claims]
    out["contradictions"] = [contradiction_view(x, claims) for x in detail.contradictions]
    return out
