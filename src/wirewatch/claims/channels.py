"""Channels ("announced on Telegram") and intermediaries ("carried by the official Sana agency")."""

from __future__ import annotations

import re

from wirewatch.claims.lexicon import ClaimLexicon

_WORD = r"(?:[A-Z][\w&.'-]*|al-[A-Z][\w-]*)"
_NAME = rf"(?P<name>{_WORD}(?:\s+(?:{_WORD}|of|for|the))*)"


def find_channel(lex: ClaimLexicon, window: str) -> str | None:
    """The first channel named in ``window`` (text around the cue, outside the content)."""
    best: tuple[int, str] | None = None
    for channel in lex.channels:
        m = lex.regex("channel:" + channel.name, channel.words).search(window)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), channel.name)
    return best[1] if best else None


def _strip_words(name: str, words: tuple[str, ...], *, prefix: bool) -> str:
    changed = True
    while changed and name:
        changed = False
        for w in sorted(words, key=len, reverse=True):
            low = name.lower()
            if prefix and low.startswith(w + " "):
                name, changed = name[len(w) + 1 :], True
            elif not prefix and low.endswith(" " + w):
                name, changed = name[: -len(w) - 1], True
    return name.strip()


def find_intermediary(lex: ClaimLexicon, window: str) -> str | None:
    """The outlet or agency that carried the statement, named after an intermediary cue."""
    cue_re = lex.regex("intermediary", lex.intermediary_cues)
    for m in cue_re.finditer(window):
        rest = window[m.end() :].lstrip()
        rest = _strip_words(rest, lex.strip_prefix, prefix=True) if rest else rest
        # drop leading lower-case qualifiers such as "official" handled above; need a name
        nm = re.match(_NAME, rest)
        if not nm:
            continue
        name = nm.group("name").strip()
        name = re.sub(r"\s+(?:of|for|the)$", "", name)
        tail = rest[nm.end() :]
        # "the official Sana news agency": the suffix is lower case and follows the name
        name = _strip_words(name, lex.strip_suffix, prefix=False) or name
        if m.group(0).lower() == "told" and not _looks_like_media(lex, name + tail[:30]):
            continue  # "told reporters", "told Assad": not an outlet
        return name
    return None


def _looks_like_media(lex: ClaimLexicon, text: str) -> bool:
    return bool(lex.regex("media", lex.media_words).search(text))
