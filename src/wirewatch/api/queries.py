"""Thin read queries the store does not offer, over its engine and tables.

The map needs thousands of events at once, and only the columns a marker uses: reading the
indexed columns of ``events`` directly avoids decoding every event's full JSON (sources,
actors). The filters are the store's own (:meth:`Store.event_filter`), so the map and
``/api/events`` always agree on what a filter means.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, and_, case, cast, func, not_, select, text

from wirewatch.store import schema as S

# The stored event JSON is compact with sorted keys (wirewatch.store.serde.dumps), and a
# quote inside a string value is escaped, so this text occurs only as the event's own flag.
_HISTORICAL_JSON = '%"historical":true%'


def historical_flag() -> Any:
    """SQL truth of a fused event's ``historical`` flag. The flag is only in the stored JSON
    (no indexed column): a substring test costs far less than parsing the JSON of each row."""
    return S.events.c.data.like(_HISTORICAL_JSON)


def event_conditions(store: Any, query: Any, historical: bool | None = None) -> list[Any]:
    """The store's filter conditions for ``query``, plus the ``historical`` filter (None: all)."""
    conds = list(store.event_filter(query))
    if historical is not None:
        conds.append(historical_flag() if historical else not_(historical_flag()))
    return conds


def count_events(store: Any, query: Any, *, historical: bool | None = None) -> int:
    """How many events match ``query`` and the ``historical`` filter."""
    if historical is None:
        return int(store.count_events(query))
    stmt = select(func.count()).select_from(S.events)
    with store.engine.connect() as conn:
        where = and_(True, *event_conditions(store, query, historical))
        return int(conn.execute(stmt.where(where)).scalar_one())


def _category(store: Any) -> Any:
    """SQL of an event's ``category``, read from its JSON only for uncoded events (the only
    ones whose marker needs it): CASE skips the JSON parse for every coded event."""
    e = S.events.c
    if store.dialect == "sqlite":
        value: Any = func.json_extract(e.data, "$.category")
    else:
        value = func.json_extract_path_text(cast(e.data, JSON), "category")
    return case((and_(e.event_type.is_(None), e.plover_type.is_(None)), value), else_=None)


def map_rows(
    store: Any, query: Any, limit: int, *, historical: bool | None = None
) -> tuple[list[list[Any]], bool]:
    """Compact rows for map markers (newest first, columns :data:`MAP_COLUMNS`), and whether
    more matched than ``limit``."""
    e = S.events.c
    stmt = (
        select(
            e.id,
            e.date,
            e.lat,
            e.lon,
            e.event_type,
            e.sub_event_type,
            e.plover_type,
            e.place_name,
            e.country_code,
            e.actor1,
            e.actor2,
            e.fat_acled,
            e.fat_best,
            e.n_sources,
            _category(store),
            historical_flag(),
        )
        .where(and_(True, *event_conditions(store, query, historical)))
        .order_by(e.day.desc(), e.id)
        .limit(limit + 1)
    )
    rows = _raw_rows(store, stmt)
    # columns: id, date, lat, lon, type, sub-type, plover, place, cc, actor1, actor2,
    # fat_acled, fat_best, n_sources, category, historical → the map's fatalities prefer the
    # best estimate.
    items = [
        [*r[:11], r[12] if r[12] is not None else r[11], r[13], r[14], bool(r[15])]
        for r in rows[:limit]
    ]
    return items, len(rows) > limit


def _raw_rows(store: Any, stmt: Any) -> list[tuple[Any, ...]]:
    """Run a SELECT on the driver's cursor: SQLAlchemy's row objects cost ~14 µs a row,
    three times the query itself for the map's 10,000 rows. The SQL and its parameters are
    still compiled by SQLAlchemy for the store's dialect."""
    with store.engine.connect() as conn:
        compiled = stmt.compile(dialect=conn.dialect)
        params = compiled.construct_params()
        args: Any = (
            tuple(params[name] for name in compiled.positiontup or ())
            if compiled.positional
            else params
        )
        cursor = conn.connection.driver_connection.cursor()
        try:
            cursor.execute(str(compiled), args)
            return [tuple(r) for r in cursor.fetchall()]
        finally:
            cursor.close()


#: Column names of :func:`map_rows` rows (the map endpoint sends rows as arrays: half the bytes).
MAP_COLUMNS = (
    "id",
    "date",
    "lat",
    "lon",
    "event_type",
    "sub_event_type",
    "plover_type",
    "place",
    "country_code",
    "actor1",
    "actor2",
    "fatalities",
    "sources",
    "category",
    "historical",
)


