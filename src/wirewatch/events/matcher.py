"""Trigger matching over dependency-parsed sentences.

A :class:`Candidate` is one trigger match with the tokens that anchor it in the tree: the
trigger head and, for a noun trigger, the light verb governing it ("launched an
*offensive*"). Conditions of the pattern (object must be territory, object words, context
words) are checked here; typing and arguments are done by :mod:`wirewatch.events.coder`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wirewatch.events.knowledge import (
    TERRITORIAL,
    Cues,
    TriggerPattern,
    inflections,
    load_irregular,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from wirewatch.document import ParsedSentence

_OBJ_DEPS = ("dobj", "obj", "attr", "nsubjpass", "oprd")
_VERB_POS = ("VERB", "AUX")
_NOUN_POS = ("NOUN", "PROPN", "X")
# Verbs that carry no event meaning of their own when a noun trigger is their object.
_QUANTITY_HEADS = frozenset(
    ("number", "dozen", "dozens", "series", "handful", "couple", "string", "score", "scores")
)
_LIGHT_DEPS = ("dobj", "nsubj", "nsubjpass", "pobj", "attr", "conj")


@dataclass(slots=True)
class Candidate:
    """One trigger match in a parsed sentence."""

    ps: ParsedSentence
    pattern: TriggerPattern
    start: int  # token index of the first trigger token
    end: int  # token index after the last trigger token
    head: int  # token index of the trigger's syntactic head
    anchors: set[int] = field(default_factory=set)  # tokens whose subtree is this event's
    sub_event_type: str | None = None
    plover: str | None = None
    category: str | None = None
    confidence: float = 0.0
    absorbed: bool = False
    # the Attack / Armed clash choice was made from the target's words, not by default
    target_evidence: bool = False
    # anchors taken over from matches folded into this one ("took Hama during an offensive")
    borrowed: set[int] = field(default_factory=set)

    @property
    def sdoc(self) -> Doc:
        """The parsed sentence's spaCy doc."""
        return self.ps.doc

    @property
    def head_token(self) -> Token:
        """The head token of the trigger."""
        return self.ps.doc[self.head]

    def char_span(self) -> tuple[int, int]:
        """Article offsets of the trigger tokens."""
        return self.ps.char_span(self.start, self.end)

    def top(self) -> Token:
        """The highest anchor token (the light verb for a noun trigger)."""
        return min((self.ps.doc[i] for i in self.anchors), key=lambda t: _depth(t))


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 100:
        tok = tok.head
        d += 1
    return d


def _norm(tok: Token) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.text.lower()


