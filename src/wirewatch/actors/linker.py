"""Link actor mentions in a document to canonical actors.

Order of work, cheapest evidence first:

1. one Aho-Corasick scan of the text for knowledge-base names, acronyms, descriptions,
   country names and demonyms (:mod:`wirewatch.actors.matcher`);
2. acronyms the article defines ("Hayat Tahrir al-Sham (HTS)") become local aliases;
3. names and acronyms link directly (a shared acronym is settled by the document's country);
4. people: titles ("Syrian Defense Minister Ali Abbas") and appositions ("Aron Lund,
   researcher at Century International") give role and affiliation;
5. descriptions ("the rebels", "the army", "residents") resolve by an adjacent demonym,
   "troops of <person>", the most recent actor they describe, the document's country, or a
   generic actor ("Civilians (Syria)") — coalitions ("rebels led by HTS") set affiliation;
6. country names used as actors ("war with Israel") and demonyms before military nouns
   ("Israeli strikes") link to the country's government or forces;
7. NER evidence: named groups and people the base does not know become actors with
   ``known=False``.

Ids ``a1``, ``a2``... follow the order of first mention; affiliated actors that are never
mentioned themselves come last, without mentions.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wirewatch.actors.kb import ActorEntry, KnowledgeBase
from wirewatch.actors.matcher import ACRONYM, COUNTRY, DEMONYM, DESC, NAME, Hit, Matcher
from wirewatch.model import Actor, Span

_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_NAME_TOKEN = (
    rf"(?:(?:al|el|as|ash|ad|an|bin|ibn|abu|Abu|Al|El|de|da|di|van|von|der|du|le|la|dos|del)"
    rf"[-\s])?[{_UPPER}](?:\.|[\w'’-]*)"
)
NAME_RE = re.compile(rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}")
_AGE_RE = re.compile(r"^(?:an?\s+)?\d{1,3}[-\s]year[-\s]old\s+", re.IGNORECASE)
_ACRONYM_DEF_RE = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z0-9&-]{1,9})\)")
_APPOSITION_RE = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?P<role>[^,;:.!?“”\"()\n]{2,90}?)(?=\s*(?:[,;:.!?“”\"()\n]|$))"
)
_AFFIL_SPLIT_RE = re.compile(r"\s+(?:at|of|with|for|from)\s+(?:the\s+)?")
_POSSESSIVE_RE = re.compile(r"^['’]s\s")
_RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "where", "when", "while"})


@dataclass(slots=True)
class Draft:
    """An actor being assembled; turned into an :class:`Actor` at the end."""

    key: str
    name: str
    kind: str | None
    country: str | None = None
    wikidata: str | None = None
    role: str | None = None
    affiliation: str | None = None  # a draft key
    known: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)
    descriptions: tuple[str, ...] = ()
    starts: list[int] = field(default_factory=list)  # sorted mention starts, for recency


class Linker:
    """Links one document's actor mentions using a knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = Matcher(kb)
        lex = kb.lexicon
        self.generic: dict[str, dict[str, str]] = lex.get("generic_descriptions", {})
        self.titles: dict[str, str | None] = lex.get("titles", {})
        self.role_nouns = {w.lower() for w in lex.get("role_nouns", [])}
        self.group_words: dict[str, str | None] = lex.get("group_words", {})
        self.locative = {w.lower() for w in lex.get("locative_words", [])}
        self.military_nouns = sorted(lex.get("military_nouns", []), key=len, reverse=True)
        self.function_words = set(lex.get("function_words", []))
        cues = sorted(lex.get("coalition_cues", []), key=len, reverse=True)
        self._coalition_re = re.compile(
            r"^,?\s+(?:" + "|".join(re.escape(c) for c in cues) + r")\s+" if cues else r"^(?!)"
        )
        self._military_re = re.compile(
            r"^[\s-]+(?:" + "|".join(re.escape(n) for n in self.military_nouns) + r")\b",
            re.IGNORECASE,
        )
        title_alt = "|".join(re.escape(t) for t in sorted(self.titles, key=len, reverse=True))
        self._title_re = re.compile(rf"(?<![\w-])(?P<title>{title_alt})\s+(?=[{_UPPER}])")
        self._role_noun_re = re.compile(
            r"\b(?:"
            + "|".join(re.escape(n) for n in sorted(self.role_nouns, key=len, reverse=True))
            + r")\b",
            re.IGNORECASE,
        )
        self.speech_verbs = {w.lower() for w in lex.get("speech_verbs", [])}
        self.needs_determiner = {w.lower() for w in lex.get("needs_determiner", [])}
        self.determiners = {w.lower() for w in lex.get("determiners", [])}
        self._by_desc: dict[str, list[ActorEntry]] = {}
        for entry in kb.entries.values():
            for desc in entry.descriptions:
                self._by_desc.setdefault(desc, []).append(entry)
        # Exact spellings of known people, for names found by titles and appositions.
        self._person_alias: dict[str, str] = {}
        for entry in kb.entries.values():
            if entry.kind == "person":
                for alias in (entry.name, *entry.aliases):
                    self._person_alias.setdefault(alias, entry.id)
        self._gov_of = {e.country: e.id for e in kb.entries.values() if e.id == f"gov-{e.country}"}
        self._mil_of = {e.country: e.id for e in kb.entries.values() if e.id == f"mil-{e.country}"}

    # ------------------------------------------------------------------ entry point
    def link(
        self,
        text: str,
        *,
        place_countries: Iterable[str | None] = (),
        place_spans: Iterable[tuple[int, int]] = (),
        entities: Iterable[tuple[int, int, str]] = (),
        country_focus: str | None = None,
    ) -> list[Actor]:
        """Return the actors of ``text`` with their mentions, ids in order of first mention.

        ``place_countries`` are the country codes of resolved places (one per mention),
        ``place_spans`` their mention spans (never actors), ``entities`` NER spans as
        ``(start, end, label)``.
        """
        run = _Run(self, text, list(place_spans), list(entities))
        run.country = self._doc_country(run, place_countries) or country_focus
        run.go()
        return run.actors()

    def _doc_country(self, run: _Run, place_countries: Iterable[str | None]) -> str | None:
        counts = Counter(c for c in place_countries if c)
        if not counts:
            for hit in run.hits:
                for opt in hit.of_type(COUNTRY, DEMONYM):
                    counts[opt.target] += 1
                    break
        if not counts:
            # No place and no country named: the countries of the named actors decide.
            for hit in run.hits:
                named = hit.of_type(NAME, ACRONYM)
                country = self.kb.entries[named[0].target].country if named else None
                if country:
                    counts[country] += 1
            return counts.most_common(1)[0][0] if counts else None
        best = max(counts.values())
        # Ties go to the country named first.
        for hit in run.hits:
            for opt in hit.of_type(COUNTRY, DEMONYM):
                if counts.get(opt.target) == best:
                    return opt.target
        return counts.most_common(1)[0][0]


