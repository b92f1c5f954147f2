"""Find temporal expressions and normalise them against the publication date.

Placeholder registration: the stage contract is fixed here; the implementation lands with
its issue.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("normalize_dates", requires=('text', 'sentences'), assigns=('times',))
def make_normalize_dates(settings: Settings, resources: Resources) -> StageFn:
    """Find temporal expressions and normalise them against the publication date."""

    def run(doc: Document) -> None:
        return None

    return run
