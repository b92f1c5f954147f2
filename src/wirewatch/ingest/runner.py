"""Run ingest: extract new articles in batches and store each in its own transaction.

Duplicates are detected *before* the expensive stages (by URL, then by the normalised
content hash of the cleaned text), so re-running a batch after a crash skips what was
stored and extracts only the rest: the final database equals that of an uninterrupted run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from wirewatch.errors import WirewatchError
from wirewatch.ingest.feeds import FeedEntry
from wirewatch.ingest.fetch import Fetcher
from wirewatch.ingest.sources import IngestItem, iter_url
from wirewatch.pipeline import Pipeline
from wirewatch.stages.clean import RawArticle, content_id, new_document
from wirewatch.store.core import Store

Progress = Callable[[IngestItem, str], None]  # (item, outcome: new/duplicate/failed)


@dataclass(slots=True)
class IngestReport:
    """Counts of one ingest run, with the reason of each failure."""

    new: int = 0
    duplicate: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    events: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        """Items seen."""
        return self.new + self.duplicate + len(self.failed)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready summary."""
        return {
            "new": self.new,
            "duplicate": self.duplicate,
            "failed": len(self.failed),
            "failures": [{"source": s, "reason": r} for s, r in self.failed],
            "events": self.events,
            "seconds": round(self.seconds, 3),
        }


def _batches(items: Iterable[IngestItem], size: int) -> Iterator[list[IngestItem]]:
    chunk: list[IngestItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest_items(
    items: Iterable[IngestItem],
    store: Store,
    pipeline: Pipeline,
    *,
    batch_size: int | None = None,
    progress: Progress | None = None,
    fuse: bool = True,
) -> IngestReport:
    """Extract and store every item; one bad item never stops the others."""
    t0 = time.perf_counter()
    report = IngestReport()
    size = max(1, batch_size or pipeline.settings.batch_size)
    cleaner = Pipeline(pipeline.settings, stages=["clean"], resources=pipeline.resources)

    def done(item: IngestItem, outcome: str, reason: str | None = None) -> None:
        if outcome == "new":
            report.new += 1
        elif outcome == "duplicate":
            report.duplicate += 1
        else:
            report.failed.append((item.source, reason or "failed"))
        if progress is not None:
            progress(item, outcome)

    for chunk in _batches(items, size):
        todo: list[IngestItem] = []
        seen: set[str] = set()
        for item in chunk:
            if item.error is not None or item.raw is None:
                if item.duplicate:
                    done(item, "duplicate")
                else:
                    done(item, "failed", item.error)
                continue
            if item.raw.url and (item.raw.url in seen or store.has_article(url=item.raw.url)):
                done(item, "duplicate")
                continue
            todo.append(item)
        # Cheap pre-pass: clean only, to find duplicates by content before the NLP stages.
        fresh: list[IngestItem] = []
        if todo:
            cleaned = cleaner.run_batch([new_document(_copy(i)) for i in todo])
            for item, doc in zip(todo, cleaned, strict=True):
                text = doc.article.text
                if not text.strip():
                    problems = "; ".join(w.message for w in doc.warnings) or "no article text"
                    done(item, "failed", problems)
                    continue
                cid = content_id(text)
                if cid in seen or store.has_article(article_id=cid):
                    done(item, "duplicate")
                    continue
                seen.add(cid)
                if item.raw is not None and item.raw.url:
                    seen.add(item.raw.url)
                fresh.append(item)
        if not fresh:
            continue
        docs = pipeline.run_batch([new_document(_copy(i)) for i in fresh])
        for item, doc in zip(fresh, docs, strict=True):
            try:
                extraction = doc.to_extraction()
                result = store.add_extraction(extraction, source=item.source, fuse=fuse)
            except WirewatchError as exc:
                done(item, "failed", str(exc))
                continue
            if result.status == "new":
                report.events += result.n_events
            done(item, result.status)
    report.seconds = time.perf_counter() - t0
    return report


def _copy(item: IngestItem) -> RawArticle:
    # The pipeline consumes a document's raw input; each pass gets its own copy.
    if item.raw is None:
        raise ValueError(f"{item.source}: no raw article")
    return replace(item.raw)


@dataclass(slots=True)
class PollReport:
    """What one poll of the feeds brought."""

    poll: int
    report: IngestReport


def watch_feeds(
    feeds: list[str],
    store: Store,
    pipeline: Pipeline,
    fetcher: Fetcher,
    *,
    every: float,
    polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_poll: Callable[[PollReport], None] | None = None,
    batch_size: int | None = None,
) -> list[PollReport]:
    """Poll feeds every ``every`` seconds (``polls`` times; None = until interrupted)."""
    reports: list[PollReport] = []
    n = 0
    while polls is None or n < polls:
        n += 1

        def items() -> Iterator[IngestItem]:
            for feed in feeds:
                yield from iter_url(
                    feed, fetcher, known_url=lambda u: store.has_article(url=u), feed=True
                )

        rep = PollReport(
            poll=n, report=ingest_items(items(), store, pipeline, batch_size=batch_size)
        )
        reports.append(rep)
        if on_poll is not None:
            on_poll(rep)
        if polls is not None and n >= polls:
            break
        sleep(every)
    return reports


def parse_every(value: str) -> float:
    """``90s``, ``15m``, ``2h`` or plain seconds → seconds."""
    value = value.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        if value and value[-1] in units:
            seconds = float(value[:-1]) * units[value[-1]]
        else:
            seconds = float(value)
    except ValueError:
        raise WirewatchError(
            f"bad interval {value!r}", hint="use e.g. 30s, 15m or 2h", code="W130"
        ) from None
    if seconds <= 0:
        raise WirewatchError(f"interval must be positive, not {value!r}", code="W130")
    return seconds


__all__ = ["FeedEntry", "IngestReport", "PollReport", "ingest_items", "parse_every", "watch_feeds"]
