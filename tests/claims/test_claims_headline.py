"""Claims in headlines (``claims/headline.py``), on headlines invented for these tests.

The rule tests run without spaCy (no parser: the layout alone decides); the tests marked
slow run the whole attributor with the real model, whose parse of the headline's
sentence-case copy vetoes plural nouns read as cue verbs.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wirewatch.claims.headline import HeadlineClaim, headline_claims, headline_span
from wirewatch.claims.lexicon import ClaimLexicon, load_lexicon
from wirewatch.claims.quotes import scan_quotes, top_level
from wirewatch.document import Document
from wirewatch.model import Article, Claim

BODY = "\n\nThe council met on Monday. Officials gave no figures for the new budget.\n"


@pytest.fixture(scope="module")
def lex() -> ClaimLexicon:
    return load_lexicon()


def _claims(lex: ClaimLexicon, text: str, title: str | None = None) -> list[HeadlineClaim]:
    doc = Document(article=Article(id="t", text=text, title=title))
    quotes, _ = scan_quotes(text)
    return headline_claims(doc, lex, top_level(quotes))


def _one(lex: ClaimLexicon, text: str) -> tuple[str, str, str | None]:
    """(content, cue, speaker name) of the one headline claim of ``text``."""
    found = _claims(lex, text)
    assert len(found) == 1, found
    h = found[0]
    name = h.speaker.name if h.speaker is not None else None
    return text[h.start : h.end], text[h.cue[0] : h.cue[1]], name


def test_content_runs_past_a_quotation_to_the_end(lex: ClaimLexicon) -> None:
    text = "Senator Calls Rival ‘A Fraud’ Over Tax Comments." + BODY
    assert _one(lex, text) == ("Rival ‘A Fraud’ Over Tax Comments", "Calls", "Senator")


def test_infinitive_content_after_a_stance_verb(lex: ClaimLexicon) -> None:
    text = "Governor Vows To Cut Taxes For Small Firms" + BODY
    assert _one(lex, text) == ("To Cut Taxes For Small Firms", "Vows", "Governor")


def test_bare_verb_after_a_plural_subject(lex: ClaimLexicon) -> None:
    text = "Farm Groups Rip New Water Rules As ‘Unworkable’" + BODY
    assert _one(lex, text) == ("New Water Rules As ‘Unworkable’", "Rip", "Farm Groups")


def test_bare_verb_after_a_singular_subject_is_no_cue(lex: ClaimLexicon) -> None:
    assert _claims(lex, "Budget Plan For Schools Is Delayed Again" + BODY) == []


def test_sentence_case_headline_and_a_quoted_content(lex: ClaimLexicon) -> None:
    text = "Port authority says ‘the harbour is closed’" + BODY
    found = _claims(lex, text)
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "‘the harbour is closed’"
    assert found[0].direct


def test_subject_after_a_leading_clause(lex: ClaimLexicon) -> None:
    text = "Touring The Coast, Minister Urges Towns To Build Sea Walls" + BODY
    assert _one(lex, text) == ("Towns To Build Sea Walls", "Urges", "Minister")


def test_particle_joins_the_cue(lex: ClaimLexicon) -> None:
    text = "Union Calls For Pay Talks After Strike" + BODY
    assert _one(lex, text) == ("Pay Talks After Strike", "Calls For", "Union")


def test_topic_preposition_joins_the_cue(lex: ClaimLexicon) -> None:
    text = "Agency Warns Of Famine In Border Region" + BODY
    assert _one(lex, text) == ("Famine In Border Region", "Warns Of", "Agency")


def test_topic_only_verb_needs_its_topic(lex: ClaimLexicon) -> None:
    assert _claims(lex, "Poet Speaks At Harbour Rally" + BODY) == []
    text = "Poet Speaks Of Exile At Harbour Rally" + BODY
    assert _one(lex, text) == ("Exile At Harbour Rally", "Speaks Of", "Poet")


def test_preposition_after_a_speech_verb_gives_no_claim(lex: ClaimLexicon) -> None:
    assert _claims(lex, "Choir Sings To Crowd In City Park" + BODY) == []


def test_trailing_relative_clause_is_not_content(lex: ClaimLexicon) -> None:
    text = "Mayor Endorses Harbour Plan, Which Critics Find Costly" + BODY
    assert _one(lex, text) == ("Harbour Plan", "Endorses", "Mayor")


def test_a_name_in_the_body_is_no_subject_and_verb(lex: ClaimLexicon) -> None:
    text = "Western States Warn Farmers Of Drought" + (
        "\n\nThe Western States group met on Monday. Farmers were told to save water.\n"
    )
    # "States" stands capitalised after "Western" in the body too: part of a name; the
    # next candidate, "Warn", is a bare form after the plural "States"
    assert _one(lex, text) == ("Farmers Of Drought", "Warn", "Western States")


def test_topic_before_the_colon(lex: ClaimLexicon) -> None:
    text = "Mayor on Floods: We Were Ready For The Storm" + BODY
    assert _one(lex, text) == ("We Were Ready For The Storm", "on Floods:", "Mayor")


def test_hearsay_adverb_makes_the_headline_a_claim_without_speaker(lex: ClaimLexicon) -> None:
    text = "Council Reportedly Delays Vote On Budget" + BODY
    assert _one(lex, text) == ("Council Reportedly Delays Vote On Budget", "Reportedly", None)


def test_collective_noun_takes_the_bare_verb(lex: ClaimLexicon) -> None:
    text = "Police Say Driver Fled The Scene" + BODY
    assert _one(lex, text) == ("Driver Fled The Scene", "Say", "Police")


def test_cue_verb_in_another_sense_is_no_cue(lex: ClaimLexicon) -> None:
    assert _claims(lex, "Carmaker Recalls Vans Over Brake Fault" + BODY) == []


def test_inverted_cue_at_the_end_wins_over_an_earlier_one(lex: ClaimLexicon) -> None:
    assert _claims(lex, "Farmers Want Rain, Weather Office Says" + BODY) == []


def test_cue_at_the_end_is_left_to_the_parse(lex: ClaimLexicon) -> None:
    assert _claims(lex, "Bridge Will Reopen In May, Engineer Says" + BODY) == []


def test_headline_with_a_deck_line(lex: ClaimLexicon) -> None:
    text = "Senator urges calm on border;\nTroops stay in barracks overnight." + BODY
    assert _one(lex, text) == ("calm on border", "urges", "Senator")


def test_no_headline_without_a_paragraph_of_its_own() -> None:
    text = "Officials say the road is open.\nTrucks crossed at noon.\nMore came later.\n\nEnd."
    assert headline_span(Document(article=Article(id="t", text=text))) is None


def test_article_title_marks_the_headline() -> None:
    text = "Governor Vows To Cut Taxes\nThe governor spoke on Monday.\nShe gave no date."
    doc = Document(article=Article(id="t", text=text, title="Governor Vows To Cut Taxes"))
    assert headline_span(doc) == (0, len("Governor Vows To Cut Taxes"))


def test_supersedes_overlapping_and_misread_claims() -> None:
    h = HeadlineClaim(14, 40, (8, 13), None, False)
    assert h.supersedes(14, 20, (8, 13))  # the parse's shorter content
    assert h.supersedes(0, 7, (30, 34))  # a cue inside the content read the wrong way
    assert not h.supersedes(60, 90, (50, 54))  # a body claim


# -- the whole attributor, with the real model -------------------------------------------

ClaimsOf = Callable[[str], list[Claim]]


def _in_title(claims: list[Claim], text: str) -> list[Claim]:
    end = text.index("\n")
    return [c for c in claims if c.content.start < end]


@pytest.mark.slow
def test_headline_claim_replaces_the_parses_short_content(claims_of: ClaimsOf) -> None:
    text = "Senator Calls Rival ‘A Fraud’ Over Tax Comments" + BODY
    found = _in_title(claims_of(text), text)
    assert [(c.content.text, c.speaker) for c in found] == [
        ("Rival ‘A Fraud’ Over Tax Comments", "Senator")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "headline", ["Aid Pledges Fall Short As Winter Nears", "Peace Plans Stall In Capital"]
)
def test_plural_noun_is_no_cue_verb(claims_of: ClaimsOf, headline: str) -> None:
    text = headline + "\n\nDonors met in the capital on Monday. Talks ended without a deal.\n"
    assert _in_title(claims_of(text), text) == []


@pytest.mark.slow
def test_cue_form_is_the_verb_of_a_headline_without_another(claims_of: ClaimsOf) -> None:
    # the small model tags "rules" a plural noun here, but nothing else in the headline
    # is a verb
    text = "High Court Rules Against Ban On Street Protests" + BODY
    found = _in_title(claims_of(text), text)
    assert [(c.content.text, c.cue.text if c.cue else None) for c in found] == [
        ("Ban On Street Protests", "Rules Against")
    ]


@pytest.mark.slow
def test_name_colon_layout_still_works(claims_of: ClaimsOf) -> None:
    text = "Poll: Candidate Leads In Ohio By Four Points" + BODY
    found = _in_title(claims_of(text), text)
    assert [(c.content.text, c.speaker) for c in found] == [
        ("Candidate Leads In Ohio By Four Points", "Poll")
    ]


@pytest.mark.slow
def test_body_sentence_keeps_the_body_rules(claims_of: ClaimsOf) -> None:
    text = "Storm Damage Counted\n\nThe mayor called the storm a disaster during a visit."
    found = [c for c in claims_of(text) if c.cue is not None and c.cue.text == "called"]
    assert [c.content.text for c in found] == ["the storm a disaster"]
