"""The core CLI: extract (file, stdin, JSON Lines), schema, info, version and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wirewatch.cli.app import app

runner = CliRunner()
TEXT = "Armed men attacked a police post on Monday, the governor said."


def test_version_and_schema() -> None:
    out = runner.invoke(app, ["--version"])
    assert out.exit_code == 0 and out.stdout.startswith("wirewatch ")
    out = runner.invoke(app, ["schema"])
    assert out.exit_code == 0
    assert json.loads(out.stdout)["title"] == "wirewatch Extraction"


def test_info_settings_lists_every_setting() -> None:
    from wirewatch.settings import describe_settings

    out = runner.invoke(app, ["info", "--settings", "--json"])
    assert out.exit_code == 0
    names = {row["name"] for row in json.loads(out.stdout)}
    assert names == {row["name"] for row in describe_settings()}


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    out = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert out.exit_code == 2
    assert "does not exist" in out.output
    assert "Traceback" not in out.output


def test_directory_is_a_clean_error(tmp_path: Path) -> None:
    out = runner.invoke(app, ["extract", str(tmp_path)])
    assert out.exit_code == 2 and "directory" in out.output


def test_bad_published_date_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT)
    out = runner.invoke(app, ["extract", str(f), "--published", "2024-02-30"])
    assert out.exit_code == 2 and "calendar" in out.output


@pytest.mark.slow
def test_extract_file_and_stdin(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    out = runner.invoke(app, ["extract", str(f), "--published", "2024-12-02", "--id", "a1"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["schema_version"] == 1
    assert data["article"]["id"] == "a1" and data["article"]["published"] == "2024-12-02"
    out = runner.invoke(app, ["extract", "-"], input=TEXT)
    assert out.exit_code == 0
    assert json.loads(out.stdout)["article"]["text"] == TEXT


@pytest.mark.slow
def test_extract_jsonl_keeps_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "first", "text": TEXT, "published": "2024-12-02"}),
        "{not json",
        json.dumps({"id": "no-text"}),
        "",
        json.dumps({"id": 7, "text": "Police arrested 14 protesters in the capital."}),
        json.dumps({"id": "empty", "text": "   "}),
    ]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = runner.invoke(app, ["extract", "--jsonl", str(f)])
    assert out.exit_code == 0, out.output
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["article"]["id"] for r in records] == ["first", None, "no-text", "7", "empty"]
    assert records[1]["error"]["code"] == "bad_json" and records[1]["error"]["line"] == 2
    assert records[2]["error"]["code"] == "no_text"
    assert "error" not in records[3]
    assert [w["code"] for w in records[4]["warnings"]] == ["no_published_date", "empty_text"]
