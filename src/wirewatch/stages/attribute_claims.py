"""Find quotes and reported speech with speaker, cue and channel.

Placeholder registration: the stage contract is fixed here; the implementation lands with
its issue.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("attribute_claims", requires=('sentences', 'entities', 'actors'), assigns=('claims',))
def make_attribute_claims(settings: Settings, resources: Resources) -> StageFn:
    """Find quotes and reported speech with speaker, cue and channel."""

    def run(doc: Document) -> None:
        return None

    return run
