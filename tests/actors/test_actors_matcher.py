"""The Aho-Corasick matcher: word boundaries, case rules, leftmost-longest."""

from __future__ import annotations

import pytest

from wirewatch.actors import load_kb
from wirewatch.actors.matcher import ACRONYM, NAME, Matcher, at_boundaries, lower_same_length


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_kb())


def surfaces(matcher: Matcher, text: str, *types: str) -> list[str]:
    return [text[h.start : h.end] for h in matcher.scan(text) if not types or h.of_type(*types)]


def test_longest_match_wins(matcher: Matcher) -> None:
    text = "The Syrian Observatory for Human Rights said Kataib Hezbollah fired."
    found = surfaces(matcher, text, NAME)
    assert "Syrian Observatory for Human Rights" in found
    assert "Kataib Hezbollah" in found and "Hezbollah" not in found


def test_word_boundaries_and_possessive(matcher: Matcher) -> None:
    assert "Sana" not in surfaces(matcher, "Fighting near Sana'a and Sanaa continued.", NAME)
    assert surfaces(matcher, "HTS's fighters and the HTS-led alliance.", ACRONYM) == ["HTS", "HTS"]
    assert surfaces(matcher, "The PHTS index rose.", ACRONYM) == []


def test_case_rules(matcher: Matcher) -> None:
    assert surfaces(matcher, "the hts index", ACRONYM) == []
    assert surfaces(matcher, "Fighters of al-Shabaab attacked.", NAME) == ["al-Shabaab"]
    # A capitalised alias does not match a lower-case common word.
    assert "amal" not in surfaces(matcher, "They had amal movement plans.", NAME)


def test_helpers() -> None:
    # "İ" lowers to two characters; it is kept so that offsets stay aligned.
    assert lower_same_length("İstanbul ÖZ") == "İstanbul öz"
    assert len(lower_same_length("İİİ")) == 3
    assert at_boundaries("(HTS)", 1, 4)
    assert not at_boundaries("xHTS", 1, 4)
