"""Content boundaries and claim selection on texts written for these tests (real model: slow)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wirewatch.model import Claim

pytestmark = pytest.mark.slow

# the shared fixture (conftest.py): claims of a text
ClaimsOf = Callable[[str], list[Claim]]


def test_nested_cue_is_part_of_the_outer_statement(claims_of: ClaimsOf) -> None:
    claims = claims_of("The mayor said the council plans to reopen the bridge next spring.")
    assert [c.cue.text for c in claims if c.cue] == ["said"]
    assert claims[0].content.text.startswith("the council plans")


def test_according_to_with_the_clause_hung_on_the_source(claims_of: ClaimsOf) -> None:
    claims = claims_of("According to radio host Dale Brennan, the move smells of panic and fear.")
    assert len(claims) == 1
    assert claims[0].content.text == "the move smells of panic and fear"
    assert claims[0].speaker is not None and "Brennan" in claims[0].speaker


def test_trailing_adjunct_of_the_cue_is_not_content(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Governor Lina Park criticized the water plan as a costly mistake during a visit to Dunbar."
    )
    assert [c.content.text for c in claims] == ["the water plan as a costly mistake"]


def test_participle_gloss_ends_the_reported_clause(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "Aid workers said the convoy reached the valley on Monday, citing drivers who "
        "made the trip."
    )
    said = [c for c in claims if c.cue and c.cue.text == "said"]
    assert [c.content.text for c in said] == ["the convoy reached the valley on Monday"]


def test_topic_of_an_attribution_noun(claims_of: ClaimsOf) -> None:
    claims = claims_of("Allegations of bribery have followed the port authority for years.")
    assert [(c.cue.text if c.cue else None, c.content.text) for c in claims] == [
        ("Allegations", "bribery")
    ]
    assert claims[0].speaker is None


def test_split_quotation_around_a_participle_aside(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "“Every time the river rises,” Ortega said, pointing at the map, “the lower "
        "village floods first.”"
    )
    assert len(claims) == 1
    assert claims[0].content.text.startswith("“Every time")
    assert claims[0].content.text.endswith("floods first.”")
    assert claims[0].speaker == "Ortega"


def test_colon_after_a_clause_introduces_a_quotation(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "On Monday the senator made the following remark: “The valley needs a hospital "
        "before it needs a stadium.”"
    )
    assert len(claims) == 1
    assert claims[0].direct_quote
    assert claims[0].speaker == "senator"


def test_listener_infinitive_parsed_as_purpose(claims_of: ClaimsOf) -> None:
    claims = claims_of("The commander tells his troops at the camp to “hold the line and wait.”")
    assert len(claims) == 1
    assert "hold the line" in claims[0].content.text
    assert claims[0].speaker == "commander"


def test_judged_object_may_be_a_bare_name(claims_of: ClaimsOf) -> None:
    claims = claims_of("The county paper backed Mendez.")
    assert [(c.cue.text if c.cue else None, c.content.text) for c in claims] == [
        ("backed", "Mendez")
    ]


def test_list_of_infinitives_stays_one_content(claims_of: ClaimsOf) -> None:
    claims = claims_of("The senator promised to cut the budget, raise wages and create new jobs.")
    assert [c.content.text for c in claims] == [
        "to cut the budget, raise wages and create new jobs"
    ]


def test_second_that_clause_is_not_a_new_cue(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "She said the plan would raise taxes on the rich but that it would add layers "
        "of complexity."
    )
    assert [c.cue.text for c in claims if c.cue] == ["said"]
    assert claims[0].content.text.endswith("layers of complexity")


def test_clause_with_its_own_subject_ends_a_particle_content(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The senator called for raising the fuel tax to 30 percent, but the governor "
        "would keep it at 35 percent."
    )
    assert [c.content.text for c in claims] == ["raising the fuel tax to 30 percent"]


def test_content_never_stops_inside_a_quotation_it_opens(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        'Councillor Ada Brandt described the budget as "late, thin, and a danger to '
        'every school in the county."'
    )
    (claim,) = claims
    assert claim.content.text.endswith('county."')


def test_a_verb_outside_the_lexicon_with_a_that_clause_and_a_holder(
    claims_of: ClaimsOf,
) -> None:
    claims = claims_of("The harbour authority established that the new cranes were delivered late.")
    assert [c.cue.text for c in claims if c.cue] == ["established"]
    assert claims[0].content.text == "that the new cranes were delivered late"
    # causing or requiring a state of affairs is no statement
    assert claims_of("The new rules ensure that the cranes are inspected every year.") == []


def test_a_passive_cue_judges_its_subject_and_its_agent_speaks(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("Mayor Ruth Okafor has been endorsed by the dockworkers' union.")
    assert claim.content.text == "Mayor Ruth Okafor"
    assert claim.speaker_span is not None and claim.speaker_span.text == "the dockworkers' union"
    # without an agent nobody is named: the passive subject is never the speaker
    (claim,) = claims_of("Peacekeepers have been accused of abusing villagers.")
    assert claim.speaker is None
    assert claim.content.text.startswith("Peacekeepers")
    assert claim.content.text.endswith("abusing villagers")


def test_a_participle_on_a_statement_speaks_for_its_issuer(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The ministry issued a statement calling the launch a clear violation of the truce."
    )
    (claim,) = [c for c in claims if c.cue and c.cue.text == "calling"]
    assert claim.speaker_span is not None and claim.speaker_span.text == "The ministry"
    assert claim.content.text == "the launch a clear violation of the truce"


def test_a_parenthetical_cue_before_a_second_reported_clause(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of(
        "Farm incomes fell 4 percent, the bureau said in its spring survey, and food "
        "prices rose 9 percent."
    )
    assert claim.content.text.startswith("Farm incomes fell")
    assert claim.content.text.endswith("rose 9 percent")


def test_a_quotation_opening_the_next_paragraph_continues_the_speaker(
    claims_of: ClaimsOf,
) -> None:
    claims = claims_of(
        "“The pumps failed twice this week,” the engineer said.\n\n"
        "“Nobody had checked them since the floods in May.”\n\nThe council meets on Monday."
    )
    (claim,) = claims
    assert claim.content.text.endswith("floods in May.”")


def test_as_x_put_it_reports_the_clause_it_hangs_on(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("As the harbour master put it, the port is running on luck.")
    assert claim.cue is not None and claim.cue.text == "put it"
    assert claim.content.text == "the port is running on luck"
    assert claim.speaker_span is not None and claim.speaker_span.text == "the harbour master"
    (claim,) = claims_of("The port is running on luck, as the harbour master said.")
    assert claim.content.text == "The port is running on luck"


def test_a_passive_thought_needs_its_judgement(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("The militia is considered a threat to the river towns.")
    assert claim.speaker is None
    assert claim.content.text == "The militia is considered a threat to the river towns"
    assert claims_of("The militia is considered.") == []


def test_a_naming_verb_in_a_relative_clause_names_its_noun(claims_of: ClaimsOf) -> None:
    claims = claims_of('It was a fire that the chief described as "a deliberate act."')
    (claim,) = claims
    assert claim.content.text.startswith("a fire that")
    assert claim.speaker_span is not None and claim.speaker_span.text == "the chief"


def test_an_object_keeps_its_predicate_adverb(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("A new survey shows the governor ahead by 6 points.")
    assert claim.content.text == "the governor ahead by 6 points"


def test_the_subject_of_a_bare_clause_parsed_as_an_object(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("The rebels are demanding President Kiir make a pledge to withdraw.")
    assert claim.content.text == "President Kiir make a pledge to withdraw"


def test_a_relative_clause_without_that_stays_with_its_noun(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of(
        "The envoy mentioned harsh remarks the general had made about the monitors."
    )
    assert claim.content.text.startswith("harsh remarks the general had made")


def test_a_topic_preposition_belongs_to_the_cue(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("The aid agency warned of a famine in the northern districts.")
    assert claim.content.text == "a famine in the northern districts"


def test_a_when_clause_is_no_misparsed_complement(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of(
        "Few analysts would have described the general as a reformer when he took power."
    )
    assert claim.content.text == "the general as a reformer"


def test_an_infinitive_of_what_was_done_next_is_realised(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("The senator took to the radio to accuse the governor of lying.")
    assert claim.cue is not None and claim.cue.text == "accuse"
    assert claim.content.text == "the governor of lying"
    # an infinitive of intention still reports nothing yet
    claims = claims_of("The minister refused to say whether talks had begun.")
    assert [c.cue.text for c in claims if c.cue] == ["refused"]


def test_an_attribution_noun_before_a_copula_and_a_that_clause(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("The mayor's claim is that the dam is safe.")
    assert claim.content.text == "that the dam is safe"
    assert claim.speaker_span is not None and claim.speaker_span.text.startswith("The mayor")


def test_a_reported_question_right_after_the_verb(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("Officials have not said when the bridge will reopen.")
    assert claim.content.text == "when the bridge will reopen"


def test_coordinated_cues_of_one_speaker_are_two_claims(claims_of: ClaimsOf) -> None:
    claims = claims_of("The governor said the levees had held and warned of more rain.")
    assert [(c.cue.text if c.cue else None, c.content.text) for c in claims] == [
        ("said", "the levees had held"),
        ("warned", "more rain"),
    ]
    assert all(c.speaker_span and c.speaker_span.text == "The governor" for c in claims)


def test_a_person_of_the_reported_clause_keeps_the_second_verb(claims_of: ClaimsOf) -> None:
    claims = claims_of("Police say he posed a threat and refused to leave the truck.")
    (claim,) = claims
    assert claim.content.text.endswith("refused to leave the truck")
    claims = claims_of("Witnesses said the commander had fled and denied any role in the killings.")
    assert len(claims) == 1 and claims[0].content.text.endswith("the killings")


def test_a_second_object_coordinated_with_the_verb(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of(
        'The council condemned the launch as "reckless" and a "grave threat" to the region.'
    )
    assert claim.content.text.endswith('threat" to the region')
    # a finite second verb is another action, not part of the object
    (claim,) = claims_of("The minister denied the report and left the hall.")
    assert claim.content.text == "the report"


def test_a_fall_to_a_number_is_no_statement(claims_of: ClaimsOf) -> None:
    assert claims_of("Support for the truce declined to 55 percent in September.") == []


def test_a_claim_nested_in_an_unclear_clause_is_part_of_it(claims_of: ClaimsOf) -> None:
    claims = claims_of("It was unclear whether the court would criticize the mine owners.")
    assert [c.cue.text for c in claims if c.cue] == ["unclear"]


def test_a_phrasal_cue_keeps_its_day_and_topic_preposition(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("The mayor weighed in Friday about whether the footage should be shown.")
    assert claim.content.text == "whether the footage should be shown"


def test_a_free_relative_what_names_only_the_predicate(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of("The rebels used what analysts described as old siege tactics.")
    assert claim.content.text == "old siege tactics"
    assert claim.speaker_span is not None and claim.speaker_span.text == "analysts"


def test_a_comma_set_after_phrase_is_the_writers(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of(
        "Officials said the convoy should pass the checkpoint, after a long dispute over permits."
    )
    assert claim.content.text == "the convoy should pass the checkpoint"


def test_a_comma_set_as_clause_is_the_writers(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of(
        "Aid workers said the shortage was getting worse, as the river crossings stayed shut."
    )
    assert claim.content.text == "the shortage was getting worse"


def test_a_parenthetical_content_runs_over_as_well_as(claims_of: ClaimsOf) -> None:
    (claim,) = claims_of(
        "Drought, the minister often says, is the gravest threat to the region, as well "
        "as a cause of migration."
    )
    assert claim.content.text.endswith("a cause of migration")


def test_a_rival_report_after_while_is_a_claim_of_its_own(claims_of: ClaimsOf) -> None:
    claims = claims_of(
        "The air force said it had shot down 18 drones overnight, while the other side "
        "claimed to have destroyed a command post."
    )
    assert [(c.cue.text if c.cue else None, c.content.text) for c in claims] == [
        ("said", "it had shot down 18 drones overnight"),
        ("claimed", "to have destroyed a command post"),
    ]


def test_a_denial_in_a_relative_clause_ends_the_claim(claims_of: ClaimsOf) -> None:
    accused, denied = claims_of(
        "The rebels have been accused by the UN of receiving support from abroad, which "
        "their leaders deny."
    )
    assert accused.content.text.endswith("support from abroad")
    # the denial is a claim of its own about the same words
    assert denied.cue is not None and denied.cue.text == "deny"
    assert denied.content.text == accused.content.text


def test_a_participle_gloss_ends_a_phrasal_content(claims_of: ClaimsOf) -> None:
    claims = claims_of("The army played down reports of a rebel advance, calling them lies.")
    assert claims[0].content.text == "reports of a rebel advance"
