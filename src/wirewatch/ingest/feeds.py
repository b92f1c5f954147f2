"""RSS/Atom feeds: safe XML parsing (defusedxml) then feedparser for the entries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirewatch.errors import InputError

_HTML = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.I)
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.I)
_ALTERNATE = re.compile(rb"<link[^>]+type=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.I)
_HREF = re.compile(rb"href=[\"']([^\"']+)[\"']", re.I)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One entry of a feed: its link, title, date and any inline content."""

    link: str | None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    content: str | None = None  # HTML or text given inline by the feed


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """True for RSS/Atom content (by content type or by its root element)."""
    if content_type in FEED_TYPES:
        return True
    head = data[:4096]
    return not _HTML.match(head) and bool(_FEED.search(head))


def parse_feed(data: bytes, url: str = "<feed>") -> list[FeedEntry]:
    """Parse an RSS/Atom document into entries; an HTML page or unsafe XML is an error."""
    head = data[:4096]
    if _HTML.match(head):
        hint = "give the feed's URL (RSS or Atom), not the web page"
        m = _ALTERNATE.search(data[:200_000])
        if m and (href := _HREF.search(m.group(0))):
            hint = f"this page announces a feed at {href.group(1).decode('utf-8', 'replace')}"
        raise InputError(f"{url} is an HTML page, not an RSS/Atom feed", hint=hint, code="W120")
    _check_safe_xml(data, url)
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise InputError(
            f"{url} is not a readable RSS/Atom feed ({parsed.get('bozo_exception')})", code="W121"
        )
    out = []
    for entry in parsed.entries:
        content = None
        if entry.get("content"):
            content = entry["content"][0].get("value")
        elif entry.get("summary"):
            content = entry.get("summary")
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        out.append(
            FeedEntry(
                link=entry.get("link"),
                title=entry.get("title"),
                published=published,
                content=content,
            )
        )
    return out


def _check_safe_xml(data: bytes, url: str) -> None:
    """Refuse XML with entity declarations (billion laughs, external entities)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data)
    except DefusedXmlException as exc:
        raise InputError(f"{url}: unsafe XML refused ({type(exc).__name__})", code="W122") from None
    except Exception as exc:  # malformed XML: feedparser may still recover it
        del exc
