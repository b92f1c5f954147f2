"""A compact multinomial naive Bayes model over sentences, for ACLED sub-event types.

It is trained at load time (a few milliseconds) on sentences the team wrote in
``data/events/training.tsv`` — never on an evaluation corpus. The trigger rules decide
*whether* there is an event and which sub-types are possible; this model picks among the
possible sub-types and vetoes weak triggers in sentences that read as non-conflict news
(the ``none`` class: sport, economy, weather, disasters, diplomacy, crime).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

_WORD = re.compile(r"[a-z][a-z'-]+")
# Function words carry no class signal; the list is grammar, not domain knowledge.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "we",
        "our",
        "you",
        "your",
        "who",
        "which",
        "whom",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "than",
        "then",
        "there",
        "here",
        "into",
        "over",
        "after",
        "before",
        "during",
        "about",
        "up",
        "out",
        "off",
        "also",
        "said",
        "says",
        "say",
        "according",
    ]
)


def features(text: str) -> list[str]:
    """Crude stems (first six letters) of content words, plus word bigrams."""
    words = [w[:6] for w in _WORD.findall(text.lower()) if w not in _STOP]
    return words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]


class NaiveBayes:
    """Multinomial naive Bayes with Laplace smoothing and uniform class priors."""

    def __init__(self, alpha: float = 0.5) -> None:
        self.alpha = alpha
        self.labels: list[str] = []
        self._log_lik: dict[str, dict[str, float]] = {}
        self._unseen: dict[str, float] = {}
        self._vocab: set[str] = set()
        # feature → its log-likelihood under each label (in ``labels`` order), so scoring a
        # sentence is one lookup per feature instead of one per feature and label
        self._rows: dict[str, tuple[float, ...]] = {}

    def fit(self, examples: Iterable[tuple[str, str]]) -> NaiveBayes:
        """Train on ``(label, text)`` pairs."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for label, text in examples:
            counts[label].update(features(text))
        self.labels = sorted(counts)
        self._vocab = {f for c in counts.values() for f in c}
        v = len(self._vocab)
        for label, c in counts.items():
            total = sum(c.values()) + self.alpha * v
            self._log_lik[label] = {f: math.log((n + self.alpha) / total) for f, n in c.items()}
            self._unseen[label] = math.log(self.alpha / total)
        self._rows = {
            f: tuple(self._log_lik[label].get(f, self._unseen[label]) for label in self.labels)
            for f in self._vocab
        }
        return self

    def predict_proba(self, text: str) -> dict[str, float]:
        """Posterior probability of every label for ``text`` (uniform when nothing known)."""
        rows = self._rows
        known = [rows[f] for f in features(text) if f in rows]
        if not self.labels:
            return {}
        # each label's column summed in feature order: the same floats as summing per label
        sums = [sum(col) for col in zip(*known, strict=True)] if known else [0] * len(self.labels)
        scores = dict(zip(self.labels, sums, strict=True))
        top = max(scores.values())
        exp = {k: math.exp(s - top) for k, s in scores.items()}
        z = sum(exp.values())
        out: dict[str, float] = defaultdict(float)
        for k, v in exp.items():
            # "none:crime", "none:diplomacy"...: kinds of non-ACLED news, one "none" outside
            out[k.split(":")[0]] += v / z
        return dict(out)

    def known_features(self, text: str) -> int:
        """How many features of ``text`` the model has seen (0 means: no opinion)."""
        return sum(1 for f in features(text) if f in self._vocab)


def train_default() -> NaiveBayes:
    """The model trained on the packaged, team-written sentences."""
    from wirewatch.events.knowledge import load_training

    return NaiveBayes().fit(load_training())
