"""Throughput, latency, cold start and memory of the pipeline against bare spaCy.

Both pipelines read the same texts in the same run: the bare one is ``nlp.pipe`` with
every component of the configured spaCy model; ours is the whole wirewatch pipeline.
The ratio ours/bare is the headline: selective parsing should pay for our extra stages.
Cold start and peak memory are measured in a fresh subprocess so that nothing loaded by
the benchmark itself is counted.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from wirewatch.settings import Settings
from wirewatch.stages.clean import RawArticle


@dataclass(slots=True)
class BenchResult:
    """The figures ``wirewatch bench`` reports."""

    articles: int
    words: int
    bare_seconds: float
    ours_seconds: float
    bare_articles_per_s: float
    bare_words_per_s: float
    ours_articles_per_s: float
    ours_words_per_s: float
    ratio: float
    latency_p50_ms: float
    latency_p95_ms: float
    cold_start_s: float | None
    peak_rss_mb: float | None
    parsed_sentence_share: float
    stages: list[str] = field(default_factory=list)
    rounds: int = 1
    # ours/bare of each interleaved round, and of process CPU seconds (best of the rounds):
    # on a shared machine, CPU time is far less disturbed by other work than wall time.
    round_ratios: list[float] = field(default_factory=list)
    cpu_ratio: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """Plain-data view for JSON output."""
        return asdict(self)


def count_words(texts: Sequence[str]) -> int:
    """Whitespace-separated words, the unit of words/s."""
    return sum(len(t.split()) for t in texts)


def _timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall-clock and process CPU seconds of one call of ``fn``."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def run_bench(
    texts: Sequence[str],
    *,
    settings: Settings | None = None,
    published: str = "2024-12-05",
    rounds: int = 2,
    latency_samples: int = 50,
    cold_start: bool = True,
    progress: Callable[[str], None] | None = None,
) -> BenchResult:
    """Measure our pipeline against bare spaCy on ``texts`` (best of ``rounds`` each)."""
    import spacy

    from wirewatch.pipeline import Pipeline
    from wirewatch.stages.clean import new_document

    settings = settings or Settings()
    note = progress or (lambda _msg: None)
    texts = list(texts)
    words = count_words(texts)

    note("loading bare spaCy")
    bare = spacy.load(settings.spacy_model)
    note("loading wirewatch pipeline")
    pipe = Pipeline(settings).load()
    # Warm both up so that lazy initialisation is not timed.
    list(bare.pipe(texts[:2]))
    pipe.run_batch([new_document(RawArticle(text=t, published=published)) for t in texts[:2]])

    parsed = [0, 0]

    def run_ours() -> None:
        docs = (new_document(RawArticle(text=t, published=published)) for t in texts)
        parsed[0] = parsed[1] = 0
        for d in pipe.run_many(docs):
            parsed[0] += d.parsed_count
            parsed[1] += len(d.sentences)

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=settings.batch_size):
            pass

    bare_s = ours_s = bare_cpu = ours_cpu = float("inf")
    round_ratios = []
    for r in range(rounds):  # interleaved so that machine load affects both alike
        note(f"round {r + 1}/{rounds}: bare spaCy")
        wall_b, cpu_b = _timed(run_bare)
        note(f"round {r + 1}/{rounds}: wirewatch")
        wall_o, cpu_o = _timed(run_ours)
        round_ratios.append(round(wall_b / wall_o, 3))
        bare_s, ours_s = min(bare_s, wall_b), min(ours_s, wall_o)
        bare_cpu, ours_cpu = min(bare_cpu, cpu_b), min(ours_cpu, cpu_o)

    note("single-article latency")
    lat = []
    for t in texts[:latency_samples]:
        t0 = time.perf_counter()
        pipe.run(new_document(RawArticle(text=t, published=published)))
        lat.append((time.perf_counter() - t0) * 1000)
    lat.sort()
    p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))] if lat else 0.0

    cold, rss = (None, None)
    if cold_start:
        note("cold start and peak memory in a fresh process")
        cold, rss = measure_cold_start(texts[:200], settings=settings, published=published)

    n = len(texts)
    return BenchResult(
        articles=n,
        words=words,
        bare_seconds=round(bare_s, 3),
        ours_seconds=round(ours_s, 3),
        bare_articles_per_s=round(n / bare_s, 2),
        bare_words_per_s=round(words / bare_s, 1),
        ours_articles_per_s=round(n / ours_s, 2),
        ours_words_per_s=round(words / ours_s, 1),
        ratio=round(bare_s / ours_s, 3),
        latency_p50_ms=round(statistics.median(lat), 1) if lat else 0.0,
        latency_p95_ms=round(p95, 1),
        cold_start_s=cold,
        peak_rss_mb=rss,
        parsed_sentence_share=round(parsed[0] / parsed[1], 3) if parsed[1] else 0.0,
        stages=pipe.names,
        rounds=rounds,
        round_ratios=round_ratios,
        cpu_ratio=round(bare_cpu / ours_cpu, 3) if ours_cpu > 0 else None,
    )


_COLD_SCRIPT = """
import json, resource, sys, time
t0 = time.perf_counter()
from wirewatch.pipeline import Pipeline
from wirewatch.settings import Settings
from wirewatch.stages.clean import RawArticle, new_document
pipe = Pipeline(Settings(spacy_model=sys.argv[2])).load()
texts = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
pipe.run(new_document(RawArticle(text=texts[0], published=sys.argv[3])))
cold = time.perf_counter() - t0
for _ in pipe.run_many(new_document(RawArticle(text=t, published=sys.argv[3])) for t in texts):
    pass
rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"cold_start_s": cold, "peak_rss_mb": rss_kb / 1024}))
"""


def measure_cold_start(
    texts: Sequence[str], *, settings: Settings, published: str
) -> tuple[float | None, float | None]:
    """Seconds from import to the first extraction, and peak RSS over ``texts``, in a subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.jsonl"
        path.write_text("".join(json.dumps(t) + "\n" for t in texts), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-c", _COLD_SCRIPT, str(path), settings.spacy_model, published],
            capture_output=True,
            text=True,
            check=False,
        )
    if proc.returncode != 0:
        return None, None
    data = json.loads(proc.stdout.strip().splitlines()[-1])
    return round(data["cold_start_s"], 2), round(data["peak_rss_mb"], 1)
