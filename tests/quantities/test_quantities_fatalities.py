"""ACLED's conservative figure and the UCDP-style fatality range."""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.model import Article, Fatalities, Quantity, TimeExpr
from wirewatch.pipeline import Resources
from wirewatch.settings import Settings
from wirewatch.stages.measure_quantities import (
    QuantityFinder,
    acled_figure,
    fatalities_from,
    make_measure_quantities,
)


def q(value: float | None, low: float | None, high: float | None, qualifier: str | None = None,
      category: str = "killed") -> Quantity:  # fmt: skip
    return Quantity(start=0, end=1, text="x", value=value, low=low, high=high,
                    qualifier=qualifier, category=category)  # fmt: skip


def test_acled_figure_for_vague_words() -> None:
    assert acled_figure(q(24, 24, 99, "dozens")) == 12
    assert acled_figure(q(200, 200, 999, "hundreds")) == 100
    assert acled_figure(q(2000, 2000, 9999, "thousands")) == 1000
    assert acled_figure(q(3, 3, 9, "several")) == 10
    assert acled_figure(q(10, 10, None, "many")) == 10
    assert acled_figure(q(3, 2, 9, "a few")) == 3
    assert acled_figure(q(300, 300, 900, "several hundred")) == 100


def test_acled_figure_for_numbers_and_ranges() -> None:
    assert acled_figure(q(800, 800, None, "more than")) == 800
    assert acled_figure(q(25, 20, 30, "between")) == 20
    assert acled_figure(q(800, None, 800, "nearly")) == 800
    assert acled_figure(q(12, 12, 12)) == 12
    assert acled_figure(q(None, None, None)) == 0
    assert acled_figure(None) == 0


def test_no_killed_quantity_is_zero() -> None:
    assert fatalities_from([]) == Fatalities(low=None, best=None, high=None, acled=0)
    assert fatalities_from([q(40, 40, 40, category="injured")]).acled == 0


def test_one_figure_keeps_its_bounds() -> None:
    f = fatalities_from([q(800, 800, None, "more than")])
    assert (f.low, f.best, f.high, f.acled) == (800, 800, None, 800)
    f = fatalities_from([q(25, 20, 30, "between")])
    assert (f.low, f.best, f.high, f.acled) == (20, 25, 30, 20)


def test_conflicting_figures_become_a_range_and_acled_takes_the_lowest() -> None:
    f = fatalities_from([q(12, 12, 12), q(15, 15, None, "at least"), q(24, 24, 99, "dozens")])
    assert f.low == 12 and f.high == 99 and f.best == 15
    assert f.acled == 12
    f = fatalities_from([q(800, 800, None, "more than"), q(900, 900, None, "over")])
    assert (f.low, f.best, f.high, f.acled) == (800, 850, None, 800)


def test_finder_and_fatalities_together() -> None:
    found = QuantityFinder().find(
        "Medics said 14 people were killed; a monitor put the toll at dozens dead."
    )
    f = fatalities_from(found)
    assert f.low == 14 and f.acled == 12


def test_stage_fills_the_layer_and_skips_time_spans() -> None:
    text = "Two weeks of shelling killed at least 30 civilians and displaced 4,000 people."
    doc = Document(article=Article(id="t", text=text))
    end = text.index(" of")
    doc.times = [TimeExpr(start=0, end=end, text=text[:end], type="DURATION")]
    run = make_measure_quantities(Settings(), Resources(Settings()))
    run(doc)
    assert [(x.text, x.category) for x in doc.quantities] == [
        ("at least 30 civilians", "killed"),
        ("4,000 people", "displaced"),
    ]
    assert [x.id for x in doc.quantities] == ["q1", "q2"]
