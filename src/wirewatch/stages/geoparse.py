"""Resolve place names to GeoNames entries (gazetteer + NER evidence).

Placeholder registration: the stage contract is fixed here; the implementation lands with
its issue.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("geoparse", requires=('text', 'sentences', 'entities'), assigns=('places',))
def make_geoparse(settings: Settings, resources: Resources) -> StageFn:
    """Resolve place names to GeoNames entries (gazetteer + NER evidence)."""

    def run(doc: Document) -> None:
        return None

    return run
