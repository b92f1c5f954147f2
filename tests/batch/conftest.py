"""Fixtures of the batch tests: small article files and one shared local Spark session."""

from __future__ import annotations

import json
import os
import shutil
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from wirewatch.batch.partition import ok_row
from wirewatch.batch.tables import EXTRACTIONS, to_table
from wirewatch.settings import Settings

# Only the clean stage: the batch machinery is under test here, not the NLP (fast, no model).
CLEAN_ONLY = Settings(stages=("clean",))


def write_jsonl(path: Path, records: list[Any]) -> Path:
    """Write records (dicts, or raw strings written as they are) as JSON Lines."""
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(rec if isinstance(rec, str) else json.dumps(rec))
            fh.write("\n")
    return path


def sample_records(n: int = 12) -> list[Any]:
    """Valid articles, with a few bad lines and a duplicate id among them."""
    recs: list[Any] = [
        {
            "id": f"art-{i:03d}",
            "text": f"Fighters attacked a checkpoint near the town number {i} on Monday, "
            f"officials said, and {i + 2} people were wounded.",
            "published": "2024-12-0" + str(1 + i % 9),
            "outlet": "Test Wire",
        }
        for i in range(n)
    ]
    recs.insert(3, "{not json")
    recs.insert(6, {"id": "art-001", "text": "a second copy of an earlier id"})
    recs.insert(8, {"id": "no-text"})
    recs.append({"text": "An article without an id: the rebels entered the city on Sunday."})
    return recs


def write_extractions(out: Path, extractions: list[Any], n_parts: int = 3) -> None:
    """A minimal batch output: the extractions table in a few part files."""
    rows = [
        ok_row({"key": x.article.id, "source": "synth", "line": i}, x.to_dict())
        for i, x in enumerate(extractions, 1)
    ]
    (out / "extractions").mkdir(parents=True)
    for p in range(n_parts):
        part = to_table(rows[p::n_parts], EXTRACTIONS)
        pq.write_table(part, out / "extractions" / f"part-{p:05d}.parquet")


@pytest.fixture
def articles_file(tmp_path: Path) -> Path:
    """A JSON Lines input with valid articles, bad lines and a duplicate id."""
    return write_jsonl(tmp_path / "articles.jsonl", sample_records())


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One local[2] SparkSession for the whole test session (skip without pyspark or Java)."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Java is not installed")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    warnings.filterwarnings("ignore", message=".*pandas >= 3.0.0.*")
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("wirewatch-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
