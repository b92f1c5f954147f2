"""Contradictions between claims and between figures, on hand-built documents (fast)."""

from __future__ import annotations

import re

from wirewatch.claims.contradict import claim_stance, find_contradictions, speaker_side
from wirewatch.claims.lexicon import load_lexicon
from wirewatch.document import Document, Sentence
from wirewatch.model import Actor, Article, Claim, Event, Place, Quantity, Span

LEX = load_lexicon()


def build(text: str) -> Document:
    """A document whose sentences end at . or .” (lines are paragraphs)."""
    doc = Document(article=Article(id="t", text=text))
    sents = [
        Sentence(k, m.start(), m.end(), m.group())
        for k, m in enumerate(re.finditer(r"[^\s][^\n]*?(?:[.!?][”\"]?(?=\s|$)|(?=\n)|$)", text))
    ]
    doc.set_sentences(sents)
    return doc


def span(doc: Document, fragment: str) -> Span:
    i = doc.text.index(fragment)
    return Span.of(doc.text, i, i + len(fragment))


def claim(
    doc: Document,
    cid: str,
    content: str,
    speaker: str,
    role: str | None = None,
    actor: str | None = None,
    cue: str = "said",
) -> Claim:
    c = span(doc, content)
    cue_at = doc.text.index(cue, c.end) if cue in doc.text[c.end :] else doc.text.index(cue)
    return Claim(
        id=cid,
        content=c,
        speaker=speaker,
        speaker_role=role,
        speaker_actor=actor,
        cue=Span.of(doc.text, cue_at, cue_at + len(cue)),
    )


TEXT = (
    "The Northern Front announced the “total liberation of Dunbar”.\n"
    "Defence Minister Tom Reyes said the withdrawal from Dunbar was “a temporary tactical "
    "measure”. "
    "“Our forces are still near the city,” Reyes said.\n"
    "Residents said the streets of Dunbar were quiet."
)


def hama_like() -> Document:
    doc = build(TEXT)
    doc.actors = [
        Actor(
            id="a1",
            name="Northern Front",
            kind="rebel group",
            mentions=[span(doc, "Northern Front")],
        ),
        Actor(
            id="a2",
            name="Tom Reyes",
            kind="person",
            affiliation="a3",
            mentions=[span(doc, "Tom Reyes")],
        ),
        Actor(id="a3", name="Norland Armed Forces", kind="state forces"),
    ]
    first = doc.text.index("Dunbar")
    second = doc.text.index("Dunbar", first + 1)
    third = doc.text.index("Dunbar", second + 1)
    doc.places = [
        Place(
            id="p1",
            name="Dunbar",
            mentions=[Span.of(doc.text, i, i + 6) for i in (first, second, third)],
        )
    ]
    doc.claims = [
        claim(
            doc, "c1", "“total liberation of Dunbar”", "Northern Front", actor="a1", cue="announced"
        ),
        claim(
            doc,
            "c2",
            "the withdrawal from Dunbar was “a temporary tactical measure”",
            "Tom Reyes",
            role="Defence Minister",
            actor="a2",
        ),
        claim(doc, "c3", "“Our forces are still near the city,”", "Tom Reyes", actor="a2"),
        claim(doc, "c4", "the streets of Dunbar were quiet", "Residents"),
    ]
    return doc


def test_stance_and_side() -> None:
    doc = hama_like()
    assert [claim_stance(LEX, c) for c in doc.claims] == ["assert", "minimise", "minimise", None]
    assert speaker_side(doc, LEX, doc.claims[0]) == "opposition"
    assert speaker_side(doc, LEX, doc.claims[1]) == "government"
    assert speaker_side(doc, LEX, doc.claims[3]) is None


def test_opposing_claims_about_one_place() -> None:
    doc = hama_like()
    found = find_contradictions(doc, LEX)
    assert len(found) == 1
    con = found[0]
    assert con.kind == "claims"
    assert con.about == "p1"
    # c3 names no place: it takes the place of the sentence before it
    assert con.claims == ["c1", "c2", "c3"]


def test_event_is_preferred_over_place() -> None:
    doc = hama_like()
    doc.events = [Event(id="e1", place="p1")]
    doc.claims[0].about_events = ["e1"]
    doc.claims[1].about_events = ["e1"]
    found = find_contradictions(doc, LEX)
    assert {c.about for c in found} == {"e1", "p1"}
    by_about = {c.about: c for c in found}
    assert by_about["e1"].claims == ["c1", "c2"]


def test_same_side_or_same_stance_is_no_contradiction() -> None:
    doc = hama_like()
    doc.claims[0].speaker_actor = "a2"  # now both sides are the government
    doc.claims[0].speaker = "Tom Reyes"
    assert find_contradictions(doc, LEX) == []


def test_no_claims_no_contradictions() -> None:
    doc = build("Rain fell on Dunbar.")
    assert find_contradictions(doc, LEX) == []


