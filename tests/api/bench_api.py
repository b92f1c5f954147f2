"""Benchmark of the API and map page (run by hand, not collected by pytest).

    python tests/api/bench_api.py --events 1000000 --db /tmp/big.sqlite

1. builds a store with N synthetic fused events (rows written straight into the events
   table from one template event: the point is query speed, not fusion);
2. serves it with uvicorn on 127.0.0.1 and drives ``/api/events`` for one country-month with
   a bounded asyncio/httpx load generator (fixed request count and time limit), reporting
   p50/p99 latency, requests/s and errors;
3. with --paint N, measures the first paint of the map page over N events in headless
   Chromium (Debian's).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

COUNTRIES = ["SY", "UA", "SD", "CD", "ML", "BF", "NG", "SO", "YE", "PS", "MM", "ET", "IQ", "HT"]


def build(path: Path, n: int, seed: int = 7) -> None:
    """A store with ``n`` synthetic events spread over 14 countries and 3 years."""
    import scenario

    from wirewatch.fuse.events import FusedEvent
    from wirewatch.store.core import _event_row
    from wirewatch.store.serde import dumps, loads

    store = scenario.build_store(path)
    template = store.query_events(limit=1, event_type="Battles")[0]
    store.close()
    base = json.loads(dumps(template))
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    cols = None
    batch = []
    t0 = time.perf_counter()
    for i in range(n):
        cc = COUNTRIES[i % len(COUNTRIES)]
        d = (start + timedelta(days=rng.randrange(3 * 365))).isoformat()
        data = dict(base)
        data["id"] = f"ev_bench{i:09d}"
        data["date"] = d
        data["place"] = {
            **base["place"],
            "country_code": cc,
            "geonameid": 1_000_000 + i % 5000,
            "lat": rng.uniform(-30, 50),
            "lon": rng.uniform(-20, 100),
            "name": f"Town {i % 5000}",
        }
        data["fatalities"] = {
            **base["fatalities"],
            "best": rng.randrange(50),
            "acled": rng.randrange(50),
        }
        row = _event_row(loads(FusedEvent, json.dumps(data)))
        if cols is None:
            cols = list(row)
        batch.append(tuple(row[c] for c in cols))
        if len(batch) == 20_000:
            _flush(con, cols, batch)
            batch = []
    if batch and cols:
        _flush(con, cols, batch)
    con.commit()
    con.execute("ANALYZE")
    con.close()
    print(f"built {n} events in {time.perf_counter() - t0:.0f} s ({path.stat().st_size >> 20} MiB)")


def _flush(con: sqlite3.Connection, cols: list[str], rows: list[tuple]) -> None:
    marks = ",".join("?" * len(cols))
    con.executemany(f"INSERT INTO events ({','.join(cols)}) VALUES ({marks})", rows)


async def _load(
    url: str, params_list: list[dict[str, str]], requests: int, concurrency: int, limit_s: float
) -> dict[str, float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.perf_counter() + limit_s

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors, sent
        while sent < requests and time.perf_counter() < deadline:
            params = params_list[sent % len(params_list)]
            sent += 1
            t = time.perf_counter()
            try:
                r = await client.get(url, params=params)
                if r.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - t)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        wall = time.perf_counter() - t0
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / wall,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
    }


class _Subprocess:
    """``wirewatch serve --workers N`` on a free loopback port (stopped on exit)."""

    def __init__(self, db: Path, workers: int) -> None:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.cmd = [
            sys.executable,
            "-c",
            "from wirewatch.cli.app import main; main()",
            "serve",
            "--db",
            str(db),
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ]
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _Subprocess:
        import httpx

        self.proc = subprocess.Popen(self.cmd)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/health", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.3)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def _wrk(base: str, params: list[dict[str, str]], args: argparse.Namespace) -> str:
    """Drive the server with wrk (C, one thread) for a fixed duration, rotating the
    country-month queries; returns wrk's latency distribution and throughput lines."""
    from urllib.parse import urlencode

    paths = ", ".join(f'"/api/events?{urlencode(p)}"' for p in params)
    script = Path(tempfile.mkdtemp()) / "rotate.lua"
    script.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        "  return wrk.format('GET', paths[i])\nend\n"
    )
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{args.concurrency}",
            f"-d{args.seconds}s",
            "--latency",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        timeout=args.seconds + 30,
        check=True,
    ).stdout
    keep = ("50%", "99%", "Requests/sec", "Non-2xx", "Socket errors")
    lines = [ln.strip() for ln in out.splitlines()]
    picked = [ln for ln in lines if ln.startswith(keep) or "requests in" in ln]
    if not any(ln.startswith(("Non-2xx", "Socket errors")) for ln in picked):
        picked.append("no errors")
    return " | ".join(picked)


