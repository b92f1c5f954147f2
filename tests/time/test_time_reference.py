"""The reference report through the real pipeline (slow: loads the spaCy model)."""

from __future__ import annotations

import pytest

from wirewatch.document import Document
from wirewatch.stages.normalize_dates import anchor_date, anchored, date_for


@pytest.fixture(scope="module")
def hama_doc(hama_text: str, pipeline) -> Document:  # type: ignore[no-untyped-def]
    from wirewatch.stages.clean import RawArticle, new_document

    doc: Document = pipeline.run(
        new_document(RawArticle(text=hama_text, published="2024-12-05", id="hama"))
    )
    return doc


@pytest.mark.slow
def test_reference_times_in_the_extraction(hama) -> None:  # type: ignore[no-untyped-def]
    by_text = {t.text: t for t in hama.times}
    assert by_text["Thursday"].value == "2024-12-05"
    assert (by_text["Thursday"].precision, by_text["Thursday"].time_precision) == ("day", 1)
    assert by_text["November 27"].value == "2024-11-27"
    assert by_text["2019"].value == "2019" and by_text["2019"].precision == "year"
    war = by_text["two months"]
    assert (war.type, war.value, war.time_precision) == ("DURATION", "P2M", None)
    four = next(t for t in hama.times if t.text.lower().startswith("four days after"))
    # "event:Aleppo" until the events stage links it to the Aleppo event's id
    assert four.anchor == "event:Aleppo" or four.anchor in {e.id for e in hama.events}


@pytest.mark.slow
def test_reference_event_dating(hama_doc: Document) -> None:
    text = hama_doc.text
    four = next(t for t in hama_doc.times if t.text.lower().startswith("four days after"))
    assert anchored(hama_doc, four) == (-4, "Aleppo")
    # Aleppo's capture: four days before Thursday 5 December, as a span-level date
    assert anchor_date(hama_doc, four) == ("2024-12-01", 2)
    took = text.index("took")
    value, tp, reason = date_for(hama_doc, took, took + 4)
    assert (value, tp) == ("2024-12-05", 1)
    assert "Thursday" in str(reason)  # the plain date, not the event-anchored expression
    launched = text.index("launched")
    assert date_for(hama_doc, launched, launched + 8)[:2] == ("2024-11-27", 1)
    chased = text.index("chased")
    assert date_for(hama_doc, chased, chased + 6)[:2] == ("2019-07-02", 3)
