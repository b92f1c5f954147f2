"""The one central document every stage reads from and writes to.

A :class:`Document` holds the cleaned article, the spaCy annotation of the whole text
(sentences, tokens, NER) and every extraction layer as typed records. Stages never hand
dicts to each other: they add to the layers here. Dependency parses are made lazily,
sentence by sentence, through :meth:`Document.parse` so that only sentences a stage cares
about pay for the parser.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from wirewatch.model import (
    Actor,
    Article,
    Claim,
    Contradiction,
    Control,
    Event,
    Extraction,
    Place,
    Quantity,
    TimeExpr,
    Warning,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


@dataclass(slots=True)
class Sentence:
    """A sentence of the cleaned text, with its index and character offsets."""

    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class ParsedSentence:
    """A dependency-parsed sentence; ``offset`` maps its token ``idx`` into the article text."""

    sentence: Sentence
    doc: Doc

    @property
    def offset(self) -> int:
        """Character offset of the sentence (and of token ``idx`` 0) in the article text."""
        return self.sentence.start

    def char_span(self, token_start: int, token_end: int) -> tuple[int, int]:
        """Article-text offsets of tokens ``[token_start, token_end)`` of this sentence."""
        first = self.doc[token_start]
        last = self.doc[token_end - 1]
        return self.offset + first.idx, self.offset + last.idx + len(last.text)


@dataclass
class Document:
    """An article being processed: text, annotations and extraction layers."""

    article: Article
    published: date | None = None
    spacy_doc: Doc | None = None
    sentences: list[Sentence] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    control: list[Control] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    # Layer names that stages have assigned so far (checked by the pipeline).
    assigned: set[str] = field(default_factory=set)
    # Set by the annotate stage: parses a batch of sentence texts into spaCy Docs. It may
    # carry a ``batch`` attribute that parses the sentences of several documents at once
    # (see :func:`parse_many`).
    parser: Callable[[Sequence[str]], list[Doc]] | None = field(default=None, repr=False)
    # Scratch space for stages to share derived data (e.g. the geoparser's candidate list).
    user_data: dict[str, Any] = field(default_factory=dict, repr=False)
    _parsed: dict[int, ParsedSentence] = field(default_factory=dict, repr=False)
    _ents: list[SpacySpan] = field(default_factory=list, repr=False)
    _ent_ends: list[int] = field(default_factory=list, repr=False)
    _ents_of: Doc | None = field(default=None, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        """The cleaned article text all spans point into."""
        return self.article.text

    def warn(self, code: str, message: str) -> None:
        """Record a coded warning (shown in the output, never raised)."""
        self.warnings.append(Warning(code=code, message=message))

    def set_sentences(self, sentences: Iterable[Sentence]) -> None:
        """Replace the sentence list (done once by the annotate stage)."""
        self.sentences = list(sentences)
        self._sentence_starts = [s.start for s in self.sentences]
        self._parsed.clear()

    def sentence_at(self, char: int) -> Sentence | None:
        """The sentence containing character offset ``char``, if any."""
        if not self.sentences:
            return None
        i = bisect.bisect_right(self._sentence_starts, char) - 1
        if i < 0:
            return None
        sent = self.sentences[i]
        return sent if sent.start <= char < max(sent.end, sent.start + 1) else None

    def ents(self) -> list[SpacySpan]:
        """Named entities from the annotate stage, in text order (empty without NER).

        The list is built once per spaCy document and shared: callers must not modify it.
        """
        if self.spacy_doc is None:
            return []
        if self._ents_of is not self.spacy_doc:
            self._ents = list(self.spacy_doc.ents)
            self._ent_ends = [e.end_char for e in self._ents]
            self._ents_of = self.spacy_doc
        return self._ents

    def ents_in(self, start: int, end: int) -> list[SpacySpan]:
        """Entities overlapping ``[start, end)``, found by bisection (entities never overlap)."""
        ents = self.ents()
        i = bisect.bisect_right(self._ent_ends, start)
        out = []
        while i < len(ents) and ents[i].start_char < end:
            out.append(ents[i])
            i += 1
        return out

    def ents_before(self, char: int) -> list[SpacySpan]:
        """Entities that end at or before ``char``, in text order."""
        ents = self.ents()
        return ents[: bisect.bisect_right(self._ent_ends, char)]

    def parse(self, indices: Iterable[int]) -> list[ParsedSentence]:
        """Dependency-parse the sentences with these indices (cached; batched)."""
        wanted = sorted(set(indices))
        missing = self.unparsed(wanted)
        if missing:
            if self.parser is None:
                raise RuntimeError(
                    "no parser is attached to this document: run the 'annotate' stage first"
                )
            self.store_parses(missing, self.parser([self.sentences[i].text for i in missing]))
        return [self._parsed[i] for i in wanted]

    def unparsed(self, indices: Iterable[int]) -> list[int]:
        """Those of ``indices`` whose sentence has not been parsed yet."""
        return [i for i in indices if i not in self._parsed]

    def store_parses(self, indices: Sequence[int], docs: Sequence[Doc]) -> None:
        """Cache parses made elsewhere (e.g. by :func:`parse_many`) for these sentences."""
        for i, sdoc in zip(indices, docs, strict=True):
            self._parsed[i] = ParsedSentence(self.sentences[i], sdoc)

    def parse_one(self, index: int) -> ParsedSentence:
        """Dependency-parse one sentence (cached)."""
        return self.parse([index])[0]

    @property
    def parsed_count(self) -> int:
        """How many sentences have been parsed so far (for benchmarks and logs)."""
        return len(self._parsed)

    def new_id(self, prefix: str, existing: Sequence[Any]) -> str:
        """Next free local id such as ``p3`` for a layer holding ``existing`` records."""
        return f"{prefix}{len(existing) + 1}"

    def to_extraction(self) -> Extraction:
        """Freeze the layers into the contract's :class:`Extraction`."""
        return Extraction(
            article=self.article,
            places=self.places,
            actors=self.actors,
            times=self.times,
            quantities=self.quantities,
            events=self.events,
            claims=self.claims,
            control=self.control,
            contradictions=self.contradictions,
            warnings=self.warnings,
        )


def parse_many(requests: Iterable[tuple[Document, Sequence[int]]]) -> None:
    """Parse the requested sentences of many documents in shared batches (cached on each).

    spaCy runs faster on one batch of sentences from many articles than on many small
    per-article batches. Documents whose parsers share a ``batch`` function (all those
    annotated by one annotate stage) are parsed together; any other is parsed on its own.
    """
    groups: dict[Any, list[tuple[Document, list[int]]]] = {}
    for doc, indices in requests:
        missing = doc.unparsed(sorted(set(indices)))
        if not missing:
            continue
        batch = getattr(doc.parser, "batch", None)
        if batch is None:
            doc.parse(missing)
        else:  # bound methods of one annotator compare equal: one group per annotator
            groups.setdefault(batch, []).append((doc, missing))
    for batch, todo in groups.items():
        results = batch([(doc, [doc.sentences[i].text for i in missing]) for doc, missing in todo])
        for (doc, missing), docs in zip(todo, results, strict=True):
            doc.store_parses(missing, docs)
