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


# (headline, (content, cue, speaker)): what each rule reads
FOUND = {
    "content runs past a quotation to the end": (
        "Senator Calls Rival ‘A Fraud’ Over Tax Comments.",
        ("Rival ‘A Fraud’ Over Tax Comments", "Calls", "Senator"),
    ),
    "infinitive after a stance verb": (
        "Governor Vows To Cut Taxes For Small Firms",
        ("To Cut Taxes For Small Firms", "Vows", "Governor"),
    ),
    "bare verb after a plural subject": (
        "Farm Groups Rip New Water Rules As ‘Unworkable’",
        ("New Water Rules As ‘Unworkable’", "Rip", "Farm Groups"),
    ),
    "bare verb after a collective noun": (
        "Police Say Driver Fled The Scene",
        ("Driver Fled The Scene", "Say", "Police"),
    ),
    "subject after a leading clause": (
        "Touring The Coast, Minister Urges Towns To Build Sea Walls",
        ("Towns To Build Sea Walls", "Urges", "Minister"),
    ),
    "particle joins the cue": (
        "Union Calls For Pay Talks After Strike",
        ("Pay Talks After Strike", "Calls For", "Union"),
    ),
    "topic preposition joins the cue": (
        "Agency Warns Of Famine In Border Region",
        ("Famine In Border Region", "Warns Of", "Agency"),
    ),
    "topic-only verb with its topic": (
        "Poet Speaks Of Exile At Harbour Rally",
        ("Exile At Harbour Rally", "Speaks Of", "Poet"),
    ),
    "trailing relative clause is no content": (
        "Mayor Endorses Harbour Plan, Which Critics Find Costly",
        ("Harbour Plan", "Endorses", "Mayor"),
    ),
    "topic before the colon": (
        "Mayor on Floods: We Were Ready For The Storm",
        ("We Were Ready For The Storm", "on Floods:", "Mayor"),
    ),
    "hearsay adverb, nobody named": (
        "Council Reportedly Delays Vote On Budget",
        ("Council Reportedly Delays Vote On Budget", "Reportedly", None),
    ),
    "headline with a deck line": (
        "Senator urges calm on border;\nTroops stay in barracks overnight.",
        ("calm on border", "urges", "Senator"),
    ),
}

# headlines with no claim of their own, and why
NONE = {
    "bare verb after a singular subject": "Budget Plan For Schools Is Delayed Again",
    "topic-only verb without its topic": "Poet Speaks At Harbour Rally",
    "preposition after a speech verb": "Choir Sings To Crowd In City Park",
    "cue verb in another sense": "Carmaker Recalls Vans Over Brake Fault",
    "inverted cue at the end wins": "Farmers Want Rain, Weather Office Says",
    "cue at the end is left to the parse": "Bridge Will Reopen In May, Engineer Says",
}


@pytest.mark.parametrize(("headline", "expected"), FOUND.values(), ids=FOUND.keys())
def test_headline_claim(
    lex: ClaimLexicon, headline: str, expected: tuple[str, str, str | None]
) -> None:
    assert _one(lex, headline + BODY) == expected


@pytest.mark.parametrize("headline", NONE.values(), ids=NONE.keys())
def test_no_headline_claim(lex: ClaimLexicon, headline: str) -> None:
    assert _claims(lex, headline + BODY) == []


def test_sentence_case_headline_and_a_quoted_content(lex: ClaimLexicon) -> None:
    text = "Port authority says ‘the harbour is closed’" + BODY
    assert _one(lex, text) == ("‘the harbour is closed’", "says", "Port authority")
    assert _claims(lex, text)[0].direct


def test_a_name_in_the_body_is_no_subject_and_verb(lex: ClaimLexicon) -> None:
    text = "Western States Warn Farmers Of Drought" + (
        "\n\nThe Western States group met on Monday. Farmers were told to save water.\n"
    )
    # "States" stands capitalised after "Western" in the body too: part of a name; the
    # next candidate, "Warn", is a bare form after the plural "States"
    assert _one(lex, text) == ("Farmers Of Drought", "Warn", "Western States")


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


def _title_claims(claims_of: ClaimsOf, headline: str) -> list[tuple[str, str | None, str | None]]:
    """(content, cue, speaker) of the claims in the headline of ``headline`` + body."""
    text = headline + BODY
    return [
        (c.content.text, c.cue.text if c.cue else None, c.speaker)
        for c in claims_of(text)
        if c.content.start < len(headline)
    ]


WHOLE = {
    # the parse alone stops at the quotation; the headline claim replaces it
    "replaces the parse's short content": (
        "Senator Calls Rival ‘A Fraud’ Over Tax Comments",
        [("Rival ‘A Fraud’ Over Tax Comments", "Calls", "Senator")],
    ),
    # the small model tags "rules" a plural noun, but nothing else in it is a verb
    "cue form is the verb of a headline without another": (
        "High Court Rules Against Ban On Street Protests",
        [("Ban On Street Protests", "Rules Against", "High Court")],
    ),
    "Name: words layout still works": (
        "Poll: Candidate Leads In Ohio By Four Points",
        [("Candidate Leads In Ohio By Four Points", ":", "Poll")],
    ),
    # a headline label before a colon names nobody
    "label before a colon (latest)": ("The Latest: Town Hall Vote Delayed Again", []),
    "label before a colon (explainer)": ("Explainer: Who Runs The Harbour Board?", []),
    # the copy's parse reads these as plural nouns before the verb
    "plural noun is no cue verb (pledges)": ("Aid Pledges Fall Short As Winter Nears", []),
    "plural noun is no cue verb (plans)": ("Peace Plans Stall In Capital", []),
}


@pytest.mark.slow
@pytest.mark.parametrize(("headline", "expected"), WHOLE.values(), ids=WHOLE.keys())
def test_headline_with_the_real_model(
    claims_of: ClaimsOf, headline: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert _title_claims(claims_of, headline) == expected


@pytest.mark.slow
def test_body_sentence_keeps_the_body_rules(claims_of: ClaimsOf) -> None:
    text = "Storm Damage Counted\n\nThe mayor called the storm a disaster during a visit."
    found = [c for c in claims_of(text) if c.cue is not None and c.cue.text == "called"]
    assert [c.content.text for c in found] == ["the storm a disaster"]