def list_actors(store: Any, *, country: str | None, limit: int) -> list[dict[str, Any]]:
    """Actor names of events (actor 1 or 2) with their event counts, most frequent first.

    Reads the indexed name columns instead of decoding every event (the store's
    ``list_actors`` does that, which takes seconds on large stores).
    """
    e = S.events.c
    counts: dict[str, int] = {}
    with store.engine.connect() as conn:
        for col in (e.actor1, e.actor2):
            stmt = select(col, func.count()).where(col.is_not(None))
            if country:
                stmt = stmt.where(e.country_code == country.upper())
            for name, n in conn.execute(stmt.group_by(col)):
                counts[name] = counts.get(name, 0) + n
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [{"id": name, "name": name, "events": n} for name, n in rows]


def event_page(store: Any, query: Any, *, historical: bool | None = None) -> list[dict[str, Any]]:
    """One page of events as plain data (newest first), decoded straight from the stored
    JSON: the same rows and order as :meth:`Store.query_events`, about ten times faster.
    ``historical`` keeps only background events (True) or only the others (False)."""
    import json

    e = S.events.c
    stmt = (
        select(e.data)
        .where(and_(True, *event_conditions(store, query, historical)))
        .order_by(e.day.desc(), e.id)
        .offset(query.offset)
    )
    if query.limit is not None:
        stmt = stmt.limit(query.limit)
    try:
        import orjson

        decode: Any = orjson.loads
    except ImportError:
        decode = json.loads
    return [decode(d) for (d,) in _raw_rows(store, stmt)]


def _distinct(conn: Any, table: str, column: str) -> list[Any]:
    """Distinct non-null values of an indexed leading column by a loose index scan: one index
    seek per value instead of reading a million rows (SQLite and PostgreSQL alike)."""
    # table/column are names of this module's schema, never user input.
    sql = text(
        f"WITH RECURSIVE v(x) AS ("
        f" SELECT MIN({column}) FROM {table}"
        f" UNION ALL SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > v.x)"
        f" FROM v WHERE v.x IS NOT NULL)"
        f" SELECT x FROM v WHERE x IS NOT NULL"
    )
    return [r[0] for r in conn.execute(sql)]


def overview(store: Any) -> dict[str, Any]:
    """Date range, countries and event types present (for the page's controls).

    Every part reads an index (day, country and type indexes): milliseconds on a
    million-event store, where plain DISTINCT and MIN(date) scans take seconds.
    """
    e = S.events.c
    ci = S.control_intervals.c
    with store.engine.connect() as conn:
        first, last = conn.execute(select(func.min(e.day), func.max(e.day))).one()
        c_first, c_last = conn.execute(select(func.min(ci.since_day), func.max(ci.since_day))).one()
        countries = _distinct(conn, "events", "country_code")
        ctl_countries = _distinct(conn, "control_intervals", "country_code")
        types = _distinct(conn, "events", "event_type")
    return {
        "first_event": date.fromordinal(first).isoformat() if first else None,
        "last_event": date.fromordinal(last).isoformat() if last else None,
        "first_change_day": c_first,
        "last_change_day": c_last,
        "countries": sorted(set(countries) | set(ctl_countries)),
        "event_types": sorted(types),
    }


def list_places(
    store: Any, *, country: str | None, name: str | None, limit: int, offset: int
) -> list[dict[str, Any]]:
    """Places named by events or control intervals, with their event counts."""
    e = S.events.c
    stmt = select(
        e.place_name,
        e.geonameid,
        e.country_code,
        e.admin1,
        func.min(e.lat).label("lat"),
        func.min(e.lon).label("lon"),
        func.count().label("events"),
    ).where(e.place_name.is_not(None))
    if country:
        stmt = stmt.where(e.country_code == country.upper())
    if name:
        stmt = stmt.where(func.lower(e.place_name).contains(name.lower(), autoescape=True))
    stmt = (
        stmt.group_by(e.place_name, e.geonameid, e.country_code, e.admin1)
        .order_by(func.count().desc(), e.place_name)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [
        {
            "name": r.place_name,
            "geonameid": r.geonameid,
            "country_code": r.country_code,
            "admin1": r.admin1,
            "lat": r.lat,
            "lon": r.lon,
            "events": r.events,
            "key": f"gn:{r.geonameid}"
            if r.geonameid is not None
            else f"name:{(r.country_code or '').upper()}:{(r.place_name or '').casefold()}",
        }
        for r in rows
    ]


def event_facilities(store: Any, detail: Any) -> dict[str, str]:
    """Event key → facility, for the reports of one fused event that took or left a
    facility near its place ("an army base near X"): the control entries of the source
    articles' extractions say so (facility entries never enter the store's timelines)."""
    out: dict[str, str] = {}
    wanted: dict[str, set[str]] = {}
    for r in detail.records:
        wanted.setdefault(r.article_id, set()).add(r.local_id)
    for aid, local_ids in sorted(wanted.items()):
        art = store.get_article(aid)
        if art is None:
            continue
        for ctl in art.extraction.control:
            if ctl.facility and ctl.event in local_ids:
                out[f"{aid}#{ctl.event}"] = ctl.facility
    return out