def main() -> None:
    """Command line entry."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--limit", type=int, default=50, help="page size of each request")
    ap.add_argument("--paint", type=int, default=0, help="events for the first-paint test")
    ap.add_argument("--skip-load", action="store_true", help="only the paint test")
    ap.add_argument("--wrk", action="store_true", help="use wrk (Debian package) as the load")
    ap.add_argument("--seconds", type=int, default=20, help="wrk duration")
    ap.add_argument("--workers", type=int, default=1, help="server processes (subprocess)")
    args = ap.parse_args()
    if not args.db.exists():
        build(args.db, args.events)

    from live_server import LiveServer

    from wirewatch.api import ApiSettings, create_app
    from wirewatch.store import open_store

    if args.skip_load:
        paint(args.db, args.paint)
        return
    store = open_store(args.db)
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    params = [
        {"country": cc, "start": f"{m}-01", "end": f"{m}-28", "limit": str(args.limit)}
        for cc in COUNTRIES[:4]
        for m in months
    ]
    if args.workers > 1:
        server: Any = _Subprocess(args.db, args.workers)
    else:
        server = LiveServer(create_app(store, ApiSettings()))
    with server as live:
        print(
            "country-month sizes:",
            store.count_events(country="SY", date_from="2024-03-01", date_to="2024-03-28"),
        )
        res = asyncio.run(_load(live.url + "/api/events", params, 200, 4, 30))  # warm-up
        if args.wrk and shutil.which("wrk"):
            print("/api/events country-month (wrk):", _wrk(live.url, params, args))
        else:
            res = asyncio.run(
                _load(live.url + "/api/events", params, args.requests, args.concurrency, 120)
            )
            summary = json.dumps({k: round(v, 1) for k, v in res.items()})
            print("/api/events country-month (httpx):", summary)
    store.close()

    if args.paint:
        paint(args.db, args.paint)


def paint(db: Path, n: int) -> None:
    """First paint (and markers drawn) of the map with ``n`` events, in headless Chromium."""
    from live_server import CHROMIUM_ARGS, LiveServer, chromium_path
    from playwright.sync_api import sync_playwright

    from wirewatch.api import ApiSettings, create_app
    from wirewatch.store import open_store

    small = db.with_name(f"paint-{n}.sqlite")
    if not small.exists():
        build(small, n)
    store = open_store(small)
    end = date(2026, 1, 1)
    with LiveServer(create_app(store, ApiSettings())) as live, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for _ in range(2):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            t0 = time.perf_counter()
            page.goto(f"{live.url}/?date={end.isoformat()}")
            page.wait_for_function(
                "() => window.wirewatch && window.wirewatch.events.length > 0 "
                "&& document.body.dataset.ready === 'true'",
                timeout=60_000,
            )
            ready = time.perf_counter() - t0
            fp = page.evaluate(
                "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"
            )
            n_events = page.evaluate("window.wirewatch.events.length")
            print(
                f"map page over {n_events} events: first contentful paint {fp:.0f} ms, "
                f"all markers drawn and lists filled {ready * 1000:.0f} ms"
            )
            page.close()
        browser.close()
    store.close()


if __name__ == "__main__":
    main()
