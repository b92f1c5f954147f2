"""Clean stage: raw input (text, HTML or bytes) → cleaned text, title, date, outlet.

HTML goes through trafilatura (main text, title, date, site name). The publication date
comes from the caller, else from the HTML metadata, else stays unknown with a warning:
relative dates are then left unresolved rather than silently guessed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from wirewatch.document import Document
from wirewatch.model import Article
from wirewatch.pipeline import Resources, stage
from wirewatch.settings import Settings

_HTML_SNIFF = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# Common English function words: a cheap language check that needs no model. Real English
# news prose has 20-35% of its tokens in this set; other languages almost none.
_EN_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "at",
        "from",
        "it",
        "his",
        "said",
        "be",
        "has",
        "have",
        "are",
        "were",
        "had",
        "its",
        "an",
        "which",
        "their",
        "not",
        "but",
        "they",
        "this",
        "who",
        "after",
        "he",
        "she",
        "been",
        "will",
        "or",
        "also",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_ARTICLE_WORDS = 10


@dataclass(slots=True, kw_only=True)
class RawArticle:
    """An article as it arrives: text, HTML or undecoded bytes plus optional metadata."""

    text: str | None = None
    html: str | None = None
    data: bytes | None = None
    id: str | None = None
    published: str | date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    # Used only when neither ``published`` nor the HTML metadata gives a date (a batch-wide
    # date for plain text files, e.g. ``wirewatch ingest --published``).
    published_default: str | None = None


def new_document(raw: RawArticle) -> Document:
    """Wrap a raw article in a document for the pipeline (the clean stage fills it in)."""
    doc = Document(article=Article(id=raw.id or "", text=""))
    doc.user_data["raw"] = raw
    return doc


def content_id(text: str) -> str:
    """A stable article id from its normalised content (used when none is given)."""
    norm = " ".join(unicodedata.normalize("NFC", text).split()).lower()
    return "sha1:" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


def parse_published(value: str | date | None) -> tuple[date | None, str | None]:
    """Parse a publication date; returns ``(date, problem)`` where problem explains a failure."""
    if value is None or value == "":
        return None, None
    if isinstance(value, date):
        parsed = value
    else:
        text = str(value).strip()
        if not _ISO_DATE.match(text):
            return None, f"publication date {text!r} is not YYYY-MM-DD"
        try:
            parsed = date.fromisoformat(text[:10])
        except ValueError:
            return None, f"publication date {text!r} is not a real calendar date"
    if parsed.year < 1900:
        return None, f"publication date {parsed.isoformat()} is before 1900"
    return parsed, None


def english_score(text: str) -> float:
    """Share of word tokens that are common English function words (0..1)."""
    words = _WORD.findall(text[:20_000].lower())
    if not words:
        return 0.0
    return sum(1 for w in words if w in _EN_FUNCTION_WORDS) / len(words)


def decode_bytes(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    """Decode input bytes as UTF-8 (BOM aware), replacing bad bytes; returns warnings too."""
    problems: list[tuple[str, str]] = []
    sample = data[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(("binary_input", "input contains NUL bytes: it looks like a binary file"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        problems.append(
            (
                "decoding",
                f"input is not valid UTF-8 (first bad byte at {exc.start}); "
                "bad bytes were replaced: convert the file to UTF-8 for exact text",
            )
        )
    return text, problems


def _extract_html(html: str) -> dict[str, Any]:
    import trafilatura  # imported here: only HTML input pays for it

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_precision=True
    )
    meta = trafilatura.extract_metadata(html)
    return {
        "text": text or "",
        "title": getattr(meta, "title", None) if meta else None,
        "date": getattr(meta, "date", None) if meta else None,
        "outlet": getattr(meta, "sitename", None) if meta else None,
        "url": getattr(meta, "url", None) if meta else None,
    }


def _normalise_text(text: str) -> str:
    # NFC keeps offsets stable across tools; line-break and stray control characters are
    # normalised so that spans never point into invisible characters.
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return text.strip()


def clean_document(doc: Document, settings: Settings) -> None:
    """Fill ``doc.article`` from its raw input (the clean stage's work)."""
    raw: RawArticle = doc.user_data.pop("raw", None) or RawArticle(text=doc.article.text)
    text = raw.text
    html = raw.html
    if raw.data is not None:
        text, problems = decode_bytes(raw.data)
        for code, message in problems:
            doc.warn(code, message)
    if html is None and text is not None and _HTML_SNIFF.match(text[:2000]):
        html, text = text, None
    meta: dict[str, Any] = {}
    if html is not None:
        meta = _extract_html(html)
        text = meta["text"]
        # Boilerplate-only pages make trafilatura return a menu or a cookie line; a news
        # article has more than a handful of words.
        if len(_WORD.findall(text)) < _MIN_ARTICLE_WORDS:
            doc.warn("no_article", "the HTML page has no main article text that could be found")
            text = ""
    text = _normalise_text(text or "")
    if len(text) > settings.max_chars:
        doc.warn(
            "truncated",
            f"text of {len(text):,} characters was cut to max_chars={settings.max_chars:,}",
        )
        text = text[: settings.max_chars]

    published, problem = parse_published(raw.published)
    if problem:
        doc.warn("bad_published_date", f"{problem}; relative dates are left unresolved")
    if published is None and not problem and meta.get("date"):
        published, _ = parse_published(meta["date"])
    if published is None and not problem and raw.published_default:
        published, problem = parse_published(raw.published_default)
        if problem:
            doc.warn("bad_published_date", f"{problem}; relative dates are left unresolved")
    if published is None and not problem:
        doc.warn(
            "no_published_date",
            "no publication date given: pass --published YYYY-MM-DD to resolve relative dates",
        )
    if published is not None and published > date.today():
        doc.warn("future_published", f"publication date {published.isoformat()} is in the future")

    language = None
    if text:
        score = english_score(text)
        language = "en" if score >= 0.08 else None
        if settings.language_check and language is None:
            doc.warn(
                "not_english",
                "the text does not look like English (wirewatch reads English only); "
                "translate it first for useful results",
            )
    doc.article = Article(
        id=raw.id or (content_id(text) if text else ""),
        text=text,
        title=raw.title or meta.get("title"),
        url=raw.url or meta.get("url"),
        outlet=raw.outlet or meta.get("outlet"),
        published=published.isoformat() if published else None,
        language=language,
    )
    doc.published = published
    if not text:
        doc.warn("empty_text", "the article has no text: nothing to extract")
        doc.user_data["stop"] = True


@stage("clean", requires=(), assigns=("text",))
def make_clean(settings: Settings, resources: Resources) -> Any:
    """Clean raw input into the article text, title, date and outlet."""

    def run(doc: Document) -> None:
        clean_document(doc, settings)

    return run
