"""The REST API and web map: :func:`create_app` builds a FastAPI app over one store.

Read endpoints are open; write endpoints (``POST /api/articles``) need the server's token.
Every answer carries a strict content security policy; every error has one JSON shape
(:mod:`wirewatch.api.errors`). The web page is static (``wirewatch/web/static``) and reads
everything through this API, inserting article text only as text.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from wirewatch import __version__
from wirewatch.api import queries
from wirewatch.api.errors import ApiError, bad_param, install_error_handlers, not_found
from wirewatch.api.security import SecurityHeaders, content_security_policy, require_token
from wirewatch.api.settings import ApiSettings
from wirewatch.api.views import (
    claim_view,
    contradiction_view,
    event_detail_view,
    event_view,
    interval_view,
)
from wirewatch.model import Extraction
from wirewatch.web.build import assets_status, static_dir

#: An ingest function: (kind "text"/"html"/"url", payload, metadata) → Extraction.
IngestFn = Callable[[str, str, dict[str, Any]], Extraction]

ACLED_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_COUNTRY = r"^[A-Za-z]{2}$"
_INLINE_OFFSET = 1000  # deeper pages skip many rows: run them off the event loop
_META_TTL = 5.0
_ACTORS_TTL = 60.0  # seconds the page overview is cached (distinct scans on big stores)


def _date(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise bad_param(name, f"{value!r} is not a valid date", hint="use YYYY-MM-DD") from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    hint = "give min_lon,min_lat,max_lon,max_lat in degrees, e.g. 35.5,34.5,38.5,36.8"
    parts = value.split(",")
    if len(parts) != 4:
        raise bad_param("bbox", "needs four comma-separated numbers", hint=hint)
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise bad_param("bbox", "needs four comma-separated numbers", hint=hint) from None
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise bad_param("bbox", "longitudes must lie within [-180, 180]", hint=hint)
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise bad_param("bbox", "latitudes must lie within [-90, 90]", hint=hint)
    if min_lon > max_lon or min_lat > max_lat:
        raise bad_param("bbox", "minimum greater than maximum", hint=hint)
    return (min_lon, min_lat, max_lon, max_lat)


class EventFilters:
    """The filters shared by ``/api/events``, ``/api/map`` and the exports (validated)."""

    def __init__(
        self,
        *,
        start: str | None = None,
        end: str | None = None,
        bbox: str | None = None,
        country: str | None = None,
        type: str | None = None,  # noqa: A002 - the public parameter name
        sub_type: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        q: str | None = None,
        historical: bool | None = None,
    ) -> None:
        self.start = _date("start", start)
        self.end = _date("end", end)
        if self.start and self.end and self.start > self.end:
            raise bad_param("start", "start is after end")
        self.bbox = _bbox(bbox)
        self.country = country.upper() if country else None
        self.type = type or None
        self.sub_type = sub_type or None
        self.actor = actor or None
        self.place = place or None
        self.q = q.strip() if q and q.strip() else None
        # None: every event; True/False: only background events / only news
        self.historical = historical

    @property
    def indexed(self) -> bool:
        """True when an index bounds the query (country with dates, or a box) and no text
        search is asked: such pages answer in about a millisecond."""
        return self.q is None and (
            (self.country is not None and self.start is not None and self.end is not None)
            or self.bbox is not None
        )

    def query(self, *, limit: int | None, offset: int = 0) -> Any:
        """The store's :class:`EventQuery` for these filters."""
        from wirewatch.store import EventQuery

        return EventQuery(
            date_from=self.start,
            date_to=self.end,
            country=self.country,
            bbox=self.bbox,
            event_type=self.type,
            sub_event_type=self.sub_type,
            actor=self.actor,
            place=self.place,
            text=self.q,
            limit=limit,
            offset=offset,
        )


