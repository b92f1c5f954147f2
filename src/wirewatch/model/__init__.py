"""Typed records of the data contract; no I/O here."""

from wirewatch.model.extraction import Extraction
from wirewatch.model.records import (
    SCHEMA_VERSION,
    Actor,
    Article,
    Claim,
    Contradiction,
    Control,
    Event,
    Fatalities,
    Place,
    PlaceCandidate,
    Quantity,
    Span,
    TimeExpr,
    Warning,
)

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "Article",
    "Claim",
    "Contradiction",
    "Control",
    "Event",
    "Extraction",
    "Fatalities",
    "Place",
    "PlaceCandidate",
    "Quantity",
    "Span",
    "TimeExpr",
    "Warning",
]
