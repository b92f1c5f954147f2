"""`wirewatch ingest --published` dates plain text files that carry no date."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirewatch.cli.app import app

TEXT = "Gunmen attacked a checkpoint near Gao on Tuesday, killing four soldiers, the army said."


@pytest.mark.slow
def test_published_dates_text_files(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    runner = CliRunner()
    out = runner.invoke(
        app, ["ingest", "--db", str(db), str(tmp_path / "in"), "--published", "2024-06-06"]
    )
    assert out.exit_code == 0, out.output
    out = runner.invoke(app, ["events", "--db", str(db), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert '"2024-06-04"' in out.stdout  # Tuesday before Thursday 6 June 2024


def test_bad_published_is_refused(tmp_path: Path) -> None:
    out = CliRunner().invoke(
        app, ["ingest", "--db", str(tmp_path / "x.sqlite"), str(tmp_path), "--published", "June"]
    )
    assert out.exit_code == 2
    assert "YYYY-MM-DD" in out.output
