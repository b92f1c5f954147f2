"""Document helpers: sentence lookup, entity lookups and lazy parses."""

from __future__ import annotations

import pytest

from wirewatch.document import Document, Sentence
from wirewatch.model import Article


def test_sentence_at() -> None:
    doc = Document(article=Article(id="x", text="One two. Three four."))
    doc.set_sentences([Sentence(0, 0, 8, "One two."), Sentence(1, 9, 20, "Three four.")])
    assert doc.sentence_at(0).index == 0  # type: ignore[union-attr]
    assert doc.sentence_at(12).index == 1  # type: ignore[union-attr]
    assert doc.sentence_at(8) is None  # the space between sentences


def test_parse_without_annotate_is_a_clear_error() -> None:
    doc = Document(article=Article(id="x", text="One."))
    doc.set_sentences([Sentence(0, 0, 4, "One.")])
    with pytest.raises(RuntimeError, match="annotate"):
        doc.parse([0])


@pytest.mark.slow
def test_entity_lookups_agree_with_a_scan(pipeline) -> None:  # type: ignore[no-untyped-def]
    from wirewatch.stages.clean import RawArticle, new_document

    text = (
        "Antony Blinken met Recep Tayyip Erdogan in Ankara on Monday. Later, officials of the "
        "United Nations and the Red Cross travelled to Damascus with Geir Pedersen."
    )
    doc = pipeline.run(new_document(RawArticle(text=text, published="2024-12-02")))
    ents = doc.ents()
    assert ents and doc.ents() is ents  # built once, shared
    for start in range(0, len(text), 7):
        for end in (start + 1, start + 15, start + 60):
            scan = [e for e in ents if e.start_char < end and start < e.end_char]
            assert doc.ents_in(start, end) == scan
        assert doc.ents_before(start) == [e for e in ents if e.end_char <= start]
    # parses are cached: a second request reuses the first parse
    first = doc.parse_one(0)
    assert doc.parse_one(0) is first
    assert first.char_span(0, 2) == (0, len("Antony Blinken"))
