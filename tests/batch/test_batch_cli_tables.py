"""``wirewatch batch extract``/``digest`` on the command line, and the flat tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirewatch.batch.synth import synthetic_extractions
from wirewatch.batch.tables import EVENTS, claim_rows, event_rows, place_rows, to_table
from wirewatch.cli.app import app
from wirewatch.model import Claim, Span


@pytest.fixture
def clean_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the CLI build a clean-only pipeline (fast, no model)."""
    from wirewatch.cli import batch as cli_batch
    from wirewatch.settings import Settings

    monkeypatch.setattr(cli_batch, "settings_from_env", lambda: Settings(stages=("clean",)))


@pytest.mark.usefixtures("clean_only")
def test_cli_extract_resume_and_errors(articles_file: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = str(tmp_path / "out")
    args = ["batch", "extract", "-i", str(articles_file), "-o", out, "--n-process", "1"]
    first = runner.invoke(app, [*args, "--json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.output)
    assert summary["records"] == 16 and summary["errors"] == 3
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "--resume" in again.output
    resumed = runner.invoke(app, [*args, "--resume", "--json"])
    assert json.loads(resumed.output)["skipped"] == 16
    missing = runner.invoke(app, ["batch", "extract", "-i", str(tmp_path / "no"), "-o", out + "2"])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    bad_engine = runner.invoke(app, [*args, "--engine", "flink"])
    assert bad_engine.exit_code == 2
    digest = runner.invoke(app, ["batch", "digest", out])
    assert digest.exit_code == 0 and len(digest.output.splitlines()) == 4


def test_flat_rows_resolve_ids() -> None:
    ext = synthetic_extractions(3, seed=4)[0]
    ext.claims.append(
        Claim(
            id="c1",
            content=Span(start=0, end=6, text=ext.article.text[:6]),
            speaker="a spokesman",
            speaker_actor=ext.actors[0].id,
            about_events=[ext.events[0].id],
        )
    )
    data = ext.to_dict()
    events = event_rows(data)
    assert len(events) == len(ext.events)
    first, ev = events[0], ext.events[0]
    place = next(p for p in ext.places if p.id == ev.place)
    assert first["article_id"] == ext.article.id and first["event_id"] == ev.id
    assert first["place_name"] == place.name and first["geonameid"] == place.geonameid
    assert first["fatalities_best"] == ev.fatalities.best
    names = {a.id: a.name for a in ext.actors}
    assert first["actor1"] == (names[ev.actor1] if ev.actor1 else None)
    assert ev.evidence is not None and first["evidence"] == ev.evidence.text
    assert to_table(events, EVENTS).num_rows == len(events)
    places = place_rows(data)
    assert [p["place_id"] for p in places] == [p.id for p in ext.places]
    assert places[0]["n_mentions"] == 1
    (claim,) = claim_rows(data)
    assert claim["speaker_actor"] == ext.actors[0].name
    assert json.loads(claim["about_events"]) == [ev.id]
