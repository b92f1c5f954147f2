"""Contents across sentence and layout boundaries, on texts written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wirewatch.claims.spans import colon_run_on, signed_paragraph, transcript_run_on
from wirewatch.model import Claim

# the shared fixture (conftest.py): claims of a text
ClaimsOf = Callable[[str], list[Claim]]


def test_colon_run_on_reaches_the_sentence_end() -> None:
    text = "He notes that two things matter: rain and roads. Then he left."
    end = text.index(":")
    assert text[: colon_run_on(text, end, text.index(" Then"))].endswith("rain and roads")


def test_colon_run_on_stops_at_the_line_end() -> None:
    text = "She wrote that one step is left: a vote\nThe next line is a heading"
    end = text.index(":")
    assert colon_run_on(text, end, len(text)) == text.index("\n")


def test_colon_run_on_needs_words_after_the_colon() -> None:
    text = "They listed the costs:\n\nfuel, food and rent."
    end = text.index(":")
    assert colon_run_on(text, end, len(text)) == end
    assert colon_run_on("No colon follows here.", 8, 22) == 8


@pytest.mark.slow
def test_reported_clause_runs_on_over_its_colon(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The analyst notes that three forces are at work at once: prices are rising, "
        "loans are cheap and lenders are less strict."
    )
    notes = [c for c in claims if c.cue and c.cue.text == "notes"]
    assert [c.content.text for c in notes] == [
        "that three forces are at work at once: prices are rising, loans are cheap and "
        "lenders are less strict"
    ]


@pytest.mark.slow
def test_content_stops_at_a_trailing_source_of_the_whole_clause(claims_of: ClaimsOf) -> None:
    # the reported clause ran on over "according to ..."; cut there, it lies inside the
    # sourced clause and restates it
    claims = claims_of(
        "Police have said they have no plans to release the footage of the arrest, "
        "according to lawyers for the family."
    )
    assert [(c.cue.text if c.cue else None, c.content.text) for c in claims] == [
        ("according to", "Police have said they have no plans to release the footage of the arrest")
    ]


@pytest.mark.slow
def test_two_claims_on_one_content_keep_the_inner_cue(claims_of: ClaimsOf) -> None:
    # "appeared" (no speaker) and "suggest" would both claim the same words
    claims = claims_of(
        "The senator appeared to suggest that the guards who fled might not be as brave as "
        "those who stayed."
    )
    assert [(c.cue.text if c.cue else None, c.speaker) for c in claims] == [("suggest", "senator")]
    assert claims[0].content.text.startswith("that the guards")


@pytest.mark.slow
def test_quotation_continues_past_a_pronoun_claim(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "“The roads are closed for now,” Mayor Ana Ruiz said after touring the valley. "
        "She did not mention the bridge. “We will open them again as soon as the water "
        "goes down.”"
    )
    said = [c for c in claims if c.cue and c.cue.text == "said"]
    assert len(said) == 1
    assert said[0].content.text.startswith("“The roads")
    assert said[0].content.text.endswith("goes down.”")


@pytest.mark.slow
def test_quotation_continues_past_a_claim_in_the_speaker_title(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "“These are hard weeks,” said Tomas Beck, a lawyer for the growers, who has argued "
        "for years that the dam harms the river. “I do not know what the company wants. "
        "But I doubt it can finish the work.”"
    )
    quoted = [c for c in claims if c.content.text.startswith("“I do not know")]
    assert [c.speaker for c in quoted] == ["Tomas Beck"]


@pytest.mark.slow
def test_parenthetical_statement_carries_on_over_a_but_sentence(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The new bridge, the engineer said, would carry heavy trucks for another decade. "
        "But it would need new cables within five years."
    )
    assert len(claims) == 1
    assert claims[0].content.text.endswith("new cables within five years")


@pytest.mark.slow
def test_a_but_sentence_with_its_own_cue_is_not_run_on(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The new bridge, the engineer said, would carry heavy trucks for another decade. "
        "But the mayor said the cables must be replaced first."
    )
    said = [c for c in claims if c.cue and c.cue.text == "said"]
    assert len(said) == 2
    assert said[0].content.text.endswith("for another decade")


_TRANSCRIPT = (
    'The interview went on.\n\n"HOST: Do you think the budget will pass this year?\n\n'
    '"MORALES: Well, I think it will pass before the summer recess.\n\n'
    '"The votes are there, and the committee has done its work.\n\n'
    '"(CROSSTALK.)\n\n"HOST: Thank you, Senator."\n'
)


def test_transcript_turn_runs_over_its_paragraphs() -> None:
    line = _TRANSCRIPT.index('"MORALES')
    end = _TRANSCRIPT.index(".\n", line)
    stop = transcript_run_on(_TRANSCRIPT, line, end)
    assert _TRANSCRIPT[:stop].endswith("has done its work")


def test_transcript_run_on_needs_an_unclosed_opening_mark() -> None:
    text = 'MORALES: It will pass.\n\n"The votes are there."\n'
    end = text.index(".")
    assert transcript_run_on(text, 0, end) == end
    closed = '"MORALES: It will pass."\n\n"The votes are there.\n'
    assert transcript_run_on(closed, 0, closed.index(".")) == closed.index(".")


@pytest.mark.slow
def test_transcript_turn_is_one_quoted_claim(claims_of: ClaimsOf) -> None:
    claims = claims_of(_TRANSCRIPT)
    turn = [c for c in claims if c.speaker == "MORALES"]
    assert len(turn) == 1
    assert turn[0].content.text.startswith("Well, I think")
    assert turn[0].content.text.endswith("has done its work")
    assert turn[0].direct_quote


def test_signed_paragraph_takes_a_wrongly_opened_quotation() -> None:
    text = "Readers wrote in.\n\n”The plan will fail. Nobody asked us.” ― Dana Wells\n"
    sig = text.index(" ―")
    a, b = signed_paragraph(text, sig) or (0, 0)
    assert text[a:b] == "”The plan will fail. Nobody asked us.”"
    assert signed_paragraph("Plain words with no marks ― Dana Wells\n", 25) is None


@pytest.mark.slow
def test_signed_paragraph_with_a_wrong_opening_mark_is_a_claim(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Readers told us what they think.\n\n”The mayor has failed us. I think the "
        "new bridge was a waste of money.” ― Dana Wells\n"
    )
    signed = [c for c in claims if c.speaker == "Dana Wells"]
    assert len(signed) == 1
    assert signed[0].content.text.startswith("”The mayor")
    assert signed[0].direct_quote


@pytest.mark.slow
def test_colon_line_wins_over_first_person_claims_inside_it(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The panel met on Monday.\n\nHOST: Senator, I do not want to interrupt, but I want "
        "to ask about the budget.\n\nMORALES: The votes are there.\n"
    )
    assert [(c.speaker, c.cue.text if c.cue else None) for c in claims] == [
        ("HOST", ":"),
        ("MORALES", ":"),
    ]


@pytest.mark.slow
def test_object_inside_a_speakerless_claim_is_not_a_claim_of_its_own(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "It is apparent that the governor, after many months of quarrels with the ministry "
        "over the budget, wanted to hide his dealings."
    )
    assert [c.cue.text if c.cue else None for c in claims] == ["apparent"]
