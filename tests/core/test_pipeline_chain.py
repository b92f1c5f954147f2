"""The stage pipeline: chain checks, failure isolation and batching."""

from __future__ import annotations

import pytest

from wirewatch.document import Document
from wirewatch.errors import PipelineError
from wirewatch.model import Article
from wirewatch.pipeline import (
    DEFAULT_STAGES,
    Pipeline,
    Resources,
    StageFn,
    check_chain,
    get_stage,
    stage,
)
from wirewatch.settings import Settings


@stage("test_assign_places", requires=("text",), assigns=("places",))
def _make_assign(settings: Settings, resources: Resources) -> StageFn:
    def run(doc: Document) -> None:
        if "boom" in doc.text:
            raise ValueError("cannot read this one")
        doc.user_data["places_done"] = True

    return run


@stage("test_needs_places", requires=("places",), assigns=("events",))
def _make_needs(settings: Settings, resources: Resources) -> StageFn:
    def run(doc: Document) -> None:
        doc.user_data["events_done"] = True

    return run


@stage("test_text", requires=(), assigns=("text",))
def _make_text(settings: Settings, resources: Resources) -> StageFn:
    def run(doc: Document) -> None:
        doc.user_data["text_done"] = True

    return run


def _doc(text: str) -> Document:
    return Document(article=Article(id=text, text=text))


def test_default_chain_is_valid() -> None:
    check_chain([get_stage(n) for n in DEFAULT_STAGES])


def test_missing_requirement_is_reported_before_running() -> None:
    with pytest.raises(PipelineError, match="requires places"):
        Pipeline(stages=["test_text", "test_needs_places"])


def test_unknown_stage_names_known_ones() -> None:
    with pytest.raises(PipelineError, match="known stages"):
        Pipeline(stages=["no_such_stage"])


def test_unknown_layer_is_rejected_at_registration() -> None:
    with pytest.raises(PipelineError, match="unknown layer"):
        stage("bad", assigns=("nonsense",))


def test_failure_is_recorded_and_dependents_skipped_batch_goes_on() -> None:
    pipe = Pipeline(stages=["test_text", "test_assign_places", "test_needs_places"])
    good, bad, good2 = _doc("fine"), _doc("boom"), _doc("also fine")
    pipe.run_batch([good, bad, good2])
    assert good.user_data["events_done"] and good2.user_data["events_done"]
    codes = [w.code for w in bad.warnings]
    assert codes == ["stage_failed", "stage_skipped"]
    assert "cannot read this one" in bad.warnings[0].message
    assert "events_done" not in bad.user_data
    assert good.assigned == {"text", "places", "events"}


def test_run_many_keeps_order_across_batches() -> None:
    pipe = Pipeline(stages=["test_text"], settings=Settings(batch_size=2))
    docs = [_doc(str(i)) for i in range(5)]
    out = list(pipe.run_many(iter(docs)))
    assert [d.article.id for d in out] == ["0", "1", "2", "3", "4"]


def test_settings_replace_rejects_unknown() -> None:
    from wirewatch.errors import ConfigError

    with pytest.raises(ConfigError):
        Settings().replace(nonsense=1)
    assert Settings().replace(max_chars=5).max_chars == 5
