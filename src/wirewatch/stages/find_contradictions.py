"""Find claims and figures that contradict each other (see :mod:`wirewatch.claims.contradict`)."""

from __future__ import annotations

from wirewatch.claims.contradict import find_contradictions
from wirewatch.claims.lexicon import load_lexicon
from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage(
    "find_contradictions",
    requires=("claims", "events", "quantities"),
    assigns=("contradictions",),
)
def make_find_contradictions(settings: Settings, resources: Resources) -> StageFn:
    """Find claims and figures that contradict each other."""
    lex = resources.get("claims_lexicon", lambda s: load_lexicon())

    def run(doc: Document) -> None:
        doc.contradictions = find_contradictions(doc, lex)

    return run
