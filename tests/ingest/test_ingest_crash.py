"""kill -9 in the middle of an ingest, re-run: the database equals an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wirewatch.store import open_store

WORKER = Path(__file__).with_name("crash_worker.py")
N = 30


def _run(db: str, delay: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(WORKER.parent), *sys.path])}
    return subprocess.Popen(
        [sys.executable, str(WORKER), db, str(N), str(delay)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _articles(db: str) -> int:
    s = open_store(db)
    try:
        return int(s.stats()["articles"])
    finally:
        s.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_mid_ingest_then_resume(tmp_path: Path, backend: str) -> None:
    if backend == "postgresql":
        pg = os.environ.get("WIREWATCH_TEST_PG_URL")
        if not pg:
            pytest.skip("WIREWATCH_TEST_PG_URL not set")
        from sqlalchemy import create_engine, text

        from wirewatch.store import resolve_url

        engine = create_engine(resolve_url(pg)[0])
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        crashed = pg
    else:
        crashed = str(tmp_path / "crash.sqlite")
    reference = str(tmp_path / "reference.sqlite")

    proc = _run(crashed, 0.15)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            stored = _articles(crashed)
        except Exception:  # the worker may still be creating the schema
            continue
        if stored >= 6:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < stored < N, f"the kill should land mid-way (stored {stored})"

    resumed = _run(crashed, 0.0)
    out, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    new = int(out.split("new=")[1].split()[0])
    dup = int(out.split("duplicate=")[1].split()[0])
    assert new + dup == N and dup >= stored

    ref = _run(reference, 0.0)
    out, err = ref.communicate(timeout=300)
    assert ref.returncode == 0, err
    assert f"new={N}" in out

    a, b = open_store(crashed), open_store(reference)
    try:
        dump_a, dump_b = a.dump(), b.dump()
        assert dump_a["articles"] == dump_b["articles"]
        assert dump_a == dump_b
        assert a.stats()["events"] == 12  # 3 towns × 4 days
    finally:
        a.close()
        b.close()
