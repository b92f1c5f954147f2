"""Synthetic article corpora for batch benchmarks and scale tests.

The articles come from :func:`wirewatch.synth.generate_articles` (templates written by the
team, real place names as slot fillers, reproducible from ``(n, seed)``); this module writes
them as the JSON Lines input of ``wirewatch batch extract``, optionally with corrupt lines
mixed in to exercise per-record error handling. Never use them as ground truth.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wirewatch.synth import generate_articles

_OUTLETS = ("Wire A", "Wire B", "Daily C", "Radio D", "Monitor E")


def write_corpus(path: Path, n: int, *, seed: int = 7, bad_every: int = 0) -> Path:
    """Write ``n`` synthetic articles as JSON Lines to ``path`` and return it.

    With ``bad_every`` > 0, a corrupt line follows every ``bad_every``-th article (not
    counted in ``n``).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for i, art in enumerate(generate_articles(n, seed=seed)):
            record = {
                "id": art.id,
                "text": art.text,
                "published": art.published,
                "outlet": _OUTLETS[i % len(_OUTLETS)],
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            if bad_every and (i + 1) % bad_every == 0:
                fh.write('{"id": "truncated-' + str(i) + '", "text": "cut off in the mi\n')
    return path


# Slot fillers for synthetic extractions: (name, geonameid, country, admin1, lat, lon).
# The ids and coordinates only need to be self-consistent; they are not gazetteer truth.
_TOWNS = [
    ("Hama", 170017, "SY", "Hama", 35.13, 36.75),
    ("Aleppo", 170063, "SY", "Aleppo", 36.20, 37.16),
    ("Idlib", 169388, "SY", "Idlib", 35.93, 36.63),
    ("Homs", 169577, "SY", "Homs", 34.73, 36.71),
    ("Kharkiv", 706483, "UA", "Kharkiv", 49.98, 36.25),
    ("Kupiansk", 704147, "UA", "Kharkiv", 49.71, 37.62),
    ("Pokrovsk", 708546, "UA", "Donetsk", 48.28, 37.18),
    ("El Fasher", 371267, "SD", "North Darfur", 13.63, 25.35),
    ("Wad Madani", 365137, "SD", "Gezira", 14.40, 33.52),
]
_TYPES = [
    ("Battles", "Armed clash", "clashed with"),
    ("Battles", "Non-state actor overtakes territory", "captured"),
    ("Explosions/Remote violence", "Air/drone strike", "struck"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
]
_SIDES = [("Government forces", "state forces"), ("Rebel coalition", "rebel group")]


def synthetic_extractions(n: int, *, seed: int = 11, days: int = 160) -> list[Any]:
    """``n`` synthetic Extractions reporting a smaller set of underlying events.

    Each "true" event is reported by several articles with the variations real reports
    have (a day off, week precision, the province instead of the town, a missing actor,
    different death tolls), so that cross-article fusion has real work to do. Dates span
    ``days`` days, crossing fusion's blocking windows. For tests and benchmarks of fusion.
    """
    import random
    from datetime import date, timedelta

    from wirewatch.model import Actor, Article, Event, Extraction, Fatalities, Place, Span

    rng = random.Random(seed)
    start = date(2024, 9, 1)
    truths = []
    for _ in range(max(1, n // 4)):
        town = rng.choice(_TOWNS)
        etype, sub, verb = rng.choice(_TYPES)
        side = rng.randrange(2)
        truths.append((town, etype, sub, verb, side, start + timedelta(days=rng.randrange(days))))
    out = []
    for i in range(n):
        lines: list[str] = [f"Report {i} of a synthetic wire."]
        places: list[Place] = []
        actors: list[Actor] = []
        events: list[Event] = []
        for truth in rng.sample(truths, k=min(len(truths), rng.randint(1, 3))):
            (name, gid, cc, admin1, lat, lon), etype, sub, verb, side, day = truth
            a1, a2 = _SIDES[side], _SIDES[1 - side]
            when = day + timedelta(days=rng.choice([0, 0, 0, 1, -1]))
            precision = 1 if rng.random() < 0.8 else 2
            killed = rng.randint(0, 40)
            region = rng.random() < 0.15
            sentence = f"{a1[0]} {verb} {a2[0].lower()} in {name} on {when.isoformat()}, "
            sentence += f"killing {killed} people."
            offset = sum(len(x) + 1 for x in lines)
            lines.append(sentence)
            pid, eid = f"p{len(places) + 1}", f"e{len(events) + 1}"
            places.append(
                Place(
                    id=pid,
                    name=f"{admin1} province" if region else name,
                    geonameid=gid + 10_000_000 if region else gid,
                    country_code=cc,
                    admin1=admin1,
                    lat=lat,
                    lon=lon,
                    feature_code="ADM1" if region else "PPL",
                    geo_precision=3 if region else 1,
                    confidence=0.9,
                    mentions=[Span(start=offset, end=offset + 1, text=sentence[0])],
                )
            )
            ids: list[str | None] = []
            for actor_name, kind in (a1, a2):
                if rng.random() < 0.15:
                    ids.append(None)  # this report does not name one side
                    continue
                aid = next((a.id for a in actors if a.name == actor_name), None)
                if aid is None:
                    aid = f"a{len(actors) + 1}"
                    actors.append(Actor(id=aid, name=actor_name, kind=kind))
                ids.append(aid)
            events.append(
                Event(
                    id=eid,
                    event_type=etype,
                    sub_event_type=sub,
                    actor1=ids[0],
                    actor2=ids[1],
                    place=pid,
                    date=when.isoformat(),
                    time_precision=precision,
                    geo_precision=3 if region else 1,
                    fatalities=Fatalities(low=killed, best=killed, acled=killed),
                    evidence=Span(start=offset, end=offset + len(sentence), text=sentence),
                    confidence=0.8,
                )
            )
        text = "\n".join(lines)
        published = max(e.date or "" for e in events)
        out.append(
            Extraction(
                article=Article(
                    id=f"synthx-{seed}-{i:05d}",
                    text=text,
                    published=published,
                    outlet=_OUTLETS[i % len(_OUTLETS)],
                    url=f"https://example.invalid/{seed}/{i}",
                    language="en",
                ),
                places=places,
                actors=actors,
                events=events,
            )
        )
    return out
