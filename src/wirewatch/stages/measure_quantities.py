"""Find numbers with qualifiers, units and categories; ACLED and UCDP fatality figures.

A quantity is a number phrase ("more than 800", "hundreds", "between 20 and 30",
"twenty-five", "1.5 million") with what it counts ("deaths", "prisoners", "vehicles") and a
category read from the counted noun and the verbs around it (killed, injured, displaced,
detained, freed, vehicles, places, other). Values follow the UCDP manner: "more than 800"
is low 800 / value 800 / high open; "between 20 and 30" is 20 / 25 / 30; vague words take
their figures from ``data/quantities/vague.json``. Dates, years, times, ages, ordinals and
durations are not quantities. The word lists live in ``wirewatch/data/quantities``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from statistics import median
from typing import Any

from wirewatch.document import Document
from wirewatch.model import Fatalities, Quantity
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings

CATEGORIES = ("killed", "injured", "displaced", "detained", "freed", "vehicles", "places", "other")
# Participles that follow a counted noun as verbs ("five people killed").
_PARTICIPLES = frozenset(
    {"killed", "dead", "wounded", "injured", "hurt", "displaced", "arrested", "detained"}
    | {"abducted", "kidnapped"}
)
# Words that end the search for a counted noun.
_STOP_WORDS = frozenset(
    {"and", "or", "but", "in", "on", "at", "from", "to", "after", "since", "who", "which"}
    | {"that", "were", "was", "had", "have", "has", "is", "are", "by", "for", "with", "as"}
    | {"than", "into", "during", "while", "when", "where", "its", "their", "his", "her"}
    | {"this", "these", "those"}
)
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?|%|[^\s\w]", re.UNICODE)
_PEOPLE_PLURAL = re.compile(r"[A-Z][a-z]+(?:ans|is|ese|ers)")
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


@dataclass(slots=True)
class QuantityLexicon:
    """The word lists of ``data/quantities`` in ready-to-use form."""

    units: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    phrases: dict[str, int]
    weak: set[str]
    vague: dict[str, dict[str, Any]]
    qualifiers: dict[str, str]
    nouns: dict[str, str]
    people: set[str]
    verbs_before: dict[str, str]
    verbs_after: dict[str, str]
    durations: set[str]
    months: set[str]
    modifier_limit: int

    @classmethod
    def load(cls) -> QuantityLexicon:
        """Read the packaged word lists."""
        base = resources.files("wirewatch") / "data" / "quantities"

        def read(name: str) -> Any:
            return json.loads((base / name).read_text(encoding="utf-8"))

        numbers, vague, quals, units = (
            read("numbers.json"),
            read("vague.json"),
            read("qualifiers.json"),
            read("units.json"),
        )
        return cls(
            units=numbers["units"],
            tens=numbers["tens"],
            scales=numbers["scales"],
            phrases=numbers["phrases"],
            weak=set(numbers["weak_words"]),
            vague=vague["words"],
            qualifiers=quals["words"],
            nouns=units["nouns"],
            people=set(units["people_nouns"]),
            verbs_before=units["verbs_before"],
            verbs_after=units["verbs_after"],
            durations=set(units["duration_nouns"]),
            months=set(units["months"]),
            modifier_limit=int(units["modifier_limit"]),
        )


@lru_cache(maxsize=1)
def default_lexicon() -> QuantityLexicon:
    """The packaged lexicon, read once per process."""
    return QuantityLexicon.load()


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class QuantityFinder:
    """Scans a text for quantities."""

    def __init__(self, lex: QuantityLexicon | None = None) -> None:
        self.lex = lex or default_lexicon()
        lx = self.lex
        self._vague_re = re.compile(rf"(?:{_alternation(lx.vague)})(?![\w-])", re.IGNORECASE)
        self._phrase_re = re.compile(rf"(?:{_alternation(lx.phrases)})(?![\w-])", re.IGNORECASE)
        self._qual_re = re.compile(
            rf"(?:^|(?<=[\s(\"“,]))(?P<q>{_alternation(lx.qualifiers)})\s+$", re.IGNORECASE
        )
        self._between_re = re.compile(r"(?:^|(?<=\s))(?P<q>between|from)\s+$", re.IGNORECASE)
        self._range_re = re.compile(r"\s*(?P<j>and|to|or|-|–)\s*", re.IGNORECASE)
        self._verb_before_re = re.compile(
            rf"(?:^|\W)(?P<v>{_alternation(lx.verbs_before)})\s+(?:(?:the|some|of)\s+)?$",
            re.IGNORECASE,
        )
        self._verb_after_re = re.compile(
            rf"\s*(?:(?:in|at|near|from|across|inside)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+)?"
            rf"(?:(?:who|that)\s+)?(?:(?:were|was|have|has|had|are|been|being|reportedly)\s+)*"
            rf"(?P<v>{_alternation(lx.verbs_after)})(?![\w])",
            re.IGNORECASE,
        )
        self._age_re = re.compile(r"^\s*-?\s*(?:year|years|month|months)[-\s]old", re.IGNORECASE)
        # First words that can open a quantity: every other token is skipped at once.
        self._openers = (
            set(lx.units)
            | set(lx.tens)
            | {w.split()[0] for w in lx.vague}
            | {w.split()[0] for w in lx.phrases}
        )

    # ------------------------------------------------------------------ public
    def find(self, text: str, *, skip: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
        """Quantities of ``text`` in text order (``skip``: spans that are dates or times)."""
        toks = [
            _Tok(m.start(), m.end(), m.group(0), m.group(0).lower())
            for m in _TOKEN_RE.finditer(text)
        ]
        out: list[Quantity] = []
        i = 0
        while i < len(toks):
            found = self._at(text, toks, i, skip)
            if found is None:
                i += 1
                continue
            q, next_i = found
            out.append(q)
            i = max(next_i, i + 1)
        for n, q in enumerate(out, start=1):
            q.id = f"q{n}"
        return out

    # ------------------------------------------------------------------ parsing
    def _number(self, text: str, toks: list[_Tok], i: int) -> tuple[float, int] | None:
        """Parse a number starting at token ``i``; returns (value, index after it)."""
        tok = toks[i]
        m = self._phrase_re.match(text, tok.start)
        if m is not None:
            j = self._index_after(toks, i, m.end())
            value = float(self.lex.phrases[m.group(0).lower()])
            return self._scaled(toks, j, value)
        if tok.low[0].isdigit():
            if "," in tok.low and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", tok.low):
                return None
            try:
                value = float(tok.low.replace(",", ""))
            except ValueError:
                return None
            return self._scaled(toks, i + 1, value)
        if tok.low in self.lex.units or tok.low in self.lex.tens:
            return self._words(toks, i)
        return None

    def _scaled(self, toks: list[_Tok], j: int, value: float) -> tuple[float, int]:
        while j < len(toks) and toks[j].low in self.lex.scales:
            if toks[j].low in ("k", "mn", "bn") and toks[j].start != toks[j - 1].end:
                break
            if toks[j].low in ("dozen",) and j + 1 < len(toks) and toks[j + 1].low == "of":
                value *= 12
                return value, j + 1
            value *= self.lex.scales[toks[j].low]
            j += 1
        return value, j

    def _words(self, toks: list[_Tok], i: int) -> tuple[float, int] | None:
        total, current, j, seen = 0.0, 0.0, i, False
        lx = self.lex
        while j < len(toks):
            w = toks[j].low
            if w in lx.units:
                current += lx.units[w]
            elif w in lx.tens:
                current += lx.tens[w]
                if j + 2 < len(toks) and toks[j + 1].low == "-" and toks[j + 2].low in lx.units:
                    current += lx.units[toks[j + 2].low]
                    j += 2
            elif w == "hundred" and seen:
                current = (current or 1) * 100
            elif w in ("thousand", "million", "billion") and seen:
                total += (current or 1) * lx.scales[w]
                current = 0
            elif w == "dozen" and seen:
                current = (current or 1) * 12
            elif (
                w == "and"
                and seen
                and j + 1 < len(toks)
                and (toks[j + 1].low in lx.units or toks[j + 1].low in lx.tens)
            ):
                pass
            else:
                break
            seen = True
            j += 1
        if not seen:
            return None
        return total + current, j

    @staticmethod
    def _index_after(toks: list[_Tok], i: int, end: int) -> int:
        j = i
        while j < len(toks) and toks[j].start < end:
            j += 1
        return j

    # ------------------------------------------------------------------ one candidate
    def _at(
        self, text: str, toks: list[_Tok], i: int, skip: Sequence[tuple[int, int]]
    ) -> tuple[Quantity, int] | None:
        tok = toks[i]
        if not tok.low[0].isdigit() and tok.low not in self._openers:
            return None
        if any(s <= tok.start < e for s, e in skip):
            return None
        if tok.start > 1 and text[tok.start - 1] in ":/." and text[tok.start - 2].isdigit():
            return None  # the minutes of "10:30", the parts of "5/12" or "1.5"
        glued = tok.start > 0 and (text[tok.start - 1].isalpha() or text[tok.start - 1] in "-/_")
        if glued and not (
            text[tok.start - 1] == "-" and text[tok.start - 2 : tok.start - 1] == " "
        ):
            return None  # "M23", "F-16", "COVID-19": part of a name
        vague = self._vague_re.match(text, tok.start)
        if vague is not None and (tok.start == 0 or not text[tok.start - 1].isalnum()):
            return self._vague(text, toks, i, vague)
        parsed = self._number(text, toks, i)
        if parsed is None:
            return None
        value, j = parsed
        num_start, num_end = tok.start, toks[j - 1].end
        if self._not_a_count(text, toks, i, j, value):
            return None
        qual, q_start, low, high = self._bounds(text, num_start, value)
        # Ranges: "between 20 and 30", "20 to 30", "20-30".
        rng = self._range_re.match(text, num_end)
        if rng is not None and (rng.group("j").lower() != "and" or qual == "between"):
            k = self._index_after(toks, j, rng.end())
            if k < len(toks) and toks[k].start == rng.end():
                second = self._number(text, toks, k)
                if second is not None and second[0] > value:
                    high_value, j = second
                    num_end = toks[j - 1].end
                    low, high = value, high_value
                    value = (value + high_value) / 2
                    qual = qual if qual in ("between", "from") else "range"
        if qual in ("between", "from") and high is None:
            qual, q_start, low, high = None, num_start, value, value
        unit, u_end, noun_cat, k = self._unit(toks, j)
        if unit in self.lex.durations:
            return None
        weak = toks[i].low in self.lex.weak and j == i + 1
        category = self._category(text, q_start, u_end or num_end, unit, noun_cat)
        if unit is None and (weak or (category == "other" and qual is None)):
            return None  # a bare number counting nothing we know: scores, page numbers...
        end = u_end or num_end
        q = Quantity(
            start=q_start,
            end=end,
            text=text[q_start:end],
            value=value,
            low=low,
            high=high,
            qualifier=qual,
            unit=unit,
            category=category,
        )
        return q, k if unit else j

    def _not_a_count(self, text: str, toks: list[_Tok], i: int, j: int, value: float) -> bool:
        """Dates, years, times, ages and ordinals."""
        tok, after_tok = toks[i], toks[j] if j < len(toks) else None
        after = text[toks[j - 1].end : toks[j - 1].end + 12]
        if after_tok is not None and after_tok.start == toks[j - 1].end:
            if after_tok.low in ("st", "nd", "rd", "th", "am", "pm", "h", "gmt", "utc"):
                return True
            if after_tok.low == ":" and re.match(r":\d", after):
                return True
        if re.match(r"^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|hours\b|hrs\b)", after):
            return True
        if self._age_re.match(after) or re.search(
            r"\baged\s+$", text[max(0, tok.start - 8) : tok.start]
        ):
            return True
        prev = toks[i - 1].low.rstrip(".") if i > 0 else ""
        if prev in self.lex.months or (after_tok is not None and after_tok.low in self.lex.months):
            return True
        # A bare four-digit number between 1800 and 2100 is a year unless it counts something.
        year_like = tok.low.isdigit() and len(tok.low) == 4 and 1800 <= value <= 2100
        counted = after_tok is not None and self._noun_of(after_tok.low) is not None
        return year_like and not counted

    def _bounds(
        self, text: str, start: int, value: float
    ) -> tuple[str | None, int, float | None, float | None]:
        """Qualifier before the number and the low/high bounds it implies."""
        window = text[max(0, start - 30) : start]
        m = self._between_re.search(window)
        if m is not None:
            return m.group("q").lower(), start - (len(window) - m.start("q")), value, None
        m = self._qual_re.search(window)
        if m is None:
            return None, start, value, value
        qual = m.group("q").lower()
        q_start = start - (len(window) - m.start("q"))
        kind = self.lex.qualifiers[qual]
        if kind == "low":
            return qual, q_start, value, None
        if kind == "high":
            return qual, q_start, None, value
        if kind == "approx":
            return qual, q_start, None, None
        return qual, q_start, value, value

    def _noun_of(self, word: str) -> str | None:
        """The singular unit noun of ``word`` when it is in the table."""
        nouns = self.lex.nouns
        if word in nouns:
            return word
        for cut, add in (("ies", "y"), ("ves", "fe"), ("es", ""), ("s", "")):
            if word.endswith(cut) and word[: -len(cut)] + add in nouns:
                return word[: -len(cut)] + add
        return None

    def _unit(self, toks: list[_Tok], j: int) -> tuple[str | None, int | None, str | None, int]:
        """The counted noun after a number: skips "of (the)" and a few modifiers."""
        k = j
        if k < len(toks) and toks[k].low == "of":
            k += 1
            if k < len(toks) and toks[k].low in ("the", "them", "those"):
                if toks[k].low != "the":
                    return None, None, None, j
                k += 1
            if k < len(toks) and (toks[k].low[0].isdigit() or toks[k].low in self.lex.units):
                return None, None, None, j  # "one of the seven people": the seven count
        best: tuple[str, int, str, int] | None = None
        steps = 0
        while k < len(toks) and steps <= self.lex.modifier_limit:
            tok = toks[k]
            if k > j and tok.start - toks[k - 1].end > 1:
                break
            if tok.low == "-" and k > j and tok.start == toks[k - 1].end:
                k += 1  # "Al-Shabaab members": a hyphen inside a modifier
                continue
            if tok.low == "%":
                return "%", tok.end, "other", k + 1
            pair = f"{tok.low} {toks[k + 1].low}" if k + 1 < len(toks) else ""
            pair_noun = self._noun_of(pair) if pair else None
            if pair_noun is not None:
                best = (pair_noun, toks[k + 1].end, self.lex.nouns[pair_noun], k + 2)
                if pair_noun not in _PARTICIPLES:
                    break
                k += 2
                steps += 2
                continue
            noun = self._noun_of(tok.low)
            if noun is None and best is None and _PEOPLE_PLURAL.fullmatch(tok.text):
                # "a dozen Armenians", "three Israelis": a nationality counts people.
                return tok.low, tok.end, "other", k + 1
            if noun is not None:
                if best is not None and noun in _PARTICIPLES:
                    break  # "five people killed": the participle is a verb here
                best = (noun, tok.end, self.lex.nouns[noun], k + 1)
                follower = toks[k + 1] if k + 1 < len(toks) else None
                compound = (
                    follower is not None
                    and follower.start - tok.end == 1
                    and (self._noun_of(follower.low) or "") not in ("", *_PARTICIPLES)
                )
                if noun not in _PARTICIPLES and not compound:
                    break  # "paramilitary troops", "police officers": the last noun counts
            elif tok.low in _STOP_WORDS or not tok.low[0].isalpha():
                break
            elif tok.low in self.lex.durations or self._noun_of(tok.low.rstrip("s")) in (
                self.lex.durations
            ):
                return tok.low.rstrip("s"), tok.end, None, k + 1
            steps += 1
            k += 1
        if best is None:
            # A duration straight after the number ("four days") is not a count.
            if j < len(toks) and toks[j].low.rstrip("s") in self.lex.durations:
                return toks[j].low.rstrip("s"), toks[j].end, None, j + 1
            return None, None, None, j
        noun, end, cat, after = best
        surface = toks[after - 1].text if " " not in noun else noun
        return surface.lower(), end, cat, after

    def _category(
        self, text: str, start: int, end: int, unit: str | None, noun_cat: str | None
    ) -> str:
        """Verb before > verb after > the noun's own category."""
        people = (
            unit is None
            or self._noun_of(unit) in self.lex.people
            or unit in self.lex.people
            or (noun_cat == "other" and _PEOPLE_PLURAL.fullmatch(unit.capitalize()) is not None)
        )
        if noun_cat in ("vehicles", "places"):
            return noun_cat
        before = text[max(0, start - 40) : start]
        before = _SENTENCE_BREAK.split(before)[-1]
        m = self._verb_before_re.search(before)
        if m is not None and people:
            return self.lex.verbs_before[m.group("v").lower()]
        m = self._verb_after_re.match(text, end)
        if m is not None and people and noun_cat not in ("killed", "injured"):
            return self.lex.verbs_after[m.group("v").lower()]
        return noun_cat or "other"

    def _vague(
        self, text: str, toks: list[_Tok], i: int, m: re.Match[str]
    ) -> tuple[Quantity, int] | None:
        word = m.group(0).lower()
        spec = self.lex.vague[word]
        j = self._index_after(toks, i, m.end())
        low, value, high = spec["low"], spec["value"], spec["high"]
        qual, end = word, m.end()
        # "several hundred", "a few thousand": a multiple of the scale word.
        if j < len(toks) and toks[j].low in ("hundred", "thousand", "million"):
            scale = self.lex.scales[toks[j].low]
            low = value = spec["low"] * scale
            high = (spec["high"] or 9) * scale
            qual, end = f"{word} {toks[j].low}", toks[j].end
            j += 1
        unit, u_end, noun_cat, k = self._unit(toks, j)
        if unit in self.lex.durations:
            return None
        if unit is None and spec.get("needs_unit"):
            return None
        if unit is not None and spec.get("needs_unit") and noun_cat is None:
            return None
        category = self._category(text, m.start(), u_end or end, unit, noun_cat)
        stop = u_end or end
        q = Quantity(
            start=m.start(),
            end=stop,
            text=text[m.start() : stop],
            value=float(value),
            low=float(low),
            high=float(high) if high is not None else None,
            qualifier=qual,
            unit=unit,
            category=category,
        )
        return q, k if unit else j


