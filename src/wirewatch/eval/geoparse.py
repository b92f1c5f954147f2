"""Geoparsing evaluation on a GeoWebNews-format corpus, side by side with a peer (geotext).

Metrics (all on the literal place classes: Literal, Mixed, Literal_Modifier, Embedded_Literal,
Coercion):

- ``recognition_*``: exact-span P/R/F1 of the places we find against the literal gold spans.
  Our spans that coincide with a *non-literal* gold toponym (a metonymic "Turkey said...",
  a demonym, a homonym) are neither right nor wrong here: we report every place name and
  leave metonymy to the event coder. ``toponym_*`` counts every gold toponym class as gold and
  every span of ours as a prediction (no such allowance).
- ``gold_exact`` / ``gold_161km``: resolution of the gold spans that carry a GeoNames id — the
  same GeoNames id / a point within 161 km (100 miles) of the gold coordinates.
  ``gold_exact_in_gazetteer`` restricts to gold ids present in our gazetteer (the embedded one
  has no provinces outside the US, no regions, seas or facilities).
- ``e2e_exact`` / ``e2e_161km``: of the gold spans with an id, the share found (exact span)
  *and* resolved correctly.
- ``peer_*``: the same for geotext (names → its own GeoNames cities15000/countries table),
  and ``*_docs_per_s`` for both.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import Any

from wirewatch.eval.common import PRF, read_jsonl
from wirewatch.settings import Settings

LITERAL = frozenset({"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion"})
NON_LITERAL = frozenset(
    {"Metonymic", "Non_Literal_Modifier", "Demonym", "Homonym", "Embedded_Non_Lit", "Language"}
)
MILES_100_KM = 161.0


def _close(pred: Any, gold: dict[str, Any]) -> tuple[bool, bool]:
    """(exact id, within 161 km) for a predicted entry view (or None) against a gold span."""
    from wirewatch.gazetteer.geoparser import haversine_km

    if pred is None:
        return False, False
    exact = pred.geonameid is not None and pred.geonameid == gold["geonameid"]
    if exact:
        return True, True
    if gold.get("lat") is None:
        return False, False
    return False, haversine_km(pred.lat, pred.lon, gold["lat"], gold["lon"]) <= MILES_100_KM


def evaluate(
    path: str, settings: Settings, *, limit: int | None = None, peer: bool = True
) -> dict[str, float]:
    """Score the geoparser (and optionally geotext) on a GeoWebNews-format JSONL file."""
    from wirewatch.extract import default_pipeline
    from wirewatch.stages.clean import RawArticle, new_document
    from wirewatch.stages.geoparse import doc_ents, load_geoparser

    records = []
    for n, rec in enumerate(read_jsonl(path)):
        if limit is not None and n >= limit:
            break
        records.append(rec)
    pipe = default_pipeline(settings.replace(stages=("clean", "annotate"))).load()
    geoparser = load_geoparser(settings)
    docs = [
        pipe.run(new_document(RawArticle(data=r["text"].encode("utf-8"), id=r["id"])))
        for r in records
    ]

    rec_prf, top_prf = PRF(), PRF()
    n_gold = exact = near = in_gaz = in_gaz_exact = e2e_exact = e2e_near = 0
    t_ours = 0.0
    for rec, doc in zip(records, docs, strict=True):
        text = rec["text"]
        if doc.text != text:  # cleaning changed the text: score on the cleaned one
            continue
        ents = doc_ents(doc)
        t0 = time.perf_counter()
        found = geoparser.detect(text, ents)
        resolved = geoparser.resolve(found)
        t_ours += time.perf_counter() - t0
        pred = {(r.mention.start, r.mention.end): geoparser.index.entry(r.entry) for r in resolved}
        gold_lit = {(t["start"], t["end"]) for t in rec["toponyms"] if t["type"] in LITERAL}
        gold_non = {(t["start"], t["end"]) for t in rec["toponyms"] if t["type"] in NON_LITERAL}
        for span in pred:
            if span in gold_lit:
                rec_prf.tp += 1
            elif span not in gold_non:
                rec_prf.fp += 1
        rec_prf.fn += len(gold_lit - set(pred))
        gold_all = gold_lit | gold_non
        top_prf.tp += len(set(pred) & gold_all)
        top_prf.fp += len(set(pred) - gold_all)
        top_prf.fn += len(gold_all - set(pred))
        # Resolution on gold spans, in the context of what we found elsewhere.
        golds = [t for t in rec["toponyms"] if t["type"] in LITERAL and t["geonameid"]]
        forced = []
        for t in golds:
            m = geoparser.mention_for_span(text, t["start"], t["end"])
            forced.append(m)
        context = [
            m for m in found if (m.start, m.end) not in {(t["start"], t["end"]) for t in golds}
        ]
        ms = [m for m in forced if m is not None]
        res = {(r.mention.start, r.mention.end): r for r in geoparser.resolve([*ms, *context])}
        for t in golds:
            n_gold += 1
            r = res.get((t["start"], t["end"]))
            view = geoparser.index.entry(r.entry) if r is not None else None
            ex, nr = _close(view, t)
            exact += ex
            near += nr
            if geoparser.index.lookup_id(t["geonameid"]) is not None:
                in_gaz += 1
                in_gaz_exact += ex
            ex2, nr2 = _close(pred.get((t["start"], t["end"])), t)
            e2e_exact += ex2
            e2e_near += nr2
    metrics: dict[str, float] = {"documents": float(len(records)), "gold_spans_with_id": n_gold}
    metrics.update(rec_prf.as_dict("recognition"))
    metrics.update(top_prf.as_dict("toponym"))
    metrics["gold_exact"] = round(exact / n_gold, 4) if n_gold else 0.0
    metrics["gold_161km"] = round(near / n_gold, 4) if n_gold else 0.0
    metrics["gold_in_gazetteer_share"] = round(in_gaz / n_gold, 4) if n_gold else 0.0
    metrics["gold_exact_in_gazetteer"] = round(in_gaz_exact / in_gaz, 4) if in_gaz else 0.0
    metrics["e2e_exact"] = round(e2e_exact / n_gold, 4) if n_gold else 0.0
    metrics["e2e_161km"] = round(e2e_near / n_gold, 4) if n_gold else 0.0
    metrics["docs_per_s"] = round(len(records) / t_ours, 1) if t_ours else 0.0
    if peer:
        metrics.update(_peer(records, docs))
    return metrics


def _peer(records: list[dict[str, Any]], docs: Iterable[Any]) -> dict[str, float]:
    """geotext: find names, map them to its own GeoNames table, score like ours."""
    import re

    from geotext import GeoText

    from wirewatch.gazetteer.geoparser import haversine_km

    table = _geotext_table()
    prf = PRF()
    n_gold = exact = near = e2e_exact = e2e_near = 0
    t_total = 0.0
    for rec, _doc in zip(records, docs, strict=True):
        text = rec["text"]
        t0 = time.perf_counter()
        g = GeoText(text)
        names = set(g.cities) | set(g.countries)
        t_total += time.perf_counter() - t0
        spans: dict[tuple[int, int], tuple[int, float, float] | None] = {}
        for name in names:
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                spans[(m.start(), m.end())] = table.get(name.lower())
        gold_lit = {(t["start"], t["end"]) for t in rec["toponyms"] if t["type"] in LITERAL}
        gold_non = {(t["start"], t["end"]) for t in rec["toponyms"] if t["type"] in NON_LITERAL}
        for span in spans:
            if span in gold_lit:
                prf.tp += 1
            elif span not in gold_non:
                prf.fp += 1
        prf.fn += len(gold_lit - set(spans))
        for t in rec["toponyms"]:
            if t["type"] not in LITERAL or not t["geonameid"]:
                continue
            n_gold += 1
            hit = table.get(t["text"].lower())
            ok = _peer_ok(hit, t, haversine_km)
            exact += ok[0]
            near += ok[1]
            ok2 = _peer_ok(spans.get((t["start"], t["end"])), t, haversine_km)
            e2e_exact += ok2[0]
            e2e_near += ok2[1]
    out = PRF.as_dict(prf, "peer_recognition")
    out["peer_gold_exact"] = round(exact / n_gold, 4) if n_gold else 0.0
    out["peer_gold_161km"] = round(near / n_gold, 4) if n_gold else 0.0
    out["peer_e2e_exact"] = round(e2e_exact / n_gold, 4) if n_gold else 0.0
    out["peer_e2e_161km"] = round(e2e_near / n_gold, 4) if n_gold else 0.0
    out["peer_docs_per_s"] = round(len(records) / t_total, 1) if t_total else 0.0
    return out


def _peer_ok(
    hit: tuple[int, float, float] | None, t: dict[str, Any], dist: Any
) -> tuple[bool, bool]:
    if hit is None:
        return False, False
    if hit[0] == t["geonameid"]:
        return True, True
    if t.get("lat") is None:
        return False, False
    return False, dist(hit[1], hit[2], t["lat"], t["lon"]) <= MILES_100_KM


def _geotext_table() -> dict[str, tuple[int, float, float]]:
    """Name → (geonameid, lat, lon) from geotext's own data: the most populous city, or the
    country (as a geotext user would look a name up)."""
    from importlib import resources

    base = resources.files("geotext").joinpath("data")
    table: dict[str, tuple[int, float, float]] = {}
    pops: dict[str, int] = {}
    for line in base.joinpath("cities15000.txt").read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 15:
            continue
        key, pop = f[1].lower(), int(f[14] or 0)
        if pop > pops.get(key, -1):
            pops[key] = pop
            table[key] = (int(f[0]), float(f[4]), float(f[5]))
    for line in base.joinpath("countryInfo.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) > 16 and f[16]:
            # geotext's country table has no coordinates: the id alone decides.
            table[f[4].lower()] = (int(f[16]), float("nan"), float("nan"))
    return table
