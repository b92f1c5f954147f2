"""Spark fusion of a batch output equals the store's fusion of the same articles."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from tests.batch.conftest import write_extractions

from wirewatch.batch.synth import synthetic_extractions

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
]


def test_spark_fusion_equals_store_fusion(spark: Any, tmp_path: Path) -> None:
    from wirewatch.batch.fuse import run_fuse
    from wirewatch.batch.output import read_table
    from wirewatch.model import Extraction
    from wirewatch.store import open_store

    xs = synthetic_extractions(300, seed=5)
    # The same article (same text and URL) under another id counts once, as in the store.
    copy = Extraction.from_dict(xs[0].to_dict())
    copy.article.id = "copy-of-first"
    xs.append(copy)
    write_extractions(tmp_path / "batch", xs)
    result = run_fuse(spark, str(tmp_path / "batch"), str(tmp_path / "fused"))

    store = open_store(str(tmp_path / "store.sqlite"))
    shuffled = xs[:]
    random.Random(1).shuffle(shuffled)
    for x in shuffled:
        store.add_extraction(x)
    dump = store.dump()
    store.close()
    store_events = sorted(row[-1] for row in dump["events"])
    store_intervals = sorted((row[0], row[-1]) for row in dump["control_intervals"])

    fused = pq.read_table(tmp_path / "fused" / "fused_events").to_pylist()
    control = pq.read_table(tmp_path / "fused" / "control_intervals").to_pylist()
    assert result.articles == 300
    assert result.events == len(fused) == len(store_events)
    assert sorted(r["data"] for r in fused) == store_events
    assert sorted((r["id"], r["data"]) for r in control) == store_intervals
    # fusion did real work: many reports per event, and clusters crossing block windows
    assert result.events < result.records / 2
    assert max(r["n_sources"] for r in fused) >= 5
    assert read_table(str(tmp_path / "batch"), "extractions").num_rows == 301
