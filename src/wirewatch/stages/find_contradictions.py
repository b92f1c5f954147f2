"""Find claims and figures that contradict each other.

Placeholder registration: the stage contract is fixed here; the implementation lands with
its issue.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("find_contradictions", requires=('claims', 'events', 'quantities'), assigns=('contradictions',))
def make_find_contradictions(settings: Settings, resources: Resources) -> StageFn:
    """Find claims and figures that contradict each other."""

    def run(doc: Document) -> None:
        return None

    return run
