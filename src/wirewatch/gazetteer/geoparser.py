"""Toponym recognition and resolution over a :class:`GazetteerIndex`.

Recognition: the Aho-Corasick automaton proposes every gazetteer name in the folded text;
each proposal is scored with evidence (capitalisation, NER label, a place preposition before
it, relative and facility words around it, person-name context such as "said Abbas", "Ali
Abbas", "President X") and kept above a threshold. Resolution: each kept name is given the
candidate entry that scores best on population and feature class, the document's country
focus, closeness to the other places of the text and stated hierarchy ("Rastan in Homs
province", "Paris, Texas"). The module has no spaCy dependency: NER spans are passed in as
``(start, end, label)`` triples, so tests can run on hand-built inputs.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from wirewatch.gazetteer.cues import Cues
from wirewatch.gazetteer.index import PHYSICAL_CODES, EntryView, GazetteerIndex
from wirewatch.gazetteer.text import fold, name_key

Ent = tuple[int, int, str]

# Minimum recognition score for a name to be taken as a place.
ACCEPT = 1.0
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?", re.UNICODE)
# Lower-case particles allowed inside a multi-word place name ("Bosnia and Herzegovina").
_PARTICLES = frozenset(
    [
        "and",
        "of",
        "the",
        "de",
        "del",
        "della",
        "des",
        "du",
        "da",
        "do",
        "dos",
        "al",
        "el",
        "ez",
        "az",
        "as",
        "ad",
        "ar",
        "an",
        "ash",
        "at",
        "ul",
        "la",
        "le",
        "les",
        "upon",
        "on",
        "sur",
        "am",
        "im",
        "in",
        "bin",
        "ibn",
        "bani",
        "beni",
        "y",
        "e",
        "i",
    ]
)
# First words of a local institution's name after the place it serves ("Winnipeg Fire
# Paramedic Service", "Peel Regional Police", "Karnataka Assembly", "Delft police station"):
# the place is meant literally there (GeoWebNews' embedded literal toponyms).
_INSTITUTION_WORDS = frozenset(
    {
        "police",
        "assembly",
        "council",
        "parliament",
        "legislature",
        "fire",
        "regional",
        "metropolitan",
        "municipal",
        "provincial",
        "sheriff",
    }
)
_ARTICLE_PREFIX = re.compile(r"^[a-z]{1,3}-")
_NAMED_FACILITY = re.compile(r"(?: [A-Z][a-z]+){0,2} ([A-Z][a-z]+)\b")
_OFFICIAL_PREFIX = re.compile(
    r"(?:(?:Islamic|Federal|Democratic|People's|Arab|Socialist|United)\s+)*"
    r"(?:Republic|Kingdom|Principality|Sultanate|Emirate|Commonwealth)\s+of\s+(?:the\s+)?$"
)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+and|,?\s+or|;)\s+")
_CHILD_BEFORE = re.compile(r"([A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3}),\s+$")
_DATELINE = re.compile(
    r"^(?:,\s*(?:[A-Z][\w.]*\s*){1,3})?(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:\((?:AP|Reuters|AFP|UPI|dpa|[A-Z][\w ]{1,30})\)|[-\u2013\u2014:])"
)
_AGE_APPOSITION = re.compile(r"^\s*,\s+(?:an?\s+)?\d+[-\s]year[-\s]old")


@dataclass(slots=True)
class Mention:
    """A place-name proposal in the text, with its evidence and candidates."""

    start: int
    end: int
    text: str
    key: str
    candidates: tuple[int, ...]
    score: float = 0.0
    hard_negative: bool = False
    ner: str | None = None
    relation: str | None = None  # "south of", "near", "facility", "road", "part of"...
    admin_cue: bool = False  # followed by "province", "governorate"...
    parent: str | None = None  # "X, Y" / "X in Y province": the key of Y
    child: str | None = None  # "X, Y": on Y, the key of X (Y may be X's province)
    demonym: bool = False
    forced: bool = False
    reasons: list[str] = field(default_factory=list)

    def add(self, amount: float, why: str) -> None:
        """Add evidence to the recognition score."""
        self.score += amount
        self.reasons.append(f"{why}{amount:+.1f}")


@dataclass(slots=True)
class Resolved:
    """A mention resolved to an entry, with the runner-up entries."""

    mention: Mention
    entry: int
    confidence: float
    alternatives: list[tuple[int, float]]


def _pop_score(pop: int) -> float:
    return math.log10(max(pop, 0) + 10)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Geoparser:
    """Finds and resolves the places of a text against one gazetteer index."""

    def __init__(self, index: GazetteerIndex, cues: Cues) -> None:
        self.index = index
        self.cues = cues
        demonyms = sorted(cues.demonyms, key=len, reverse=True)
        self._demonym_re = re.compile(r"\b(" + "|".join(map(re.escape, demonyms)) + r")\b")

    # -- recognition --------------------------------------------------------------------------
    def detect(self, text: str, ents: Sequence[Ent] = ()) -> list[Mention]:
        """Every accepted place mention of ``text``, in text order."""
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        starts = [w[0] for w in words]
        raw = self._proposals(text)
        mentions = self._longest(raw)
        mentions += self._demonyms(text, words, mentions)
        mentions.sort(key=lambda m: m.start)
        person_tokens: set[str] = set()
        for m in mentions:
            self._evidence(text, m, words, starts, ents, mentions, person_tokens)
        for m in mentions:
            if not m.hard_negative and m.key in person_tokens and not m.demonym:
                m.add(-4.0, "person-token")
                m.hard_negative = True
        self._lists(text, mentions)
        best: dict[str, float] = defaultdict(lambda: -99.0)
        for m in mentions:
            if not m.hard_negative:
                best[m.key] = max(best[m.key], m.score)
        out = []
        for m in mentions:
            if m.hard_negative:
                continue
            if m.score >= ACCEPT or best[m.key] >= ACCEPT + 1.0:
                out.append(m)
        # A name swallowed by a longer one's span ("South" of "South Venezuela") goes.
        return [
            m
            for m in out
            if not any(
                o is not m
                and o.start <= m.start
                and m.end <= o.end
                and o.end - o.start > m.end - m.start
                for o in out
            )
        ]

    def _lists(self, text: str, mentions: list[Mention]) -> None:
        """Names listed with accepted places ("in Zilina, Nitra and Presov") or followed by
        the province or county of the text ("Croft, Yorkshire") are places too."""
        sure = [m for m in mentions if not m.hard_negative and m.score >= ACCEPT]
        sure_keys = {m.key for m in sure}
        for m in mentions:
            if m.hard_negative or m.demonym or m.score >= ACCEPT or m.score < ACCEPT - 2.0:
                continue
            if m.key in self.cues.not_names or any(r.startswith("common-word") for r in m.reasons):
                continue
            listed = any(
                o is not m
                and (
                    _LIST_GAP.fullmatch(text[m.end : o.start])
                    or _LIST_GAP.fullmatch(text[o.end : m.start])
                )
                for o in sure
            )
            if listed:
                m.add(1.5, "listed-with-place")
            elif m.parent in sure_keys and text[m.end : m.end + 2] == ", ":
                m.add(1.5, "has-parent")

    def _proposals(self, text: str) -> list[Mention]:
        folded = fold(text)
        n = len(folded)
        out = []
        for s, e, members in self.index.scan(folded):
            if (s > 0 and folded[s - 1].isalnum()) or (e < n and folded[e].isalnum()):
                continue
            surface = text[s:e]
            if not self._looks_like_name(surface):
                continue
            if not surface.isupper() and folded[s:e] in self.index.caps_only:
                continue  # "the Act" is not the ACT (Australian Capital Territory)
            out.append(Mention(s, e, surface, folded[s:e], members))
        return out

    def _looks_like_name(self, surface: str) -> bool:
        """Capitalised (or all-caps) words; lower-case only for particles inside."""
        parts = surface.replace("-", " ").split()
        if not parts:
            return False
        if surface.isupper() and len(surface) >= 4:
            return True
        first = _ARTICLE_PREFIX.sub("", surface)
        if not first[:1].isupper() and not first[:1].isdigit():
            return False
        if not (parts[-1][:1].isupper() or parts[-1].lower() in _PARTICLES):
            return False
        return all(p[:1].isupper() or p.lower() in _PARTICLES or p[:1].isdigit() for p in parts)

    @staticmethod
    def _longest(raw: list[Mention]) -> list[Mention]:
        raw.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken: list[Mention] = []
        occupied: set[int] = set()
        for m in raw:
            if any(i in occupied for i in range(m.start, m.end)):
                continue
            taken.append(m)
            occupied.update(range(m.start, m.end))
        return taken

    def _demonyms(
        self, text: str, words: list[tuple[int, int]], taken: list[Mention]
    ) -> list[Mention]:
        """'the Syrian coast' → a mention of Syria (part of it); 'Syrian army' is not a place."""
        out = []
        same_span = {(m.start, m.end): m for m in taken}
        occupied = {i for m in taken for i in range(m.start, m.end)}
        for match in self._demonym_re.finditer(text):
            s, e = match.span()
            # A demonym that is also a town's name ("English", Indiana) is the demonym
            # before a geographic noun ("the southern English city of Salisbury").
            if s in occupied and (s, e) not in same_span:
                continue
            nxt = _next_word(text, e)
            if nxt is None or nxt[2].lower() not in self.cues.geo_nouns:
                continue
            entry = self.demonym_entry(match.group(1))
            if entry is None:
                continue
            m = Mention(s, e, text[s:e], name_key(match.group(1)), (entry,))
            m.demonym = True
            m.relation = "part of"
            m.add(2.0, "demonym+geo-noun")
            out.append(m)
            if (s, e) in same_span:
                taken.remove(same_span[(s, e)])
        return out

    def demonym_entry(self, word: str) -> int | None:
        """The country (or continent, for '@Name') entry of a demonym, if known."""
        target = self.cues.demonyms.get(word)
        if target is None:
            return None
        if "." in target:  # a first-level division ("English" -> England)
            return self.index.admin1_entry.get(target)
        if target.startswith("@"):
            conts = [
                i for i in self.index.lookup(target[1:]) if self.index.feature_code[i] == "CONT"
            ]
            return conts[0] if conts else None
        return self.index.country_entry.get(target)

    def _evidence(
        self,
        text: str,
        m: Mention,
        words: list[tuple[int, int]],
        starts: list[int],
        ents: Sequence[Ent],
        mentions: list[Mention],
        person_tokens: set[str],
    ) -> None:
        if m.demonym:
            return
        cues = self.cues
        views = [self.index.entry(i) for i in m.candidates[:5]]
        m.add(max(_prior(v) for v in views), "prior")
        n_words = len(m.text.replace("-", " ").split())
        if n_words > 1:
            m.add(0.5, "multiword")
        if m.text.isupper() and len(m.text) >= 4:
            m.add(-0.5, "all-caps")
        if m.text.isupper() and len(m.text) <= 5 and not _is_big(self.index, m):
            m.add(-5.0, "acronym")
            m.hard_negative = True
        m.child = _child_key(text, m.start)
        if (
            len(m.text) <= 3
            and m.text.isupper()
            and m.child is None
            and not any(v.is_country or v.feature_code == "CONT" for v in views)
        ):
            # A bare provincial abbreviation ("BC") only after a town: "Nelson, BC".
            m.add(-5.0, "bare-abbreviation")
            m.hard_negative = True
        low = m.key
        is_country = any(v.is_country or v.feature_code == "CONT" for v in views)
        if n_words == 1 and (low in cues.directions or low == "centre") and not is_country:
            # "Western diplomats", "Southern influence": a province called "Western" or
            # "Centre" is meant only with a division word or strong context.
            m.add(-2.0, "direction-word")
        if n_words == 1 and low in cues.common_words and not is_country:
            m.add(-3.0, "common-word")
        # NER label on the same span, or a larger entity containing it.
        for s, e, label in ents:
            if s <= m.start and m.end <= e:
                exact = s == m.start and e == m.end
                if label in ("GPE", "LOC"):
                    m.ner = label
                    m.add(2.0, "ner-" + label)
                elif label == "FAC":
                    m.ner = label
                    m.add(0.5, "ner-FAC")
                elif exact and label == "PERSON":
                    m.ner = label
                    m.add(-1.0, "ner-PERSON")
                elif exact and label in ("ORG", "NORP"):
                    m.ner = label
                    m.add(-0.5, "ner-" + label)
                elif label in ("PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"):
                    m.ner = label
                    m.add(-1.0, "inside-" + label)
                break
        before = _words_before(text, m.start, 3)
        after = _next_word(text, m.end)
        prev = before[-1].lower() if before else ""
        prev2 = " ".join(w.lower() for w in before[-2:])
        if prev in cues.place_prepositions:
            m.add(1.5, "preposition")
        elif prev == "of" and len(before) >= 2:
            w = before[-2].lower()
            if w in cues.directions:
                m.relation = f"{w} of"
                m.add(1.5, "direction-of")
            elif w in cues.place_prepositions or w in cues.admin_words or w in cues.geo_nouns:
                m.add(1.5, "noun-of")
            elif w in ("outskirts", "vicinity", "edge", "suburbs"):
                m.relation = "near"
                m.add(1.5, "near")
        for phrase in cues.near_words:
            if text[max(0, m.start - len(phrase) - 1) : m.start].lower().rstrip().endswith(phrase):
                m.relation = m.relation or "near"
                break
        if re.match(r"^\s*\(\s*(" + "|".join(cues.directions) + r")\s*\)", text[m.end :], re.I):
            m.add(1.5, "(direction)")
        if after is not None:
            nxt = after[2].lower()
            two = " ".join(
                w for w in (nxt, (_next_word(text, after[1]) or (0, 0, ""))[2].lower()) if w
            )
            if nxt in cues.admin_words:
                m.admin_cue = True
                m.add(1.5, "admin-word")
            elif nxt in cues.facility_words or two in cues.facility_words:
                m.relation = "facility"
                m.add(1.5, "facility")
            elif _facility_ahead(text, m.end, cues):
                m.relation = "facility"
            if nxt in cues.road_words or _road_pair(text, m, mentions, cues):
                m.relation = "road"
            if (
                nxt in cues.org_words
                and nxt not in cues.facility_words
                and two not in cues.facility_words  # "the Delft police station"
                and nxt not in _INSTITUTION_WORDS
                and not is_country
            ):
                m.add(-4.0, "org-name")
                m.hard_negative = True
            if nxt in cues.speech_verbs and not is_country:
                m.add(-1.0, "subject-of-speech")
        # Person context: a title before it, "said X, a 33-year-old...".
        if prev in cues.person_titles or prev2 in cues.person_titles:
            m.add(-5.0, "title")
            m.hard_negative = True
        speaker = prev in cues.speech_verbs and re.match(r"^\s*[,.;]", text[m.end :])
        if speaker:
            m.add(-4.0, "said-X")
            m.hard_negative = True
        if _AGE_APPOSITION.match(text[m.end :]):
            m.add(-4.0, "age-apposition")
            m.hard_negative = True
        speaker_or_age = speaker or "age-apposition" in m.reasons[-1]
        if speaker_or_age and not is_country and not any(v.feature_code == "ADM1" for v in views):
            person_tokens.add(m.key)  # '..." said Noma.': a person all through the text
        # Part of a longer capitalised name ("Ali Abbas", "Aron Lund") that is not a place.
        run = _capital_run(text, m.start, m.end, cues)
        if run is not None:
            rest = [w for w in run if not (m.start <= w[0] < m.end)]
            # "Winnipeg Fire Paramedic Service", "Peel Regional Police", "the Karnataka
            # Assembly": a local institution's name starts with the place it serves.
            serves = any(w[0] >= m.end for w in rest) and not any(w[0] < m.start for w in rest)
            ok = (serves and after is not None and after[2].lower() in _INSTITUTION_WORDS) or all(
                w[2].lower() in cues.admin_words
                or w[2].lower() in cues.facility_words
                or w[2].lower() in cues.road_words
                or w[2].lower() in cues.directions
                or any(
                    o is not m
                    and o.start <= w[0] < o.end
                    and (_is_big(self.index, o) or _nested(self.index, m, o))
                    for o in mentions
                )
                for w in rest
            )
            # "the Holy See Mikayel Minasyan": a multi-word country or province name after
            # "the" or a place preposition stands apart from the name after it.
            if (
                not ok
                and (is_country or _is_big(self.index, m))
                and n_words > 1
                and (prev == "the" or prev in cues.place_prepositions)
            ):
                ok = not any(w[2].lower() in cues.org_words for w in rest if w[0] >= m.end)
            if not ok:
                m.add(-5.0, "in-longer-name")
                m.hard_negative = True
                if (
                    _person_like_run(text, run, m, cues)
                    and not is_country
                    and not any(v.feature_code == "ADM1" for v in views)
                ):
                    for tok in run:
                        person_tokens.add(fold(tok[2]))
        if (m.start in starts[:1] or _sentence_initial(text, m.start)) and n_words == 1:
            m.add(-0.5, "sentence-initial")
        if (
            m.text.isupper()
            and _DATELINE.match(text[m.end : m.end + 40])
            and (m.start == 0 or _sentence_initial(text, m.start) or text[m.start - 1] == "\n")
        ):
            m.add(2.5, "dateline")  # "DALLAS (AP) -", "WASHINGTON, April 5 (Reuters) -"
        # A capitalised division word is part of the name ("Morris County", "Oaxaca State"),
        # and so is a capitalised direction before a country or province ("West Wales").
        if (
            after is not None
            and m.admin_cue
            and after[2][:1].isupper()
            and after[2].lower() not in ("department", "municipality", "territory")
            and not re.match(r"^\s+(?:of\b|[A-Z])", text[after[1] : after[1] + 10])
        ):
            m.end = after[1]
            m.text = text[m.start : m.end]
        if m.relation in (None, "facility") and not m.hard_negative:
            fm = _NAMED_FACILITY.match(text, m.end)
            if fm and fm.group(1).lower() in cues.facility_words:
                m.relation = "facility"
                m.end = fm.end()  # "Colchester General Hospital": the facility's own name
                m.text = text[m.start : m.end]
        if is_country and not m.hard_negative:
            lead = _OFFICIAL_PREFIX.search(text, max(0, m.start - 40), m.start)
            if lead is not None:  # "the Republic of Armenia": the official name is the span
                m.start = lead.start()
                m.text = text[m.start : m.end]
        if (
            prev == "of"
            and len(before) >= 2
            and before[-2].lower() in cues.org_words
            and before[-2][:1].isupper()
        ):
            m.add(-4.0, "org-of")  # "Bank of Mexico", "Council of Europe"
            m.hard_negative = True
        if before and not m.hard_negative and _is_big(self.index, m):
            word = before[-1]
            ws = m.start - len(word) - 1
            if (
                word[:1].isupper()
                and word.lower() in cues.directions
                and ws >= 0
                and text[ws : m.start] == word + " "
            ):
                m.start = ws
                m.text = text[m.start : m.end]
                m.relation = m.relation or "part of"
        # Hierarchy: "X, Y" or "X in Y province" where Y is a bigger unit.
        tail = text[m.end : m.end + 60]
        hm = re.match(
            r"^\s*(?:,|in|of)\s+(?:the\s+)?([A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'-]*)*)", tail
        )
        if hm:
            m.parent = name_key(hm.group(1))

    # -- resolution ---------------------------------------------------------------------------
    def resolve(self, mentions: Sequence[Mention], *, focus: str | None = None) -> list[Resolved]:
        """Choose an entry for each mention (two passes: alone, then with context)."""
        idx = self.index
        first: dict[int, int] = {}
        for k, m in enumerate(mentions):
            scores = self._score(m, None, focus, [])
            first[k] = max(scores, key=lambda t: t[1])[0] if scores else -1
        # Document focus: countries named, and the countries of confident picks.
        votes: Counter[str] = Counter()
        for k in range(len(mentions)):
            if first[k] < 0:
                continue
            v = idx.entry(first[k])
            if v.country_code:
                votes[v.country_code] += 2 if v.is_country else 1
        doc_focus = focus or (votes.most_common(1)[0][0] if votes else None)
        # Each (name, entry) pick is kept at most twice: the scores only use the distinct
        # entries and province votes capped at two, and a long text repeating a name a
        # thousand times must not make resolution quadratic.
        seen: Counter[tuple[str, int]] = Counter()
        picks: list[tuple[str, EntryView]] = []
        for k, i in first.items():
            if i >= 0 and seen[(mentions[k].key, i)] < 2:
                seen[(mentions[k].key, i)] += 1
                picks.append((mentions[k].key, idx.entry(i)))
        out = []
        for m in mentions:
            others = [v for key, v in picks if key != m.key]
            scores = self._score(m, votes, doc_focus, others)
            if not scores:
                continue
            scores.sort(key=lambda t: -t[1])
            top = scores[0][1]
            z = sum(math.exp(s - top) for _, s in scores)
            probs = [(i, math.exp(s - top) / z) for i, s in scores]
            conf = probs[0][1] * (
                1.0 / (1.0 + math.exp(-(m.score - ACCEPT))) if not m.forced else 1.0
            )
            out.append(Resolved(m, probs[0][0], round(conf, 3), probs[1:4]))
        return out

    def _score(
        self,
        m: Mention,
        votes: Counter[str] | None,
        focus: str | None,
        others: list[EntryView],
    ) -> list[tuple[int, float]]:
        idx = self.index
        out = []
        parent_entries = set(idx.lookup(m.parent)) if m.parent else set()
        parent_views = [idx.entry(i) for i in list(parent_entries)[:10]]
        child_admin1 = {
            (idx.country_code[i], idx.admin1_code[i])
            for i in (idx.lookup(m.child) if m.child else ())
            if idx.feature_code[i].startswith("PPL")
        }
        # Provinces of the places picked elsewhere in the text ("Seattle" -> Washington state).
        # An entry picked for another name of the text ("Wash.", then "Washington").
        picked = {o.i for o in others}
        admin1_votes: Counter[tuple[str, str]] = Counter(
            (o.country_code, o.admin1_code) for o in others if not o.is_country
        )
        # Districts the text names ("Morris County"): a same-named town inside one is meant.
        districts = {
            (o.country_code, o.admin1_code, name_key(o.name))
            for o in others
            if o.feature_code == "ADM2"
        }
        # Provinces named like a town inside them ("Homs") yield to the town; others
        # ("Wyoming", "Washington" the state) are taken as the province.
        # A town whose own name only extends the key ("Oklahoma City") does not count; a
        # country's capital of the same name ("Washington") beats a province anywhere in it.
        town_admin1 = {
            (idx.country_code[i], idx.admin1_code[i])
            for i in m.candidates
            if idx.feature_code[i].startswith("PPL")
            and (
                not _loose_key(idx.name[i]).startswith(_loose_key(m.key) + " ")
                or _dominates(idx, i)  # "New York City" holds much of New York state
            )
        }
        capital_cc = {
            idx.country_code[i]
            for i in m.candidates
            if idx.feature_code[i] == "PPLC" and _loose_key(idx.name[i]) == _loose_key(m.key)
        }
        for i in m.candidates:
            v = idx.entry(i)
            s = _pop_score(v.population)
            if v.is_country:
                s += 10.0
            elif v.feature_code == "CONT":
                s += 9.0
            elif v.feature_code in PHYSICAL_CODES and not v.geonameid:
                s += 6.0  # a curated sea, strait or region: named as such, rarely a village
            elif v.feature_code.startswith("ADM") or v.feature_code in ("RGN", "ADMD"):
                if m.admin_cue:
                    s += 6.0
                elif (v.country_code, v.admin1_code) in town_admin1 or (
                    v.feature_code == "ADM2"
                    and any(
                        idx.country_code[t] == v.country_code
                        and haversine_km(v.lat, v.lon, idx.lat[t], idx.lon[t]) < 60
                        for t in m.candidates
                        if idx.feature_code[t].startswith("PPL")
                    )
                ):
                    s -= 4.0  # the district of a same-named town: the town is meant
                elif v.feature_code == "ADM1" and v.country_code in capital_cc:
                    s -= 2.5
                else:
                    s += 0.5
                if v.feature_code == "ADM1":
                    if (v.country_code, v.admin1_code) in child_admin1:
                        s += 5.0  # "Tacoma, Washington": the province of the town before it
                    s += min(3.0, 1.5 * admin1_votes[(v.country_code, v.admin1_code)])
            elif v.feature_code == "PPLC":
                s += 1.0
            if v.i in picked and not v.is_country:
                s += 3.0
            if v.is_populated or v.feature_code == "ADM2":
                # A town or county in a province the text names or places other towns in.
                s += min(1.5, 0.75 * admin1_votes[(v.country_code, v.admin1_code)])
            if (
                v.is_populated
                and v.admin2
                and (v.country_code, v.admin1_code, name_key(v.admin2)) in districts
            ):
                s += 1.5
            if m.admin_cue and v.is_populated:
                s -= 2.0
            if _loose_key(v.name) == _loose_key(m.key):
                s += 2.0
            if m.demonym:
                s += 0.0
            if focus and v.country_code == focus:
                s += 2.5
            if votes and v.country_code in votes and not v.is_country:
                s += min(1.5, 0.5 * votes[v.country_code])
            if others and not v.is_country and v.feature_code != "CONT":
                near = min(
                    (haversine_km(v.lat, v.lon, o.lat, o.lon) for o in others if not o.is_country),
                    default=1e9,
                )
                s += 1.5 if near < 100 else 0.8 if near < 300 else 0.0
            for p in parent_views:
                if p.is_country and v.country_code == p.country_code and not v.is_country:
                    s += 3.0
                elif (
                    p.feature_code == "ADM1"
                    and v.country_code == p.country_code
                    and v.admin1_code == p.admin1_code
                    and p.i != v.i
                ):
                    s += 4.0
                elif p.admin1 and v.admin1 and name_key(p.name) == name_key(v.admin1):
                    s += 2.0
            out.append((i, s))
        return out

    # -- gold spans (evaluation) --------------------------------------------------------------
    def mention_for_span(self, text: str, start: int, end: int) -> Mention | None:
        """A forced mention for a given span (candidates looked up with small repairs)."""
        surface = text[start:end]
        dem = self.demonym_entry(surface.strip())
        if dem is not None:
            m = Mention(start, end, surface, name_key(surface), (dem,), forced=True)
            m.demonym = True
            m.score = ACCEPT + 2
            return m
        for variant, admin in _variants(surface, self.cues):
            cands = self.index.lookup(variant)
            if cands:
                m = Mention(start, end, surface, name_key(variant), cands, forced=True)
                m.admin_cue = admin
                tail = text[end : end + 60]
                hm = re.match(
                    r"^\s*(?:,|in)\s+(?:the\s+)?([A-Z][\w'.-]*(?:\s+[A-Z][\w'-]*)*)", tail
                )
                if hm:
                    m.parent = name_key(hm.group(1))
                m.child = _child_key(text, start)
                nxt = _next_word(text, end)
                if nxt is not None and nxt[2].lower() in self.cues.admin_words:
                    m.admin_cue = True
                m.score = ACCEPT + 2
                return m
        return self._inner_place(text, start, end)

    def _inner_place(self, text: str, start: int, end: int) -> Mention | None:
        """A name with no entry of its own ("Colchester General Hospital", "Tijuana River")
        is placed by the place name that leads it: a facility, street or river named after a
        town lies in or near it (relation "part of", lower confidence)."""
        cues = self.cues
        generic = (
            cues.common_words
            | cues.not_names
            | cues.facility_words
            | cues.road_words
            | cues.geo_nouns
            | cues.org_words
            | cues.admin_words
        )
        surface = text[start:end]
        inner = [
            m
            for m in self._proposals(surface)
            if not (m.text.isupper() and len(m.text) <= 5)
            # "Airport", "Hospital": the kind of thing, not where it is
            and not any(w in generic for w in m.key.split())
            # The place leads the name ("Tijuana River"), after a kind word at most ("Lake
            # Manassas"); a trailing one is mostly an ordinary word ("Brands Hatch").
            and all(w.lower() in generic for w in surface[: m.start].split())
        ]
        if not inner:
            return None
        best = max(inner, key=lambda m: (m.end - m.start, -m.start))
        m = Mention(start, end, text[start:end], best.key, best.candidates, forced=True)
        m.relation = "part of"
        m.score = ACCEPT + 1
        return m


def _variants(surface: str, cues: Cues) -> list[tuple[str, bool]]:
    s = surface.strip()
    out = [(s, False)]
    low = s.lower()
    if low.startswith("the "):
        out.append((s[4:], False))
    if s.endswith("'s") or s.endswith("\u2019s"):
        out.append((s[:-2], False))
    words = s.split()
    if len(words) > 1 and words[-1].lower() in cues.admin_words:
        out.append((" ".join(words[:-1]), True))
    if low.startswith("st. ") or low.startswith("st "):
        out.append(("Saint " + s.split(" ", 1)[1], False))
    if s.isupper():
        out.append((s.title(), False))
    if len(words) > 1 and words[0].lower() in cues.directions:
        out.append((" ".join(words[1:]), False))
    return out


def _child_key(text: str, start: int) -> str | None:
    """'Tacoma, Washington': the key of the capitalised name just before ', ' (or None)."""
    hm = _CHILD_BEFORE.search(text[max(0, start - 60) : start])
    return name_key(hm.group(1)) if hm else None


_NOT_PERSON_NER = frozenset(
    {"ORG", "FAC", "GPE", "LOC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"}
)


def _person_like_run(text: str, run: list[tuple[int, int, str]], m: Mention, cues: Cues) -> bool:
    """Whether a capitalised run around a place name looks like a person's name, whose words
    then count as person names all through the text ("Ali Abbas" -> "Abbas" is no place).

    Not when the run follows a place preposition or "the" ("at Riverdale Lukoil", "the
    Winnipeg Fire Service"), is tagged as an organisation or place, or holds an organisation,
    facility or division word, a common English word or an all-caps word ("Abuja Chamber",
    "Slidell PD", "Lelystad Last year")."""
    if m.ner in _NOT_PERSON_NER or len(run) > 4:
        return False
    before = _words_before(text, run[0][0], 1)
    if before and (before[-1].lower() in cues.place_prepositions or before[-1].lower() == "the"):
        return False
    for _, _, word in run:
        low = word.lower().rstrip(".")
        if (
            low in cues.org_words
            or low in cues.facility_words
            or low in cues.admin_words
            or low in cues.common_words
            or (word.isupper() and len(word) > 1)
        ):
            return False
    return True


def _nested(index: GazetteerIndex, m: Mention, o: Mention) -> bool:
    """'Maiduguri Borno State': one name is a province holding a same-country town of the other."""
    pairs_m = {(index.country_code[i], index.admin1_code[i]) for i in m.candidates[:10]}
    pairs_o = {(index.country_code[i], index.admin1_code[i]) for i in o.candidates[:10]}
    big_m = any(index.feature_code[i] == "ADM1" for i in m.candidates[:10])
    big_o = any(index.feature_code[i] == "ADM1" for i in o.candidates[:10])
    return (big_m or big_o) and bool(pairs_m & pairs_o)


def _dominates(index: GazetteerIndex, i: int) -> bool:
    """True when town ``i`` holds a quarter or more of its province's population."""
    a1 = index.admin1_entry.get(f"{index.country_code[i]}.{index.admin1_code[i]}")
    return a1 is not None and index.population[i] >= 0.25 * max(1, index.population[a1])


_ABBREVIATED = {"st.": "saint", "st": "saint", "mt.": "mount", "mt": "mount", "ft.": "fort"}


def _loose_key(name: str) -> str:
    """Name key with hyphens as spaces and common abbreviations spelled out ("North-West" =
    "North West", "St. Petersburg" = "Saint Petersburg")."""
    words = name_key(name).replace("-", " ").split()
    return " ".join(_ABBREVIATED.get(w, w) for w in words)


def _prior(v: EntryView) -> float:
    if v.is_country or v.feature_code == "CONT":
        return 3.0
    if v.feature_code in PHYSICAL_CODES and not v.geonameid:
        return 2.0
    if v.feature_code == "ADM1":
        return 2.0
    p = v.population
    if v.feature_code == "ADM2" and p < 1_000:
        # A district with few or no cities500 towns ("Ed Dinder") is still a named unit.
        return 0.3
    if p >= 1_000_000:
        return 2.5
    if p >= 100_000:
        return 2.0
    if p >= 10_000:
        return 1.0
    if p >= 1_000:
        return 0.3
    return -0.5


def _words_before(text: str, pos: int, n: int) -> list[str]:
    chunk = text[max(0, pos - 60) : pos]
    if re.search(r"[.!?;:\n]\s*$", chunk) or re.search(r"[,(]\s*$", chunk):
        return []
    return re.findall(r"[\w.'\u2019-]+", chunk)[-n:]


def _next_word(text: str, pos: int) -> tuple[int, int, str] | None:
    m = re.match(r"[ \t]*([\w'\u2019-]+)", text[pos : pos + 60])
    if m is None:
        return None
    return pos + m.start(1), pos + m.end(1), m.group(1)


def _sentence_initial(text: str, pos: int) -> bool:
    chunk = text[max(0, pos - 4) : pos]
    return pos == 0 or bool(re.search(r"(^|[.!?\n\"\u201c])\s*$", chunk))


def _facility_ahead(text: str, end: int, cues: Cues) -> bool:
    """'Hama central prison': a facility word within two words after the name."""
    m = re.match(r"^\s+([a-z]+)\s+([a-z]+)(?:\s+([a-z]+))?", text[end : end + 40])
    if not m:
        return False
    return m.group(2) in cues.facility_words or (
        m.group(3) is not None and f"{m.group(2)} {m.group(3)}" in cues.facility_words
    )


def _road_pair(text: str, m: Mention, mentions: list[Mention], cues: Cues) -> bool:
    """'the Hama-Homs road': two names joined by a hyphen and followed by a road word."""
    for o in mentions:
        if o is m:
            continue
        joined = (o.start == m.end + 1 and text[m.end] in "-\u2013") or (
            m.start == o.end + 1 and text[o.end] in "-\u2013"
        )
        if joined:
            nxt = _next_word(text, max(o.end, m.end))
            return nxt is not None and nxt[2].lower() in cues.road_words
    return False


def _capital_run(text: str, start: int, end: int, cues: Cues) -> list[tuple[int, int, str]] | None:
    """The run of capitalised words (same line, spaces only) around a name, if longer."""
    run: list[tuple[int, int, str]] = []
    pos = start
    left: list[tuple[int, int, str]] = []
    particle = re.search(r"(?:^|\s)([a-z]{1,3}-)$", text[max(0, pos - 5) : pos])
    if particle:
        pos -= len(particle.group(1))
    while True:
        m = re.search(r"([\w'\u2019.-]+) $", text[max(0, pos - 40) : pos])
        if not m:
            break
        w = m.group(1).rstrip(".") if not m.group(1).endswith(".") else m.group(1)
        ws = pos - 1 - len(m.group(1))
        if not _is_name_word(m.group(1), cues):
            break
        if m.group(1).endswith(".") and len(m.group(1).rstrip(".")) > 2:
            break  # "...Biron. WASHINGTON": a sentence ended there, not an initial
        if m.group(1).lower().rstrip(".") in cues.person_titles:
            break
        left.insert(0, (ws, ws + len(m.group(1)), w))
        pos = ws
    right: list[tuple[int, int, str]] = []
    pos = end
    while text[end - 1 : end] != ".":  # "Gainesville, Va. There": the sentence ended
        m = re.match(r"^ ([\w'\u2019-]+)", text[pos : pos + 40])
        if not m:
            break
        if not _is_name_word(m.group(1), cues):
            break
        right.append((pos + 1, pos + 1 + len(m.group(1)), m.group(1)))
        pos = pos + 1 + len(m.group(1))
    if not left and not right:
        return None
    run = [*left, (start, end, text[start:end]), *right]
    return run


def _is_big(index: GazetteerIndex, m: Mention) -> bool:
    return any(
        index.entry(i).is_country or index.entry(i).feature_code == "ADM1" for i in m.candidates[:3]
    )


def _is_name_word(word: str, cues: Cues) -> bool:
    core = re.sub(r"^[a-z]{1,3}-", "", word)
    if not core[:1].isupper():
        return False
    low = word.lower().rstrip(".")
    return low not in cues.not_names and low not in cues.person_titles
