"""Batch extraction on Apache Spark (``pip install 'wirewatch[spark]'``).

The same per-partition functions as the local engine run in Spark's Python workers through
``DataFrame.mapInArrow``: Arrow batches in, Arrow batches out, with no pandas conversion
(so nullable integers stay integers and output is identical to the local engine's). Python
workers are reused between tasks, so each worker loads the models and gazetteer once.

Input may be any path or URI Spark's Hadoop file systems read (``hdfs://``, ``s3a://``,
``gs://``, ``abfss://``, ``file:``). The caller builds and owns the SparkSession.
"""

from __future__ import annotations

import json
import logging
import time
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from wirewatch.batch import inputs, output, partition
from wirewatch.batch.extract import BatchResult
from wirewatch.batch.tables import EXTRACTIONS, FLAT_TABLES, PARSED, flatten_batches
from wirewatch.errors import InputError
from wirewatch.settings import Settings

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import DataType, StructType

log = logging.getLogger(__name__)

LINES_SCHEMA = "source string, line long, value binary"


def spark_type(arrow_type: pa.DataType) -> DataType:
    """The Spark SQL type of an Arrow type used in our tables."""
    from pyspark.sql import types as T

    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return T.StringType()
    if pa.types.is_int64(arrow_type):
        return T.LongType()
    if pa.types.is_float64(arrow_type):
        return T.DoubleType()
    if pa.types.is_boolean(arrow_type):
        return T.BooleanType()
    if pa.types.is_binary(arrow_type):
        return T.BinaryType()
    raise TypeError(f"no Spark type for {arrow_type}")


def spark_schema(schema: pa.Schema) -> StructType:
    """The Spark schema of one of our Arrow schemas."""
    from pyspark.sql import types as T

    return T.StructType([T.StructField(f.name, spark_type(f.type), True) for f in schema])


