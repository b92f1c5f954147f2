"""GeoJSON export: fused events as points, and control points (who holds each place)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from wirewatch.fuse.control import ControlInterval
from wirewatch.fuse.events import FusedEvent


def event_feature(event: FusedEvent) -> dict[str, Any] | None:
    """One event as a GeoJSON Feature (None when it has no coordinates)."""
    p = event.place
    if p is None or p.lat is None or p.lon is None:
        return None
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
        "properties": {
            "id": event.id,
            "date": event.date,
            "event_type": event.event_type,
            "sub_event_type": event.sub_event_type,
            "plover_type": event.plover_type,
            "category": event.category,
            # background from an earlier year, not news of the reporting period
            "historical": event.historical,
            "actor1": event.actor1.name if event.actor1 else None,
            "actor2": event.actor2.name if event.actor2 else None,
            "place": p.name,
            "geonameid": p.geonameid,
            "country_code": p.country_code,
            "geo_precision": p.geo_precision,
            "fatalities": event.fatalities.acled,
            "fatalities_low": event.fatalities.low,
            "fatalities_best": event.fatalities.best,
            "fatalities_high": event.fatalities.high,
            "n_sources": event.n_sources,
            "sources": [s.url or s.outlet or s.article_id for s in event.sources],
        },
    }


def control_feature(iv: ControlInterval) -> dict[str, Any] | None:
    """One control interval as a GeoJSON Feature (None without coordinates)."""
    p = iv.place
    if p.lat is None or p.lon is None:
        return None
    return {
        "type": "Feature",
        "id": f"{p.key}@{iv.since or ''}",
        "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
        "properties": {
            "place": p.name,
            "geonameid": p.geonameid,
            "country_code": p.country_code,
            "holder": iv.holder,
            "previous_holder": iv.previous_holder,
            "since": iv.since,
            "until": iv.until,
            "status": iv.status,
            "contested_by": list(iv.contested_by),
            "sources": [s.url or s.outlet or s.article_id for s in iv.sources],
        },
    }


def _write(features: Iterable[dict[str, Any] | None], out: IO[str]) -> int:
    out.write('{"type":"FeatureCollection","features":[')
    n = 0
    for feat in features:
        if feat is None:
            continue
        out.write(("," if n else "") + "\n" + json.dumps(feat, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_events_geojson(events: Iterable[FusedEvent], out: IO[str]) -> int:
    """Write a FeatureCollection of event points (streamed); returns the feature count."""
    return _write((event_feature(e) for e in events), out)


def write_control_geojson(intervals: Iterable[ControlInterval], out: IO[str]) -> int:
    """Write a FeatureCollection of control points; returns the feature count."""
    return _write((control_feature(iv) for iv in intervals), out)
