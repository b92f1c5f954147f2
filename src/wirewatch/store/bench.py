"""Store benchmarks: ingest rate against bare extraction, and a query on many events.

``wirewatch db bench`` runs both. The query benchmark fills a store with synthetic fused
events (executemany, no extraction) once and reuses it on later runs.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from wirewatch.fuse.events import EventSource, FusedEvent, FusedFatalities
from wirewatch.fuse.records import ActorRef, PlaceRef
from wirewatch.store import schema as S
from wirewatch.store.core import EventQuery, _event_row, open_store

_COUNTRIES = [("SY", 35.0, 38.0), ("UA", 49.0, 32.0), ("SD", 15.0, 30.0), ("YE", 15.5, 47.0),
              ("ML", 17.0, -4.0), ("MM", 21.0, 96.0), ("CD", -2.0, 23.0),
              ("SO", 5.0, 46.0)]  # fmt: skip
_TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
          ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]  # fmt: skip


def synthetic_event(i: int, rng: random.Random) -> FusedEvent:
    """One plausible synthetic fused event (reproducible from ``rng``)."""
    cc, lat, lon = rng.choice(_COUNTRIES)
    etype, sub = rng.choice(_TYPES)
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(5 * 365))
    src = EventSource(
        event_key=f"synth{i}#e1",
        article_id=f"synth{i}",
        outlet="Synthetic Wire",
        evidence="A synthetic evidence sentence.",
        date=day.isoformat(),
    )
    return FusedEvent(
        id=f"ev_{i:016x}",
        event_type=etype,
        sub_event_type=sub,
        actor1=ActorRef(name=f"Group {rng.randrange(50)}", kind="rebel group"),
        actor2=ActorRef(name="State forces", kind="state forces"),
        place=PlaceRef(
            name=f"Town {rng.randrange(500)}",
            geonameid=1_000_000 + rng.randrange(500),
            country_code=cc,
            lat=lat + rng.uniform(-2, 2),
            lon=lon + rng.uniform(-2, 2),
            geo_precision=1,
        ),
        date=day.isoformat(),
        time_precision=1,
        fatalities=FusedFatalities(low=0, best=rng.randrange(10), high=None, acled=0),
        sources=(src,),
        members=(src.event_key,),
    )


def fill_events(target: str, n: int, *, batch: int = 20_000, seed: int = 3) -> float:
    """Insert ``n`` synthetic fused events (skipped when the store already has them);
    returns the seconds spent."""
    store = open_store(target, create=True)
    try:
        with store._read() as conn:
            have = conn.execute(select(func.count()).select_from(S.events)).scalar_one()
        if have >= n:
            return 0.0
        rng = random.Random(seed)
        t0 = time.perf_counter()
        i = have
        while i < n:
            rows = [_event_row(synthetic_event(j, rng)) for j in range(i, min(n, i + batch))]
            with store._write() as conn:
                conn.execute(insert(S.events), rows)
            i += len(rows)
        return time.perf_counter() - t0
    finally:
        store.close()


def bench_query(target: str, n: int, *, repeats: int = 20) -> dict[str, Any]:
    """Time the events of one country and month (first page of 100, and the count)."""
    fill_s = fill_events(target, n)
    store = open_store(target, create=False)
    try:
        q = EventQuery(country="SY", date_from="2022-03-01", date_to="2022-03-31", limit=100)
        store.query_events(q)  # warm the cache
        times, count_times = [], []
        for _ in range(repeats):
            t0 = time.perf_counter()
            got = store.query_events(q)
            times.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            total = store.count_events(q)
            count_times.append((time.perf_counter() - t0) * 1000)
        return {
            "events_in_store": store.count_events(EventQuery(limit=None)),
            "fill_seconds": round(fill_s, 1),
            "query": "country=SY, 2022-03, first 100",
            "returned": len(got),
            "matching": total,
            "median_ms": round(statistics.median(times), 2),
            "max_ms": round(max(times), 2),
            "count_median_ms": round(statistics.median(count_times), 2),
            "target_ms": 100,
        }
    finally:
        store.close()


def bench_ingest(n: int) -> dict[str, Any]:
    """Bare extraction of ``n`` synthetic articles against ingesting them into a new store."""
    from wirewatch.extract import default_pipeline
    from wirewatch.ingest import IngestItem, ingest_items
    from wirewatch.stages.clean import RawArticle, new_document
    from wirewatch.synth import generate_articles

    arts = list(generate_articles(n, seed=11))
    pipe = default_pipeline().load()
    pipe.run_batch([new_document(RawArticle(text=arts[0].text, published=arts[0].published))])
    t0 = time.perf_counter()
    for i in range(0, n, pipe.settings.batch_size):
        chunk = arts[i : i + pipe.settings.batch_size]
        docs = pipe.run_batch(
            [new_document(RawArticle(text=a.text, published=a.published)) for a in chunk]
        )
        for d in docs:
            d.to_extraction()
    bare = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "ingest.sqlite")
        items = [
            IngestItem(source=a.id, raw=RawArticle(text=a.text, published=a.published, id=a.id))
            for a in arts
        ]
        t0 = time.perf_counter()
        report = ingest_items(items, store, pipe)
        ingest = time.perf_counter() - t0
        stats = store.stats()
        store.close()
    return {
        "articles": n,
        "bare_extraction_s": round(bare, 2),
        "ingest_s": round(ingest, 2),
        "bare_articles_per_s": round(n / bare, 2),
        "ingest_articles_per_s": round(n / ingest, 2),
        "ingest_vs_bare": round(bare / ingest, 3),
        "target": 0.9,
        "stored": report.new,
        "fused_events": stats["events"],
    }
