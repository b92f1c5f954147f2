"""Score claim attribution on PolNeAR-style gold (source, cue, content spans).

Metrics (micro-averaged over the corpus):

- ``content_exact_*``: a predicted content matches a gold content when their extents are
  equal after trimming spaces and edge punctuation (a discontinuous gold content is
  compared by its covering extent);
- ``content_overlap_*``: match when the shared characters are at least half of *each*
  span (gold characters of a discontinuous content are its fragments);
- ``cue_*``: predicted cue spans against gold cue spans, matched when they share a character;
- ``speaker_accuracy``: over overlap-matched contents, the share whose predicted speaker
  mention shares a character with the gold source (gold without a source counts as correct
  only when no speaker was predicted); ``speaker_exact_accuracy`` needs equal trimmed extents.

Matching is one-to-one and greedy by overlap. The article title (first line) is part of the
text and is scored like the body.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wirewatch.eval.common import PRF, read_jsonl

_EDGE = " \t\n,;:.—–-"


def _chars(span: dict[str, Any]) -> set[int]:
    if "spans" in span:
        out: set[int] = set()
        for a, b in span["spans"]:
            out.update(range(a, b))
        return out
    return set(range(span["start"], span["end"]))


def _extent(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _EDGE:
        a += 1
    while b > a and text[b - 1] in _EDGE:
        b -= 1
    return a, b


def _bounds(span: dict[str, Any]) -> tuple[int, int]:
    if "spans" in span:
        return span["spans"][0][0], span["spans"][-1][1]
    return span["start"], span["end"]


def overlap_ok(pred: set[int], gold: set[int]) -> bool:
    """True when the shared characters are at least half of each span."""
    if not pred or not gold:
        return False
    inter = len(pred & gold)
    return inter * 2 >= len(pred) and inter * 2 >= len(gold)


def _greedy(pairs: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, reverse=True):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def score_document(
    text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]
) -> dict[str, int]:
    """Counts for one document; ``pred`` items have content/cue/speaker_span dicts or None."""
    counts = dict.fromkeys(
        (
            "ex_tp",
            "ov_tp",
            "n_pred",
            "n_gold",
            "cue_tp",
            "cue_pred",
            "cue_gold",
            "spk_ok",
            "spk_exact",
            "spk_n",
        ),
        0,
    )
    counts["n_pred"], counts["n_gold"] = len(pred), len(gold)
    pc = [_chars(p["content"]) for p in pred]
    gc = [_chars(g["content"]) for g in gold]
    # exact
    pe = [_extent(text, p["content"]["start"], p["content"]["end"]) for p in pred]
    ge = [_extent(text, *_bounds(g["content"])) for g in gold]
    exact = _greedy((1.0, i, j) for i, a in enumerate(pe) for j, b in enumerate(ge) if a == b)
    counts["ex_tp"] = len(exact)
    cands = []
    for i, a in enumerate(pc):
        for j, b in enumerate(gc):
            if overlap_ok(a, b):
                cands.append((len(a & b) / max(len(a | b), 1), i, j))
    matched = _greedy(cands)
    counts["ov_tp"] = len(matched)
    for i, j in matched:
        g_src = gold[j].get("source")
        p_src = pred[i].get("speaker_span")
        counts["spk_n"] += 1
        if g_src is None:
            ok = ex = p_src is None
        elif p_src is None:
            ok = ex = False
        else:
            ok = bool(_chars(p_src) & _chars(g_src))
            ex = _extent(text, p_src["start"], p_src["end"]) == _extent(text, *_bounds(g_src))
        counts["spk_ok"] += int(ok)
        counts["spk_exact"] += int(ex)
    # cues (deduplicated spans)
    p_cues = {(p["cue"]["start"], p["cue"]["end"]) for p in pred if p.get("cue")}
    g_cues = {_bounds(g["cue"]) for g in gold if g.get("cue")}
    counts["cue_pred"], counts["cue_gold"] = len(p_cues), len(g_cues)
    pcs = sorted(p_cues)
    gcs = sorted(g_cues)
    cue_pairs = [
        (1.0, i, j)
        for i, (a, b) in enumerate(pcs)
        for j, (c, d) in enumerate(gcs)
        if a < d and c < b
    ]
    counts["cue_tp"] = len(_greedy(cue_pairs))
    return counts


def _prf(tp: int, n_pred: int, n_gold: int) -> PRF:
    return PRF(tp=tp, fp=n_pred - tp, fn=n_gold - tp)


def evaluate(
    path: str | Path, *, limit: int | None = None, annotator: Any = None
) -> dict[str, float]:
    """Run claim attribution over a PolNeAR-format JSONL file and return flat metrics."""
    import time

    from wirewatch.claims.attribute import attribute_claims
    from wirewatch.claims.lexicon import load_lexicon
    from wirewatch.document import Document
    from wirewatch.model import Article
    from wirewatch.model.records import to_plain
    from wirewatch.settings import Settings
    from wirewatch.stages.annotate import Annotator, load_nlp

    # Gold offsets point into the raw text, so the text is annotated as it is (no cleaning).
    settings = Settings()
    annotator = annotator or Annotator(load_nlp(settings), settings)
    lex = load_lexicon()
    total: dict[str, int] = {}
    docs = 0
    chars = 0
    sentences = 0
    parsed = 0
    t0 = time.perf_counter()
    for rec in read_jsonl(Path(path)):
        if limit is not None and docs >= limit:
            break
        text = rec["text"]
        doc = Document(article=Article(id=str(rec.get("id", "")), text=text))
        annotator.annotate([doc])
        claims = [to_plain(c) for c in attribute_claims(doc, lex)]
        sentences += len(doc.sentences)
        parsed += doc.parsed_count
        counts = score_document(text, rec.get("attributions", []), claims)
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
        docs += 1
        chars += len(text)
    elapsed = time.perf_counter() - t0
    out: dict[str, float] = {
        "documents": docs,
        "gold_claims": total.get("n_gold", 0),
        "predicted_claims": total.get("n_pred", 0),
    }
    out.update(
        _prf(total.get("ex_tp", 0), total.get("n_pred", 0), total.get("n_gold", 0)).as_dict(
            "content_exact"
        )
    )
    out.update(
        _prf(total.get("ov_tp", 0), total.get("n_pred", 0), total.get("n_gold", 0)).as_dict(
            "content_overlap"
        )
    )
    out.update(
        _prf(total.get("cue_tp", 0), total.get("cue_pred", 0), total.get("cue_gold", 0)).as_dict(
            "cue"
        )
    )
    n = total.get("spk_n", 0)
    out["speaker_accuracy"] = round(total.get("spk_ok", 0) / n, 4) if n else 0.0
    out["speaker_exact_accuracy"] = round(total.get("spk_exact", 0) / n, 4) if n else 0.0
    # only sentences with a quotation or a cue form are parsed: the share says what
    # the broad cue lexicon costs
    out["sentences_parsed_share"] = round(parsed / sentences, 4) if sentences else 0.0
    out["seconds"] = round(elapsed, 2)
    out["seconds_per_article"] = round(elapsed / docs, 3) if docs else 0.0
    out["chars_per_second"] = round(chars / elapsed, 1) if elapsed else 0.0
    return out