def acled_figure(q: Quantity | None) -> int:
    """ACLED's conservative single figure for one quantity.

    Vague words take ACLED's codes ("dozens" → 12, "hundreds" → 100, "several"/"many" → 10,
    "a few" → 3); a range or a lower bound gives its lowest number; nothing gives 0.
    """
    if q is None:
        return 0
    vague = default_lexicon().vague
    if q.qualifier:
        word = q.qualifier.lower()
        if word in vague:
            return int(vague[word]["acled"])
        head, _, scale = word.rpartition(" ")
        if head in vague and scale in ("hundred", "thousand", "million"):
            # "several hundred" → the scale itself, the most conservative reading.
            return int(default_lexicon().scales[scale])
    if q.low is not None:
        return int(q.low)
    if q.value is not None:
        return int(q.value)
    if q.high is not None:
        return 0
    return 0


def fatalities_from(quantities: Iterable[Quantity]) -> Fatalities:
    """Combine the ``killed`` quantities into low/best/high (UCDP) and ACLED's figure.

    One figure keeps its own bounds; several that disagree become a range: low = the lowest
    lower bound, best = the median of the values, high = the highest stated number (open if
    every figure is open-ended), ACLED = the lowest ACLED figure. No figure → all empty, 0.
    """
    killed = [q for q in quantities if q.category == "killed" and q.value is not None]
    if not killed:
        return Fatalities()
    if len(killed) == 1:
        q = killed[0]
        return Fatalities(
            low=_int(q.low if q.low is not None else q.value),
            best=_int(q.value),
            high=_int(q.high),
            acled=acled_figure(q),
        )
    lows = [q.low if q.low is not None else q.value for q in killed]
    values = [q.value for q in killed if q.value is not None]
    highs = [q.high if q.high is not None else q.value for q in killed]
    all_open = all(q.high is None and q.low is not None for q in killed)
    return Fatalities(
        low=_int(min(v for v in lows if v is not None)),
        best=_int(median(values)),
        high=None if all_open else _int(max(v for v in highs if v is not None)),
        acled=min(acled_figure(q) for q in killed),
    )


def _int(value: float | None) -> int | None:
    return None if value is None else round(value)


@stage("measure_quantities", requires=("sentences",), assigns=("quantities",))
def make_measure_quantities(settings: Settings, resources: Resources) -> StageFn:
    """Find numbers with qualifiers, units and categories."""
    finder = resources.get("quantity_finder", lambda s: QuantityFinder())

    def run(doc: Document) -> None:
        # Dates and durations found by the time stage are not counts.
        skip = [(t.start, t.end) for t in doc.times]
        doc.quantities = finder.find(doc.text, skip=skip)

    return run
