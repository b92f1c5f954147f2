"""Typed records of the data contract (DESIGN.md §3, schema version 1).

Records are plain dataclasses with no I/O. Every span is ``[start, end)`` in Python string
indices into ``Article.text`` (the cleaned text). Ids (``p1``, ``a3``, ``e2``, ``c1``) are
local to one extraction; cross-references (``Event.place``, ``Claim.about_events``...) hold them.
Fields may be added freely; renaming one breaks the published schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass(slots=True)
class Span:
    """A contiguous stretch of the cleaned article text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Build a span whose ``text`` is read from ``text[start:end]``."""
        return cls(start=start, end=end, text=text[start:end])


@dataclass(slots=True, kw_only=True)
class Article:
    """The cleaned article: metadata plus the text every span points into."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD, or None when unknown
    language: str | None = None


@dataclass(slots=True, kw_only=True)
class PlaceCandidate:
    """A runner-up gazetteer entry for a place mention, kept for auditing."""

    geonameid: int
    name: str
    country_code: str | None
    feature_code: str | None
    lat: float
    lon: float
    population: int | None
    score: float


@dataclass(slots=True, kw_only=True)
class Place:
    """A place resolved to a gazetteer entry, with every mention in the text."""

    id: str
    name: str
    geonameid: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_code: str | None = None
    population: int | None = None
    geo_precision: int | None = None  # ACLED 1 town / 2 near or part of region / 3 region
    confidence: float = 0.0
    mentions: list[Span] = field(default_factory=list)
    alternatives: list[PlaceCandidate] = field(default_factory=list)
    relation: str | None = None  # "south of", "near" ... when the text locates relative to it


@dataclass(slots=True, kw_only=True)
class Actor:
    """A canonical actor (group, force, person, organisation) and its mentions."""

    id: str
    name: str
    kind: str | None = None  # ACLED inter words, or person/government/organisation/media
    country_code: str | None = None
    wikidata: str | None = None
    role: str | None = None
    affiliation: str | None = None  # actor id of the group a person belongs to
    mentions: list[Span] = field(default_factory=list)
    known: bool = False  # True when linked to the knowledge base, False for new names


@dataclass(slots=True, kw_only=True)
class TimeExpr:
    """A temporal expression normalised against an anchor (TIMEX3-style values)."""

    start: int
    end: int
    text: str
    value: str | None = None
    end_value: str | None = None
    precision: str | None = None  # day / week / month / year / duration / set ...
    time_precision: int | None = None  # ACLED 1 day / 2 week or span / 3 month or coarser
    anchor: str | None = None  # "published", an event id, or None when absolute
    type: str = "DATE"  # TIMEX3 type: DATE, TIME, DURATION, SET


@dataclass(slots=True, kw_only=True)
class Quantity:
    """A number with its qualifier, unit and semantic category."""

    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None  # "more than", "at least", "about", "hundreds" ...
    unit: str | None = None  # the counted noun: "deaths", "prisoners", "vehicles"
    category: str | None = None  # killed / injured / displaced / detained / freed / ...
    id: str | None = None
    claims: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Fatalities:
    """Fatalities in the UCDP manner plus ACLED's conservative single figure."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    acled: int = 0


@dataclass(slots=True, kw_only=True)
class Event:
    """One coded event with its evidence sentence and links to the other layers."""

    id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    plover_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None
    time_precision: int | None = None
    geo_precision: int | None = None
    fatalities: Fatalities = field(default_factory=Fatalities)
    evidence: Span | None = None
    trigger: Span | None = None
    claims: list[str] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    confidence: float = 0.0
    quantities: list[str] = field(default_factory=list)
    date_reason: str | None = None  # why the date was chosen (e.g. fell back to publication)
    # What kind of happening beyond the ACLED/PLOVER codes: displacement, prisoner_release,
    # retreat, statement, aid (None for plain ACLED-coded events).
    category: str | None = None


@dataclass(slots=True, kw_only=True)
class Claim:
    """A quote or reported statement with its speaker, cue and channel."""

    id: str
    content: Span
    speaker: str | None = None
    speaker_role: str | None = None
    speaker_actor: str | None = None
    speaker_span: Span | None = None
    cue: Span | None = None
    channel: str | None = None  # "Telegram", "statement", "news agency" ...
    intermediary: str | None = None  # "Sana" in "a statement carried by ... Sana"
    direct_quote: bool = False
    about_events: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class Control:
    """A change of who holds a place, as implied by one event."""

    place: str
    holder: str | None
    previous_holder: str | None = None
    since: str | None = None
    event: str | None = None
    status: str = "reported"  # claimed / reported / contested
    contested_by: list[str] = field(default_factory=list)
    # Set when the thing taken or left is a facility at or near the place ("an army base
    # near X"): the entry says who holds that facility, not who holds the place.
    facility: str | None = None


@dataclass(slots=True, kw_only=True)
class Contradiction:
    """Claims (or figures) that disagree about the same event, place or quantity."""

    about: str  # an event, place or quantity id
    claims: list[str]
    kind: str = "claims"  # "claims" or "figures"
    note: str | None = None


@dataclass(slots=True, kw_only=True)
class Warning:  # noqa: A001 - the contract calls it "warnings"; shadows only inside this module
    """A coded, human-readable warning about one article."""

    code: str
    message: str


def to_plain(obj: Any) -> Any:
    """Convert records (recursively) into JSON-ready dicts, lists and scalars."""
    if hasattr(obj, "__dataclass_fields__"):
        return {name: to_plain(getattr(obj, name)) for name in obj.__dataclass_fields__}
    if isinstance(obj, list | tuple):
        return [to_plain(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_plain(value) for key, value in obj.items()}
    return obj
