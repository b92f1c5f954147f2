"""The ``Extraction`` document: everything wirewatch read from one article."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

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
    to_plain,
)

T = TypeVar("T")


@dataclass(slots=True, kw_only=True)
class Extraction:
    """One article's extraction (the data contract, schema version 1)."""

    article: Article
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    control: list[Control] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Return the extraction as JSON-ready plain data, ``schema_version`` first."""
        data = to_plain(self)
        ordered = {"schema_version": data.pop("schema_version")}
        ordered.update(data)
        return ordered

    def to_json(self, *, indent: int | None = None) -> str:
        """Serialise to JSON (UTF-8 text, non-ASCII kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """Rebuild an extraction from :meth:`to_dict` output (unknown keys are ignored)."""
        version = data.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise ValueError(
                f"extraction has schema_version {version!r}; this wirewatch reads version "
                f"{SCHEMA_VERSION}. Re-run the extraction with this version."
            )
        return cls(
            article=_build(Article, data["article"]),
            places=[_place(p) for p in data.get("places", [])],
            actors=[_with_mentions(Actor, a) for a in data.get("actors", [])],
            times=[_build(TimeExpr, t) for t in data.get("times", [])],
            quantities=[_build(Quantity, q) for q in data.get("quantities", [])],
            events=[_event(e) for e in data.get("events", [])],
            claims=[_claim(c) for c in data.get("claims", [])],
            control=[_build(Control, c) for c in data.get("control", [])],
            contradictions=[_build(Contradiction, c) for c in data.get("contradictions", [])],
            warnings=[_build(Warning, w) for w in data.get("warnings", [])],
        )

    @classmethod
    def from_json(cls, text: str) -> Extraction:
        """Parse :meth:`to_json` output."""
        return cls.from_dict(json.loads(text))

    def iter_spans(self) -> list[tuple[str, int, int, str]]:
        """Every span of every layer as ``(where, start, end, text)``, for offset checks."""
        out: list[tuple[str, int, int, str]] = []

        def add(where: str, span: Span | None) -> None:
            if span is not None:
                out.append((where, span.start, span.end, span.text))

        for p in self.places:
            for m in p.mentions:
                add(f"places[{p.id}]", m)
        for a in self.actors:
            for m in a.mentions:
                add(f"actors[{a.id}]", m)
        for t in self.times:
            out.append(("times", t.start, t.end, t.text))
        for q in self.quantities:
            out.append(("quantities", q.start, q.end, q.text))
        for e in self.events:
            add(f"events[{e.id}].evidence", e.evidence)
            add(f"events[{e.id}].trigger", e.trigger)
        for c in self.claims:
            add(f"claims[{c.id}].content", c.content)
            add(f"claims[{c.id}].cue", c.cue)
            add(f"claims[{c.id}].speaker_span", c.speaker_span)
        return out


def _build(cls: type[T], data: dict[str, Any]) -> T:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


def _span(data: dict[str, Any] | None) -> Span | None:
    return None if data is None else Span(start=data["start"], end=data["end"], text=data["text"])


def _spans(items: list[dict[str, Any]]) -> list[Span]:
    return [Span(start=m["start"], end=m["end"], text=m["text"]) for m in items]


def _with_mentions(cls: type[T], data: dict[str, Any]) -> T:
    obj = _build(cls, data)
    obj.mentions = _spans(data.get("mentions", []))  # type: ignore[attr-defined]
    return obj


def _place(data: dict[str, Any]) -> Place:
    place = _with_mentions(Place, data)
    place.alternatives = [_build(PlaceCandidate, c) for c in data.get("alternatives", [])]
    return place


def _event(data: dict[str, Any]) -> Event:
    event = _build(Event, data)
    event.fatalities = _build(Fatalities, data.get("fatalities") or {})
    event.evidence = _span(data.get("evidence"))
    event.trigger = _span(data.get("trigger"))
    return event


def _claim(data: dict[str, Any]) -> Claim:
    claim = _build(Claim, data)
    content = _span(data.get("content"))
    if content is None:
        raise ValueError(f"claim {data.get('id')!r} has no content span")
    claim.content = content
    claim.cue = _span(data.get("cue"))
    claim.speaker_span = _span(data.get("speaker_span"))
    return claim