class TriggerIndex:
    """Patterns indexed by their first word, for matching over parsed tokens."""

    def __init__(self, patterns: tuple[TriggerPattern, ...], cues: Cues) -> None:
        self.by_first: dict[str, list[tuple[TriggerPattern, tuple[str, ...]]]] = defaultdict(list)
        irregular = load_irregular()
        self.forms: dict[str, frozenset[str]] = {}
        for pat in patterns:
            for phrase in pat.phrases:
                for word in phrase:
                    if word not in self.forms:
                        self.forms[word] = frozenset(inflections(word, irregular, derived=False))
                # Indexed by every inflected form too: the lemmatiser misses some
                # ("raped" → "rap"), the surface form does not.
                for form in self.forms[phrase[0]]:
                    self.by_first[form].append((pat, phrase))
        self.cues = cues
        self.territory = cues.words("territory_nouns")
        self.base_nouns = cues.words("base_nouns")

    def match(self, ps: ParsedSentence, place_tokens: set[int]) -> list[Candidate]:
        """All candidates of one parsed sentence (overlaps resolved to the longest match)."""
        sdoc = ps.doc
        toks = [t for t in sdoc if t.text not in ("-",)]
        norms = [_norm(t) for t in toks]
        lower_text = ps.sentence.text.lower()
        found: list[Candidate] = []
        by_first = self.by_first
        for k in range(len(toks)):
            lemma, low = norms[k]
            # most words start no pattern: skip them before building the key set
            if lemma not in by_first and low not in by_first:
                continue
            keys = {lemma, low}
            seen: set[tuple[str, tuple[str, ...]]] = set()
            for key in keys:
                for pat, phrase in self.by_first.get(key, ()):
                    if (pat.id, phrase) in seen:
                        continue
                    seen.add((pat.id, phrase))
                    span = _span_at(toks, norms, k, phrase)
                    if span is None:
                        continue
                    cand = self._candidate(ps, pat, span, lower_text, place_tokens)
                    if cand is not None:
                        found.append(cand)
        return _longest(found)

    def _candidate(
        self,
        ps: ParsedSentence,
        pat: TriggerPattern,
        span: list[Token],
        lower_text: str,
        place_tokens: set[int],
    ) -> Candidate | None:
        ids = {t.i for t in span}
        head = next((t for t in span if t.head.i not in ids or t.head.i == t.i), span[0])
        if pat.pos == "VERB" and head.pos_ not in _VERB_POS:
            return None
        if pat.pos == "NOUN" and head.pos_ not in _NOUN_POS:
            return None
        if head.pos_ in ("ADP", "DET", "PRON", "CCONJ", "PUNCT"):
            return None
        if pat.sub_event_type == TERRITORIAL and (
            head.dep_ == "amod"
            or (head.dep_ in ("pcomp", "pobj") and head.head.lower_ in ("over", "for", "about"))
        ):
            # "the occupied city", "clashes over controlling the road": a state or a stake,
            # not a capture.
            return None
        if head.dep_ in pat.deps_none:
            return None
        if (
            pat.compound_heads is not None
            and head.dep_ in ("compound", "amod", "nmod")
            and head.head.lower_ not in pat.compound_heads
            and head.head.lemma_.lower() not in pat.compound_heads
        ):
            return None
        if pat.forms_none and any(t.lower_ in pat.forms_none for t in span):
            return None
        if any(_starts_word(lower_text, w) for w in pat.context_none):
            return None
        if pat.context_any and not any(_starts_word(lower_text, w) for w in pat.context_any):
            return None
        if (
            head.dep_ == "pobj"
            and head.head.lower_ == "to"
            and head.head.head.lower_ == "according"
        ):
            return None  # "according to vigilantes": a source, not an act
        objs = _objects(head)
        obj_lemmas = {w for t in objs for w in _subtree_lemmas(t)}
        if not objs and head.pos_ in _VERB_POS:
            # A misparsed object ("discovered a large amount of ammunition believed to..."
            # hung on a clause): the words after the verb stand in for it.
            obj_lemmas = {w for t in head.rights for w in _subtree_lemmas(t)}
        if pat.object_none and {t.lemma_.lower() for t in objs} & pat.object_none:
            return None
        if pat.object_any and not obj_lemmas & pat.object_any:
            return None
        if (
            pat.obj in ("territory", "territory_soft")
            and head.pos_ in _VERB_POS
            and not self._is_territory(objs, place_tokens)
            and not (pat.obj == "territory_soft" and not objs)
        ):
            return None
        if pat.obj == "place" and not any(
            t.i in place_tokens or t.ent_type_ in ("GPE", "LOC") for t in objs
        ):
            return None
        if pat.obj == "territory_of" or (pat.obj == "territory" and head.pos_ in _NOUN_POS):
            of_objs = [
                g for c in head.children if c.lemma_ in ("of", "over") for g in c.children
            ] + [c for c in head.children if c.dep_ in ("poss", "compound")]
            if not self._is_territory(of_objs, place_tokens):
                return None
        if pat.object_base and not (obj_lemmas | {head.lemma_.lower()}) & self.base_nouns:
            return None
        cand = Candidate(
            ps=ps,
            pattern=pat,
            start=min(ids),
            end=max(ids) + 1,
            head=head.i,
            anchors={head.i},
        )
        gov = head.head
        if (
            head.pos_ in _NOUN_POS
            and head.dep_ in _LIGHT_DEPS
            and gov.i != head.i
            and gov.pos_ in _VERB_POS
        ):
            cand.anchors.add(gov.i)
        return cand

    def _is_territory(self, objs: list[Token], place_tokens: set[int]) -> bool:
        # "a number of towns", "dozens of villages": the counted noun is the object.
        counted = [
            g
            for t in objs
            if t.lemma_.lower() in _QUANTITY_HEADS
            for c in t.children
            if c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        for t in [*objs, *counted]:
            if t.i in place_tokens or t.ent_type_ in ("GPE", "LOC", "FAC"):
                return True
            if t.lemma_.lower() in self.territory or t.text.lower() in self.territory:
                return True
            if t.pos_ == "PROPN":
                return True
            sub = {s.i for s in t.subtree}
            if sub & place_tokens:
                return True
        return False


def _span_at(
    toks: list[Token], norms: list[tuple[str, str]], k: int, phrase: tuple[str, ...]
) -> list[Token] | None:
    """The tokens of ``phrase`` starting at ``k``: contiguous, or a verb and its particle
    with the object between them ("drove *the rebels* out")."""
    if k + len(phrase) <= len(toks) and all(
        phrase[j] in norms[k + j] for j in range(1, len(phrase))
    ):
        return toks[k : k + len(phrase)]
    if len(phrase) == 2 and toks[k].pos_ in _VERB_POS:
        for child in toks[k].children:
            if child.i <= toks[k].i or child.lower_ != phrase[1]:
                continue
            # "out" of "drove them out of X" parses as a preposition over "of"; a true
            # preposition with its own object ("carrying migrants off the island") is no
            # particle.
            own_object = any(g.dep_ == "pobj" for g in child.children)
            if child.dep_ in ("prt", "advmod") or (child.dep_ == "prep" and not own_object):
                return [toks[k], child]
    return None


def _objects(head: Token) -> list[Token]:
    out = [c for c in head.children if c.dep_ in _OBJ_DEPS]
    if head.dep_ == "acl" and head.tag_ == "VBN":
        # "a stash of rockets *found* near the road": the noun a passive participle
        # modifies is its object.
        out.append(head.head)
    for c in head.children:
        if c.dep_ == "prt":
            out.extend(g for g in head.children if g.dep_ == "prep" for g in g.children)
        if c.dep_ == "prep" and c.lemma_ in ("of", "over", "into", "from", "out"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
    conj = [g for t in out for g in t.conjuncts]
    return out + conj


def _subtree_lemmas(tok: Token) -> set[str]:
    """Lemmas and forms of a phrase, without its relative clauses ("a commander *who heads
    the explosives unit*" is a person, not explosives)."""
    out = {tok.lemma_.lower(), tok.text.lower()}
    for child in tok.children:
        if child.dep_ in ("relcl", "acl"):
            continue
        out |= _subtree_lemmas(child)
    return out


def _starts_word(text: str, cue: str) -> bool:
    """``cue`` occurs in ``text`` at the start of a word: a cue may be a prefix ("injur")
    but never the tail of another word ("test" is not in "latest" or "protest")."""
    start = text.find(cue)
    while start != -1:
        if start == 0 or not text[start - 1].isalpha():
            return True
        start = text.find(cue, start + 1)
    return False


def _longest(cands: list[Candidate]) -> list[Candidate]:
    """Drop a candidate whose tokens lie inside a strictly longer match.

    Matches of the same tokens by different patterns are all kept: the coder chooses
    among them with the classifier.
    """
    cands.sort(key=lambda c: (-(c.end - c.start), -c.pattern.weight, c.start))
    kept: list[Candidate] = []
    for c in cands:
        if any(
            k.start <= c.start and c.end <= k.end and (k.end - k.start) > (c.end - c.start)
            for k in kept
        ):
            continue
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept
