"""Find quotations in every common mark style, without runaway spans.

Marks handled: “ ” „, straight ", « » (and » « reversed is not supported), ‹ ›, ‘ ’ and
straight '. Curly and straight single marks double as apostrophes (``country’s``,
``don't``, ``rebels’``), so a single mark only opens a quote after a non-letter and only
closes one that is open. Quotes nest (a single quote inside a double quote). A quote may run
over sentences and, in the newspaper convention, over paragraphs when each new paragraph
re-opens with the same mark. A quote left open at the end of its paragraph is unbalanced
and dropped; a quote longer than the cap is cut. Both are reported as problems, which the
stage turns into ``runaway_quote`` warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

# opening mark -> the closing marks that end it
_PAIRS: dict[str, tuple[str, ...]] = {
    "“": ("”", '"'),
    "„": ("“", "”"),
    '"': ('"', "”"),
    "«": ("»",),
    "‹": ("›",),
    "‘": ("’", "'"),
    "'": ("'", "’"),
}
_DOUBLE_OPEN = {"“", "„", '"', "«"}
_SINGLE = {"‘", "’", "'"}
_CLOSERS = {"”", "»", "›"}
# characters after which an opening mark is plausible
_OPEN_CONTEXT = set(" \t\n\r([{—–-/:;,“„«‹‘\"'")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation ``text[start:end]`` including its marks; ``depth`` 0 is outermost."""

    start: int
    end: int
    open_mark: str
    close_mark: str
    depth: int
    capped: bool = False
    mark_end: int = -1  # end of the closing mark when the quote was capped

    @property
    def closed_end(self) -> int:
        """End of the closing mark in the text (beyond ``end`` when capped)."""
        return self.mark_end if self.mark_end >= 0 else self.end

    @property
    def inner_start(self) -> int:
        """Offset of the first character after the opening mark."""
        return self.start + 1

    @property
    def inner_end(self) -> int:
        """Offset of the closing mark (end of the quoted words)."""
        return self.end - (0 if self.capped else 1)

    def contains(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside this quotation (marks included)."""
        return self.start <= start and end <= self.end


@dataclass(frozen=True, slots=True)
class QuoteProblem:
    """An unbalanced or over-long quotation found while scanning."""

    start: int
    kind: str  # "unbalanced" or "capped"
    message: str


@dataclass(slots=True)
class _Open:
    mark: str
    start: int


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def scan_quotes(text: str, *, max_chars: int = 3000) -> tuple[list[Quote], list[QuoteProblem]]:
    """All quotations of ``text`` (sorted by start) and the problems met on the way."""
    quotes: list[Quote] = []
    problems: list[QuoteProblem] = []
    stack: list[_Open] = []
    n = len(text)
    i = 0

    def drop_open(reason: str) -> None:
        while stack:
            op = stack.pop()
            snippet = text[op.start : op.start + 40].replace("\n", " ")
            problems.append(
                QuoteProblem(op.start, "unbalanced", f"{reason} at {op.start}: {snippet!r}")
            )

    while i < n:
        ch = text[i]
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n":
            if stack:
                # newspaper convention: a quote runs on when the next paragraph re-opens it
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if j < n and text[j] == stack[0].mark and len(stack) == 1:
                    i = j + 1
                    continue
                drop_open("quotation left open at the end of a paragraph")
            i += 1
            continue
        if ch not in _PAIRS and ch not in _CLOSERS and ch not in _SINGLE:
            i += 1
            continue
        top = stack[-1] if stack else None
        closes_top = top is not None and ch in _PAIRS[top.mark]
        if ch in _SINGLE:
            between_letters = _is_word(prev) and _is_word(nxt)
            if between_letters:  # an apostrophe: country’s, don't
                i += 1
                continue
            if closes_top and not _is_word(nxt) and not prev.isspace():
                closes_top = True
            elif ch in ("‘", "'") and prev in _OPEN_CONTEXT and not nxt.isspace():
                stack.append(_Open(ch, i))
                i += 1
                continue
            else:  # a plural possessive (rebels’) or a stray mark
                i += 1
                continue
        elif ch == '"' and not closes_top:
            if nxt.isspace() or i + 1 >= n:
                i += 1  # a stray closing straight quote with nothing open
                continue
            stack.append(_Open(ch, i))
            i += 1
            continue
        elif ch in _DOUBLE_OPEN and not closes_top:
            stack.append(_Open(ch, i))
            i += 1
            continue
        if closes_top:
            op = stack.pop()
            quotes.append(Quote(op.start, i + 1, op.mark, ch, len(stack)))
        elif ch in _CLOSERS:
            # a closer for an outer quote: inner quotes left open were unbalanced
            k = len(stack) - 1
            while k >= 0 and ch not in _PAIRS[stack[k].mark]:
                k -= 1
            if k >= 0:
                inner = stack[k + 1 :]
                del stack[k + 1 :]
                for op in inner:
                    problems.append(
                        QuoteProblem(op.start, "unbalanced", f"stray quotation mark at {op.start}")
                    )
                op = stack.pop()
                quotes.append(Quote(op.start, i + 1, op.mark, ch, len(stack)))
        i += 1
    drop_open("quotation left open at the end of the text")

    out: list[Quote] = []
    for q in quotes:
        if q.end - q.start > max_chars:
            cut = text.rfind(" ", q.start, q.start + max_chars)
            end = cut if cut > q.start else q.start + max_chars
            problems.append(
                QuoteProblem(
                    q.start,
                    "capped",
                    f"quotation of {q.end - q.start} characters at {q.start} cut to "
                    f"{end - q.start} (cap {max_chars})",
                )
            )
            q = Quote(q.start, end, q.open_mark, q.close_mark, q.depth, capped=True, mark_end=q.end)
        out.append(q)
    out.sort(key=lambda q: (q.start, -q.end))
    return out, problems


def top_level(quotes: list[Quote]) -> list[Quote]:
    """The outermost quotations only."""
    return [q for q in quotes if q.depth == 0]
