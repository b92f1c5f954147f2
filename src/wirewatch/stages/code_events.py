"""Detect and code events (ACLED, PLOVER) with actors, place, date and figures.

Placeholder registration: the stage contract is fixed here; the implementation lands with
its issue.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("code_events", requires=('sentences', 'places', 'times', 'actors', 'quantities', 'claims'), assigns=('events',))
def make_code_events(settings: Settings, resources: Resources) -> StageFn:
    """Detect and code events (ACLED, PLOVER) with actors, place, date and figures."""

    def run(doc: Document) -> None:
        return None

    return run
