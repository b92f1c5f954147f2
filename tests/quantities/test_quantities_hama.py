"""Quantities of the reference report through the full default pipeline (slow)."""

from __future__ import annotations

import pytest

from wirewatch.stages.measure_quantities import acled_figure, fatalities_from

pytestmark = pytest.mark.slow


def find(hama, needle: str):  # type: ignore[no-untyped-def]
    found = [q for q in hama.quantities if needle in q.text]
    assert len(found) == 1, [q.text for q in hama.quantities]
    return found[0]


def test_deaths(hama) -> None:  # type: ignore[no-untyped-def]
    q = find(hama, "800")
    assert (q.low, q.value, q.high, q.qualifier) == (800, 800, None, "more than")
    assert q.category == "killed" and q.unit == "deaths"
    assert acled_figure(q) == 800
    f = fatalities_from(hama.quantities)
    assert (f.low, f.best, f.high, f.acled) == (800, 800, None, 800)


def test_prisoners_vehicles_localities(hama) -> None:  # type: ignore[no-untyped-def]
    prisoners = find(hama, "hundreds")
    assert (prisoners.category, prisoners.unit, prisoners.qualifier) == (
        "freed",
        "prisoners",
        "hundreds",
    )
    assert acled_figure(prisoners) == 100
    vehicles = find(hama, "200")
    assert (vehicles.category, vehicles.low, vehicles.qualifier) == ("vehicles", 200, "more than")
    localities = find(hama, "dozens")
    assert (localities.category, localities.unit) == ("places", "localities")


def test_no_ages_dates_or_years(hama) -> None:  # type: ignore[no-untyped-def]
    texts = " | ".join(q.text for q in hama.quantities)
    for bad in ("33", "27", "2019", "months", "days"):
        assert bad not in texts
    assert [q.category for q in hama.quantities].count("killed") == 1
    assert [q.id for q in hama.quantities] == [f"q{i}" for i in range(1, len(hama.quantities) + 1)]
