"""A small hand-built conflict scenario (three articles) for API and browser tests.

The texts are written for these tests (no news text is copied). The extractions are built
by hand, record by record, so that the API and the web page are tested independently of
how good the extraction stages are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wirewatch.model import Extraction
from wirewatch.model.records import (
    Actor,
    Article,
    Claim,
    Contradiction,
    Control,
    Event,
    Fatalities,
    Place,
    Span,
)

PLACES = {
    "hama": {
        "name": "Hama",
        "geonameid": 170017,
        "lat": 35.13179,
        "lon": 36.75783,
        "admin1": "Hama",
    },
    "aleppo": {
        "name": "Aleppo",
        "geonameid": 170063,
        "lat": 36.20124,
        "lon": 37.16117,
        "admin1": "Aleppo",
    },
    "homs": {
        "name": "Homs",
        "geonameid": 169577,
        "lat": 34.72682,
        "lon": 36.72339,
        "admin1": "Homs",
    },
}
HTS = {"name": "Hayat Tahrir al-Sham", "kind": "rebel group", "country_code": "SY"}
ARMY = {"name": "Military Forces of Syria", "kind": "state forces", "country_code": "SY"}

HAMA_EVIDENCE = "Opposition fighters entered the central city of Pomegranate Square on Thursday."
# The sentence names a fictional square so that tests can find it verbatim; the place of
# the event is Hama by the hand-built record, not by any text matching.

SCRIPT_TITLE = "Shelling near Homs <script>window.__pwned = 1</script>"
SCRIPT_SENTENCE = (
    "Shells hit a market in Homs <script>window.__pwned = 1</script> "
    '<img src=x onerror="window.__pwned = 2"> on Tuesday.'
)


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part), text=part)


def _place(pid: str, key: str, text: str, mention: str) -> Place:
    p = PLACES[key]
    return Place(
        id=pid,
        country_code="SY",
        feature_code="PPLA",
        geo_precision=1,
        confidence=0.9,
        mentions=[_span(text, mention)],
        **p,  # type: ignore[arg-type]
    )


def aleppo_article() -> Extraction:
    """Published 2024-12-01: rebels took most of Aleppo on 30 November."""
    text = (
        "ALEPPO, Dec 1 - Rebels led by Hayat Tahrir al-Sham took control of most of Aleppo "
        "on Saturday, a war monitor said.\nGovernment troops withdrew from the city."
    )
    ev = (
        "Rebels led by Hayat Tahrir al-Sham took control of most of Aleppo on Saturday, "
        "a war monitor said."
    )
    return Extraction(
        article=Article(
            id="aleppo-report",
            text=text,
            title="Rebels take most of Aleppo",
            outlet="Test Wire",
            published="2024-12-01",
            url="https://news.example/aleppo",
        ),
        places=[_place("p1", "aleppo", text, "Aleppo")],
        actors=[
            Actor(id="a1", mentions=[_span(text, "Hayat Tahrir al-Sham")], **HTS),  # type: ignore[arg-type]
            Actor(id="a2", mentions=[_span(text, "Government troops")], **ARMY),  # type: ignore[arg-type]
        ],
        events=[
            Event(
                id="e1",
                event_type="Battles",
                sub_event_type="Non-state actor overtakes territory",
                disorder_type="Political violence",
                actor1="a1",
                actor2="a2",
                place="p1",
                date="2024-11-30",
                time_precision=1,
                geo_precision=1,
                fatalities=Fatalities(low=12, best=12, high=12, acled=12),
                evidence=_span(text, ev),
                confidence=0.8,
            )
        ],
        control=[
            Control(
                place="p1",
                holder="a1",
                previous_holder="a2",
                since="2024-11-30",
                event="e1",
                status="reported",
            )
        ],
    )


def hama_article() -> Extraction:
    """Published 2024-12-05: the capture of Hama, with two contradicting claims."""
    text = (
        "HAMA, Dec 5 - " + HAMA_EVIDENCE + ' The rebels announced the "total liberation of '
        'Hama" in a statement on Telegram.\nThe defence minister said the withdrawal was a '
        '"temporary tactical measure".\nThousands of residents fled south towards Homs.'
    )
    quote1 = "total liberation of Hama"
    quote2 = "temporary tactical measure"
    fled = "Thousands of residents fled south towards Homs."
    return Extraction(
        article=Article(
            id="hama-report",
            text=text,
            title="Rebels enter Hama",
            outlet="Test Wire",
            published="2024-12-05",
            url="https://news.example/hama",
        ),
        places=[
            _place("p1", "hama", text, "Hama"),
            _place("p2", "homs", text, "Homs"),
        ],
        actors=[
            Actor(id="a1", mentions=[_span(text, "Opposition fighters")], **HTS),  # type: ignore[arg-type]
            Actor(id="a2", mentions=[_span(text, "defence minister")], **ARMY),  # type: ignore[arg-type]
        ],
        events=[
            Event(
                id="e1",
                event_type="Battles",
                sub_event_type="Non-state actor overtakes territory",
                disorder_type="Political violence",
                actor1="a1",
                actor2="a2",
                place="p1",
                date="2024-12-05",
                time_precision=1,
                geo_precision=1,
                fatalities=Fatalities(low=20, best=25, high=30, acled=20),
                evidence=_span(text, HAMA_EVIDENCE),
                claims=["c1", "c2"],
                confidence=0.9,
            ),
            Event(
                id="e2",
                event_type="Strategic developments",
                sub_event_type="Other",
                plover_type="RETREAT",
                actor1=None,
                place="p2",
                date="2024-12-05",
                time_precision=1,
                geo_precision=1,
                evidence=_span(text, fled),
                confidence=0.6,
            ),
        ],
        claims=[
            Claim(
                id="c1",
                content=_span(text, quote1),
                speaker="the rebels",
                channel="Telegram",
                speaker_actor="a1",
                direct_quote=True,
                cue=_span(text, "announced"),
                about_events=["e1"],
            ),
            Claim(
                id="c2",
                content=_span(text, quote2),
                speaker="The defence minister",
                speaker_role="defence minister",
                speaker_actor="a2",
                direct_quote=True,
                cue=_span(text, "said"),
                about_events=["e1"],
            ),
        ],
        control=[
            Control(
                place="p1",
                holder="a1",
                previous_holder="a2",
                since="2024-12-05",
                event="e1",
                status="claimed",
            )
        ],
        contradictions=[
            Contradiction(about="e1", claims=["c1", "c2"], note="capture vs tactical withdrawal")
        ],
    )


def script_article() -> Extraction:
    """Published 2024-12-03: a report whose text and title contain markup and a script."""
    text = "HOMS, Dec 3 - " + SCRIPT_SENTENCE + "\nNo one was reported hurt."
    return Extraction(
        article=Article(
            id="script-report",
            text=text,
            title=SCRIPT_TITLE,
            outlet='<b onmouseover="window.__pwned=3">Evil Outlet</b>',
            published="2024-12-03",
            url="javascript:window.__pwned=4",
        ),
        places=[_place("p1", "homs", text, "Homs")],
        actors=[
            Actor(
                id="a1",
                name="<script>window.__pwned=5</script> Unknown gunmen",
                kind="political militia",
            )
        ],
        events=[
            Event(
                id="e1",
                event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack",
                disorder_type="Political violence",
                actor1="a1",
                place="p1",
                date="2024-12-03",
                time_precision=1,
                geo_precision=1,
                evidence=_span(text, SCRIPT_SENTENCE),
                confidence=0.7,
            )
        ],
    )


OLD_CAPTURE = "Militants had overrun the town in 2016 before being pushed out."
DISPLACED = "Hundreds of families fled the eastern districts on Wednesday."
AIRPORT = "The rebels seized the military airport outside Homs on Wednesday."


def background_article() -> Extraction:
    """Published 2024-12-05: a capture told as background from 2016 (historical), a
    displacement (no ACLED or PLOVER code, only a category) and the capture of an airport
    near Homs (a control entry with a facility: not control of Homs)."""
    text = f"HOMS, Dec 5 - {AIRPORT} {DISPLACED}\n{OLD_CAPTURE}"
    return Extraction(
        article=Article(
            id="background-report",
            text=text,
            title="Airport near Homs falls",
            outlet="Test Wire",
            published="2024-12-05",
            url="https://news.example/homs-airport",
        ),
        places=[_place("p1", "homs", text, "Homs")],
        actors=[
            Actor(id="a1", mentions=[_span(text, "rebels")], **HTS),  # type: ignore[arg-type]
            Actor(
                id="a2", mentions=[_span(text, "Militants")], name="Militants", kind="rebel group"
            ),
        ],
        events=[
            Event(
                id="e1",
                event_type="Battles",
                sub_event_type="Non-state actor overtakes territory",
                disorder_type="Political violence",
                actor1="a1",
                place="p1",
                date="2024-12-04",
                time_precision=1,
                geo_precision=2,
                evidence=_span(text, AIRPORT),
                confidence=0.8,
            ),
            Event(
                id="e2",
                category="displacement",
                place="p1",
                date="2024-12-04",
                time_precision=1,
                geo_precision=1,
                evidence=_span(text, DISPLACED),
                confidence=0.7,
            ),
            Event(
                id="e3",
                event_type="Battles",
                sub_event_type="Non-state actor overtakes territory",
                disorder_type="Political violence",
                actor1="a2",
                place="p1",
                date="2016-06-15",
                time_precision=3,
                geo_precision=1,
                evidence=_span(text, OLD_CAPTURE),
                historical=True,
                confidence=0.6,
            ),
        ],
        control=[
            Control(
                place="p1",
                holder="a1",
                since="2024-12-04",
                event="e1",
                status="reported",
                facility="military airport",
            )
        ],
    )


def articles() -> list[Extraction]:
    """The three articles of the scenario."""
    return [aleppo_article(), hama_article(), script_article()]


def build_store(path: Path, *, background: bool = False) -> Any:
    """A fresh SQLite store at ``path`` holding the scenario (``background``: and the
    :func:`background_article`)."""
    from wirewatch.store import open_store

    store = open_store(path)
    for x in [*articles(), *([background_article()] if background else [])]:
        store.add_extraction(x, source="test")
    return store
