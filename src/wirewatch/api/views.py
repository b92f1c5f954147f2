"""Store records → the JSON shapes of the API (documented in docs/api.md)."""

from __future__ import annotations

from typing import Any

from wirewatch.fuse.control import ControlInterval
from wirewatch.fuse.events import FusedEvent
from wirewatch.fuse.records import ClaimRecord, ContradictionRecord, PlaceRef
from wirewatch.model.records import to_plain

_PLACE_FIELDS = (
    "name",
    "geonameid",
    "country_code",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "feature_code",
    "geo_precision",
)
_ACTOR_FIELDS = ("kind", "country_code", "wikidata")
_FAT_FIELDS = ("low", "best", "high")


def _place_key(p: dict[str, Any]) -> str:
    # The store's PlaceRef.key rule, on plain data.
    if p.get("geonameid") is not None:
        return f"gn:{p['geonameid']}"
    return f"name:{(p.get('country_code') or '').upper()}:{(p.get('name') or '').casefold()}"


def place_view(p: PlaceRef | dict[str, Any] | None) -> dict[str, Any] | None:
    """A place reference (a record or its plain data)."""
    if p is None:
        return None
    d = to_plain(p) if isinstance(p, PlaceRef) else p
    out: dict[str, Any] = {"key": _place_key(d)}
    for k in _PLACE_FIELDS:
        out[k] = d.get(k)
    return out


def actor_view(a: dict[str, Any] | None) -> dict[str, Any] | None:
    """An actor reference; its ``id`` is its canonical name (what the actor filter takes)."""
    if a is None:
        return None
    out: dict[str, Any] = {"id": a["name"], "name": a["name"]}
    for k in _ACTOR_FIELDS:
        out[k] = a.get(k)
    return out


def event_view(e: FusedEvent | dict[str, Any]) -> dict[str, Any]:
    """A fused event as listed by ``/api/events`` (sources summarised).

    Takes the record or its plain data (the list endpoint decodes stored JSON directly:
    rebuilding dataclasses costs 0.4 ms an event). Kept lean: it runs for every list item.
    """
    d: dict[str, Any] = to_plain(e) if isinstance(e, FusedEvent) else e
    f = d.get("fatalities") or {}
    sources = d.get("sources") or ()
    get = d.get
    fat = {k: f.get(k) for k in _FAT_FIELDS}
    fat["acled"] = f.get("acled", 0)
    fat["reported_by"] = f.get("reported_by", 0)
    assoc = get("assoc_actors")
    return {
        "id": d["id"],
        "date": get("date"),
        "time_precision": get("time_precision"),
        "event_type": get("event_type"),
        "sub_event_type": get("sub_event_type"),
        "disorder_type": get("disorder_type"),
        "plover_type": get("plover_type"),
        # kind of an event with no ACLED/PLOVER code (displacement, prisoner_release...)
        "category": get("category"),
        # every source tells it as background from an earlier year: not news of the period
        "historical": bool(get("historical")),
        "actor1": actor_view(get("actor1")),
        "actor2": actor_view(get("actor2")),
        "assoc_actors": [actor_view(a) for a in assoc] if assoc else [],
        "place": place_view(get("place")),
        "fatalities": fat,
        "confidence": get("confidence"),
        "n_sources": len({s["article_id"] for s in sources}),
        "sources": [
            {
                "article_id": s["article_id"],
                "outlet": s.get("outlet"),
                "published": s.get("published"),
                "url": s.get("url"),
            }
            for s in sources
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


def event_detail_view(detail: Any, facilities: dict[str, str] | None = None) -> dict[str, Any]:
    """``/api/events/{id}``: the event, each source article with its evidence spans, the
    claims about it and its contradictions.

    ``facilities`` (event key → facility) names what a report's capture or withdrawal was
    about when it was a facility near the place ("an army base"): each such report says so,
    and ``facility`` is the facility most reports name (None when none do), so a client can
    say "army base near X" instead of reading the event as control of X."""
    facilities = facilities or {}
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
                "facility": facilities.get(s.event_key),
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
    named = [facilities[s.event_key] for s in ev.sources if s.event_key in facilities]
    out["facility"] = max(sorted(set(named)), key=named.count) if named else None
    claims = {c.key: c for c in detail.claims}
    out["claims"] = [claim_view(c) for c in detail.claims]
    out["contradictions"] = [contradiction_view(x, claims) for x in detail.contradictions]
    return out
