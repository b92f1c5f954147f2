"""Fast tests of the temporal recogniser, normaliser and event-dating helpers.

Documents are built by hand (no spaCy); texts are written for these tests.
"""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from wirewatch.document import Document, Sentence
from wirewatch.errors import DataFileError
from wirewatch.model import Article, TimeExpr
from wirewatch.stages.normalize_dates import (
    anchor_date,
    anchored,
    date_for,
    normalize_document,
    shift_date,
)
from wirewatch.temporal.calendar import value_range
from wirewatch.temporal.grammar import find_times
from wirewatch.temporal.lexicon import load_lexicon, parse_lexicon

PUB = date(2024, 12, 5)  # a Thursday


def make_doc(text: str, published: date | None = PUB) -> Document:
    """A document whose sentences are split on full stops followed by a space or newline."""
    doc = Document(article=Article(id="t", text=text), published=published)
    sents: list[Sentence] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+", text):
        sents.append(Sentence(len(sents), start, m.start(), text[start : m.start()]))
        start = m.end()
    if start < len(text):
        sents.append(Sentence(len(sents), start, len(text), text[start:]))
    doc.set_sentences(sents)
    normalize_document(doc)
    return doc


def times_by_text(doc: Document) -> dict[str, TimeExpr]:
    return {t.text: t for t in doc.times}


def value_of(text: str, published: date | None = PUB) -> str | None:
    found = find_times(text, published)
    assert found, f"nothing recognised in {text!r}"
    return found[0].reading.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The militia seized the town on Thursday.", "2024-12-05"),  # same day included
        ("The convoy left on Tuesday.", "2024-12-03"),
        ("The convoy left on Friday.", "2024-11-29"),  # latest Friday on or before
        ("Talks will resume next Thursday.", "2024-12-12"),
        ("The talks collapsed last Thursday.", "2024-11-28"),
        ("The talks will resume on Monday.", "2024-12-09"),  # 'will' looks forward
        ("The siege began on November 27.", "2024-11-27"),
        ("The siege began on 27 November.", "2024-11-27"),
        ("The siege began on Nov. 27, 2023.", "2023-11-27"),
        ("Fighting resumed yesterday.", "2024-12-04"),
        ("The ministry said today.", "2024-12-05"),
        ("Shelling was heard last week.", "2024-W48"),
        ("The offensive began earlier this week.", "2024-W49"),
        ("Prices rose last month.", "2024-11"),
        ("Elections are due next year.", "2025"),
        ("The group was expelled in 2019.", "2019"),
        ("The town fell in May 2023.", "2023-05"),
        ("Output fell in the third quarter.", "2024-Q3"),
        ("The war of the 1990s.", "199"),
        ("A ceasefire two years ago.", "2022"),
        ("The border closed five months ago.", "2024-07"),
        ("Sirens sounded this morning.", "2024-12-05TMO"),
        ("Strikes hit the city on Thursday evening.", "2024-12-05TEV"),
        ("The deal was signed on 2024-11-30.", "2024-11-30"),
        ("In January nineteen ninety-seven the war ended.", "1997-01"),
        ("Refugees return now.", "PRESENT_REF"),
        ("They were recently freed.", "PAST_REF"),
    ],
)
def test_values_against_publication(text: str, value: str) -> None:
    assert value_of(text) == value


def test_month_day_after_publication_reads_back_a_year_in_past_tense() -> None:
    assert value_of("The army withdrew on November 27.", date(2024, 3, 10)) == "2023-11-27"


def test_month_day_soon_after_publication_without_cue_reads_forward() -> None:
    # a date days ahead cannot be a past event; without a tense cue it is the coming one
    assert value_of("Elections on December 15.", date(2024, 12, 5)) == "2024-12-15"


def test_weekday_with_date_fixes_the_year() -> None:
    assert value_of("The vote on Saturday, April 25 was tense.", date(2016, 1, 10)) == "2015-04-25"


def test_duration_is_not_a_date() -> None:
    doc = make_doc("Weakened by two months of open war, the group withdrew.")
    (t,) = doc.times
    assert (t.text, t.type, t.value, t.time_precision) == ("two months", "DURATION", "P2M", None)


