"""Negation, hypothetical/future and historical-background flags of a trigger.

Flags come from the dependency tree around the trigger: a ``neg`` child ("did not take"),
a negating governor ("failed to take"), a modal auxiliary ("will advance", "could"), a
governor of intention or attempt ("plans to", "will now try to"), a conditional mark
("if fighting breaks out"), and a year well before publication in the trigger's clause
("chased away in 2019"). Cue words live in ``data/events/cues.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.events.knowledge import Cues

if TYPE_CHECKING:
    from spacy.tokens import Token

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# Dependencies through which a trigger inherits the modality of the verb above it.
_CHAIN_DEPS = ("xcomp", "dobj", "pobj", "nsubj", "nsubjpass", "conj", "ccomp", "attr", "prep")


@dataclass(slots=True)
class Flags:
    """The three flags of an event."""

    negated: bool = False
    hypothetical: bool = False
    historical: bool = False


def chain(head: Token, max_up: int = 3) -> list[Token]:
    """The trigger head and the governors whose modality it inherits (nearest first)."""
    out = [head]
    tok = head
    for _ in range(max_up):
        if tok.dep_ not in _CHAIN_DEPS or tok.head.i == tok.i:
            break
        tok = tok.head
        out.append(tok)
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "conj", "pcomp"):
            break
    return out


def compute_flags(head: Token, cues: Cues, published_year: int | None) -> Flags:
    """Flags for the trigger whose head token is ``head``."""
    neg_gov = cues.words("negation_governors")
    neg_pronouns = cues.words("negation_words") - {"not", "n't", "never", "no", "without"}
    aux = cues.words("hypothetical_aux")
    hyp_gov = cues.words("hypothetical_governors")
    marks = cues.words("hypothetical_marks")
    hyp_nouns = cues.words("hypothetical_nouns")
    hyp_mods = cues.words("hypothetical_modifiers")
    flags = Flags()
    toks = chain(head)
    for n, tok in enumerate(toks):
        lemma = tok.lemma_.lower()
        for child in tok.children:
            low = child.text.lower()
            if child.dep_ == "neg" or (child.dep_ == "det" and low == "no" and n == 0):
                flags.negated = True
            if (
                n > 0
                and toks[n - 1].dep_ == "xcomp"
                and child.dep_ in ("advmod", "dobj")
                and low in neg_pronouns
            ):
                flags.negated = True  # "we have nowhere to flee"
            if child.dep_ in ("aux", "auxpass") and (low in aux or child.lemma_.lower() in aux):
                flags.hypothetical = True
            if child.dep_ == "mark" and low in marks:
                flags.hypothetical = True
            if n == 0 and child.dep_ == "amod" and low in hyp_mods:
                flags.hypothetical = True  # "a possible attack", "the planned offensive"
        if n > 0:
            if lemma in neg_gov:
                flags.negated = True
            if lemma in hyp_gov or (tok.pos_ == "NOUN" and lemma in hyp_nouns):
                flags.hypothetical = True
            if tok.dep_ == "prep" and tok.lower_ == "without" and n == 1:
                flags.negated = True
    # A negating or conditional clause above the chain ("if the rebels take the city").
    top = toks[-1]
    if top.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in top.children):
        flags.hypothetical = True
    if published_year is not None:
        limit = published_year - int(cues.number("historical_years_before", 1))
        scope = top if top.pos_ in ("VERB", "AUX") else head
        # "the militia, which was formed in 2013, shelled X": a clause on another noun dates
        # that noun, not this event.
        other = {
            x.i
            for t in scope.subtree
            if t.dep_ in ("relcl", "acl")
            and t.head.pos_ in ("NOUN", "PROPN")
            and t.head.i != head.i  # "a pact signed in 1987" dates the pact itself
            and head.i not in {y.i for y in t.subtree}
            for x in t.subtree
        }
        for t in scope.subtree:
            if t.i in other:
                continue
            m = _YEAR.match(t.text)
            if m and int(m.group(1)) < limit and t.ent_type_ in ("DATE", ""):
                flags.historical = True
                break
    return flags
