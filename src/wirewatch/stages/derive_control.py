"""Derive territorial control changes from territorial events.

Placeholder registration: the stage contract is fixed here; the implementation lands with
its issue.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("derive_control", requires=('events', 'actors', 'places'), assigns=('control',))
def make_derive_control(settings: Settings, resources: Resources) -> StageFn:
    """Derive territorial control changes from territorial events."""

    def run(doc: Document) -> None:
        return None

    return run