async def event_filters(
    start: Annotated[
        str | None, Query(description="First day (YYYY-MM-DD), inclusive.", max_length=10)
    ] = None,
    end: Annotated[
        str | None, Query(description="Last day (YYYY-MM-DD), inclusive.", max_length=10)
    ] = None,
    bbox: Annotated[
        str | None,
        Query(description="min_lon,min_lat,max_lon,max_lat", max_length=100),
    ] = None,
    country: Annotated[
        str | None, Query(description="ISO 3166-1 alpha-2 code.", pattern=_COUNTRY)
    ] = None,
    type: Annotated[  # noqa: A002 - the public parameter name
        str | None, Query(description="ACLED event type.", max_length=100)
    ] = None,
    sub_type: Annotated[
        str | None, Query(description="ACLED sub-event type.", max_length=100)
    ] = None,
    actor: Annotated[
        str | None, Query(description="Part of an actor's name.", max_length=200)
    ] = None,
    place: Annotated[
        str | None, Query(description="Place name or GeoNames id.", max_length=200)
    ] = None,
    q: Annotated[
        str | None, Query(description="Words in the source articles.", max_length=500)
    ] = None,
    historical: Annotated[
        bool | None,
        Query(
            description="true: only events every source tells as background from an earlier "
            "year; false: only the others. Default: all (each event says 'historical')."
        ),
    ] = None,
) -> EventFilters:
    """The event filters of a request (async, so FastAPI runs it without a thread hop)."""
    return EventFilters(
        start=start,
        end=end,
        bbox=bbox,
        country=country,
        type=type,
        sub_type=sub_type,
        actor=actor,
        place=place,
        q=q,
        historical=historical,
    )


def _page(request: Request, limit: int | None, offset: int) -> tuple[int, int]:
    settings: ApiSettings = request.app.state.settings
    if limit is None:
        limit = settings.default_page_size
    if limit < 1 or limit > settings.max_page_size:
        raise bad_param(
            "limit",
            f"must be between 1 and {settings.max_page_size}",
            hint="page through results with offset",
        )
    if offset < 0 or offset > settings.max_offset:
        raise bad_param(
            "offset", f"must be between 0 and {settings.max_offset}", hint="narrow the filters"
        )
    return limit, offset


Limit = Annotated[int | None, Query(description="Items per page (see /api/meta for the max).")]
Offset = Annotated[int, Query(description="Items to skip.")]


