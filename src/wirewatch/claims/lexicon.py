"""The claims knowledge (cue verbs, channels, stance words), loaded from ``data/claims``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from wirewatch.errors import DataFileError

_DATA_PACKAGE = "wirewatch.data"


# complementizers: any verb with a named holder and such a clause may state it
_CLAUSE_MARKS = frozenset({"that", "whether"})


def _read_json(name: str) -> dict[str, Any]:
    path = resources.files(_DATA_PACKAGE).joinpath("claims").joinpath(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(str(path), None, "data file is missing") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(str(path), exc.lineno, f"not valid JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise DataFileError(str(path), None, "expected a JSON object")
    return data


def _forms(lemma: str) -> set[str]:
    """Generous inflected forms of a regular verb (used only as a cheap pre-filter)."""
    stems = {lemma, lemma + lemma[-1]}
    if lemma.endswith("e"):
        stems.add(lemma[:-1])
    if lemma.endswith("y"):
        stems.add(lemma[:-1] + "i")
    return {s + suffix for s in stems for suffix in ("", "s", "es", "ed", "d", "ing")}


def _phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    alts = sorted({re.escape(p) for p in phrases if p}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel name and the words that signal it."""

    name: str
    words: tuple[str, ...]


@dataclass(slots=True)
class ClaimLexicon:
    """Everything the claims code knows about words, read from the data files."""

    speech: frozenset[str]
    cognition: frozenset[str]
    colon_not_speakers: frozenset[str]
    listener: frozenset[str]
    object_content: frozenset[str]
    naming: frozenset[str]
    particles: dict[str, frozenset[str]]
    phrases: tuple[str, ...]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    determiners: frozenset[str]
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    cue_forms: frozenset[str]
    channels: tuple[Channel, ...]
    intermediary_cues: tuple[str, ...]
    strip_prefix: tuple[str, ...]
    strip_suffix: tuple[str, ...]
    media_words: tuple[str, ...]
    assert_words: tuple[str, ...]
    minimise_words: tuple[str, ...]
    minimise_cues: frozenset[str]
    sides: dict[str, tuple[str, ...]]
    neutral_kinds: frozenset[str]
    nouns: frozenset[str] = frozenset()
    evaluative: frozenset[str] = frozenset()
    aspectual: frozenset[str] = frozenset()
    evidential: frozenset[str] = frozenset()
    figure_verbs: frozenset[str] = frozenset()
    figure_nouns: frozenset[str] = frozenset()
    # adjectives of a state of mind with a clausal complement ("confident that ...")
    adjectives: frozenset[str] = frozenset()
    # documents that report on their own ("In the latest poll, ...")
    source_nouns: frozenset[str] = frozenset()
    # verbs that are cues only with their particle ("railed against", "weighed in")
    phrasal: dict[str, frozenset[str]] = field(default_factory=dict)
    # inflected form -> cue lemma, to mend the small model's wrong lemmas ("hopes" -> "hop")
    lemma_of: dict[str, str] = field(default_factory=dict)
    _regex: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)
    # verbs that contradict a claim made before ("..., a claim the army denied")
    refuting: frozenset[str] = frozenset()
    # built once from the lists above: the attributor asks for them for every token
    _cue_lemmas: frozenset[str] = field(default=frozenset(), repr=False)
    _particles: frozenset[str] = field(default=frozenset(), repr=False)

    def __post_init__(self) -> None:
        self._cue_lemmas = self.speech | self.cognition
        self._particles = frozenset().union(*self.phrasal.values())

    @property
    def phrasal_particles(self) -> frozenset[str]:
        """Every particle of a phrasal cue ("against", "down" ...)."""
        return self._particles

    def refutes(self, cue: str) -> bool:
        """True when a cue's words hold a refuting verb ("denied", "has disputed")."""
        return any(
            self.lemma_of.get(w, w) in self.refuting for w in re.findall(r"[a-z]+", cue.lower())
        )

    @property
    def cue_lemmas(self) -> frozenset[str]:
        """Every verb lemma that can introduce a claim."""
        return self._cue_lemmas

    def regex(self, name: str, phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
        """A cached whole-word regex over ``phrases``."""
        if name not in self._regex:
            self._regex[name] = _phrase_regex(list(phrases))
        return self._regex[name]

    def has_cue_form(self, sentence: str) -> bool:
        """Cheap test whether a sentence holds a cue verb form or cue phrase."""
        words = set(re.findall(r"[a-z]+", sentence.lower()))
        if words & self.cue_forms or words & _CLAUSE_MARKS:
            # a "that"/"whether" clause may hang on a verb outside the lexicon
            return True
        return bool(self.regex("phrases", self.phrases).search(sentence))


def load_lexicon() -> ClaimLexicon:
    """Load and check ``data/claims/{cues,channels,stance}.json``."""
    cues = _read_json("cues.json")
    chans = _read_json("channels.json")
    stance = _read_json("stance.json")
    try:
        speech = frozenset(cues["speech"])
        cognition = frozenset(cues["cognition"]) | frozenset(cues["stance"])
        forms: set[str] = set()
        lemma_of: dict[str, str] = {}
        for lemma in sorted(speech | cognition):
            for form in _forms(lemma):
                lemma_of.setdefault(form, lemma)
            forms |= _forms(lemma)
        for lemma, extra in cues.get("irregular", {}).items():
            forms |= set(extra)
            for form in extra:
                lemma_of.setdefault(form, lemma)
        nouns = frozenset(cues.get("nouns", ()))
        for lemma in (*cues.get("evidential", ()), *cues.get("figure_verbs", ())):
            forms |= _forms(lemma)
        for noun in nouns:
            forms |= {noun, noun + "s", noun + "es"}
        adjectives = frozenset(cues.get("adjectives", ()))
        forms |= adjectives
        source_nouns = frozenset(cues.get("source_nouns", ()))
        forms |= {n + "s" for n in source_nouns} | source_nouns
        phrasal = {k: frozenset(v) for k, v in cues.get("phrasal", {}).items()}
        refuting = frozenset(cues.get("refuting", ()))
        for lemma in sorted(refuting):
            for form in _forms(lemma):
                lemma_of.setdefault(form, lemma)
        for lemma in phrasal:
            for form in _forms(lemma):
                lemma_of.setdefault(form, lemma)
            forms |= _forms(lemma)
        pronouns = cues["pronouns"]
        return ClaimLexicon(
            speech=speech,
            cognition=cognition,
            colon_not_speakers=frozenset(cues["colon_not_speakers"]),
            listener=frozenset(cues["listener"]),
            object_content=frozenset(cues["object_content"]),
            naming=frozenset(cues["naming"]),
            particles={k: frozenset(v) for k, v in cues["particles"].items()} | phrasal,
            phrases=tuple(p["text"] for p in cues["phrases"]),
            person_pronouns=frozenset(pronouns["person"]),
            group_pronouns=frozenset(pronouns["group"]),
            determiners=frozenset(cues["determiners"]),
            titles=frozenset(t.lower() for t in cues["titles"]),
            title_modifiers=frozenset(t.lower() for t in cues["title_modifiers"]),
            cue_forms=frozenset(forms),
            channels=tuple(
                Channel(c["name"], tuple(w.lower() for w in c["words"])) for c in chans["channels"]
            ),
            intermediary_cues=tuple(chans["intermediary_cues"]),
            strip_prefix=tuple(chans["intermediary_strip_prefix"]),
            strip_suffix=tuple(chans["intermediary_strip_suffix"]),
            media_words=tuple(chans["media_words"]),
            assert_words=tuple(stance["assert"]),
            minimise_words=tuple(stance["minimise"]),
            minimise_cues=frozenset(stance["minimise_cues"]),
            sides={k: tuple(v) for k, v in stance["sides"].items()},
            neutral_kinds=frozenset(stance["neutral_kinds"]),
            nouns=nouns,
            evaluative=frozenset(cues.get("evaluative", ())),
            aspectual=frozenset(cues.get("aspectual", ())),
            evidential=frozenset(cues.get("evidential", ())),
            figure_verbs=frozenset(cues.get("figure_verbs", ())),
            figure_nouns=frozenset(cues.get("figure_nouns", ())),
            adjectives=adjectives,
            phrasal=phrasal,
            refuting=refuting,
            source_nouns=source_nouns,
            lemma_of=lemma_of,
        )
    except (KeyError, TypeError) as exc:
        raise DataFileError("data/claims", None, f"missing or malformed entry: {exc}") from exc
