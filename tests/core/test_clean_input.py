"""The clean stage: text, HTML, bytes, dates and bad input."""

from __future__ import annotations

from datetime import date, timedelta

from wirewatch.pipeline import Pipeline
from wirewatch.settings import Settings
from wirewatch.stages.clean import RawArticle, english_score, new_document, parse_published

ENGLISH = (
    "Government forces said on Monday that they had taken back the village after two days "
    "of fighting with armed men who had crossed the river from the north."
)


def _clean(raw: RawArticle, **settings: object):  # type: ignore[no-untyped-def]
    pipe = Pipeline(Settings(**settings), stages=["clean"])  # type: ignore[arg-type]
    return pipe.run(new_document(raw))


def codes(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.code for w in doc.warnings]


def test_plain_text_with_date() -> None:
    doc = _clean(RawArticle(text="  " + ENGLISH + "\r\n", published="2024-12-05", id="x"))
    assert doc.text == ENGLISH
    assert doc.article.published == "2024-12-05"
    assert doc.published == date(2024, 12, 5)
    assert doc.article.language == "en"
    assert codes(doc) == []


def test_missing_date_warns_not_guessed() -> None:
    doc = _clean(RawArticle(text=ENGLISH))
    assert doc.article.published is None
    assert "no_published_date" in codes(doc)
    assert doc.article.id.startswith("sha1:")


def test_bad_dates() -> None:
    assert parse_published("2024-02-30")[0] is None
    assert parse_published("05/12/2024")[0] is None
    assert parse_published("1850-01-01")[0] is None
    doc = _clean(RawArticle(text=ENGLISH, published="2024-13-01"))
    assert "bad_published_date" in codes(doc)
    future = (date.today() + timedelta(days=30)).isoformat()
    assert "future_published" in codes(_clean(RawArticle(text=ENGLISH, published=future)))


def test_empty_and_whitespace_stop_the_pipeline() -> None:
    doc = _clean(RawArticle(text=" \n\t "))
    assert "empty_text" in codes(doc)
    assert doc.user_data.get("stop") is True


def test_non_utf8_bytes_are_replaced_with_warning() -> None:
    doc = _clean(RawArticle(data=ENGLISH.encode("utf-8") + b"\xff\xfe caf\xe9"))
    assert "decoding" in codes(doc)
    assert doc.text.startswith("Government forces")


def test_binary_input_is_flagged() -> None:
    doc = _clean(RawArticle(data=b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20))
    assert "binary_input" in codes(doc)


def test_non_english_is_flagged() -> None:
    text = "Les forces gouvernementales ont repris le village lundi après deux jours de combats."
    assert english_score(text) < 0.08
    assert "not_english" in codes(_clean(RawArticle(text=text)))


def test_huge_text_is_truncated() -> None:
    doc = _clean(RawArticle(text=ENGLISH * 100), max_chars=1000)
    assert len(doc.text) == 1000
    assert "truncated" in codes(doc)


def test_html_goes_through_trafilatura() -> None:
    html = (
        "<html><head><title>Village retaken</title>"
        '<meta property="article:published_time" content="2024-11-30"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Village retaken</h1>"
        f"<p>{ENGLISH}</p><p>{ENGLISH}</p></article><footer>Copyright</footer></body></html>"
    )
    doc = _clean(RawArticle(html=html))
    assert "Government forces said" in doc.text
    assert "Home | World" not in doc.text
    assert doc.article.title == "Village retaken"
    assert doc.article.published == "2024-11-30"


def test_html_without_article() -> None:
    doc = _clean(RawArticle(html="<html><body><nav>menu</nav></body></html>"))
    assert "no_article" in codes(doc) or "empty_text" in codes(doc)


def test_control_characters_removed() -> None:
    doc = _clean(RawArticle(text="Fighting\x07 resumed\x00 in the north.\nMore later."))
    assert "\x07" not in doc.text and "\x00" not in doc.text


def test_default_date_only_when_nothing_else_dates_the_article() -> None:
    doc = _clean(RawArticle(text=ENGLISH, published_default="2024-03-14"))
    assert doc.article.published == "2024-03-14"
    assert "no_published_date" not in codes(doc)
    doc = _clean(RawArticle(text=ENGLISH, published="2024-03-01", published_default="2024-03-14"))
    assert doc.article.published == "2024-03-01"
