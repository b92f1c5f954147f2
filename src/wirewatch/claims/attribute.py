"""Claims from quotations and reported speech: content, cue, speaker, channel.

The approach, sentence by sentence (only sentences holding a quotation or a cue word are
parsed):

1. every cue verb (``say``, ``announce``, ``deny``...) or cue phrase (``according to``) that
   stands outside a quotation is a candidate;
2. its speaker is the subject (inherited from the governing verb for ``saying``/``adding``),
   the agent, or the object of ``according to``; pronouns resolve to earlier speakers;
3. its content is, in order: an adjacent quotation (``“...,” he said``; ``said: “...”``), the
   clausal complement (ccomp/xcomp), the object of content-taking verbs (``announced the
   “total liberation”``), the complement after a particle (``called on X to ...``), or — for
   a cue attached after its clause (``..., residents said``) — the governing clause;
4. content lying inside a quotation grows to the whole quotation (quotes across sentences);
5. a quotation that opens a sentence right after another speaker's quotation, with no cue
   of its own, extends that speaker's claim (one statement).

Long sentences that were not parsed fall back on surface patterns around quotations.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wirewatch.claims.channels import find_channel, find_intermediary
from wirewatch.claims.headline import headline_claims
from wirewatch.claims.lexicon import ClaimLexicon
from wirewatch.claims.quotes import Quote, scan_quotes, top_level
from wirewatch.claims.spans import (
    RUN_ON_WORDS,
    colon_run_on,
    signed_paragraph,
    transcript_run_on,
)
from wirewatch.claims.speakers import Speaker, actor_at, resolve, speaker_from_token
from wirewatch.document import Document, ParsedSentence
from wirewatch.model import Claim, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

_QUOTE_CHARS = "“”\"«»‹›‘’'„"
_EDGE_PUNCT = " \t\n,;:.—–-"
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_INHERIT = ("advcl", "xcomp", "conj", "pcomp", "acl")
_NAME_WORDS = r"[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|de|al|bin|van|von)){0,3}"
_COLON_LINE = re.compile(
    rf"(?m)^[ \t]*[\"“]?(?P<spk>{_NAME_WORDS})[ \t]*(?P<colon>:)[ \t]+(?P<content>[^\n]+)$"
)
_SIGNATURE = re.compile(
    rf"[ \t\xa0]*(?P<dash>[―—–]|--)[ \t\xa0]*(?P<spk>{_NAME_WORDS})[ \t\xa0.]*(?:\n|$)"
)
_DATELINE = re.compile(r"[A-Z][A-Z .,'’]{2,40}(?:\([^()\n]{1,20}\))?\s*(?:[―—–-]{1,2}|:)\s+")
_RUNS_ON = re.compile(
    r"[ \t]+(?:and|or|but|to|of|in|on|for|with|is|are|was|were|would|will)\b|[ \t]+[a-z]"
)
_WRITER_CLAUSE = {"although", "though", "while", "whereas", "as"}
_INTRO_MARK = re.compile(r"[ \t]*(?P<mark>:|--|—|―)[ \t]*")
_COLON_BREAK = re.compile(r"[ \t]*:[ \t]*\n\s*")
# Longest gap between the two parts of a split quotation (“A,” he said, “B”).
_SPLIT_GAP = 200
# verbs taking a that-clause that cause or require rather than state it
_NOT_STATING = {"ensure", "insure", "require", "mean", "guarantee", "cause"}
_RELATIVE = {"that", "which", "who", "whom"}
# verbs whose infinitive tells what was done next or with what ("took to Twitter to
# accuse", "went on to say", "used the speech to warn")
_DOING_VERBS = {"go", "take", "use", "turn", "move", "rush", "step"}
_THAT_MARKS = {"that", "whether", "if"}
_FRONTED = {"which", "what", "who", "whom", "whose", "where", "how", "why", "when"}
# Subordinators of a trailing adjunct clause telling when the cue happened.
_ADJUNCT_WORDS = {"after", "before", "while", "when"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Speech verbs that report only a topic ("spoke of", "talked about").
_TOPIC_ONLY = {"speak", "talk"}
# Words that open a writer's gloss after a comma inside a reported clause.
_GLOSS_OPENERS = {"especially", "although", "though"}
# parts of an object that the small model hangs on the verb instead (see _object_tail)
_OBJECT_TAIL_DEPS = {"prep", "relcl", "acl", "advmod"}
_CONTENT_PREPS = {"of", "about", "on", "for", "against", "that", "to"}


@dataclass(slots=True)
class _Draft:
    """A claim before ids are given and pronouns resolved."""

    start: int
    end: int
    cue: tuple[int, int] | None
    speaker: Speaker | None
    direct: bool
    window: str  # text around the cue, outside the content (for channels)
    order: int  # position of the cue (or content) for pronoun resolution
    # start of "and <cue> ..." when the cue verb is coordinated with another verb of the
    # same subject ("accused X of Y and urged Z to ..."): a statement of its own
    coord: int | None = None
    coord_head: int | None = None  # start of the verb it is coordinated with
    # a denial that refers back ("..., a claim the army denied", "..., which Kigali
    # denies"): where the referring words start; the content becomes the claim before
    back: int | None = None


def _skip_dateline(text: str, start: int, end: int) -> int:
    """Start of a content after a dateline opening its sentence ("WASHINGTON ― ...")."""
    m = _DATELINE.match(text, start, end)
    return m.end() if m else start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and edge punctuation, keeping quotation marks."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT and text[end - 1] not in _QUOTE_CHARS:
        end -= 1
    return start, end


def _fit_quotes(text: str, tops: list[Quote], a: int, b: int) -> tuple[int, int]:
    """Grow a content span over quotation marks cut off by the parse; drop stray marks."""
    for q in tops:
        # a content never stops inside a quotation it opens: the parse cuts at a comma
        # or clause inside the quoted words ('called X "a clear violation, and a ...')
        if a <= q.start < b < q.end:
            b = q.end
        if q.start < a < q.end <= b and a - q.start <= 3:
            a = q.start
    starts = {q.start for q in tops}
    ends = {q.end for q in tops}
    changed = True
    while changed and b > a:
        changed = False
        if text[b - 1] in _QUOTE_CHARS and b not in ends:
            b, changed = b - 1, True
        if text[a] in _QUOTE_CHARS and a not in starts:
            a, changed = a + 1, True
        a, b = _trim(text, a, b)
    return a, b


def _quote_around(quotes: list[Quote], start: int, end: int) -> Quote | None:
    for q in quotes:
        if q.start <= start and end <= q.end:
            return q
    return None


class QuoteList(list[Quote]):
    """Top-level quotations (sorted, disjoint) with their start offsets for bisection.

    One document asks thousands of times whether a position is quoted; a scan per token
    made long texts quadratic.
    """

    def __init__(self, quotes: list[Quote]) -> None:
        super().__init__(quotes)
        ordered = all(a.end <= b.start for a, b in itertools.pairwise(quotes))
        self.starts: list[int] | None = [q.start for q in quotes] if ordered else None


def _in_quote(quotes: list[Quote], pos: int) -> bool:
    """True when ``pos`` lies inside one of ``quotes``."""
    starts = quotes.starts if isinstance(quotes, QuoteList) else None
    if starts is None:
        return any(q.start < pos < q.end - 1 for q in quotes)
    i = bisect.bisect_left(starts, pos) - 1
    return i >= 0 and pos < quotes[i].end - 1


class Attributor:
    """Finds claims in a document with one loaded lexicon."""

    def __init__(self, lex: ClaimLexicon, *, max_quote_chars: int = 3000) -> None:
        self.lex = lex
        self.max_quote_chars = max_quote_chars
        # the current document's top-level quotations (set by run)
        self._tops: list[Quote] = []

    # -- entry point -------------------------------------------------------------------
    def run(self, doc: Document) -> list[Claim]:
        """All claims of ``doc``, in text order with ids ``c1``...; warns on runaway quotes."""
        text = doc.text
        quotes, problems = scan_quotes(text, max_chars=self.max_quote_chars)
        for p in problems:
            doc.warn("runaway_quote", p.message)
        tops = QuoteList(top_level(quotes))
        self._tops = tops
        wanted = self.wanted(doc, tops)
        drafts: list[_Draft] = []
        for ps in doc.parse(wanted) if wanted else []:
            if ps.doc.has_annotation("DEP"):
                drafts.extend(self._from_parse(doc, ps, tops))
            else:
                drafts.extend(self._from_surface(doc, ps, tops))
        drafts.extend(self._from_layout(doc, tops, drafts))
        for d in drafts:
            if not d.direct:
                d.start, d.end = self._cut_breaks(doc.text, d, tops)
        for h in headline_claims(doc, self.lex, tops):  # the headline's layout (headline.py)
            drafts = [d for d in drafts if not h.supersedes(d.start, d.end, d.cue)]
            drafts.append(_Draft(h.start, h.end, h.cue, h.speaker, h.direct, "", h.cue[0]))
        drafts = self._dedupe(drafts)
        self._refer_back(doc.text, drafts)
        # a claim with no speaker inside another claim's content adds nothing to it
        drafts = [
            d
            for d in drafts
            if d.speaker is not None
            or not any(
                o is not d
                and o.speaker is not None
                and o.back is None
                and o.start <= d.start
                and d.end <= o.end
                for o in drafts
            )
        ]
        self._split_coordinated(doc.text, drafts)
        drafts = [d for d in drafts if not self._restates(d, drafts)]
        drafts.extend(self._continuations(doc, drafts, tops))
        return self._finish(doc, drafts, tops)

    def wanted(self, doc: Document, tops: list[Quote] | None = None) -> list[int]:
        """Indices of the sentences :meth:`run` parses: those overlapping a top-level
        quotation or holding a cue form (a cheap surface test, no parse).

        The pipeline calls it before :meth:`run` to parse a whole batch's sentences in one
        spaCy stream; ``tops`` saves a second quotation scan when the caller has them.
        """
        if tops is None:
            quotes, _problems = scan_quotes(doc.text, max_chars=self.max_quote_chars)
            tops = top_level(quotes)
        return [
            s.index
            for s in doc.sentences
            if any(q.start < s.end and s.start < q.end for q in tops)
            or self.lex.has_cue_form(s.text)
        ]

    def _split_coordinated(self, text: str, drafts: list[_Draft]) -> None:
        """``X accused A of B and urged C to D``: two statements of one speaker. A claim
        whose content runs over a coordinated cue of the same subject ends before it, so
        the second cue keeps its own claim."""
        for d in drafts:
            if d.coord is None or d.cue is None:
                continue
            for o in drafts:
                if o is d or not (o.start < d.coord < o.end and o.start <= d.cue[0] < o.end):
                    continue
                lent = d.speaker is None or o.start <= d.speaker.start < o.end
                if o.cue is None or (d.coord_head != o.cue[0] and not lent):
                    continue
                if lent and d.speaker is not None and self._person_like(text, d.speaker):
                    # "police say he posed a threat and refused to ...": a person of the
                    # reported clause did the second thing; it stays part of the claim
                    continue
                a, b = _trim(text, o.start, d.coord)
                if b - a < 2:
                    continue
                o.end = b
                if lent:
                    # the parse hung the verb on the reported clause and lent it that
                    # clause's subject ("said the talks had failed and warned ..."):
                    # the speaker is the outer claim's
                    d.speaker = o.speaker

    @staticmethod
    def _refer_back(text: str, drafts: list[_Draft]) -> None:
        """A denial that refers back takes the content of the claim right before its
        referring words ("X said A, a claim Y denied": Y denies A, not "X said A")."""
        for d in drafts:
            if d.back is None:
                continue
            before = [
                o
                for o in drafts
                if o is not d
                and o.back is None
                and o.end <= d.back
                and not text[o.end : d.back].strip(" ,;\"'”’")
            ]
            if before:
                o = max(before, key=lambda o: o.end)
                d.start, d.end, d.direct = o.start, o.end, o.direct

    def _person_like(self, text: str, spk: Speaker) -> bool:
        """True for a speaker who can act: a person, a pronoun or a titled role ("the
        commander"), not a thing ("the levees")."""
        if spk.pronoun or spk.kind == "person" or spk.actor is not None:
            return True
        words = text[spk.start : spk.end].lower().split()
        return bool(words) and words[-1] in self.lex.titles

    @staticmethod
    def _restates(d: _Draft, drafts: list[_Draft]) -> bool:
        """True for a claim whose cue and start lie inside another speaker's claim: in
        ``X said he plans to leave`` the plan is part of X's statement, not a second
        claim. (PolNeAR annotates few of these: on its dev set about one in five.) A
        nested claim may run past the outer content's end, where the parse cut the outer
        claim short. Claims nested in a claim with no speaker are left to
        :meth:`_one_per_content`."""
        if d.cue is None:
            return False
        for o in drafts:
            if o is d or o.speaker is None or o.back is not None:
                continue  # a denial repeats the words it denies and swallows nothing
            if not o.start <= d.start < o.end:
                continue
            if o.start <= d.cue[0] < o.end:
                return True
        return False

    # -- dependency-based ------------------------------------------------------------
    def _from_parse(self, doc: Document, ps: ParsedSentence, tops: list[Quote]) -> list[_Draft]:
        out: list[_Draft] = []
        sdoc = ps.doc
        for tok in sdoc:
            pos = ps.offset + tok.idx
            if _in_quote(tops, pos) or (pos > 0 and doc.text[pos - 1] == "-"):
                continue  # words inside quotes; "so-called"
            low = tok.lower_
            if (
                (low == "according" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "to")
                or (
                    low in ("reported", "quoted", "cited")
                    and tok.i > 0
                    and sdoc[tok.i - 1].lower_ == "as"
                    and any(c.lower_ == "by" for c in tok.children)
                )
                or self._source_in(ps, tok)
            ):
                d = self._according(doc, ps, tok, tops)
            elif self._as_cue_verb(tok):
                d = self._as_clause(doc, ps, tok)
            elif (
                self._verbal(tok)
                and self._lemma(tok) in self.lex.cue_lemmas
                and not self._unrealised(tok)
            ) or self._phrasal(tok):
                d = self._verb(doc, ps, tok, tops)
            elif tok.pos_ in ("VERB", "AUX") and self._lemma(tok) in self.lex.evidential:
                d = self._evidential(doc, ps, tok, tops)
            elif tok.pos_ == "VERB" and self._lemma(tok) in self.lex.figure_verbs:
                d = self._figure(doc, ps, tok, tops)
            elif tok.pos_ == "NOUN" and self._lemma(tok) in self.lex.nouns:
                d = self._noun(doc, ps, tok, tops)
            elif tok.pos_ == "ADJ" and low in self.lex.adjectives:
                d = self._adjective(doc, ps, tok, tops)
            elif self._that_clause_verb(tok):
                d = self._verb(doc, ps, tok, tops)
                if d is not None and d.speaker is None:
                    d = None
            else:
                d = None
            if d is not None:
                out.append(d)
        return out

    @staticmethod
    def _amount(tok: Token) -> bool:
        """True for a number phrase ("55 percent", "$2 billion", "40"); the sentence
        parses carry no entities, so this reads the words."""
        return tok.like_num or any(c.like_num for c in tok.children) or tok.text == "%"

    def _phrasal(self, tok: Token) -> bool:
        """True for a verb that is a cue only with its particle ("railed against")."""
        if tok.pos_ not in ("VERB", "AUX", "NOUN") or tok.i + 1 >= len(tok.doc):
            return False  # cheap tests first: this runs for every token
        if tok.doc[tok.i + 1].lower_ not in self.lex.phrasal_particles:
            return False
        particles = self.lex.phrasal.get(self._lemma(tok))
        if not particles or not self._verbal(tok):
            return False
        return tok.nbor(1).lower_ in particles

    def _as_cue_verb(self, tok: Token) -> bool:
        """True for the verb of ``as X said`` / ``as X put it`` / ``as X noted``: a
        clause with ``as`` and a subject of its own, hung on the clause it reports."""
        if tok.dep_ != "advcl" or tok.pos_ not in ("VERB", "AUX"):
            return False
        lemma = self._lemma(tok)
        kids = list(tok.children)
        if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in kids):
            return False
        if not any(c.dep_ == "nsubj" for c in kids):
            return False
        if lemma == "put":
            return any(c.dep_ == "dobj" and c.lower_ == "it" for c in kids)
        # "as X said" reports the clause; "as X said it would" has its own complement
        return (lemma in self.lex.speech or lemma in self.lex.cognition) and not any(
            c.dep_ in ("ccomp", "xcomp", "dobj") for c in kids
        )

    def _as_clause(self, doc: Document, ps: ParsedSentence, verb: Token) -> _Draft | None:
        """Claim of ``As X put it, A`` / ``A, as X said``: the clause the ``as`` clause
        hangs on, without it, is what X said."""
        head = verb.head
        sdoc = ps.doc
        lo, hi = head.left_edge.i, head.right_edge.i
        vlo, vhi = verb.left_edge.i, verb.right_edge.i
        if vlo <= lo:
            start, end = vhi + 1, hi
        elif vhi >= hi - 1:
            start, end = lo, vlo - 1
        else:
            return None  # an aside in the middle of its clause: left to the parse
        while start < end and sdoc[start].is_punct and sdoc[start].text not in _QUOTE_CHARS:
            start += 1
        while end > start and sdoc[end].is_punct and sdoc[end].text not in _QUOTE_CHARS:
            end -= 1
        if end - start < 2:
            return None
        subj = next(c for c in verb.children if c.dep_ == "nsubj")
        speaker = speaker_from_token(doc, ps, subj, self.lex)
        last = max([verb.i] + [c.i for c in verb.children if c.dep_ == "dobj"])
        cue = ps.char_span(verb.i, last + 1)
        a, b = _trim(doc.text, *ps.char_span(start, end + 1))
        return self._draft(doc.text, ps, a, b, cue, speaker)

    def _that_clause_verb(self, tok: Token) -> bool:
        """True for a verb outside the lexicon that takes a ``that``/``whether`` clause
        ("the filing admits that ...", "she stressed that ..." misspelt): a named holder
        of such a clause states or thinks it. Verbs of causing or requiring (``ensure
        that``) state nothing. The caller keeps the claim only when a speaker is found."""
        if tok.pos_ != "VERB" or self._lemma(tok) in _NOT_STATING:
            return False
        return any(
            c.dep_ == "ccomp"
            and c.i > tok.i
            and any(g.dep_ == "mark" and g.lower_ in _THAT_MARKS for g in c.children)
            for c in tok.children
        )

    def _subject(self, verb: Token, ps: ParsedSentence, tops: list[Quote]) -> Token | None:
        governor = self._governing_report(verb, tops, ps)
        if governor is not None:
            # "..., the UN said, warning that ...": the participle's implicit subject is
            # the subject of the reporting clause it continues
            return self._subject(governor, ps, tops)
        v: Token | None = verb
        for _ in range(4):
            if v is None:
                return None
            # a subject inside a quotation belongs to the quoted words, not the speaker
            subjects = [
                c for c in v.children if c.dep_ in _SUBJ and not _in_quote(tops, ps.offset + c.idx)
            ]
            if subjects:
                return self._inverted_subject(v, subjects, ps) or subjects[0]
            for child in v.children:
                if child.dep_ == "agent":
                    for g in child.children:
                        if g.dep_ == "pobj":
                            return g
            if v.dep_ == "acl" and v.head.i < v.i and v.tag_ in ("VBD", "VBN"):
                # the small model often attaches "X announced ..." as a participle of X
                return v.head
            if v.dep_ in _INHERIT and v.head.i != v.i:
                came = v.dep_
                v = v.head
                if (came == "acl" and v.dep_ == "dobj") or (came == "pcomp" and v.dep_ == "prep"):
                    # "issued a statement calling X ...", "stopped short of calling X
                    # ...": the participle speaks for the subject of the verb above
                    v = v.head
            else:
                return None
        return None

    def _inverted_subject(
        self, verb: Token, subjects: list[Token], ps: ParsedSentence
    ) -> Token | None:
        """In ``A fled ..., the agency said[, warning ...]`` the small model may give
        ``said`` two subjects, A and the agency: the speaker is the one set off by a comma
        or closing quote right before the verb. Only for a verb without a complement to
        its right (its content is the clause before it)."""
        left = [c for c in subjects if c.i < verb.i]
        if len(left) < 2 or any(
            c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children
        ):
            return None
        near = max(left, key=lambda c: c.i)
        far_end = max(c.right_edge.i for c in left if c is not near)
        gap = ps.doc[far_end + 1 : near.left_edge.i]
        if any(t.text in (",", "”", '"', "’", "'") for t in gap):
            return near
        return None

    def _governing_report(self, verb: Token, tops: list[Quote], ps: ParsedSentence) -> Token | None:
        """The reporting verb whose subject a participle cue (``saying``, ``adding``,
        ``warning`` ...) inherits, when the parse hangs the participle elsewhere.

        The participle must have no subject of its own and follow a comma. Two forms:
        an inverted ``A, X said, warning B`` where ``said`` is a sibling between the
        participle's head and the participle (the parse attaches ``warning`` to A's verb),
        and ``X announced ..., saying B`` misparsed with ``announced`` as a modifier of X
        and ``saying`` hanging on X too. Else a reporting verb among the head's ancestors
        (``X said fighting continued, adding ...``). None when the head itself reports
        (the ordinary inheritance already applies) or nothing reports.
        """
        if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl", "xcomp", "conj"):
            return None
        if verb.i == 0 or verb.nbor(-1).text != ",":
            return None
        if any(c.dep_ in _SUBJ for c in verb.children):
            return None
        head = verb.head
        speech = self.lex.speech

        def reports(t: Token) -> bool:
            return (
                t.pos_ in ("VERB", "AUX")
                and t.tag_ != "VBG"
                and self._lemma(t) in speech
                and self._lemma(t) not in self.lex.aspectual  # "continue", "keep"
                and not _in_quote(tops, ps.offset + t.idx)
            )

        if head.i == verb.i or reports(head):
            return None
        siblings = [
            c
            for c in head.children
            if head.i < c.i < verb.i
            and c.dep_ in ("parataxis", "ccomp", "conj", "acl", "advcl", "relcl")
            and reports(c)
        ]
        if siblings:
            return max(siblings, key=lambda t: t.i)
        # the main reporting clause: the outermost reporting ancestor ("Y told the
        # audience that we must continue ..., saying" is Y's, not the nested verb's)
        outer = [a for a in head.ancestors if reports(a) and a.i < verb.i]
        return outer[-1] if outer else None

    def _verb(
        self, doc: Document, ps: ParsedSentence, verb: Token, tops: list[Quote]
    ) -> _Draft | None:
        lex = self.lex
        lemma = self._lemma(verb)
        if lemma == "prove" and any(
            c.dep_ == "xcomp" and c.lemma_ == "be" and c.i > verb.i for c in verb.children
        ):
            return None  # "proved to be ineffective" links a subject to a state
        text = doc.text
        off = ps.offset
        subj = self._subject(verb, ps, tops)
        # the cue: the verb with its auxiliaries/negation/particle ("has warned", "called on")
        cue_toks = [verb]
        particle: Token | None = None
        nxt = ps.doc[verb.i + 1] if verb.i + 1 < len(ps.doc) else None
        if nxt is not None and nxt.lower_ in lex.particles.get(lemma, ()):
            particle = nxt
            cue_toks.append(nxt)
        cue = ps.char_span(min(t.i for t in cue_toks), max(t.i for t in cue_toks) + 1)
        speaker = speaker_from_token(doc, ps, subj, lex) if subj is not None else None
        if speaker is not None and speaker.start <= cue[0] < speaker.end:
            speaker = None
        # a subject inherited from another verb ("he said, adding that ...") stands
        # elsewhere: only the cue's own position decides which quotation is adjacent
        own = not (verb.tag_ == "VBG" and subj is not None and subj.head.i != verb.i)
        spk_lo = min(cue[0], speaker.start if speaker and own else cue[0])
        spk_hi = max(cue[1], self._appos_end(ps, subj) if subj is not None and own else cue[1])
        content: tuple[int, int] | None = None
        direct = False
        if lemma in _TOPIC_ONLY:
            # "spoke of the war", "talked about taxes": only the topic is reported
            topic = next(
                (c for c in verb.rights if c.dep_ == "prep" and c.lower_ in ("of", "about")),
                None,
            )
            if topic is None or speaker is None:
                return None
            a, b = _trim(text, *ps.char_span(topic.i, topic.right_edge.i + 1))
            return self._draft(text, ps, a, b, cue, speaker)
        # 1. an adjacent quotation
        q = self._adjacent_quote(text, tops, spk_lo, spk_hi)
        if (
            q is not None
            and q.end <= spk_lo
            and self._has_right_complement(ps, verb, tops, loose=q.end <= ps.sentence.start)
        ):
            # '... "Face the Nation," Ryan said the spate ...': the verb's own complement
            # is the content, the quotation before it is a title or another statement
            q = None
        if q is not None and q.start >= spk_hi and _RUNS_ON.match(text, q.closed_end):
            # 'said "budget reforms" and the collection of taxes would ...': a quoted
            # phrase that the sentence runs on after is part of reported speech
            q = None
        split = False
        if q is not None and lemma in lex.speech:
            content, direct = (q.start, q.end), True
            lead = text[ps.sentence.start : q.start]
            if q.end <= spk_lo and lead.strip() and self._is_lead_in(lead):
                # 'So when the deal came, "we were floored," he said': the lead-in is said too
                content, direct = (ps.sentence.start, q.end), False
            if q.end <= spk_lo:
                # a split quotation: “A,” he said, “B.” — one content over both parts
                # (the cue may carry its own words: “A,” he told CNN on Sunday, “B.”)
                last = self._cue_clause_end(ps, verb)
                hi = max(spk_hi, ps.char_span(last, last + 1)[1]) if last > verb.i else spk_hi
                for q2 in tops:
                    # only a quotation that follows closely can continue this one (and
                    # slicing the text to every later quotation would be quadratic)
                    if not hi <= q2.start <= hi + _SPLIT_GAP:
                        continue
                    gap = text[hi : q2.start]
                    if ("," in gap and gap.strip(" ,;:—–-").lower() in ("", "but", "and")) or (
                        self._aside_gap(gap, text[q2.start : q2.start + 2])
                    ):
                        content, split = (q.start, q2.end), True
                        break
        # a cue closing its paragraph with a colon ("The governor added:") introduces
        # the next paragraph
        if content is None:
            last_tok = ps.doc[self._cue_clause_end(ps, verb)]
            m = _COLON_BREAK.match(text, off + last_tok.idx + len(last_tok.text))
            if m is not None:
                nl = text.find("\n", m.end())
                content = (m.end(), nl if nl > 0 else len(text))
        # 2. a parenthetical cue ("Too often, Mr. Clarke said, the debate ..."): the
        # whole sentence around it is the reported content
        if content is None and subj is not None:
            content = self._parenthetical(ps, verb, subj, tops)
            split = content is not None
        raised = False
        if content is None and subj is not None and subj.dep_ == "nsubjpass":
            # "Turnout is expected to rise": the subject and the infinitive are the
            # content, and nobody is named as holding the expectation
            xcomp = next((c for c in verb.rights if c.dep_ == "xcomp"), None)
            agent = any(c.dep_ == "agent" for c in verb.children)
            if xcomp is not None and not agent and subj.i < verb.i:
                end = self._clause_end(ps, verb, xcomp)
                content = ps.char_span(subj.left_edge.i, end + 1)
                speaker, split, raised = None, True, True
            elif subj.head.i == verb.i and subj.i < verb.i:
                passive = self._passive(ps, verb, subj)
                if passive is not None:
                    # "X was endorsed by the union", "X has been accused of fraud": what
                    # is judged is the subject; the agent, if any, speaks
                    content, agent_tok = passive
                    speaker = (
                        speaker_from_token(doc, ps, agent_tok, lex)
                        if agent_tok is not None
                        else None
                    )
                    split, raised = True, True
        back: int | None = None
        if content is None and lemma in lex.refuting and speaker is not None:
            referred = self._refers_back(ps, verb)
            if referred is not None:
                # "..., a claim the US military denied": what is denied is the clause before
                back = referred
                content, split = (ps.sentence.start, referred), True
        # 3. complements from the parse
        if content is None:
            content = self._complement(ps, verb, particle, lemma)
        if content is None and lemma in lex.cognition:
            return None
        if (
            content is None
            and verb.dep_ in ("ccomp", "parataxis", "conj")
            and verb.i > verb.head.i
            and lemma not in lex.aspectual  # "..., he continued" only after a quotation
        ):
            # "..., residents said": the governing clause is the content
            head = verb.head
            a, _ = ps.char_span(head.left_edge.i, head.left_edge.i + 1)
            b = off + verb.left_edge.idx
            if subj is not None and subj.i < verb.i:
                b = min(b, off + subj.left_edge.idx)
            content = (a, b) if b > a else None
        if content is not None:
            content = (_skip_dateline(text, *content), content[1])
        if content is None or (lemma in lex.naming and speaker is None and not raised):
            return None
        a, b = _trim(text, *content)
        if b - a < 2:
            return None
        # a judged object may be a bare name ("backed Clinton"); other cognition and
        # stance contents are clauses or longer phrases
        shortest = 4 if lemma in lex.evaluative else 10
        if lemma in lex.cognition and not raised and (speaker is None or b - a < shortest):
            return None
        a, b = _fit_quotes(text, tops, a, b)
        around = _quote_around(tops, a, b)
        if around is not None:
            a, b, direct = around.start, around.end, True
        elif not split:
            a, b, direct = self._exact_quote(text, tops, a, b, direct)
        rel = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _RELATIVE), None)
        if verb.dep_ == "relcl" and rel is not None and a == off + rel.idx and not split:
            # "an explosion that the mayor described as an attack": what is described is
            # the noun the relative clause hangs on
            a, split = off + verb.head.left_edge.idx, True
        if a <= cue[0] < b and not split:
            # "which Mr. Clarke says he is doing ...": a relative word fronted out of the
            # reported clause belongs to it; anything else around the cue is a misparse
            lead = text[a : speaker.start if speaker is not None else cue[0]].strip().lower()
            if lead not in _FRONTED:
                return None
        draft = self._draft(text, ps, a, b, cue, speaker, direct)
        draft.back = back
        if (
            verb.dep_ == "conj"
            and verb.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in _SUBJ for c in verb.children)
        ):
            ccs = [c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
            first = ccs[-1].i if ccs and ccs[-1].i > verb.head.i else verb.i
            draft.coord = off + ps.doc[first].idx
            draft.coord_head = off + verb.head.idx
        return draft

    def _passive(
        self, ps: ParsedSentence, verb: Token, subj: Token
    ) -> tuple[tuple[int, int], Token | None] | None:
        """Content and agent of a passive cue whose subject is what is judged, named or
        reported ("Clinton has been endorsed by the union", "the test was condemned as
        reckless", "peacekeepers were accused of abuse"), or None.

        The content runs from the subject over the judgement after the verb (an ``as``,
        ``for``, ``of`` or ``over`` phrase, or a predicate: "was called a fraud"); the
        passive subject is never the speaker. A verb with a clause of its own ("was told
        that ...") reports that clause instead.
        """
        lex = self.lex
        lemma = self._lemma(verb)
        judging = lemma in lex.evaluative or lemma in lex.naming or lemma in lex.object_content
        if not judging and lemma not in lex.cognition:
            return None
        if any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
            return None
        agent_tok: Token | None = None
        end = subj.right_edge.i
        judged = False
        for child in verb.rights:
            if child.dep_ == "agent":
                agent_tok = next((g for g in child.children if g.dep_ == "pobj"), None)
                continue
            if child.dep_ in ("oprd", "attr") or (
                child.dep_ == "prep" and child.lower_ in ("as", "for", "of", "over")
            ):
                end, judged = child.right_edge.i, True
                break
        if not judging and not judged:
            return None  # "X is considered": a thought needs its judgement ("a threat")
        end = self._gloss_cut(ps, subj.i, end)  # "..., which Kigali denies"
        while end > subj.i and ps.doc[end].is_punct and ps.doc[end].text not in _QUOTE_CHARS:
            end -= 1
        if subj.pos_ == "PRON" and end == subj.i:
            return None  # "it was rejected": nothing to report
        return ps.char_span(subj.left_edge.i, end + 1), agent_tok

    def _source_in(self, ps: ParsedSentence, tok: Token) -> bool:
        """True for "In the latest poll, ..." / "..., in a new survey": a source document
        set off at the start of the clause or by a comma, on a verb that is no cue of its
        own ("said in a report" is the verb's claim)."""
        if tok.lower_ != "in" or tok.dep_ != "prep":
            return False
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in self.lex.source_nouns:
            return False
        if self._lemma(tok.head) in self.lex.cue_lemmas or tok.head.pos_ == "NOUN":
            return False
        return tok.i == 0 or ps.doc[tok.i - 1].text == ","

    def _adjective(
        self, doc: Document, ps: ParsedSentence, adj: Token, tops: list[Quote]
    ) -> _Draft | None:
        """'X is confident that Y', 'X was aware that Y': a state of mind with a clausal
        complement reports Y as held by the subject; with an expletive subject ('it is
        clear that Y') nobody is named as holding it."""
        if adj.dep_ != "acomp" or adj.head.pos_ not in ("AUX", "VERB"):
            return None
        head = adj.head
        # the small model hangs the clause on the copula as often as on the adjective
        comp = next((c for c in adj.rights if c.dep_ == "ccomp"), None) or next(
            (c for c in head.rights if c.dep_ == "ccomp" and c.i > adj.i), None
        )
        if comp is None or _in_quote(tops, ps.offset + comp.idx):
            return None
        # before the adjective, also after an inverted copula ("Nor is it clear that")
        subj = next((c for c in head.children if c.dep_ in ("nsubj", "expl") and c.i < adj.i), None)
        if subj is None:
            return None
        speaker = None
        if subj.lower_ not in ("it", "this", "that", "there"):
            speaker = speaker_from_token(doc, ps, subj, self.lex)
        end = self._clause_end(ps, adj, comp)
        a, b = _trim(doc.text, *ps.char_span(comp.left_edge.i, end + 1))
        if b - a < 10:
            return None
        a, b = _fit_quotes(doc.text, tops, a, b)
        return self._draft(doc.text, ps, a, b, ps.char_span(adj.i, adj.i + 1), speaker)

    def _evidential(
        self, doc: Document, ps: ParsedSentence, verb: Token, tops: list[Quote]
    ) -> _Draft | None:
        """'X seems to be Y', 'it appears that Y': an appearance with nobody named as its
        source; the content covers the subject and the complement (the cue inside)."""
        comp = next(
            (c for c in verb.rights if c.dep_ in ("xcomp", "acomp", "ccomp", "attr", "oprd")),
            None,
        )
        if comp is None or _in_quote(tops, ps.offset + comp.idx):
            return None
        subj = next((c for c in verb.lefts if c.dep_ in ("nsubj", "expl")), None)
        start = comp.left_edge.i
        if subj is not None and subj.lower_ not in ("it", "there"):
            start = subj.left_edge.i
        end = self._clause_end(ps, verb, comp)
        a, b = _trim(doc.text, *ps.char_span(start, end + 1))
        if b - a < 10:
            return None
        return self._draft(doc.text, ps, a, b, ps.char_span(verb.i, verb.i + 1), None)

    def _figure(
        self, doc: Document, ps: ParsedSentence, verb: Token, tops: list[Quote]
    ) -> _Draft | None:
        """'The ministry put the death toll at 18': a source giving a figure. The tally
        noun and its 'at' phrase are the content; only with a named (or pronoun) subject."""
        obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if obj is None or self._lemma(obj) not in self.lex.figure_nouns:
            return None
        at = next(
            (c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "at" and c.i > obj.i),
            None,
        )
        subj = self._subject(verb, ps, tops)
        if at is None or subj is None or _in_quote(tops, ps.offset + obj.idx):
            return None
        speaker = speaker_from_token(doc, ps, subj, self.lex)
        a, b = _trim(doc.text, *ps.char_span(obj.left_edge.i, at.right_edge.i + 1))
        return self._draft(doc.text, ps, a, b, ps.char_span(verb.i, verb.i + 1), speaker)

    def _noun(
        self, doc: Document, ps: ParsedSentence, noun: Token, tops: list[Quote]
    ) -> _Draft | None:
        """An attribution noun with a clausal complement: "Trump's claim that ...",
        "a promise by the mayor to ...", "X issued a statement that ..."."""
        comp: Token | None = None
        for child in noun.rights:
            if child.dep_ not in ("acl", "ccomp", "relcl", "appos"):
                continue
            marks = {g.lower_ for g in child.children if g.dep_ in ("mark", "aux")}
            if child.dep_ == "relcl" and "that" in marks:
                # "the claim that he made" is a relative clause: it needs its own subject
                # and an object slot filled, which a complement clause has
                if not any(g.dep_ in _SUBJ for g in child.children) or any(
                    g.dep_ == "dobj" for g in child.children
                ):
                    comp = child
                    break
                continue
            if marks & {"that", "whether", "if", "to"}:
                comp = child
                break
        if comp is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
            # "the minister's claim is that the border is secure"
            comp = next(
                (
                    c
                    for c in noun.head.rights
                    if c.dep_ == "ccomp" and any(g.lower_ == "that" for g in c.children)
                ),
                None,
            )
        topic: Token | None = None
        if comp is None:
            # "allegations of fraud", "questions about the deal": the object of the
            # preposition is what is alleged or asked (an "of" name is the source instead)
            for child in noun.rights:
                objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if child.dep_ == "prep" and child.lower_ in ("of", "about") and objs:
                    if child.lower_ == "of" and objs[0].pos_ == "PROPN":
                        break
                    comp, topic = objs[0], objs[0]
                    break
        if comp is None or _in_quote(tops, ps.offset + comp.idx):
            return None
        src: Token | None = None
        for child in noun.children:
            if child.dep_ == "poss":
                src = child
                break
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs and (child.lower_ != "of" or objs[0].pos_ == "PROPN"):
                    src = objs[0]
                    break
        if src is None and noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
            src = self._subject(noun.head, ps, tops)
        # without a source ("the hope that ...") the claim is kept with no speaker
        speaker = speaker_from_token(doc, ps, src, self.lex) if src is not None else None
        if speaker is None and any(g.lower_ == "to" for g in comp.children if g.dep_ == "aux"):
            # "the decision to redeploy forces", "a plan to build": with nobody named, an
            # infinitive names an action, not something anyone said
            return None
        if topic is not None:
            end = self._adjunct_cut(ps, topic.i, self._object_end(ps, topic))
            a, b = _trim(doc.text, *ps.char_span(topic.left_edge.i, end + 1))
        else:
            a, b = ps.char_span(comp.left_edge.i, self._clause_end(ps, noun, comp) + 1)
            a, b = _trim(doc.text, a, b)
        if b - a < (3 if topic is not None else 10):
            return None
        a, b = _fit_quotes(doc.text, tops, a, b)
        around = _quote_around(tops, a, b)
        direct = False
        if around is not None:
            a, b, direct = around.start, around.end, True
        else:
            a, b, direct = self._exact_quote(doc.text, tops, a, b, direct)
        return self._draft(doc.text, ps, a, b, ps.char_span(noun.i, noun.i + 1), speaker, direct)

    def _lemma(self, tok: Token) -> str:
        """The token's lemma, mended for cue verbs the small model lemmatises wrongly
        ("hopes" -> "hop")."""
        lemma: str = tok.lemma_.lower()
        if lemma in self.lex.cue_lemmas or tok.pos_ not in ("VERB", "AUX", "NOUN"):
            return lemma
        return self.lex.lemma_of.get(tok.lower_, lemma)

    @staticmethod
    def _verbal(tok: Token) -> bool:
        """A verb, or a plural noun the small model tagged in a verb's place ("The
        campaign plans to ...": a noun with a subject and a clausal complement)."""
        if tok.pos_ in ("VERB", "AUX"):
            return True
        kids = [c.dep_ for c in tok.children]
        return (
            tok.pos_ == "NOUN"
            and tok.tag_ == "NNS"
            and "nsubj" in kids
            and ("xcomp" in kids or "ccomp" in kids)
        )

    def _unrealised(self, verb: Token) -> bool:
        """True for an infinitive that reports no statement ("refused to disclose ...",
        "plans to tell ..."): nothing has been said yet."""
        if verb.tag_ != "VB" or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
        ):
            return False
        # "took to Twitter to accuse ...", "went on to say ...": an infinitive of purpose
        # or sequence on a verb that is no cue reports what was done
        head = verb.head
        return not (head.i != verb.i and head.pos_ == "VERB" and self._lemma(head) in _DOING_VERBS)

    def _has_right_complement(
        self, ps: ParsedSentence, verb: Token, tops: list[Quote], *, loose: bool = False
    ) -> bool:
        """True when the verb has a clausal complement or a content object after it
        (``loose``: any object or predicate, for a quotation in an earlier sentence)."""
        for child in verb.rights:
            if loose and child.dep_ in ("ccomp", "xcomp", "dobj", "oprd", "dative"):
                return True
            if _in_quote(tops, ps.offset + child.idx):
                continue
            if child.dep_ in ("ccomp", "xcomp"):
                return True
            if (
                child.dep_ == "dobj"
                and child.pos_ != "PRON"
                and self._lemma(verb) not in self.lex.listener
            ):
                return True
        return False

    def _cue_clause_end(self, ps: ParsedSentence, verb: Token) -> int:
        """Last token of the cue's own clause: the verb with its adverbials, not its
        complements ("Mr. Clarke said on Tuesday" in "A, Mr. Clarke said on Tuesday, B")."""
        end = verb.i
        for child in verb.rights:
            if child.dep_ in ("punct", "cc", "conj", "parataxis", "ccomp", "xcomp", "advcl"):
                break
            end = max(end, child.right_edge.i)
        return end

    def _parenthetical(
        self, ps: ParsedSentence, verb: Token, subj: Token, tops: list[Quote]
    ) -> tuple[int, int] | None:
        """Content around a cue set off by commas inside its sentence, or None.

        "A, X said, B." and "A, X said." report the whole of "A ... B"; a cue is
        parenthetical when a comma (or the sentence start) comes right before its speaker
        and a comma comes right after its clause, with reported words on either side.
        """
        sdoc = ps.doc
        first = min(subj.left_edge.i, verb.i)
        if verb.i - first > 12 or any(t.is_punct for t in sdoc[first : verb.i]):
            return None  # a long subject with its own clauses is no parenthesis
        last = self._cue_clause_end(ps, verb)
        before = first - 1
        after = last + 1
        if before < 1 or sdoc[before].text != ",":
            return None
        if after >= len(sdoc) or sdoc[after].text != ",":
            return None
        # the words after the comma must not start another attribution ("adding ...")
        # nor hang on the cue verb ("..., X said Friday, as they bristled at ...")
        nxt = sdoc[after + 1] if after + 1 < len(sdoc) else None
        if nxt is None or self._lemma(nxt) in self.lex.cue_lemmas:
            return None
        if any(t.i == verb.i for t in nxt.ancestors) and not self._reported_conjunct(nxt, verb):
            return None
        lo = 0
        if nxt.lower_ in _WRITER_CLAUSE:
            # "A, X said Friday, as they bristled ...": only the words before are reported
            return ps.char_span(lo, before) if before > lo else None
        hi = len(sdoc) - 1
        while hi > after and sdoc[hi].is_punct and sdoc[hi].text not in _QUOTE_CHARS:
            hi -= 1
        if hi <= after:
            return None
        # stop before a trailing attribution of the same cue ("..., B, adding C") and
        # before a concessive or circumstantial clause of the writer's (", although ...")
        for t in sdoc[after + 2 : hi + 1]:
            if t.lower_ in _WRITER_CLAUSE and sdoc[t.i - 1].text == ",":
                if t.lower_ == "as" and t.i + 1 < len(sdoc) and sdoc[t.i + 1].lower_ == "well":
                    continue  # ", as well as a danger ...": the list goes on
                hi = t.i - 2
                break
        for t in sdoc[after + 1 : hi + 1]:
            if self._lemma(t) in self.lex.speech and t.tag_ == "VBG" and sdoc[t.i - 1].text == ",":
                hi = t.i - 2
                break
        if hi <= after:
            return None
        return ps.char_span(lo, hi + 1)

    def _reported_conjunct(self, cc: Token, verb: Token) -> bool:
        """True for ``A, X said, and B`` where the parse hangs ``and B`` on the cue:
        ``B`` is a clause with its own subject and no cue verb, the second half of
        what was said (as in "the middle fifth paid 8.9 percent, the agency said, and
        the bottom fifth paid 0.8 percent")."""
        if cc.dep_ != "cc" or cc.head.i != verb.i or cc.lower_ not in ("and", "but"):
            return False
        conj = next((c for c in verb.rights if c.dep_ == "conj" and c.i > cc.i), None)
        return (
            conj is not None
            and self._lemma(conj) not in self.lex.cue_lemmas
            and any(g.dep_ in _SUBJ for g in conj.children)
        )

    @staticmethod
    def _aside_gap(gap: str, opening: str) -> bool:
        """True for ``, pointing at the chart, `` between the two parts of a split
        quotation whose second part carries on the sentence in lower case
        (“A,” X said, pointing at the chart, “b ...”)."""
        inner = gap.strip(" ")
        return (
            len(opening) == 2
            and opening[1].islower()
            and inner.startswith(",")
            and inner.endswith(",")
            and len(inner) < 150
            and not any(ch in inner for ch in ".!?\n" + _QUOTE_CHARS)
        )

    def _is_lead_in(self, lead: str) -> bool:
        """True for a short clause opening the sentence before a quotation (no cue verb,
        no quote)."""
        if len(lead) > 200 or any(ch in lead for ch in _QUOTE_CHARS) or ". " in lead:
            return False
        words = set(re.findall(r"[a-z]+", lead.lower()))
        return not (words & self.lex.lemma_of.keys()) and len(words) >= 2

    def _appos_end(self, ps: ParsedSentence, subj: Token) -> int:
        end = ps.offset + subj.idx + len(subj.text)
        for child in subj.rights:
            if child.dep_ == "appos":
                last = child.right_edge
                end = ps.offset + last.idx + len(last.text)
        return end

    def _complement(
        self, ps: ParsedSentence, verb: Token, particle: Token | None, lemma: str
    ) -> tuple[int, int] | None:
        lex = self.lex
        by_dep: dict[str, Token] = {}
        for child in verb.children:
            by_dep.setdefault(child.dep_, child)
        if particle is not None:
            # "called on Assad to find a solution": everything after the particle, to the
            # end of the sentence (the small model often hangs "to find" elsewhere)
            last = len(ps.doc) - 1
            while (
                last > particle.i
                and ps.doc[last].is_punct
                and ps.doc[last].text not in _QUOTE_CHARS
            ):
                last -= 1
            for t in ps.doc[particle.i + 1 : last + 1]:
                if (
                    t.dep_ == "conj"
                    and t.head.i == verb.i
                    and any(g.dep_ in _SUBJ for g in t.children)
                ):
                    # "called for X, but the governor would ...": a coordinated clause with
                    # its own subject is the writer's, not part of the call
                    cut = t.left_edge.i - 1
                    while cut > particle.i and (ps.doc[cut].dep_ == "cc" or ps.doc[cut].is_punct):
                        cut -= 1
                    last = min(last, cut)
                    break
            if last > particle.i:
                first = particle.i + 1
                # "weighed in Friday about whether ...": the day and a topic
                # preposition belong to the cue
                if first < last and ps.doc[first].lower_ in _WEEKDAYS:
                    first += 1
                elif (
                    first + 1 < last
                    and ps.doc[first].lower_ == "on"
                    and ps.doc[first + 1].lower_ in _WEEKDAYS
                ):
                    first += 2
                if first < last and ps.doc[first].lower_ in ("about", "on", "over", "of"):
                    first += 1
                last = self._adjunct_cut(ps, first, last)
                last = self._gloss_cut(ps, first, last)  # ", calling them propaganda"
                return ps.char_span(first, last + 1)
        for dep in ("ccomp", "xcomp"):
            if dep in by_dep:
                c = by_dep[dep]
                if dep == "xcomp" and particle is None and lemma in lex.aspectual:
                    continue
                end = self._clause_end(ps, verb, c)
                start = c.left_edge.i
                obj = by_dep.get("dobj")
                if dep == "xcomp":
                    end = self._adjunct_cut(ps, c.i, end)
                    # "urged voters to stay home": the object is the infinitive's subject
                    # and belongs to what is urged
                    if obj is not None and obj.i < c.i:
                        start = min(start, obj.left_edge.i)
                elif obj is not None and obj.right_edge.i + 1 == c.left_edge.i:
                    kids = list(c.children)
                    if not any(g.dep_ in _SUBJ for g in kids):
                        # "demanding Obama make a pledge": the subject of a bare clause,
                        # parsed as the verb's object
                        start = obj.left_edge.i
                    elif (
                        lemma not in lex.listener
                        and not any(g.dep_ in ("mark", "dobj") for g in kids)
                        and c.pos_ == "VERB"
                    ):
                        # "mentioned remarks Trump had made about X": a relative clause
                        # without "that" (its object is the gap) parsed as a complement
                        start = obj.left_edge.i
                return ps.char_span(start, end + 1)
        misparsed = self._misparsed_complement(verb, lemma)
        if misparsed is not None:
            a, _ = ps.char_span(misparsed[0], misparsed[0] + 1)
            return a, ps.char_span(misparsed[1], misparsed[1] + 1)[1]
        if lemma in lex.naming and "dobj" in by_dep:
            # "called the charges fabricated": the object and its predicate, not what
            # follows them ("..., citing her work", "and called for ...")
            preds = [
                c
                for c in verb.rights
                if c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as")
            ]
            if preds:
                last = max(c.right_edge.i for c in preds)
                while ps.doc[last].is_punct and ps.doc[last].text not in _QUOTE_CHARS:
                    last -= 1
                if last > verb.i:
                    last = self._coordinated_tail(ps, verb, last)
                    obj = by_dep["dobj"]
                    first = obj.left_edge.i
                    if obj.lower_ == "what" and obj.i < verb.i:
                        # "what analysts described as a tactic": the naming is the claim
                        pred = min(preds, key=lambda c: c.i)
                        first = pred.i + 1 if pred.lower_ == "as" else pred.left_edge.i
                        return ps.char_span(first, last + 1)
                    last = self._adjunct_cut(ps, obj.i, last)
                    return ps.char_span(first, last + 1)
        if "dobj" in by_dep and lemma in lex.evaluative:
            # "praised the protests for being peaceful": the judged object and the rest
            c = by_dep["dobj"]
            end = self._object_end(ps, c)
            for child in verb.rights:
                # "... as a crazy system", "... for keeping the shelter open": the judgement
                if child.i > end and (
                    child.dep_ in ("oprd", "xcomp")
                    or (child.dep_ == "prep" and child.lower_ in ("as", "for", "over", "of"))
                ):
                    end = child.right_edge.i
                    break
            end = self._coordinated_tail(ps, verb, end)
            if c.pos_ != "PRON" or end > c.i:
                end = self._adjunct_cut(ps, c.i, end)
                return ps.char_span(c.left_edge.i, end + 1)
        if (
            "dobj" in by_dep
            and (lemma in lex.object_content or lemma in lex.speech)
            and lemma not in lex.listener
            and lemma not in lex.aspectual  # "continued her march": no statement
        ):
            c = by_dep["dobj"]
            if c.pos_ != "PRON":  # "said it", "supports them": nothing reported
                end = self._object_end(ps, c)
                for child in verb.rights:
                    if child.i > end and child.dep_ == "prep" and child.lower_ == "as":
                        end = child.right_edge.i  # "cited her record as proof"
                        break
                end = self._object_tail(ps, verb, c, end)
                end = self._coordinated_tail(ps, verb, end)
                end = self._adjunct_cut(ps, c.i, end)
                return ps.char_span(c.left_edge.i, end + 1)
        if lemma in lex.aspectual:
            return None  # "continued on Friday": no topic either
        for child in verb.rights:
            if child.dep_ == "prep" and child.lower_ in _CONTENT_PREPS:
                pobj = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if not pobj or (child.lower_ == "to" and self._amount(pobj[0])):
                    continue  # "support declined to 55 percent" is a change, no statement
                a, b = ps.char_span(child.i, child.right_edge.i + 1)
                if find_channel(lex, ps.doc.text[a - ps.offset : b - ps.offset]):
                    continue
                if lemma in ("say", "tell", "add", "announce", "state", "write"):
                    continue  # "said on Thursday", "told on the phone": not content
                if child.lower_ in ("of", "about", "on", "against"):
                    # "warned of a famine": a topic preposition belongs to the cue
                    a = ps.char_span(child.i + 1, child.right_edge.i + 1)[0]
                return a, b
        return None

    def _misparsed_complement(self, verb: Token, lemma: str) -> tuple[int, int] | None:
        """Token range of a reported clause the small model attached elsewhere, or None.

        ``told a meeting that few people understood ...``: a "that" clause hung on the
        listener as a relative clause, though "that" is its complementizer (tagged
        ``mark``) and the clause has its own subject. ``said after the vote he would
        resign``: a finite clause with its own subject and no subordinator, hung on the
        verb as an adverbial clause. ``told X at a rally to vote``: a listener verb's
        infinitive hung on it as a purpose clause.
        """
        if lemma not in self.lex.speech:
            return None
        for child in verb.rights:
            if child.dep_ == "dobj" and lemma in self.lex.listener:
                for rel in child.rights:
                    kids = list(rel.children)
                    if (
                        rel.dep_ == "relcl"
                        and any(g.dep_ == "mark" and g.lower_ == "that" for g in kids)
                        and any(g.dep_ in _SUBJ for g in kids)
                    ):
                        return rel.left_edge.i, rel.right_edge.i
            if (
                child.dep_ == "advcl"
                and lemma in self.lex.listener
                and child.tag_ == "VB"
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
                and any(g.dep_ == "dobj" and g.i < child.i for g in verb.children)
            ):
                # "told his supporters at a rally to go and vote": the instruction,
                # hung on the verb as a purpose clause
                return child.left_edge.i, child.right_edge.i
            if child.dep_ == "advcl" and child.pos_ in ("VERB", "AUX"):
                kids = list(child.children)
                subj = [g for g in kids if g.dep_ in _SUBJ and g.i < child.i]
                # "described X as Y when he took office" is an adverbial clause all the
                # same; right after the verb it is the question reported ("have not said
                # when the road will reopen")
                wh = any(g.tag_ in ("WRB", "IN") and g.i < child.i for g in kids)
                if (
                    wh
                    and child.left_edge.i == verb.i + 1
                    and not any(c.dep_ == "dobj" for c in verb.children)
                ):
                    wh = False
                if subj and not wh and not any(g.dep_ == "mark" for g in kids):
                    last = child.right_edge.i
                    while last > child.i and verb.doc[last].is_punct:
                        last -= 1
                    first = min(g.left_edge.i for g in subj)
                    if child.left_edge.tag_ == "WRB":
                        first = child.left_edge.i  # "when the road will reopen"
                    return first, last
        return None

    def _adjunct_cut(self, ps: ParsedSentence, first: int, end: int) -> int:
        """Last token of an object or infinitive content before a trailing adjunct that
        the small model hangs inside it but that tells when or how the cue happened:
        "criticized the law as a crazy system | during a campaign stop", "blasted X as a
        disgrace | Wednesday on the radio", "called for more investment | in a
        statement", "warned states to boost security | after hackers struck"."""
        sdoc = ps.doc
        for t in sdoc[first + 1 : end + 1]:
            if _in_quote(self._tops, ps.offset + t.idx):
                continue
            cut = (
                (t.lower_ == "during" and t.dep_ == "prep")
                or (t.lower_ in _ADJUNCT_WORDS and t.dep_ == "mark")
                or (
                    # a weekday only: cutting at every date phrase ("last week") was
                    # measured and cut reported content more often than adjuncts
                    t.lower_ in _WEEKDAYS and t.dep_ in ("npadvmod", "tmod")
                )
                or (
                    t.dep_ == "prep"
                    and t.lower_ == "on"
                    and any(g.lower_ in _WEEKDAYS for g in t.children if g.dep_ == "pobj")
                )
                or (
                    t.dep_ == "prep"
                    and find_channel(self.lex, sdoc[t.i : t.right_edge.i + 1].text) is not None
                )
            )
            if cut:
                last = t.i - 1
                while last > first and (sdoc[last].is_punct or sdoc[last].dep_ == "cc"):
                    last -= 1
                return last if last > first else end
        return end

    def _object_tail(self, ps: ParsedSentence, verb: Token, obj: Token, end: int) -> int:
        """End of an object content over the modifiers the small model hangs on the verb
        instead of the object ("described crass behavior | by the candidate behind the
        scenes"): prepositional phrases and clauses right after the object, up to a
        comma, a conjunction, a channel or another cue."""
        if end != obj.right_edge.i:
            return end  # the object was cut before a gloss: nothing after it belongs
        sdoc = ps.doc
        for child in verb.rights:
            if child.i <= end:
                continue
            if child.left_edge.i != end + 1 or child.dep_ not in _OBJECT_TAIL_DEPS:
                break
            if self._lemma(child) in self.lex.cue_lemmas:
                break
            a, b = ps.char_span(child.left_edge.i, child.right_edge.i + 1)
            if find_channel(self.lex, sdoc.text[a - ps.offset : b - ps.offset]):
                break
            end = child.right_edge.i
        return end

    def _refers_back(self, ps: ParsedSentence, verb: Token) -> int | None:
        """Start of the words by which a denial refers back to the clause before it, or
        None: ``..., which Kigali denies`` (a relative ``which`` as the verb's object) or
        ``..., a claim the US military denied`` (a relative clause on an attribution noun
        set off by a comma). The verb needs a subject of its own."""
        if verb.dep_ not in ("relcl", "advcl") or not any(
            g.dep_ in ("nsubj", "nsubjpass") and g.lower_ not in _RELATIVE for g in verb.children
        ):
            return None
        sdoc = ps.doc
        rel = next((g for g in verb.children if g.dep_ == "dobj"), None)
        if rel is not None and rel.lower_ == "which":
            first = verb.left_edge
        elif rel is None and self._lemma(verb.head) in self.lex.nouns:
            first = verb.head.left_edge
        else:
            return None
        if first.i == 0 or sdoc[first.i - 1].text != ",":
            return None
        return ps.char_span(first.i - 1, first.i)[0]

    def _rival_report(self, mark: Token) -> bool:
        """True for ``while``/``whereas``/``which`` opening a clause in which someone else
        reports ("..., while Russia claimed to have destroyed a command post", "..., which
        Kigali denies"): a second statement, not part of the first."""
        clause = mark.head
        return (
            clause.i != mark.i
            and self._lemma(clause) in self.lex.cue_lemmas
            # its own subject: "which Kigali denies", not "which said ..."
            and any(g.dep_ in _SUBJ and g.i != mark.i for g in clause.children)
        )

    def _coordinated_tail(self, ps: ParsedSentence, verb: Token, end: int) -> int:
        """End of an object content over a second object or judgement that the parse
        coordinates with the verb ("condemned the test as reckless and a grave threat",
        "mentioned cutting fees and forcing colleges to ...", "cited her years as
        senator and as secretary"): ``and``/``or`` right after the content, then a
        conjunct of the verb that is no finite verb of its own and no cue."""
        sdoc = ps.doc
        nxt = end + 1
        while nxt < len(sdoc) and sdoc[nxt].text in _QUOTE_CHARS:
            nxt += 1
        if nxt >= len(sdoc) or sdoc[nxt].dep_ != "cc" or sdoc[nxt].lower_ not in ("and", "or"):
            return end
        if sdoc[nxt].head.i != verb.i:
            return end
        conj = next((c for c in verb.rights if c.dep_ == "conj" and c.i > nxt), None)
        if (
            conj is None
            or conj.tag_ in ("VBD", "VBZ", "VBP", "MD")
            or any(g.dep_ in _SUBJ for g in conj.children)
            or self._lemma(conj) in self.lex.cue_lemmas
        ):
            return end
        return conj.right_edge.i

    def _object_end(self, ps: ParsedSentence, obj: Token) -> int:
        """Last token of an object phrase before a comma-set gloss (", which ...")"""
        end = obj.right_edge.i
        for t in ps.doc[obj.i + 1 : end]:
            if t.text not in (",", "—", "–", "--", ";", "(") or _in_quote(
                self._tops, ps.offset + t.idx
            ):
                continue
            nxt = ps.doc[t.i + 1]
            # a gloss opens a clause or apposition; a list ("China, Iran and ...") does not
            gloss = t.text != "," or any(
                a.dep_ in ("relcl", "appos", "acl", "advcl") and a.left_edge.i == nxt.i
                for a in [nxt, *nxt.ancestors]
                if a.i > obj.i
            )
            if gloss:
                return max(obj.i, t.i - 1)
        return end

    def _clause_end(self, ps: ParsedSentence, verb: Token, comp: Token) -> int:
        """Last token of a complement after its verb, over trailing parts the parse hung on
        the verb ("said the event brought back memories, and of ..."), but not over a new
        attribution ("adding ..."), a channel ("on Twitter") or a coordinated clause."""
        end = comp.right_edge.i
        if comp.i < verb.i:
            return end
        for child in verb.rights:
            if (
                child.i > end
                and child.dep_ == "conj"
                and comp.dep_ in ("ccomp", "xcomp")
                and child.pos_ in ("VERB", "AUX")
                and self._lemma(child) not in self.lex.cue_lemmas
                and not any(g.dep_ in _SUBJ for g in child.children)
                and (
                    ps.doc[child.left_edge.i - 1].lower_ in ("but", "and")
                    # "promised to cut X, raise Y and create Z": a list of infinitives
                    # whose later members the parse hangs on the cue verb
                    or (
                        comp.dep_ == "xcomp"
                        and comp.tag_ == "VB"
                        and child.tag_ == "VB"
                        and ps.doc[child.left_edge.i - 1].text == ","
                    )
                )
            ):
                # "said they had misgivings, but could not bear to ...": the parse hangs
                # the second half of the reported clause on the cue verb
                end = child.right_edge.i
                continue
            if child.i <= end or child.dep_ in ("punct", "cc", "conj", "parataxis"):
                if child.i > end and child.dep_ in ("cc", "conj", "parataxis"):
                    if child.dep_ == "cc" and child.lower_ in ("but", "and"):
                        continue
                    break
                continue
            if self._lemma(child) in self.lex.cue_lemmas:
                break
            if (
                child.dep_ == "advcl"
                and child.tag_ == "VBG"
                and ps.doc[child.left_edge.i - 1].text == ","
            ):
                break  # ", citing ...", ", arguing ...": a participle adds the writer's gloss
            a, b = ps.char_span(child.left_edge.i, child.right_edge.i + 1)
            if find_channel(self.lex, ps.doc.text[a - ps.offset : b - ps.offset]):
                break
            end = child.right_edge.i
        while end > comp.i and ps.doc[end].is_punct and ps.doc[end].text not in _QUOTE_CHARS:
            end -= 1
        # a trailing apposition is the writer's gloss ("... with NATO, the alliance that ...")
        for t in ps.doc[comp.i : end + 1]:
            if (
                t.dep_ == "appos"
                and t.right_edge.i == end
                and t.left_edge.i - 1 > comp.i
                and ps.doc[t.left_edge.i - 1].text == ","
            ):
                end = t.left_edge.i - 2
                break
        # a coordinated reporting verb starts a statement of its own ("said it was
        # opposed to the test and warned North Korea to ...")
        for t in ps.doc[comp.i + 1 : end + 1]:
            if (
                t.dep_ == "conj"
                and t.pos_ == "VERB"
                and self._lemma(t) in self.lex.speech
                # "... but that it would add costs": a second reported clause, not a cue
                and not any(g.dep_ == "mark" for g in t.children)
            ):
                cut = t.left_edge.i - 1
                while cut > comp.i and (ps.doc[cut].dep_ == "cc" or ps.doc[cut].is_punct):
                    cut -= 1
                if cut > comp.i:
                    end = cut
                break
        # a semicolon closes the reported clause
        for t in ps.doc[comp.i : end + 1]:
            if t.text == ";" and t.i > comp.i:
                end = t.i - 1
                break
        return self._gloss_cut(ps, comp.i, end)

    def _gloss_cut(self, ps: ParsedSentence, first: int, end: int) -> int:
        """End of a reported clause before a comma-set gloss of the writer's: a
        participle clause (", citing ...", ", focusing on ...") or an aside
        (", although ..."). Commas inside a quotation do not count. (A comma-set
        ", which ..." is left in: PolNeAR annotates it both ways.)"""
        sdoc = ps.doc
        for t in sdoc[first + 1 : end]:
            if t.text not in (",", "—", "–", "--") or _in_quote(self._tops, ps.offset + t.idx):
                continue
            nxt = sdoc[t.i + 1]
            low = nxt.lower_
            if (
                low in _GLOSS_OPENERS
                or (low in ("after", "before") and nxt.dep_ == "prep")
                or (low in ("while", "whereas", "which") and self._rival_report(nxt))
                or (
                    low == "as"
                    and t.i + 2 <= end
                    and sdoc[t.i + 2].tag_ in ("VBN", "VBG", "PRP", "DT", "NNP")
                )
                or (nxt.tag_ == "VBG" and nxt.dep_ in ("advcl", "acl", "xcomp", "conj"))
                or (nxt.tag_ == "RB" and t.i + 2 <= end and sdoc[t.i + 2].tag_ == "VBG")
            ):
                cut = t.i - 1
                return cut if cut > first else end
        return end

    def _adjacent_quote(self, text: str, tops: list[Quote], lo: int, hi: int) -> Quote | None:
        for q in tops:
            # only punctuation may separate them, so far-away quotations are not sliced
            if q.closed_end <= lo <= q.closed_end + _SPLIT_GAP:
                gap = text[q.closed_end : lo]
                if not gap.strip(" ,;:—–-") and "\n" not in gap:
                    return q
            if hi <= q.start <= hi + _SPLIT_GAP:
                gap = text[hi : q.start]
                if not gap.strip(" ,:—–-") and ("\n" not in gap or ":" in gap):
                    return q
        return None

    def _exact_quote(
        self, text: str, tops: list[Quote], a: int, b: int, direct: bool
    ) -> tuple[int, int, bool]:
        """Content that is a quotation apart from a leading "that"/article becomes the quotation."""
        for q in tops:
            if a <= q.start and q.end <= b:
                head = text[a : q.start].strip().lower()
                tail = text[q.end : b].strip(_EDGE_PUNCT)
                if not tail and (not head or head in self.lex.determiners):
                    return q.start, q.end, True
        return a, b, direct

    def _window(self, text: str, ps: ParsedSentence, a: int, b: int) -> str:
        s, e = ps.sentence.start, ps.sentence.end
        return text[min(s, a) : a] + " " + text[b : max(e, b)]

    def _draft(
        self,
        text: str,
        ps: ParsedSentence,
        a: int,
        b: int,
        cue: tuple[int, int],
        speaker: Speaker | None,
        direct: bool = False,
    ) -> _Draft:
        """A draft of content ``a:b`` cued at ``cue``, its window the rest of the sentence."""
        return _Draft(a, b, cue, speaker, direct, self._window(text, ps, a, b), cue[0])

    def _according(
        self, doc: Document, ps: ParsedSentence, tok: Token, tops: list[Quote]
    ) -> _Draft | None:
        """ "according to X" / "as reported by X": X is the source, the rest the content."""
        sdoc = ps.doc
        text = doc.text
        src: Token | None = None
        for t in sdoc[tok.i + 1 : min(len(sdoc), tok.i + 3)]:
            for g in t.children:
                if g.dep_ == "pobj":
                    src = g
                    break
            if src is not None:
                break
        if src is None:
            for g in tok.subtree:
                if g.dep_ == "pobj":
                    src = g
                    break
        if src is None:
            return None
        phrase_start = tok.i - 1 if sdoc[tok.i - 1 : tok.i].text.lower() == "as" else tok.i
        phrase_end = max(src.right_edge.i, tok.right_edge.i) + 1
        if phrase_end >= len(sdoc) - 1 and phrase_start <= 1:
            # "According to X, the move ...": the small model may hang the whole clause on
            # the source; the phrase ends at the first comma after the source's head
            comma = next((t.i for t in sdoc[src.i + 1 :] if t.text == ","), None)
            if comma is not None:
                phrase_end = comma + 1
        # the cue is "according to" / "as reported by": the phrase up to its preposition
        cue = ps.char_span(phrase_start, min(tok.i + 2, len(sdoc)))
        speaker = speaker_from_token(doc, ps, src, self.lex)
        # content: the clause the phrase modifies, without the phrase
        head = tok.head
        # the whole clause the phrase belongs to (the parse often hangs the phrase on a
        # complement or a conjunct deep inside it)
        while head.dep_ != "ROOT" and head.head.i != head.i:
            head = head.head
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        if lo >= phrase_start and hi <= phrase_end:
            lo, hi = 0, len(sdoc)
        left = ps.char_span(lo, phrase_start) if phrase_start > lo else None
        right = ps.char_span(phrase_end, hi) if hi > phrase_end else None
        lt = _trim(text, *left) if left else None
        rt = _trim(text, *right) if right else None
        lt_len = lt[1] - lt[0] if lt else 0
        rt_len = rt[1] - rt[0] if rt else 0
        comma_before = phrase_start > 0 and sdoc[phrase_start - 1].text == ","
        left_clause = any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sdoc[lo:phrase_start])
        if lt and lt_len > 0 and comma_before and left_clause:
            # "A would rise, according to X, more than twice ...": the clause before the
            # phrase is what X reports; the words after it are the writer's
            a, b = lt
            # "... must be wrong - which it often is, according to X": from the last break
            brk = max(text.rfind(m, a, b) for m in (" - ", " — ", " – ", "; ", ": "))
            if brk > a and not _in_quote(tops, brk):
                a = brk + 2
        elif lt and rt and lt_len > 0 and rt_len > 0:
            # mid-sentence phrase: the clause spans both sides
            a, b = lt[0], rt[1]
        elif rt_len > 0 and rt:
            a, b = rt
        elif lt_len > 0 and lt:
            a, b = lt
        else:
            return None
        if b - a < 3:
            return None
        a, b = _fit_quotes(text, tops, a, b)
        around = _quote_around(tops, a, b)
        direct = False
        if around is not None:
            a, b, direct = around.start, around.end, True
        else:
            a, b, direct = self._exact_quote(text, tops, a, b, direct)
        window = text[cue[0] : speaker.end + 1]
        return _Draft(a, b, cue, speaker, direct, window, cue[0])

    # -- surface fallback for unparsed (over-long) sentences -------------------------
    def _from_surface(self, doc: Document, ps: ParsedSentence, tops: list[Quote]) -> list[_Draft]:
        text = doc.text
        out: list[_Draft] = []
        forms = "|".join(sorted(f for f in self.lex.cue_forms if len(f) > 3))
        after = re.compile(
            rf"\s*,?\s*(?:(?P<cue1>{forms})\s+(?P<spk1>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){{0,3}})"
            rf"|(?P<spk2>he|she|they|it|(?:(?:[Tt]he|[Aa]n?)\s+)?[\w.'-]+(?:\s+[\w.'-]+){{0,2}}?)"
            rf"\s+(?P<cue2>{forms}))\b"
        )
        s, e = ps.sentence.start, ps.sentence.end
        for q in tops:
            if not (s <= q.closed_end <= e):
                continue
            m = after.match(text, q.closed_end, e)
            if not m:
                continue
            grp = "1" if m.group("cue1") else "2"
            cs, ce = m.span("cue" + grp)
            ss, se = m.span("spk" + grp)
            name = text[ss:se]
            low = name.lower()
            for det in self.lex.determiners:
                if low.startswith(det + " "):
                    name, low = name[len(det) + 1 :], low[len(det) + 1 :]
                    break
            pron = low in self.lex.person_pronouns | self.lex.group_pronouns
            kind = "person" if low in self.lex.person_pronouns else ("group" if pron else "unknown")
            spk = Speaker(
                ss,
                se,
                None if pron else name,
                kind=kind,
                pronoun=pron,
                actor=None if pron else actor_at(doc, ss, se),
            )
            out.append(_Draft(q.start, q.end, (cs, ce), spk, True, text[q.end : e], cs))
        return out

    # -- layout: "Name: words" lines and "“quote” ― Name" signatures ----------------
    def _from_layout(self, doc: Document, tops: list[Quote], drafts: list[_Draft]) -> list[_Draft]:
        text = doc.text
        out: list[_Draft] = []
        taken = [(d.start, d.end) for d in drafts]
        # what the line's speaker says of themself ("NAME: I want to ...") leaves the
        # line to the colon rule
        own = {
            (d.start, d.end)
            for d in drafts
            if d.speaker is not None
            and text[d.speaker.start : d.speaker.end].lower() in ("i", "we")
        }
        for m in _COLON_LINE.finditer(text):
            ss, se = m.span("spk")
            if text[ss:se].lower() in self.lex.colon_not_speakers:
                continue
            a, b = _trim(text, *m.span("content"))
            if b - a < 10 or any(
                x < b and a < y and not ((x, y) in own and a <= x and y <= b) for x, y in taken
            ):
                continue
            # a transcript turn running over paragraphs is quoted (their marks open it)
            turn_end = transcript_run_on(text, m.start(), b)
            direct = turn_end > b or _quote_around(tops, a, b) is not None
            b = turn_end
            spk = Speaker(ss, se, text[ss:se], actor=actor_at(doc, ss, se))
            cue = (m.start("colon"), m.end("colon"))
            out.append(_Draft(a, b, cue, spk, direct, "", cue[0]))
        for q in tops:
            # 'Loretta Lynch: "Be the voice ..."', "Mitt Romney -- ''It is ...''"
            intro = _INTRO_MARK.search(text, max(0, q.start - 4), q.start + 1)
            if intro is None or intro.end() != q.start:
                continue
            if any(x < q.end and q.start < y for x, y in taken):
                continue
            who = self._introducer(doc, intro.start())
            if who is not None:
                taken.append((q.start, q.end))
                out.append(_Draft(q.start, q.end, intro.span("mark"), who, True, "", intro.start()))
        for q in tops:
            sig = _SIGNATURE.match(text, q.end)
            if not sig or any(x <= q.start < y for x, y in taken):
                continue
            ss, se = sig.span("spk")
            spk = Speaker(ss, se, text[ss:se], kind="person", actor=actor_at(doc, ss, se))
            out.append(_Draft(q.start, q.end, sig.span("dash"), spk, True, "", sig.start("dash")))
        signed = {d.cue[0] for d in out if d.cue is not None}
        for sig in _SIGNATURE.finditer(text):
            # a signed paragraph whose opening mark the quotation scanner could not pair
            para = signed_paragraph(text, sig.start())
            if sig.start("dash") in signed or para is None:
                continue
            a, b = para
            if any(x < b and a < y for x, y in taken if y - x > (b - a) // 2):
                continue
            ss, se = sig.span("spk")
            spk = Speaker(ss, se, text[ss:se], kind="person", actor=actor_at(doc, ss, se))
            out.append(_Draft(a, b, sig.span("dash"), spk, True, "", sig.start("dash")))
        return out

    def _introducer(self, doc: Document, mark: int) -> Speaker | None:
        """Who speaks a quotation introduced by a colon or dash at ``mark``: the first
        person named in the words before it (same sentence), else a named organisation
        or country ending right at the mark; None when nobody is named."""
        sent = doc.sentence_at(mark)
        lo = sent.start if sent is not None else max(0, mark - 200)
        lo = max(lo, doc.text.rfind("\n", 0, mark) + 1)
        before = [e for e in doc.ents_before(mark) if lo <= e.start_char]
        pick = next((e for e in before if e.label_ == "PERSON"), None)
        if pick is None:
            last = before[-1] if before else None
            if (
                last is None
                or last.label_ not in ("ORG", "NORP", "GPE")
                or doc.text[last.end_char : mark].strip()
            ):
                return self._colon_subject(doc, mark) if doc.text[mark] == ":" else None
            pick = last
        a, b = pick.start_char, pick.end_char
        kind = "person" if pick.label_ == "PERSON" else "group"
        return Speaker(a, b, doc.text[a:b], kind=kind, actor=actor_at(doc, a, b))

    def _colon_subject(self, doc: Document, mark: int) -> Speaker | None:
        """The subject of a clause that a colon closes before a quotation ("She made the
        following comment: “...”", "I had to change my answer: “...”"), or None."""
        sent = doc.sentence_at(mark)
        if sent is None or sent.start >= mark:
            return None
        ps = doc.parse_one(sent.index)
        if not ps.doc.has_annotation("DEP"):
            return None
        toks = [t for t in ps.doc if ps.offset + t.idx < mark]
        if not toks:
            return None
        root = toks[-1]
        while root.head.i != root.i and ps.offset + root.head.idx < mark:
            root = root.head
        if root.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ not in ("PROPN", "PRON", "NOUN"):
            return None
        return speaker_from_token(doc, ps, subj, self.lex)

    @staticmethod
    def _cut_breaks(text: str, d: _Draft, tops: list[Quote]) -> tuple[int, int]:
        """A reported clause ends at a semicolon and before a single trailing dash gloss
        ("big tax hikes -- lambasting the plan"), outside quotations. With the cue after
        the content ("A; B, X said") the content starts after the last semicolon."""
        a, b = d.start, d.end
        after = d.cue is not None and d.cue[0] >= b
        semis = [
            m.start() for m in re.finditer(";", text[a:b]) if not _in_quote(tops, a + m.start())
        ]
        if semis and after:
            a = a + semis[-1] + 1
        elif semis:
            b = a + semis[0]
        dashes = [
            m.start()
            for m in re.finditer(r" (?:--|—|–) ", text[a:b])
            if not _in_quote(tops, a + m.start())
        ]
        if len(dashes) == 1 and not after and dashes[0] > 10:
            b = a + dashes[0]
        return _trim(text, a, b)

    # -- assembling ------------------------------------------------------------------
    def _dedupe(self, drafts: list[_Draft]) -> list[_Draft]:
        """One draft per content extent (a speaker beats none), in cue order.

        First, a content that runs on over another claim's trailing cue (``X called for
        A, sources said``, where the sources' claim starts before X's content) ends where
        that claim's content ends: the rest is the other claim's cue and speaker.
        """
        for d in drafts:
            for o in drafts:
                if o is d or o.cue is None or o.speaker is None:
                    continue
                if o.start < d.start < o.end < o.cue[0] < d.end:
                    d.end = o.end
        seen: dict[tuple[int, int, bool], _Draft] = {}
        for d in drafts:
            # a denial shares its content with the claim it denies, and stays
            key = (d.start, d.end, d.back is not None)
            prev = seen.get(key)
            if prev is None or (prev.speaker is None and d.speaker is not None):
                seen[key] = d
        return sorted(seen.values(), key=lambda d: d.order)

    def _continuations(
        self, doc: Document, drafts: list[_Draft], tops: list[Quote]
    ) -> list[_Draft]:
        """Quotations opening a sentence right after a quoted speaker continue that claim.

        ``“A,” X said. “B.”`` is one statement: the claim's content is extended to the end of
        ``“B.”`` (like a split quotation), so nothing is returned; the drafts are updated.
        A reported clause stopping at a colon runs on over what the colon opens first.
        """
        text = doc.text
        out: list[_Draft] = []
        for d in drafts:
            # "X notes that A: B, C and D" (cue before the content, same sentence)
            if not d.direct and d.cue is not None and d.cue[1] <= d.start:
                sent = doc.sentence_at(d.start)
                if sent is not None and d.end < sent.end:
                    d.end = colon_run_on(text, d.end, sent.end)
        self._run_on(doc, drafts, tops)
        used = [(d.start, d.end) for d in drafts]
        by_end = sorted(drafts, key=lambda d: d.end)
        for q in tops:
            if any(a <= q.start < b or q.start <= a < q.end for a, b in used):
                continue
            before = text[: q.start].rstrip(" \t")
            if before and before[-1] not in '.!?\n”"’':
                continue  # a quotation inside a sentence (scare quotes), not a statement
            if len(text[q.start : q.end].split()) < 3:
                continue
            prev = [d for d in by_end if d.end <= q.start and d.speaker is not None]
            if not prev:
                continue
            last = prev[-1]
            if not last.direct and not (last.cue is not None and last.cue[0] >= last.end):
                last = self._continued(doc, prev)
            gap = text[last.end : q.start]
            # a quoted or reported statement with its cue after it ("A, X said.") runs on
            cue_after = last.cue is not None and last.cue[0] >= last.end
            if not (last.direct or cue_after) or gap.count("\n") > 2 or len(gap) > 300:
                continue
            if any(
                q2.start > last.end and q2.end <= q.start
                for q2 in tops
                if len(text[q2.start : q2.end].split()) >= 3
            ):
                continue
            # one statement: the content runs on over the continuation (as a split quote),
            # unless the words between them (a long speaker title) outweigh both parts
            middle = q.start - last.end
            first_len = last.end - last.start
            if middle > first_len + (q.end - q.start):
                if q.end - q.start > first_len:
                    last.start = q.start
                last.end = q.end if q.end - q.start > first_len else last.end
                used.append((q.start, q.end))
                by_end.sort(key=lambda d: d.end)
                continue
            last.end = q.end
            used.append((q.start, q.end))
            by_end.sort(key=lambda d: d.end)
        return out

    def _run_on(self, doc: Document, drafts: list[_Draft], tops: list[Quote]) -> None:
        """``A, X said, B. But C.``: a sentence of the same paragraph opening with ``But``
        or ``And``, with no cue or claim of its own, carries on a statement whose cue
        stands inside its content and whose content ends the sentence before.

        (Only the parenthetical cue: after ``X said A.`` or ``A, X said.`` extending over
        such a sentence lost more matches than it gained on PolNeAR dev.)"""
        text = doc.text
        cues = [d.cue[0] for d in drafts if d.cue is not None]
        for d in drafts:
            if d.speaker is None or d.cue is None or not d.start < d.cue[0] < d.end:
                continue
            sent = doc.sentence_at(d.start)
            if sent is None or sent.index + 1 >= len(doc.sentences):
                continue
            nxt = doc.sentences[sent.index + 1]
            if (
                text[d.end : sent.end].strip(_EDGE_PUNCT)
                or "\n\n" in text[sent.end : nxt.start]
                or _in_quote(tops, nxt.start)
                or nxt.text.split(" ", 1)[0] not in RUN_ON_WORDS
                or any(nxt.start <= c < nxt.end for c in cues)
                or any(o.start < nxt.end and nxt.start < o.end for o in drafts)
            ):
                continue
            d.end = _trim(text, nxt.start, nxt.end)[1]

    @staticmethod
    def _continued(doc: Document, prev: list[_Draft]) -> _Draft:
        """The quoted claim that a sentence-opening quotation continues, looking back past
        claims that only gloss it or its speaker: ``“A,” X said, explaining B. “C.”``,
        ``“A,” said X, who has long argued B. “C.”``, ``“A,” X said. He did not mention
        B. “C.”``. Those claims must share the speaker mention, have a pronoun speaker or
        have their cue in the quoted claim's cue sentence. Else the last of ``prev``."""
        last = prev[-1]
        for i in range(len(prev) - 2, -1, -1):
            e = prev[i]
            if not e.direct or e.speaker is None or e.cue is None:
                continue
            key = (e.speaker.start, e.speaker.end)
            sent = doc.sentence_at(e.cue[0])
            for x in prev[i + 1 :]:
                if x.direct or x.start < e.end or x.speaker is None:
                    return last
                same = (x.speaker.start, x.speaker.end) == key
                title = sent is not None and x.cue is not None and sent.start <= x.cue[0] < sent.end
                if not (same or x.speaker.pronoun or title):
                    return last
            return e
        return last

    @staticmethod
    def _one_per_content(text: str, drafts: list[_Draft]) -> list[_Draft]:
        """Drop claims that would compete with another for the same words.

        Of two claims whose contents share at least half of each, the one whose content
        holds the other's cue (and not the reverse) goes: ``he appeared to suggest that
        A`` against ``suggest: that A`` keeps the inner claim (PolNeAR dev: no such pair
        ever matched two gold claims). And a claim whose content and cue lie inside a
        longer claim with no speaker (``it is unclear whether the judges would rule
        ...``) goes unless its content is a ``that``/``whether`` clause: an object or an
        infinitive there is part of the outer words, not a statement of its own.
        """
        drop: set[int] = set()
        for d in drafts:
            if d.back is not None:
                continue  # a denial shares the words it denies on purpose
            for o in drafts:
                if o is d or id(o) in drop or o.cue is None:
                    continue
                shared = min(d.end, o.end) - max(d.start, o.start)
                if shared * 2 < d.end - d.start or shared * 2 < o.end - o.start:
                    continue
                o_in_d = d.start <= o.cue[0] < d.end
                d_in_o = d.cue is not None and o.start <= d.cue[0] < o.end
                if o_in_d and not d_in_o:
                    drop.add(id(d))
        for d in drafts:
            if d.cue is None or id(d) in drop:
                continue
            if text[d.start : d.end].split(" ", 1)[0].lower() in _THAT_MARKS:
                continue
            for o in drafts:
                if (
                    o is not d
                    and o.speaker is None
                    and id(o) not in drop
                    and o.start <= d.start
                    and d.end <= o.end
                    and o.start <= d.cue[0] < o.end
                    and o.end - o.start > d.end - d.start
                ):
                    drop.add(id(d))
                    break
        return [d for d in drafts if id(d) not in drop]

    def _finish(self, doc: Document, drafts: list[_Draft], tops: list[Quote]) -> list[Claim]:
        text = doc.text
        drafts = self._one_per_content(text, drafts)
        history: list[Speaker] = []
        resolved: list[tuple[_Draft, Speaker | None]] = []
        for d in sorted(drafts, key=lambda d: d.order):
            spk = d.speaker
            if spk is not None:
                spk = resolve(spk, history, doc, self.lex)
                if spk.role is None and spk.name is not None:
                    # a later bare mention of a speaker named earlier keeps the role
                    for prev in reversed(history):
                        if prev.name == spk.name and prev.role:
                            spk = replace(
                                spk, role=prev.role, kind=prev.kind, actor=spk.actor or prev.actor
                            )
                            break
                if spk.name is not None:
                    history.append(spk)
            resolved.append((d, spk))
        resolved.sort(key=lambda pair: (pair[0].start, pair[0].end))
        claims: list[Claim] = []
        for d, spk in resolved:
            channel = find_channel(self.lex, d.window) if d.window else None
            inter = find_intermediary(self.lex, d.window) if d.window else None
            claims.append(
                Claim(
                    id=f"c{len(claims) + 1}",
                    content=Span.of(text, d.start, d.end),
                    speaker=spk.name if spk else None,
                    speaker_role=spk.role if spk else None,
                    speaker_actor=spk.actor if spk else None,
                    speaker_span=Span.of(text, spk.start, spk.end) if spk else None,
                    cue=Span.of(text, *d.cue) if d.cue else None,
                    channel=channel,
                    intermediary=inter,
                    direct_quote=d.direct,
                )
            )
        return claims


def attribute_claims(
    doc: Document, lex: ClaimLexicon, *, max_quote_chars: int = 3000
) -> list[Claim]:
    """Find the claims of ``doc`` (does not store them; the stage does)."""
    return Attributor(lex, max_quote_chars=max_quote_chars).run(doc)


def link_quantities(doc: Document, claims: list[Claim]) -> None:
    """Add to each quantity the ids of the claims whose content holds it."""
    for qty in doc.quantities:
        for c in claims:
            if c.content.start <= qty.start and qty.end <= c.content.end and c.id not in qty.claims:
                qty.claims.append(c.id)
