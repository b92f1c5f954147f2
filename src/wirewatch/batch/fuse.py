"""Cross-article fusion of a batch output on Spark, with the store's own pure functions.

The store fuses incrementally, one article at a time; at archive scale that is one long
serial job. Here the same functions of :mod:`wirewatch.fuse` run in parallel:

1. every extraction is flattened (:func:`wirewatch.fuse.flatten_extraction`, keyed by the
   content id of its text as in the store; articles with the same content count once);
2. event records are sent to their blocks (:func:`wirewatch.fuse.block_keys`: a date window
   × country or 1° grid cell) and each block is clustered (:func:`wirewatch.fuse.merge_block`);
3. clusters found in neighbouring blocks are joined by connected components (iterated
   minimum-label propagation on Spark, the distributed form of
   :func:`wirewatch.fuse.link_clusters`);
4. each component becomes one event (:func:`wirewatch.fuse.build_fused_event`) and each
   place's control assertions one timeline (:func:`wirewatch.fuse.place_timeline`).

Because every step depends only on the set of records, the result equals the store's
fusion of the same articles (``tests/batch/test_batch_fuse.py`` checks it).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from wirewatch.batch import output
from wirewatch.batch.tables import to_table

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

# Rows flattened from extractions: kind is "event" (group = block key) or "control"
# (group = place key); data is the record as JSON (wirewatch.store.serde).
FLAT = pa.schema(
    [
        ("kind", pa.string()),
        ("article_id", pa.string()),
        ("source_key", pa.string()),
        ("group", pa.string()),
        ("key", pa.string()),
        ("data", pa.string()),
    ]
)
GROUPED = pa.schema([("group", pa.string()), ("datas", pa.list_(pa.string()))])
EDGES = pa.schema([("cluster", pa.string()), ("key", pa.string())])

FUSED_EVENTS = pa.schema(
    [
        ("id", pa.string()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("category", pa.string()),  # kind of an event with no ACLED/PLOVER code
        ("historical", pa.bool_()),  # every source tells it as background
        ("date", pa.string()),
        ("country_code", pa.string()),
        ("place_name", pa.string()),
        ("geonameid", pa.int64()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("n_sources", pa.int64()),
        ("fatalities_best", pa.int64()),
        ("fatalities_acled", pa.int64()),
        ("data", pa.string()),
    ]
)
CONTROL_INTERVALS = pa.schema(
    [
        ("id", pa.string()),
        ("place_key", pa.string()),
        ("place_name", pa.string()),
        ("country_code", pa.string()),
        ("holder", pa.string()),
        ("since", pa.string()),
        ("until", pa.string()),
        ("status", pa.string()),
        ("data", pa.string()),
    ]
)
FUSE_TABLES = {"fused_events": FUSED_EVENTS, "control_intervals": CONTROL_INTERVALS}


@dataclass(slots=True)
class FuseResult:
    """What one run of ``wirewatch batch fuse`` produced."""

    articles: int = 0
    records: int = 0
    events: int = 0
    places: int = 0
    intervals: int = 0
    iterations: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``--json`` output."""
        return {k: getattr(self, k) for k in self.__slots__}


def flatten_rows(source_key: str, extraction_json: str) -> list[dict[str, Any]]:
    """FLAT rows of one extraction: its event records per block and its control assertions."""
    from wirewatch.fuse import block_keys, flatten_extraction
    from wirewatch.model import Extraction
    from wirewatch.stages.clean import content_id
    from wirewatch.store.serde import dumps

    ext = Extraction.from_json(extraction_json)
    aid = content_id(ext.article.text)  # the store's article id
    flat = flatten_extraction(ext, aid)
    rows: list[dict[str, Any]] = []
    for rec in flat.events:
        if rec.fusable:
            data = dumps(rec)
            for block in block_keys(rec):
                rows.append({"kind": "event", "group": block, "key": rec.key, "data": data})
    for ctl in flat.control:
        rows.append({"kind": "control", "group": ctl.place.key, "key": ctl.key, "data": dumps(ctl)})
    # An article with nothing to fuse still counts once (for deduplication by content).
    rows.append({"kind": "article", "group": aid, "key": aid, "data": None})
    for row in rows:
        row.update(article_id=aid, source_key=source_key)
    return rows


def flatten_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """``mapInArrow``: EXTRACTIONS batches (ok rows) → FLAT batches."""
    for batch in batches:
        rows: list[dict[str, Any]] = []
        keys = batch.column("key").to_pylist()
        for key, text in zip(keys, batch.column("extraction").to_pylist(), strict=True):
            if text:
                rows.extend(flatten_rows(key, text))
        yield from to_table(rows, FLAT).to_batches()


def _grouped(fn: Callable[[str, list[str]], list[dict[str, Any]]], schema: pa.Schema) -> Any:
    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows: list[dict[str, Any]] = []
            groups = batch.column("group").to_pylist()
            for group, datas in zip(groups, batch.column("datas").to_pylist(), strict=True):
                rows.extend(fn(group, datas))
            yield from to_table(rows, schema).to_batches()

    return run


def block_edges(block: str, datas: list[str]) -> list[dict[str, Any]]:
    """Cluster one block; each member is linked to its cluster's smallest key."""
    from wirewatch.fuse import EventRecord, merge_block
    from wirewatch.store.serde import loads

    clusters = merge_block([loads(EventRecord, d) for d in datas])
    return [{"cluster": c[0], "key": k} for c in clusters for k in c]


