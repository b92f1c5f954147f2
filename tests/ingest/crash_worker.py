"""Subprocess worker of the crash/resume test: ingest N synthetic reports into a store,
slowly, with a light pipeline whose event stage builds one event per article."""

from __future__ import annotations

import sys
import time

from wirewatch.document import Document
from wirewatch.ingest import IngestItem, ingest_items
from wirewatch.model.records import Actor, Event, Place, Span
from wirewatch.pipeline import Pipeline, Resources, StageFn, stage
from wirewatch.settings import Settings
from wirewatch.stages.clean import RawArticle
from wirewatch.store import open_store

TOWNS = [
    ("Hama", 170017, 35.13, 36.75),
    ("Homs", 169577, 34.72, 36.72),
    ("Idlib", 169389, 35.93, 36.63),
]


@stage("toy_events", requires=("text",), assigns=("places", "actors", "events"))
def make_toy_events(settings: Settings, resources: Resources) -> StageFn:
    """One capture event per article, in the town its first word names (for tests)."""

    def run(doc: Document) -> None:
        town = next(t for t in TOWNS if doc.text.startswith(t[0]))
        doc.places = [
            Place(
                id="p1",
                name=town[0],
                geonameid=town[1],
                country_code="SY",
                lat=town[2],
                lon=town[3],
                geo_precision=1,
            )
        ]
        doc.actors = [Actor(id="a1", name="Rebel coalition", kind="rebel group")]
        end = doc.text.find(".") + 1
        day = doc.article.published
        doc.events = [
            Event(
                id="e1",
                event_type="Battles",
                sub_event_type="Armed clash",
                actor1="a1",
                place="p1",
                date=day,
                time_precision=1,
                evidence=Span.of(doc.text, 0, end),
            )
        ]
        time.sleep(DELAY)

    return run


DELAY = 0.0


def items(n: int) -> list[IngestItem]:
    """N reports: three towns, a few days, several wordings (so events fuse)."""
    out = []
    for i in range(n):
        town = TOWNS[i % 3][0]
        day = f"2024-12-{1 + (i // 3) % 4:02d}"
        text = f"{town} saw fighting, report number {i}. Outlet {i % 5} filed it."
        out.append(
            IngestItem(source=f"item{i}", raw=RawArticle(text=text, published=day, id=f"r{i}"))
        )
    return out


def main() -> None:
    """argv: DB N DELAY."""
    global DELAY
    db, n, DELAY = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    store = open_store(db)
    pipe = Pipeline(Settings(batch_size=4), stages=["clean", "toy_events"])
    report = ingest_items(items(n), store, pipe, batch_size=4)
    print(f"new={report.new} duplicate={report.duplicate} failed={len(report.failed)}")
    store.close()


if __name__ == "__main__":
    main()
