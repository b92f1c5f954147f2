"""Link actor mentions to canonical actors of the knowledge base.

Placeholder registration: the stage contract is fixed here; the implementation lands with
its issue.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("link_actors", requires=('sentences', 'entities', 'places'), assigns=('actors',))
def make_link_actors(settings: Settings, resources: Resources) -> StageFn:
    """Link actor mentions to canonical actors of the knowledge base."""

    def run(doc: Document) -> None:
        return None

    return run
