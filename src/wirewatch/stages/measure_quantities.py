"""Find numbers with qualifiers, units and categories.

Placeholder registration: the stage contract is fixed here; the implementation lands with
its issue.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("measure_quantities", requires=('sentences',), assigns=('quantities',))
def make_measure_quantities(settings: Settings, resources: Resources) -> StageFn:
    """Find numbers with qualifiers, units and categories."""

    def run(doc: Document) -> None:
        return None

    return run
