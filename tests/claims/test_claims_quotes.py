"""The quotation scanner: every mark style, apostrophes, stray marks and caps (fast)."""

from __future__ import annotations

import pytest

from wirewatch.claims.quotes import scan_quotes, top_level


def quoted(text: str) -> list[str]:
    quotes, _ = scan_quotes(text)
    return [text[q.start : q.end] for q in top_level(quotes)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we will hold the bridge” today.", ["“we will hold the bridge”"]),
        ('He said "we will hold the bridge" today.', ['"we will hold the bridge"']),
        ("Il a dit « nous tenons le pont » hier.", ["« nous tenons le pont »"]),
        ("She said ‘the bridge is ours’ at noon.", ["‘the bridge is ours’"]),
        ("She said 'the bridge is ours' at noon.", ["'the bridge is ours'"]),
        ("Er sagte „wir halten die Brücke“ gestern.", ["„wir halten die Brücke“"]),
    ],
)
def test_every_mark_style(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_apostrophes_are_not_quotes() -> None:
    text = "The country’s army and the rebels’ convoy don't stop; it's the town’s road."
    quotes, problems = scan_quotes(text)
    assert quotes == []
    assert problems == []


def test_nested_quotes_keep_the_outer_one_on_top() -> None:
    text = "“They told us ‘leave the village now’ and we left,” she said."
    quotes, _ = scan_quotes(text)
    outer = top_level(quotes)
    assert [text[q.start : q.end] for q in outer] == [
        "“They told us ‘leave the village now’ and we left,”"
    ]
    inner = [q for q in quotes if q.depth == 1]
    assert [text[q.start : q.end] for q in inner] == ["‘leave the village now’"]


def test_quote_spanning_sentences() -> None:
    text = "“The road is cut. Nobody can leave. We wait,” the mayor said."
    assert quoted(text) == ["“The road is cut. Nobody can leave. We wait,”"]


def test_quote_running_over_paragraphs_by_reopening() -> None:
    text = "“The first paragraph of the speech.\n“The second paragraph ends here.”\nAfter."
    assert quoted(text) == [
        "“The first paragraph of the speech.\n“The second paragraph ends here.”"
    ]


def test_stray_opening_mark_is_dropped_with_a_problem() -> None:
    text = "Troops left two villages, including ‘one on the ridge road.\nNext paragraph “ok” here."
    quotes, problems = scan_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“ok”"]
    assert len(problems) == 1
    assert problems[0].kind == "unbalanced"


def test_unclosed_quote_at_end_of_text() -> None:
    quotes, problems = scan_quotes("He said “this never closes and runs on")
    assert quotes == []
    assert [p.kind for p in problems] == ["unbalanced"]


def test_stray_closing_mark_is_ignored() -> None:
    quotes, problems = scan_quotes("Nothing opened here” and “this one” is fine.")
    assert len(quotes) == 1
    assert problems == []


def test_inner_unbalanced_single_inside_double() -> None:
    text = "“We saw ‘them at dawn and then nothing,” he said."
    quotes, problems = scan_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“We saw ‘them at dawn and then nothing,”"]
    assert [p.kind for p in problems] == ["unbalanced"]


def test_very_long_quote_is_capped() -> None:
    body = " ".join(["word"] * 5000)
    text = f"He said “{body}” and left."
    quotes, problems = scan_quotes(text, max_chars=3000)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.capped
    assert q.end - q.start <= 3000
    assert [p.kind for p in problems] == ["capped"]