def fused_event_rows(label: str, datas: list[str]) -> list[dict[str, Any]]:
    """One fused event from the records of one connected component."""
    from wirewatch.fuse import EventRecord, build_fused_event
    from wirewatch.store.serde import dumps, loads

    ev = build_fused_event(sorted((loads(EventRecord, d) for d in set(datas)), key=lambda r: r.key))
    place = ev.place
    return [
        {
            "id": ev.id,
            "event_type": ev.event_type,
            "sub_event_type": ev.sub_event_type,
            "category": ev.category,
            "historical": ev.historical,
            "date": ev.date,
            "country_code": place.country_code if place else None,
            "place_name": place.name if place else None,
            "geonameid": place.geonameid if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "n_sources": ev.n_sources,
            "fatalities_best": ev.fatalities.best,
            "fatalities_acled": ev.fatalities.acled,
            "data": dumps(ev),
        }
    ]


def control_rows(place_key: str, datas: list[str]) -> list[dict[str, Any]]:
    """The control timeline of one place, one row per interval (ids as in the store)."""
    from wirewatch.fuse import ControlAssertion, place_timeline
    from wirewatch.store.serde import dumps, loads

    timeline = place_timeline([loads(ControlAssertion, d) for d in datas])
    return [
        {
            "id": f"{place_key}/{i}",
            "place_key": place_key,
            "place_name": iv.place.name,
            "country_code": iv.place.country_code,
            "holder": iv.holder,
            "since": iv.since,
            "until": iv.until,
            "status": iv.status,
            "data": dumps(iv),
        }
        for i, iv in enumerate(timeline)
    ]


def components(edges: DataFrame, *, max_iterations: int = 100) -> tuple[DataFrame, int]:
    """Connected components of (cluster, key) memberships: each key → its component's
    smallest key. Minimum-label propagation; converges in a few rounds because a record
    belongs to at most two neighbouring blocks."""
    from pyspark.sql import functions as F

    edges = edges.select("cluster", "key").distinct().cache()
    labels = edges.groupBy("key").agg(F.min("cluster").alias("label"))
    for i in range(1, max_iterations + 1):
        by_cluster = edges.join(labels, "key").groupBy("cluster").agg(F.min("label").alias("label"))
        new = edges.join(by_cluster, "cluster").groupBy("key").agg(F.min("label").alias("label"))
        new = new.localCheckpoint()  # keep the query plan from growing with each round
        changed = new.join(labels.withColumnRenamed("label", "old"), "key").filter(
            F.col("label") != F.col("old")
        )
        labels = new
        if changed.limit(1).count() == 0:
            return labels, i
    raise RuntimeError(f"connected components did not converge in {max_iterations} rounds")


def run_fuse(spark: SparkSession, input_path: str, output_path: str) -> FuseResult:
    """Fuse the extractions of a batch output (``input_path``) into ``output_path``:
    ``fused_events`` and ``control_intervals`` Parquet tables."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from wirewatch.batch.spark import HadoopFS, spark_schema
    from wirewatch.errors import InputError

    started = time.perf_counter()
    fs = HadoopFS(spark)
    source = output.join(input_path, "extractions")
    if not fs.exists(source):
        raise InputError(
            f"{input_path} is not a batch output (no extractions table)",
            hint="run 'wirewatch batch extract' first and pass its output directory",
        )
    if fs.exists(output_path) and fs.listdir(output_path):
        raise InputError(f"output {output_path} already exists", hint="choose a new path")
    result = FuseResult()
    ok = spark.read.parquet(source).filter(F.col("status") == "ok").select("key", "extraction")
    flat = ok.mapInArrow(flatten_batches, spark_schema(FLAT))
    # Articles with the same content count once, as in the store: keep the smallest key.
    first = Window.partitionBy("article_id").orderBy("source_key")
    keep = (
        flat.filter(F.col("kind") == "article")
        .withColumn("_n", F.row_number().over(first))
        .filter(F.col("_n") == 1)
        .select("article_id", "source_key")
    )
    flat = flat.join(keep, ["article_id", "source_key"]).cache()
    result.articles = flat.filter(F.col("kind") == "article").count()

    def grouped(kind: str) -> DataFrame:
        return (
            flat.filter(F.col("kind") == kind)
            .groupBy("group")
            .agg(F.sort_array(F.collect_list("data")).alias("datas"))
        )

    events = flat.filter(F.col("kind") == "event").select("key", "data").distinct()
    result.records = events.count()
    edges = grouped("event").mapInArrow(_grouped(block_edges, EDGES), spark_schema(EDGES))
    labels, result.iterations = components(edges)
    by_component = (
        events.join(labels, "key")
        .groupBy(F.col("label").alias("group"))
        .agg(F.collect_list("data").alias("datas"))
    )
    fused = by_component.mapInArrow(
        _grouped(fused_event_rows, FUSED_EVENTS), spark_schema(FUSED_EVENTS)
    )
    control = grouped("control").mapInArrow(
        _grouped(control_rows, CONTROL_INTERVALS), spark_schema(CONTROL_INTERVALS)
    )
    fused.write.parquet(output.join(output_path, "fused_events"))
    control.write.parquet(output.join(output_path, "control_intervals"))
    written_events = spark.read.parquet(output.join(output_path, "fused_events"))
    written_control = spark.read.parquet(output.join(output_path, "control_intervals"))
    result.events = written_events.count()
    result.intervals = written_control.count()
    result.places = written_control.select("place_key").distinct().count()
    flat.unpersist()
    result.seconds = round(time.perf_counter() - started, 3)
    fs.write_text(
        output.join(output_path, "_wirewatch_fuse.json"),
        json.dumps({"input": input_path, **result.as_dict()}, indent=2),
    )
    return result
