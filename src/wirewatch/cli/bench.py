"""``wirewatch bench``: our pipeline against bare spaCy on the same texts, in one run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from wirewatch.cli.common import err_console, fail, settings_from_env, user_errors


def _load_texts(path: Path) -> list[str]:
    from wirewatch.eval.common import read_jsonl

    texts = [str(obj["text"]) for obj in read_jsonl(path) if isinstance(obj.get("text"), str)]
    if not texts:
        raise fail(f"{path} holds no objects with a 'text' string", hint="give a JSON Lines file")
    return texts


def bench(
    n: Annotated[int, typer.Option("--n", help="Number of generated articles.")] = 300,
    input_path: Annotated[
        Path | None,
        typer.Option(
            "--input", help="JSON Lines of {'text': ...} to use instead of generated ones."
        ),
    ] = None,
    rounds: Annotated[int, typer.Option(help="Timed rounds of each pipeline (best is kept).")] = 2,
    seed: Annotated[int, typer.Option(help="Seed of the generated corpus.")] = 7,
    cold: Annotated[
        bool, typer.Option(help="Measure cold start and peak RSS in a subprocess.")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    min_ratio: Annotated[
        float | None,
        typer.Option(help="Exit 1 if the ours/bare throughput ratio is below this."),
    ] = None,
) -> None:
    """Throughput (articles/s, words/s) against bare spaCy, latency, cold start and peak RSS."""
    from wirewatch.bench import run_bench
    from wirewatch.synth import generate_articles

    with user_errors():
        settings = settings_from_env()
        if input_path is not None:
            texts = _load_texts(input_path)
        else:
            texts = [a.text for a in generate_articles(n, seed=seed)]
        with err_console.status("benchmarking") as status:
            result = run_bench(
                texts,
                settings=settings,
                rounds=max(1, rounds),
                cold_start=cold,
                progress=lambda msg: status.update(msg),
            )
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    else:
        rows = [
            ("articles", f"{result.articles}"),
            ("words", f"{result.words:,}"),
            (
                "bare spaCy",
                f"{result.bare_articles_per_s:.1f} articles/s, "
                f"{result.bare_words_per_s:,.0f} words/s",
            ),
            (
                "wirewatch",
                f"{result.ours_articles_per_s:.1f} articles/s, "
                f"{result.ours_words_per_s:,.0f} words/s",
            ),
            ("ratio ours/bare", f"{result.ratio:.2f} (goal >= 1.0)"),
            ("latency p50/p95", f"{result.latency_p50_ms:.0f} / {result.latency_p95_ms:.0f} ms"),
            ("cold start", f"{result.cold_start_s} s (goal <= 2 s)"),
            ("peak RSS", f"{result.peak_rss_mb} MB (goal <= 1200 MB)"),
            ("sentences parsed", f"{result.parsed_sentence_share:.0%}"),
        ]
        for key, value in rows:
            typer.echo(f"{key:<18} {value}")
    if min_ratio is not None and result.ratio < min_ratio:
        raise typer.Exit(1)


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the ``bench`` command."""
    app.command(name="bench")(bench)
