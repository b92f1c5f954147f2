"""ACLED-compatible CSV export (the 31 columns of DESIGN.md §4, in ACLED's order).

Only events with an ACLED event type are ACLED rows: a statement coded only in PLOVER, a
displacement or a prisoner release (``category`` only) has no ``event_type`` and would be an
invalid row for ACLED users, so it is left out (counted in the :class:`ExportReport`) unless
``include_untyped`` asks for it. A historical event (every source tells it as background from
an earlier year) is written with its own date, ``historical`` in ``tags`` and a note first in
``notes``: never silently as news of the reporting period.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable
from typing import IO, Any

from wirewatch.export.common import HISTORICAL_NOTE, ExportReport, country_info, inter_label
from wirewatch.fuse.events import FusedEvent

log = logging.getLogger(__name__)

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


def acled_row(event: FusedEvent, *, timestamp: int = 0) -> dict[str, Any]:
    """One fused event as an ACLED row (a dict keyed by :data:`ACLED_COLUMNS`)."""
    place = event.place
    info = country_info(place.country_code if place else None)
    inter1 = inter_label(event.actor1.kind if event.actor1 else None)
    inter2 = inter_label(event.actor2.kind if event.actor2 else None)
    interaction = "-".join(x for x in (inter1, inter2) if x)
    if inter1 and not inter2:
        interaction = f"{inter1} only"
    outlets = sorted({s.outlet for s in event.sources if s.outlet})
    notes = " | ".join(
        f"{s.outlet or s.url or s.article_id}: {s.evidence}" for s in event.sources if s.evidence
    )
    if event.historical:
        notes = f"{HISTORICAL_NOTE}. {notes}" if notes else HISTORICAL_NOTE
    fat = event.fatalities
    tags = ["historical"] if event.historical else []
    if fat.reported_by:
        tags.append(f"fatalities low={fat.low} best={fat.best} high={fat.high}")
    tags.append(f"sources={event.n_sources}")
    year = event.date[:4] if event.date else ""
    return {
        "event_id_cnty": f"{info['iso3'] or 'XXX'}{event.id[3:]}",
        "event_date": event.date or "",
        "year": year,
        "time_precision": event.time_precision or "",
        "disorder_type": event.disorder_type or "",
        "event_type": event.event_type or "",
        "sub_event_type": event.sub_event_type or "",
        "actor1": event.actor1.name if event.actor1 else "",
        "assoc_actor_1": "; ".join(a.name for a in event.assoc_actors),
        "inter1": inter1,
        "actor2": event.actor2.name if event.actor2 else "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if inter2 == "Civilians" else "",
        "iso": info["isonumeric"] or "",
        "region": info["region"] or "",
        "country": info["name"] or "",
        "admin1": place.admin1 or "" if place else "",
        "admin2": place.admin2 or "" if place else "",
        "admin3": "",
        "location": place.name or "" if place else "",
        "latitude": "" if not place or place.lat is None else f"{place.lat:.4f}",
        "longitude": "" if not place or place.lon is None else f"{place.lon:.4f}",
        "geo_precision": place.geo_precision or "" if place else "",
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": notes,
        "fatalities": fat.acled,
        "tags": "; ".join(tags),
        "timestamp": timestamp,
    }


def write_acled_csv(
    events: Iterable[FusedEvent],
    out: IO[str],
    *,
    timestamp: int | None = None,
    include_untyped: bool = False,
    report: ExportReport | None = None,
) -> int:
    """Write ACLED-compatible CSV (header + one row per fused event with an ACLED event
    type); returns the row count.

    ``include_untyped`` also writes events with no ACLED type (empty ``event_type`` and
    ``sub_event_type``: not valid ACLED rows). ``report``, when given, receives the counts of
    rows written, events left out and historical rows marked.
    """
    import time

    ts = int(time.time()) if timestamp is None else timestamp
    rep = report if report is not None else ExportReport()
    writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for ev in events:
        if not ev.event_type and not include_untyped:
            rep.skipped_untyped += 1
            continue
        writer.writerow(acled_row(ev, timestamp=ts))
        rep.written += 1
        rep.historical += ev.historical
    log.info("%s", rep.summary("acled"))
    return rep.written
