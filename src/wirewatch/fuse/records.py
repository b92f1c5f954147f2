"""Cross-article records: self-contained views of one article's events, claims and control.

An :class:`~wirewatch.model.Extraction` refers between its layers by local ids (``p1``,
``a3``). Fusion works across articles, so :func:`flatten_extraction` resolves those ids into
self-contained, hashable records whose keys are global (``<article id>#<local id>``). The
fusion functions (:mod:`wirewatch.fuse.events`, :mod:`wirewatch.fuse.control`) are pure
functions over these records; the store persists them and the Spark batch can reuse them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wirewatch.model import Extraction
from wirewatch.model.records import Actor, Place

# ACLED's three territorial sub-event types drive the control layer (DESIGN.md §4).
TERRITORIAL = frozenset(
    {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }
)
STATUS_RANK = {"claimed": 0, "reported": 1, "contested": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceRef:
    """A place as seen across articles (the gazetteer fields, no mentions)."""

    name: str | None = None
    geonameid: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    geo_precision: int | None = None

    @property
    def key(self) -> str:
        """A stable key for the place: ``gn:<geonameid>``, else ``name:<cc>:<name>``."""
        if self.geonameid is not None:
            return f"gn:{self.geonameid}"
        return f"name:{(self.country_code or '').upper()}:{(self.name or '').casefold()}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRef:
    """An actor as seen across articles (canonical name, kind, links)."""

    name: str
    kind: str | None = None
    country_code: str | None = None
    wikidata: str | None = None

    @property
    def norm(self) -> str:
        """The comparison key: the Wikidata id when linked, else the case-folded name."""
        return self.wikidata or " ".join(self.name.casefold().split())


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRecord:
    """One event of one article, with every reference resolved (the unit of fusion)."""

    key: str  # "<article id>#<event id>": globally unique and stable
    article_id: str
    local_id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    plover_type: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actors: tuple[ActorRef, ...] = ()
    place: PlaceRef | None = None
    date: str | None = None
    time_precision: int | None = None
    fat_low: int | None = None
    fat_best: int | None = None
    fat_high: int | None = None
    fat_acled: int = 0
    evidence: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    trigger: str | None = None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    confidence: float = 0.0
    # displacement, prisoner_release, retreat, statement...: events with no ACLED or PLOVER
    # code are still events (DESIGN §4), kept and fused by this category
    category: str | None = None
    claims: tuple[str, ...] = ()  # claim keys "<article id>#<claim id>"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None

    @property
    def fusable(self) -> bool:
        """Only asserted, coded events take part in fusion (negated/hypothetical do not);
        a displacement or prisoner release has no ACLED/PLOVER code but its category."""
        return (
            not self.negated
            and not self.hypothetical
            and (
                self.event_type is not None
                or self.plover_type is not None
                or self.category is not None
            )
        )

    @property
    def day(self) -> int | None:
        """The event date as a proleptic ordinal (for window arithmetic), or None."""
        return day_ordinal(self.date)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimRecord:
    """One claim of one article with its speaker resolved."""

    key: str
    article_id: str
    local_id: str
    content: str
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_actor: str | None = None  # canonical actor name
    cue: str | None = None
    channel: str | None = None
    direct_quote: bool = False
    about_events: tuple[str, ...] = ()  # event keys
    published: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlAssertion:
    """One article's statement that a holder took (or holds) a place since a date."""

    key: str
    article_id: str
    place: PlaceRef
    holder: str | None
    previous_holder: str | None = None
    since: str | None = None
    status: str = "reported"
    contested_by: tuple[str, ...] = ()
    event_key: str | None = None
    evidence: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ContradictionRecord:
    """Claims or figures of one article (or across articles) that disagree."""

    key: str
    about: str  # an event key (article level) or a fused event id (cross-article)
    claims: tuple[str, ...]
    kind: str = "claims"
    note: str | None = None
    article_id: str | None = None  # None when the contradiction spans articles


@dataclass(slots=True, kw_only=True)
class Flattened:
    """Everything of one extraction that the store and fusion need."""

    article_id: str
    events: list[EventRecord] = field(default_factory=list)
    claims: list[ClaimRecord] = field(default_factory=list)
    control: list[ControlAssertion] = field(default_factory=list)
    contradictions: list[ContradictionRecord] = field(default_factory=list)


