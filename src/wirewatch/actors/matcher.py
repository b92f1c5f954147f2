"""Fast scanning of a text for knowledge-base names with one Aho-Corasick automaton.

Every name, alias, acronym, description, country name and demonym is a key of a single
automaton over lower-cased text; case rules are applied afterwards (acronyms must match
exactly, names must keep their capital). Overlapping hits are resolved leftmost-longest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from wirewatch.actors.kb import KnowledgeBase

# Hit types: what kind of key matched.
NAME, ACRONYM, DESC, COUNTRY, DEMONYM = "name", "acronym", "desc", "country", "demonym"


@dataclass(frozen=True, slots=True)
class Option:
    """One reading of a matched key: its type, the entry id (or ISO2) and the key as written."""

    type: str
    target: str
    form: str


@dataclass(slots=True)
class Hit:
    """A matched stretch of text with every reading of it."""

    start: int
    end: int
    options: list[Option]

    def of_type(self, *types: str) -> list[Option]:
        """The readings of the given types."""
        return [o for o in self.options if o.type in types]


def lower_same_length(text: str) -> str:
    """``text.lower()`` keeping every character at its index (some letters lower to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def at_boundaries(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is not part of a longer word.

    A following apostrophe counts as a boundary only for the possessive ('s): "Sana'a"
    must not match the agency "Sana", "HTS's" must match "HTS".
    """
    if start > 0 and _word_char(text[start - 1]):
        return False
    if end < len(text):
        nxt = text[end]
        if _word_char(nxt):
            return False
        if nxt in "'’" and end + 1 < len(text) and text[end + 1].isalpha():
            return text[end + 1] in "s" and not (end + 2 < len(text) and _word_char(text[end + 2]))
    return True


def case_ok(option: Option, surface: str) -> bool:
    """Case rules: acronyms exactly; names and countries keep an initial capital."""
    if option.type == ACRONYM:
        return surface == option.form
    if option.type in (NAME, COUNTRY, DEMONYM):
        first = option.form[:1]
        # "al-Shabaab" for "Al-Shabaab": an Arabic article may be written in lower case.
        article = option.form[:3].lower() in ("al-", "el-", "al ")
        if first.isupper() and not surface[:1].isupper() and not article:
            return False
        # A one-word name written in capitals only matches as written ("Sana", not "SANA"
        # unless "SANA" is listed), which keeps shouting headlines from over-matching.
        if " " not in option.form and surface.isupper() and not option.form.isupper():
            return len(surface) > 4
        return True
    return True


class Matcher:
    """The automaton over every key of a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        auto = ahocorasick.Automaton()
        table: dict[str, list[Option]] = {}

        def add(key: str, option: Option) -> None:
            low = lower_same_length(key.strip())
            if len(low) < 2:
                return
            bucket = table.setdefault(low, [])
            if option not in bucket:
                bucket.append(option)

        for entry in kb.entries.values():
            add(entry.name, Option(NAME, entry.id, entry.name))
            for alias in entry.aliases:
                add(alias, Option(NAME, entry.id, alias))
            for acronym in entry.acronyms:
                add(acronym, Option(ACRONYM, entry.id, acronym))
            for desc in entry.descriptions:
                add(desc, Option(DESC, entry.id, desc))
        for desc in kb.lexicon.get("generic_descriptions", {}):
            add(desc, Option(DESC, "", desc))
        for country in kb.countries.values():
            for name in country.names:
                add(name, Option(COUNTRY, country.iso2, name))
            for dem in country.demonyms:
                add(dem, Option(DEMONYM, country.iso2, dem))
        for key, options in table.items():
            auto.add_word(key, (len(key), tuple(options)))
        auto.make_automaton()
        self._auto = auto
        self.keys = len(table)

    def candidates(self, text: str) -> Iterable[Hit]:
        """Every acceptable hit, overlapping ones included."""
        low = lower_same_length(text)
        for end_idx, (length, options) in self._auto.iter(low):
            start, end = end_idx - length + 1, end_idx + 1
            if not at_boundaries(text, start, end):
                continue
            surface = text[start:end]
            kept = [o for o in options if case_ok(o, surface)]
            if kept:
                yield Hit(start, end, kept)

    def scan(self, text: str) -> list[Hit]:
        """Non-overlapping hits, leftmost-longest first, in text order."""
        hits = sorted(self.candidates(text), key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        last_end = -1
        for hit in hits:
            if hit.start >= last_end:
                out.append(hit)
                last_end = hit.end
        return out
