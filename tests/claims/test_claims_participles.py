"""Participle continuations (``..., X said, warning ...``; ``X announced ..., saying ...``)
inherit the speaker of the reporting clause they continue (real spaCy model: slow)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wirewatch.model import Claim

pytestmark = pytest.mark.slow

# the shared fixture (conftest.py): claims of a text
ClaimsOf = Callable[[str], list[Claim]]


@pytest.fixture(scope="module")
def attribute(claims_of: ClaimsOf) -> object:
    """Claims of a text (the shared fixture under this file's name)."""
    return claims_of


def _claim(claims: list[Claim], fragment: str) -> Claim:
    found = [c for c in claims if fragment in c.content.text]
    assert len(found) == 1, [(c.speaker, c.content.text) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "fragment", "cue", "speaker"),
    [
        # the parse hangs the participle on "fled"/"closed", the inverted "said" beside it
        (
            "Thousands of families fled towards Tessenei and Barentu, the World Food "
            "Programme said, warning that the floods could cut the coastal highway "
            "linking Asmara to Massawa.",
            "floods could cut",
            "warning",
            "World Food Programme",
        ),
        (
            "Several clinics closed in the eastern suburbs, the health ministry said, "
            "warning that cholera cases were rising.",
            "cholera cases",
            "warning",
            "health ministry",
        ),
        # the parse gives "said" two subjects: the shops and the Red Crescent
        (
            "Dozens of shops burned in the old market, the Red Crescent said, "
            "adding that two volunteers were missing.",
            "two volunteers",
            "adding",
            "Red Crescent",
        ),
        (
            "Fuel prices tripled in Juba last month, the World Bank said, "
            "noting that imports had fallen by half.",
            "imports had fallen",
            "noting",
            "World Bank",
        ),
        (
            "Hundreds of herders moved towards Kadugli and Dilling, Save the Children "
            "said, stressing that the drought could close the main route.",
            "drought could close",
            "stressing",
            "Save the Children",
        ),
        (
            "Three villages were emptied near the river, Amnesty International said, "
            "claiming that soldiers had looted them.",
            "soldiers had looted",
            "claiming",
            "Amnesty International",
        ),
    ],
)
def test_inverted_reporting_clause_gives_its_subject_to_the_participle(
    attribute: object, text: str, fragment: str, cue: str, speaker: str
) -> None:
    claims = attribute(text)  # type: ignore[operator]
    c = _claim(claims, fragment)
    assert c.cue is not None and c.cue.text == cue
    assert c.speaker == speaker
    # the reported clause before the cue, when found, has the same speaker
    assert all(x.speaker == speaker for x in claims if x.cue is not None and x.cue.text == "said")


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "channel"),
    [
        # the parse makes "announced" a modifier of the commander, "saying" too
        (
            'A rebel commander announced on Telegram the "total capture of Wadi Halfa", '
            "saying his fighters had taken more than 20 pickup trucks.",
            "20 pickup trucks",
            "rebel commander",
            "Telegram",
        ),
        (
            'A militia chief proclaimed on Facebook the "full control of Abu Zabad", '
            "claiming his units had destroyed 12 armoured cars.",
            "12 armoured cars",
            "militia chief",
            "Facebook",
        ),
    ],
)
def test_participle_after_announcement_keeps_speaker_and_channel(
    attribute: object, text: str, fragment: str, speaker: str, channel: str
) -> None:
    claims = attribute(text)  # type: ignore[operator]
    c = _claim(claims, fragment)
    assert c.speaker == speaker
    assert c.channel == channel


def test_participle_of_nested_report_goes_to_main_speaker(attribute: object) -> None:
    text = (
        "Senator Ruth Bell told reporters that the inquiry would continue for months, "
        "adding that she expected new witnesses."
    )
    claims = attribute(text)  # type: ignore[operator]
    adding = [c for c in claims if c.cue is not None and c.cue.text == "adding"]
    assert len(adding) == 1, [(c.speaker, c.content.text) for c in claims]
    assert "new witnesses" in adding[0].content.text
    assert adding[0].speaker == "Ruth Bell"


def test_participle_of_a_non_reporting_clause_keeps_its_own_subject(
    attribute: object,
) -> None:
    # no reporting verb governs "saying": the clause's own subject speaks
    text = "The villagers blocked the road, saying the army had burned their fields."
    c = _claim(attribute(text), "burned their fields")  # type: ignore[operator]
    assert c.speaker == "villagers"
