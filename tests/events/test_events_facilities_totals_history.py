"""Analyst-visible errors in events and control, on our own invented text: facilities,
war-long totals, whole-article withdrawals, prisoner releases and historical events.

Each test runs the full default pipeline on a short report we wrote; place names are real
towns so that the gazetteer resolves them, the sentences are ours.
"""

from __future__ import annotations

from typing import Any

import pytest

from wirewatch.model import Event, Extraction

pytestmark = pytest.mark.slow


def _run(pipeline: Any, text: str, published: str = "2024-06-20") -> Extraction:
    from wirewatch.extract import extract

    return extract(text, published=published, id="s3", pipeline=pipeline)


def _place_name(ex: Extraction, place_id: str | None) -> str | None:
    return next((p.name for p in ex.places if p.id == place_id), None)


def _found(ex: Extraction, **want: Any) -> list[Event]:
    """The events whose fields equal ``want``; fails (listing every event) when none."""
    hits = [e for e in ex.events if all(getattr(e, k) == v for k, v in want.items())]
    assert hits, [(e.sub_event_type, e.plover_type, e.category) for e in ex.events]
    return hits


# --------------------------------------------------------------------------- facilities


def test_capturing_a_base_near_a_town_is_not_control_of_the_town(pipeline: Any) -> None:
    text = (
        "Militia fighters of the Rapid Support Forces overran a police barracks near Kosti "
        "on Monday, local residents said."
    )
    ex = _run(pipeline, text)
    _found(ex, sub_event_type="Non-state actor overtakes territory")
    assert ex.control, "the capture of the barracks is still recorded"
    for entry in ex.control:
        # the entry names the barracks: nothing says who holds Kosti itself
        assert entry.facility == "police barracks", entry


def test_capturing_the_town_itself_still_gives_control(pipeline: Any) -> None:
    text = (
        "Militia fighters of the Rapid Support Forces captured the town of Kosti on Monday "
        "after a day of fighting, local residents said."
    )
    ex = _run(pipeline, text)
    entries = [c for c in ex.control if _place_name(ex, c.place) == "Kosti"]
    assert entries and entries[0].facility is None
    assert entries[0].holder is not None


def test_taking_control_of_a_town_gives_control(pipeline: Any) -> None:
    text = "The Rapid Support Forces took control of Kosti on Monday, local residents said."
    ex = _run(pipeline, text)
    entries = [c for c in ex.control if _place_name(ex, c.place) == "Kosti"]
    assert entries and entries[0].facility is None


def test_facility_entries_stay_out_of_the_place_timeline(pipeline: Any) -> None:
    from wirewatch.fuse import flatten_extraction

    text = (
        "Militia fighters of the Rapid Support Forces overran an army base near Kosti on "
        "Monday, local residents said."
    )
    ex = _run(pipeline, text)
    assert any(c.facility == "army base" for c in ex.control)
    flat = flatten_extraction(ex)
    assert not [c for c in flat.control if c.place.name == "Kosti"]


# --------------------------------------------------------------------------- cumulative totals


def test_a_war_total_is_no_dated_placed_event(pipeline: Any) -> None:
    text = (
        "Hundreds of families reached Kosti on foot on Tuesday, aid workers said.\n"
        "The civil war between the army and the militia, which broke out in May 2022, has "
        "displaced more than four million people."
    )
    ex = _run(pipeline, text)
    second = text.index("The civil war")
    late = [e for e in ex.events if e.evidence is not None and e.evidence.start >= second]
    assert not late, [(e.category, e.place, e.date) for e in late]
    # the figure itself is kept, as a quantity
    assert any(q.value == 4_000_000 for q in ex.quantities)


def test_a_total_since_the_war_began_is_no_event(pipeline: Any) -> None:
    text = (
        "Shelling by the army hit a market in Kosti on Tuesday.\n"
        "More than 300,000 people have fled their homes since the war began, the agency said."
    )
    ex = _run(pipeline, text)
    assert not [e for e in ex.events if e.category == "displacement"]


