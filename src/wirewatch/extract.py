"""The Python API: ``extract`` one article, ``extract_many`` over a stream."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from wirewatch.errors import InputError
from wirewatch.model import Extraction
from wirewatch.pipeline import Pipeline
from wirewatch.settings import Settings
from wirewatch.stages.clean import RawArticle, new_document


def extract(
    text: str,
    *,
    published: str | date | None = None,
    id: str | None = None,  # noqa: A002 - mirrors the contract's field name
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    html: bool = False,
    pipeline: Pipeline | None = None,
    settings: Settings | None = None,
) -> Extraction:
    """Extract one article (plain text, or HTML with ``html=True``) into an :class:`Extraction`.

    Pass a ``pipeline`` to reuse loaded models across calls; otherwise one is built from
    ``settings`` (or the defaults) and cached for this process by :func:`default_pipeline`.
    """
    raw = RawArticle(
        text=None if html else text,
        html=text if html else None,
        id=id,
        published=published,
        title=title,
        url=url,
        outlet=outlet,
    )
    pipe = pipeline or default_pipeline(settings)
    return pipe.run(new_document(raw)).to_extraction()


def extract_many(
    articles: Iterable[RawArticle | str | Mapping[str, Any]],
    *,
    pipeline: Pipeline | None = None,
    settings: Settings | None = None,
    batch_size: int | None = None,
) -> Iterator[Extraction]:
    """Extract a stream of articles, in batches, yielding extractions in input order.

    Items may be :class:`RawArticle`, plain strings, or mappings with ``text`` (or ``html``)
    and optional ``id``, ``published``, ``title``, ``url``, ``outlet`` (the JSON Lines format).
    """
    pipe = pipeline or default_pipeline(settings)
    docs = (new_document(as_raw_article(item)) for item in articles)
    for doc in pipe.run_many(docs, batch_size=batch_size):
        yield doc.to_extraction()


def as_raw_article(item: RawArticle | str | Mapping[str, Any]) -> RawArticle:
    """Coerce a string or a JSON-Lines-style mapping into a :class:`RawArticle`."""
    if isinstance(item, RawArticle):
        return item
    if isinstance(item, str):
        return RawArticle(text=item)
    unknown = set(item) - _RAW_FIELDS
    if unknown:
        raise InputError(
            f"unknown article field(s): {', '.join(sorted(unknown))}",
            hint=f"use {', '.join(sorted(_RAW_FIELDS))}",
        )
    return RawArticle(**{k: v for k, v in item.items() if v is not None})


_RAW_FIELDS = frozenset({"text", "html", "id", "published", "title", "url", "outlet"})
_PIPELINES: dict[Settings, Pipeline] = {}


def default_pipeline(settings: Settings | None = None) -> Pipeline:
    """A pipeline for ``settings``, built once per distinct settings in this process."""
    key = settings or Settings()
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(key)
    return _PIPELINES[key]
