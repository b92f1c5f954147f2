"""The wirewatch store: one auditable event database over SQLite or PostgreSQL.

Public interface (stable; methods may be added)::

    from wirewatch.store import open_store, EventQuery

    store = open_store("events.sqlite")          # or "sqlite:///x.sqlite", "postgresql://u@h/db"
    result = store.add_extraction(extraction, source="reports/a.txt")  # AddResult new/duplicate
    store.has_article(url=..., text=..., article_id=...)               # idempotency checks
    store.get_article(article_id)                 # StoredArticle with its full Extraction
    store.query_events(EventQuery(country="SY", date_from="2024-12-01", date_to="2024-12-31",
                                  bbox=(min_lon, min_lat, max_lon, max_lat), event_type=...,
                                  sub_event_type=..., actor=..., place=..., text=...,
                                  limit=100, offset=0))               # list[FusedEvent]
    store.count_events(query) / store.iter_events(query)
    store.get_event(event_id)       # EventDetail: event, records, claims, contradictions
    store.control_at("2024-12-06", place="Hama", country="SY")       # list[ControlInterval]
    store.control_timeline("Hama")                # every interval of one place
    store.control_changes(day_from, day_to, country)
    store.list_actors(), store.list_claims(...), store.list_contradictions(...)
    store.fuse()                                  # full re-fusion (incremental fusion is automatic)
    store.sitrep("2024-12-05", "SY")              # Markdown situation report
    store.export_acled_csv(fh) / export_plover_jsonl(fh) / export_geojson(fh) / export_parquet(path)
    store.stats(); store.close()

- ``open_store(target, *, create=True, migrate=False)``: ``target`` is a SQLite path, a
  ``sqlite:///`` URL or a ``postgresql://`` URL (psycopg 3). ``None`` is refused: the CLI
  resolves the default file in the user data directory. A file that is not SQLite, a database
  with foreign tables, or a newer schema version raises :class:`~wirewatch.errors.StoreError`
  and nothing is changed.
- Articles are identified by the normalised content hash of their cleaned text
  (:func:`wirewatch.stages.clean.content_id`) and by URL: adding the same article twice is a
  no-op (``AddResult.status == "duplicate"``).
- Each ``add_extraction`` is one transaction that stores the article, its events, claims,
  control assertions and contradictions, and fuses its events incrementally into the fused
  event table and the control timelines. Fused results depend only on the set of articles,
  never on their order (see :mod:`wirewatch.fuse`).
- Records returned are the frozen dataclasses of :mod:`wirewatch.fuse`
  (:class:`~wirewatch.fuse.FusedEvent` with ``sources``, :class:`~wirewatch.fuse.ControlInterval`,
  :class:`~wirewatch.fuse.ClaimRecord`, :class:`~wirewatch.fuse.ContradictionRecord`); turn
  them into JSON with :func:`wirewatch.model.records.to_plain`.
- SQLite: WAL, foreign keys, FTS5 over articles and claims, indexed lat/lon for bounding
  boxes, ``BEGIN IMMEDIATE`` for writers. PostgreSQL: GIN ``tsvector`` indexes, an advisory
  lock serialising writers.
"""

from wirewatch.errors import StoreError
from wirewatch.store.core import (
    AddResult,
    EventDetail,
    EventQuery,
    FuseReport,
    Store,
    StoredArticle,
    open_store,
    resolve_url,
)
from wirewatch.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "AddResult",
    "EventDetail",
    "EventQuery",
    "FuseReport",
    "Store",
    "StoreError",
    "StoredArticle",
    "open_store",
    "resolve_url",
]
