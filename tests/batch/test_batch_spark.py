"""Spark engine: same output as the local engine, byte for byte after sorting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.batch.conftest import CLEAN_ONLY, sample_records, write_jsonl

from wirewatch.batch import output
from wirewatch.batch.extract import run_local
from wirewatch.errors import InputError

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
]


def test_spark_equals_local_on_messy_input(spark: Any, tmp_path: Path) -> None:
    from wirewatch.batch.spark import run_spark

    src = tmp_path / "in"
    src.mkdir()
    write_jsonl(src / "a.jsonl", sample_records(10))
    (src / "b.jsonl").write_bytes(b'{"id": "x1", "text": "Troops left the base."}\n\xff\xfe\n\n')
    (src / "_ignored.jsonl").write_text("{not even json")
    recs = [r for r in sample_records(4) if isinstance(r, dict)]
    cols = {k: [r.get(k) for r in recs] for k in ("id", "text", "published")}
    cols["id"] = [f"pq-{v}" if v else None for v in cols["id"]]
    pq.write_table(pa.table(cols), src / "c.parquet")
    result = run_spark(spark, str(src), str(tmp_path / "spark"), CLEAN_ONLY, partitions=3)
    run_local(str(src), str(tmp_path / "local"), CLEAN_ONLY, n_process=2)
    assert output.digest(str(tmp_path / "spark")) == output.digest(str(tmp_path / "local"))
    rows = output.read_table(str(tmp_path / "spark"), "extractions").to_pylist()
    n_expected = len(sample_records(10)) + 2 + len(recs)
    assert result.records == len(rows) == n_expected
    assert len({r["key"] for r in rows}) == n_expected
    assert {r["source"] for r in rows} == {"a.jsonl", "b.jsonl", "c.parquet"}


def test_spark_resume_and_bad_paths(spark: Any, tmp_path: Path) -> None:
    from wirewatch.batch.spark import run_spark

    recs = sample_records(8)
    src = tmp_path / "articles.jsonl"
    write_jsonl(src, recs[:5])
    out = tmp_path / "out"
    run_spark(spark, str(src), str(out), CLEAN_ONLY)
    with pytest.raises(InputError, match="already exists"):
        run_spark(spark, str(src), str(out), CLEAN_ONLY)
    write_jsonl(src, recs)
    again = run_spark(spark, str(src), str(out), CLEAN_ONLY, resume=True)
    assert again.skipped == 5 and again.records == len(recs) - 5
    run_local(str(src), str(tmp_path / "fresh"), CLEAN_ONLY)
    assert output.digest(str(out)) == output.digest(str(tmp_path / "fresh"))
    with pytest.raises(InputError, match="does not exist"):
        run_spark(spark, str(tmp_path / "missing"), str(tmp_path / "o2"), CLEAN_ONLY)


@pytest.mark.slow
def test_spark_equals_local_with_the_full_pipeline(spark: Any, tmp_path: Path) -> None:
    from wirewatch.batch.spark import run_spark
    from wirewatch.batch.synth import write_corpus
    from wirewatch.settings import Settings

    src = write_corpus(tmp_path / "synth.jsonl", 16, seed=3)
    run_spark(spark, str(src), str(tmp_path / "spark"), Settings(), partitions=2)
    run_local(str(src), str(tmp_path / "local"), Settings(), n_process=2)
    assert output.digest(str(tmp_path / "spark")) == output.digest(str(tmp_path / "local"))
    rows = output.read_table(str(tmp_path / "local"), "extractions").to_pylist()
    assert len(rows) == 16 and all(r["status"] == "ok" for r in rows)