class _Run:
    """The state of linking one text."""

    def __init__(
        self,
        linker: Linker,
        text: str,
        place_spans: list[tuple[int, int]],
        entities: list[tuple[int, int, str]],
    ) -> None:
        self.l = linker
        self.kb = linker.kb
        self.text = text
        self.hits = linker.matcher.scan(text)
        self._by_start = {h.start: h for h in self.hits}
        self._by_end = {h.end: h for h in self.hits}
        # Hits never overlap, so both lists are sorted: range queries are bisections.
        self._starts = [h.start for h in self.hits]
        self._ends = [h.end for h in self.hits]
        self._taken = bytearray(len(text) + 1)
        self._place = bytearray(len(text) + 1)
        for ps, pe in place_spans:
            self._place[ps:pe] = b"\x01" * max(0, pe - ps)
        self.entities = entities
        self.country: str | None = None
        self.drafts: dict[str, Draft] = {}
        self.local: dict[str, str] = {}  # acronym/name defined in this text -> draft key

    # ------------------------------------------------------------------ helpers
    def draft_for(self, entry: ActorEntry) -> Draft:
        d = self.drafts.get(entry.id)
        if d is None:
            d = Draft(
                key=entry.id,
                name=entry.name,
                kind=entry.kind,
                country=entry.country,
                wikidata=entry.wikidata,
                role=entry.role,
                affiliation=entry.affiliation,
                known=True,
                descriptions=entry.descriptions,
            )
            self.drafts[entry.id] = d
        return d

    def new_draft(self, key: str, name: str, kind: str | None, country: str | None) -> Draft:
        d = self.drafts.get(key)
        if d is None:
            d = Draft(key=key, name=name, kind=kind, country=country, known=False)
            self.drafts[key] = d
        return d

    def mention(self, d: Draft, start: int, end: int) -> None:
        i = bisect.bisect_left(d.starts, start)
        if i < len(d.starts) and d.starts[i] == start and (start, end) in d.spans:
            return
        d.starts.insert(i, start)
        d.spans.append((start, end))
        self._taken[start:end] = b"\x01" * (end - start)

    def is_taken(self, start: int, end: int) -> bool:
        return 1 in self._taken[start:end]

    def is_place(self, start: int, end: int) -> bool:
        return 1 in self._place[start:end]

    def in_longer_place(self, start: int, end: int) -> bool:
        """True when ``start:end`` is part of a longer place name ("Sudan" in "Port
        Sudan"): place mentions never take in the space or mark before or after them, so
        a marked character just outside the span means the same mention goes on."""
        return (start > 0 and self._place[start - 1] == 1) or self._place[end] == 1

    def hits_between(self, start: int, end: int) -> list[Hit]:
        """Hits starting in ``[start, end)``."""
        i0 = bisect.bisect_left(self._starts, start)
        i1 = bisect.bisect_left(self._starts, end)
        return self.hits[i0:i1]

    def hits_overlapping(self, start: int, end: int) -> list[Hit]:
        """Hits that share a character with ``[start, end)``."""
        i0 = bisect.bisect_right(self._ends, start)
        i1 = bisect.bisect_left(self._starts, end)
        return self.hits[i0:i1]

    def prev_word(self, start: int) -> str:
        m = re.search(r"([\w'-]+)\W*$", self.text[max(0, start - 40) : start])
        return m.group(1).lower() if m else ""

    def hit_at(self, start: int, *, within: int = 0) -> Hit | None:
        if within == 0:
            return self._by_start.get(start)
        found = self.hits_between(start, start + within + 1)
        return found[0] if found else None

    def hit_ending(self, end: int) -> Hit | None:
        return self._by_end.get(end)

    def gov(self, iso: str) -> Draft | None:
        return self._state(iso, self.l._gov_of, "government", "Government of {country}")

    def mil(self, iso: str) -> Draft | None:
        return self._state(iso, self.l._mil_of, "state forces", "Military Forces of {country}")

    def _state(self, iso: str, table: dict[str | None, str], kind: str, tmpl: str) -> Draft | None:
        entry_id = table.get(iso)
        if entry_id is not None:
            return self.draft_for(self.kb.entries[entry_id])
        country = self.kb.countries.get(iso)
        if country is None:
            return None
        return self.new_draft(f"generic:{kind}:{iso}", tmpl.format(country=country.name), kind, iso)

    def entry_country(self, key: str) -> str | None:
        d = self.drafts.get(key)
        if d is None:
            return None
        if d.country:
            return d.country
        if d.affiliation and d.affiliation in self.drafts:
            return self.drafts[d.affiliation].country
        return None

    # ------------------------------------------------------------------ passes
    def go(self) -> None:
        self.acronym_definitions()
        self.names()
        self.local_aliases()
        self.descriptions()
        self.people()
        self.countries_and_demonyms()
        self.ner_evidence()
        self.surnames()

    def pick(self, options: list[Any]) -> ActorEntry:
        """Choose among entries sharing a key: this text's country, then already linked."""
        entries = [self.kb.entries[o.target] for o in options]
        for entry in entries:
            if entry.id in self.drafts and self.drafts[entry.id].spans:
                return entry
        for entry in entries:
            if self.country and entry.country == self.country:
                return entry
        return entries[0]

    def acronym_definitions(self) -> None:
        """ "Long Name (ACR)": the acronym becomes a local alias of the long name's actor."""
        for m in _ACRONYM_DEF_RE.finditer(self.text):
            acr, start = m.group("acr"), m.start()
            prev = self.hit_ending(start)
            named = prev.of_type(NAME, ACRONYM) if prev else []
            if prev is not None and named:
                entry = self.pick(named)
                self.local[acr] = entry.id
                self.draft_for(entry)
                continue
            long_form = self._long_form(start, acr)
            if long_form is None:
                continue
            s, e = long_form
            name = self.text[s:e]
            if not self._group_name(name):
                continue  # "North American Free Trade Agreement (NAFTA)" is not an actor
            key = f"new:{name.lower()}"
            self.new_draft(key, name, self._guess_kind(name), self.country)
            self.local[acr] = key
            self.local[name] = key

    def _long_form(self, end: int, acr: str) -> tuple[int, int] | None:
        """The capitalised words before "(ACR)" whose initials can spell the acronym."""
        words = list(re.finditer(r"[\w'’-]+", self.text[max(0, end - 120) : end]))
        base = max(0, end - 120)
        chosen: int | None = None
        for w in reversed(words):
            token = w.group(0)
            if token[:1].isupper():
                if token[:1] == acr[:1]:
                    chosen = base + w.start()
                continue
            if token.lower() in {"of", "for", "the", "and", "al", "de", "du", "des", "la", "le"}:
                continue
            break
        if chosen is None or self.text[chosen:end].split()[0] in self.l.function_words:
            return None
        return chosen, end

    def _group_name(self, name: str) -> bool:
        """A name of two or more capitalised words ending in a group word ("... Brigade")."""
        words = name.split()
        return (
            len(words) >= 2
            and words[0][:1].isupper()
            and re.sub(r"\W", "", words[-1].lower()) in self.l.group_words
        )

    def _guess_kind(self, name: str) -> str | None:
        for word in reversed(re.findall(r"[\w]+", name.lower())):
            if word in self.l.group_words:
                return self.l.group_words[word]
        return None

    def names(self) -> None:
        for hit in self.hits:
            named = hit.of_type(NAME, ACRONYM)
            if not named or self.is_place(hit.start, hit.end):
                continue
            entry = self.pick(named)
            if entry.kind == "person" and self._is_partial_person(hit, entry):
                continue
            self.mention(self.draft_for(entry), hit.start, hit.end)

    def _is_partial_person(self, hit: Hit, entry: ActorEntry) -> bool:
        """A bare surname glued to another capitalised name is someone else ("Abbas Araghchi")."""
        after = self.text[hit.end : hit.end + 2]
        before = self.text[max(0, hit.start - 2) : hit.start]
        single = " " not in self.text[hit.start : hit.end]
        if not single:
            return False
        return bool(re.match(rf" [{_UPPER}]", after)) or bool(
            re.match(rf"[{_UPPER}][a-z]+ $", self.text[max(0, hit.start - 15) : hit.start])
            and before.endswith(" ")
            and self.text[max(0, hit.start - 15) : hit.start].split()[-1] not in self.l.titles
            and self.text[max(0, hit.start - 15) : hit.start].split()[-1]
            not in self.l.function_words
        )

    def local_aliases(self) -> None:
        """Mentions of acronyms/names this text defined."""
        for alias, key in self.local.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w])", self.text):
                if self.is_taken(m.start(), m.end()):
                    continue
                if self.is_place(m.start(), m.end()):
                    continue
                # The defining "(ACR)" is itself a mention of the actor.
                self.mention(self.drafts[key], m.start(), m.end())

    # ------------------------------------------------------------------ people
    def people(self) -> None:
        for m in self.l._title_re.finditer(self.text):
            title = m.group("title")
            name_span = self._name_after(m.end())
            if name_span is None:
                continue
            # A lowercase title ("leader", "commander") needs an owner right before it.
            prefix = self._prefix_owner(m.start())
            if title[:1].islower() and prefix is None:
                continue
            self._person(name_span, title, prefix, self.l.titles.get(title))
        for m in NAME_RE.finditer(self.text):
            app = _APPOSITION_RE.match(self.text, m.end())
            if app is None:
                continue
            role = _AGE_RE.sub("", app.group("role")).strip()
            if not role or role.split()[0].lower() in _RELATIVE_WORDS:
                continue  # "Joe Biden, who was ...": a clause, not a role
            noun = self.l._role_noun_re.search(role)
            # Roles in appositions are common nouns: "an insurgent military leader".
            if noun is None or not noun.group(0)[:1].islower() or len(role.split()) > 8:
                continue
            if any(w.lower() in self.l.speech_verbs for w in role.split()):
                continue
            span = self._trim_name(m.start(), m.end())
            follow = re.match(r"\s*,?\s*(\w+)", self.text[app.end() : app.end() + 30])
            speaks = follow is not None and follow.group(1).lower() in self.l.speech_verbs
            if span is None or not (speaks or self._looks_like_person(*span)):
                continue
            self._apposition(span, role, app.start("role") + app.group("role").find(role))

    def _looks_like_person(self, s: int, e: int) -> bool:
        """A name in an apposition needs evidence: NER, the base, or "said NAME, ..."."""
        if any(lb == "PERSON" and a < e and s < b for a, b, lb in self.entities):
            return True
        if self.text[s:e] in self.l._person_alias:
            return True
        before = self.text[max(0, s - 12) : s].split()
        return bool(before) and before[-1].lower().strip('”",') in self.l.speech_verbs

    def _name_after(self, pos: int) -> tuple[int, int] | None:
        hit = self.hit_at(pos)
        if hit is not None and hit.start == pos and self._person_hit(hit):
            return hit.start, hit.end
        m = NAME_RE.match(self.text, pos)
        if m is None:
            return None
        return self._trim_name(m.start(), m.end())

    def _trim_name(self, start: int, end: int) -> tuple[int, int] | None:
        """Cut a capitalised run down to a plausible personal name, or reject it."""
        tokens = list(re.finditer(r"\S+", self.text[start:end]))
        kept: list[re.Match[str]] = []
        for tok in tokens:
            word = tok.group(0).rstrip(".")
            if word in self.l.function_words or word in self.l.titles:
                if kept:
                    break
                continue
            kept.append(tok)
        if not kept:
            return None
        s, e = start + kept[0].start(), start + kept[-1].end()
        if self.text[e - 2 : e] in ("'s", "’s"):
            e -= 2
        words = self.text[s:e].split()
        if (
            re.search(r"['’]s\s", self.text[s:e])  # "Clinton's N."
            or re.fullmatch(r"[A-Z]\.", words[-1])  # ends on an initial
            or words[-1].lower() in self.l.group_words  # "General Assembly"
        ):
            return None
        if self.text[e - 1] == "." and not re.search(r"\b[A-Z]\.$", self.text[s:e]):
            e -= 1
        if e <= s or self.is_place(s, e):
            return None
        hit = self.hit_at(s)
        if hit is not None and hit.start == s and hit.end >= e and not self._person_hit(hit):
            return None
        if any(h.of_type(COUNTRY, DEMONYM) for h in self.hits_overlapping(s, e)):
            return None
        return s, e

    def _prefix_owner(self, title_start: int) -> Draft | None:
        """The government, group or organisation named right before a title."""
        before = self.text[max(0, title_start - 6) : title_start]
        m = re.search(r"(['’]s)?\s+$", before)
        if m is None:
            return None
        hit = self.hit_ending(title_start - (len(before) - m.start()))
        if hit is None:
            return None
        for opt in hit.options:
            if opt.type in (COUNTRY, DEMONYM):
                d = self.gov(opt.target)
                if d is not None:
                    self.mention(d, hit.start, hit.end)
                return d
        named = hit.of_type(NAME, ACRONYM)
        if named:
            entry = self.pick(named)
            if entry.kind != "person":
                d = self.draft_for(entry)
                self.mention(d, hit.start, hit.end)
                return d
        return None

    def _person(
        self,
        span: tuple[int, int],
        role: str | None,
        owner: Draft | None,
        owner_kind: str | None,
    ) -> Draft:
        s, e = span
        d = self._person_draft(s, e)
        honorific = owner_kind is None and role is not None and role[:1].isupper()
        if role and not honorific:
            d.role = role
        if owner is not None and d.known and d.affiliation and owner.kind == "government":
            owner = None  # "eastern Libyan Commander Khalifa Haftar" stays with his own force
        if owner is not None:
            target = owner
            if owner_kind == "state forces" and owner.kind == "government" and owner.country:
                target = self.mil(owner.country) or owner
            d.affiliation = target.key
        self.mention(d, s, e)
        return d

    def _person_draft(self, s: int, e: int) -> Draft:
        hit = self.hit_at(s)
        if hit is not None and hit.start == s and hit.end == e:
            people = [o for o in hit.of_type(NAME) if self.kb.entries[o.target].kind == "person"]
            if people:
                return self.draft_for(self.pick(people))
        name = self.text[s:e]
        known = self.l._person_alias.get(name)
        if known is not None:
            return self.draft_for(self.kb.entries[known])
        key = f"person:{name.lower()}"
        d = self.new_draft(key, name, "person", None)
        return d

    def _apposition(self, span: tuple[int, int], role: str, role_start: int) -> None:
        """ "NAME, (a/an/the) ROLE [at|of|with ORG]": role and affiliation of a person."""
        s, e = span
        if any(not self._person_hit(h) for h in self.hits_overlapping(s, e)):
            return
        # "a local official in Mopti": the place is not part of the role.
        role = re.split(r"\s+in\s+", role, maxsplit=1)[0]
        role_end = role_start + len(role)
        split = _AFFIL_SPLIT_RE.search(role)
        owner: Draft | None = None
        role_text = role
        if split is not None:
            org_start = role_start + split.end()
            owner = self._owner_in(org_start, role_end, create=True)
            if owner is not None:
                role_text = role[: split.start()].strip()
        if owner is None:
            owner = self._owner_in(role_start, role_end, create=False)
        d = self._person_draft(s, e)
        d.role = role_text
        if owner is not None and owner.key != d.key:
            d.affiliation = owner.key
        self.mention(d, s, e)

    def _person_hit(self, hit: Hit) -> bool:
        return any(self.kb.entries[o.target].kind == "person" for o in hit.of_type(NAME))

    def _owner_in(self, start: int, end: int, *, create: bool) -> Draft | None:
        """The group named or described between ``start`` and ``end``, if any."""
        for hit in self.hits_between(start, end):
            if hit.end > end:
                continue
            named = hit.of_type(NAME, ACRONYM)
            if named:
                entry = self.pick(named)
                if entry.kind != "person":
                    d = self.draft_for(entry)
                    self.mention(d, hit.start, hit.end)
                    return d
            if hit.of_type(DESC):
                described = self.resolve_description(hit)
                if described is not None:
                    self.mention(described, hit.start, hit.end)
                    return described
            for opt in hit.of_type(COUNTRY, DEMONYM):
                state = self.gov(opt.target)
                if state is not None:
                    self.mention(state, hit.start, hit.end)
                    return state
        if not create:
            return None
        m = re.match(
            rf"\s*((?:[{_UPPER}][\w'’&.-]*)(?:\s+(?:of|for|and|the|[{_UPPER}][\w'’&.-]*))*)",
            self.text[start:end],
        )
        if m is None or not m.group(1):
            return None
        name = m.group(1).strip()
        while name.split()[-1] in {"of", "for", "and", "the"}:
            name = name.rsplit(" ", 1)[0]
        if not self._group_name(name) and name not in self.local:
            return None
        s = start + self.text[start:end].find(name)
        key = self.local.get(name) or f"new:{name.lower()}"
        kind = self._guess_kind(name) or "organisation"
        d = self.drafts.get(key) or self.new_draft(key, name, kind, None)
        self.mention(d, s, s + len(name))
        return d

    # ------------------------------------------------------------------ descriptions
    def descriptions(self) -> None:
        for hit in self.hits:
            if not hit.of_type(DESC) or hit.of_type(NAME, ACRONYM):
                continue
            if self.is_taken(hit.start, hit.end):
                continue
            desc = self.text[hit.start : hit.end].lower()
            owner = self._named_just_before(hit)
            if owner is not None:
                # "al-Shabaab militants", "Hamas fighters": the group itself.
                self.mention(owner, hit.start, hit.end)
                continue
            if (
                desc in self.l.needs_determiner
                and self.prev_word(hit.start) not in self.l.determiners
            ):
                continue  # adjectival use: "military vehicles", "insurgent military leader"
            d = self.resolve_description(hit)
            if d is None:
                continue
            self.mention(d, hit.start, hit.end)
            self._coalition(d, hit)

    def _named_just_before(self, hit: Hit) -> Draft | None:
        """The armed group or force named right before a description, if any."""
        prev = (
            self.hit_ending(hit.start - 1) if self.text[hit.start - 1 : hit.start] == " " else None
        )
        if prev is None or not prev.of_type(NAME, ACRONYM):
            return None
        entry = self.pick(prev.of_type(NAME, ACRONYM))
        if entry.kind in ("person", "government", "organisation", "media"):
            return None
        d = self.drafts.get(entry.id)
        return d if d is not None and (prev.start, prev.end) in d.spans else None

    def resolve_description(self, hit: Hit) -> Draft | None:
        desc = self.text[hit.start : hit.end].lower()
        entries = self.l._by_desc.get(desc, [])
        generic = self.l.generic.get(desc)
        # 1. an adjacent country: "Sudanese paramilitaries", "troops of President Assad".
        country = self._modifier_country(hit)
        if country is not None:
            for entry in entries:
                if entry.country == country:
                    return self.draft_for(entry)
            return self._generic(generic, country)
        # 2. the latest actor this description fits ("IS ... the jihadist group").
        recent = []
        for d in self.drafts.values():
            if desc in d.descriptions:
                i = bisect.bisect_left(d.starts, hit.start)
                if i > 0:
                    recent.append((d.starts[i - 1], d))
        if recent:
            return max(recent, key=lambda pair: pair[0])[1]
        # 3. the document's country, when only one actor there fits ("militants" in a
        #    Nigerian story could be Boko Haram or ISWAP: then a generic actor).
        if self.country:
            local = [e for e in entries if e.country == self.country]
            if len(local) == 1:
                return self.draft_for(local[0])
        if generic is None:
            return None
        return self._generic(generic, self.country)

    def _generic(self, generic: dict[str, str] | None, country: str | None) -> Draft | None:
        if generic is None:
            return None
        kind = generic["kind"]
        if country and kind == "government":
            return self.gov(country)
        if country and generic["template"].startswith("Military Forces"):
            return self.mil(country)
        cname = self.kb.countries[country].name if country in self.kb.countries else None
        template = generic["template"]
        # Without a country: "Military Forces of {country}" -> "Military Forces".
        name = (
            template.format(country=cname)
            if cname
            else re.sub(r"\s*(?:\(\{country\}\)|of \{country\})", "", template)
        )
        if not name.strip():
            return None
        key = f"generic:{name.lower()}"
        return self.new_draft(key, name, kind, country if cname else None)

    def _modifier_country(self, hit: Hit) -> str | None:
        before = self.text[max(0, hit.start - 60) : hit.start]
        m = re.search(r"(['’]s)?\s+$", before)
        if m is not None:
            prev = self.hit_ending(hit.start - (len(before) - m.start()))
            if prev is not None:
                for opt in prev.of_type(DEMONYM, COUNTRY):
                    return opt.target
        after = re.match(r"\s+of\s+", self.text[hit.end : hit.end + 10])
        if after is not None:
            nxt = self._next_named(hit.end + after.end(), 40)
            if nxt is not None:
                return self.entry_country(nxt.key) or nxt.country
        return None

    def _next_named(self, pos: int, window: int) -> Draft | None:
        for hit in self.hits_between(pos, pos + window + 1):
            if re.search(r"[,;.()“”\"]", self.text[pos : hit.start]):
                return None
            named = hit.of_type(NAME, ACRONYM)
            if named:
                entry = self.pick(named)
                return self.draft_for(entry)
            for opt in hit.of_type(COUNTRY):
                return self.gov(opt.target)
        return None

    def _coalition(self, d: Draft, hit: Hit) -> None:
        """ "rebels led by HTS": the generic group's affiliation is its leading group."""
        m = self.l._coalition_re.match(self.text[hit.end : hit.end + 40])
        if m is None:
            return
        leader = self._next_named(hit.end + m.end(), 60)
        if leader is not None and leader.key != d.key and d.affiliation is None:
            d.affiliation = leader.key
            return
        if leader is None:
            # "led by the extremist Islamists of HTS": look a little further, same sentence.
            for h in self.hits_between(hit.end + m.end(), hit.end + m.end() + 80):
                named = h.of_type(NAME, ACRONYM)
                if named and d.affiliation is None:
                    d.affiliation = self.draft_for(self.pick(named)).key
                    return

    # ------------------------------------------------------------------ countries
    def countries_and_demonyms(self) -> None:
        for hit in self.hits:
            if self.is_taken(hit.start, hit.end) or hit.of_type(NAME, ACRONYM):
                continue
            if self.in_longer_place(hit.start, hit.end):
                continue  # "Port Sudan" is a town, not the government of Sudan
            after = self.text[hit.end : hit.end + 40]
            for opt in hit.of_type(COUNTRY, DEMONYM):
                if self.l._military_re.match(after) or (
                    opt.type == COUNTRY
                    and _POSSESSIVE_RE.match(after)
                    and self.l._military_re.match(" " + after[3:])
                ):
                    d = self.mil(opt.target)
                    if d is not None:
                        self.mention(d, hit.start, hit.end)
                    break
                if opt.type != COUNTRY or _POSSESSIVE_RE.match(after):
                    continue
                if re.match(rf" [{_UPPER}][a-z]", after):
                    continue  # a first name: "Chad Bown", "Jordan Bardella"
                if self.prev_word(hit.start) in self.l.locative:
                    continue
                d = self.gov(opt.target)
                if d is not None:
                    self.mention(d, hit.start, hit.end)
                break

    # ------------------------------------------------------------------ NER evidence
    def ner_evidence(self) -> None:
        for start, end, label in self.entities:
            if self.is_taken(start, end) or self.is_place(start, end):
                continue
            text = self.text[start:end]
            if label == "PERSON":
                span = self._trim_name(start, end)
                if span is None or len(self.text[span[0] : span[1]].split()) < 2:
                    continue
                if self.hits_overlapping(*span):
                    continue
                d = self._person_draft(*span)
                self.mention(d, *span)
            elif label in ("ORG", "NORP"):
                # Only the part after a comma ("Negotiations, Nigerian Association ...").
                name = re.sub(r"^(?:the|The)\s+", "", text.rsplit(", ", 1)[-1])
                if not self._group_name(name) or self.hits_overlapping(start, end):
                    continue
                s = end - len(name)
                key = self.local.get(name) or f"new:{name.lower()}"
                d = self.drafts.get(key) or self.new_draft(key, name, self._guess_kind(name), None)
                self.mention(d, s, end)

    def surnames(self) -> None:
        """Later mentions of a new person by surname alone ("Lund")."""
        for d in list(self.drafts.values()):
            if d.kind != "person" or d.known or not d.spans:
                continue
            parts = d.name.split()
            if len(parts) < 2 or len(parts[-1]) < 3:
                continue
            last = parts[-1]
            first = min(s for s, _ in d.spans)
            for m in re.finditer(rf"(?<![\w-]){re.escape(last)}(?![\w-])", self.text):
                if m.start() > first and not self.is_taken(m.start(), m.end()):
                    self.mention(d, m.start(), m.end())

    # ------------------------------------------------------------------ output
    def actors(self) -> list[Actor]:
        """Drafts as :class:`Actor` records, ids by first mention; affiliations as ids."""
        mentioned = sorted(
            (d for d in self.drafts.values() if d.spans), key=lambda d: min(d.spans)[0]
        )
        needed: list[Draft] = []
        ids: dict[str, str] = {}
        for d in mentioned:
            ids[d.key] = f"a{len(ids) + 1}"
        queue = list(mentioned)
        while queue:
            d = queue.pop(0)
            aff = d.affiliation
            if aff and aff not in ids:
                target = self.drafts.get(aff)
                if target is None and aff in self.kb.entries:
                    target = self.draft_for(self.kb.entries[aff])
                if target is not None:
                    ids[target.key] = f"a{len(ids) + 1}"
                    needed.append(target)
                    queue.append(target)
        out = []
        for d in [*mentioned, *needed]:
            spans = sorted(d.spans)
            out.append(
                Actor(
                    id=ids[d.key],
                    name=d.name,
                    kind=d.kind,
                    country_code=d.country,
                    wikidata=d.wikidata,
                    role=d.role,
                    affiliation=ids.get(d.affiliation) if d.affiliation else None,
                    mentions=[Span.of(self.text, s, e) for s, e in spans],
                    known=d.known,
                )
            )
        return out
