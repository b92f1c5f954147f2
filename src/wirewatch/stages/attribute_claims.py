"""Find quotes and reported speech with speaker, cue and channel (see :mod:`wirewatch.claims`)."""

from __future__ import annotations

from wirewatch.claims.attribute import Attributor, link_quantities
from wirewatch.claims.lexicon import load_lexicon
from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("attribute_claims", requires=("sentences", "entities", "actors"), assigns=("claims",))
def make_attribute_claims(settings: Settings, resources: Resources) -> StageFn:
    """Find quotes and reported speech with speaker, cue and channel."""
    lex = resources.get("claims_lexicon", lambda s: load_lexicon())
    attributor = Attributor(lex, max_quote_chars=settings.max_quote_chars)

    def run(doc: Document) -> None:
        doc.claims = attributor.run(doc)
        link_quantities(doc, doc.claims)

    # The pipeline parses these sentences for a whole batch in one spaCy stream first.
    run.wants = attributor.wanted  # type: ignore[attr-defined]
    return run
