"""Shared pieces of the evaluations: corpus reading, P/R/F1 and pinned floors.

Each scoreable stage has a module here (``geoparse``, ``time``, ``events``, ``claims``)
returning a flat ``dict[str, float]`` of metrics. Floors live in ``eval/floors/NAME.json``
(metric → floor) and can only be lowered on purpose, by editing that file in a reviewed
commit; CI enforces them whenever the corpus is present.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from wirewatch.errors import InputError


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSON Lines corpus file, naming file and line on errors."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"corpus file {p} does not exist", hint="pass the path to a .jsonl file")
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{p}:{n}: not valid JSON ({exc.msg})") from exc


@dataclass(slots=True)
class PRF:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self, prefix: str) -> dict[str, float]:
        """``{prefix_precision, prefix_recall, prefix_f1}`` rounded to 4 places."""
        return {
            f"{prefix}_precision": round(self.precision, 4),
            f"{prefix}_recall": round(self.recall, 4),
            f"{prefix}_f1": round(self.f1, 4),
        }


def load_floors(name: str) -> dict[str, float]:
    """The pinned floors of evaluation ``name`` (packaged ``eval/floors/NAME.json``)."""
    path = resources.files("wirewatch.eval").joinpath("floors", f"{name}.json")
    if not path.is_file():
        return {}
    data: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))
    return data


def check_floors(name: str, metrics: dict[str, float]) -> list[str]:
    """Messages for every metric of evaluation ``name`` that is below its pinned floor."""
    floors = load_floors(name)
    problems = []
    for key, floor in sorted(floors.items()):
        got = metrics.get(key)
        if got is None:
            problems.append(f"{name}.{key}: metric missing (floor {floor})")
        elif got + 1e-9 < floor:
            problems.append(f"{name}.{key}: {got:.4f} is below the pinned floor {floor:.4f}")
    return problems
