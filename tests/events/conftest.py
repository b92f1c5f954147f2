"""Helpers for the event tests: documents annotated by real spaCy, layers added by hand."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from wirewatch.document import Document
from wirewatch.model import Actor, Place, Span, TimeExpr


@pytest.fixture(scope="session")
def annotate_pipeline():  # type: ignore[no-untyped-def]
    """clean + annotate only (real spaCy model), loaded once."""
    from wirewatch.pipeline import Pipeline

    return Pipeline(stages=("clean", "annotate")).load()


@pytest.fixture(scope="session")
def coder():  # type: ignore[no-untyped-def]
    """The event coder with the packaged data."""
    from wirewatch.events import EventCoder

    return EventCoder()


def _mentions(text: str, name: str) -> list[Span]:
    return [Span.of(text, m.start(), m.end()) for m in re.finditer(re.escape(name), text)]


@pytest.fixture
def make_doc(annotate_pipeline) -> Callable[..., Document]:  # type: ignore[no-untyped-def]
    """Build an annotated document and give it places/actors/times found by name."""
    from wirewatch.stages.clean import RawArticle, new_document

    def build(
        text: str,
        *,
        published: str | None = "2024-12-05",
        places: dict[str, dict[str, object]] | None = None,
        actors: dict[str, tuple[str, list[str]]] | None = None,
        times: dict[str, tuple[str, int]] | None = None,
    ) -> Document:
        doc = annotate_pipeline.run(new_document(RawArticle(text=text, published=published)))
        for n, (name, attrs) in enumerate((places or {}).items(), 1):
            doc.places.append(
                Place(
                    id=f"p{n}",
                    name=name,
                    feature_code=str(attrs.get("feature_code", "PPLA")),
                    geo_precision=int(attrs.get("geo_precision", 1)),  # type: ignore[call-overload]
                    mentions=_mentions(text, name),
                )
            )
        for n, (name, (kind, aliases)) in enumerate((actors or {}).items(), 1):
            spans = [s for alias in [name, *aliases] for s in _mentions(text, alias)]
            doc.actors.append(Actor(id=f"a{n}", name=name, kind=kind, mentions=spans))
        for phrase, (value, tp) in (times or {}).items():
            for s in _mentions(text, phrase):
                doc.times.append(
                    TimeExpr(start=s.start, end=s.end, text=s.text, value=value, time_precision=tp)
                )
        return doc

    return build
