"""Claims in an article's headline: ``Senator Slams Rival Over Tax Remarks``.

A headline is no sentence the small spaCy model parses well: in Title Case every word looks
like a proper noun, so the cue verb goes unseen (``Governor Vows To Cut Taxes``) or the
content stops at a quotation (``Calls X ‘A Fraud’ Over Y``). Headlines have a layout of
their own, which rules read better than the parse:

- ``Subject Cue rest``: a subject noun phrase, a cue verb in the headline's present tense
  (``Says``, ``Urges``, ``Calls``; the bare form after a plural subject: ``Lawmakers
  Rip``) and the content running to the end of the headline (PolNeAR annotates headline
  contents that way, adjuncts included: ``... Over Police Remarks``);
- ``Name on Topic: words``: the colon layout with a topic (``Mayor on Floods: We Were
  Ready``), which the ``Name: words`` line rule leaves out;
- ``... Reportedly ...``: a hearsay adverb makes the whole headline a claim with nobody
  named.

The attributor replaces the claims its parse found in the headline that a headline claim
covers (see :meth:`HeadlineClaim.supersedes`). Only the first line of a text counts as a
headline, and only when it stands as a paragraph of its own (or equals ``article.title``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from wirewatch.claims.lexicon import ClaimLexicon
from wirewatch.claims.quotes import Quote
from wirewatch.claims.speakers import Speaker, actor_at
from wirewatch.document import Document

# Longest first line still taken for a headline (longer ones are lead sentences).
MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 25
_QUOTES = "“”\"«»‹›‘’'„"
_EDGE = " \t,;:.—–-"
_TOKEN = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s?$")
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
# Cue verbs of headline style that the body lexicon leaves out ("Lawmakers Rip X").
_HEADLINE_FORMS = {"rips": "rip", "rip": "rip", "bashes": "bash", "bash": "bash"}
_HEADLINE_VERBS = frozenset(_HEADLINE_FORMS.values())
# Cue verbs whose headline sense is mostly another ("Recalls Ambassador", "Posts Loss",
# "Court Hears Case").
_OTHER_SENSE = frozenset({"recall", "post", "hear"})
# Plural nouns without a plural ending, for the bare verb after them ("Police Say").
_COLLECTIVE = frozenset({"police", "people", "media", "staff", "women", "men", "children"})
# Speech verbs that report only a topic ("Speaks Of", "Talks About"), as in the body rules.
_TOPIC_ONLY = frozenset({"speak", "talk"})
# Prepositions that join a speech or evaluative cue and open its topic ("Warns Of").
_TOPIC_PREPOSITIONS = frozenset({"of", "about", "against"})
# Verbs that take an infinitive content after "to" ("Vows To Cut Taxes") besides the
# cognition and stance verbs; any other cue followed by a preposition is passed over
# ("Sings To Crowd": no content).
_TO_SPEECH = frozenset({"promise", "threaten", "swear", "vow", "pledge", "urge", "beg", "plead"})
_PREPOSITIONS = frozenset(
    {
        "to", "for", "on", "with", "at", "about", "of", "in", "into", "from", "against",
        "over", "after", "by", "up", "out", "off", "back", "down", "amid", "before",
        "under", "as", "than",
    }
)  # fmt: skip
# Words that cannot stand in a subject noun phrase: verbs, auxiliaries, subordinators.
_NOT_SUBJECT = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "being", "will", "would", "could", "can",
        "should", "shall", "may", "might", "must", "has", "have", "had", "do", "does", "did",
        "not", "who", "which", "that", "to", "if", "when", "while", "why", "how", "what",
        "where", "as", "won't", "won’t", "can't", "can’t", "isn't", "isn’t",
    }
)  # fmt: skip
# A subject never opens with a preposition ("In Avoiding Tax, ...").
_NO_SUBJECT_START = _PREPOSITIONS | {"despite", "during", "without", "ahead", "since", "until"}
_HEARSAY = frozenset({"reportedly", "allegedly", "purportedly"})
# The end of a headline content: a relative clause set off by a comma is another claim
# or the writer's gloss ("X Endorses Y, Who Says He Is Honored").
_CONTENT_STOP = re.compile(r",\s+(?:who|which|whose|where)\b", re.IGNORECASE)
_TOPIC_COLON = re.compile(
    r"(?P<spk>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})[ \t]+(?P<cue>on[ \t][^:\n]{2,60}?:)"
    r"[ \t]+(?P<content>\S.*)"
)


@dataclass(frozen=True, slots=True)
class HeadlineClaim:
    """A claim read off the headline's layout (offsets into the article text)."""

    start: int
    end: int
    cue: tuple[int, int]
    speaker: Speaker | None
    direct: bool

    def supersedes(self, start: int, end: int, cue: tuple[int, int] | None) -> bool:
        """True for a claim found by the parse that this one replaces: its content
        overlaps this content, or its cue lies between this speaker and this content's
        end (a cue the parse misread inside the headline claim)."""
        if start < self.end and self.start < end:
            return True
        lo = self.speaker.start if self.speaker is not None else self.cue[0]
        return cue is not None and lo <= cue[0] < self.end


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    core: str  # the word without edge punctuation and quotation marks
    quoted: bool  # opens or lies inside a quotation
    closes: bool  # ends with a clause break (comma, colon, semicolon, full stop)


