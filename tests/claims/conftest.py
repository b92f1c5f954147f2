"""Shared fixture of the claims tests: claims of a text, with the real spaCy model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wirewatch.claims.attribute import Attributor
from wirewatch.claims.lexicon import load_lexicon
from wirewatch.document import Document
from wirewatch.model import Article, Claim

ClaimsOf = Callable[[str], list[Claim]]


@pytest.fixture(scope="session")
def claims_of() -> ClaimsOf:
    """Annotate a text with the real model and attribute its claims."""
    from wirewatch.settings import Settings
    from wirewatch.stages.annotate import Annotator, load_nlp

    settings = Settings()
    annotator = Annotator(load_nlp(settings), settings)
    attributor = Attributor(load_lexicon())

    def go(text: str) -> list[Claim]:
        doc = Document(article=Article(id="t", text=text))
        annotator.annotate([doc])
        return attributor.run(doc)

    return go
