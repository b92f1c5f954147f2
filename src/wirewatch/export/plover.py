"""PLOVER JSON Lines export: one object per fused event with actor and recipient lists."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from wirewatch.fuse.events import FusedEvent
from wirewatch.model.records import to_plain

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
        "sources": [to_plain(s) for s in event.sources],
    }


def write_plover_jsonl(events: Iterable[FusedEvent], out: IO[str]) -> int:
    """Write one PLOVER JSON object per line; returns the line count."""
    n = 0
    for ev in events:
        out.write(json.dumps(plover_record(ev), ensure_ascii=False) + "\n")
        n += 1
    return n
