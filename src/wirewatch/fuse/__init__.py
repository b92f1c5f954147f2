"""Cross-article fusion (pure functions over records, no I/O).

- :mod:`wirewatch.fuse.records` — :func:`flatten_extraction` turns one Extraction into
  self-contained :class:`EventRecord`, :class:`ClaimRecord`, :class:`ControlAssertion` and
  :class:`ContradictionRecord` objects with global keys ``<article id>#<local id>``;
- :mod:`wirewatch.fuse.events` — :func:`block_key`/:func:`block_keys` (date window × country
  or grid cell), :func:`merge_block` (clusters of one block), :func:`link_clusters`,
  :func:`build_fused_event` (votes + fatality reconciliation) and :func:`fuse_records`;
- :mod:`wirewatch.fuse.control` — :func:`place_timeline` / :func:`build_timelines` of
  control intervals (holder, since, until, status, sources);
- :mod:`wirewatch.fuse.claims` — contradictions across reports about one fused event.

Results depend only on the set of input records (never on their order), so the store's
incremental fusion, a full re-fusion and a Spark job over blocks agree.
"""

from wirewatch.fuse.claims import event_contradictions, is_denial
from wirewatch.fuse.control import (
    ControlInterval,
    ControlSource,
    build_timelines,
    control_at,
    place_timeline,
)
from wirewatch.fuse.events import (
    EventSource,
    FusedEvent,
    FusedFatalities,
    block_key,
    block_keys,
    build_fused_event,
    compatible,
    fuse_records,
    link_clusters,
    merge_block,
    reconcile_fatalities,
)
from wirewatch.fuse.records import (
    ActorRef,
    ClaimRecord,
    ContradictionRecord,
    ControlAssertion,
    EventRecord,
    Flattened,
    PlaceRef,
    flatten_extraction,
)

__all__ = [
    "ActorRef",
    "ClaimRecord",
    "ContradictionRecord",
    "ControlAssertion",
    "ControlInterval",
    "ControlSource",
    "EventRecord",
    "EventSource",
    "Flattened",
    "FusedEvent",
    "FusedFatalities",
    "PlaceRef",
    "block_key",
    "block_keys",
    "build_fused_event",
    "build_timelines",
    "compatible",
    "control_at",
    "event_contradictions",
    "flatten_extraction",
    "fuse_records",
    "is_denial",
    "link_clusters",
    "merge_block",
    "place_timeline",
    "reconcile_fatalities",
]