def test_precision_words_and_acled_codes() -> None:
    doc = make_doc(
        "The town fell on Thursday. Fighting raged last week. The siege lasted all of "
        "November 2024. It began in 2019."
    )
    got = {t.text: (t.precision, t.time_precision) for t in doc.times}
    assert got["Thursday"] == ("day", 1)
    assert got["last week"] == ("week", 2)
    assert got["November 2024"] == ("month", 3)
    assert got["2019"] == ("year", 3)


def test_anchor_records_publication_only_for_relative_values() -> None:
    doc = make_doc("The town fell on Thursday after a siege that began on 3 March 2021.")
    t = times_by_text(doc)
    assert t["Thursday"].anchor == "published"
    assert t["3 March 2021"].anchor is None


def test_since_runs_to_publication() -> None:
    doc = make_doc("More than 800 people have died since November 27.")
    (t,) = doc.times
    assert (t.value, t.end_value) == ("2024-11-27", "2024-12-05")


def test_event_anchored_expression() -> None:
    doc = make_doc("Three days after Kharkiv, the militia seized the town of Dnipro on Thursday.")
    t = times_by_text(doc)
    anch = t["Three days after Kharkiv"]
    assert anch.anchor == "event:Kharkiv"
    assert anchored(doc, anch) == (-3, "Kharkiv")
    # the expression dates the same event as "Thursday"; the anchor event lies 3 days before
    assert anch.value == "2024-12-05"
    assert anchor_date(doc, anch) == ("2024-12-02", 2)
    assert anchored(doc, t["Thursday"]) is None
    seized = doc.text.index("seized")
    assert "Thursday" in str(date_for(doc, seized, seized + 6)[2])
    now = make_doc("Fighting continues now.").times[0]
    assert (now.value, now.anchor) == ("PRESENT_REF", None)


def test_event_anchored_with_event_noun() -> None:
    doc = make_doc("A day after the fall of Mosul, the army regrouped.")
    (t,) = doc.times
    assert anchored(doc, t) == (-1, "Mosul")
    assert t.value is None  # nothing in the sentence dates it


def test_date_before_an_event_noun() -> None:
    doc = make_doc("Two days before the vote, the capital was calm.")
    (t,) = doc.times
    assert anchored(doc, t) == (2, "vote")


def test_no_publication_date_leaves_relative_unresolved() -> None:
    doc = make_doc(
        "The town fell yesterday. Talks began on Thursday. The treaty of 5 December 2024 held.",
        published=None,
    )
    t = times_by_text(doc)
    assert t["yesterday"].value is None
    assert t["Thursday"].value == "XXXX-WXX-4"
    assert t["5 December 2024"].value == "2024-12-05"
    assert t["Thursday"].anchor is None
    assert any(w.code == "time_unresolved" for w in doc.warnings)


def test_publication_before_1900_is_not_used() -> None:
    doc = make_doc("The town fell yesterday.", published=date(1850, 1, 1))
    assert doc.times[0].value is None
    assert any(w.code == "time_unresolved" for w in doc.warnings)


def test_future_publication_still_resolves() -> None:
    doc = make_doc("The town fell yesterday.", published=date(2999, 1, 1))
    assert doc.times[0].value == "2998-12-31"


def test_impossible_date_warns_and_gets_no_value() -> None:
    doc = make_doc("The decree of February 30 was annulled. It was signed on 31 April 2020.")
    assert all(t.value is not None for t in doc.times)
    assert not doc.times
    assert sum(w.code == "impossible_date" for w in doc.warnings) == 2


def test_leap_day_takes_the_latest_leap_year() -> None:
    assert value_of("The decree of February 29 was annulled.", date(2023, 6, 1)) == "2020-02-29"


def test_numbers_that_look_like_dates_never_crash() -> None:
    rng = random.Random(4)
    parts = []
    for _ in range(400):
        parts.append(
            rng.choice(
                [
                    f"{rng.randint(0, 99)}/{rng.randint(0, 99)}/{rng.randint(0, 9999)}",
                    f"{rng.randint(0, 9999)}-{rng.randint(0, 99):02d}-{rng.randint(0, 99):02d}",
                    f"{rng.randint(1000, 2999)}",
                    f"{rng.randint(1000, 2999)} people",
                    f"${rng.randint(1000, 2999)}",
                    f"{rng.randint(0, 40)} {rng.choice(['May', 'Jan.', 'June'])}",
                    f"{rng.randint(0, 40):d}:{rng.randint(0, 99):02d} p.m.",
                ]
            )
        )
    text = ", ".join(parts) + "."
    doc = make_doc(text)
    for t in doc.times:
        if t.value and t.type == "DATE" and not t.value.startswith(("P", "X")):
            assert value_range(t.value) is not None, t
    years = {t.text for t in doc.times if t.precision == "year"}
    assert not any(y.endswith("people") for y in years)
    assert not any(t.start > 0 and text[t.start - 1] == "$" for t in doc.times)


