"""Synthetic news-like conflict reports for benchmarks and scale tests.

The sentences are templates written by the team (no news text is copied); slots are filled
from small lists of real places, parties and figures with a seeded random generator, so a
corpus is reproducible from ``(n, seed)``. About one article in ten is a non-conflict
story, as in a real feed. The articles are plausible in shape (datelines, attributions,
quotes, figures, relative dates), not in fact: never use them as ground truth.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

# (town, province, country, nearby town) — real places, used only as slot fillers.
_PLACES = [
    ("Hama", "Hama province", "Syria", "Homs"),
    ("Idlib", "Idlib province", "Syria", "Saraqib"),
    ("Deir ez-Zor", "Deir ez-Zor province", "Syria", "Mayadin"),
    ("Kharkiv", "Kharkiv region", "Ukraine", "Kupiansk"),
    ("Pokrovsk", "Donetsk region", "Ukraine", "Myrnohrad"),
    ("Kherson", "Kherson region", "Ukraine", "Beryslav"),
    ("El Fasher", "North Darfur", "Sudan", "Kutum"),
    ("Wad Madani", "Gezira state", "Sudan", "Hasaheisa"),
    ("Goma", "North Kivu", "DR Congo", "Sake"),
    ("Bunia", "Ituri", "DR Congo", "Djugu"),
    ("Gao", "Gao region", "Mali", "Ansongo"),
    ("Djibo", "Sahel region", "Burkina Faso", "Arbinda"),
    ("Maiduguri", "Borno state", "Nigeria", "Konduga"),
    ("Mogadishu", "Banadir", "Somalia", "Afgoye"),
    ("Marib", "Marib governorate", "Yemen", "Sirwah"),
    ("Khan Younis", "the southern Gaza Strip", "the Palestinian territories", "Rafah"),
    ("Lashio", "northern Shan state", "Myanmar", "Hsipaw"),
    ("Gondar", "Amhara region", "Ethiopia", "Bahir Dar"),
    ("Kirkuk", "Kirkuk province", "Iraq", "Hawija"),
    ("Port-au-Prince", "Ouest department", "Haiti", "Croix-des-Bouquets"),
]
_PAIRS = [
    ("government forces", "rebel fighters"),
    ("the army", "armed militants"),
    ("security forces", "insurgents"),
    ("soldiers", "fighters of an armed group"),
    ("the military", "gunmen"),
    ("paramilitary fighters", "the armed forces"),
]
_SOURCES = [
    "a local monitoring group",
    "the health ministry",
    "a spokesman for the armed forces",
    "the regional governor",
    "a United Nations agency",
    "residents reached by telephone",
    "a hospital official",
]
_QUOTES = [
    "We heard explosions all night and we could not leave the house",
    "The situation is very difficult and the wounded cannot be evacuated",
    "Our forces are in full control of the area",
    "We have lost everything and we do not know where to go",
    "The enemy suffered heavy losses and withdrew",
]
_NON_CONFLICT = [
    "The central bank kept its main interest rate unchanged on {weekday}, citing slowing "
    "inflation and weak demand for credit in the second half of the year.",
    "Farmers in {province} said the harvest was better than expected after late rains, although "
    "prices for seed and fertiliser rose by about {pct} percent.",
    "The national football team won {a} to {b} in a friendly match on {weekday}, with two goals "
    "scored in the last ten minutes.",
    "Officials opened a new bridge across the river on {weekday}, cutting the journey between "
    "the two towns to under an hour, the ministry of transport said.",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(slots=True)
class SynthArticle:
    """One generated article with its id and publication date."""

    id: str
    text: str
    published: str


def _conflict_article(rng: random.Random, published: date) -> str:
    town, province, country, near = rng.choice(_PLACES)
    gov, rebels = rng.choice(_PAIRS)
    weekday = _WEEKDAYS[published.weekday() if rng.random() < 0.5 else rng.randrange(7)]
    killed = rng.choice([rng.randint(2, 40), rng.randint(40, 400)])
    wounded = rng.randint(3, 90)
    src = rng.choice(_SOURCES)
    src2 = rng.choice([s for s in _SOURCES if s != src])
    quote = rng.choice(_QUOTES)
    month = published.strftime("%B")
    day = max(1, published.day - rng.randint(1, 9))
    qualifier = rng.choice(["at least", "more than", "about", "nearly", ""])
    lines = [
        " ".join(
            f"{rebels.capitalize()} attacked positions held by {gov} on the outskirts of {town} "
            f"in {province} on {weekday}, killing {qualifier} {killed} people, according to "
            f"{src}.".split()
        ),
        f"Fighting spread to villages near {near} overnight and {wounded} people were wounded, "
        f"{src2} said, adding that dozens of families had fled towards the provincial capital.",
        f"\u201c{quote},\u201d said a {rng.randint(24, 67)}-year-old resident who asked not to be "
        "named for fear of reprisals.",
        f"The offensive began on {month} {day}, when {rebels} seized several checkpoints on the "
        f"main road linking {town} and {near}.",
        f"{gov.capitalize()} said they had carried out air strikes on supply lines and that the "
        f"situation in {town} was under control, a claim that could not be independently verified.",
        rng.choice(
            [
                f"Aid agencies warned that hundreds of thousands of people in {country} depend on "
                "food assistance and that roads into the area had been closed for weeks.",
                f"Two weeks earlier, a car bomb exploded at a market in {near}, killing "
                f"{rng.randint(3, 25)} civilians.",
                f"Police arrested {rng.randint(5, 60)} people in {town} on suspicion of helping "
                "the attackers, the interior ministry said in a statement.",
            ]
        ),
        f"The {country} conflict has killed tens of thousands of people and displaced millions "
        f"since it began, and talks between the two sides stalled earlier this year.",
    ]
    rng.shuffle(lines[3:])
    return "\n".join(lines)


def _other_article(rng: random.Random, published: date) -> str:
    _, province, _, _ = rng.choice(_PLACES)
    parts = [
        template.format(
            weekday=rng.choice(_WEEKDAYS),
            province=province,
            pct=rng.randint(3, 30),
            a=rng.randint(0, 4),
            b=rng.randint(0, 3),
        )
        for template in rng.sample(_NON_CONFLICT, k=3)
    ]
    return "\n".join(parts)


def generate_articles(
    n: int, *, seed: int = 7, start: date = date(2024, 11, 1)
) -> Iterator[SynthArticle]:
    """Yield ``n`` reproducible synthetic articles published over the weeks after ``start``."""
    rng = random.Random(seed)
    for i in range(n):
        published = start + timedelta(days=rng.randrange(60))
        make = _other_article if rng.random() < 0.1 else _conflict_article
        yield SynthArticle(
            id=f"synth-{seed}-{i:06d}", text=make(rng, published), published=published.isoformat()
        )
