"""The event knowledge files: taxonomy, trigger patterns, training sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirewatch.errors import DataFileError
from wirewatch.events.classifier import NaiveBayes, train_default
from wirewatch.events.knowledge import (
    TERRITORIAL,
    inflections,
    load_cues,
    load_irregular,
    load_patterns,
    load_taxonomy,
    load_training,
    prefilter_words,
    read_patterns,
)


def test_taxonomy_has_the_acled_hierarchy() -> None:
    tax = load_taxonomy()
    assert len(tax.event_types) == 6
    assert len(tax.sub_event_types) == 25
    assert tax.get("Suicide bomb").event_type == "Explosions/Remote violence"
    assert tax.get("Arrests").disorder_type == "Strategic developments"
    assert tax.territorial == {
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    }


def test_every_sub_event_type_is_reachable() -> None:
    tax = load_taxonomy()
    reachable: set[str] = set()
    for pat in load_patterns():
        if pat.sub_event_type == TERRITORIAL:
            reachable |= {
                "Government regains territory",
                "Non-state actor overtakes territory",
                "Non-violent transfer of territory",
            }
        elif pat.sub_event_type:
            reachable.add(pat.sub_event_type)
        reachable |= set(pat.alternatives)
    for mod in load_cues().ordered("protest_modifiers"):
        reachable.add(mod["sub_event_type"])
    assert reachable == set(tax.sub_event_types)


def test_plover_statements_are_covered() -> None:
    plovers = {p.plover for p in load_patterns() if p.plover}
    assert {"REQUEST", "SUPPORT", "ACCUSE", "THREATEN", "RETREAT", "REJECT"} <= plovers


def test_prefilter_covers_irregular_forms() -> None:
    words = prefilter_words()
    assert {"took", "seized", "fled", "withdrew", "shelling", "airstrikes"} <= words
    assert "took" in inflections("take", load_irregular())
    assert "football" not in words


def test_bad_trigger_line_names_file_and_line(tmp_path: Path) -> None:
    good = {"id": "x", "words": ["raid"], "sub_event_type": "Armed clash", "weight": 0.5}
    bad = {"id": "y", "words": ["zap"], "sub_event_type": "Laser duel", "weight": 0.5}
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        read_patterns(path, load_taxonomy())
    assert err.value.line == 3
    assert "Laser duel" in err.value.message


def test_training_sentences_cover_every_sub_type() -> None:
    labels = {label.split(":")[0] for label, _ in load_training()}
    assert labels == set(load_taxonomy().sub_event_types) | {"none"}


def test_classifier_reads_unseen_sentences() -> None:
    model = train_default()
    cases = {
        "Jets bombed the outskirts of the town at dawn.": "Air/drone strike",
        "A roadside bomb hit a police truck.": "Remote explosive/landmine/IED",
        "The striker scored twice as the club won the league title.": "none",
        "Stock markets fell sharply after the central bank decision.": "none",
    }
    for text, label in cases.items():
        probs = model.predict_proba(text)
        assert max(probs, key=lambda k: probs[k]) == label, text


def test_naive_bayes_is_a_real_model() -> None:
    model = NaiveBayes().fit([("a", "red apple fruit"), ("b", "blue sky cloud")])
    assert model.predict_proba("an apple")["a"] > 0.5
    assert model.predict_proba("grey cloud")["b"] > 0.5
    assert model.known_features("nothing known") == 0
