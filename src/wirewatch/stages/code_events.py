"""Detect and code events (ACLED, PLOVER) with actors, place, date and figures.

Only sentences holding a trigger word are dependency-parsed. See
:mod:`wirewatch.events.coder` for the walk, ``docs/events.md`` for the decisions.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.events.coder import EventCoder
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


def coder_resource(resources: Resources) -> EventCoder:
    """The shared event coder (patterns, cues and the trained sentence model)."""
    return resources.get("event_coder", lambda _settings: EventCoder())


@stage(
    "code_events",
    requires=("sentences", "places", "times", "actors", "quantities", "claims"),
    assigns=("events",),
)
def make_code_events(settings: Settings, resources: Resources) -> StageFn:
    """Detect and code events (ACLED, PLOVER) with actors, place, date and figures."""
    coder = coder_resource(resources)

    def run(doc: Document) -> None:
        coder.code(doc)

    # The pipeline parses the trigger sentences of a whole batch in one spaCy stream
    # before the coder walks each document (cheaper than one stream per document).
    run.wants = coder.candidate_sentences  # type: ignore[attr-defined]
    return run
