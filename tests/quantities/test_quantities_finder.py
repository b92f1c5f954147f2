"""Finding quantities in hand-written sentences (no spaCy needed)."""

from __future__ import annotations

import pytest

from wirewatch.model import Quantity
from wirewatch.stages.measure_quantities import QuantityFinder


@pytest.fixture(scope="module")
def finder() -> QuantityFinder:
    return QuantityFinder()


def one(finder: QuantityFinder, text: str) -> Quantity:
    found = finder.find(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def test_lower_bound_keeps_qualifier_and_open_high(finder: QuantityFinder) -> None:
    q = one(finder, "The fighting has caused more than 800 deaths since the start.")
    assert (q.text, q.value, q.low, q.high) == ("more than 800 deaths", 800, 800, None)
    assert (q.qualifier, q.unit, q.category, q.id) == ("more than", "deaths", "killed", "q1")


def test_at_least_with_verb_after(finder: QuantityFinder) -> None:
    q = one(finder, "At least 12 people were killed in the raid.")
    assert (q.low, q.value, q.high, q.qualifier, q.category) == (12, 12, None, "at least", "killed")
    q = one(finder, "Officials said 9 killed and none hurt.")
    assert q.category == "killed" and q.value == 9


def test_between_range_is_low_mid_high(finder: QuantityFinder) -> None:
    q = one(finder, "Between 20 and 30 fighters died on Sunday.")
    assert (q.low, q.value, q.high, q.qualifier) == (20, 25, 30, "between")
    assert q.category == "killed"
    q = one(finder, "Medics counted 12-15 wounded.")
    assert (q.low, q.value, q.high, q.category) == (12, 13.5, 15, "injured")


def test_vague_words(finder: QuantityFinder) -> None:
    q = one(finder, "Rebels freed hundreds of unjustly held prisoners.")
    assert (q.qualifier, q.unit, q.category, q.low) == ("hundreds", "prisoners", "freed", 200)
    q = one(finder, "The group seized dozens of localities.")
    assert (q.qualifier, q.unit, q.category, q.low) == ("dozens", "localities", "places", 24)
    q = one(finder, "Security forces arrested several hundred protesters.")
    assert (q.qualifier, q.category, q.low) == ("several hundred", "detained", 300)


def test_vague_word_without_a_counted_noun_needs_one(finder: QuantityFinder) -> None:
    assert finder.find("Many of them stayed home, several said.") == []
    q = one(finder, "Several civilians were killed.")
    assert q.category == "killed" and q.qualifier == "several"


def test_number_words_and_scales(finder: QuantityFinder) -> None:
    assert one(finder, "Twenty-five villages were emptied.").value == 25
    q = one(finder, "Some 1.5 million people have fled the region.")
    assert (q.value, q.qualifier, q.low, q.high) == (1_500_000, "some", None, None)
    assert one(finder, "They counted 3,000 refugees at the camp.").value == 3000
    assert one(finder, "a dozen were arrested overnight").value == 12
    q = one(finder, "three hundred and fifty thousand people were displaced")
    assert (q.value, q.category) == (350_000, "displaced")


def test_categories_from_nouns(finder: QuantityFinder) -> None:
    q = one(finder, "More than 200 military vehicles left the city.")
    assert (q.unit, q.category) == ("vehicles", "vehicles")
    assert one(finder, "They withdrew from two other towns.").category == "places"
    q = one(finder, "Strikes left 30 wounded.")
    assert q.category == "injured"


def test_verb_before_wins_for_people_but_not_for_places(finder: QuantityFinder) -> None:
    assert one(finder, "They released 40 hostages.").category == "freed"
    assert one(finder, "They captured five villages.").category == "places"


@pytest.mark.parametrize(
    "text",
    [
        "Abbas, a 33-year-old civil servant, spoke.",
        "A man aged 45 was questioned.",
        "The offensive began on November 27.",
        "The offensive began on 27 November 2024.",
        "They were chased away in 2019.",
        "The curfew starts at 10:30 tonight.",
        "It was the 3rd attack this week.",
        "Fighting lasted four days.",
        "After two months of open war, the front was quiet.",
        "One of them said nothing.",
        "The M23 took the hill; F-16 jets flew over.",
    ],
)
def test_not_quantities(finder: QuantityFinder, text: str) -> None:
    assert finder.find(text) == []


def test_percentages_are_other(finder: QuantityFinder) -> None:
    q = one(finder, "About 50% of the houses were destroyed.")
    assert q.category == "other" and q.unit == "%"


def test_skip_spans_from_the_time_layer(finder: QuantityFinder) -> None:
    text = "It took three weeks; 40 people were killed."
    found = finder.find(text, skip=[(8, 19)])
    assert [q.text for q in found] == ["40 people"]


def test_spans_and_ids(finder: QuantityFinder) -> None:
    text = "Ten soldiers were wounded and 4 civilians killed; dozens fled."
    found = finder.find(text)
    assert [q.id for q in found] == ["q1", "q2", "q3"]
    for q in found:
        assert text[q.start : q.end] == q.text
    assert [q.category for q in found] == ["injured", "killed", "displaced"]


def test_compound_nouns_and_names_inside_the_noun_phrase(finder: QuantityFinder) -> None:
    q = one(finder, "The blast wounded eight paramilitary troops.")
    assert (q.unit, q.category) == ("troops", "injured")
    q = one(finder, "At least 20 Al-Shabaab members were killed.")
    assert (q.unit, q.category, q.low) == ("members", "killed", 20)
    q = one(finder, "At least 52 demonstrators in Gaza have been killed.")
    assert q.category == "killed"


def test_one_of_several_counts_the_several(finder: QuantityFinder) -> None:
    q = one(finder, "One of the seven people on board was rescued.")
    assert (q.text, q.value) == ("seven people", 7)
