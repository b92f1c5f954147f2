"""Cross-article event fusion: the same real-world event from many reports → one event.

Pure functions over :class:`~wirewatch.fuse.records.EventRecord` (no I/O), so that the store
(incrementally) and the Spark batch (per block) share one definition of "the same event":

- :func:`compatible` — two reports describe the same event: compatible type, actors that do
  not disagree, places equal / within the place hierarchy / within a distance, dates within
  their precision;
- :func:`block_key` / :func:`block_keys` — blocking: a date window × country (or 1° grid
  cell) so that only records of one block are compared; ``block_keys`` also names the
  neighbouring window a record can match across a window boundary;
- :func:`merge_block` — the clusters (connected components of the compatibility graph) of
  one block; :func:`link_clusters` unions clusters found in several blocks;
- :func:`build_fused_event` — one fused event from a cluster: voted type, actors and place,
  the most precise date, fatalities reconciled into low/best/high + ACLED's figure with every
  source kept;
- :func:`fuse_records` — all of the above over any collection of records.

Every result depends only on the *set* of records, never on their order: clusters are graph
components, votes break ties by a fixed order and ids derive from member keys.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from wirewatch.fuse.records import ActorRef, EventRecord, PlaceRef, day_ordinal

# Blocking window (days). Two records can match only if their dates differ by at most
# MAX_GAP days; a window twice as wide guarantees that any matching pair shares a block
# once each record is also sent to the neighbouring window it is within MAX_GAP of.
WINDOW_DAYS = 64


@dataclass(frozen=True, slots=True)
class FusionKnowledge:
    """Tolerances and word lists for fusion (from ``data/fuse/fusion.json``)."""

    date_tolerance: dict[int, int]
    unknown_tolerance: int
    max_distance_km: float
    region_prefixes: tuple[str, ...]
    compatible_sub_types: frozenset[frozenset[str]]
    denial_cues: tuple[str, ...]

    @property
    def max_gap(self) -> int:
        """The largest date difference (days) two compatible records can have."""
        return 2 * max([*self.date_tolerance.values(), self.unknown_tolerance])


@cache
def knowledge() -> FusionKnowledge:
    """Load the fusion knowledge file shipped with the package (once)."""
    path = resources.files("wirewatch") / "data" / "fuse" / "fusion.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return FusionKnowledge(
        date_tolerance={int(k): int(v) for k, v in data["date_tolerance_days"].items()},
        unknown_tolerance=int(data["unknown_precision_tolerance_days"]),
        max_distance_km=float(data["max_distance_km"]),
        region_prefixes=tuple(data["region_feature_prefixes"]),
        compatible_sub_types=frozenset(frozenset(p) for p in data["compatible_sub_event_types"]),
        denial_cues=tuple(c.casefold() for c in data["denial_cues"]),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSource:
    """One source report of a fused event: the article, its sentence and its figures."""

    event_key: str
    article_id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    evidence: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    date: str | None = None
    fat_low: int | None = None
    fat_best: int | None = None
    fat_high: int | None = None
    fat_acled: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class FusedFatalities:
    """Fatalities reconciled across sources (UCDP low/best/high and ACLED's figure)."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    acled: int = 0
    reported_by: int = 0  # how many source articles gave a figure


@dataclass(frozen=True, slots=True, kw_only=True)
class FusedEvent:
    """A deduplicated event with every source article and evidence sentence."""

    id: str
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
    fatalities: FusedFatalities = field(default_factory=FusedFatalities)
    confidence: float = 0.0
    category: str | None = None  # for events with no ACLED/PLOVER code (displacement...)
    # Every source tells it as background from an earlier year ("occupied large areas
    # before being chased away in 2019"): listed, but not news of the reporting period.
    historical: bool = False
    sources: tuple[EventSource, ...] = ()
    members: tuple[str, ...] = ()  # event keys, sorted

    @property
    def n_sources(self) -> int:
        """Number of distinct source articles."""
        return len({s.article_id for s in self.sources})


# --------------------------------------------------------------------------- comparison


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _is_region(place: PlaceRef, kb: FusionKnowledge) -> bool:
    if place.geo_precision == 3:
        return True
    code = place.feature_code or ""
    return any(code.startswith(p) for p in kb.region_prefixes)


def _norm(text: str | None) -> str:
    return " ".join(
        (text or "").casefold().replace("governorate", "").replace("province", "").split()
    )


def places_compatible(
    a: PlaceRef | None, b: PlaceRef | None, kb: FusionKnowledge | None = None
) -> bool:
    """Same place, one inside the other (region ⊃ town), or towns within the distance limit."""
    kb = kb or knowledge()
    if a is None or b is None:
        return False  # unlocated reports are never merged across articles: too risky
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if (
        a.geonameid is None
        and b.geonameid is None
        and _norm(a.name)
        and _norm(a.name) == _norm(b.name)
    ):
        return True
    region_a, region_b = _is_region(a, kb), _is_region(b, kb)
    if region_a != region_b:
        region, town = (a, b) if region_a else (b, a)
        if region.feature_code and region.feature_code.startswith("PCL"):
            return False  # a country is too coarse to say two reports are one event
        if region.admin1 and town.admin1 and _norm(region.admin1) == _norm(town.admin1):
            return True
        return bool(_norm(region.name)) and _norm(region.name) == _norm(town.admin1)
    if region_a and region_b:
        return False  # two different regions
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= kb.max_distance_km  # type: ignore[arg-type]


def actors_compatible(a: ActorRef | None, b: ActorRef | None) -> bool:
    """Actors agree or one report does not name one."""
    return a is None or b is None or a.norm == b.norm


def types_compatible(a: EventRecord, b: EventRecord, kb: FusionKnowledge | None = None) -> bool:
    """Same event type, and sub-types equal, unknown on one side or listed as compatible."""
    kb = kb or knowledge()
    if a.event_type is None and b.event_type is None:
        if a.plover_type is not None or b.plover_type is not None:
            return a.plover_type == b.plover_type
        # uncoded events (displacement, prisoner releases) fuse by what kind they are
        return a.category is not None and a.category == b.category
    if a.event_type != b.event_type:
        return False
    if a.sub_event_type is None or b.sub_event_type is None or a.sub_event_type == b.sub_event_type:
        return True
    return frozenset((a.sub_event_type, b.sub_event_type)) in kb.compatible_sub_types


def date_tolerance(precision: int | None, kb: FusionKnowledge | None = None) -> int:
    """Half-width in days of the interval a date of this ACLED precision stands for."""
    kb = kb or knowledge()
    if precision is None:
        return kb.unknown_tolerance
    return kb.date_tolerance.get(precision, max(kb.date_tolerance.values()))


def dates_compatible(a: EventRecord, b: EventRecord, kb: FusionKnowledge | None = None) -> bool:
    """The two dates' intervals (date ± half its precision) overlap."""
    kb = kb or knowledge()
    da, db = a.day, b.day
    if da is None or db is None:
        return False
    return abs(da - db) <= date_tolerance(a.time_precision, kb) + date_tolerance(
        b.time_precision, kb
    )


def compatible(a: EventRecord, b: EventRecord, kb: FusionKnowledge | None = None) -> bool:
    """True when two event records plausibly report the same real-world event."""
    kb = kb or knowledge()
    return (
        a.fusable
        and b.fusable
        # One article's events were already told apart by the coder (it merges its own
        # duplicates): "seized the town ... after overrunning a base nearby" is two events.
        and a.article_id != b.article_id
        and types_compatible(a, b, kb)
        and actors_compatible(a.actor1, b.actor1)
        and actors_compatible(a.actor2, b.actor2)
        and dates_compatible(a, b, kb)
        and places_compatible(a.place, b.place, kb)
    )


# --------------------------------------------------------------------------- blocking


def _area(record: EventRecord) -> str:
    place = record.place
    if place is None:
        return "-"
    if place.country_code:
        return place.country_code.upper()
    if place.lat is not None and place.lon is not None:
        return f"g{math.floor(place.lat)}:{math.floor(place.lon)}"
    return "-"


def block_key(record: EventRecord) -> str:
    """The record's primary block: ``<country or 1° grid cell>|<64-day window index>``."""
    day = record.day
    window = "-" if day is None else str(day // WINDOW_DAYS)
    return f"{_area(record)}|{window}"


def block_keys(record: EventRecord, kb: FusionKnowledge | None = None) -> tuple[str, ...]:
    """Every block a record must be compared in: its own window, plus the neighbouring
    window when its date lies within the largest matching gap of the boundary."""
    kb = kb or knowledge()
    day = record.day
    if day is None:
        return (block_key(record),)
    window, offset = divmod(day, WINDOW_DAYS)
    keys = [block_key(record)]
    if offset < kb.max_gap:
        keys.append(f"{_area(record)}|{window - 1}")
    elif WINDOW_DAYS - offset <= kb.max_gap:
        keys.append(f"{_area(record)}|{window + 1}")
    return tuple(keys)


# --------------------------------------------------------------------------- clustering


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key becomes the root: roots never depend on insertion order.
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo

    def groups(self) -> list[tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return sorted(tuple(sorted(g)) for g in out.values())


def merge_block(
    records: Sequence[EventRecord], kb: FusionKnowledge | None = None
) -> list[tuple[str, ...]]:
    """Cluster one block: connected components of the compatibility graph, as sorted key
    tuples (sorted list). Non-fusable records come back as singletons."""
    kb = kb or knowledge()
    recs = sorted({r.key: r for r in records}.values(), key=lambda r: r.key)
    uf = _UnionFind(r.key for r in recs)
    fusable = [r for r in recs if r.fusable]
    # Sorting by day lets the inner loop stop once dates are too far apart to match.
    fusable.sort(key=lambda r: (r.day if r.day is not None else -1, r.key))
    for i, a in enumerate(fusable):
        for b in fusable[i + 1 :]:
            if a.day is not None and b.day is not None and b.day - a.day > kb.max_gap:
                break
            if compatible(a, b, kb):
                uf.union(a.key, b.key)
    return uf.groups()


def link_clusters(clusters: Iterable[Sequence[str]]) -> list[tuple[str, ...]]:
    """Union clusters that share a member (results of :func:`merge_block` over blocks)."""
    lists = [list(c) for c in clusters if c]
    uf = _UnionFind(k for c in lists for k in c)
    for c in lists:
        for k in c[1:]:
            uf.union(c[0], k)
    return uf.groups()


def fuse_records(
    records: Iterable[EventRecord], kb: FusionKnowledge | None = None
) -> list[FusedEvent]:
    """Fuse any collection of event records into fused events (fusable records only),
    sorted by id. The result depends only on the set of records."""
    kb = kb or knowledge()
    by_key = {r.key: r for r in records if r.fusable}
    blocks: dict[str, list[EventRecord]] = {}
    for rec in by_key.values():
        for key in block_keys(rec, kb):
            blocks.setdefault(key, []).append(rec)
    clusters = [c for block in blocks.values() for c in merge_block(block, kb)]
    events = [build_fused_event([by_key[k] for k in c]) for c in link_clusters(clusters)]
    return sorted(events, key=lambda e: e.id)


# --------------------------------------------------------------------------- building


def fused_event_id(member_keys: Iterable[str]) -> str:
    """A fused event's id: derived from its smallest member key (stable as reports join
    unless an older-sorting report arrives)."""
    first = min(member_keys)
    return "ev_" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:16]


def _vote(values: Iterable[Any]) -> Any:
    """Most frequent non-None value; ties go to the smallest by its string form."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def _vote_actor(actors: Iterable[ActorRef | None]) -> ActorRef | None:
    present = [a for a in actors if a is not None]
    key = _vote(a.norm for a in present)
    if key is None:
        return None
    same = sorted(
        (a for a in present if a.norm == key), key=lambda a: (a.kind is None, a.name, a.kind or "")
    )
    return same[0]


def _best_place(records: Sequence[EventRecord]) -> PlaceRef | None:
    places = [r.place for r in records if r.place is not None]
    if not places:
        return None
    counts = Counter(p.key for p in places)

    def rank(p: PlaceRef) -> tuple[Any, ...]:
        return (p.geo_precision or 9, -counts[p.key], p.lat is None, p.key)

    return min(places, key=rank)


def _best_date(records: Sequence[EventRecord]) -> tuple[str | None, int | None]:
    dated = [(r.time_precision or 9, r.date[:10]) for r in records if r.date and r.day is not None]
    if not dated:
        return None, None
    best_prec = min(p for p, _ in dated)
    date = _vote(d for p, d in dated if p == best_prec)
    return date, (None if best_prec == 9 else best_prec)


def reconcile_fatalities(sources: Sequence[EventSource]) -> FusedFatalities:
    """Combine per-source figures: low = lowest low, high = highest figure, best = the
    (lower) median of the sources' best figures, ACLED = the lowest figure reported
    (ACLED's rule for conflicting sources); 0 when nobody gave a figure."""
    per_article: dict[str, EventSource] = {}
    for s in sorted(sources, key=lambda s: (s.article_id, s.event_key)):
        if s.fat_best is None and s.fat_low is None and s.fat_high is None and not s.fat_acled:
            continue
        prev = per_article.get(s.article_id)
        # Several events of one article in one cluster: keep the article's largest figure.
        if prev is None or (s.fat_best or s.fat_low or 0) > (prev.fat_best or prev.fat_low or 0):
            per_article[s.article_id] = s
    figs = list(per_article.values())
    if not figs:
        return FusedFatalities()
    lows = [s.fat_low if s.fat_low is not None else s.fat_best for s in figs]
    bests = sorted(
        b
        for b in (s.fat_best if s.fat_best is not None else s.fat_low for s in figs)
        if b is not None
    )
    highs = [x for s in figs for x in (s.fat_high, s.fat_best, s.fat_low) if x is not None]
    acleds = [s.fat_acled for s in figs if s.fat_acled]
    low_vals = [x for x in lows if x is not None]
    return FusedFatalities(
        low=min(low_vals) if low_vals else None,
        best=bests[(len(bests) - 1) // 2] if bests else None,
        high=max(highs) if highs else None,
        acled=min(acleds) if acleds else 0,
        reported_by=len(figs),
    )


def source_of(record: EventRecord) -> EventSource:
    """The source entry a record contributes to its fused event."""
    return EventSource(
        event_key=record.key,
        article_id=record.article_id,
        url=record.url,
        outlet=record.outlet,
        title=record.title,
        published=record.published,
        evidence=record.evidence,
        evidence_start=record.evidence_start,
        evidence_end=record.evidence_end,
        date=record.date,
        fat_low=record.fat_low,
        fat_best=record.fat_best,
        fat_high=record.fat_high,
        fat_acled=record.fat_acled,
    )


def build_fused_event(records: Sequence[EventRecord]) -> FusedEvent:
    """Build one fused event from the records of a cluster (order does not matter)."""
    if not records:
        raise ValueError("a fused event needs at least one record")
    recs = sorted({r.key: r for r in records}.values(), key=lambda r: r.key)
    sub = _vote(r.sub_event_type for r in recs)
    with_sub = [r for r in recs if r.sub_event_type == sub] or recs
    event_type = _vote(r.event_type for r in with_sub)
    sources = tuple(
        sorted(
            (source_of(r) for r in recs),
            key=lambda s: (s.published or "", s.article_id, s.event_key),
        )
    )
    date, precision = _best_date(recs)
    assoc: dict[str, ActorRef] = {}
    for r in recs:
        for a in r.assoc_actors:
            assoc.setdefault(a.norm, a)
    actor1 = _vote_actor(r.actor1 for r in recs)
    actor2 = _vote_actor(r.actor2 for r in recs)
    for main in (actor1, actor2):
        if main is not None:
            assoc.pop(main.norm, None)
    return FusedEvent(
        id=fused_event_id(r.key for r in recs),
        event_type=event_type,
        sub_event_type=sub,
        disorder_type=_vote(r.disorder_type for r in with_sub),
        plover_type=_vote(r.plover_type for r in recs),
        actor1=actor1,
        actor2=actor2,
        assoc_actors=tuple(assoc[k] for k in sorted(assoc)),
        place=_best_place(recs),
        date=date,
        time_precision=precision,
        fatalities=reconcile_fatalities(sources),
        confidence=round(max(r.confidence for r in recs), 4),
        category=_vote(r.category for r in recs),
        # one source reporting it as news makes it news, whatever the others retell
        historical=all(r.historical for r in recs),
        sources=sources,
        members=tuple(r.key for r in recs),
    )


def date_window(record: EventRecord, kb: FusionKnowledge | None = None) -> tuple[int, int] | None:
    """The ordinal-day range any record compatible with ``record`` must fall in."""
    kb = kb or knowledge()
    day = record.day
    if day is None:
        return None
    reach = date_tolerance(record.time_precision, kb) + max(
        [*kb.date_tolerance.values(), kb.unknown_tolerance]
    )
    return day - reach, day + reach


__all__ = [
    "WINDOW_DAYS",
    "EventSource",
    "FusedEvent",
    "FusedFatalities",
    "FusionKnowledge",
    "actors_compatible",
    "block_key",
    "block_keys",
    "build_fused_event",
    "compatible",
    "date_window",
    "dates_compatible",
    "day_ordinal",
    "fuse_records",
    "fused_event_id",
    "haversine_km",
    "knowledge",
    "link_clusters",
    "merge_block",
    "places_compatible",
    "reconcile_fatalities",
    "types_compatible",
]
