"""Ingest: files, directories, globs, JSON Lines, URLs and RSS/Atom feeds → the store.

- :func:`expand_inputs` turns inputs into :class:`IngestItem` objects (bad inputs become
  items with an error; the batch goes on);
- :class:`Fetcher` fetches with timeouts, size caps, checked redirects and no private or
  loopback hosts unless allowed;
- :func:`parse_feed` reads RSS/Atom safely (defusedxml, then feedparser);
- :func:`ingest_items` extracts new articles in batches and stores each in its own
  transaction (idempotent, resumable); :func:`watch_feeds` polls feeds.
"""

from wirewatch.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from wirewatch.ingest.fetch import Fetched, Fetcher, FetchOptions
from wirewatch.ingest.runner import IngestReport, PollReport, ingest_items, parse_every, watch_feeds
from wirewatch.ingest.sources import IngestItem, expand_inputs, iter_jsonl, iter_paths, iter_url

__all__ = [
    "FeedEntry",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "IngestItem",
    "IngestReport",
    "PollReport",
    "expand_inputs",
    "ingest_items",
    "iter_jsonl",
    "iter_paths",
    "iter_url",
    "looks_like_feed",
    "parse_every",
    "parse_feed",
    "watch_feeds",
]
