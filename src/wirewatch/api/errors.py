"""The API's single JSON error shape and the handlers that produce it.

Every error answer is ``{"error": {"status": int, "code": str, "message": str, "hint"?: str,
"details"?: [...]}}``. Nothing ever answers with a traceback: unexpected exceptions are logged
server-side and reported as a 500 with a generic message.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from wirewatch.errors import InputError, StoreError, WirewatchError

log = logging.getLogger("wirewatch.api")

# Status code → stable error code, for errors raised by Starlette/FastAPI themselves.
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    429: "too_many_requests",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error answer with a status, a stable code, a message and an optional hint."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.hint = hint
        self.details = details
        self.headers = headers


def error_body(
    status: int,
    code: str,
    message: str,
    *,
    hint: str | None = None,
    details: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The JSON body of an error answer."""
    err: dict[str, Any] = {"status": status, "code": code, "message": message}
    if hint:
        err["hint"] = hint
    if details:
        err["details"] = details
    return {"error": err}


def error_response(exc: ApiError) -> JSONResponse:
    """Render an :class:`ApiError` as the JSON error shape."""
    return JSONResponse(
        error_body(exc.status, exc.code, exc.message, hint=exc.hint, details=exc.details),
        status_code=exc.status,
        headers=exc.headers,
    )


def bad_param(name: str, message: str, *, hint: str | None = None) -> ApiError:
    """A 400 for one invalid query parameter."""
    return ApiError(
        400,
        "invalid_parameter",
        f"{name}: {message}",
        hint=hint,
        details=[{"parameter": name, "message": message}],
    )


def not_found(kind: str, ident: str) -> ApiError:
    """A 404 for an unknown id."""
    return ApiError(404, "not_found", f"no {kind} with id {ident!r}")


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    details = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
        details.append({"parameter": ".".join(loc) or "request", "message": str(err.get("msg"))})
    return details


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception through the one error shape."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        message = "; ".join(f"{d['parameter']}: {d['message']}" for d in details)
        return JSONResponse(
            error_body(400, "invalid_parameter", message or "invalid request", details=details),
            status_code=400,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if status == 404 and message == "Not Found":
            message = f"no such endpoint: {request.url.path}"
        return JSONResponse(
            error_body(status, _HTTP_CODES.get(status, "error"), message),
            status_code=status,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> JSONResponse:
        return JSONResponse(
            error_body(400, "invalid_input", exc.message, hint=exc.hint), status_code=400
        )

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error on %s: %s", request.url.path, exc)
        return JSONResponse(
            error_body(503, "store_unavailable", exc.message, hint=exc.hint), status_code=503
        )

    @app.exception_handler(WirewatchError)
    async def _wirewatch(request: Request, exc: WirewatchError) -> JSONResponse:
        log.error("error on %s: %s", request.url.path, exc)
        return JSONResponse(
            error_body(500, "internal_error", exc.message, hint=exc.hint), status_code=500
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Logged with its traceback on the server; the client only gets the shape.
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(
            error_body(500, "internal_error", "internal error; the server log has the details"),
            status_code=500,
        )