def test_differing_figures_for_one_event() -> None:
    text = "At least 12 people were killed, the ministry said.\nMonitors put the toll at 30 dead."
    doc = build(text)
    q1 = Quantity(
        id="q1",
        start=text.index("12"),
        end=text.index("12") + 2,
        text="12",
        value=12,
        category="killed",
        claims=["c1"],
    )
    q2 = Quantity(
        id="q2",
        start=text.index("30"),
        end=text.index("30") + 2,
        text="30",
        value=30,
        category="killed",
        claims=["c2"],
    )
    q3 = Quantity(id="q3", start=0, end=1, text="A", value=12, category="injured")
    doc.quantities = [q1, q2, q3]
    doc.events = [Event(id="e1", quantities=["q1", "q2", "q3"])]
    found = find_contradictions(doc, LEX)
    assert len(found) == 1
    assert found[0].kind == "figures"
    assert found[0].about == "e1"
    assert found[0].claims == ["c1", "c2"]


def test_equal_figures_do_not_contradict() -> None:
    text = "12 killed.\n12 dead."
    doc = build(text)
    doc.quantities = [
        Quantity(id="q1", start=0, end=2, text="12", value=12, category="killed"),
        Quantity(id="q2", start=11, end=13, text="12", value=12, category="killed"),
    ]
    doc.events = [Event(id="e1", quantities=["q1", "q2"])]
    assert find_contradictions(doc, LEX) == []


def _toll_doc(first: str, second: str, second_source: str = "the ministry") -> Document:
    """Two tolls for one shelling: an event sentence and a later figure with no event."""
    text = (
        f"{first} in shelling on Monday, monitors said. "
        f"{second_source.capitalize()} put the toll at {second}."
    )
    doc = build(text)
    c1 = claim(doc, "c1", text[: text.index(" in shelling")], "monitors")
    c2 = claim(doc, "c2", f"the toll at {second}", second_source.split()[-1], cue="put")
    doc.claims = [c1, c2]
    return doc


def _qty(doc: Document, qid: str, fragment: str, value: float, **kw: object) -> Quantity:
    i = doc.text.index(fragment)
    cids = [c.id for c in doc.claims if c.content.start <= i < c.content.end]
    return Quantity(
        id=qid,
        start=i,
        end=i + len(fragment),
        text=fragment,
        value=value,
        category="killed",
        claims=cids,
        **kw,  # type: ignore[arg-type]
    )


def test_figure_in_a_later_sentence_contradicts_the_event_toll() -> None:
    doc = _toll_doc("At least 30 people were killed", "11")
    doc.quantities = [
        _qty(doc, "q1", "At least 30 people", 30, low=30, qualifier="at least"),
        _qty(doc, "q2", "11", 11, low=11, high=11),
    ]
    first = doc.text.index(" monitors said.") + len(" monitors said.")
    doc.events = [Event(id="e1", evidence=Span.of(doc.text, 0, first), quantities=["q1"])]
    found = [c for c in find_contradictions(doc, LEX) if c.kind == "figures"]
    assert len(found) == 1
    assert found[0].about == "e1"
    assert found[0].claims == ["c1", "c2"]
    assert "q1" in (found[0].note or "") and "q2" in (found[0].note or "")


def test_compatible_figures_do_not_contradict() -> None:
    # "at least 11" allows 30; "about 30" allows 28
    cases: list[tuple[str, str, float, dict[str, object], str, float]] = [
        ("At least 11 people were killed", "At least 11 people", 11, {"low": 11}, "30", 30),
        ("About 30 people were killed", "About 30 people", 30, {}, "28", 28),
    ]
    for first, phrase, v1, q1kw, second, v2 in cases:
        doc = _toll_doc(first, second)
        doc.quantities = [
            _qty(doc, "q1", phrase, v1, **q1kw),
            _qty(doc, "q2", second, v2, low=v2, high=v2),
        ]
        first_end = doc.text.index(" monitors said.") + len(" monitors said.")
        doc.events = [Event(id="e1", evidence=Span.of(doc.text, 0, first_end), quantities=["q1"])]
        assert [c for c in find_contradictions(doc, LEX) if c.kind == "figures"] == []


def test_one_source_giving_two_figures_is_no_contradiction() -> None:
    doc = _toll_doc("At least 30 people were killed", "11", second_source="the monitors")
    doc.quantities = [
        _qty(doc, "q1", "At least 30 people", 30, low=30, qualifier="at least"),
        _qty(doc, "q2", "11", 11, low=11, high=11),
    ]
    first = doc.text.index(" monitors said.") + len(" monitors said.")
    doc.events = [Event(id="e1", evidence=Span.of(doc.text, 0, first), quantities=["q1"])]
    assert [c for c in find_contradictions(doc, LEX) if c.kind == "figures"] == []


def test_a_denial_of_another_speakers_claim_contradicts_it() -> None:
    doc = build("The Front said its fighters had taken the Dunbar bridge, a claim the army denied.")
    i = doc.text.index("Dunbar")
    doc.places = [Place(id="p1", name="Dunbar", mentions=[Span.of(doc.text, i, i + 6)])]
    said = claim(doc, "c1", "its fighters had taken the Dunbar bridge", "Front")
    denied = claim(doc, "c2", "its fighters had taken the Dunbar bridge", "army", cue="denied")
    said.speaker_span, denied.speaker_span = span(doc, "The Front"), span(doc, "the army")
    doc.claims = [said, denied]
    (con,) = find_contradictions(doc, LEX)
    assert (con.kind, con.about, con.claims) == ("claims", "p1", ["c1", "c2"])
    assert con.note == "Front vs army (denied)"
    # a speaker does not contradict itself, and a denial of nothing said is no contradiction
    denied.speaker = "Front"
    assert find_contradictions(doc, LEX) == []