class HadoopFS:
    """:class:`wirewatch.batch.output.FileSystem` over Spark's Hadoop file systems."""

    def __init__(self, spark: SparkSession) -> None:
        self.spark = spark
        # py4j handles of the JVM: Hadoop's FileSystem API works for every URI scheme
        self._jvm: Any = spark._jvm
        self._conf: Any = spark._jsc.hadoopConfiguration()

    def _fs(self, path: str) -> tuple[Any, Any]:
        p = self._jvm.org.apache.hadoop.fs.Path(path)
        return p.getFileSystem(self._conf), p

    def exists(self, path: str) -> bool:
        """Whether ``path`` exists."""
        fs, p = self._fs(path)
        return bool(fs.exists(p))

    def isdir(self, path: str) -> bool:
        """Whether ``path`` is a directory."""
        fs, p = self._fs(path)
        return bool(fs.exists(p) and fs.getFileStatus(p).isDirectory())

    def listdir(self, path: str) -> list[str]:
        """Names in directory ``path`` (empty when it does not exist)."""
        fs, p = self._fs(path)
        if not fs.exists(p):
            return []
        return sorted(str(s.getPath().getName()) for s in fs.listStatus(p))

    def glob(self, pattern: str) -> list[tuple[str, bool]]:
        """``(uri, is_directory)`` of every path matching ``pattern``."""
        fs, p = self._fs(pattern)
        found = fs.globStatus(p)
        if found is None:
            return []
        return [(str(s.getPath().toString()), bool(s.isDirectory())) for s in found]

    def mkdirs(self, path: str) -> None:
        """Create ``path`` and its parents."""
        fs, p = self._fs(path)
        fs.mkdirs(p)

    def rename(self, src: str, dst: str) -> None:
        """Move ``src`` to ``dst``."""
        fs, p = self._fs(src)
        if not fs.rename(p, self._jvm.org.apache.hadoop.fs.Path(dst)):
            raise OSError(f"could not move {src} to {dst}")

    def delete(self, path: str) -> None:
        """Delete a file or directory tree (no error when absent)."""
        fs, p = self._fs(path)
        fs.delete(p, True)

    def write_text(self, path: str, text: str) -> None:
        """Write ``text`` to ``path`` (replacing it)."""
        fs, p = self._fs(path)
        stream = fs.create(p, True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()

    def read_text(self, path: str) -> str:
        """Read the text file ``path``."""
        # not spark.read.text: Spark skips files whose names start with "_", like our manifest
        fs, p = self._fs(path)
        stream = fs.open(p)
        try:
            data = self._jvm.org.apache.commons.io.IOUtils.toByteArray(stream)
        finally:
            stream.close()
        return bytes(data).decode("utf-8")


def input_files(fs: HadoopFS, path: str) -> list[str]:
    """The input file URIs of a path, directory or glob (clear error when nothing is there)."""
    found = fs.glob(path)
    if not found:
        raise InputError(f"input {path} does not exist", hint="check the path or URI")
    files: list[str] = []
    for uri, is_dir in found:
        if is_dir:
            children = [output.join(uri, n) for n in fs.listdir(uri)]
            files.extend(c for c in children if not fs.isdir(c))
        else:
            files.append(uri)
    return inputs.choose_files(files, path)


def _numbered_lines(spark: SparkSession, uri: str, fmt: str | None) -> DataFrame:
    """(source, line, value) rows of one input file, numbered as the local engine does."""
    source = inputs.source_name(uri)
    sc = spark.sparkContext
    values: Any
    if inputs.file_format(uri, fmt) == "parquet":
        recs = spark.read.parquet(uri).rdd.map(lambda row: row.asDict(recursive=True))
        values = recs.map(partition.record_json)
    else:
        # bytes, not str: a line with invalid UTF-8 must become an error row, not a failed task
        values = sc.textFile(uri, use_unicode=False)
    numbered = values.zipWithIndex().map(lambda t: (source, t[1] + 1, bytes(t[0])))
    return spark.createDataFrame(numbered, LINES_SCHEMA)


def parsed_input(
    spark: SparkSession, files: list[str], fmt: str | None, n_partitions: int
) -> DataFrame:
    """Every input record parsed and keyed (the PARSED table), duplicates settled."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    lines = None
    for uri in files:
        df = _numbered_lines(spark, uri, fmt)
        lines = df if lines is None else lines.unionByName(df)
    assert lines is not None  # choose_files never returns an empty list
    parsed = lines.mapInArrow(partition.parse_line_batches, spark_schema(PARSED))
    # Partition by key ourselves: the window then needs no shuffle of its own into
    # spark.sql.shuffle.partitions (200 by default: 200 tiny tasks per stage).
    parsed = parsed.repartition(n_partitions, "key")
    # Same rule as inputs.settle_duplicates: the first (source, line) of a key wins.
    nth = F.row_number().over(Window.partitionBy("key").orderBy("source", "line"))
    parsed = parsed.withColumn("_n", nth)
    dup = (F.col("_n") > 1) & F.col("error_code").isNull()
    cols = []
    for name in PARSED.names:
        if name == "key":
            col = F.when(dup, F.format_string("%s:%d", "source", "line")).otherwise(F.col("key"))
        elif name == "error_code":
            col = F.when(dup, F.lit("duplicate_id")).otherwise(F.col(name))
        elif name == "error_message":
            template = inputs.DUPLICATE_MESSAGE.replace("{line}", "%d").replace("{key}", "%s")
            msg = F.format_string(template, "line", "key")
            col = F.when(dup, msg).otherwise(F.col(name))
        elif name in ("source", "line", "id"):
            col = F.col(name)
        else:
            col = F.when(dup, F.lit(None).cast("string")).otherwise(F.col(name))
        cols.append(col.alias(name))
    return parsed.select(*cols)


def run_spark(
    spark: SparkSession,
    input_path: str,
    output_path: str,
    settings: Settings,
    *,
    partitions: int | None = None,
    resume: bool = False,
    fmt: str | None = None,
) -> BatchResult:
    """Run batch extraction on Spark; same output as :func:`wirewatch.batch.extract.run_local`."""
    from pyspark.sql import functions as F

    started = time.perf_counter()
    fs = HadoopFS(spark)
    files = input_files(fs, input_path)
    out = output_path.rstrip("/")
    manifest = output.prepare_output(fs, out, resume=resume)
    run = output.new_run_id()
    result = BatchResult(run=run, engine="spark")
    # Cached: counting and extracting then read and parse the input only once.
    n_partitions = partitions or spark.sparkContext.defaultParallelism * 4
    parsed = parsed_input(spark, files, fmt, n_partitions).persist()
    total = parsed.count()
    todo = parsed
    log.info("spark: %d input records parsed (%.1f s)", total, time.perf_counter() - started)
    if resume and fs.listdir(output.join(out, "extractions")):
        done = spark.read.parquet(output.join(out, "extractions")).select("key")
        todo = todo.join(done, on="key", how="left_anti").select(*PARSED.names)
    # Always an explicit count: adaptive execution would otherwise coalesce the small
    # (text-only) shuffle output into one partition and leave all but one core idle.
    todo = todo.repartition(n_partitions)
    result.partitions = todo.rdd.getNumPartitions()
    staged = output.staging_dir(out, run, "extractions")
    extract = partition.extract_batches(settings)
    todo.mapInArrow(extract, spark_schema(EXTRACTIONS)).write.parquet(staged)
    log.info("spark: extraction staged (%.1f s)", time.perf_counter() - started)
    extractions = spark.read.parquet(staged)
    ok = extractions.filter(F.col("status") == "ok")
    for table, schema in FLAT_TABLES.items():
        ok.mapInArrow(flatten_batches(table), spark_schema(schema)).write.parquet(
            output.staging_dir(out, run, table)
        )
    log.info("spark: flat tables staged (%.1f s)", time.perf_counter() - started)
    counts = {r["status"]: int(r["count"]) for r in extractions.groupBy("status").count().collect()}
    result.ok, result.errors = counts.get("ok", 0), counts.get("error", 0)
    result.records = result.ok + result.errors
    result.skipped = total - result.records
    result.seconds = time.perf_counter() - started
    parsed.unpersist()
    output.commit(fs, out, run, manifest, info=json.loads(json.dumps(result.as_dict())))
    return result
