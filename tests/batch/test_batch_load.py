"""``wirewatch load``: batch extractions into the store, idempotently."""

from __future__ import annotations

import json
from pathlib import Path

from tests.batch.conftest import write_extractions
from typer.testing import CliRunner

from wirewatch.batch.synth import synthetic_extractions
from wirewatch.cli.app import app


def test_load_adds_articles_once_and_fuses(tmp_path: Path) -> None:
    xs = synthetic_extractions(40, seed=2)
    write_extractions(tmp_path / "batch", xs)
    db = str(tmp_path / "events.sqlite")
    runner = CliRunner()
    first = runner.invoke(app, ["load", "--db", db, "--json", "-q", str(tmp_path / "batch")])
    assert first.exit_code == 0, first.output
    counts = json.loads(first.output)
    assert counts["new"] == 40 and counts["duplicate"] == 0
    assert counts["events"] == sum(len(x.events) for x in xs)
    again = runner.invoke(app, ["load", "--db", db, "--json", "-q", str(tmp_path / "batch")])
    assert json.loads(again.output)["duplicate"] == 40

    from wirewatch.store import open_store

    with open_store(db) as store:
        events = store.query_events(limit=None)
    assert 0 < len(events) < counts["events"]  # reports of one event were fused


def test_load_refuses_a_directory_that_is_not_a_batch_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["load", "--db", str(tmp_path / "x.sqlite"), str(tmp_path)])
    assert result.exit_code == 2
    assert "not a batch output" in result.output
