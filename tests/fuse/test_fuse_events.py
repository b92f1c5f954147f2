"""Pure fusion functions: compatibility, blocking across window edges, order independence."""

from __future__ import annotations

import random
from datetime import date, timedelta

from wirewatch.fuse import (
    ActorRef,
    EventRecord,
    PlaceRef,
    block_keys,
    compatible,
    fuse_records,
    link_clusters,
    merge_block,
    reconcile_fatalities,
)
from wirewatch.fuse.events import WINDOW_DAYS, EventSource, knowledge

HAMA = PlaceRef(
    name="Hama",
    geonameid=170017,
    country_code="SY",
    admin1="Hama",
    lat=35.13,
    lon=36.76,
    geo_precision=1,
)
HAMA_PROVINCE = PlaceRef(
    name="Hama Governorate",
    geonameid=170016,
    country_code="SY",
    admin1="Hama",
    lat=35.2,
    lon=36.9,
    feature_code="ADM1",
    geo_precision=3,
)
HOMS = PlaceRef(
    name="Homs",
    geonameid=169577,
    country_code="SY",
    admin1="Homs",
    lat=34.73,
    lon=36.72,
    geo_precision=1,
)
REBELS = ActorRef(name="Rebel coalition", kind="rebel group")
ARMY = ActorRef(name="Army", kind="state forces")


def rec(
    key: str,
    *,
    place: PlaceRef = HAMA,
    day: str = "2024-12-05",
    precision: int = 1,
    sub: str = "Non-state actor overtakes territory",
    actor1: ActorRef | None = REBELS,
    **kw: object,
) -> EventRecord:
    return EventRecord(
        key=key,
        article_id=key.split("#")[0],
        local_id="e1",
        event_type="Battles",
        sub_event_type=sub,
        actor1=actor1,
        actor2=ARMY,
        place=place,
        date=day,
        time_precision=precision,
        **kw,
    )  # type: ignore[arg-type]


def test_compatibility_rules() -> None:
    a = rec("a#e1")
    assert compatible(a, rec("b#e1"))
    assert compatible(a, rec("b#e1", place=HAMA_PROVINCE))  # town inside its province
    assert not compatible(a, rec("b#e1", place=HOMS))
    assert not compatible(a, rec("b#e1", day="2024-12-06"))  # two day-precise dates differ
    assert compatible(a, rec("b#e1", day="2024-12-08", precision=2))  # a week ± 4 days
    assert compatible(a, rec("b#e1", actor1=None))  # one report names no actor
    assert not compatible(a, rec("b#e1", actor1=ActorRef(name="Other group")))
    assert not compatible(a, rec("b#e1", negated=True))
    assert not compatible(a, rec("b#e1", sub="Attack"))


def test_block_keys_cover_window_edges() -> None:
    kb = knowledge()
    edge = date.fromordinal((date(2024, 12, 5).toordinal() // WINDOW_DAYS + 1) * WINDOW_DAYS)
    before = rec("a#e1", day=(edge - timedelta(days=1)).isoformat())
    after = rec("b#e1", day=edge.isoformat(), precision=2)
    assert compatible(before, after, kb)
    assert set(block_keys(before)) & set(block_keys(after))
    # Blocked merging finds the pair, like one global comparison.
    clusters = [
        c
        for k in set(block_keys(before)) | set(block_keys(after))
        for c in merge_block([r for r in (before, after) if k in block_keys(r)])
    ]
    assert ("a#e1", "b#e1") in link_clusters(clusters)


def test_fusion_is_order_independent() -> None:
    rng = random.Random(5)
    places = [HAMA, HOMS, HAMA_PROVINCE]
    records = [
        rec(
            f"art{i:02d}#e1",
            place=rng.choice(places),
            day=(date(2024, 12, 1) + timedelta(days=rng.randrange(6))).isoformat(),
            precision=rng.choice([1, 1, 2]),
        )
        for i in range(40)
    ]
    reference = fuse_records(records)
    for _ in range(5):
        rng.shuffle(records)
        assert fuse_records(records) == reference
    assert sum(len(e.members) for e in reference) == 40


def test_fatalities_reconciled_with_every_source_kept() -> None:
    sources = [
        EventSource(event_key="a#e1", article_id="a", fat_low=800, fat_best=800, fat_acled=800),
        EventSource(
            event_key="b#e1", article_id="b", fat_low=20, fat_best=25, fat_high=30, fat_acled=20
        ),
        EventSource(event_key="c#e1", article_id="c"),
    ]
    fat = reconcile_fatalities(sources)
    assert (fat.low, fat.best, fat.high, fat.acled, fat.reported_by) == (20, 25, 800, 20, 2)
    assert reconcile_fatalities(sources[2:]).acled == 0
