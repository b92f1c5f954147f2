"""Offset-preserving text normalisation shared by the gazetteer index and the matcher.

Names and article text are folded the same way (lower case, accents removed, typographic
apostrophes and dashes made plain) *one character for one character*, so that a match in the
folded text has the same offsets in the original text.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Characters folded to a plain ASCII equivalent before lower-casing.
_PUNCT = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u02bb": "'",
    "`": "'",
    "\u00b4": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
}


def _fold_char(c: str) -> str:
    if c in _PUNCT:
        return _PUNCT[c]
    base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch))
    low = (base or c).lower()
    return low[0] if low else c


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x0000, 0x0250):
        c = chr(code)
        f = _fold_char(c)
        if f != c:
            table[code] = f
    for code in (*map(ord, _PUNCT), 0x1E00, *range(0x1E00, 0x1F00)):  # Latin Extended Additional
        c = chr(code)
        f = _fold_char(c)
        if f != c:
            table[code] = f
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """Lower-case, accent-free copy of ``text`` with exactly the same length."""
    return text.translate(_TABLE)


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """The lookup key of a gazetteer name: folded, single-spaced, trimmed."""
    return " ".join(fold(name).split())


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` folds to ASCII (Latin-script names only)."""
    return fold(name).isascii()