def test_recent_displacement_with_its_own_place_and_time_stays(pipeline: Any) -> None:
    text = "Fighting has displaced 5,000 people in Kosti this week, aid workers said."
    ex = _run(pipeline, text)
    moved = _found(ex, category="displacement")
    assert _place_name(ex, moved[0].place) == "Kosti"


def test_a_capture_in_the_perfect_tense_stays_an_event(pipeline: Any) -> None:
    text = "The army has recaptured the town of Kosti since Monday, a military source said."
    ex = _run(pipeline, text)
    assert any(e.sub_event_type == "Government regains territory" for e in ex.events)


# --------------------------------------------------------------------------- ACLED coding


def test_freeing_prisoners_while_taking_the_town_has_no_acled_code(pipeline: Any) -> None:
    text = (
        "Rebels of the Northern Front captured the town of Kosti on Monday after the army "
        "retreated.\n"
        '"Our fighters stormed the town jail and freed all the detainees," a rebel commander '
        "said."
    )
    ex = _run(pipeline, text)
    freed = _found(ex, category="prisoner_release")
    assert all(e.event_type is None and e.sub_event_type is None for e in freed)


def test_a_release_by_the_holder_is_an_agreement(pipeline: Any) -> None:
    text = "The military government released 200 political detainees in Kosti on Monday."
    ex = _run(pipeline, text)
    freed = _found(ex, category="prisoner_release")
    assert (freed[0].sub_event_type, freed[0].plover_type) == ("Agreement", "CONCEDE")


def test_withdrawal_from_a_town_the_other_side_takes_is_a_transfer(pipeline: Any) -> None:
    text = (
        "Rebels of the Northern Front entered Kosti on Tuesday, residents said.\n"
        "The army said its units had pulled out of the town to spare civilians."
    )
    ex = _run(pipeline, text)
    moves = _found(ex, plover_type="RETREAT")
    assert moves[0].sub_event_type == "Non-violent transfer of territory"
    assert moves[0].actor2 is not None  # the side the town went to


def test_withdrawal_with_no_new_holder_stays_a_change_of_activity(pipeline: Any) -> None:
    text = "The army said its units had pulled out of Kosti to spare civilians."
    ex = _run(pipeline, text)
    moves = _found(ex, plover_type="RETREAT")
    assert moves[0].sub_event_type == "Change to group/activity"


# --------------------------------------------------------------------------- historical flag


def test_fused_event_is_historical_only_when_every_source_says_so() -> None:
    from wirewatch.fuse import EventRecord, build_fused_event

    def rec(key: str, historical: bool) -> EventRecord:
        return EventRecord(
            key=key,
            article_id=key.split("#")[0],
            local_id="e1",
            event_type="Battles",
            sub_event_type="Armed clash",
            date="2019-07-02",
            time_precision=3,
            historical=historical,
        )

    assert build_fused_event([rec("a#e1", True), rec("b#e1", True)]).historical
    assert not build_fused_event([rec("a#e1", True), rec("b#e1", False)]).historical


