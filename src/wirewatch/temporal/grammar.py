"""Recognise temporal expressions with compiled regexes and normalise them (TIMEX3 values).

One :class:`Grammar` is built from the lexicon once; :meth:`Grammar.find` scans a text with
a handful of compiled patterns (no per-token parser calls, which is why it is far faster than
``dateparser.search``), keeps the longest non-overlapping matches and normalises each
against the anchor date (the publication date) following news conventions:

* a bare weekday is the latest such day on or before the anchor (the same day included);
* a month or month-day without a year is the latest on or before the anchor, unless the
  nearest tense cue of the sentence looks forward ("will", "next", "scheduled", "payable");
* "last"/"next"/"this" shift the unit they qualify; "N units ago/earlier/later" shift by N;
* "N units after <name>" is anchored to another event and keeps its signed offset.

Without an anchor, relative expressions get an ``X`` pattern (``XXXX-WXX-4``) or no value.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from wirewatch.temporal.calendar import (
    SEASON_MONTHS,
    add_months,
    iso_week,
    quarter_of,
    safe_date,
    shift_days,
    value_range,
    week_monday,
)
from wirewatch.temporal.lexicon import Lexicon, load_lexicon


@dataclass(slots=True)
class Reading:
    """The normalised meaning of one expression."""

    value: str | None
    type: str = "DATE"
    precision: str | None = None
    relative: bool = False
    end_value: str | None = None
    # (signed day offset, anchor text): "four days after Aleppo" → (4, "Aleppo"); the
    # expression's date is the anchor event's date plus the offset.
    event_anchor: tuple[int, str] | None = None
    mod: str | None = None  # early / mid / late / before / after: narrows the span
    forward: bool = False  # looks forward from the anchor (future reading)
    impossible: bool = False  # the text names a date that does not exist (February 30)
    unresolved: bool = False  # relative, but there was no anchor to resolve it


@dataclass(slots=True)
class Timex:
    """A recognised expression: its span, the rule that found it and its reading."""

    start: int
    end: int
    text: str
    rule: str
    reading: Reading


@dataclass(slots=True)
class _Context:
    text: str
    anchor: date | None
    bounds: list[tuple[int, int]]
    # the last quarter value seen ((year, quarter), char offset), for "a year earlier"
    quarter: tuple[tuple[int, int], int] | None = None
    # the first day of the last dated expression (absolute or relative), for "the following
    # year" / "the previous Friday", which count from the story's time, not from publication
    story: date | None = None


Handler = Callable[["Grammar", re.Match[str], _Context], Reading | None]

_PRECISION_TP = {
    "day": 1,
    "week": 2,
    "weekend": 2,
    "month": 3,
    "quarter": 3,
    "half": 3,
    "season": 3,
    "year": 3,
    "decade": 3,
    "century": 3,
}


def time_precision(precision: str | None) -> int | None:
    """ACLED time_precision of a precision word (None for durations, sets and refs)."""
    return _PRECISION_TP.get(precision or "")


def _alt(words: Sequence[str], *, dot: bool = False) -> str:
    """Regex alternation of words as a prefix trie (fast to reject); spaces match any space."""
    trie: dict[str, Any] = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_regex(trie) + (r"\.?" if dot else "") + ")"


def _trie_regex(node: dict[str, Any]) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return "(?:" + body + ")?"
    return body


def _cap(words: Sequence[str], *, dot: bool = False) -> str:
    """Alternation of capitalised (or upper-case) names, case-sensitive."""
    forms = []
    for w in words:
        forms += [w.capitalize(), w.upper()]
    return _alt(forms, dot=dot)


class Grammar:
    """Compiled patterns and normalisation rules built from one :class:`Lexicon`."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.anchor_preps = lex.anchor_prepositions
        p = self._pieces(lex)
        b, e = r"(?<![\w-])", r"(?![\w])"
        rx_year = r"(?<![\w$€£#.,/-])(?:(?P<pre>(?i:fiscal|FY|mid-|the\s+end\s+of|early|late"
        rx_year += r"|the\s+beginning\s+of))[\s-]*)?" + p["year"] + r"(?![\w%/]|[.,]\d|-\d)"
        patterns: list[tuple[str, str, Handler, int]] = [
            ("iso", r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})", Grammar._iso, 9),
            (
                "slash",
                r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})(?!/)",
                Grammar._slash,
                8,
            ),
            (
                "mdy",
                r"(?:(?P<wd>"
                + p["wd_any"]
                + r"),?\s+)?(?P<mon>"
                + p["mon_any"]
                + r")\s+"
                + p["day"]
                + r"(?:,?\s+"
                + p["year_any"]
                + r")?",
                Grammar._month_day,
                7,
            ),
            (
                "dmy",
                r"(?:(?P<wd>"
                + p["wd_any"]
                + r"),?\s+)?(?:the\s+)?"
                + p["day"]
                + r"(?:\s+of)?\s+(?P<mon>"
                + p["mon_any"]
                + r")(?:,?\s+"
                + p["year_any"]
                + r")?",
                Grammar._month_day,
                7,
            ),
            (
                "month_year",
                r"(?:"
                + p["mods"]
                + r"[\s-]*)?(?P<mon>"
                + p["mon_any"]
                + r"),?\s+(?:of\s+)?"
                + p["year_any"],
                Grammar._month_year,
                6,
            ),
            (
                "month",
                r"(?:"
                + p["mods"]
                + r"[\s-]*)?(?:"
                + p["rel"]
                + r"\s+)?(?P<mon>"
                + p["mon_full"]
                + r")(?:\s+(?P<rel2>this|last|next)\s+year)?",
                Grammar._month,
                3,
            ),
            (
                "weekday",
                r"(?:" + p["tod"] + r"\s+)?(?:(?P<mod>(?i:early|late|earlier|later))\s+)?"
                r"(?:(?P<rel>(?i:the\s+previous|the\s+following|last|next|this\s+coming"
                r"|this\s+past|this|coming|previous))\s+)?"
                r"(?P<wd>" + p["wd"] + r")(?P<plural>s)?" + p["part"] + "?",
                Grammar._weekday,
                5,
            ),
            (
                "each",
                r"(?i:every|each|per)\s+(?:(?P<wd>"
                + p["wd"]
                + r")|(?P<mon>"
                + p["mon_full"]
                + r")|(?:(?P<num>"
                + p["num"]
                + r")\s+)?"
                + p["units"]
                + r")",
                Grammar._each,
                5,
            ),
            ("set_adverb", p["set_adv"], Grammar._set_adverb, 2),
            ("phrase", r"(?i:" + p["phrases"] + r")", Grammar._phrase, 4),
            (
                "clock",
                p["tod"]
                + r"(?:,?\s+(?i:(?P<dayword>today|yesterday|tomorrow))|,?\s+(?P<wd>"
                + p["wd"]
                + r"))?",
                Grammar._clock,
                4,
            ),
            (
                "rel_unit",
                r"(?:" + p["mods"] + r"\s+)?(?:" + p["rel"] + r"\s+)(?:(?P<fiscal>(?i:fiscal))\s+)?"
                r"(?P<unit>(?i:week|weekend|month|year|quarter|decade|century)|"
                + p["seasons"]
                + r")",
                Grammar._rel_unit,
                5,
            ),
            (
                "the_unit",
                r"(?:" + p["mods"] + r"\s+)?(?i:the)\s+(?P<unit>(?i:weekend|year|month|quarter"
                r"|latest\s+quarter|latest\s+period|current\s+quarter|current\s+year"
                r"|fiscal\s+year|current\s+fiscal\s+year|full\s+year))",
                Grammar._the_unit,
                3,
            ),
            (
                "quarter",
                r"(?:(?P<det>(?i:the|this\s+year's|last\s+year's|next\s+year's))\s+)?"
                r"(?:(?P<y1>(?:1[5-9]|20)\d\d)\s+)?(?:(?i:fiscal)[\s-]+)?"
                + p["ords"]
                + r"[\s-]+(?:(?i:fiscal)[\s-]+)?(?P<unit>(?i:quarter|half))"
                r"(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?(?P<y2>(?:1[5-9]|20)\d\d))?",
                Grammar._quarter,
                6,
            ),
            (
                "year_ago",
                r"(?:(?i:the)\s+)?(?:(?i:comparable|corresponding)\s+)?"
                r"(?P<kind>(?i:year-ago|year-earlier|year\s+ago|year\s+earlier"
                r"|last\s+year's|(?P<same>(?:same|corresponding|comparable)\s+"
                r"(?:quarter|period)\s+(?:of\s+)?last\s+year)))"
                r"(?:\s+(?P<unit>(?i:quarter|period|month)))?",
                Grammar._year_ago,
                2,
            ),
            (
                "year_period",
                r"(?i:the)\s+(?P<year>(?:1[5-9]|20)\d\d)\s+(?i:(?P<unit>period|quarter))",
                Grammar._year_period,
                6,
            ),
            (
                "season",
                r"(?:(?i:the)\s+)?(?:"
                + p["mods"]
                + r"\s+)?"
                + p["seasons"]
                + r"(?:\s+(?i:of)\s+|\s+)"
                + p["year_any"],
                Grammar._season_year,
                6,
            ),
            (
                "year_range",
                r"(?P<year>(?:1[5-9]|20)\d\d)\s*[-–]\s*(?P<y2>(?:1[5-9]|20)\d\d|\d\d)(?![\d%])",
                Grammar._year_range,
                5,
            ),
            ("spelled_year", r"(?:(?i:the\s+year)\s+)?" + p["spelled"], Grammar._spelled_year, 2),
            ("year", rx_year, Grammar._year, 1),
            (
                "decade",
                r"(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s-]+)?(?P<dec>(?:1[5-9]|20)\d0)'?s",
                Grammar._decade,
                4,
            ),
            (
                "century",
                r"(?:(?i:the)\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+(?i:century)",
                Grammar._century,
                4,
            ),
            (
                "ago",
                p["approx"]
                + r"?(?P<num>"
                + p["num"]
                + r")\s+"
                + p["units"]
                + r"\s+(?i:or\s+so\s+)?(?P<dir>(?i:ago|earlier|later|before|after|from\s+now"
                r"|hence))",
                Grammar._ago,
                6,
            ),
            (
                "anchored",
                p["approx"]
                + r"?(?P<num>"
                + p["num"]
                + r")\s+"
                + p["units"]
                + r"\s+"
                + p["prep"]
                + r"\s+"
                + p["anchor"],
                Grammar._anchored,
                7,
            ),
            (
                "duration",
                p["approx"] + r"?(?:(?P<span>(?i:the\s+(?:past|last|next|first|coming|previous"
                r"|following)))\s+)?(?P<num>"
                + p["num"]
                + r")(?:\s+|-)"
                + p["units"]
                + r"(?P<old>-old)?",
                Grammar._duration,
                3,
            ),
            (
                "vague_duration",
                r"(?i:(?P<lead>for|over|in)\s+(?P<unit>days|weeks|months|years|decades))",
                Grammar._vague_duration,
                1,
            ),
        ]
        self.rules: list[tuple[str, re.Pattern[str], Handler, int, frozenset[str]]] = []
        for name, body, handler, priority in patterns:
            # the year rule has its own guard before it; the others start at a word
            rx = body if name == "year" else b + body + (e if name != "anchored" else "")
            needs = frozenset(_RULE_NEEDS[name])
            self.rules.append((name, re.compile(rx), handler, priority, needs))
        # Trigger words by kind: a rule runs only in windows holding a kind it needs.
        units = {"second", "minute", "hour", "day", "week", "fortnight", "month", "quarter"}
        units |= {"year", "decade", "centur", "half", "period"}
        other = {w for p_ in lex.phrases for w in p_.split() if w not in ("the", "a", "of")}
        other |= set(lex.set_adverbs) | {"noon", "midnight", "nineteen", "eighteen"}
        other |= {"two thousand"}
        # digits trigger only as a year, a clock time or a numeric date
        digits = r"(?<![\d.,$€£])(?:1[5-9]|20)\d\d(?!\d)|\d\s*[ap]\.?m|\d[-/]\d|\d:\d\d"
        self.trigger = re.compile(
            r"(?P<d>" + digits + r")|(?<![\w])(?i:(?P<m>" + _alt(list(lex.months))
            + r")|(?P<w>" + _alt(list(lex.weekdays)) + r")|(?P<s>" + _alt(list(lex.seasons))
            + r")|(?P<u>" + _alt(sorted(units)) + r")|(?P<p>" + _alt(sorted(other)) + r"))"
        )  # fmt: skip

    @staticmethod
    def _pieces(lex: Lexicon) -> dict[str, str]:
        """Sub-patterns shared by the rules, built from the lexicon's word lists."""
        full_months = [m for m in lex.months if len(m) > 4 or m in ("may", "june", "july")]
        abbrev = [m for m in lex.months if m not in full_months]
        short_wd = [w for w in lex.weekdays if len(w) <= 5]
        numbers = list(lex.numbers) + list(lex.vague_numbers)
        name = r"[A-Z][\w'’-]+(?:\s+(?:al-|el-)?[A-Z][\w'’-]+)*"
        event_noun = r"(?i:" + _alt(list(lex.event_nouns)) + r")"
        tens = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        ones = r"(?:one|two|three|four|five|six|seven|eight|nine)"
        teens = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
        teens += r"|nineteen)"
        spelled = r"(?i:(?P<sc>eighteen|nineteen|twenty)\s+(?P<st>" + tens + r"(?:[\s-]" + ones
        spelled += r")?|" + teens + r"|hundred)|(?P<tt>two\s+thousand)(?:\s+(?:and\s+)?(?P<tu>"
        spelled += ones + r"|" + teens + r"))?)"
        year = r"(?P<year>(?:1[5-9]|20)\d\d)"
        return {
            "mon_any": "(?:" + _cap(full_months) + "|" + _cap(abbrev, dot=True) + ")",
            "mon_full": _cap(full_months),
            "wd": _cap([w for w in lex.weekdays if len(w) > 5]),
            "wd_any": "(?:"
            + _cap([w for w in lex.weekdays if len(w) > 5])
            + "|"
            + _cap(short_wd, dot=True)
            + ")",
            "num": r"(?i:" + _alt(numbers) + r"|\d+(?:\.\d+)?(?:\s+1/2)?|\d+-\d+)",
            "units": r"(?i:(?P<unit>second|minute|hour|day|week|fortnight|month|quarter|year"
            r"|decade|centur(?:y|ies))s?)",
            "year": year,
            "year_any": r"(?:" + year + "|" + spelled + ")",
            "spelled": spelled,
            "day": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)",
            "rel": r"(?i:(?P<rel>" + _alt(list(lex.relative_words)) + r"))",
            "mods": r"(?i:(?P<mod>early|earlier|late|later|mid|the\s+middle\s+of|the\s+end\s+of"
            r"|the\s+beginning\s+of|the\s+start\s+of))",
            "part": r"(?i:\s+(?P<part>morning|afternoon|evening|night))",
            "approx": r"(?i:(?P<approx>nearly|almost|about|around|some|roughly|more\s+than|over"
            r"|less\s+than|at\s+least|up\s+to|just\s+over|barely)\s+)",
            "prep": r"(?i:(?P<prep>" + _alt(list(lex.anchor_prepositions)) + r"))",
            "anchor": r"(?P<anchor>(?:the\s+)?(?P<noun>"
            + event_noun
            + r")\s+of\s+(?:the\s+)?(?P<name>"
            + name
            + r")|(?:the\s+)?(?P<noun2>"
            + event_noun
            + r")\b|(?P<name2>"
            + name
            + r"))",
            "phrases": _alt(list(lex.phrases)),
            "seasons": r"(?i:(?P<season>" + _alt(list(lex.seasons)) + r"))",
            "ords": r"(?i:(?P<ord>" + _alt([*lex.ordinals, "last"]) + r"))",
            "set_adv": r"(?i:(?P<adv>" + _alt(list(lex.set_adverbs)) + r"))",
            "tod": r"(?P<clock>(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m)"
            r"(?:\s+(?:EST|EDT|GMT|UTC|CET|local\s+time))?|(?i:noon|midnight))",
        }

    # --- scanning -------------------------------------------------------------------------

    def find(
        self,
        text: str,
        anchor: date | None,
        sentences: Sequence[tuple[int, int]] | None = None,
    ) -> list[Timex]:
        """All temporal expressions of ``text``, normalised against ``anchor``."""
        candidates: list[tuple[int, int, int, str, re.Match[str], Handler]] = []
        for ws, we, kinds in self._windows(text):
            for name, pattern, handler, priority, needs in self.rules:
                if needs.isdisjoint(kinds):
                    continue
                for m in pattern.finditer(text, ws, we):
                    s, t = m.span()
                    while t > s and text[t - 1] in " \t\n,":
                        t -= 1
                    if t > s:
                        candidates.append((s, t, priority, name, m, handler))
        # longest first, then the more specific rule; keep non-overlapping matches
        candidates.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
        # Taken spans never overlap, so sorted by start only the neighbours of a candidate
        # can overlap it (a scan of all of them was quadratic on long texts).
        taken_starts: list[int] = []
        taken_ends: list[int] = []
        chosen = []
        for cand in candidates:
            s, t = cand[0], cand[1]
            k = bisect.bisect_left(taken_starts, t)
            if k > 0 and taken_ends[k - 1] > s:
                continue
            taken_starts.insert(k, s)
            taken_ends.insert(k, t)
            chosen.append(cand)
        chosen.sort(key=lambda c: c[0])
        ctx = _Context(text, anchor, list(sentences) if sentences else _split_sentences(text))
        out: list[Timex] = []
        for s, t, _, name, m, handler in chosen:
            try:
                reading = handler(self, m, ctx)
            except (ValueError, OverflowError):  # an out-of-range date is not an expression
                reading = None
            if reading is None:
                continue
            if name in ("quarter", "rel_unit") and reading.value and "-Q" in reading.value:
                y, q = reading.value.split("-Q")
                if y.isdigit() and q.isdigit():
                    ctx.quarter = ((int(y), int(q)), s)
            if reading.type == "DATE" and reading.value and reading.precision != "ref":
                rng = value_range(reading.value)
                if rng is not None:
                    ctx.story = rng[0]
            out.append(Timex(s, t, text[s:t], name, reading))
        return out

    def _windows(self, text: str) -> list[tuple[int, int, set[str]]]:
        """Stretches of text around trigger words, with the kinds of trigger they hold."""
        out: list[tuple[int, int, set[str]]] = []
        n = len(text)
        for m in self.trigger.finditer(text):
            ws, we = max(0, m.start() - _WINDOW_BEFORE), min(n, m.end() + _WINDOW_AFTER)
            kind = m.lastgroup or "p"
            if out and ws <= out[-1][1]:
                out[-1][2].add(kind)
                out[-1] = (out[-1][0], we, out[-1][2])
            else:
                out.append((ws, we, {kind}))
        return out

    # --- helpers --------------------------------------------------------------------------

    def _month_no(self, word: str) -> int:
        return self.lex.months[word.lower().rstrip(".")]

    def _number(self, word: str) -> float | None:
        w = " ".join(word.lower().split())
        if w in self.lex.numbers:
            return self.lex.numbers[w]
        if w in self.lex.vague_numbers:
            return None
        if "1/2" in w:
            return float(w.split()[0]) + 0.5
        if "-" in w:
            return None
        try:
            return float(w)
        except ValueError:
            return None

    def direction(self, ctx: _Context, start: int, end: int, *, strong: bool = False) -> int:
        """+1 when the nearest tense cue of the sentence looks forward, -1 back, 0 none.

        ``strong`` uses only the unmistakable future cues ("will", "next", "scheduled").
        """
        s0, s1 = _bounds_of(ctx.bounds, start)
        best: tuple[int, int] | None = None
        future = self.lex.strong_future_cues if strong else self.lex.future_cues
        for m in _cue_regex(future, self.lex.past_cues).finditer(ctx.text, s0, s1):
            if start <= m.start() < end:
                continue
            sense = 1 if m.lastgroup == "f" else -1
            # a cue before the expression governs it more often than one after it
            dist = start - m.end() if m.end() <= start else (m.start() - end) * 2
            if best is None or dist < best[0]:
                best = (dist, sense)
        return best[1] if best else 0

    # --- handlers -------------------------------------------------------------------------

    def _iso(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        d = safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
        if d is None:
            return None
        return Reading(d.isoformat(), precision="day")

    def _slash(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        a, b_, y = int(m["a"]), int(m["b"]), int(m["year"])
        if len(m["year"]) == 2:
            pivot = (ctx.anchor.year if ctx.anchor else 2000) % 100
            y += 2000 if y <= pivot else 1900
        # English news writes month/day; a first number above 12 can only be a day
        mon, dd = (b_, a) if a > 12 else (a, b_)
        d = safe_date(y, mon, dd)
        if d is None:
            return None
        return Reading(d.isoformat(), precision="day")

    def _month_day(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        mon = self._month_no(m["mon"])
        dd = int(m["day"])
        if not 1 <= dd <= 31:
            return None
        explicit = _year_of(m)
        if explicit is not None:
            d = safe_date(explicit, mon, dd)
            if d is None:
                return Reading(None, precision="day", impossible=True)
            return Reading(d.isoformat(), precision="day")
        if safe_date(2000, mon, dd) is None:  # 2000 is a leap year: February 29 exists
            return Reading(None, precision="day", impossible=True)
        if ctx.anchor is None:
            return Reading(
                f"XXXX-{mon:02d}-{dd:02d}", precision="day", relative=True, unresolved=True
            )
        if m["wd"]:
            # "Saturday, April 25": the weekday tells the year
            wdn = self.lex.weekdays[m["wd"].lower().rstrip(".")]
            fits = [
                d
                for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)
                if (d := safe_date(y, mon, dd)) is not None and d.isoweekday() == wdn
            ]
            if fits:
                d = min(fits, key=lambda x: abs((x - ctx.anchor).days))  # type: ignore[operator]
                return Reading(
                    d.isoformat(), precision="day", relative=True, forward=d > ctx.anchor
                )
        past = _nearest_month_day(ctx.anchor, mon, dd, forward=False)
        future = _nearest_month_day(ctx.anchor, mon, dd, forward=True)
        if past is None or future is None:
            return Reading(None, precision="day", relative=True, impossible=True)
        sense = self.direction(ctx, m.start(), m.end())
        ahead = (future - ctx.anchor).days
        fwd = _looks_forward(ahead, sense, _AHEAD_DAYS)
        d = future if fwd else past
        return Reading(d.isoformat(), precision="day", relative=True, forward=fwd)

    def _month_year(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        mon = self._month_no(m["mon"])
        y = _year_of(m)
        if y is None:
            return None
        return Reading(f"{y:04d}-{mon:02d}", precision="month", mod=_mod(m["mod"]))

    def _month(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        word = m["mon"].lower()
        mon = self._month_no(word)
        relw = (m["rel"] or "").lower()
        if word in self.lex.ambiguous_months and not (m["mod"] or relw or m["rel2"]):
            # "may" and "march" are verbs: a bare one needs a preposition before it
            before = ctx.text[max(0, m.start() - 12) : m.start()].lower().split()
            if not before or before[-1] not in self.lex.month_prepositions:
                return None
        if ctx.anchor is None:
            return Reading(f"XXXX-{mon:02d}", precision="month", relative=True, unresolved=True)
        y = ctx.anchor.year
        if m["rel2"]:
            y += {"this": 0, "last": -1, "next": 1}[m["rel2"].lower()]
            return Reading(
                f"{y:04d}-{mon:02d}", precision="month", relative=True, mod=_mod(m["mod"])
            )
        shift = self.lex.relative_words.get(" ".join(relw.split()))
        if shift is None or shift == 0:
            ahead = (mon - ctx.anchor.month) % 12
            if shift == 0:
                fwd = mon > ctx.anchor.month
            else:
                sense = self.direction(ctx, m.start(), m.end())
                fwd = _looks_forward(ahead, sense, _AHEAD_MONTHS)
            if fwd and mon < ctx.anchor.month:
                y += 1
            elif not fwd and mon > ctx.anchor.month:
                y -= 1
        elif shift < 0:
            y -= 1 if mon >= ctx.anchor.month else 0
        else:
            y += 1 if mon <= ctx.anchor.month else 0
        return Reading(f"{y:04d}-{mon:02d}", precision="month", relative=True, mod=_mod(m["mod"]))

    def _weekday(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        wdn = self.lex.weekdays[m["wd"].lower().rstrip(".")]
        part = self.lex.parts_of_day.get((m["part"] or "").lower())
        if m["plural"]:
            suffix = f"T{part}" if part else ""
            return Reading(f"XXXX-WXX-{wdn}{suffix}", type="SET", precision="set")
        relw = " ".join((m["rel"] or "").lower().split())
        if ctx.anchor is None:
            return Reading(f"XXXX-WXX-{wdn}", precision="day", relative=True, unresolved=True)
        if relw in _STORY_RELATIVE and ctx.story is not None:
            # "the previous Friday": the Friday before the day the story is at
            fwd = relw == "the following"
            d = _nearest_weekday(ctx.story, wdn, forward=fwd, strict=True)
            return Reading(d.isoformat(), precision="day", relative=True, forward=fwd)
        if relw in ("next", "this coming", "coming"):
            fwd = True
        elif relw in ("last", "this past", "previous"):
            fwd = False
        else:
            fwd = self.direction(ctx, m.start(), m.end(), strong=True) > 0
        d = _nearest_weekday(ctx.anchor, wdn, forward=fwd, strict=relw in ("next", "last"))
        value = d.isoformat()
        typ = "DATE"
        if m["clock"]:
            value += _clock_suffix(m)
            typ = "TIME"
        elif part:
            value += f"T{part}"
            typ = "TIME"
        return Reading(value, type=typ, precision="day", relative=True, forward=fwd)

    def _each(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        if m["wd"]:
            return Reading(
                f"XXXX-WXX-{self.lex.weekdays[m['wd'].lower()]}", type="SET", precision="set"
            )
        if m["mon"]:
            return Reading(f"XXXX-{self._month_no(m['mon']):02d}", type="SET", precision="set")
        n = self._number(m["num"]) if m["num"] else 1.0
        return Reading(_duration_value(n, m["unit"]), type="SET", precision="set")

    def _set_adverb(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        return Reading(self.lex.set_adverbs[m["adv"].lower()], type="SET", precision="set")

    def _phrase(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        op, typ = self.lex.phrases[" ".join(m.group(0).lower().split())]
        kind, _, arg = op.partition(":")
        if kind == "ref":
            return Reading(arg, type=typ, precision="ref", relative=True)
        days_s, _, part = arg.partition(":")
        if ctx.anchor is None:
            return Reading(None, type=typ, precision="day", relative=True, unresolved=True)
        d = shift_days(ctx.anchor, int(days_s))
        if d is None:
            return None
        return Reading(
            d.isoformat() + (f"T{part}" if part else ""), type=typ, precision="day", relative=True
        )

    def _clock(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        suffix = _clock_suffix(m)
        if ctx.anchor is None:
            return Reading(None, type="TIME", precision="day", relative=True, unresolved=True)
        d = ctx.anchor
        if m["dayword"]:
            d = ctx.anchor + timedelta(
                days={"today": 0, "yesterday": -1, "tomorrow": 1}[m["dayword"].lower()]
            )
        elif m["wd"]:
            d = _nearest_weekday(ctx.anchor, self.lex.weekdays[m["wd"].lower()], forward=False)
        return Reading(d.isoformat() + suffix, type="TIME", precision="day", relative=True)

    def _rel_unit(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        relw = " ".join(m["rel"].lower().split())
        shift = self.lex.relative_words[relw]
        unit = m["unit"].lower()
        mod = _mod(m["mod"])
        if ctx.anchor is None:
            return Reading(
                None, precision=_unit_precision(unit), relative=True, unresolved=True, mod=mod
            )
        base = ctx.anchor
        if relw in _STORY_RELATIVE and ctx.story is not None:
            base = ctx.story
        if m["season"]:
            code = self.lex.seasons[m["season"].lower()]
            return self._season(base, code, shift, mod, recent=relw in ("this past", "past"))
        if unit == "quarter" and relw in ("the latest", "the most recent"):
            shift = -1
        return _shift_unit(base, unit, shift, mod, forward=shift > 0)

    def _the_unit(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        unit = " ".join(m["unit"].lower().split())
        mod = _mod(m["mod"])
        if ctx.anchor is None:
            return Reading(None, precision="year", relative=True, unresolved=True)
        if unit in ("quarter", "latest quarter", "latest period"):
            if ctx.quarter and ctx.quarter[1] > m.start() - _QUARTER_REACH:
                (y, q), _ = ctx.quarter
                return Reading(f"{y:04d}-Q{q}", precision="quarter", relative=True, mod=mod)
            return _shift_unit(ctx.anchor, "quarter", -1, mod)
        if unit == "current quarter":
            return _shift_unit(ctx.anchor, "quarter", 0, mod)
        if unit == "weekend":
            # "the weekend" in a weekday report is the one just past
            shift = 0 if ctx.anchor.isoweekday() >= 6 else -1
            if self.direction(ctx, m.start(), m.end(), strong=True) > 0:
                shift = 0 if ctx.anchor.isoweekday() < 6 else 1
            return _shift_unit(ctx.anchor, "weekend", shift, mod)
        if unit == "month":
            return _shift_unit(ctx.anchor, "month", 0, mod)
        return _shift_unit(ctx.anchor, "year", 0, mod)

    def _quarter(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        unit = m["unit"].lower()
        if m["ord"].lower() == "last":
            if unit == "quarter":
                if ctx.anchor is None:
                    return Reading(None, precision="quarter", relative=True, unresolved=True)
                return _shift_unit(ctx.anchor, "quarter", -1, None)
            n = 2
        else:
            n = self.lex.ordinals[m["ord"].lower()]
        if (unit == "quarter" and n > 4) or (unit == "half" and n > 2):
            return None
        code = "Q" if unit == "quarter" else "H"
        det = " ".join((m["det"] or "").lower().split())
        explicit = m["y1"] or m["y2"]
        if explicit:
            return Reading(f"{int(explicit):04d}-{code}{n}", precision=unit)
        if ctx.anchor is None:
            return Reading(f"XXXX-{code}{n}", precision=unit, relative=True, unresolved=True)
        y = ctx.anchor.year + {"last year's": -1, "next year's": 1}.get(det, 0)
        return Reading(f"{y:04d}-{code}{n}", precision=unit, relative=True)

    def _year_ago(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        if ctx.anchor is None:
            return Reading(None, precision="year", relative=True, unresolved=True)
        # financial news compares a quarter with the same quarter a year before
        if ctx.quarter and ctx.quarter[1] > m.start() - _QUARTER_REACH:
            (y, q), _ = ctx.quarter
            return Reading(f"{y - 1:04d}-Q{q}", precision="quarter", relative=True)
        if m["unit"] or m["same"]:
            last = _shift_unit(ctx.anchor, "quarter", -5, None)
            return Reading(last.value, precision="quarter", relative=True)
        return Reading(f"{ctx.anchor.year - 1:04d}", precision="year", relative=True)

    def _season_year(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        y = _year_of(m)
        if y is None:
            return None
        code = self.lex.seasons[m["season"].lower()]
        return Reading(f"{y:04d}-{code}", precision="season", mod=_mod(m["mod"]))

    def _year_range(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        y1 = int(m["year"])
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else (y1 // 100) * 100 + int(m["y2"])
        if not y1 < y2 <= y1 + 100:
            return None  # "2019-2011" or "1999-05": not a span of years
        return Reading(f"{y1:04d}", precision="year", end_value=f"{y2:04d}")

    def _spelled_year(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        y = _year_of(m)
        return Reading(f"{y:04d}", precision="year") if y is not None else None

    def _year_period(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        # "the 1988 period": the same quarter as the one under discussion, in that year
        q = ctx.quarter[0][1] if ctx.quarter else None
        if q is None and ctx.anchor is not None:
            q = (quarter_of(ctx.anchor) + 2) % 4 + 1  # the last completed quarter
        if q is None:
            return Reading(m["year"], precision="year")
        return Reading(f"{m['year']}-Q{q}", precision="quarter", relative=True)

    def _season(
        self, anchor: date, code: str, shift: int, mod: str | None, *, recent: bool = False
    ) -> Reading:
        """'last spring' is last year's; 'this past spring' the latest one already over."""
        first, last = SEASON_MONTHS[code]
        y = anchor.year
        if shift < 0 and (not recent or not (first <= last < anchor.month)):
            y -= 1
        elif shift > 0 and first <= anchor.month:
            y += 1
        return Reading(f"{y:04d}-{code}", precision="season", relative=True, mod=mod)

    def _year(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        after = ctx.text[m.end() : m.end() + 24].lower().split()
        if after and after[0].strip(".,;:") in self.lex.not_after_year:
            return None
        before = ctx.text[max(0, m.start() - 2) : m.start()]
        if before.endswith(("$", "€", "£")):
            return None
        return Reading(f"{int(m['year']):04d}", precision="year", mod=_mod(m["pre"]))

    def _decade(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        return Reading(m["dec"][:3], precision="decade", mod=_mod(m["mod"]))

    def _century(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        n = int(m["n"])
        if not 1 <= n <= 21:
            return None
        return Reading(f"{n - 1:02d}", precision="century")

    def _ago(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        n = self._number(m["num"])
        unit = _unit_word(m["unit"])
        direction = " ".join(m["dir"].lower().split())
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        follows = ctx.text[m.end() : m.end() + 20].split()
        nxt = follows[0].strip(".,;:").lower() if follows else ""
        dated = nxt[:1].isdigit() or nxt in self.lex.months or nxt in self.lex.weekdays
        if direction in ("after", "before") and not dated and n is not None and n == int(n):
            # "three days after they overran the base": counted from the event of the
            # following clause, never from the publication date (anchor text left empty).
            days = {"day": 1, "week": 7, "month": 30, "year": 365}.get(unit)
            if days is not None:
                return Reading(
                    None,
                    precision="day" if unit == "day" else _unit_precision(unit),
                    relative=True,
                    event_anchor=(sign * int(n) * days, ""),
                )
        if ctx.anchor is None:
            return Reading(None, precision=_unit_precision(unit), relative=True, unresolved=True)
        if n is None or n != int(n):
            return Reading("PAST_REF" if sign < 0 else "FUTURE_REF", precision="ref", relative=True)
        if (
            unit == "year"
            and int(n) == 1
            and ctx.quarter
            and ctx.quarter[1] > m.start() - _QUARTER_REACH
        ):
            (y, q), _ = ctx.quarter
            return Reading(f"{y - 1:04d}-Q{q}", precision="quarter", relative=True)
        return _shift_unit(ctx.anchor, unit, sign * int(n), None, forward=sign > 0)

    def _anchored(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        n = self._number(m["num"])
        unit = _unit_word(m["unit"])
        sign = self.anchor_preps[" ".join(m["prep"].lower().split())]
        target = m["name"] or m["name2"] or m["noun2"] or ""
        if n is None or n != int(n) or unit not in ("day", "week", "month", "year", "hour"):
            return None
        days = int(n) * {"day": 1, "week": 7, "month": 30, "year": 365, "hour": 0}[unit]
        lowered = target.lower().rstrip(".")
        if lowered in self.lex.months or lowered in self.lex.weekdays:
            return None  # "two days after December 5": the date rules read the date itself
        if target.isdigit():
            return None
        return Reading(
            None,
            precision="day" if unit in ("day", "hour") else _unit_precision(unit),
            relative=True,
            event_anchor=(sign * days, target),
        )

    def _duration(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        n = self._number(m["num"])
        if n is None and m["num"] and re.fullmatch(r"\d+-\d+", m["num"].strip()):
            return None
        unit = m["unit"]
        if n is not None and unit.lower().startswith("quarter"):
            return None
        return Reading(_duration_value(n, unit), type="DURATION", precision="duration")

    def _vague_duration(self, m: re.Match[str], ctx: _Context) -> Reading | None:
        return Reading(_duration_value(None, m["unit"]), type="DURATION", precision="duration")


# --- module helpers -------------------------------------------------------------------------

# Which trigger kinds each rule needs (any of): d digits, m month, w weekday, s season,
# u unit word, p phrase or other time word.
_RULE_NEEDS: dict[str, str] = {
    "iso": "d", "slash": "d", "mdy": "m", "dmy": "m", "month_year": "m", "month": "m",
    "weekday": "w", "each": "wmu", "set_adverb": "p", "phrase": "p", "clock": "dp",
    "rel_unit": "us", "the_unit": "u", "quarter": "u", "year_ago": "u", "year_period": "u",
    "season": "s", "year_range": "d", "spelled_year": "p", "year": "d", "decade": "d",
    "century": "u", "ago": "u", "anchored": "u", "duration": "u", "vague_duration": "u",
}  # fmt: skip

_WINDOW_BEFORE = 45  # the longest prefix of a rule before its trigger word ("the end of ...")
_WINDOW_AFTER = 70  # the longest tail after it ("... after the capture of Deir ez-Zor")

# How far ahead of publication a month-day (days) or a bare month (months) may be read
# forward: (always, without a tense cue, with a forward cue). A past event cannot lie
# after publication, so a date just ahead is a scheduled one whatever the tense; further
# ahead only a forward cue ("will", "payable", "expected") moves it; beyond that it is
# the latest one on or before publication.
_AHEAD_DAYS = (31, 62, 180)
_AHEAD_MONTHS = (1, 2, 5)


def _looks_forward(ahead: int, sense: int, limits: tuple[int, int, int]) -> bool:
    """Read a month or month-day forward, given how far ahead it is and the tense cue."""
    always, no_cue, with_cue = limits
    if ahead <= always:
        return True
    if sense == 0:
        return ahead <= no_cue
    return sense > 0 and ahead <= with_cue


# how far back (characters) a quarter mention still colours "a year earlier", "the quarter"
_QUARTER_REACH = 1000

# relative words that count from the last date the story mentioned
_STORY_RELATIVE = frozenset({"the following", "the previous", "the preceding"})

_SPELLED = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip


def _year_of(m: re.Match[str]) -> int | None:
    """The year of a match: four digits, or spelled out ("nineteen ninety-six")."""
    groups = m.re.groupindex
    if "year" in groups and m["year"]:
        return int(m["year"])
    if "sc" in groups and m["sc"]:
        century = _SPELLED[m["sc"].lower()] * 100
        rest = m["st"].lower()
        if rest == "hundred":
            return century
        return century + sum(_SPELLED[w] for w in re.split(r"[\s-]+", rest) if w in _SPELLED)
    if "tt" in groups and m["tt"]:
        return 2000 + (_SPELLED[m["tu"].lower()] if m["tu"] else 0)
    return None


@lru_cache(maxsize=4)
def _cue_regex(future: tuple[str, ...], past: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w'])(?:(?P<f>"
        + _alt(list(future))
        + r")|(?P<p>"
        + _alt(list(past))
        + r"|[a-z]{3,}ed))(?![\w])",
        re.IGNORECASE,
    )


_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Inc|Corp|Co|Ltd|Jr"
    r"|Sr|No|Prof|Rev|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Ill|Calif|Mass)\.$"
)


def _split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence bounds for tense cues when the caller has none (not after "Mr.")."""
    bounds = []
    start = 0
    for m in re.finditer(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])|\n+", text):
        window = max(start, m.start() - 12)
        if m.group(0)[0] != "\n" and _ABBREVIATION.search(text, window, m.start()):
            continue
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _bounds_of(bounds: list[tuple[int, int]], char: int) -> tuple[int, int]:
    for s, e in bounds:
        if s <= char < max(e, s + 1):
            return s, e
    return 0, 0


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = " ".join(word.lower().split()).rstrip("-")
    if w in ("early", "earlier", "the beginning of", "the start of"):
        return "early"
    if w in ("late", "later", "the end of"):
        return "late"
    if w in ("mid", "the middle of"):
        return "mid"
    return None


def _unit_word(unit: str) -> str:
    u = unit.lower()
    if u.startswith("centur"):
        return "century"
    return u[:-1] if u.endswith("s") and u != "s" else u


def _unit_precision(unit: str) -> str:
    return {
        "weekend": "weekend",
        "fortnight": "week",
        "hour": "day",
        "minute": "day",
        "second": "day",
    }.get(unit, unit)


def _duration_value(n: float | None, unit: str) -> str:
    u = _unit_word(unit)
    if u == "fortnight":
        u, n = "week", (n or 1) * 2 if n is not None else None
    code = {
        "second": "S",
        "minute": "M",
        "hour": "H",
        "day": "D",
        "week": "W",
        "month": "M",
        "quarter": "Q",
        "year": "Y",
        "decade": "DE",
        "century": "CE",
    }[u]
    time_part = u in ("second", "minute", "hour")
    if n is None:
        amount = "X"
    elif code == "DE":
        return f"P{n * 10:g}Y" if n * 10 == int(n * 10) else "PXY"
    elif code == "CE":
        return f"P{n * 100:g}Y" if n * 100 == int(n * 100) else "PXY"
    elif n != int(n) and code == "Y" and n * 12 == int(n * 12):
        return f"P{int(n)}Y{int((n - int(n)) * 12)}M"
    else:
        amount = f"{n:g}"
    if code in ("DE", "CE"):
        code = "Y" if amount == "X" else code
    return f"PT{amount}{code}" if time_part else f"P{amount}{code}"


def _clock_suffix(m: re.Match[str]) -> str:
    clock = (m["clock"] or "").lower()
    if clock == "noon":
        return "T12:00"
    if clock == "midnight":
        return "T24:00"
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    if m["ampm"] and m["ampm"].lower().startswith("p") and h < 12:
        h += 12
    if m["ampm"] and m["ampm"].lower().startswith("a") and h == 12:
        h = 0
    return f"T{h:02d}:{mi:02d}"


def _nearest_weekday(anchor: date, weekday: int, *, forward: bool, strict: bool = False) -> date:
    """Latest such weekday on or before the anchor (or the next on or after when forward)."""
    diff = anchor.isoweekday() - weekday
    if forward:
        ahead = (-diff) % 7
        if strict and ahead == 0:
            ahead = 7
        return anchor + timedelta(days=ahead)
    back = diff % 7
    if strict and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def _nearest_month_day(anchor: date, month: int, day: int, *, forward: bool) -> date | None:
    """Latest month-day on or before the anchor (or the next on or after when forward)."""
    for dy in (0, 1, 2) if forward else (0, -1, -2, -3, -4):
        d = safe_date(anchor.year + dy, month, day)
        if d is None:
            continue  # February 29 outside a leap year: look one more year away
        if (forward and d >= anchor) or (not forward and d <= anchor):
            return d
    return None


def _shift_unit(
    anchor: date, unit: str, shift: int, mod: str | None, *, forward: bool = False
) -> Reading:
    """The unit (week, month...) containing the anchor, moved by ``shift`` units."""
    unit = unit.lower()
    if unit == "day":
        d = anchor + timedelta(days=shift)
        return Reading(d.isoformat(), precision="day", relative=True, mod=mod, forward=forward)
    if unit in ("week", "fortnight"):
        d = anchor + timedelta(weeks=shift * (2 if unit == "fortnight" else 1))
        return Reading(iso_week(d), precision="week", relative=True, mod=mod, forward=forward)
    if unit == "weekend":
        d = week_monday(anchor) + timedelta(weeks=shift)
        return Reading(
            iso_week(d) + "-WE", precision="weekend", relative=True, mod=mod, forward=forward
        )
    if unit == "month":
        y, mo = add_months(anchor.year, anchor.month, shift)
        return Reading(
            f"{y:04d}-{mo:02d}", precision="month", relative=True, mod=mod, forward=forward
        )
    if unit == "quarter":
        q = anchor.year * 4 + quarter_of(anchor) - 1 + shift
        return Reading(
            f"{q // 4:04d}-Q{q % 4 + 1}",
            precision="quarter",
            relative=True,
            mod=mod,
            forward=forward,
        )
    if unit == "decade":
        return Reading(
            f"{anchor.year // 10 + shift:03d}", precision="decade", relative=True, mod=mod
        )
    if unit == "century":
        return Reading(
            f"{anchor.year // 100 + shift:02d}", precision="century", relative=True, mod=mod
        )
    if unit in ("hour", "minute", "second"):
        return Reading(anchor.isoformat(), precision="day", relative=True, mod=mod)
    return Reading(
        f"{anchor.year + shift:04d}", precision="year", relative=True, mod=mod, forward=forward
    )


@lru_cache(maxsize=1)
def default_grammar() -> Grammar:
    """The grammar built from the packaged lexicon (built once per process)."""
    return Grammar(load_lexicon())


def find_times(
    text: str, anchor: date | None, sentences: Sequence[tuple[int, int]] | None = None
) -> list[Timex]:
    """Recognise and normalise every temporal expression of ``text`` against ``anchor``."""
    return default_grammar().find(text, anchor, sentences)
