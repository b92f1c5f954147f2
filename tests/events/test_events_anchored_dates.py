"""Event-anchored offsets ("a week after launching its offensive") through the full pipeline.

The offset dates the event it names from the event it governs; it never counts forward from
the publication date, and the plain weekday of the clause dates the governing event.
"""

from __future__ import annotations

import pytest

from wirewatch.extract import extract

pytestmark = pytest.mark.slow

TEXT = (
    "The rebel alliance seized the town of Kafr Nabl on Thursday, a week after launching "
    "its offensive from Saraqib. Hundreds of families fled north towards the border."
)


def test_weekday_dates_the_capture_not_the_offset(pipeline) -> None:  # type: ignore[no-untyped-def]
    x = extract(TEXT, published="2024-12-06", id="offset", pipeline=pipeline)
    places = {p.id: p.name for p in x.places}
    captures = [e for e in x.events if e.event_type == "Battles" and e.sub_event_type]
    assert captures, [(e.trigger.text, e.sub_event_type) for e in x.events]
    taken = [e for e in captures if "Kafr Nabl" in places.get(e.place or "", "")]
    assert taken and all(e.date == "2024-12-05" for e in taken), [
        (e.trigger.text, e.date, e.date_reason) for e in captures
    ]
    # the origin of the offensive is not a second captured place
    assert not [e for e in captures if places.get(e.place or "") == "Saraqib"]
    # no event of the article is dated after publication
    assert all(e.date is None or e.date <= "2024-12-06" for e in x.events)


def test_offset_dates_the_base_event_backwards(pipeline) -> None:  # type: ignore[no-untyped-def]
    x = extract(TEXT, published="2024-12-06", id="offset", pipeline=pipeline)
    offset = next(t for t in x.times if t.text.lower().startswith("a week"))
    taken = next(e for e in x.events if e.sub_event_type and e.event_type == "Battles")
    assert offset.anchor == taken.id
    assert offset.value == "2024-11-28"


def test_date_offset_is_not_an_event_anchor(pipeline) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels captured the town of Kafr Nabl two days after 1 December, monitors said."
    x = extract(text, published="2024-12-06", id="plain", pipeline=pipeline)
    taken = [e for e in x.events if e.event_type == "Battles" and e.sub_event_type]
    assert taken and all(e.date == "2024-12-03" for e in taken), [
        (e.date, e.date_reason) for e in taken
    ]


def test_anchor_event_dated_in_earlier_sentence_dates_the_later_one() -> None:
    """The governed event has no date of its own: it is dated from the event it names."""
    from wirewatch import extract

    ext = extract(
        "Rebels seized Hama on Thursday. Two days after the fall of Hama, the army withdrew "
        "from Homs.",
        published="2024-12-10",
    )
    capture = next(e for e in ext.events if e.trigger and e.trigger.text == "seized")
    withdrawal = next(e for e in ext.events if e.trigger and e.trigger.text == "withdrew")
    assert capture.date == "2024-12-05" and capture.time_precision == 1
    assert withdrawal.date == "2024-12-07" and withdrawal.time_precision == 2
    expr = next(t for t in ext.times if t.text.startswith("Two days after"))
    assert expr.anchor == capture.id and expr.value == "2024-12-07"
