"""The reference report (published 2024-12-05) through the full pipeline: events and control."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _place(hama, name):  # type: ignore[no-untyped-def]
    return next((p.id for p in hama.places if p.name in name or name in p.name), None)


def _events_at(hama, name, **fields):  # type: ignore[no-untyped-def]
    pid = _place(hama, name)
    return [
        e
        for e in hama.events
        if e.place == pid and all(getattr(e, k) == v for k, v in fields.items())
    ]


def _kind_of(hama, actor_id):  # type: ignore[no-untyped-def]
    actor = next((a for a in hama.actors if a.id == actor_id), None)
    return actor.kind if actor else None


def test_rebels_take_hama_on_thursday(hama) -> None:  # type: ignore[no-untyped-def]
    taken = _events_at(hama, "Hama", sub_event_type="Non-state actor overtakes territory")
    assert taken, [(e.trigger.text, e.place) for e in hama.events]
    ev = taken[0]
    assert ev.event_type == "Battles"
    assert ev.date == "2024-12-05" and ev.time_precision == 1
    assert _kind_of(hama, ev.actor1) == "rebel group"
    assert not (ev.negated or ev.hypothetical or ev.historical)


def test_aleppo_taken_about_four_days_earlier(hama) -> None:  # type: ignore[no-untyped-def]
    aleppo = _events_at(hama, "Aleppo", sub_event_type="Non-state actor overtakes territory")
    assert aleppo
    assert aleppo[0].date == "2024-12-01" and aleppo[0].time_precision == 2


def test_offensive_from_idlib_with_the_ngo_death_toll(hama) -> None:  # type: ignore[no-untyped-def]
    offensive = [
        e for e in hama.events if e.sub_event_type == "Armed clash" and e.date == "2024-11-27"
    ]
    assert offensive
    ev = offensive[0]
    assert ev.place == _place(hama, "Idleb") or ev.place == _place(hama, "Idlib")
    assert ev.fatalities.low == 800 and ev.fatalities.high is None
    # HTS leads the offensive: it is on actor1's side, never its target.
    hts = next(a.id for a in hama.actors if "Tahrir" in a.name)
    assert ev.actor2 != hts
    assert hts == ev.actor1 or hts in ev.assoc_actors
    # The toll is the offensive's, not the capture of Hama's.
    for capture in _events_at(hama, "Hama", sub_event_type="Non-state actor overtakes territory"):
        assert capture.fatalities.low in (None, 0)


def test_moves_statements_and_flags(hama) -> None:  # type: ignore[no-untyped-def]
    cats = [(e.plover_type, e.category, e.place) for e in hama.events]
    homs, hama_id = _place(hama, "Homs"), _place(hama, "Hama")
    assert (None, "displacement", homs) in cats
    assert ("RETREAT", "retreat", hama_id) in cats
    assert sum(1 for e in hama.events if e.plover_type == "RETREAT") >= 2
    # "left Hama ... and withdrew from two other towns": two movements, not one folded
    assert any(e.plover_type == "RETREAT" and e.trigger.text == "withdrew" for e in hama.events)
    assert any(e.category == "prisoner_release" and e.place == hama_id for e in hama.events)
    assert any(e.plover_type == "REQUEST" for e in hama.events)
    assert any(e.plover_type == "SUPPORT" for e in hama.events)
    forecast = [e for e in hama.events if e.trigger and e.trigger.text == "advance"]
    assert forecast and forecast[0].hypothetical
    background = [e for e in hama.events if e.date and e.date.startswith("2019")]
    assert background and all(e.historical for e in background)
    # the 2019 expulsion is kept as its own flagged event, not vetoed or merged away
    chased = [e for e in hama.events if e.trigger and e.trigger.text.startswith("chased")]
    assert chased and all(e.historical for e in chased)


def test_control_after_the_report(hama) -> None:  # type: ignore[no-untyped-def]
    latest = {}
    for entry in hama.control:
        latest[entry.place] = entry
    kinds = {
        name: _kind_of(hama, latest[_place(hama, name)].holder)
        for name in ("Hama", "Aleppo", "Homs", "Damascus")
        if _place(hama, name) in latest
    }
    assert kinds.get("Hama") == "rebel group"
    assert kinds.get("Aleppo") == "rebel group"
    assert kinds.get("Homs") in ("government", "state forces")
    assert kinds.get("Damascus") in ("government", "state forces")
    idlib = _place(hama, "Idleb") or _place(hama, "Idlib")
    assert _kind_of(hama, latest[idlib].holder) == "rebel group"
    assert latest[_place(hama, "Hama")].status == "contested"
    assert latest[_place(hama, "Homs")].status == "reported"