def create_app(
    store: Any,
    settings: ApiSettings | None = None,
    *,
    ingest: IngestFn | None = None,
) -> FastAPI:
    """Build the API and web app over an open store.

    ``ingest`` turns a posted article into an :class:`Extraction` (default: the default
    pipeline, loaded on first use; URLs are fetched by the ingest module when available).
    """
    settings = settings or ApiSettings()
    app = FastAPI(
        title="wirewatch",
        version=__version__,
        description="Sourced, geolocated, time-resolved conflict events and territorial "
        "control, with the sentences and sources behind every figure.",
        docs_url=None,  # Swagger UI loads scripts from a CDN: not offline, not under our CSP
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.settings = settings
    app.state.ingest = ingest
    app.state.write_lock = threading.Lock()
    app.state.meta_cache = (0.0, None)
    app.state.actor_cache = {}
    install_error_handlers(app)
    # Level 5: the map payload (2 MB of JSON for 10,000 events) compresses in ~30 ms instead
    # of ~200 ms at the default level 9, for a few per cent more bytes.
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings.tile_url))

    static = static_dir()

    @app.get("/static/vendor/countries.geojson", include_in_schema=False)
    def outlines(request: Request) -> Response:
        # Served pre-compressed (built by 'wirewatch web build'): gzip on the fly costs
        # more than half a second for the 1.5 MB file on every page load.
        plain = static / "vendor" / "countries.geojson"
        packed = plain.with_name(plain.name + ".gz")
        headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
        if packed.is_file() and "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return FileResponse(packed, media_type="application/geo+json", headers=headers)
        if not plain.is_file():
            raise not_found("asset", "countries.geojson")
        return FileResponse(plain, media_type="application/geo+json", headers=headers)

    app.mount("/static", StaticFiles(directory=static, check_dir=False), name="static")

    # ------------------------------------------------------------------ pages

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/sitrep", include_in_schema=False)
    def sitrep_page() -> FileResponse:
        return FileResponse(static / "sitrep.html", headers={"Cache-Control": "no-cache"})

    # ------------------------------------------------------------------ status

    @app.get("/api/health", tags=["status"])
    def health() -> dict[str, Any]:
        """Liveness and store status (503 in the error shape when the store fails).

        Cheap on any store size: the schema version only (counting rows of a million-event
        table takes seconds); ``/api/stats`` has the counts.
        """
        return {
            "status": "ok",
            "version": __version__,
            "store": {"backend": store.dialect, "schema_version": store.schema_version},
            "write_enabled": bool(settings.token),
        }

    @app.get("/api/stats", tags=["status"])
    def stats() -> dict[str, Any]:
        """Row counts per table and the event date span (slow on very large stores)."""
        data = store.stats()
        data.pop("url", None)  # never show the database URL (it may hold a password)
        return dict(data)

    @app.get("/api/meta", tags=["status"])
    def meta() -> dict[str, Any]:
        """What the web page needs: date range, countries, types, limits, tiles, assets."""
        stamp, cached = app.state.meta_cache
        if cached is None or time.monotonic() - stamp > _META_TTL:
            cached = queries.overview(store)
            app.state.meta_cache = (time.monotonic(), cached)
        first, last = cached["first_event"], cached["last_event"]
        for day in (cached["first_change_day"], cached["last_change_day"]):
            if day is not None:
                iso = date.fromordinal(day).isoformat()
                first = min(first, iso) if first else iso
                last = max(last, iso) if last else iso
        types = list(ACLED_TYPES) + [t for t in cached["event_types"] if t not in ACLED_TYPES]
        return {
            "version": __version__,
            "min_date": first,
            "max_date": last,
            "countries": [{"code": c} for c in cached["countries"]],
            "event_types": types,
            "tile_url": settings.tile_url,
            "tile_attribution": settings.tile_attribution,
            "assets": assets_status(),
            "write_enabled": bool(settings.token),
            "limits": {
                "max_page_size": settings.max_page_size,
                "default_page_size": settings.default_page_size,
                "max_offset": settings.max_offset,
                "map_limit": settings.map_limit,
                "export_limit": settings.export_limit,
            },
        }

    # ------------------------------------------------------------------ events

    @app.get("/api/events", tags=["events"])
    async def list_events(
        request: Request,
        filters: Annotated[EventFilters, Depends(event_filters)],
        limit: Limit = None,
        offset: Offset = 0,
    ) -> Response:
        """Fused events matching the filters, newest first, paginated."""
        limit, offset = _page(request, limit, offset)
        query = filters.query(limit=limit + 1, offset=offset)
        if filters.indexed and offset <= _INLINE_OFFSET:
            # A country/date/bbox page is an index range of ~1 ms: answering on the event
            # loop saves a thread hop that costs more than the query on a busy machine.
            events = queries.event_page(store, query, historical=filters.historical)
        else:  # text search or an unbounded scan may take long: keep the loop free
            events = await run_in_threadpool(
                queries.event_page, store, query, historical=filters.historical
            )
        more = len(events) > limit
        return _json(
            {
                "items": [event_view(e) for e in events[:limit]],
                "limit": limit,
                "offset": offset,
                "next_offset": offset + limit if more else None,
            }
        )

    @app.get("/api/events/count", tags=["events"])
    def count_events(filters: Annotated[EventFilters, Depends(event_filters)]) -> dict[str, int]:
        """How many events match the filters."""
        return {
            "count": queries.count_events(
                store, filters.query(limit=None), historical=filters.historical
            )
        }

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(
        event_id: Annotated[str, Path(max_length=200)],
    ) -> dict[str, Any]:
        """One event with its evidence spans per source article, claims and contradictions."""
        detail = store.get_event(event_id)
        if detail is None:
            raise not_found("event", event_id)
        return event_detail_view(detail, facilities=queries.event_facilities(store, detail))

    @app.get("/api/map", tags=["events"])
    def map_events(filters: Annotated[EventFilters, Depends(event_filters)]) -> Response:
        """Compact marker rows for the map (up to the map limit; ``truncated`` says if more)."""
        items, truncated = queries.map_rows(
            store, filters.query(limit=None), settings.map_limit, historical=filters.historical
        )
        return _json({"columns": queries.MAP_COLUMNS, "rows": items, "truncated": truncated})

    # ------------------------------------------------------------------ places and control

    @app.get("/api/places", tags=["places"])
    def list_places(
        request: Request,
        country: Annotated[str | None, Query(pattern=_COUNTRY)] = None,
        name: Annotated[str | None, Query(max_length=200)] = None,
        limit: Limit = None,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Places named by events, most eventful first."""
        limit, offset = _page(request, limit, offset)
        items = queries.list_places(store, country=country, name=name, limit=limit, offset=offset)
        return {"items": items, "limit": limit, "offset": offset}

    @app.get("/api/places/{place}/control", tags=["places"])
    def place_control(place: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        """The control timeline of one place (name, GeoNames id or place key), oldest first."""
        intervals = store.control_timeline(place)
        if not intervals:
            raise not_found("control timeline for place", place)
        return {"place": place, "intervals": [interval_view(iv) for iv in intervals]}

    @app.get("/api/control", tags=["places"])
    def control(
        date_: Annotated[
            str, Query(alias="date", description="The day (YYYY-MM-DD).", max_length=10)
        ],
        country: Annotated[str | None, Query(pattern=_COUNTRY)] = None,
        place: Annotated[str | None, Query(max_length=200)] = None,
    ) -> dict[str, Any]:
        """Who held each place on a date."""
        day = _date("date", date_)
        intervals = store.control_at(day, place=place, country=country)
        return {"date": day, "items": [interval_view(iv) for iv in intervals]}

    # ------------------------------------------------------------------ actors, claims

    @app.get("/api/actors", tags=["actors"])
    def actors(
        request: Request,
        country: Annotated[str | None, Query(pattern=_COUNTRY)] = None,
        limit: Limit = None,
    ) -> dict[str, Any]:
        """Actors of events with their event counts, most frequent first."""
        limit, _ = _page(request, limit, 0)
        # Grouping every event by actor takes seconds on a million events: cache a while
        # (an ingest through this server clears the cache).
        key = (country.upper() if country else None, limit)
        stamp, rows = app.state.actor_cache.get(key, (0.0, None))
        if rows is None or time.monotonic() - stamp > _ACTORS_TTL:
            rows = queries.list_actors(store, country=country, limit=limit)
            app.state.actor_cache[key] = (time.monotonic(), rows)
        return {"items": rows, "limit": limit}

    @app.get("/api/claims", tags=["claims"])
    def claims(
        request: Request,
        event: Annotated[str | None, Query(max_length=200)] = None,
        q: Annotated[str | None, Query(max_length=500)] = None,
        speaker: Annotated[str | None, Query(max_length=200)] = None,
        limit: Limit = None,
    ) -> dict[str, Any]:
        """Claims (quotes and reported speech), by event, words or speaker."""
        limit, _ = _page(request, limit, 0)
        rows = store.list_claims(event_id=event, text=q or None, speaker=speaker, limit=limit)
        return {"items": [claim_view(c) for c in rows], "limit": limit}

    @app.get("/api/contradictions", tags=["claims"])
    def contradictions(
        request: Request,
        event: Annotated[str | None, Query(max_length=200)] = None,
        country: Annotated[str | None, Query(pattern=_COUNTRY)] = None,
        limit: Limit = None,
    ) -> dict[str, Any]:
        """Contradicting claims or figures linked to events."""
        limit, _ = _page(request, limit, 0)
        rows = store.list_contradictions(event_id=event, country=country, limit=limit)
        return {"items": [contradiction_view(x) for x in rows], "limit": limit}

    # ------------------------------------------------------------------ articles

    @app.get("/api/articles", tags=["articles"])
    def articles(request: Request, limit: Limit = None, offset: Offset = 0) -> dict[str, Any]:
        """Stored articles (metadata, no text), newest first."""
        limit, offset = _page(request, limit, offset)
        rows = store.list_articles(limit=limit, offset=offset)
        return {"items": rows, "limit": limit, "offset": offset}

    @app.get("/api/articles/{article_id:path}", tags=["articles"])
    def article(
        article_id: Annotated[str, Path(max_length=2000)],
        extraction: Annotated[bool, Query(description="Include the full Extraction.")] = False,
    ) -> dict[str, Any]:
        """One article with its cleaned text (every span indexes into it)."""
        found = store.get_article(article_id)
        if found is None:
            raise not_found("article", article_id)
        x: Extraction = found.extraction
        out: dict[str, Any] = {
            "id": found.id,
            "url": found.url,
            "ext_id": found.ext_id,
            "title": found.title,
            "outlet": found.outlet,
            "published": found.published,
            "source": found.source,
            "text": x.article.text,
            "warnings": [{"code": w.code, "message": w.message} for w in x.warnings],
        }
        if extraction:
            out["extraction"] = x.to_dict()
        return out

    @app.post(
        "/api/articles",
        tags=["articles"],
        status_code=201,
        dependencies=[Depends(require_token)],
        responses={401: {"description": "no token"}, 403: {"description": "wrong token"}},
    )
    async def post_article(request: Request) -> JSONResponse:
        """Ingest one article: JSON with exactly one of ``text``, ``html`` or ``url`` and
        optional ``published``, ``title``, ``outlet``, ``id`` (and ``url`` beside text/html
        as metadata). Needs ``Authorization: Bearer <token>``."""
        payload = await _read_json(request, settings.max_body_bytes)
        kind, body, metadata = _article_input(payload)
        result = await run_in_threadpool(_ingest, app, kind, body, metadata)
        return JSONResponse(result, status_code=201 if result["status"] == "new" else 200)

    # ------------------------------------------------------------------ sitrep, exports

    @app.get("/api/sitrep", tags=["reports"], response_model=None)
    def sitrep(
        date_: Annotated[str, Query(alias="date", max_length=10)],
        country: Annotated[str | None, Query(pattern=_COUNTRY)] = None,
        format: Annotated[str, Query(pattern="^(json|markdown)$")] = "json",  # noqa: A002
    ) -> Any:
        """The daily situation report (Markdown), as JSON or ``text/markdown``."""
        day = _date("date", date_)
        text = store.sitrep(day, country.upper() if country else None)
        if format == "markdown":
            return Response(text, media_type="text/markdown; charset=utf-8")
        return {"date": day, "country": country.upper() if country else None, "markdown": text}

    _EXPORTS = {
        "csv": ("text/csv; charset=utf-8", "events.csv"),
        "geojson": ("application/geo+json", "events.geojson"),
        "plover": ("application/x-ndjson", "events.plover.jsonl"),
    }

    @app.get("/api/export/{fmt}", tags=["exports"], response_model=None)
    def export(
        fmt: Annotated[str, Path(pattern="^(csv|geojson|plover)$")],
        filters: Annotated[EventFilters, Depends(event_filters)],
        include_untyped: Annotated[
            bool,
            Query(
                description="csv/plover: also write events the format has no type for "
                "(displacement, prisoner releases...; empty event_type). Default: left out, "
                "counted in the X-Wirewatch-Left-Out header."
            ),
        ] = False,
    ) -> Response:
        """Events as ACLED-compatible CSV, GeoJSON or PLOVER JSON Lines (same filters as
        /api/events; at most the export limit). ``X-Wirewatch-Left-Out`` counts events left
        out for having no type in the format, ``X-Wirewatch-Historical`` the background
        events written (marked in each format)."""
        from wirewatch.export import (
            ExportReport,
            write_acled_csv,
            write_events_geojson,
            write_plover_jsonl,
        )

        q = filters.query(limit=None)
        n = queries.count_events(store, q, historical=filters.historical)
        if n > settings.export_limit:
            raise ApiError(
                413,
                "export_too_large",
                f"{n} events match; one export request writes at most {settings.export_limit}",
                hint="narrow the filters (dates, country), or use 'wirewatch export' on the CLI",
            )
        media, filename = _EXPORTS[fmt]
        out = io.StringIO()
        events = store.iter_events(q)
        if filters.historical is not None:
            events = (e for e in events if e.historical == filters.historical)
        report = ExportReport()
        if fmt == "csv":
            write_acled_csv(events, out, include_untyped=include_untyped, report=report)
        elif fmt == "plover":
            write_plover_jsonl(events, out, include_untyped=include_untyped, report=report)
        else:
            events = list(events)
            report.historical = sum(e.historical for e in events)
            write_events_geojson(events, out)
        return Response(
            out.getvalue(),
            media_type=media,
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                "X-Wirewatch-Left-Out": str(report.skipped_untyped),
                "X-Wirewatch-Historical": str(report.historical),
            },
        )

    @app.get("/api/export/control.geojson", tags=["exports"], include_in_schema=True)
    def export_control(
        date_: Annotated[str, Query(alias="date", max_length=10)],
    ) -> Response:
        """Control points on a date as GeoJSON."""
        day = _date("date", date_)
        out = io.StringIO()
        store.export_geojson(out, control_day=day)
        return Response(out.getvalue(), media_type="application/geo+json")

    # A route declared after /api/export/{fmt} would be shadowed: move the control export first.
    app.router.routes.insert(0, app.router.routes.pop())
    return app


def _json(data: Any) -> Response:
    """A JSON answer serialised with orjson when installed (several times faster)."""
    try:
        import orjson
    except ImportError:
        return JSONResponse(data)
    return Response(orjson.dumps(data), media_type="application/json")


async def _read_json(request: Request, max_bytes: int) -> dict[str, Any]:
    import json

    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise ApiError(413, "payload_too_large", f"body larger than {max_bytes} bytes")
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith("application/json"):
        raise ApiError(
            415,
            "unsupported_media_type",
            "send the article as JSON",
            hint='Content-Type: application/json; body {"text": "...", "published": "..."}',
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise ApiError(413, "payload_too_large", f"body larger than {max_bytes} bytes")
        chunks.append(chunk)
    try:
        payload = json.loads(b"".join(chunks) or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "the body is not valid JSON") from None
    if not isinstance(payload, dict):
        raise ApiError(400, "invalid_json", "the body must be a JSON object")
    return payload


_META_FIELDS = ("published", "title", "outlet", "id")


def _article_input(payload: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    unknown = set(payload) - {"text", "html", "url", *_META_FIELDS}
    if unknown:
        raise ApiError(
            400,
            "invalid_input",
            f"unknown field(s): {', '.join(sorted(unknown))}",
            hint="use text, html or url, with published, title, outlet, id",
        )
    for key, value in payload.items():
        if value is not None and not isinstance(value, str):
            raise bad_param(key, "must be a string")
    given = [k for k in ("text", "html") if payload.get(k)]
    if len(given) > 1:
        raise ApiError(400, "invalid_input", "give either text or html, not both")
    if not given and not payload.get("url"):
        raise ApiError(400, "invalid_input", "give the article as text, html or url")
    if payload.get("published") is not None:
        _date("published", payload["published"])
    metadata = {k: payload[k] for k in _META_FIELDS if payload.get(k) is not None}
    if given:
        if payload.get("url"):
            metadata["url"] = payload["url"]
        return given[0], payload[given[0]], metadata
    url = payload["url"]
    if not url.lower().startswith(("http://", "https://")):
        raise bad_param("url", "must be an http(s) URL")
    return "url", url, metadata


def _ingest(app: FastAPI, kind: str, body: str, metadata: dict[str, Any]) -> dict[str, Any]:
    store = app.state.store
    fn: IngestFn | None = app.state.ingest
    if fn is None:
        fn = _default_ingest(app.state.settings)
        app.state.ingest = fn
    extraction = fn(kind, body, metadata)
    with app.state.write_lock:  # one writer at a time (the store also serialises)
        result = store.add_extraction(extraction, source=f"api:{kind}")
    app.state.meta_cache = (0.0, None)
    app.state.actor_cache = {}
    return {
        "status": result.status,
        "article_id": result.article_id,
        "events": result.n_events,
        "fused_events": list(result.fused_events),
        "reason": result.reason,
        "warnings": [{"code": w.code, "message": w.message} for w in extraction.warnings],
    }


def _default_ingest(settings: ApiSettings) -> IngestFn:
    """The default pipeline over text/HTML; URLs through the ingest module's safe fetcher."""
    from wirewatch.extract import extract

    def run(kind: str, body: str, metadata: dict[str, Any]) -> Extraction:
        html = kind == "html"
        if kind == "url":
            body, html = _fetch(body, settings), True
            metadata = {**metadata, "url": metadata.get("url") or body}
        return extract(body, html=html, **metadata)

    return run


def _fetch(url: str, settings: ApiSettings) -> str:
    """GET a page through the ingest module's fetcher (size caps, checked redirects, and no
    private or loopback hosts unless the server allows them)."""
    from wirewatch.ingest.fetch import Fetcher, FetchOptions
    from wirewatch.stages.clean import decode_bytes

    with Fetcher(FetchOptions(allow_private=settings.allow_private_urls)) as fetcher:
        page = fetcher.fetch(url)
    text, _ = decode_bytes(page.data)
    return text
