"""Claim attribution on texts written for these tests (real spaCy model: slow)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wirewatch.claims.attribute import Attributor
from wirewatch.claims.lexicon import load_lexicon
from wirewatch.document import Document
from wirewatch.model import Article, Claim

pytestmark = pytest.mark.slow

Run = Callable[..., tuple[Document, list[Claim]]]


@pytest.fixture(scope="module")
def run() -> Run:
    """Annotate a text with the real model and attribute its claims."""
    from wirewatch.settings import Settings
    from wirewatch.stages.annotate import Annotator, load_nlp

    settings = Settings()
    annotator = Annotator(load_nlp(settings), settings)
    lex = load_lexicon()

    def go(text: str, *, max_quote_chars: int = 3000) -> tuple[Document, list[Claim]]:
        doc = Document(article=Article(id="t", text=text))
        annotator.annotate([doc])
        return doc, Attributor(lex, max_quote_chars=max_quote_chars).run(doc)

    return go


def one(claims: list[Claim], fragment: str) -> Claim:
    found = [c for c in claims if fragment in c.content.text]
    assert len(found) == 1, [c.content.text for c in claims]
    return found[0]


def test_curly_quote_with_inverted_speaker_and_apposition(run: Run) -> None:
    _, claims = run("“We will not leave the town,” said Karim Haddad, a 41-year-old teacher.")
    c = one(claims, "leave the town")
    assert c.content.text == "“We will not leave the town,”"
    assert c.direct_quote
    assert c.speaker == "Karim Haddad"
    assert c.speaker_role == "41-year-old teacher"
    assert c.cue is not None and c.cue.text == "said"


def test_pronoun_resolves_to_last_person_speaker_not_to_a_group(run: Run) -> None:
    text = (
        '"The convoy left at dawn," said Omar Farouk, a local official. '
        "Villagers said the road was mined. "
        '"They took the bridge road," he said.'
    )
    _, claims = run(text)
    c = one(claims, "bridge road")
    assert c.speaker_span is not None and c.speaker_span.text == "he"
    assert c.speaker == "Omar Farouk"
    assert c.speaker_role == "local official"
    assert one(claims, "road was mined").speaker == "Villagers"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("« The city is calm », the governor said.", "« The city is calm »", "governor"),
        (
            "'The shelling stopped at noon,' a police spokesman said.",
            "'The shelling stopped at noon,'",
            "police spokesman",
        ),
        (
            "The mayor told reporters: “Nobody will be evacuated tonight.”",
            "“Nobody will be evacuated tonight.”",
            "mayor",
        ),
    ],
)
def test_other_mark_styles(run: Run, text: str, quote: str, speaker: str) -> None:
    _, claims = run(text)
    c = one(claims, quote.strip("«»'“” "))
    assert c.content.text == quote
    assert c.direct_quote
    assert c.speaker == speaker


def test_quote_over_two_sentences_and_continuation(run: Run) -> None:
    text = (
        "“The talks failed. Nobody came,” said Lena Ortiz, an analyst at the Centre for "
        "Peace Studies. “The next round will not happen this year.”"
    )
    _, claims = run(text)
    # one statement: the cue-less continuation extends the claim, like a split quote
    assert len(claims) == 1
    c = claims[0]
    assert c.content.text.startswith("“The talks failed. Nobody came,”")
    assert c.content.text.endswith("“The next round will not happen this year.”")
    assert c.speaker == "Lena Ortiz"
    assert c.speaker_role == "analyst at the Centre for Peace Studies"
    assert c.cue is not None and c.cue.text == "said"
    assert c.direct_quote


def test_split_quote_is_one_claim(run: Run) -> None:
    _, claims = run("“We held the line,” the colonel said, “and we will hold it again.”")
    assert len(claims) == 1
    assert claims[0].content.text.endswith("“and we will hold it again.”")
    assert claims[0].speaker == "colonel"


def test_quote_with_its_own_cue_is_not_a_continuation(run: Run) -> None:
    text = "“The water is gone,” said Mira Sen, a nurse. “We boil rain,” she said."
    _, claims = run(text)
    assert [c.content.text for c in claims] == ["“The water is gone,”", "“We boil rain,”"]
    assert [c.speaker for c in claims] == ["Mira Sen", "Mira Sen"]


def test_partial_quote_inside_reported_speech(run: Run) -> None:
    _, claims = run("The ministry said its troops had “withdrawn to safer lines” overnight.")
    c = one(claims, "withdrawn")
    assert c.content.text.startswith("its troops had “withdrawn to safer lines”")
    assert not c.direct_quote
    assert c.speaker == "ministry"


def test_reported_speech_and_according_to(run: Run) -> None:
    text = (
        "The Interior Ministry announced that the curfew would be lifted on Monday. "
        "According to the Regional Monitoring Group (RMG), at least 40 civilians were "
        "killed in the strikes."
    )
    _, claims = run(text)
    c = one(claims, "curfew")
    assert c.content.text == "that the curfew would be lifted on Monday"
    assert c.speaker == "Interior Ministry"
    assert c.speaker_role is None
    a = one(claims, "40 civilians")
    assert a.speaker == "Regional Monitoring Group"
    assert a.cue is not None and a.cue.text == "According to"
    assert "According" not in a.content.text


def test_channels_and_intermediary(run: Run) -> None:
    text = (
        "The militia announced on Telegram the “complete capture of Dunbar”. "
        "“We hold the port,” Colonel Jane Morrow said in a statement carried by the "
        "official Norland news agency."
    )
    _, claims = run(text)
    tg = one(claims, "Dunbar")
    assert tg.channel == "Telegram"
    assert tg.content.text == "“complete capture of Dunbar”"
    assert tg.direct_quote
    st = one(claims, "hold the port")
    assert st.channel == "statement"
    assert st.intermediary == "Norland"
    assert st.speaker == "Jane Morrow"
    assert st.speaker_role == "Colonel"


def test_called_on_and_adding(run: Run) -> None:
    text = "Foreign Minister Paul Grant called on both sides to “stop the fighting at once”."
    _, claims = run(text)
    c = one(claims, "stop the fighting")
    assert c.cue is not None and c.cue.text == "called on"
    assert c.speaker == "Paul Grant"
    assert c.speaker_role == "Foreign Minister"


def test_no_attribution_gives_no_claims(run: Run) -> None:
    text = (
        "Heavy rain fell over the valley on Sunday. The river rose by two metres and "
        "several roads were closed. Shops reopened in the afternoon."
    )
    doc, claims = run(text)
    assert claims == []
    assert doc.warnings == []


def test_unresolvable_pronoun_is_not_invented(run: Run) -> None:
    _, claims = run("He said the bridge was closed for repairs.")
    c = one(claims, "bridge")
    assert c.speaker is None
    assert c.speaker_span is not None and c.speaker_span.text == "He"


def test_scare_quotes_without_cue_are_not_claims(run: Run) -> None:
    _, claims = run("The so-called “buffer zone” was shelled again. Roads were “unsafe” all week.")
    assert claims == []


def test_stray_and_unbalanced_marks_do_not_run_away(run: Run) -> None:
    text = (
        "Troops withdrew from two villages, including ‘one on the ridge road.\n"
        '“We saw them leave,” said a farmer. The shop’s owner said " nothing else.\n'
        "Officials said the area was calm."
    )
    doc, claims = run(text)
    assert any(w.code == "runaway_quote" for w in doc.warnings)
    for c in claims:
        assert "\n" not in c.content.text
    assert one(claims, "saw them leave").speaker == "farmer"
    assert one(claims, "area was calm").speaker == "Officials"


def test_quote_thousands_of_words_long_is_capped(run: Run) -> None:
    body = " ".join(["the shelling went on"] * 1500)  # 6,000 words
    text = f"“{body},” the commander said."
    doc, claims = run(text, max_quote_chars=2000)
    assert claims, "the capped quote is still attributed"
    assert all(c.content.end - c.content.start <= 2000 for c in claims)
    assert any(w.code == "runaway_quote" for w in doc.warnings)


def test_figure_given_by_a_source(run: Run) -> None:
    _, claims = run("The provincial health office put the death toll at 14 on Monday.")
    c = one(claims, "toll")
    assert c.content.text == "the death toll at 14"
    assert c.speaker is not None and "health office" in c.speaker
    assert c.cue is not None and c.cue.text == "put"
    _, claims = run("She put the parcel at the door and left.")
    assert claims == []


def test_speakerless_infinitive_noun_is_no_claim(run: Run) -> None:
    # a decision or plan with nobody named reports no statement; a named one does
    _, claims = run("The decision to move the depot outside Dunbar was a costly one.")
    assert claims == []
    _, claims = run("The governor's plan to move the depot outside Dunbar drew protests.")
    assert [c.speaker for c in claims] == ["governor"]