def headline_span(doc: Document) -> tuple[int, int] | None:
    """The headline's offsets: the first line when it equals ``article.title`` or when the
    first paragraph (up to a blank line) is that line alone or that line and a deck (a
    subtitle line); None when the text opens with no headline."""
    text = doc.text
    nl = text.find("\n")
    if nl <= 0 or nl > MAX_HEADLINE_CHARS:
        return None
    a, b = _trim(text, 0, nl)
    if b - a < 10 or len(text[a:b].split()) > MAX_HEADLINE_WORDS:
        return None
    title = (doc.article.title or "").strip()
    if title and text[a:b] == title.strip(_EDGE):
        return a, b
    block = _BLANK_LINE.search(text, nl)
    if block is None or text.count("\n", nl, block.start()) > 1:
        return None
    if block.start() - nl > 2 * MAX_HEADLINE_CHARS:
        return None  # a long second line is the lead paragraph, not a deck
    return a, b


def headline_claims(doc: Document, lex: ClaimLexicon, tops: list[Quote]) -> list[HeadlineClaim]:
    """Claims of the headline's layout, at most one per headline (none without a
    headline). ``tops`` are the document's top-level quotations."""
    span = headline_span(doc)
    if span is None:
        return []
    a, b = span
    words = _words(doc.text, a, b, tops)
    found = (
        _topic_colon(doc, lex, a, b, tops)
        or _subject_cue(doc, lex, words, tops, a, b)
        or _hearsay(words, a, b)
    )
    return [found] if found is not None else []


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` less edge spaces and punctuation (quotation marks kept)."""
    part = text[a:b]
    kept = part.strip(_EDGE)
    if not kept:
        return a, a
    start = a + len(part) - len(part.lstrip(_EDGE))
    return start, start + len(kept)


def _words(text: str, a: int, b: int, tops: list[Quote]) -> list[_Word]:
    out: list[_Word] = []
    for m in _TOKEN.finditer(text, a, b):
        raw = m.group()
        core = raw.strip(_QUOTES + ",;:.!?()[]")
        if not core:
            continue
        quoted = raw[0] in _QUOTES or any(q.start < m.start() < q.end for q in tops)
        closes = raw.rstrip(_QUOTES)[-1:] in (",", ":", ";", ".") or raw in ("--", "—", "–")
        out.append(_Word(m.start(), m.end(), core, quoted, closes))
    return out


def _cue_lemma(lex: ClaimLexicon, word: _Word) -> str | None:
    """The cue lemma of a headline word, or None (aspectual and evidential verbs are no
    cues on their own)."""
    low = word.core.lower()
    lemma = _HEADLINE_FORMS.get(low) or lex.lemma_of.get(low)
    if lemma is None or lemma in lex.aspectual or lemma in lex.evidential:
        return None
    if lemma in _OTHER_SENSE:
        return None
    if lemma not in lex.cue_lemmas and lemma not in _HEADLINE_VERBS:
        return None
    return lemma


def _plural(word: str) -> bool:
    """A plural noun by its form ("lawmakers", "police"; not "press", "Obama's")."""
    low = word.lower()
    return low in _COLLECTIVE or (low.endswith("s") and not low.endswith(("ss", "'s", "’s", "us")))


def _subject_cue(
    doc: Document, lex: ClaimLexicon, words: list[_Word], tops: list[Quote], a: int, b: int
) -> HeadlineClaim | None:
    """``Subject Cue rest-of-headline``: the first cue verb with a subject noun phrase
    before it (from the headline's start or its last clause break) and words after it,
    that the parse of the headline's sentence-case copy reads as a verb."""
    last = words[-1]
    if not last.quoted and _cue_lemma(lex, last) and any(w.closes for w in words[:-1]):
        return None  # "A Happened, Officials Say": an inverted cue, left to the parse
    tags = _CopyTags(doc, lex, words, a, b)
    first = 0  # index of the first word of the current clause
    for i, w in enumerate(words):
        if i > first and not w.quoted:
            hit = _cue_at(doc, lex, words, tops, first, i)
            if hit is not None and tags.verb_at(w.start):
                return hit
        if w.closes:
            first = i + 1
    return None


class _CopyTags:
    """Part-of-speech tags of a sentence-case copy of the headline, parsed on first use.

    In Title Case the small model tags nearly every word a proper noun, so it cannot tell
    the verb in ``Senator Calls Rival A Fraud`` from the plural noun in ``Ceasefire Hopes
    Fade``. The copy has the same length (offsets hold) and lower case for every
    capitalised word but the first, acronyms and names: a name is a word the article's
    body writes with a capital inside a sentence more often than in lower case (a
    headline's names nearly always recur in the body).
    """

    def __init__(
        self, doc: Document, lex: ClaimLexicon, words: list[_Word], a: int, b: int
    ) -> None:
        self.doc = doc
        self.lex = lex
        self.words = words
        self.a, self.b = a, b
        self._tags: dict[int, str] | None = None

    def copy(self) -> str:
        """The headline in sentence case (first word, acronyms and names kept)."""
        text = self.doc.text
        body = text[self.b :]
        body_lower = Counter(re.findall(r"(?<![\w’'-])[a-z][a-z’'-]*", body))
        # capitalised after a lower-case word or a comma: a name, not a sentence start
        body_names = Counter(re.findall(r"(?<=[a-z,;])[ \t]+([A-Z][a-z’'-]+)", body))
        chars = list(text[self.a : self.b])
        for w in self.words[1:]:
            low = w.core.lower()
            if not (w.core[:1].isupper() and w.core[1:] == low[1:]):
                continue  # lower case already, or an acronym ("GOP", "U.S.")
            name = _POSSESSIVE.sub("", w.core)
            if body_names[name] > body_lower[low] and not _cue_lemma(self.lex, w):
                continue  # mostly a name in the body
            i = text.index(w.core, w.start, w.end) - self.a
            chars[i : i + len(low)] = low
        return "".join(chars)

    def verb_at(self, offset: int) -> bool:
        """True when the copy's parse tags the word at ``offset`` a verb, or tags no word
        of the headline a verb at all (a headline has a verb: the cue form is the best
        candidate then, as in ``Court Rules Against Ban``); also True when there is no
        parser to ask (the layout alone decides then)."""
        if self.doc.parser is None:
            return True
        if self._tags is None:
            sdoc = self.doc.parser([self.copy()])[0]
            self._tags = {self.a + t.idx: t.tag_ for t in sdoc}
        if self._tags.get(offset, "").startswith("VB"):
            return True
        return not any(tag.startswith(("VB", "MD")) for tag in self._tags.values())


def _cue_at(
    doc: Document, lex: ClaimLexicon, words: list[_Word], tops: list[Quote], first: int, i: int
) -> HeadlineClaim | None:
    """The claim whose cue is ``words[i]`` and whose subject is ``words[first:i]``."""
    text = doc.text
    w = words[i]
    lemma = _cue_lemma(lex, w)
    if lemma is None or i + 1 >= len(words):
        return None
    low = w.core.lower()
    subject = words[first:i]
    if len(subject) > 7 or any(s.quoted or s.core.lower() in _NOT_SUBJECT for s in subject):
        return None
    if subject[0].core.lower() in _NO_SUBJECT_START:
        return None
    # a headline's present tense: "Says", or the bare form after a plural subject
    # ("Lawmakers Rip"); past forms are left to the parse (headlines rarely use them)
    third = low != lemma and low.endswith("s")
    if not (third or (low == lemma and _plural(subject[-1].core))):
        return None
    if _in_name(text, subject[-1], w):
        return None  # "United States", "Human Rights Watch Reports": part of a name
    cue = (w.start, w.end)
    nxt = words[i + 1]
    nlow = nxt.core.lower()
    content_from = i + 1
    if nlow in lex.particles.get(lemma, frozenset()):
        cue = (w.start, nxt.end)  # "Calls For", "Points To"
        content_from = i + 2
    elif nlow in _TOPIC_PREPOSITIONS and (lemma in lex.speech or lemma in lex.evaluative):
        cue = (w.start, nxt.end)  # "Warns Of Famine", "Rules Against Ban"
        content_from = i + 2
    elif lemma in _TOPIC_ONLY:
        return None  # "Speaks", "Talks" report a topic only
    elif nlow in _PREPOSITIONS and not nxt.quoted:
        takes_to = lemma in lex.cognition or lemma in _TO_SPEECH
        if nlow != "to" or not takes_to:
            return None  # "Sings To Crowd", "Agrees With Rival": no reported content
    if content_from >= len(words):
        return None
    start = words[content_from].start
    end = words[-1].end
    stop = _CONTENT_STOP.search(text, start, end)
    if stop is not None:
        end = stop.start()
    start, end = _trim(text, start, end)
    if end - start < 3:
        return None
    speaker = _speaker(doc, lex, subject[0].start, subject[-1].end)
    return HeadlineClaim(start, end, cue, speaker, _direct(tops, start, end))


def _in_name(text: str, prev: _Word, cue: _Word) -> bool:
    """True when the word before the cue and the cue word stand capitalised together in
    the body too: a name ("United States"), not a subject and its verb."""
    pair = f"{prev.core} {cue.core}"
    if not (prev.core[:1].isupper() and cue.core[:1].isupper()):
        return False
    body = text[cue.end :]
    return re.search(rf"(?<!\w){re.escape(pair)}(?!\w)", body) is not None


def _topic_colon(
    doc: Document, lex: ClaimLexicon, a: int, b: int, tops: list[Quote]
) -> HeadlineClaim | None:
    """``Name on Topic: words``: the named speaker on a topic; the cue is the topic
    phrase with its colon (PolNeAR marks it so)."""
    text = doc.text
    m = _TOPIC_COLON.fullmatch(text, a, b)
    if m is None:
        return None
    ss, se = m.span("spk")
    if text[ss:se].lower() in lex.colon_not_speakers or ss != a:
        return None
    if any(q.start < m.start("cue") < q.end for q in tops):
        return None
    start, end = _trim(text, *m.span("content"))
    if end - start < 10:
        return None
    return HeadlineClaim(
        start, end, m.span("cue"), _speaker(doc, lex, ss, se), _direct(tops, start, end)
    )


def _hearsay(words: list[_Word], a: int, b: int) -> HeadlineClaim | None:
    """``Campaign Reportedly Cuts Staff``: the whole headline is hearsay, nobody named."""
    for w in words[1:]:
        if w.core.lower() in _HEARSAY and not w.quoted:
            return HeadlineClaim(a, b, (w.start, w.end), None, False)
    return None


def _direct(tops: list[Quote], start: int, end: int) -> bool:
    """A content that is one quotation, marks included."""
    return any(q.start == start and q.end == end for q in tops)


def _speaker(doc: Document, lex: ClaimLexicon, start: int, end: int) -> Speaker:
    """The speaker named by a headline subject (the words as they stand, less a leading
    determiner and a possessive)."""
    text = doc.text
    words = text[start:end].split()
    if len(words) > 1 and words[0].lower() in lex.determiners:
        words = words[1:]
    name = _POSSESSIVE.sub("", " ".join(words)) or " ".join(words)
    kind = "unknown"
    ents = doc.ents_in(start, end)
    if any(e.label_ == "PERSON" for e in ents) or any(w.lower() in lex.titles for w in words):
        kind = "person"
    elif any(e.label_ in ("ORG", "NORP", "GPE") for e in ents) or _plural(words[-1]):
        kind = "group"
    return Speaker(start, end, name, kind=kind, actor=actor_at(doc, start, end))
