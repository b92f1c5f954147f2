"""Attribution cues beyond speech verbs, written for these tests (real spaCy model: slow)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wirewatch.model import Claim

pytestmark = pytest.mark.slow

# the shared fixture (conftest.py): claims of a text
ClaimsOf = Callable[[str], list[Claim]]

Run = ClaimsOf


@pytest.fixture(scope="module")
def run(claims_of: ClaimsOf) -> Run:
    """Claims of a text (the shared fixture under this file's name)."""
    return claims_of


def by_cue(claims: list[Claim], cue: str) -> Claim:
    found = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert len(found) == 1, [(c.cue.text if c.cue else None, c.content.text) for c in claims]
    return found[0]


def test_parenthetical_cue_reports_the_whole_sentence(run: Run) -> None:
    claims = run("The dam was safe, the engineer said, until the storm broke it in May.")
    c = by_cue(claims, "said")
    assert c.content.text == "The dam was safe, the engineer said, until the storm broke it in May"
    assert c.speaker == "engineer"


def test_parenthetical_stops_before_a_writers_clause(run: Run) -> None:
    claims = run("The bridge is closed, the police said on Monday, as crowds gathered nearby.")
    c = by_cue(claims, "said")
    assert c.content.text == "The bridge is closed"


def test_attribution_noun_with_possessor_and_that_clause(run: Run) -> None:
    claims = run("Reporters checked Governor Maria Lopez's claim that the road had been rebuilt.")
    c = by_cue(claims, "claim")
    assert c.content.text == "that the road had been rebuilt"
    assert c.speaker == "Maria Lopez"


def test_attribution_noun_without_complement_is_no_claim(run: Run) -> None:
    claims = run("The minister's statement was read on the radio in the evening.")
    assert claims == []


def test_evaluative_verb_reports_a_judgement_on_its_object(run: Run) -> None:
    claims = run("The mayor praised the volunteers for keeping the shelter open all night.")
    c = by_cue(claims, "praised")
    assert c.content.text.startswith("the volunteers for keeping the shelter open")
    assert c.speaker == "mayor"


def test_infinitive_cue_reports_nothing_yet(run: Run) -> None:
    claims = run("The company refused to disclose the results of the audit.")
    assert all(c.cue is None or c.cue.text != "disclose" for c in claims)


def test_plan_with_infinitive_is_a_claim(run: Run) -> None:
    claims = run("The city council plans to open two new clinics next year.")
    c = by_cue(claims, "plans")
    assert c.content.text == "to open two new clinics next year"
    assert c.speaker == "city council"


def test_verbs_own_complement_beats_a_quotation_in_the_sentence_before(run: Run) -> None:
    text = (
        'The crowd chanted "no more war." The spokesman said the talks would resume in the spring.'
    )
    c = by_cue(run(text), "said")
    assert c.content.text == "the talks would resume in the spring"
    assert not c.direct_quote


def test_quotation_introduced_by_a_named_speaker_and_a_colon(run: Run) -> None:
    claims = run("A lesson from Joan Smith: “Always check the water first.”\n\nShe trained nurses.")
    c = by_cue(claims, ":")
    assert c.content.text == "“Always check the water first.”"
    assert c.speaker == "Joan Smith"


def test_colon_without_a_named_speaker_is_no_claim(run: Run) -> None:
    claims = run("The sign on the door read: “Closed until further notice.”")
    assert all(c.cue is None or c.cue.text != ":" for c in claims)


def test_cue_closing_a_paragraph_with_a_colon_introduces_the_next(run: Run) -> None:
    text = (
        "The governor spoke to reporters on Friday. The governor added:\n\n"
        "The roads will be cleared by Sunday and the schools will reopen.\n\n"
        "Snow fell again overnight."
    )
    c = by_cue(run(text), "added")
    assert c.content.text == "The roads will be cleared by Sunday and the schools will reopen"
    assert c.speaker == "governor"


def test_according_to_after_a_comma_reports_the_clause_before(run: Run) -> None:
    text = (
        "Prices would rise by 9 percent, according to the central bank, "
        "more than twice the rate of last year."
    )
    c = by_cue(run(text), "according to")
    assert c.content.text == "Prices would rise by 9 percent"
    assert c.speaker == "central bank"


def test_seeing_something_as_something_is_a_naming_cue(run: Run) -> None:
    claims = run("Many farmers see the new canal as a threat to their wells.")
    c = by_cue(claims, "see")
    assert c.content.text == "the new canal as a threat to their wells"
    assert c.speaker is not None and c.speaker.endswith("farmers")


def test_attitude_verb_reports_its_object(run: Run) -> None:
    claims = run("The council members despise the new parking rules in the old town.")
    c = by_cue(claims, "despise")
    assert c.content.text.startswith("the new parking rules")


def test_object_keeps_a_phrase_the_parse_hangs_on_the_verb(run: Run) -> None:
    claims = run("The inspectors described serious faults by the builder in the northern wing.")
    c = by_cue(claims, "described")
    assert c.content.text.startswith("serious faults by the builder")


def test_adjective_of_a_state_of_mind_with_a_clause(run: Run) -> None:
    claims = run("The harbour master was confident that the ferry would sail by noon.")
    c = by_cue(claims, "confident")
    assert c.content.text == "that the ferry would sail by noon"
    assert c.speaker is not None and c.speaker.endswith("harbour master")


def test_expletive_adjective_names_no_speaker(run: Run) -> None:
    claims = run("It was clear that the bridge needed repairs before the winter.")
    c = by_cue(claims, "clear")
    assert c.content.text == "that the bridge needed repairs before the winter"
    assert c.speaker is None


def test_adjective_without_a_clause_is_no_claim(run: Run) -> None:
    assert run("The fishermen were happy with the catch on the morning tide.") == []


def test_aspectual_verb_with_an_object_reports_nothing(run: Run) -> None:
    claims = run("The candidate continued her tour of the coastal towns on Friday.")
    assert [c for c in claims if c.cue is not None and c.cue.text == "continued"] == []


def test_a_poll_set_off_with_in_is_the_source(run: Run) -> None:
    claims = run("In the latest county poll, the mayor leads her rival by six points.")
    c = by_cue(claims, "In the")
    assert c.content.text == "the mayor leads her rival by six points"
    assert c.speaker is not None and "poll" in c.speaker


def test_in_a_report_after_a_cue_verb_is_no_second_claim(run: Run) -> None:
    claims = run("The agency said in a report that the harvest would be late this year.")
    assert not [c for c in claims if c.cue is not None and c.cue.text.lower().startswith("in")]


def test_phrasal_cues_need_their_particle(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("The mayor railed against the toll increase in a speech on Friday.")
    assert claim.cue is not None and claim.cue.text == "railed against"
    assert claim.content.text == "the toll increase"
    (claim,) = claims_of("The minister played down the risk of a wider war.")
    assert claim.content.text == "the risk of a wider war"
    # without the particle the verb is no cue
    assert claims_of("The band played a long set in the square.") == []


def test_an_expletive_state_of_mind_after_an_inverted_copula(claims_of: ClaimsOf) -> None:
    claims = claims_of("Nor is it clear that the new levy would slow the trade.")
    (claim,) = claims
    assert claim.speaker is None
    assert claim.content.text == "that the new levy would slow the trade"
    (claim, *_) = claims_of("It was unclear whether the court would hear the appeal.")
    assert claim.cue is not None and claim.cue.text == "unclear"


def test_a_stance_noun_with_a_possessor_and_an_infinitive(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("The council's refusal to reopen the crossing has angered traders.")
    assert claim.cue is not None and claim.cue.text == "refusal"
    assert claim.content.text == "to reopen the crossing"


def test_prove_to_be_is_a_link_not_a_claim(claims_of: ClaimsOf) -> None:
    assert claims_of("The new levee proved to be too low for the spring floods.") == []
