"""Store fixtures: a fresh store on SQLite, and on PostgreSQL when WIREWATCH_TEST_PG_URL is set
(the library never reads the environment; only these tests do). Builders of hand-made
extractions so that store, fusion and control are tested without the NLP stages."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from wirewatch.model import Extraction
from wirewatch.model.records import (
    Actor,
    Article,
    Claim,
    Control,
    Event,
    Fatalities,
    Place,
    Span,
)

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
PG_ENV = "WIREWATCH_TEST_PG_URL"

TOWNS = {
    "Hama": {
        "geonameid": 170017,
        "country_code": "SY",
        "admin1": "Hama",
        "lat": 35.1318,
        "lon": 36.7578,
    },
    "Homs": {
        "geonameid": 169577,
        "country_code": "SY",
        "admin1": "Homs",
        "lat": 34.7268,
        "lon": 36.7234,
    },
    "Aleppo": {
        "geonameid": 170063,
        "country_code": "SY",
        "admin1": "Aleppo",
        "lat": 36.2021,
        "lon": 37.1343,
    },
    "Suran": {
        "geonameid": 163806,
        "country_code": "SY",
        "admin1": "Hama",
        "lat": 35.2897,
        "lon": 36.7431,
    },
}
ACTORS = {
    "HTS": ("Hayat Tahrir al-Sham", "rebel group"),
    "GOV": ("Military Forces of Syria", "state forces"),
}


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    from wirewatch.store import resolve_url

    engine = create_engine(resolve_url(url)[0])
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get(PG_ENV) else ["sqlite"]


@pytest.fixture(params=_backends())
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A location for a fresh store (a SQLite file, or an emptied PostgreSQL database)."""
    if request.param == "postgresql":
        url = os.environ[PG_ENV]
        _reset_pg(url)
        return url
    return str(tmp_path / "events.sqlite")


@pytest.fixture
def store(store_url: str) -> Iterator[object]:
    """An open, empty store."""
    from wirewatch.store import open_store

    s = open_store(store_url)
    yield s
    s.close()


def make_extraction(
    text: str,
    *,
    town: str = "Hama",
    holder: str = "HTS",
    loser: str | None = "GOV",
    sub: str = "Non-state actor overtakes territory",
    etype: str = "Battles",
    day: str = "2024-12-05",
    published: str = "2024-12-05",
    precision: int = 1,
    fatalities: tuple[int | None, int | None, int | None, int] | None = None,
    url: str | None = None,
    outlet: str | None = None,
    control: str | None = None,
    claims: list[tuple[str, str]] | None = None,
) -> Extraction:
    """A hand-built extraction of one event (and optional control and claims)."""
    place = Place(
        id="p1",
        name=town,
        feature_code="PPLA",
        geo_precision=1,
        mentions=[],
        confidence=0.9,
        **TOWNS[town],
    )  # type: ignore[arg-type]
    actors = [Actor(id="a1", name=ACTORS[holder][0], kind=ACTORS[holder][1])]
    if loser:
        actors.append(Actor(id="a2", name=ACTORS[loser][0], kind=ACTORS[loser][1]))
    fat = Fatalities()
    if fatalities is not None:
        fat = Fatalities(
            low=fatalities[0], best=fatalities[1], high=fatalities[2], acled=fatalities[3]
        )
    first = text.split(". ")[0]
    event = Event(
        id="e1",
        event_type=etype,
        sub_event_type=sub,
        actor1="a1",
        actor2="a2" if loser else None,
        place="p1",
        date=day,
        time_precision=precision,
        geo_precision=1,
        fatalities=fat,
        evidence=Span(0, len(first), first),
        confidence=0.8,
    )
    x = Extraction(
        article=Article(
            id="", text=text, url=url, outlet=outlet, published=published, title=first[:40]
        ),
        places=[place],
        actors=actors,
        events=[event],
    )
    if control:
        x.control.append(
            Control(
                place="p1",
                holder="a1",
                previous_holder="a2" if loser else None,
                since=day,
                event="e1",
                status=control,
            )
        )
    for i, (speaker, content) in enumerate(claims or [], 1):
        start = text.find(content)
        span = Span(start, start + len(content), content) if start >= 0 else Span(0, 0, "")
        x.claims.append(Claim(id=f"c{i}", content=span, speaker=speaker, about_events=["e1"]))
        event.claims.append(f"c{i}")
    return x


@pytest.fixture
def build() -> Callable[..., Extraction]:
    """The :func:`make_extraction` builder."""
    return make_extraction


def ten_reports() -> list[dict[str, str]]:
    """The ten hand-written reports of one capture (tests/data/reports/hama_fall.jsonl)."""
    lines = (REPORTS / "hama_fall.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture
def ten() -> list[Extraction]:
    """Hand-built extractions of the ten reports: one capture event each, some figures."""
    out = []
    figures = {3: (20, 20, None, 20), 5: (30, 30, None, 30), 9: (25, 25, None, 25)}
    for i, r in enumerate(ten_reports(), 1):
        out.append(
            make_extraction(
                r["text"],
                url=r["url"],
                outlet=r["outlet"],
                published=r["published"],
                fatalities=figures.get(i),
                control="reported",
            )
        )
    return out


Builder = Callable[..., Extraction]
