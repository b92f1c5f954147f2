"""Settings of the REST API and web map (one declared object, passed to :func:`create_app`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _setting(default: Any, help: str) -> Any:  # noqa: A002 - "help" reads best in the table
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True, kw_only=True)
class ApiSettings:
    """Every tunable of ``wirewatch serve``, with its default and meaning."""

    token: str | None = _setting(
        None,
        "Secret that write endpoints (POST /api/articles) require as 'Authorization: Bearer "
        "<token>'. None disables writing.",
    )
    default_page_size: int = _setting(50, "Items per page when a request gives no 'limit'.")
    max_page_size: int = _setting(500, "Largest 'limit' a list endpoint accepts.")
    max_offset: int = _setting(100_000, "Largest 'offset' accepted (use filters to go deeper).")
    map_limit: int = _setting(20_000, "Most events the map endpoint returns for one view.")
    export_limit: int = _setting(100_000, "Most events one export request writes.")
    max_body_bytes: int = _setting(5_000_000, "Largest request body accepted (POST articles).")
    tile_url: str | None = _setting(
        None,
        "Optional XYZ tile URL template (https://…/{z}/{x}/{y}.png) drawn under the country "
        "outlines for users online; None draws outlines only (works offline).",
    )
    tile_attribution: str | None = _setting(None, "Attribution text shown for the tiles.")
    allow_private_urls: bool = _setting(
        False, "Let POST /api/articles fetch URLs on private or loopback addresses."
    )
