"""Ingest inputs: files, directories of junk, globs, JSON Lines, size caps, URLs and feeds."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from wirewatch.errors import InputError
from wirewatch.ingest import (
    Fetcher,
    FetchOptions,
    expand_inputs,
    ingest_items,
    iter_url,
    parse_every,
    parse_feed,
    watch_feeds,
)
from wirewatch.pipeline import Pipeline
from wirewatch.settings import Settings
from wirewatch.store import open_store

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://news.example/a</link>
<pubDate>Thu, 05 Dec 2024 10:00:00 GMT</pubDate></item>
<item><title>Two</title><link>https://news.example/b</link>
<description>Inline text of the second story, long enough to read.</description></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title>
<entry><title>A</title><link href="https://news.example/atom1"/><updated>2024-12-06T08:00:00Z</updated>
<content type="html">&lt;p&gt;Atom body text.&lt;/p&gt;</content></entry></feed>"""
BOMB = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
<rss><channel><item><title>&lol2;</title></item></channel></rss>"""
HTML_PAGE = b"""<!DOCTYPE html><html><head><title>News</title>
<link rel="alternate" type="application/rss+xml" href="https://news.example/rss.xml"></head>
<body><article><p>Rebels entered the town on Thursday after fighting.</p></article>
</body></html>"""


def _page(text: str) -> bytes:
    body = "".join(f"<p>{text} Paragraph {i} adds detail about the fighting.</p>" for i in range(6))
    return (
        f"<html><head><title>T</title></head><body><article>{body}</article></body></html>".encode()
    )


def test_directory_of_mixed_junk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Rebels entered the town on Thursday.", encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_bytes(b"x" * 5000)
    (tmp_path / "page.html").write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"text": "ok"}\nnot json\n{"id": 3}\n', encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    items = list(expand_inputs([str(tmp_path)], max_bytes=1000))
    by_src = {
        Path(i.source.split(":")[0]).name
        + (":" + i.source.split(":")[1] if ":" in i.source else ""): i
        for i in items
    }
    assert by_src["a.txt"].raw is not None
    assert "binary file" in by_src["b.bin"].error
    assert by_src["empty.txt"].error == "empty file"
    assert "over the size cap of 1,000" in by_src["big.txt"].error
    assert by_src["page.html"].raw.html is not None
    assert by_src["lines.jsonl:1"].raw.text == "ok"
    assert "not valid JSON" in by_src["lines.jsonl:2"].error
    assert "no 'text'" in by_src["lines.jsonl:3"].error
    assert not any(".hidden" in i.source for i in items)


def test_globs_and_missing_paths(tmp_path: Path) -> None:
    for n in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / n).write_text(f"Report {n}.", encoding="utf-8")
    items = list(
        expand_inputs(
            [str(tmp_path / "x*.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "z*.txt")]
        )
    )
    assert [Path(i.source).name for i in items[:2]] == ["x1.txt", "x2.txt"]
    assert items[2].error == "no such file or directory"
    assert items[3].error == "no file matches this pattern"


def test_feeds_parse_safely() -> None:
    entries = parse_feed(RSS)
    assert [e.link for e in entries] == ["https://news.example/a", "https://news.example/b"]
    assert entries[0].published == "2024-12-05"
    assert "Inline text" in entries[1].content
    atom = parse_feed(ATOM)
    assert atom[0].link == "https://news.example/atom1" and atom[0].published == "2024-12-06"
    with pytest.raises(InputError, match="unsafe XML"):
        parse_feed(BOMB)
    with pytest.raises(InputError, match="HTML page, not an RSS/Atom feed") as exc:
        parse_feed(HTML_PAGE, "https://news.example/")
    assert "https://news.example/rss.xml" in (exc.value.hint or "")


def _fetcher(routes: dict[str, httpx.Response], **opts: object) -> Fetcher:
    def handler(request: httpx.Request) -> httpx.Response:
        resp = routes.get(str(request.url))
        if resp is None:
            raise httpx.ConnectError("connection refused", request=request)
        return resp

    return Fetcher(
        FetchOptions(**opts),
        transport=httpx.MockTransport(handler),  # type: ignore[arg-type]
        resolver=lambda host: ["93.184.216.34"] if host.endswith(".example") else ["127.0.0.1"],
    )


def test_fetch_limits_and_private_addresses() -> None:
    routes = {
        "https://news.example/ok": httpx.Response(
            200, content=b"hello", headers={"content-type": "text/plain"}
        ),
        "https://news.example/big": httpx.Response(200, content=b"x" * 2000),
        "https://news.example/loop": httpx.Response(
            302, headers={"location": "https://news.example/loop"}
        ),
        "https://news.example/evil": httpx.Response(
            302, headers={"location": "http://127.0.0.1/admin"}
        ),
        "https://news.example/gone": httpx.Response(404),
    }
    with _fetcher(routes, max_bytes=1000) as f:
        assert f.fetch("https://news.example/ok").data == b"hello"
        with pytest.raises(InputError, match="size cap"):
            f.fetch("https://news.example/big")
        with pytest.raises(InputError, match="more than 5 redirects"):
            f.fetch("https://news.example/loop")
        with pytest.raises(InputError, match=r"private or loopback address 127\.0\.0\.1"):
            f.fetch("https://news.example/evil")
        with pytest.raises(InputError, match="private or loopback"):
            f.fetch("http://localhost/x")
        with pytest.raises(InputError, match="HTTP 404"):
            f.fetch("https://news.example/gone")
        with pytest.raises(InputError, match="unreachable"):
            f.fetch("https://news.example/missing")
        with pytest.raises(InputError, match="only http and https"):
            f.fetch("file:///etc/passwd")


def test_feed_url_items_and_html_as_feed() -> None:
    routes = {
        "https://news.example/rss.xml": httpx.Response(
            200, content=RSS, headers={"content-type": "application/rss+xml"}
        ),
        "https://news.example/a": httpx.Response(
            200, content=_page("Story A."), headers={"content-type": "text/html"}
        ),
        "https://news.example/front": httpx.Response(
            200, content=HTML_PAGE, headers={"content-type": "text/html"}
        ),
    }
    with _fetcher(routes) as f:
        items = list(iter_url("https://news.example/rss.xml", f, feed=True))
        assert items[0].raw.url == "https://news.example/a" and "Story A." in items[0].raw.html
        # b is unreachable but the feed carries its text inline: ingested from the feed.
        assert "Inline text" in items[1].raw.text
        bad = list(iter_url("https://news.example/front", f, feed=True))
        assert len(bad) == 1 and "HTML page, not an RSS/Atom feed" in bad[0].error
        down = list(iter_url("https://news.example/down", f))
        assert "unreachable" in down[0].error


def _light_pipeline() -> Pipeline:
    return Pipeline(Settings(), stages=["clean"])


def test_ingest_counts_and_reasons(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The first report says rebels took the town.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "THE FIRST REPORT   says rebels took the town.", encoding="utf-8"
    )
    (tmp_path / "c.bin").write_bytes(b"\x00" * 50)
    store = open_store(tmp_path / "s.sqlite")
    items = list(
        expand_inputs(
            [
                str(tmp_path / "a.txt"),
                str(tmp_path / "b.txt"),
                str(tmp_path / "c.bin"),
                str(REPORTS / "hama_fall.jsonl"),
            ]
        )
    )
    report = ingest_items(items, store, _light_pipeline())
    assert (report.new, report.duplicate, len(report.failed)) == (11, 1, 1)
    assert "binary" in report.failed[0][1]
    again = ingest_items(
        list(expand_inputs([str(REPORTS / "hama_fall.jsonl")])), store, _light_pipeline()
    )
    assert (again.new, again.duplicate) == (0, 10)
    assert store.stats()["articles"] == 11
    store.close()


def test_watch_polls_with_injected_sleep(tmp_path: Path) -> None:
    routes = {
        "https://news.example/rss.xml": httpx.Response(
            200, content=RSS, headers={"content-type": "application/rss+xml"}
        ),
        "https://news.example/a": httpx.Response(
            200, content=_page("Story A."), headers={"content-type": "text/html"}
        ),
    }
    slept: list[float] = []
    store = open_store(tmp_path / "w.sqlite")
    with _fetcher(routes) as f:
        reports = watch_feeds(
            ["https://news.example/rss.xml"],
            store,
            _light_pipeline(),
            f,
            every=parse_every("15m"),
            polls=2,
            sleep=slept.append,
        )
    assert slept == [900.0]
    assert (reports[0].report.new, reports[1].report.new) == (2, 0)
    assert reports[1].report.duplicate == 2
    store.close()
    with pytest.raises(Exception, match="bad interval"):
        parse_every("soon")
