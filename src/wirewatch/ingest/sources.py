"""Expand ingest inputs (files, directories, globs, JSON Lines, URLs, feeds) into items.

Each input becomes zero or more :class:`IngestItem` objects, yielded lazily in a
deterministic order (directories and globs sorted). A bad input becomes an item with an
``error`` (the rest of the batch goes on); a URL already stored becomes a ``duplicate`` item
without being fetched.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirewatch.batch.jsonl import parse_article_line
from wirewatch.errors import InputError
from wirewatch.ingest.feeds import looks_like_feed, parse_feed
from wirewatch.ingest.fetch import Fetcher
from wirewatch.stages.clean import RawArticle

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.txt")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")


@dataclass(slots=True, kw_only=True)
class IngestItem:
    """One article to ingest, or the reason an input could not give one."""

    source: str
    raw: RawArticle | None = None
    error: str | None = None
    duplicate: bool = False


def is_url(value: str) -> bool:
    """True for http(s) URLs."""
    return value.startswith(("http://", "https://"))


def _binary(data: bytes) -> bool:
    sample = data[:4096]
    return b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff"))


def iter_file(path: Path, *, max_bytes: int) -> Iterator[IngestItem]:
    """Items of one file: JSON Lines → one per line; HTML/text → one; feeds → entries."""
    src = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield IngestItem(source=src, error=f"cannot read: {exc.strerror}")
        return
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        yield from iter_jsonl(path)
        return
    if size > max_bytes:
        yield IngestItem(
            source=src,
            error=f"file is {size:,} bytes, over the size cap of {max_bytes:,} (--max-bytes)",
        )
        return
    if size == 0:
        yield IngestItem(source=src, error="empty file")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield IngestItem(source=src, error=f"cannot read: {exc.strerror}")
        return
    if _binary(data):
        yield IngestItem(source=src, error="binary file, not an article (text, HTML or JSON Lines)")
        return
    if name.endswith(FEED_SUFFIXES) and looks_like_feed(data):
        yield from _feed_items(data, src, fetcher=None)
        return
    if name.endswith(HTML_SUFFIXES):
        yield IngestItem(source=src, raw=RawArticle(html=data.decode("utf-8", errors="replace")))
        return
    yield IngestItem(source=src, raw=RawArticle(data=data))


def iter_jsonl(path: Path) -> Iterator[IngestItem]:
    """One item per JSON Lines line (the ``extract --jsonl`` input format)."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield IngestItem(source=str(path), error=f"cannot read: {exc.strerror}")
        return
    with fh:
        for line_no, line in enumerate(fh, 1):
            text = line.decode("utf-8", errors="replace")
            if not text.strip():
                continue
            src = f"{path}:{line_no}"
            parsed = parse_article_line(text, line_no)
            if isinstance(parsed, dict):
                yield IngestItem(source=src, error=parsed["error"]["message"])
            else:
                yield IngestItem(source=src, raw=parsed)


def iter_paths(pattern: str, *, max_bytes: int) -> Iterator[IngestItem]:
    """Items of a file, a directory (recursive, hidden files skipped) or a glob pattern."""
    path = Path(pattern).expanduser()
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            yield IngestItem(source=pattern, error="directory holds no files")
        for f in files:
            yield from iter_file(f, max_bytes=max_bytes)
        return
    if path.is_file():
        yield from iter_file(path, max_bytes=max_bytes)
        return
    if glob.has_magic(pattern):
        matches = sorted(glob.glob(os.path.expanduser(pattern), recursive=True))
        files = [Path(m) for m in matches if Path(m).is_file()]
        if not files:
            yield IngestItem(source=pattern, error="no file matches this pattern")
        for f in files:
            yield from iter_file(f, max_bytes=max_bytes)
        return
    yield IngestItem(source=pattern, error="no such file or directory")


def _feed_items(
    data: bytes,
    src: str,
    *,
    fetcher: Fetcher | None,
    known_url: Callable[[str], bool] | None = None,
) -> Iterator[IngestItem]:
    try:
        entries = parse_feed(data, src)
    except InputError as exc:
        yield IngestItem(source=src, error=str(exc))
        return
    if not entries:
        yield IngestItem(source=src, error="the feed has no entries")
    for entry in entries:
        link = entry.link
        label = link or f"{src}#{entry.title}"
        if link and known_url and known_url(link):
            yield IngestItem(source=label, duplicate=True)
            continue
        meta: dict[str, Any] = {"url": link, "title": entry.title, "published": entry.published}
        if link and fetcher is not None and is_url(link):
            try:
                page = fetcher.fetch(link)
            except InputError as exc:
                if entry.content:  # fall back to what the feed itself carries
                    yield IngestItem(source=label, raw=_inline(entry.content, meta))
                else:
                    yield IngestItem(source=label, error=str(exc))
                continue
            yield IngestItem(
                source=label,
                raw=RawArticle(html=page.data.decode("utf-8", errors="replace"), **meta),
            )
        elif entry.content:
            yield IngestItem(source=label, raw=_inline(entry.content, meta))
        else:
            yield IngestItem(source=label, error="entry has neither a fetchable link nor content")


def _inline(content: str, meta: dict[str, Any]) -> RawArticle:
    # Feeds carry either HTML or plain text in their content/summary elements.
    if "<" in content and ">" in content:
        return RawArticle(html=content, **meta)
    return RawArticle(text=content, **meta)


def iter_url(
    url: str,
    fetcher: Fetcher,
    *,
    known_url: Callable[[str], bool] | None = None,
    feed: bool | None = None,
) -> Iterator[IngestItem]:
    """Items of a URL: an article page, or every entry of an RSS/Atom feed.

    ``feed=True`` insists on a feed (an HTML page is then an error); ``None`` sniffs."""
    if feed is not True and known_url and known_url(url):
        yield IngestItem(source=url, duplicate=True)
        return
    try:
        page = fetcher.fetch(url)
    except InputError as exc:
        yield IngestItem(source=url, error=str(exc))
        return
    if feed or looks_like_feed(page.data, page.content_type):
        yield from _feed_items(page.data, url, fetcher=fetcher, known_url=known_url)
        return
    text = page.data.decode("utf-8", errors="replace")
    if page.content_type.startswith("text/plain"):
        yield IngestItem(source=url, raw=RawArticle(text=text, url=url))
    else:
        yield IngestItem(source=url, raw=RawArticle(html=text, url=url))


def expand_inputs(
    inputs: Iterable[str],
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = 20_000_000,
    known_url: Callable[[str], bool] | None = None,
) -> Iterator[IngestItem]:
    """Every item of every input (paths, globs and URLs), lazily and in order."""
    for value in inputs:
        if is_url(value):
            if fetcher is None:
                yield IngestItem(source=value, error="URL given but fetching is disabled")
                continue
            yield from iter_url(value, fetcher, known_url=known_url)
        else:
            yield from iter_paths(value, max_bytes=max_bytes)
