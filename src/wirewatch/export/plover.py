"""PLOVER JSON Lines export: one object per fused event with actor and recipient lists.

Only events with a PLOVER type (coded, or derived from the ACLED type) are written: an event
with none (a displacement known only by its ``category``, an ACLED type PLOVER has no word
for) is left out and counted in the :class:`ExportReport`, unless ``include_untyped`` asks for
it. Every record says ``historical`` (told as background from an earlier year) and gives the
event's ``category``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import IO, Any

from wirewatch.export.common import ExportReport
from wirewatch.fuse.events import FusedEvent
from wirewatch.model.records import to_plain

log = logging.getLogger(__name__)

# ACLED sub-event types → PLOVER types, for events the pipeline coded only in ACLED terms.
_FROM_ACLED = {
    "Battles": "ASSAULT",
    "Explosions/Remote violence": "ASSAULT",
    "Violence against civilians": "ASSAULT",
    "Protests": "PROTEST",
    "Riots": "PROTEST",
}
_SUB = {
    "Agreement": "AGREE",
    "Arrests": "COERCE",
    "Abduction/forced disappearance": "COERCE",
    "Looting/property destruction": "COERCE",
    "Non-violent transfer of territory": "CONCEDE",
    "Headquarters or base established": "MOBILIZE",
}


def plover_type(event: FusedEvent) -> str | None:
    """The event's PLOVER type (coded, else derived from its ACLED type)."""
    if event.plover_type:
        return event.plover_type
    if event.sub_event_type in _SUB:
        return _SUB[event.sub_event_type]
    return _FROM_ACLED.get(event.event_type or "")


def plover_record(event: FusedEvent) -> dict[str, Any]:
    """One fused event as a PLOVER-style record."""
    place = event.place
    return {
        "id": event.id,
        "date": event.date,
        "event_type": plover_type(event),
        "mode": event.sub_event_type,
        "context": [event.event_type] if event.event_type else [],
        "actor": [event.actor1.name] if event.actor1 else [],
        "actor_kind": event.actor1.kind if event.actor1 else None,
        "actor_country": event.actor1.country_code if event.actor1 else None,
        "recipient": [event.actor2.name] if event.actor2 else [],
        "recipient_kind": event.actor2.kind if event.actor2 else None,
        "recipient_country": event.actor2.country_code if event.actor2 else None,
        "associated": [a.name for a in event.assoc_actors],
        "location": None if place is None else to_plain(place),
        "fatalities": to_plain(event.fatalities),
        "time_precision": event.time_precision,
        "category": event.category,
        # background from an earlier year: a consumer must not count it as current news
        "historical": event.historical,
        "sources": [to_plain(s) for s in event.sources],
    }


def write_plover_jsonl(
    events: Iterable[FusedEvent],
    out: IO[str],
    *,
    include_untyped: bool = False,
    report: ExportReport | None = None,
) -> int:
    """Write one PLOVER JSON object per line for each event with a PLOVER type; returns the
    line count. ``include_untyped`` also writes events with none (``event_type`` null);
    ``report``, when given, receives the counts written, left out and historical."""
    rep = report if report is not None else ExportReport()
    for ev in events:
        if plover_type(ev) is None and not include_untyped:
            rep.skipped_untyped += 1
            continue
        out.write(json.dumps(plover_record(ev), ensure_ascii=False) + "\n")
        rep.written += 1
        rep.historical += ev.historical
    log.info("%s", rep.summary("plover"))
    return rep.written
