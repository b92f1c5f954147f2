"""The Python API: extract and extract_many."""

from __future__ import annotations

import pytest

from wirewatch import RawArticle, extract, extract_many
from wirewatch.errors import InputError
from wirewatch.extract import as_raw_article

TEXT = "Gunmen attacked a village on Sunday, killing four farmers, police said."


def test_as_raw_article_coerces_and_rejects() -> None:
    assert as_raw_article("x").text == "x"
    raw = as_raw_article({"text": "x", "id": "a", "published": "2024-01-02", "url": None})
    assert (raw.id, raw.published, raw.url) == ("a", "2024-01-02", None)
    with pytest.raises(InputError, match="unknown article field"):
        as_raw_article({"text": "x", "body": "y"})


@pytest.mark.slow
def test_extract_and_extract_many_agree(pipeline) -> None:  # type: ignore[no-untyped-def]
    one = extract(TEXT, published="2024-05-06", id="a", pipeline=pipeline)
    many = list(
        extract_many(
            [
                RawArticle(text=TEXT, published="2024-05-06", id="a"),
                {"text": "  ", "id": "b"},
                TEXT,
            ],
            pipeline=pipeline,
            batch_size=2,
        )
    )
    assert [m.article.id for m in many][:2] == ["a", "b"]
    assert many[0].to_dict() == one.to_dict()
    assert any(w.code == "empty_text" for w in many[1].warnings)
    assert many[2].article.id.startswith("sha1:")
    assert one.to_json().startswith('{"schema_version": 1')
