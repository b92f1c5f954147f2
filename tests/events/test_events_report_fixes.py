"""Analyst-visible coding errors, on our own text: quoted echoes, generic wars, background
clauses, modality words and trigger specificity."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

PLACES = {
    "Marav": {"feature_code": "PPL"},
    "Tessa": {"feature_code": "PPLA"},
    "Kolo": {"feature_code": "PPL"},
}
ACTORS = {
    "Liberation Front": ("rebel group", ["the rebels", "rebels", "LF"]),
    "National Army": ("state forces", ["the army", "troops", "soldiers"]),
}


def _code(coder, make_doc, text, **kw):  # type: ignore[no-untyped-def]
    doc = make_doc(text, places=PLACES, actors=ACTORS, **kw)
    coder.code(doc)
    return doc


def _main_type(coder, make_doc, text):  # type: ignore[no-untyped-def]
    """The sub-event type of the text's main event (None when it has none)."""
    main = coder.main_event(_code(coder, make_doc, text).events)
    return main.sub_event_type if main is not None else None


def test_quoted_witness_repeats_the_reported_shelling(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Nine civilians were killed in shelling of Marav on Tuesday, a rights group said.\n"
        'Hundreds of families walked to Tessa. "We ran with the children. The shells kept '
        'landing near the bakery," said Leila, a nurse who reached Tessa on Friday.'
    )
    doc = _code(coder, make_doc, text, times={"Tuesday": ("2024-12-03", 1)})
    shelling = [e for e in doc.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert len(shelling) == 1, [(e.trigger.text, e.place) for e in shelling]
    assert shelling[0].place == "p1"


def test_new_dated_attack_inside_a_quote_stays_an_event(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Nine civilians were killed in shelling of Marav on Tuesday, a rights group said.\n"
        '"On Friday the rebels shelled Kolo as well," the mayor said.'
    )
    times = {"Tuesday": ("2024-12-03", 1), "Friday": ("2024-12-06", 1)}
    doc = _code(coder, make_doc, text, times=times)
    shelling = [e for e in doc.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert len(shelling) == 2


def test_a_war_displacing_people_has_no_actor(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    # (A running total, "has displaced two million since 2022", is no event at all now:
    # see test_events_facilities_totals_history.py; a dated, placed displacement keeps
    # the rule tested here.)
    text = "The war between the army and the rebels displaced two thousand people from Marav."
    doc = _code(coder, make_doc, text)
    moved = [e for e in doc.events if e.category == "displacement"]
    assert moved and moved[0].actor1 is None


def test_fighting_that_could_cut_a_road_is_hypothetical(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = "Aid agencies warned that the fighting could cut the only road linking Tessa to Kolo."
    doc = _code(coder, make_doc, text)
    fights = [e for e in doc.events if e.event_type == "Battles" or e.sub_event_type == "Attack"]
    assert fights and all(e.hypothetical for e in fights)
    assert coder.main_event(doc.events) is None


def test_offensive_launched_from_their_base_has_no_own_side_target(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = "The rebels launched an offensive on Monday from their stronghold of Tessa."
    doc = _code(coder, make_doc, text)
    offensive = next(e for e in doc.events if e.trigger and e.trigger.text == "offensive")
    assert offensive.actor1 == "a1" and offensive.actor2 is None


def test_specific_weapon_beats_the_generic_attack(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = "Two soldiers were killed in a landmine attack by rebels near Kolo on Saturday."
    assert _main_type(coder, make_doc, text) == "Remote explosive/landmine/IED"


def test_background_fighting_does_not_outrank_the_ceasefire(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = "The army and the rebels agreed to a ceasefire in Kolo following a month of fighting."
    assert _main_type(coder, make_doc, text) == "Agreement"


def test_a_possible_attack_is_hypothetical(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = "Villagers in Kolo formed patrols to defend their homes against a possible attack."
    doc = _code(coder, make_doc, text)
    attacks = [e for e in doc.events if e.trigger and e.trigger.text == "attack"]
    assert attacks and all(e.hypothetical for e in attacks)


@pytest.mark.parametrize(
    "text",
    [
        "Coast guards intercepted a boat carrying forty migrants off the island on Sunday.",
        "A gas cylinder exploded in a restaurant kitchen, injuring three cooks.",
        "Dozens fell ill after chlorine gas leaked from a water treatment plant.",
    ],
)
def test_accidents_and_migrant_interceptions_are_no_violence(coder, make_doc, text) -> None:  # type: ignore[no-untyped-def]
    doc = _code(coder, make_doc, text)
    assert coder.main_event(doc.events) is None, [
        (e.sub_event_type, e.trigger.text if e.trigger else None) for e in doc.events
    ]


def test_withdrawal_from_a_base_is_a_change_of_activity(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = "Government troops have withdrawn from a military base near Kolo."
    assert _main_type(coder, make_doc, text) == "Change to group/activity"


def test_verb_and_particle_around_the_object(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = "Army units drove the rebels out of several villages near Kolo on Monday."
    assert _main_type(coder, make_doc, text) == "Government regains territory"


def test_fire_on_peaceful_protesters_is_excessive_force(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Three people were killed when soldiers opened fire on peaceful protesters in Tessa, "
        "as weeks of unrest continued."
    )
    assert _main_type(coder, make_doc, text) == "Excessive force against protesters"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Government troops have set up two new military bases near Kolo.",
            "Headquarters or base established",
        ),
        (
            "A company of the rebel brigade surrendered to the army near Kolo on Monday.",
            "Agreement",
        ),
        (
            "Soldiers discovered a large amount of ammunition believed to belong to the rebels.",
            "Disrupted weapons use",
        ),
        (
            "Police clashed with hundreds of protesters in Tessa, firing tear gas.",
            "Violent demonstration",
        ),
        (
            "Two rockets hit the market in Kolo, and a tank attack killed three farmers nearby.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_coded_sub_event_types(coder, make_doc, text, expected) -> None:  # type: ignore[no-untyped-def]
    doc = _code(coder, make_doc, text)
    main = coder.main_event(doc.events)
    assert main is not None and main.sub_event_type == expected, [
        (e.sub_event_type, e.trigger.text if e.trigger else None) for e in doc.events
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The militant group took credit for the suicide bombing that killed dozens in Tessa.",
        "Two suicide bombers are suspected to be behind the blasts that hit a church in Kolo.",
        "The two countries withdrew from a missile pact signed in 1987.",
    ],
)
def test_attribution_and_weapon_names_are_no_main_event(coder, make_doc, text) -> None:  # type: ignore[no-untyped-def]
    doc = _code(coder, make_doc, text)
    assert coder.main_event(doc.events) is None, [
        (e.sub_event_type, e.category, e.trigger.text if e.trigger else None) for e in doc.events
    ]


def test_the_worst_that_happened_at_a_protest_codes_it(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Thousands of students marched peacefully through Tessa on Sunday. "
        "Later in the evening, police fired water cannon to disperse the march."
    )
    assert _main_type(coder, make_doc, text) == "Protest with intervention"


def test_a_town_seized_long_ago_is_background_to_its_recapture(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = "The army said it had recaptured Kolo, a town seized by the rebels in the spring."
    assert _main_type(coder, make_doc, text) == "Government regains territory"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Riot police chased demonstrators through the centre of Tessa on Tuesday.",
            "Protest with intervention",
        ),
        (
            "Dozens were hurt after a non-violent demonstration in Kolo was broken up by police.",
            "Protest with intervention",
        ),
        (
            "While some demonstrators rallied peacefully in Tessa, others clashed with police "
            "and looted shops.",
            "Violent demonstration",
        ),
        (
            "During the shoot-out between the rebels and soldiers near Kolo, one civilian was "
            "killed.",
            "Armed clash",
        ),
    ],
)
def test_protest_and_clash_typing(coder, make_doc, text, expected) -> None:  # type: ignore[no-untyped-def]
    doc = _code(coder, make_doc, text)
    main = coder.main_event(doc.events)
    assert main is not None and main.sub_event_type == expected, [
        (e.sub_event_type, e.trigger.text if e.trigger else None) for e in doc.events
    ]


def test_violence_that_is_the_reason_for_sanctions(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The government imposed sanctions on the militia's leaders in response to the "
        "shelling of Kolo."
    )
    doc = _code(coder, make_doc, text)
    shelling = [e for e in doc.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].category == "reason"
    assert coder.main_event(doc.events) is None


def test_a_base_near_a_place_is_placed_there(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = "The rebels took Tessa on Friday, two days after they overran an army base near Kolo."
    doc = _code(coder, make_doc, text)
    overrun = [e for e in doc.events if e.trigger and e.trigger.text == "overran"]
    assert overrun and overrun[0].place == "p3"


def test_arrests_at_a_protest_are_its_intervention(coder, make_doc) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Security forces stepped up their crackdown on student protests in Tessa, "
        "with mass arrests and beatings of marchers."
    )
    doc = _code(coder, make_doc, text)
    main = coder.main_event(doc.events)
    assert main is not None and main.event_type == "Protests", [
        (e.sub_event_type, e.trigger.text if e.trigger else None) for e in doc.events
    ]
