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
