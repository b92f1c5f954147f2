"""The :class:`Store`: one interface over SQLite (embedded) and PostgreSQL (shared)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from wirewatch.errors import StoreError
from wirewatch.fuse.claims import event_contradictions
from wirewatch.fuse.control import ControlInterval, place_timeline
from wirewatch.fuse.events import FusedEvent, compatible, date_window, fuse_records, knowledge
from wirewatch.fuse.records import (
    ClaimRecord,
    ContradictionRecord,
    ControlAssertion,
    EventRecord,
    Flattened,
    day_ordinal,
    flatten_extraction,
)
from wirewatch.model import Extraction
from wirewatch.store import schema as S
from wirewatch.store.serde import dumps, loads

_SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_LOCK = 7_077_001  # advisory lock id serialising writers on PostgreSQL


# --------------------------------------------------------------------------- value types


@dataclass(frozen=True, slots=True, kw_only=True)
class EventQuery:
    """Filters for :meth:`Store.query_events` (all optional, combined with AND)."""

    date_from: str | date | None = None
    date_to: str | date | None = None  # inclusive
    country: str | None = None  # ISO 3166-1 alpha-2
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # case-insensitive substring of any actor name
    place: str | None = None  # place name (case-insensitive) or geonameid
    text: str | None = None  # full-text search over the source articles
    min_sources: int | None = None
    limit: int | None = 100
    offset: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class AddResult:
    """What :meth:`Store.add_extraction` did with one article."""

    status: str  # "new" or "duplicate"
    article_id: str
    n_events: int = 0
    fused_events: tuple[str, ...] = ()  # ids of fused events created or updated
    reason: str | None = None  # for duplicates: "same content" / "same url"


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredArticle:
    """An article as stored, with its full extraction."""

    id: str
    url: str | None
    ext_id: str | None
    title: str | None
    outlet: str | None
    published: str | None
    source: str | None
    ingested_at: float
    extraction: Extraction


@dataclass(frozen=True, slots=True, kw_only=True)
class EventDetail:
    """A fused event with everything behind it: member records, claims, contradictions."""

    event: FusedEvent
    records: tuple[EventRecord, ...] = ()
    claims: tuple[ClaimRecord, ...] = ()
    contradictions: tuple[ContradictionRecord, ...] = ()


@dataclass(slots=True)
class FuseReport:
    """Counts of a full re-fusion."""

    records: int = 0
    events: int = 0
    places: int = 0
    contradictions: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class _Pending:
    """Affected keys collected in one write transaction."""

    fused: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)


# --------------------------------------------------------------------------- opening


def resolve_url(target: str | Path) -> tuple[str, Path | None]:
    """A store location → (SQLAlchemy URL, SQLite file path or None)."""
    raw = str(target)
    if raw.startswith(("postgresql://", "postgres://")):
        rest = raw.split("://", 1)[1]
        return "postgresql+psycopg://" + rest, None
    if raw.startswith("postgresql+"):
        return raw, None
    if raw.startswith("sqlite:"):
        url = make_url(raw)
        db = url.database
        if not db or db == ":memory:":
            raise StoreError("an in-memory SQLite store is not supported", hint="give a file path")
        return raw, Path(db)
    if "://" in raw:
        raise StoreError(
            f"unsupported database URL {raw!r}",
            hint="use a file path, sqlite:///path.sqlite or postgresql://user@host/db",
        )
    path = Path(raw).expanduser()
    return f"sqlite:///{path}", path


def open_store(target: str | Path | None, *, create: bool = True, migrate: bool = False) -> Store:
    """Open (and with ``create`` make) a store at a SQLite path, ``sqlite:///`` URL or
    ``postgresql://`` URL. ``None`` is refused here: the CLI layer resolves the default
    location. A file or database that is not a wirewatch store, or of a newer schema,
    raises :class:`StoreError` and nothing is touched. ``migrate`` upgrades an older schema."""
    if target is None:
        raise StoreError("no database given", hint="pass a path or URL (the CLI's --db)")
    url, path = resolve_url(target)
    if path is not None:
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a database file", hint="give a file path")
        if path.exists() and path.stat().st_size > 0:
            with path.open("rb") as fh:
                if fh.read(16) != _SQLITE_MAGIC:
                    raise StoreError(
                        f"{path} is not a SQLite database, so not a wirewatch store",
                        hint="choose another --db path; the file was left untouched",
                    )
        elif not create:
            raise StoreError(f"{path} does not exist", hint="run 'wirewatch ingest' to create it")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = _make_engine(url)
    try:
        store = Store(engine, url=url, path=path)
        store._check_schema(create=create, migrate=migrate)
    except StoreError:
        engine.dispose()
        raise
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise StoreError(
            f"cannot open the database {_safe(url)}: {_short(exc)}",
            hint="check the path or URL and that the server is running",
        ) from exc
    return store


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 60})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # Writers take the write lock up front: two writers never deadlock on upgrade.
            write = conn.get_execution_options().get("wirewatch_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a display helper must never fail
        return "<database>"


def _short(exc: BaseException) -> str:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig).strip().splitlines()[0]
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _iso(value: str | date | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


# --------------------------------------------------------------------------- the store


class Store:
    """A wirewatch event database (use :func:`open_store`). Thread-safe for readers; writes
    are serialised (SQLite ``BEGIN IMMEDIATE``, PostgreSQL advisory lock)."""

    def __init__(self, engine: Engine, *, url: str, path: Path | None = None) -> None:
        self.engine = engine
        self.url = url
        self.path = path

    # ----- lifecycle

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({_safe(self.url)!r})"

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self.engine.connect().execution_options(wirewatch_write=True) as conn, conn.begin():
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})
            yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def _check_schema(self, *, create: bool, migrate: bool) -> None:
        tables = set(inspect(self.engine).get_table_names())
        if S.meta.name not in tables:
            ours = {t.name for t in S.metadata.sorted_tables}
            if tables - {"sqlite_sequence"}:
                raise StoreError(
                    f"{_safe(self.url)} already holds tables that are not a wirewatch store "
                    f"({', '.join(sorted(tables)[:5])})",
                    hint="choose another database; nothing was changed",
                )
            if not create:
                raise StoreError(f"{_safe(self.url)} is empty", hint="open it with create=True")
            del ours
            self._migrate(0)
            return
        with self._read() as conn:
            rows = dict(conn.execute(select(S.meta.c.key, S.meta.c.value)).all())
        if rows.get("app") != S.APP_NAME:
            raise StoreError(
                f"{_safe(self.url)} is not a wirewatch store", hint="choose another database"
            )
        version = int(rows.get("schema_version", "0"))
        if version > S.SCHEMA_VERSION:
            raise StoreError(
                f"{_safe(self.url)} has schema version {version}, newer than this wirewatch "
                f"(version {S.SCHEMA_VERSION})",
                hint="upgrade wirewatch; the database was left untouched",
            )
        if version < S.SCHEMA_VERSION:
            if not migrate:
                raise StoreError(
                    f"{_safe(self.url)} has schema version {version}; this wirewatch needs "
                    f"{S.SCHEMA_VERSION}",
                    hint="run 'wirewatch db migrate --db ...' (back the file up first)",
                )
            self._migrate(version)

    def _migrate(self, current: int) -> None:
        for version, description, step in S.MIGRATIONS:
            if version <= current:
                continue
            with self._write() as conn:
                step(conn)
                values = {
                    "app": S.APP_NAME,
                    "schema_version": str(version),
                    f"migration_{version}": description,
                }
                for key, value in values.items():
                    conn.execute(delete(S.meta).where(S.meta.c.key == key))
                    conn.execute(insert(S.meta).values(key=key, value=value))

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        with self._read() as conn:
            value = conn.execute(
                select(S.meta.c.value).where(S.meta.c.key == "schema_version")
            ).scalar_one()
        return int(value)

    # ----- articles

    def find_article(
        self, *, url: str | None = None, text_: str | None = None, article_id: str | None = None
    ) -> str | None:
        """The id of a stored article with this id, URL or (normalised) content, or None."""
        from wirewatch.stages.clean import content_id

        ids = [article_id] if article_id else []
        if text_ is not None:
            ids.append(content_id(text_))
        with self._read() as conn:
            return self._find(conn, ids, url)

    def has_article(
        self, *, url: str | None = None, text: str | None = None, article_id: str | None = None
    ) -> bool:
        """True when an article with this id, URL or normalised content is stored."""
        return self.find_article(url=url, text_=text, article_id=article_id) is not None

    @staticmethod
    def _find(conn: Connection, ids: Sequence[str], url: str | None) -> str | None:
        conds: list[Any] = []
        if ids:
            conds.append(S.articles.c.id.in_(list(ids)))
        if url:
            conds.append(S.articles.c.url == url)
        if not conds:
            return None
        return conn.execute(select(S.articles.c.id).where(or_(*conds)).limit(1)).scalar()

    def get_article(self, article_id: str) -> StoredArticle | None:
        """A stored article by store id, URL or input id (None when unknown)."""
        a = S.articles.c
        with self._read() as conn:
            row = (
                conn.execute(
                    select(S.articles)
                    .where(or_(a.id == article_id, a.url == article_id, a.ext_id == article_id))
                    .order_by(a.id)
                    .limit(1)
                )
                .mappings()
                .first()
            )
        if row is None:
            return None
        return StoredArticle(
            id=row["id"],
            url=row["url"],
            ext_id=row["ext_id"],
            title=row["title"],
            outlet=row["outlet"],
            published=row["published"],
            source=row["source"],
            ingested_at=row["ingested_at"],
            extraction=Extraction.from_json(row["extraction"]),
        )

    def list_articles(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Article metadata (no text), newest publication first."""
        a = S.articles.c
        cols = [a.id, a.url, a.ext_id, a.title, a.outlet, a.published, a.source, a.n_events]
        with self._read() as conn:
            rows = (
                conn.execute(
                    select(*cols).order_by(a.published.desc(), a.id).limit(limit).offset(offset)
                )
                .mappings()
                .all()
            )
        return [dict(r) for r in rows]

    def add_extraction(
        self,
        extraction: Extraction,
        *,
        source: str | None = None,
        fuse: bool = True,
        now: float | None = None,
    ) -> AddResult:
        """Store one article's extraction in one transaction (idempotent).

        The article's store id is the normalised content hash of its cleaned text; an
        article already stored with the same content or URL is a ``duplicate`` and nothing
        changes. With ``fuse`` the new events are fused into the event database and the
        control timelines of the places concerned are updated in the same transaction, so a
        crash leaves either the whole article with its fusion or nothing."""
        from wirewatch.stages.clean import content_id

        art = extraction.article
        aid = content_id(art.text)
        flat = flatten_extraction(extraction, aid)
        with self._write() as conn:
            found = self._find(conn, [aid], art.url)
            if found is not None:
                same_content = found == aid
                return AddResult(
                    status="duplicate",
                    article_id=found,
                    reason="same content" if same_content else "same url",
                )
            self._insert_article(conn, extraction, aid, flat, source, now)
            fused: tuple[str, ...] = ()
            if fuse:
                fused = self._fuse_incremental(conn, flat)
        return AddResult(
            status="new", article_id=aid, n_events=len(flat.events), fused_events=fused
        )

    def add_extractions(
        self, extractions: Iterable[Extraction], *, source: str | None = None, fuse: bool = True
    ) -> list[AddResult]:
        """:meth:`add_extraction` over many extractions (one transaction each)."""
        return [self.add_extraction(x, source=source, fuse=fuse) for x in extractions]

    def _insert_article(
        self,
        conn: Connection,
        x: Extraction,
        aid: str,
        flat: Flattened,
        source: str | None,
        now: float | None,
    ) -> None:
        art = x.article
        conn.execute(
            insert(S.articles).values(
                id=aid,
                url=art.url or None,
                ext_id=art.id or None,
                title=art.title,
                outlet=art.outlet,
                published=art.published,
                language=art.language,
                source=source,
                ingested_at=time.time() if now is None else now,
                n_events=len(x.events),
                n_warnings=len(x.warnings),
                text=art.text,
                extraction=x.to_json(),
            )
        )
        if flat.events:
            conn.execute(
                insert(S.article_events),
                [
                    {
                        "key": r.key,
                        "article_id": aid,
                        "country_code": r.place.country_code if r.place else None,
                        "day": r.day,
                        "fusable": r.fusable,
                        "fused_id": None,
                        "data": dumps(r),
                    }
                    for r in flat.events
                ],
            )
        if flat.claims:
            conn.execute(
                insert(S.claims),
                [
                    {
                        "key": c.key,
                        "article_id": aid,
                        "speaker": c.speaker,
                        "speaker_actor": c.speaker_actor,
                        "content": c.content,
                        "data": dumps(c),
                    }
                    for c in flat.claims
                ],
            )
        if flat.control:
            conn.execute(
                insert(S.control_assertions),
                [
                    {"key": c.key, "article_id": aid, "place_key": c.place.key, "data": dumps(c)}
                    for c in flat.control
                ],
            )
        if flat.contradictions:
            conn.execute(
                insert(S.article_contradictions),
                [
                    {"key": c.key, "article_id": aid, "about": c.about, "data": dumps(c)}
                    for c in flat.contradictions
                ],
            )
        if self.dialect == "sqlite":
            conn.execute(
                text("INSERT INTO articles_fts(article_id, title, text) VALUES (:a, :t, :x)"),
                {"a": aid, "t": art.title or "", "x": art.text},
            )
            if flat.claims:
                conn.execute(
                    text("INSERT INTO claims_fts(claim_key, speaker, content) VALUES (:k, :s, :c)"),
                    [{"k": c.key, "s": c.speaker or "", "c": c.content} for c in flat.claims],
                )

    # ----- fusion

    def _fuse_incremental(self, conn: Connection, flat: Flattened) -> tuple[str, ...]:
        kb = knowledge()
        ae = S.article_events.c
        affected: dict[str, EventRecord] = {}
        touched: set[str] = set()
        for rec in flat.events:
            if not rec.fusable:
                continue
            affected[rec.key] = rec
            window = date_window(rec, kb)
            if window is None:
                continue
            cc = rec.place.country_code if rec.place else None
            area: Any = or_(ae.country_code == cc, ae.country_code.is_(None)) if cc else true()
            rows = conn.execute(
                select(ae.key, ae.fused_id, ae.data).where(
                    ae.fusable.is_(True), ae.day.between(*window), area, ae.key != rec.key
                )
            ).all()
            for key, fused_id, data in rows:
                other = loads(EventRecord, data)
                if compatible(rec, other, kb):
                    affected[key] = other
                    if fused_id:
                        touched.add(fused_id)
        if touched:
            for key, data in conn.execute(
                select(ae.key, ae.data).where(ae.fused_id.in_(sorted(touched)))
            ).all():
                affected.setdefault(key, loads(EventRecord, data))
        new_events = fuse_records(affected.values(), kb)
        self._replace_events(conn, touched, new_events)
        self._rebuild_control(conn, {c.place.key for c in flat.control})
        return tuple(e.id for e in new_events)

    def _replace_events(
        self, conn: Connection, old_ids: set[str], new_events: list[FusedEvent]
    ) -> None:
        if old_ids:
            ids = sorted(old_ids)
            conn.execute(delete(S.contradictions).where(S.contradictions.c.event_id.in_(ids)))
            conn.execute(delete(S.event_sources).where(S.event_sources.c.event_id.in_(ids)))
            conn.execute(delete(S.events).where(S.events.c.id.in_(ids)))
            conn.execute(
                update(S.article_events)
                .where(S.article_events.c.fused_id.in_(ids))
                .values(fused_id=None)
            )
        if not new_events:
            return
        conn.execute(insert(S.events), [_event_row(e) for e in new_events])
        conn.execute(
            insert(S.event_sources),
            [
                {"event_id": e.id, "event_key": s.event_key, "article_id": s.article_id}
                for e in new_events
                for s in e.sources
            ],
        )
        ae = S.article_events.c
        for e in new_events:
            conn.execute(
                update(S.article_events).where(ae.key.in_(list(e.members))).values(fused_id=e.id)
            )
        self._link_contradictions(conn, new_events)

    def _link_contradictions(self, conn: Connection, new_events: list[FusedEvent]) -> None:
        articles = sorted({s.article_id for e in new_events for s in e.sources})
        claims: list[ClaimRecord] = []
        art_level: list[ContradictionRecord] = []
        for chunk in _chunks(articles, 500):
            claims.extend(
                loads(ClaimRecord, d)
                for (d,) in conn.execute(
                    select(S.claims.c.data).where(S.claims.c.article_id.in_(chunk))
                )
            )
            art_level.extend(
                loads(ContradictionRecord, d)
                for (d,) in conn.execute(
                    select(S.article_contradictions.c.data).where(
                        S.article_contradictions.c.article_id.in_(chunk)
                    )
                )
            )
        rows = []
        for e in new_events:
            for con in event_contradictions(e, claims, art_level):
                rows.append({"id": con.key, "event_id": e.id, "kind": con.kind, "data": dumps(con)})
        if rows:
            conn.execute(insert(S.contradictions), rows)

    def _rebuild_control(self, conn: Connection, place_keys: set[str]) -> None:
        ca, ci = S.control_assertions.c, S.control_intervals.c
        for place_key in sorted(place_keys):
            assertions = [
                loads(ControlAssertion, d)
                for (d,) in conn.execute(select(ca.data).where(ca.place_key == place_key))
            ]
            conn.execute(delete(S.control_intervals).where(ci.place_key == place_key))
            rows = [
                _interval_row(place_key, i, iv) for i, iv in enumerate(place_timeline(assertions))
            ]
            if rows:
                conn.execute(insert(S.control_intervals), rows)

    def fuse(self) -> FuseReport:
        """Recompute every fused event, contradiction and control timeline from the stored
        article records (the same result incremental fusion maintains)."""
        t0 = time.perf_counter()
        report = FuseReport()
        with self._write() as conn:
            for table in S.DERIVED_TABLES:
                conn.execute(delete(table))
            conn.execute(update(S.article_events).values(fused_id=None))
            records = [
                loads(EventRecord, d) for (d,) in conn.execute(select(S.article_events.c.data))
            ]
            report.records = len(records)
            events = fuse_records(records)
            self._replace_events(conn, set(), events)
            report.events = len(events)
            places = {
                k for (k,) in conn.execute(select(S.control_assertions.c.place_key).distinct())
            }
            self._rebuild_control(conn, places)
            report.places = len(places)
            report.contradictions = conn.execute(
                select(func.count()).select_from(S.contradictions)
            ).scalar_one()
        report.seconds = round(time.perf_counter() - t0, 3)
        return report

    # ----- event queries

    def event_filter(self, q: EventQuery) -> list[Any]:
        """SQL conditions selecting the events that match ``q`` (shared with the API)."""
        e = S.events.c
        conds: list[Any] = []
        if q.date_from is not None:
            conds.append(e.day >= day_ordinal(_iso(q.date_from)))
        if q.date_to is not None:
            conds.append(e.day <= day_ordinal(_iso(q.date_to)))
        if q.country:
            conds.append(e.country_code == q.country.upper())
        if q.bbox:
            min_lon, min_lat, max_lon, max_lat = q.bbox
            conds += [e.lat.between(min_lat, max_lat), e.lon.between(min_lon, max_lon)]
        if q.event_type:
            conds.append(func.lower(e.event_type) == q.event_type.lower())
        if q.sub_event_type:
            conds.append(func.lower(e.sub_event_type) == q.sub_event_type.lower())
        if q.actor:
            conds.append(func.lower(e.actors).contains(q.actor.lower(), autoescape=True))
        if q.place:
            if q.place.isdigit():
                conds.append(e.geonameid == int(q.place))
            else:
                conds.append(func.lower(e.place_name) == q.place.lower())
        if q.min_sources:
            conds.append(e.n_sources >= q.min_sources)
        if q.text:
            conds.append(e.id.in_(self._text_event_ids(q.text)))
        return conds

    def _text_event_ids(self, query: str) -> Any:
        es = S.event_sources.c
        if self.dialect == "sqlite":
            art_ids = (
                text("SELECT article_id FROM articles_fts WHERE articles_fts MATCH :q")
                .bindparams(q=_fts_query(query))
                .columns(article_id=S.articles.c.id.type)
            )
            return select(es.event_id).where(
                es.article_id.in_(select(art_ids.subquery().c.article_id))
            )
        a = S.articles.c
        tsv = func.to_tsvector("simple", func.coalesce(a.title, "") + " " + a.text)
        match = tsv.bool_op("@@")(func.plainto_tsquery("simple", query))
        return select(es.event_id).where(es.article_id.in_(select(a.id).where(match)))

    def query_events(self, query: EventQuery | None = None, **filters: Any) -> list[FusedEvent]:
        """Fused events matching the filters (an :class:`EventQuery` or its fields as
        keywords), newest first, with their sources."""
        q = query or EventQuery(**filters)
        e = S.events.c
        stmt = (
            select(e.data)
            .where(and_(True, *self.event_filter(q)))
            .order_by(e.day.desc(), e.id)
            .offset(q.offset)
        )
        if q.limit is not None:
            stmt = stmt.limit(q.limit)
        with self._read() as conn:
            return [loads(FusedEvent, d) for (d,) in conn.execute(stmt)]

    def count_events(self, query: EventQuery | None = None, **filters: Any) -> int:
        """How many fused events match (ignores limit/offset)."""
        q = query or EventQuery(**filters)
        with self._read() as conn:
            return conn.execute(
                select(func.count()).select_from(S.events).where(and_(True, *self.event_filter(q)))
            ).scalar_one()

    def iter_events(
        self, query: EventQuery | None = None, *, batch: int = 1000
    ) -> Iterator[FusedEvent]:
        """Every matching event (no limit), oldest first, streamed in batches (for exports)."""
        q = query or EventQuery(limit=None)
        e = S.events.c
        last: tuple[int, str] | None = None
        while True:
            stmt = select(e.day, e.id, e.data).where(and_(True, *self.event_filter(q)))
            if last is not None:
                day = -1 if last[0] is None else last[0]
                stmt = stmt.where(
                    or_(
                        func.coalesce(e.day, -1) > day,
                        and_(func.coalesce(e.day, -1) == day, e.id > last[1]),
                    )
                )
            stmt = stmt.order_by(func.coalesce(e.day, -1), e.id).limit(batch)
            with self._read() as conn:
                rows = conn.execute(stmt).all()
            if not rows:
                return
            for _, _, d in rows:
                yield loads(FusedEvent, d)
            last = (rows[-1][0], rows[-1][1])

    def get_event(self, event_id: str) -> EventDetail | None:
        """A fused event with its member records, claims about it and contradictions."""
        with self._read() as conn:
            data = conn.execute(select(S.events.c.data).where(S.events.c.id == event_id)).scalar()
            if data is None:
                return None
            ev = loads(FusedEvent, data)
            ae = S.article_events.c
            records = tuple(
                loads(EventRecord, d)
                for (d,) in conn.execute(
                    select(ae.data).where(ae.fused_id == event_id).order_by(ae.key)
                )
            )
            arts = sorted({r.article_id for r in records})
            members = set(ev.members)
            claims = tuple(
                c
                for c in (
                    loads(ClaimRecord, d)
                    for (d,) in conn.execute(
                        select(S.claims.c.data)
                        .where(S.claims.c.article_id.in_(arts))
                        .order_by(S.claims.c.key)
                    )
                )
                if members.intersection(c.about_events)
            )
            cons = tuple(
                loads(ContradictionRecord, d)
                for (d,) in conn.execute(
                    select(S.contradictions.c.data)
                    .where(S.contradictions.c.event_id == event_id)
                    .order_by(S.contradictions.c.id)
                )
            )
        return EventDetail(event=ev, records=records, claims=claims, contradictions=cons)

    def events_of_article(self, article_id: str) -> list[FusedEvent]:
        """The fused events an article contributes to."""
        es, e = S.event_sources.c, S.events.c
        with self._read() as conn:
            rows = conn.execute(
                select(e.data)
                .where(e.id.in_(select(es.event_id).where(es.article_id == article_id)))
                .order_by(e.id)
            ).all()
        return [loads(FusedEvent, d) for (d,) in rows]

    # ----- control

    def _intervals(self, conds: list[Any]) -> list[ControlInterval]:
        ci = S.control_intervals.c
        with self._read() as conn:
            rows = conn.execute(
                select(ci.data)
                .where(and_(True, *conds))
                .order_by(ci.place_name, ci.place_key, ci.id)
            ).all()
        return [loads(ControlInterval, d) for (d,) in rows]

    def _place_cond(self, place: str) -> Any:
        ci = S.control_intervals.c
        if place.isdigit():
            return ci.geonameid == int(place)
        return or_(func.lower(ci.place_name) == place.lower(), ci.place_key == place)

    def control_at(
        self, day: str | date, place: str | None = None, country: str | None = None
    ) -> list[ControlInterval]:
        """Who held each place on ``day`` (one interval per place), optionally one place
        (name, geonameid or place key) or one country."""
        d = day_ordinal(_iso(day))
        if d is None:
            raise StoreError(f"bad date {day!r}", hint="give the date as YYYY-MM-DD")
        ci = S.control_intervals.c
        conds: list[Any] = [
            or_(ci.since_day.is_(None), ci.since_day <= d),
            or_(ci.until_day.is_(None), ci.until_day > d),
        ]
        if place:
            conds.append(self._place_cond(place))
        if country:
            conds.append(ci.country_code == country.upper())
        return self._intervals(conds)

    def control_timeline(self, place: str) -> list[ControlInterval]:
        """Every interval of one place (name, geonameid or place key), oldest first."""
        ivs = self._intervals([self._place_cond(place)])
        return sorted(
            ivs, key=lambda iv: (iv.place.key, day_ordinal(iv.since) or 0, not iv.inferred)
        )

    def control_changes(
        self, day_from: str | date, day_to: str | date, country: str | None = None
    ) -> list[ControlInterval]:
        """Intervals that start within ``[day_from, day_to]`` (changes of control)."""
        ci = S.control_intervals.c
        conds: list[Any] = [
            ci.since_day.between(day_ordinal(_iso(day_from)), day_ordinal(_iso(day_to)))
        ]
        if country:
            conds.append(ci.country_code == country.upper())
        return self._intervals(conds)

    # ----- actors, claims, contradictions

    def list_actors(self, *, country: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """Actors of fused events with how many events name them (most frequent first)."""
        e = S.events.c
        stmt = select(e.data)
        if country:
            stmt = stmt.where(e.country_code == country.upper())
        counts: dict[str, dict[str, Any]] = {}
        with self._read() as conn:
            for (d,) in conn.execute(stmt):
                ev = loads(FusedEvent, d)
                for a in (ev.actor1, ev.actor2, *ev.assoc_actors):
                    if a is None:
                        continue
                    row = counts.setdefault(
                        a.norm,
                        {"name": a.name, "kind": a.kind, "wikidata": a.wikidata, "events": 0},
                    )
                    row["events"] += 1
        return sorted(counts.values(), key=lambda r: (-r["events"], r["name"]))[:limit]

    def list_claims(
        self,
        *,
        event_id: str | None = None,
        text: str | None = None,
        speaker: str | None = None,
        limit: int = 100,
    ) -> list[ClaimRecord]:
        """Claims, optionally about one fused event, matching a text or a speaker."""
        c = S.claims.c
        conds: list[Any] = []
        if event_id:
            detail = self.get_event(event_id)
            return list(detail.claims[:limit]) if detail else []
        if speaker:
            conds.append(
                or_(
                    func.lower(c.speaker).contains(speaker.lower(), autoescape=True),
                    func.lower(c.speaker_actor).contains(speaker.lower(), autoescape=True),
                )
            )
        if text:
            if self.dialect == "sqlite":
                sub = text_clause_claims(text)
                conds.append(c.key.in_(sub))
            else:
                tsv = func.to_tsvector("simple", func.coalesce(c.speaker, "") + " " + c.content)
                conds.append(tsv.bool_op("@@")(func.plainto_tsquery("simple", text)))
        with self._read() as conn:
            rows = conn.execute(
                select(c.data).where(and_(True, *conds)).order_by(c.key).limit(limit)
            ).all()
        return [loads(ClaimRecord, d) for (d,) in rows]

    def list_contradictions(
        self, *, event_id: str | None = None, country: str | None = None, limit: int = 100
    ) -> list[ContradictionRecord]:
        """Contradictions linked to fused events (optionally one event or one country)."""
        x, e = S.contradictions.c, S.events.c
        stmt = select(x.data)
        if event_id:
            stmt = stmt.where(x.event_id == event_id)
        if country:
            stmt = stmt.where(x.event_id.in_(select(e.id).where(e.country_code == country.upper())))
        with self._read() as conn:
            rows = conn.execute(stmt.order_by(x.id).limit(limit)).all()
        return [loads(ContradictionRecord, d) for (d,) in rows]

    # ----- reports and exports

    def sitrep(self, day: str | date, country: str | None = None) -> str:
        """A daily situation report in Markdown (see :func:`wirewatch.export.sitrep.sitrep`)."""
        from wirewatch.export.sitrep import sitrep

        return sitrep(self, _iso(day) or "", country)

    def export_acled_csv(self, out: Any, query: EventQuery | None = None) -> int:
        """Write fused events as ACLED-compatible CSV; returns the row count."""
        from wirewatch.export.acled import write_acled_csv

        return write_acled_csv(self.iter_events(query), out)

    def export_plover_jsonl(self, out: Any, query: EventQuery | None = None) -> int:
        """Write fused events as PLOVER JSON Lines; returns the line count."""
        from wirewatch.export.plover import write_plover_jsonl

        return write_plover_jsonl(self.iter_events(query), out)

    def export_geojson(
        self, out: Any, query: EventQuery | None = None, *, control_day: str | date | None = None
    ) -> int:
        """Write events (or, with ``control_day``, control points on that day) as GeoJSON."""
        from wirewatch.export.geojson import write_control_geojson, write_events_geojson

        if control_day is not None:
            return write_control_geojson(self.control_at(control_day), out)
        return write_events_geojson(self.iter_events(query), out)

    def export_parquet(self, path: str | Path, query: EventQuery | None = None) -> int:
        """Write fused events as a Parquet file (pyarrow); returns the row count."""
        from wirewatch.export.parquet import write_parquet

        return write_parquet(self.iter_events(query), path)

    # ----- status

    def stats(self) -> dict[str, Any]:
        """Counts per table, schema version and backend."""
        out: dict[str, Any] = {
            "backend": self.dialect,
            "url": _safe(self.url),
            "schema_version": self.schema_version,
        }
        tables = {
            "articles": S.articles,
            "article_events": S.article_events,
            "events": S.events,
            "claims": S.claims,
            "contradictions": S.contradictions,
            "control_assertions": S.control_assertions,
            "control_intervals": S.control_intervals,
        }
        with self._read() as conn:
            for name, table in tables.items():
                out[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
            span = conn.execute(select(func.min(S.events.c.date), func.max(S.events.c.date))).one()
        out["first_event"], out["last_event"] = span
        if self.path is not None and self.path.exists():
            out["file_bytes"] = self.path.stat().st_size
        return out

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table except timestamps, sorted (to compare two stores)."""
        out: dict[str, list[tuple[Any, ...]]] = {}
        with self._read() as conn:
            for table in S.metadata.sorted_tables:
                cols = [c for c in table.c if c.name != "ingested_at"]
                rows = conn.execute(select(*cols)).all()
                out[table.name] = sorted((tuple(r) for r in rows), key=repr)
        return out


def text_clause_claims(query: str) -> Any:
    """Claim keys matching a full-text query (SQLite FTS5)."""
    keys = (
        text("SELECT claim_key FROM claims_fts WHERE claims_fts MATCH :q")
        .bindparams(q=_fts_query(query))
        .columns(claim_key=S.claims.c.key.type)
        .subquery()
    )
    return select(keys.c.claim_key)


def _fts_query(query: str) -> str:
    # Quote every word: user text must never be parsed as FTS5 syntax (AND/NEAR/column:).
    words = [w.replace('"', "") for w in query.split()]
    return " ".join(f'"{w}"' for w in words if w) or '""'


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _event_row(e: FusedEvent) -> dict[str, Any]:
    names = [a.name for a in (e.actor1, e.actor2, *e.assoc_actors) if a is not None]
    p = e.place
    return {
        "id": e.id,
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "disorder_type": e.disorder_type,
        "plover_type": e.plover_type,
        "actor1": e.actor1.name if e.actor1 else None,
        "actor2": e.actor2.name if e.actor2 else None,
        "actors": "|".join(names),
        "place_name": p.name if p else None,
        "geonameid": p.geonameid if p else None,
        "country_code": p.country_code if p else None,
        "admin1": p.admin1 if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "date": e.date,
        "day": day_ordinal(e.date),
        "time_precision": e.time_precision,
        "fat_best": e.fatalities.best,
        "fat_acled": e.fatalities.acled,
        "n_sources": e.n_sources,
        "data": dumps(e),
    }


def _interval_row(place_key: str, i: int, iv: ControlInterval) -> dict[str, Any]:
    return {
        "id": f"{place_key}/{i}",
        "place_key": place_key,
        "place_name": iv.place.name,
        "geonameid": iv.place.geonameid,
        "country_code": iv.place.country_code,
        "holder": iv.holder,
        "since_day": day_ordinal(iv.since),
        "until_day": day_ordinal(iv.until),
        "status": iv.status,
        "data": dumps(iv),
    }


__all__ = [
    "AddResult",
    "EventDetail",
    "EventQuery",
    "FuseReport",
    "Store",
    "StoredArticle",
    "json",
    "open_store",
    "resolve_url",
]
