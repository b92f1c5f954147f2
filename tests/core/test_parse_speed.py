"""The faster parse path: compiled attribute ruler and cross-article parse batches.

The compiled ruler must set exactly what spaCy's own ``attribute_ruler`` sets, so every
test here compares the two token by token; the prefetch tests check that parses are
shared across documents without changing what any stage sees.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from wirewatch.document import Document, Sentence, parse_many
from wirewatch.model import Article
from wirewatch.pipeline import Pipeline, Resources, StageFn, prefetch_parses, stage
from wirewatch.settings import Settings
from wirewatch.stages.annotate import CompiledAttributeRuler

_FIELDS = ("pos_", "tag_", "dep_", "lemma_")


def _snapshot(doc: Any) -> list[tuple[str, ...]]:
    return [(*(getattr(t, f) for f in _FIELDS), str(t.morph)) for t in doc]


# ---------------------------------------------------------------- compiled ruler, no model
def _blank_ruler() -> Any:
    """A ruler with the pattern shapes of en_core_web_sm: tags, forms, labels, two tokens."""
    import spacy

    nlp = spacy.blank("en")
    ruler: Any = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN", "MORPH": "Number=Sing"})
    ruler.add([[{"TAG": "VBD"}]], {"POS": "VERB"})
    ruler.add([[{"TAG": "VBD", "LOWER": "was"}]], {"POS": "AUX", "LEMMA": "be"})
    ruler.add([[{"TAG": {"IN": ["DT", "WDT"]}, "DEP": {"NOT_IN": ["det", ""]}}]], {"POS": "PRON"})
    ruler.add([[{"TAG": "DT"}]], {"POS": "DET"})  # later rule wins over the one above
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"})
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], {"POS": "VERB"}, index=1)
    ruler.add([[{"LOWER": "there"}, {"TAG": "VBD"}]], {"MORPH": "Tense=Past"}, index=-1)
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP", "POS": "SPACE"})
    return nlp, ruler


def _tagged(nlp: Any, rows: list[tuple[str, str, str, int]]) -> Any:
    from spacy.tokens import Doc

    words = [w for w, _t, _d, _h in rows]
    return Doc(
        nlp.vocab,
        words=words,
        tags=[t for _w, t, _d, _h in rows],
        deps=[d for _w, _t, d, _h in rows],
        heads=[h for _w, _t, _d, h in rows],
    )


SENTENCES = [
    [("There", "EX", "expl", 1), ("was", "VBD", "ROOT", 1), ("that", "DT", "nsubj", 1)],
    [("Y'", "PRP", "nsubj", 2), ("all", "DT", "det", 0), ("left", "VBD", "ROOT", 2)],
    [("that", "WDT", "det", 1), ("shell", "NN", "ROOT", 1), ("hit", "VBD", "dep", 1)],
    [("y", "PRP", "nsubj", 1), ("all", "DT", "ROOT", 1), (" ", "_SP", "dep", 1)],
    [("was", "VBD", "ROOT", 0)],
]


def test_compiled_ruler_sets_what_spacy_sets_on_hand_made_docs() -> None:
    nlp, ruler = _blank_ruler()
    compiled = CompiledAttributeRuler.compile(ruler)
    assert compiled is not None
    for rows in SENTENCES:
        ours = compiled(_tagged(nlp, rows))
        theirs = ruler(_tagged(nlp, rows))
        assert _snapshot(ours) == _snapshot(theirs), [w for w, *_ in rows]
    # a second pass uses the cache and must agree too
    for rows in SENTENCES:
        assert _snapshot(compiled(_tagged(nlp, rows))) == _snapshot(ruler(_tagged(nlp, rows)))


def test_rulers_out_of_reach_are_not_compiled() -> None:
    import spacy

    for pattern in (
        [{"ENT_TYPE": "GPE"}],  # an attribute the compiled ruler does not read
        [{"LOWER": "a"}, {"OP": "?"}],  # a quantifier
        [{"LOWER": {"FUZZY": "abc"}}],  # an operator
    ):
        nlp = spacy.blank("en")
        ruler: Any = nlp.add_pipe("attribute_ruler")
        ruler.add([pattern], {"POS": "X"})
        assert CompiledAttributeRuler.compile(ruler) is None


# ---------------------------------------------------------------- cross-article parse batches
class _FakeParser:
    """Stands in for the annotate stage's parser: records the batches it is given."""

    def __init__(self) -> None:
        self.batches: list[list[tuple[str, list[str]]]] = []
        self.fail_on: str | None = None

    def for_doc(self, doc: Document) -> Any:
        def parse(texts: Sequence[str]) -> list[Any]:
            return self.batch([(doc, texts)])[0]

        parse.batch = self.batch  # type: ignore[attr-defined]
        return parse

    def batch(self, requests: Sequence[tuple[Document, Sequence[str]]]) -> list[list[Any]]:
        if self.fail_on and any(d.article.id == self.fail_on for d, _t in requests):
            raise ValueError("cannot parse this one")
        self.batches.append([(d.article.id, list(t)) for d, t in requests])
        return [[f"parse of {t}" for t in texts] for _d, texts in requests]


