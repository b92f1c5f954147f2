"""Batch extraction with the local engine: every record once, errors per record, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.batch.conftest import CLEAN_ONLY, sample_records, write_jsonl

from wirewatch.batch import output, partition
from wirewatch.batch.extract import run_local
from wirewatch.errors import InputError


def _rows(out: Path) -> list[dict]:
    return output.read_table(str(out), "extractions").to_pylist()


def test_every_record_once_with_error_rows(articles_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_local(str(articles_file), str(out), CLEAN_ONLY, partitions=3)
    rows = _rows(out)
    n_lines = len(sample_records())
    assert result.records == len(rows) == n_lines
    assert sorted(r["line"] for r in rows) == list(range(1, n_lines + 1))
    assert len({r["key"] for r in rows}) == n_lines
    errors = {r["line"]: r["error_code"] for r in rows if r["status"] == "error"}
    assert errors == {4: "bad_json", 7: "duplicate_id", 9: "no_text"}
    dup = next(r for r in rows if r["line"] == 7)
    assert dup["key"] == "articles.jsonl:7"
    assert "art-001" in dup["error_message"]
    ok = [r for r in rows if r["status"] == "ok"]
    assert len({r["article_id"] for r in ok}) == len(ok) == n_lines - 3
    first = next(r for r in ok if r["article_id"] == "art-001")
    data = json.loads(first["extraction"])
    assert data["article"]["id"] == "art-001"
    assert data["article"]["published"] == "2024-12-02"
    no_id = next(r for r in ok if r["line"] == n_lines)
    assert no_id["key"].startswith("sha1:") and no_id["article_id"] == no_id["key"]
    manifest = json.loads((out / output.MANIFEST).read_text())
    assert manifest["format"] == output.FORMAT and len(manifest["runs"]) == 1
    assert not list((out / output.STAGING).glob("*"))


def test_invalid_utf8_line_is_an_error_row(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "Shelling hit the town on Monday."}\n{"id": "b\xff\xfe\n'
    )
    run_local(str(path), str(tmp_path / "out"), CLEAN_ONLY)
    rows = sorted(_rows(tmp_path / "out"), key=lambda r: r["line"])
    assert [(r["line"], r["status"]) for r in rows] == [(1, "ok"), (2, "error")]
    assert rows[1]["error_code"] == "bad_json"


def test_two_processes_give_identical_output(articles_file: Path, tmp_path: Path) -> None:
    run_local(str(articles_file), str(tmp_path / "one"), CLEAN_ONLY, n_process=1)
    run_local(str(articles_file), str(tmp_path / "two"), CLEAN_ONLY, n_process=2, partitions=5)
    assert output.digest(str(tmp_path / "one")) == output.digest(str(tmp_path / "two"))


def test_resume_skips_done_and_matches_a_single_run(tmp_path: Path) -> None:
    recs = sample_records()
    src = tmp_path / "in" / "articles.jsonl"
    src.parent.mkdir()
    write_jsonl(src, recs[:7])
    out = tmp_path / "out"
    first = run_local(str(src.parent), str(out), CLEAN_ONLY)
    assert first.records == 7
    write_jsonl(src, recs)
    second = run_local(str(src.parent), str(out), CLEAN_ONLY, resume=True)
    assert second.skipped == 7 and second.records == len(recs) - 7
    third = run_local(str(src.parent), str(out), CLEAN_ONLY, resume=True)
    assert third.records == 0 and third.skipped == len(recs)
    run_local(str(src), str(tmp_path / "fresh"), CLEAN_ONLY)
    assert output.digest(str(out)) == output.digest(str(tmp_path / "fresh"))


def test_existing_output_needs_resume(articles_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_local(str(articles_file), str(out), CLEAN_ONLY)
    with pytest.raises(InputError, match="already exists"):
        run_local(str(articles_file), str(out), CLEAN_ONLY)
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="not a wirewatch batch output"):
        run_local(str(articles_file), str(other), CLEAN_ONLY)
    assert (other / "notes.txt").read_text() == "mine"


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        run_local(str(tmp_path / "nope.jsonl"), str(tmp_path / "out"), CLEAN_ONLY)
    assert not (tmp_path / "out").exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no files"):
        run_local(str(tmp_path / "empty"), str(tmp_path / "out"), CLEAN_ONLY)


def test_interrupted_runs_are_discarded_or_finished(articles_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_local(str(articles_file), str(out), CLEAN_ONLY)
    before = output.digest(str(out))
    # A run that died before it was ready: its files must not appear.
    dead = out / output.STAGING / "dead-run" / "extractions"
    dead.mkdir(parents=True)
    extra = output.read_table(str(out), "extractions").slice(0, 1)
    pq.write_table(extra, dead / "part-dead-run-00000.parquet")
    run_local(str(articles_file), str(out), CLEAN_ONLY, resume=True)
    assert output.digest(str(out)) == before
    assert not (out / output.STAGING / "dead-run").exists()


def test_ready_run_is_committed_on_resume(articles_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_local(str(articles_file), str(out), CLEAN_ONLY)
    table = output.read_table(str(out), "extractions")
    # Move one committed part back to staging, marked ready: recovery must restore it.
    part = sorted((out / "extractions").glob("part-*"))[0]
    n_part = pq.read_table(part).num_rows
    staged = out / output.STAGING / "late" / "extractions"
    staged.mkdir(parents=True)
    part.rename(staged / part.name)
    (out / output.STAGING / "late" / output.READY).write_text("late")
    assert output.read_table(str(out), "extractions").num_rows == table.num_rows - n_part
    run_local(str(articles_file), str(out), CLEAN_ONLY, resume=True)
    assert output.read_table(str(out), "extractions").num_rows == table.num_rows


def test_parquet_input(tmp_path: Path) -> None:
    recs = [r for r in sample_records() if isinstance(r, dict)]
    cols = {k: [r.get(k) for r in recs] for k in ("id", "text", "published", "outlet")}
    pq.write_table(pa.table(cols), tmp_path / "articles.parquet")
    run_local(str(tmp_path / "articles.parquet"), str(tmp_path / "out"), CLEAN_ONLY)
    rows = _rows(tmp_path / "out")
    assert len(rows) == len(recs)
    codes = sorted(r["error_code"] for r in rows if r["error_code"])
    assert codes == ["duplicate_id", "no_text"]


def test_an_article_that_raises_becomes_an_error_row(
    articles_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = partition.new_document

    def flaky(raw):  # type: ignore[no-untyped-def]
        if raw.id == "art-005":
            raise RuntimeError("boom")
        return real(raw)

    monkeypatch.setattr(partition, "new_document", flaky)
    run_local(str(articles_file), str(tmp_path / "out"), CLEAN_ONLY, n_process=1)
    rows = {r["key"]: r for r in _rows(tmp_path / "out")}
    assert rows["art-005"]["status"] == "error"
    assert rows["art-005"]["error_code"] == "extract_failed"
    assert "boom" in rows["art-005"]["error_message"]
    assert rows["art-006"]["status"] == "ok"  # its batch-mates were retried one by one