def test_shift_date() -> None:
    assert shift_date("2024-12-05", -4) == "2024-12-01"
    assert shift_date("2024-03-01", -1) == "2024-02-29"
    assert shift_date("2024-W49", 3) == "2024-W49"  # not a day: unchanged
    assert shift_date("9999-12-31", 5) == "9999-12-31"  # off the calendar: unchanged


def test_date_for_governing_sentence_paragraph_and_fallback() -> None:
    text = (
        "Rebels captured the airport on Thursday. Residents fled the city.\n"
        "The offensive began earlier this week. Aid convoys were blocked.\n"
        "Hospitals are overwhelmed."
    )
    doc = make_doc(text)
    cap = text.index("captured")
    assert date_for(doc, cap, cap + 8) == ("2024-12-05", 1, "sentence 'Thursday'")
    fled = text.index("fled")
    value, tp, reason = date_for(doc, fled, fled + 4)
    assert (value, tp) == ("2024-12-05", 1) and str(reason).startswith("paragraph")
    blocked = text.index("blocked")
    # earlier this week, published Thursday: Monday to Wednesday, midpoint Tuesday
    assert date_for(doc, blocked, blocked + 7)[:2] == ("2024-12-03", 2)
    over = text.index("overwhelmed")
    assert date_for(doc, over, over + 5) == ("2024-12-05", 2, "publication date")
    doc.published = None
    assert date_for(doc, over, over + 5) == (None, None, "no date")


def test_date_for_prefers_the_nearest_plain_date_without_a_parser() -> None:
    text = "The army said on Friday that rebels had entered the city on November 27."
    doc = make_doc(text)
    entered = text.index("entered")
    value, tp, reason = date_for(doc, entered, entered + 7)
    assert (value, tp) == ("2024-11-27", 1)
    assert "November 27" in str(reason)


def test_month_and_year_spans_use_midpoints() -> None:
    doc = make_doc("The town was shelled in October 2024.")
    shelled = doc.text.index("shelled")
    assert date_for(doc, shelled, shelled + 7)[:2] == ("2024-10-16", 3)


def test_lexicon_rejects_broken_data() -> None:
    with pytest.raises(DataFileError):
        parse_lexicon({"phrases": {"today": "day:0"}})  # not [operation, type]
    with pytest.raises(DataFileError):
        parse_lexicon({"phrases": {}})  # months and the rest missing
    assert load_lexicon().months["sept"] == 9


def test_recogniser_handles_a_large_text() -> None:
    # Speed is measured by 'wirewatch eval time' against dateparser, not asserted here.
    text = ("Rebels took the town on Thursday, four days after the fall of the city. " * 2000)[
        :100_000
    ]
    found = find_times(text, PUB)
    assert len(found) > 1000
    assert sum(1 for t in found if t.text == "Thursday") > 500


def test_ranges_of_years_and_days() -> None:
    doc = make_doc("The 2011-2019 war ended. Fighting raged from November 27 to December 1.")
    t = times_by_text(doc)
    assert (t["2011-2019"].value, t["2011-2019"].end_value) == ("2011", "2019")
    assert (t["November 27"].value, t["November 27"].end_value) == ("2024-11-27", "2024-12-01")
    assert find_times("Code 2019-2011 and 1999-05.", PUB) == []


def test_offset_before_a_clause_is_event_anchored_not_from_publication() -> None:
    found = {
        t.text: t
        for t in find_times("They took the town, three days after they overran a base.", PUB)
    }
    reading = found["three days after"].reading
    assert reading.value is None and reading.event_anchor == (3, "")
    dated = {t.text for t in find_times("They took it two days after 1 December.", PUB)}
    assert any("two days after" in text for text in dated)
