"""Derive territorial control changes from territorial events and holding statements.

See :mod:`wirewatch.events.control`.
"""

from __future__ import annotations

from wirewatch.document import Document
from wirewatch.events.control import derive_control
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


@stage("derive_control", requires=("events", "actors", "places"), assigns=("control",))
def make_derive_control(settings: Settings, resources: Resources) -> StageFn:
    """Derive territorial control changes from territorial events."""

    def run(doc: Document) -> None:
        derive_control(doc)

    return run