def day_ordinal(value: str | None) -> int | None:
    """``YYYY-MM-DD…`` → proleptic Gregorian ordinal; None when missing or unparsable."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def place_ref(place: Place | None) -> PlaceRef | None:
    """The cross-article view of a place."""
    if place is None:
        return None
    return PlaceRef(
        name=place.name,
        geonameid=place.geonameid,
        country_code=(place.country_code or None) and place.country_code.upper(),
        admin1=place.admin1,
        admin2=place.admin2,
        lat=place.lat,
        lon=place.lon,
        feature_code=place.feature_code,
        geo_precision=place.geo_precision,
    )


def actor_ref(actor: Actor | None) -> ActorRef | None:
    """The cross-article view of an actor."""
    if actor is None:
        return None
    return ActorRef(
        name=actor.name, kind=actor.kind, country_code=actor.country_code, wikidata=actor.wikidata
    )


def flatten_extraction(extraction: Extraction, article_id: str | None = None) -> Flattened:
    """Resolve an extraction's local ids into self-contained cross-article records.

    ``article_id`` is the store's id of the article (defaults to ``extraction.article.id``);
    every record key is prefixed with it.
    """
    art = extraction.article
    aid = article_id or art.id
    places = {p.id: p for p in extraction.places}
    actors = {a.id: a for a in extraction.actors}
    events = {e.id: e for e in extraction.events}
    meta: dict[str, Any] = {
        "url": art.url,
        "outlet": art.outlet,
        "published": art.published,
    }
    out = Flattened(article_id=aid)
    for ev in extraction.events:
        place = place_ref(places.get(ev.place)) if ev.place else None
        geo_precision = ev.geo_precision
        if place is not None and geo_precision is not None and place.geo_precision is None:
            place = PlaceRef(**{**_asdict(place), "geo_precision": geo_precision})
        fat = ev.fatalities
        out.events.append(
            EventRecord(
                key=f"{aid}#{ev.id}",
                article_id=aid,
                local_id=ev.id,
                event_type=ev.event_type,
                sub_event_type=ev.sub_event_type,
                disorder_type=ev.disorder_type,
                plover_type=ev.plover_type,
                actor1=actor_ref(actors.get(ev.actor1)) if ev.actor1 else None,
                actor2=actor_ref(actors.get(ev.actor2)) if ev.actor2 else None,
                assoc_actors=tuple(
                    r for r in (actor_ref(actors.get(a)) for a in ev.assoc_actors) if r
                ),
                place=place,
                date=ev.date or None,
                time_precision=ev.time_precision,
                fat_low=fat.low,
                fat_best=fat.best,
                fat_high=fat.high,
                fat_acled=fat.acled or 0,
                evidence=ev.evidence.text if ev.evidence else None,
                evidence_start=ev.evidence.start if ev.evidence else None,
                evidence_end=ev.evidence.end if ev.evidence else None,
                trigger=ev.trigger.text if ev.trigger else None,
                negated=ev.negated,
                hypothetical=ev.hypothetical,
                historical=ev.historical,
                category=ev.category,
                confidence=ev.confidence,
                claims=tuple(f"{aid}#{c}" for c in ev.claims),
                title=art.title,
                **meta,
            )
        )
    for cl in extraction.claims:
        speaker_actor = actors.get(cl.speaker_actor) if cl.speaker_actor else None
        out.claims.append(
            ClaimRecord(
                key=f"{aid}#{cl.id}",
                article_id=aid,
                local_id=cl.id,
                content=cl.content.text,
                speaker=cl.speaker,
                speaker_role=cl.speaker_role,
                speaker_actor=speaker_actor.name if speaker_actor else None,
                cue=cl.cue.text if cl.cue else None,
                channel=cl.channel,
                direct_quote=cl.direct_quote,
                about_events=tuple(f"{aid}#{e}" for e in cl.about_events),
                **meta,
            )
        )
    for i, ctl in enumerate(extraction.control, 1):
        place = place_ref(places.get(ctl.place))
        if place is None or ctl.facility:
            # A facility entry ("an army base near X") says who holds the facility, not the
            # place: it must not enter the place's control timeline.
            continue
        cev = events.get(ctl.event) if ctl.event else None
        holder = actors.get(ctl.holder) if ctl.holder else None
        prev = actors.get(ctl.previous_holder) if ctl.previous_holder else None
        out.control.append(
            ControlAssertion(
                key=f"{aid}#ctl{i}",
                article_id=aid,
                place=place,
                holder=holder.name if holder else ctl.holder,
                previous_holder=prev.name if prev else ctl.previous_holder,
                since=ctl.since or (cev.date if cev else None) or art.published,
                status=ctl.status if ctl.status in STATUS_RANK else "reported",
                contested_by=tuple(actors[c].name if c in actors else c for c in ctl.contested_by),
                event_key=f"{aid}#{ctl.event}" if ctl.event else None,
                evidence=cev.evidence.text if cev and cev.evidence else None,
                **meta,
            )
        )
    if not extraction.control:
        out.control.extend(_control_from_events(out.events, aid))
    for i, con in enumerate(extraction.contradictions, 1):
        about = f"{aid}#{con.about}"
        out.contradictions.append(
            ContradictionRecord(
                key=f"{aid}#x{i}",
                about=about,
                claims=tuple(f"{aid}#{c}" for c in con.claims),
                kind=con.kind,
                note=con.note,
                article_id=aid,
            )
        )
    return out


def _control_from_events(events: list[EventRecord], aid: str) -> list[ControlAssertion]:
    """Fallback when the control layer is empty: territorial events imply control changes."""
    out = []
    for ev in events:
        if (
            ev.sub_event_type not in TERRITORIAL
            or not ev.fusable
            or ev.historical
            or ev.place is None
            or ev.actor1 is None
        ):
            continue
        out.append(
            ControlAssertion(
                key=f"{ev.key}:ctl",
                article_id=aid,
                place=ev.place,
                holder=ev.actor1.name,
                previous_holder=ev.actor2.name if ev.actor2 else None,
                since=ev.date or ev.published,
                status="reported",
                event_key=ev.key,
                evidence=ev.evidence,
                published=ev.published,
                url=ev.url,
                outlet=ev.outlet,
            )
        )
    return out


def _asdict(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}
