"""Synthetic article corpora for batch benchmarks and scale tests.

The articles come from :func:`wirewatch.synth.generate_articles` (templates written by the
team, real place names as slot fillers, reproducible from ``(n, seed)``); this module writes
them as the JSON Lines input of ``wirewatch batch extract``, optionally with corrupt lines
mixed in to exercise per-record error handling. Never use them as ground truth.
"""

from __future__ import annotations

import json
from pathlib import Path

from wirewatch.synth import generate_articles

_OUTLETS = ("Wire A", "Wire B", "Daily C", "Radio D", "Monitor E")


def write_corpus(path: Path, n: int, *, seed: int = 7, bad_every: int = 0) -> Path:
    """Write ``n`` synthetic articles as JSON Lines to ``path`` and return it.

    With ``bad_every`` > 0, a corrupt line follows every ``bad_every``-th article (not
    counted in ``n``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i, art in enumerate(generate_articles(n, seed=seed)):
            record = {
                "id": art.id,
                "text": art.text,
                "published": art.published,
                "outlet": _OUTLETS[i % len(_OUTLETS)],
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            if bad_every and (i + 1) % bad_every == 0:
                fh.write('{"id": "truncated-' + str(i) + '", "text": "cut off in the mi\n')
    return path
