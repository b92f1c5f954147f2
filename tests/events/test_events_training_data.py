"""The sub-event model's training sentences: well-formed, kept apart from the dev corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wirewatch.events.classifier import NaiveBayes, train_default
from wirewatch.events.knowledge import load_taxonomy, load_training

_WORDS = re.compile(r"[a-z0-9']+")
N = 8  # a shared run of this many words means a copied sentence


def _grams(text: str) -> set[tuple[str, ...]]:
    w = _WORDS.findall(text.lower())
    return {tuple(w[i : i + N]) for i in range(len(w) - N + 1)}


def test_every_sub_event_type_and_none_kind_has_sentences() -> None:
    counts: dict[str, int] = {}
    for label, _ in load_training():
        counts[label] = counts.get(label, 0) + 1
    for sub in load_taxonomy().sub_event_types:
        assert counts.get(sub, 0) >= 10, sub
    kinds = {k for k in counts if k.startswith("none:")}
    assert {"none:crime", "none:natural", "none:manmade", "none:diplo", "none:attrib"} <= kinds


def test_none_kinds_fold_into_none() -> None:
    model = NaiveBayes().fit(
        [
            ("none:crime", "police seized cocaine at the port"),
            ("none:natural", "an earthquake destroyed homes"),
            ("Armed clash", "soldiers and rebels exchanged fire"),
        ]
    )
    probs = model.predict_proba("an earthquake hit the port")
    assert set(probs) == {"none", "Armed clash"}
    assert probs["none"] > 0.5 and abs(sum(probs.values()) - 1) < 1e-9


def test_model_reads_disasters_as_none_and_strikes_as_strikes() -> None:
    model = train_default()
    quake = model.predict_proba("A strong earthquake flattened villages and killed dozens.")
    strike = model.predict_proba("Warplanes bombed the rebel-held town, killing civilians.")
    assert max(quake, key=lambda k: quake[k]) == "none"
    assert max(strike, key=lambda k: strike[k]) == "Air/drone strike"


@pytest.mark.corpus
def test_no_training_sentence_shares_eight_words_with_dev(corpus_dir: Path) -> None:
    dev = corpus_dir / "events-case2021-dev.jsonl"
    if not dev.exists():
        pytest.skip("no CASE 2021 dev corpus")
    seen: set[tuple[str, ...]] = set()
    for line in dev.read_text(encoding="utf-8").splitlines():
        if line.strip():
            seen |= _grams(str(json.loads(line)["text"]))
    copied = [text for _, text in load_training() if _grams(text) & seen]
    assert not copied, copied[:3]
