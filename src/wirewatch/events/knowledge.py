"""The event-coding knowledge kept as data files: taxonomy, trigger patterns and cue lists.

Everything here is read from ``wirewatch/data/events/`` and validated on load; a bad line
raises :class:`~wirewatch.errors.DataFileError` naming the file and line. Nothing in code
names a trigger word: the data files do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from wirewatch.errors import DataFileError

TERRITORIAL = "@territory"


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One ACLED sub-event type with its parent event type and disorder type."""

    name: str
    event_type: str
    disorder_type: str
    plover: str | None
    territorial: bool = False


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The ACLED hierarchy (6 types, 25 sub-types) and the PLOVER type list."""

    sub_event_types: dict[str, SubEventType]
    event_types: tuple[str, ...]
    plover_types: tuple[str, ...]

    def get(self, name: str) -> SubEventType:
        """The sub-event type called ``name`` (KeyError when unknown)."""
        return self.sub_event_types[name]

    @property
    def territorial(self) -> frozenset[str]:
        """Names of the sub-event types that change who holds a place."""
        return frozenset(n for n, s in self.sub_event_types.items() if s.territorial)


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    """One trigger pattern: words (lemmas, multi-word allowed) and how to code a match."""

    id: str
    phrases: tuple[tuple[str, ...], ...]
    pos: str
    sub_event_type: str | None
    weight: float
    alternatives: tuple[str, ...] = ()
    resolve: str | None = None  # "target", "protest" or None
    category: str | None = None
    plover: str | None = None
    plover_set: bool = False  # True when the file gives "plover" (even null)
    obj: str | None = None  # "territory", "territory_of", "territory_soft", "place"
    object_any: frozenset[str] = frozenset()
    object_none: frozenset[str] = frozenset()
    object_base: bool = False
    context_any: tuple[str, ...] = ()
    context_none: tuple[str, ...] = ()
    forms_none: frozenset[str] = frozenset()  # surface forms that never trigger ("according")
    requires_conflict: bool = False
    subject_armed: bool = False
    nonviolent_transfer: bool = False  # a retreat handing the place over → NVTT
    # A generic act of violence ("attack", "fighting", "killed") that a tied, more specific
    # trigger ("landmine", "mortar") codes better: ACLED codes the event by its modality.
    generic: bool = False
    # dependency labels of the trigger head that disqualify it ("shot down *helicopters*":
    # an aircraft that is the object is a target, not the striking platform)
    deps_none: frozenset[str] = frozenset()
    # when set, a trigger that is a compound modifier must modify one of these nouns
    # ("missile *strike*" yes, "missile *pact*" no)
    compound_heads: frozenset[str] | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists that qualify triggers (negation, modality, sides, targets...)."""

    data: dict[str, Any] = field(default_factory=dict)
    # ``words`` results by key: the coder asks for some lists once per trigger, and the
    # data never changes after loading
    _words: dict[str, frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def words(self, key: str) -> frozenset[str]:
        """A cue list as a set of lower-case strings."""
        got = self._words.get(key)
        if got is None:
            got = frozenset(str(w).lower() for w in self.data.get(key, []))
            self._words[key] = got
        return got

    def ordered(self, key: str) -> list[Any]:
        """A cue entry as stored (lists of objects keep their order)."""
        value = self.data.get(key, [])
        return list(value) if isinstance(value, list) else [value]

    def number(self, key: str, default: float) -> float:
        """A numeric cue setting."""
        value = self.data.get(key, default)
        return float(value)


def _data_path(name: str) -> Path:
    return Path(str(resources.files("wirewatch") / "data" / "events" / name))


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """Read ``taxonomy.json`` and check it holds the 6 ACLED types and 25 sub-types."""
    path = _data_path("taxonomy.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    subs: dict[str, SubEventType] = {}
    types = []
    for et in data["event_types"]:
        types.append(et["name"])
        for st in et["sub_event_types"]:
            subs[st["name"]] = SubEventType(
                name=st["name"],
                event_type=et["name"],
                disorder_type=st["disorder_type"],
                plover=st.get("plover"),
                territorial=bool(st.get("territorial", False)),
            )
    if len(types) != 6 or len(subs) != 25:
        raise DataFileError(
            str(path),
            0,
            f"expected 6 event types and 25 sub-types, got {len(types)} and {len(subs)}",
        )
    return Taxonomy(subs, tuple(types), tuple(data["plover_types"]))


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """Read ``cues.json``."""
    path = _data_path("cues.json")
    return Cues(json.loads(path.read_text(encoding="utf-8")))


def _phrase(words: str) -> tuple[str, ...]:
    return tuple(w for w in words.lower().replace("-", " - ").split() if w != "-") or (words,)


def parse_pattern(
    obj: dict[str, Any], *, path: str, line: int, taxonomy: Taxonomy
) -> TriggerPattern:
    """Validate one trigger line and build its :class:`TriggerPattern`."""
    try:
        pid = str(obj["id"])
        words = obj["words"]
        sub = obj.get("sub_event_type")
        weight = float(obj.get("weight", 0.7))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(
            path, line, f"trigger needs id, words and a numeric weight ({exc})"
        ) from None
    if not isinstance(words, list) or not words:
        raise DataFileError(path, line, "'words' must be a non-empty list")
    for name in [sub, *obj.get("alternatives", [])]:
        if name not in (None, TERRITORIAL) and name not in taxonomy.sub_event_types:
            raise DataFileError(path, line, f"unknown ACLED sub-event type {name!r}")
    plover = obj.get("plover")
    if plover is not None and plover not in taxonomy.plover_types:
        raise DataFileError(path, line, f"unknown PLOVER type {plover!r}")
    pos = str(obj.get("pos", "ANY")).upper()
    if pos not in ("ANY", "VERB", "NOUN"):
        raise DataFileError(path, line, f"pos must be ANY, VERB or NOUN, not {pos!r}")
    if not 0.0 < weight <= 1.0:
        raise DataFileError(path, line, "weight must lie in (0, 1]")
    return TriggerPattern(
        id=pid,
        phrases=tuple(_phrase(str(w)) for w in words),
        pos=pos,
        sub_event_type=sub,
        weight=weight,
        alternatives=tuple(obj.get("alternatives", [])),
        resolve=obj.get("resolve"),
        category=obj.get("category"),
        plover=plover,
        plover_set="plover" in obj,
        obj=obj.get("object"),
        object_any=frozenset(w.lower() for w in obj.get("object_any", [])),
        object_none=frozenset(w.lower() for w in obj.get("object_none", [])),
        object_base=bool(obj.get("object_base", False)),
        context_any=tuple(w.lower() for w in obj.get("context_any", [])),
        context_none=tuple(w.lower() for w in obj.get("context_none", [])),
        forms_none=frozenset(w.lower() for w in obj.get("forms_none", [])),
        requires_conflict=bool(
            obj.get("requires_conflict", False) or obj.get("requires_conflict_or_people", False)
        ),
        subject_armed=bool(obj.get("subject_armed", False)),
        nonviolent_transfer=bool(obj.get("nonviolent_transfer", False)),
        generic=bool(obj.get("generic", False)),
        deps_none=frozenset(str(d) for d in obj.get("deps_none", [])),
        compound_heads=(
            frozenset(str(w).lower() for w in obj["compound_heads"])
            if "compound_heads" in obj
            else None
        ),
        line=line,
    )


def read_patterns(path: Path, taxonomy: Taxonomy) -> list[TriggerPattern]:
    """Read a trigger file (JSON Lines; blank lines and ``#`` comments allowed)."""
    out = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise DataFileError(str(path), n, f"not valid JSON ({exc.msg})") from None
        out.append(parse_pattern(obj, path=str(path), line=n, taxonomy=taxonomy))
    return out


@lru_cache(maxsize=1)
def load_patterns() -> tuple[TriggerPattern, ...]:
    """The packaged trigger patterns."""
    return tuple(read_patterns(_data_path("triggers.jsonl"), load_taxonomy()))


@lru_cache(maxsize=1)
def load_irregular() -> dict[str, tuple[str, ...]]:
    """Irregular inflections (lemma → forms) used by the sentence pre-filter."""
    path = _data_path("irregular_verbs.tsv")
    out: dict[str, tuple[str, ...]] = {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) != 2:
            raise DataFileError(str(path), n, "expected: lemma<TAB>form,form,...")
        out[parts[0].strip()] = tuple(f.strip() for f in parts[1].split(",") if f.strip())
    return out


def inflections(
    word: str, irregular: dict[str, tuple[str, ...]], *, derived: bool = True
) -> set[str]:
    """Inflected forms of a lemma (regular rules plus the irregular table).

    ``derived`` adds agent and action nouns ("fighter", "detention") — right for the cheap
    sentence pre-filter, wrong for matching ("fighters" is not "fight").
    """
    w = word.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if derived:
        forms |= {w + "er", w + "ers"}
    if w.endswith("e"):
        forms.add(w[:-1] + "ing")
        if derived:
            forms.add(w[:-1] + "ion")
    if w.endswith("y"):
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouywx" and w[-2] in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
        if derived:
            forms.add(w + w[-1] + "er")
    forms |= {f for f in irregular.get(w, ()) if derived or not f.endswith(("er", "ers"))}
    return forms


@lru_cache(maxsize=1)
def prefilter_words() -> frozenset[str]:
    """Every surface form that can start a trigger (lower case): sentences without one skip."""
    return frozenset(prefilter_index())


@lru_cache(maxsize=1)
def prefilter_index() -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
    """First-word form → the other words of each phrase it starts (as sets of forms).

    A sentence is worth parsing when, for some phrase, every word occurs in some form:
    "new" alone does not make "new base" ("a new school year") a candidate.
    """
    irregular = load_irregular()
    out: dict[str, set[tuple[frozenset[str], ...]]] = {}
    for pat in load_patterns():
        for phrase in pat.phrases:
            rest = tuple(frozenset(inflections(w, irregular)) for w in phrase[1:])
            for form in inflections(phrase[0], irregular):
                out.setdefault(form, set()).add(rest)
    return {k: tuple(v) for k, v in out.items()}


TRAINING_FILES = ("training.tsv", "training_wire.tsv", "training_extra.tsv")


def load_training() -> list[tuple[str, str]]:
    """The team-written training sentences of the sub-event classifier: (label, text).

    Labels are ACLED sub-event types, ``none`` or ``none:<kind>`` (non-ACLED news of one
    kind: crime, disasters, diplomacy, responsibility claims...; the model folds them into
    ``none``).
    """
    taxonomy = load_taxonomy()
    out = []
    for name in TRAINING_FILES:
        path = _data_path(name)
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            parts = raw.split("\t")
            if len(parts) != 2:
                raise DataFileError(str(path), n, "expected: label<TAB>text")
            label, text = parts[0].strip(), parts[1].strip()
            known = label in taxonomy.sub_event_types or label.split(":")[0] == "none"
            if not known:
                raise DataFileError(str(path), n, f"unknown label {label!r}")
            out.append((label, text))
    return out
