"""Speakers: names, roles and kinds from the parse; pronouns resolved to earlier speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wirewatch.claims.lexicon import ClaimLexicon
from wirewatch.document import Document, ParsedSentence

if TYPE_CHECKING:
    from spacy.tokens import Token

# dependents that hang off a speaker's head but are not part of its name
_NOT_NAME = {"appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis"}
_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
_POSSESSIVE = re.compile(r"\s*['’]s?$")


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who made a statement: the mention in the text and what it resolves to."""

    start: int
    end: int
    name: str | None
    role: str | None = None
    kind: str = "unknown"  # person / group / unknown
    actor: str | None = None
    pronoun: bool = False


def _strip_det(lex: ClaimLexicon, words: str) -> str:
    parts = words.split(" ", 1)
    if len(parts) == 2 and parts[0].lower() in lex.determiners:
        return parts[1]
    return words


def _clean(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).strip(" ,;:-—–")


def actor_at(doc: Document, start: int, end: int) -> str | None:
    """Id of the actor with a mention overlapping ``[start, end)`` (the longest overlap)."""
    best: tuple[int, str] | None = None
    for actor in doc.actors:
        for m in actor.mentions:
            ov = min(end, m.end) - max(start, m.start)
            if ov > 0 and (best is None or ov > best[0]):
                best = (ov, actor.id)
    return best[1] if best else None


def _ent_label(doc: Document, start: int, end: int) -> tuple[str, int, int] | None:
    for ent in doc.ents_in(start, end):
        return ent.label_, ent.start_char, ent.end_char
    return None


def speaker_from_token(doc: Document, ps: ParsedSentence, tok: Token, lex: ClaimLexicon) -> Speaker:
    """Build a speaker from the head token of its noun phrase (subject, agent or object)."""
    left = tok.i
    right = tok.i
    # extend over the name's own dependents, stopping at appositions and clauses
    for child in tok.lefts:
        if child.dep_ not in _NOT_NAME:
            left = min(left, child.left_edge.i)
    for child in tok.rights:
        if child.dep_ in _NOT_NAME:
            break
        right = max(right, child.right_edge.i)
    while left < tok.i and ps.doc[left].is_punct:
        left += 1
    while right > tok.i and ps.doc[right].is_punct and ps.doc[right].text != ")":
        right -= 1
    start, end = ps.char_span(left, right + 1)
    raw = doc.text[start:end]
    low = tok.lower_
    if right == left and low in lex.person_pronouns | lex.group_pronouns:
        kind = "person" if low in lex.person_pronouns else "group"
        return Speaker(start, end, None, kind=kind, pronoun=True)
    role_parts: list[str] = []
    for child in tok.rights:
        if child.dep_ == "appos":
            a, b = ps.char_span(child.left_edge.i, child.right_edge.i + 1)
            role = _clean(doc.text[a:b]).strip("()")
            if role and not (role.isupper() and " " not in role):  # "(OSDH)" is no role
                role_parts.append(_strip_det(lex, role))
            break
    name = _clean(raw)
    kind = "unknown"
    ent = _ent_label(doc, start, end)
    if ent is not None and ent[0] == "PERSON" and ent[1] >= start and ent[2] <= end + 2:
        kind = "person"
        title = _clean(doc.text[start : ent[1]])
        if title:
            role_parts.insert(0, _strip_det(lex, title))
        name = _clean(doc.text[ent[1] : min(ent[2], end)])
    else:
        name, found_title = _split_title(lex, ps, left, right)
        if found_title:
            kind = "person"
            role_parts.insert(0, found_title)
    if kind == "unknown":
        if (
            (ent is not None and ent[0] in ("ORG", "NORP", "GPE"))
            or tok.tag_ in ("NNS", "NNPS")
            or tok.pos_ == "NOUN"
        ):
            kind = "group"
        elif role_parts:
            kind = "person"
    if role_parts and kind == "unknown" and ent is not None and ent[0] == "ORG":
        kind = "group"
    name = _PAREN.sub("", _strip_det(lex, name)).strip() or name
    name = _POSSESSIVE.sub("", name) or name  # "Trump's claim": the speaker is Trump
    actor = actor_at(doc, start, end)
    return Speaker(start, end, name, "; ".join(role_parts) or None, kind, actor)


def _split_title(
    lex: ClaimLexicon, ps: ParsedSentence, left: int, right: int
) -> tuple[str, str | None]:
    """Split "US Secretary of State Antony Blinken" into name and title (role)."""
    toks = [ps.doc[i] for i in range(left, right + 1)]
    text_of = lambda ts: _clean(" ".join(t.text for t in ts))  # noqa: E731
    run: list[Token] = []
    title_words = lex.titles | lex.title_modifiers
    for t in reversed(toks):
        if t.pos_ == "PROPN" and t.lower_ not in title_words:
            run.insert(0, t)
        else:
            break
    head = toks[: len(toks) - len(run)]
    if run and head and any(t.lower_ in lex.titles for t in head):
        a, _ = ps.char_span(head[0].i, head[0].i + 1)
        _, b = ps.char_span(head[-1].i, head[-1].i + 1)
        title = _strip_det(lex, _clean(ps.doc.text[a - ps.offset : b - ps.offset]))
        return text_of(run), title
    return text_of(toks), None


def resolve(speaker: Speaker, history: list[Speaker], doc: Document, lex: ClaimLexicon) -> Speaker:
    """Resolve a pronoun speaker to the last fitting earlier speaker (or person named before).

    "he"/"she" take the last person (or unknown proper name) speaker; "they"/"it"/"we" the
    last group. Without a fitting speaker the pronoun stays unresolved: never invented.
    """
    if not speaker.pronoun:
        return speaker
    for prev in reversed(history):
        if prev.name is None:
            continue
        fits = (
            prev.kind in ("person", "unknown")
            if speaker.kind == "person"
            else prev.kind != "person"
        )
        if fits:
            return replace(speaker, name=prev.name, role=prev.role, actor=prev.actor)
    if speaker.kind == "person":
        # fall back on the last person named in the text before the pronoun
        best = None
        for ent in reversed(doc.ents_before(speaker.start)):
            if ent.label_ == "PERSON":
                best = ent
                break
        if best is not None and speaker.start - best.end_char < 600:
            return replace(
                speaker, name=best.text, actor=actor_at(doc, best.start_char, best.end_char)
            )
    return speaker