def _doc(name: str, n: int, parser: _FakeParser) -> Document:
    texts = [f"{name} sentence {i}." for i in range(n)]
    doc = Document(article=Article(id=name, text=" ".join(texts)))
    pos, sents = 0, []
    for i, t in enumerate(texts):
        sents.append(Sentence(i, pos, pos + len(t), t))
        pos += len(t) + 1
    doc.set_sentences(sents)
    doc.parser = parser.for_doc(doc)
    return doc


def test_parse_many_shares_one_batch_and_fills_each_cache() -> None:
    parser = _FakeParser()
    a, b = _doc("a", 3, parser), _doc("b", 2, parser)
    a.parse([0])  # already cached: not asked again
    parser.batches.clear()
    parse_many([(a, [0, 2]), (b, [1, 1])])
    assert parser.batches == [[("a", ["a sentence 2."]), ("b", ["b sentence 1."])]]
    assert [p.doc for p in a.parse([0, 2])] == ["parse of a sentence 0.", "parse of a sentence 2."]
    assert b.parse_one(1).doc == "parse of b sentence 1."
    assert len(parser.batches) == 1  # served from the caches
    assert (a.parsed_count, b.parsed_count) == (2, 1)


def test_prefetch_skips_failures_and_leaves_them_to_the_stage() -> None:
    parser = _FakeParser()
    docs = [_doc("a", 2, parser), _doc("bad", 2, parser), _doc("c", 2, parser)]
    parser.fail_on = "bad"

    def wants(doc: Document) -> list[int]:
        if doc.article.id == "c":
            raise KeyError("no idea")
        return [1]

    prefetch_parses(wants, docs)
    # the shared batch failed on "bad": "a" was parsed on its own, "bad" and "c" were not
    assert parser.batches == [[("a", ["a sentence 1."])]]
    assert [d.parsed_count for d in docs] == [1, 0, 0]
    with pytest.raises(ValueError, match="cannot parse"):
        docs[1].parse([1])  # the stage meets the error itself


@stage("test_parse_wanted", requires=(), assigns=("claims",))
def _make_parse_wanted(settings: Settings, resources: Resources) -> StageFn:
    def run(doc: Document) -> None:
        doc.user_data["parsed"] = [p.doc for p in doc.parse([0, 1])]

    run.wants = lambda doc: [0, 1]  # type: ignore[attr-defined]
    return run


def test_pipeline_parses_what_a_stage_wants_across_the_batch() -> None:
    parser = _FakeParser()
    docs = [_doc(name, 3, parser) for name in ("a", "b", "c")]
    Pipeline(stages=["test_parse_wanted"]).run_batch(docs)
    assert len(parser.batches) == 1  # one stream for the whole batch
    assert [len(req) for req in parser.batches[0]] == [2, 2, 2]
    assert docs[2].user_data["parsed"] == ["parse of c sentence 0.", "parse of c sentence 1."]
    assert not any(d.warnings for d in docs)


# ---------------------------------------------------------------- with the real model
@pytest.mark.slow
def test_compiled_ruler_matches_spacy_on_generated_reports(pipeline) -> None:  # type: ignore[no-untyped-def]
    """Token by token over a few hundred of our own generated sentences, plus odd forms."""
    from wirewatch.stages.annotate import PARSE_PIPES, nlp_resource, split_sentences
    from wirewatch.synth import generate_articles

    nlp = nlp_resource(pipeline.resources)
    ruler: Any = nlp.get_pipe("attribute_ruler")
    compiled = CompiledAttributeRuler.compile(ruler)
    assert compiled is not None  # the shipped model is within reach: the fast path is used
    texts: list[str] = []
    for art in generate_articles(50, seed=11):
        sdoc = nlp.get_pipe("senter")(nlp.make_doc(art.text))
        texts.extend(s.text for s in split_sentences(art.text, sdoc))
    texts += [
        "Y'all ain't gonna believe what I gotta tell you, said a man who'd seen it.",
        "There is nothing left and there were no trucks; let's go, c'mon.",
        "I gave it to you and you gave it to me, but it was never theirs.",
        "Who did it?  Did they have the keys, or had they lost them?",
    ]
    assert len(texts) > 300
    before = PARSE_PIPES[: PARSE_PIPES.index("attribute_ruler")]
    after = PARSE_PIPES[PARSE_PIPES.index("attribute_ruler") + 1 :]
    docs = [nlp.make_doc(t) for t in texts]
    procs: dict[str, Any] = {name: nlp.get_pipe(name) for name in PARSE_PIPES}
    for name in before:
        docs = list(procs[name].pipe(docs))
    theirs = list(ruler.pipe([d.copy() for d in docs]))
    ours = list(compiled.pipe([d.copy() for d in docs]))
    for name in after:
        theirs = list(procs[name].pipe(theirs))
        ours = list(procs[name].pipe(ours))
    for t, a, b in zip(texts, theirs, ours, strict=True):
        assert _snapshot(a) == _snapshot(b), t