def test_historical_events_are_marked_and_filtered_in_the_listing(tmp_path: Any) -> None:
    from typer.testing import CliRunner

    from wirewatch.cli.app import app

    src = tmp_path / "in"
    src.mkdir()
    (src / "old.txt").write_text(
        "Rebels of the Northern Front seized the town of Kosti in 2019, a year before "
        "government troops retook it.\n",
        encoding="utf-8",
    )
    (src / "new.txt").write_text(
        "Gunmen attacked a police checkpoint near Kosti on Tuesday, killing four soldiers, "
        "the army said.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "x.sqlite")
    runner = CliRunner()
    out = runner.invoke(app, ["ingest", "--db", db, str(src), "--published", "2024-06-20"])
    assert out.exit_code == 0, out.output

    def listed(*flags: str) -> list[dict[str, Any]]:
        import json

        res = runner.invoke(app, ["events", "--db", db, "--format", "json", *flags])
        assert res.exit_code == 0, res.output
        return list(json.loads(res.stdout))

    every = listed()
    assert {e["historical"] for e in every} == {True, False}
    old = listed("--historical")
    assert old and all(e["historical"] for e in old)
    assert all(e["date"].startswith("2019") for e in old)
    new = listed("--no-historical")
    assert new and not any(e["historical"] for e in new)
    assert len(old) + len(new) == len(every)
    table = runner.invoke(app, ["events", "--db", db])
    assert table.exit_code == 0 and "hist" in table.stdout


# --------------------------------------------------------------------------- destinations


def test_displacement_is_not_placed_where_people_went(pipeline: Any) -> None:
    text = (
        "The militia shelled villages near Kosti on Monday.\n"
        "Thousands of families fled towards Rabak and Sennar on Tuesday, the agency said."
    )
    ex = _run(pipeline, text)
    moved = _found(ex, category="displacement")
    assert _place_name(ex, moved[0].place) not in ("Rabak", "Sennar")


# --------------------------------------------------------------------------- uncoded events


def test_displacement_and_forced_releases_reach_the_event_database(
    pipeline: Any, tmp_path: Any
) -> None:
    from wirewatch.store import open_store

    text = (
        "Rebels of the Northern Front captured the town of Kosti on Monday.\n"
        '"Our fighters stormed the town jail and freed all the detainees," a rebel commander '
        "said.\n"
        "In Sennar, hundreds of families began fleeing the city on Tuesday as the fighting "
        "spread, aid workers said."
    )
    ex = _run(pipeline, text)
    kinds = {e.category for e in ex.events if e.event_type is None and e.plover_type is None}
    assert {"displacement", "prisoner_release"} <= kinds
    store = open_store(str(tmp_path / "x.sqlite"), create=True)
    try:
        store.add_extraction(ex, source="test")
        listed = {e.category for e in store.query_events(limit=None)}
    finally:
        store.close()
    assert {"displacement", "prisoner_release"} <= listed


# --------------------------------------------------------------------------- passive losses


def test_a_group_chased_away_lost_the_place(pipeline: Any) -> None:
    text = (
        "The militants of the Northern Front held the town of Kosti for months before being "
        "driven out in 2021, a local official recalled on Monday."
    )
    ex = _run(pipeline, text)
    lost = [e for e in ex.events if e.trigger is not None and "driven" in e.trigger.text]
    assert lost, [(e.sub_event_type, e.trigger) for e in ex.events]
    assert lost[0].sub_event_type == "Government regains territory"
    assert lost[0].actor1 is None and lost[0].actor2 is not None
    assert lost[0].historical


def test_two_events_of_one_article_are_never_fused_together() -> None:
    from wirewatch.fuse import EventRecord, PlaceRef, fuse_records

    town = PlaceRef(name="Kosti", geonameid=1, country_code="SD", admin1="White Nile")
    near = PlaceRef(name="Kosti district", country_code="SD", admin1="White Nile", geo_precision=3)

    def rec(key: str, place: PlaceRef, date: str) -> EventRecord:
        return EventRecord(
            key=key,
            article_id=key.split("#")[0],
            local_id=key.split("#")[1],
            event_type="Battles",
            sub_event_type="Non-state actor overtakes territory",
            place=place,
            date=date,
            time_precision=1,
        )

    same_article = [rec("a#e1", town, "2024-06-17"), rec("a#e2", near, "2024-06-17")]
    assert len(fuse_records(same_article)) == 2
    two_reports = [rec("a#e1", town, "2024-06-17"), rec("b#e1", near, "2024-06-17")]
    assert len(fuse_records(two_reports)) == 1


def test_a_relative_clause_year_dates_its_noun_not_the_event(pipeline: Any) -> None:
    text = "The militia, which was formed in 2013, shelled the market of Kosti, residents said."
    ex = _run(pipeline, text)
    shelling = _found(ex, sub_event_type="Shelling/artillery/missile attack")
    assert not shelling[0].historical
    assert shelling[0].date is not None and not shelling[0].date.startswith("2013")
