"""Content extents across sentence and layout boundaries (used by ``attribute.py``).

These helpers look only at the text and character offsets, so they are shared by the
rules that run after the parse-based drafts are made: a reported clause that a colon
opens onto a list, and statements that carry on over the next sentence.
"""

from __future__ import annotations

import re

# Sentence openers that carry on the statement before them (``A, X said, B. But C.``).
RUN_ON_WORDS = frozenset({"But", "And"})
_COLON_TAIL = re.compile(r"[ \t]*:[ \t]+(?=\S)")
# what a content never ends with (quotation marks stay: they close quoted words)
_TRAILING = " \t\n,;:.—–-"


def colon_run_on(text: str, end: int, limit: int) -> int:
    """End of a content that stops right before a colon opening more words on its line.

    ``notes that A: B, C and D`` reports ``A`` together with what the colon introduces;
    the parse often hangs the words after the colon elsewhere. The content then runs on
    to ``limit`` (the end of its sentence) or the end of the line, whichever is first.
    Returns ``end`` unchanged when no such colon follows.
    """
    m = _COLON_TAIL.match(text, end)
    if m is None or m.end() >= limit:
        return end
    line_end = text.find("\n", m.end())
    stop = limit if line_end < 0 else min(limit, line_end)
    while stop > m.end() and text[stop - 1] in _TRAILING:
        stop -= 1
    return stop


# opening quotation mark -> its closing mark
_CLOSERS = {'"': '"', "“": "”"}
# a paragraph that opens a new turn of a transcript ("WALLACE: ...") or a stage note
_TURN = re.compile(r"[ \t]*(?:[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*:|\()")


def transcript_run_on(text: str, line_start: int, end: int) -> int:
    """End of a ``NAME: words`` turn of a transcript that goes on over more paragraphs.

    Transcripts printed as one long quotation open every paragraph with a quotation mark
    and close none: ``"PENCE: A`` / ``"B`` / ``"WALLACE: C``. When the turn's line opens
    that way, each following paragraph that opens with the same mark, closes none, and is
    neither a new turn nor a stage note (``"(CROSSTALK.)``) belongs to the turn. Returns
    ``end`` unchanged for any other layout.
    """
    while line_start < end and text[line_start] in " \t":
        line_start += 1
    mark = text[line_start] if line_start < end else ""
    if mark not in _CLOSERS:
        return end
    close = _CLOSERS[mark]
    line_end = text.find("\n", end)
    if line_end < 0 or close in text[line_start + 1 : line_end]:
        return end
    stop, pos = end, line_end
    while True:
        nxt = pos
        while nxt < len(text) and text[nxt] in " \t\n":
            nxt += 1
        if nxt >= len(text) or text[nxt] != mark or _TURN.match(text, nxt + 1):
            return stop
        para_end = text.find("\n", nxt)
        para_end = len(text) if para_end < 0 else para_end
        if close in text[nxt + 1 : para_end]:
            return stop  # a closed quotation is a statement of its own
        b = para_end
        while b > nxt and text[b - 1] in _TRAILING:
            b -= 1
        stop, pos = b, para_end


_QUOTE_MARKS = "\"“”'‘’«»„"


def signed_paragraph(text: str, sig_start: int) -> tuple[int, int] | None:
    """The quoted paragraph that a signature (``― Name`` at ``sig_start``) closes.

    Reader letters and vox pops print ``“A.” ― Name``; some open with the wrong mark
    (``”A.” ― Name``), which the quotation scanner cannot pair. The paragraph from its line
    start counts when it opens and ends with a quotation mark. None otherwise.
    """
    a = text.rfind("\n", 0, sig_start) + 1
    b = sig_start
    while a < b and text[a] in " \t\xa0":
        a += 1
    while b > a and text[b - 1] in " \t\xa0":
        b -= 1
    if b - a < 3 or text[a] not in _QUOTE_MARKS or text[b - 1] not in _QUOTE_MARKS:
        return None
    return a, b
