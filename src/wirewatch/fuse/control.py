"""Control timeline: per place, intervals of who held it, since when, on what evidence.

Pure functions over :class:`~wirewatch.fuse.records.ControlAssertion`. Assertions about one
place are ordered by the date of the change (then publication date); consecutive assertions
naming the same holder describe one interval, whose ``since`` and ``status`` come from the
most recently published report about it (a later report corrects an earlier one: a neutral
confirmation turns ``claimed`` into ``reported``, a denial makes it ``contested``). The
holder before the first known change (its ``previous_holder``) gets an open-start interval,
so "who held the town the day before?" has an answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from wirewatch.fuse.records import STATUS_RANK, ControlAssertion, PlaceRef, day_ordinal


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlSource:
    """One report behind a control interval."""

    assertion_key: str
    article_id: str
    status: str
    since: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    evidence: str | None = None
    event_key: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlInterval:
    """Who held a place from ``since`` (None: before the first known change) to ``until``
    (None: still holds, as far as the reports go)."""

    place: PlaceRef
    holder: str | None
    since: str | None
    until: str | None = None
    previous_holder: str | None = None
    status: str = "reported"
    contested_by: tuple[str, ...] = ()
    sources: tuple[ControlSource, ...] = ()
    inferred: bool = False  # True for the holder before the first reported change

    @property
    def place_key(self) -> str:
        """The place's stable key (``gn:<geonameid>`` or a name key)."""
        return self.place.key

    def covers(self, day: str) -> bool:
        """True when the interval includes the date ``day`` (YYYY-MM-DD)."""
        d = day_ordinal(day)
        if d is None:
            return False
        start = day_ordinal(self.since) if self.since else None
        end = day_ordinal(self.until) if self.until else None
        return (start is None or start <= d) and (end is None or d < end)


def _holder_key(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _source(a: ControlAssertion) -> ControlSource:
    return ControlSource(
        assertion_key=a.key,
        article_id=a.article_id,
        status=a.status,
        since=a.since,
        url=a.url,
        outlet=a.outlet,
        published=a.published,
        evidence=a.evidence,
        event_key=a.event_key,
    )


def _order(a: ControlAssertion) -> tuple[int, str, str]:
    return (day_ordinal(a.since) or 0, a.published or "", a.key)


def _latest(group: list[ControlAssertion]) -> ControlAssertion:
    """The report that speaks for a group: the most recently published ones win (a later
    report corrects an earlier one); among those, the date most of them give (then the
    earliest), then the strongest status."""
    newest = max(a.published or "" for a in group)
    latest = [a for a in group if (a.published or "") == newest]
    votes = Counter(a.since for a in latest)
    return min(
        latest,
        key=lambda a: (-votes[a.since], a.since or "", -STATUS_RANK.get(a.status, 1), a.key),
    )


def place_timeline(assertions: Iterable[ControlAssertion]) -> list[ControlInterval]:
    """The intervals of one place (all assertions must be about the same place key)."""
    items = sorted({a.key: a for a in assertions}.values(), key=_order)
    items = [a for a in items if a.holder]
    if not items:
        return []
    # Group consecutive assertions naming the same holder.
    groups: list[list[ControlAssertion]] = []
    for a in items:
        if groups and _holder_key(groups[-1][-1].holder) == _holder_key(a.holder):
            groups[-1].append(a)
        else:
            groups.append([a])
    place = _best_place([a.place for a in items])
    intervals: list[ControlInterval] = []
    first = groups[0]
    prev_holder = next((a.previous_holder for a in first if a.previous_holder), None)
    firsts_since = _latest(first).since
    if prev_holder and _holder_key(prev_holder) != _holder_key(first[0].holder):
        intervals.append(
            ControlInterval(
                place=place,
                holder=prev_holder,
                since=None,
                until=firsts_since,
                status=_latest(first).status,
                sources=tuple(_source(a) for a in first),
                inferred=True,
            )
        )
    for i, group in enumerate(groups):
        latest = _latest(group)
        contested = sorted({c for a in group for c in a.contested_by})
        status = latest.status
        if contested and status == "claimed":
            status = "contested"  # one side claims it and the other is named as disputing
        intervals.append(
            ControlInterval(
                place=place,
                holder=latest.holder,
                since=latest.since,
                until=None,
                previous_holder=(
                    groups[i - 1][-1].holder
                    if i
                    else next((a.previous_holder for a in group if a.previous_holder), None)
                ),
                status=status,
                contested_by=tuple(contested),
                sources=tuple(_source(a) for a in sorted(group, key=_order)),
            )
        )
    # Close each interval at the next one's start.
    closed: list[ControlInterval] = []
    for i, iv in enumerate(intervals):
        nxt = intervals[i + 1] if i + 1 < len(intervals) else None
        until = iv.until if iv.inferred else (nxt.since if nxt else None)
        closed.append(_replace(iv, until=until))
    return closed


def build_timelines(assertions: Iterable[ControlAssertion]) -> dict[str, list[ControlInterval]]:
    """Timelines of every place named by the assertions, keyed by place key (sorted)."""
    by_place: dict[str, list[ControlAssertion]] = {}
    for a in assertions:
        by_place.setdefault(a.place.key, []).append(a)
    return {k: place_timeline(by_place[k]) for k in sorted(by_place)}


def control_at(intervals: Iterable[ControlInterval], day: str) -> list[ControlInterval]:
    """The intervals that cover ``day`` (one per place at most), sorted by place name."""
    out = [iv for iv in intervals if iv.covers(day)]
    return sorted(out, key=lambda iv: ((iv.place.name or "").casefold(), iv.place.key))


def _best_place(places: list[PlaceRef]) -> PlaceRef:
    return min(places, key=lambda p: (p.lat is None, p.geo_precision or 9, p.key, p.name or ""))


def _replace(iv: ControlInterval, **changes: object) -> ControlInterval:
    data = {name: getattr(iv, name) for name in iv.__dataclass_fields__}
    data.update(changes)
    return ControlInterval(**data)
