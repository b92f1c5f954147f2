"""Actors of the reference report through the full default pipeline (slow)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def actors(hama):  # type: ignore[no-untyped-def]
    return {a.name: a for a in hama.actors}


@pytest.fixture(scope="module")
def by_id(hama):  # type: ignore[no-untyped-def]
    return {a.id: a for a in hama.actors}


def texts(actor) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.text for m in actor.mentions]


def test_ids_are_in_order_of_first_mention(hama) -> None:  # type: ignore[no-untyped-def]
    mentioned = [a for a in hama.actors if a.mentions]
    assert [a.id for a in hama.actors] == [f"a{i}" for i in range(1, len(hama.actors) + 1)]
    firsts = [min(m.start for m in a.mentions) for a in mentioned]
    assert firsts == sorted(firsts)
    for a in hama.actors:
        for m in a.mentions:
            assert hama.article.text[m.start : m.end] == m.text


def test_hts_leads_the_rebels(actors, by_id) -> None:  # type: ignore[no-untyped-def]
    hts = actors["Hayat Tahrir al-Sham"]
    assert hts.kind == "rebel group" and hts.known
    assert "HTS" in texts(hts)
    rebels = [a for a in actors.values() if "rebels" in texts(a)]
    assert len(rebels) == 1
    assert rebels[0].kind == "rebel group"
    assert by_id[rebels[0].affiliation] is hts
    # The insurgent commander belongs to the rebels.
    ghani = actors["Hassan Abdel Ghani"]
    assert ghani.role == "insurgent military leader"
    assert ghani.affiliation == rebels[0].id


def test_government_forces_and_assad(actors, by_id) -> None:  # type: ignore[no-untyped-def]
    army = actors["Military Forces of Syria"]
    assert army.kind == "state forces"
    for mention in ("troops", "Syrian army", "army", "government forces"):
        assert mention in texts(army)
    assad = actors["Bashar al-Assad"]
    assert assad.kind == "person" and assad.role == "President"
    assert by_id[assad.affiliation].name == "Government of Syria"
    assert by_id[assad.affiliation].kind == "government"
    assert "Assad" in texts(assad)  # "Mr. Assad"


def test_named_people_with_roles(actors, by_id) -> None:  # type: ignore[no-untyped-def]
    abbas = actors["Ali Mahmoud Abbas"]
    assert abbas.role == "Defense Minister"
    assert by_id[abbas.affiliation].name == "Government of Syria"
    assert texts(abbas) == ["Ali Abbas", "Ali Abbas"]
    lund = actors["Aron Lund"]
    assert lund.role == "researcher" and by_id[lund.affiliation].name == "Century International"
    erdogan = actors["Recep Tayyip Erdogan"]
    assert erdogan.role == "President" and by_id[erdogan.affiliation].name == "Government of Turkey"
    blinken = actors["Antony Blinken"]
    assert blinken.role == "Secretary of State"
    assert by_id[blinken.affiliation].country_code == "US"
    # The 33-year-old civil servant is not the minister.
    civil = [a for a in actors.values() if a.role == "civil servant"]
    assert len(civil) == 1 and civil[0].name == "Abbas"


def test_other_parties_organisations_and_media(actors) -> None:  # type: ignore[no-untyped-def]
    assert actors["Hezbollah"].known
    assert actors["Islamic State"].kind == "rebel group"
    assert "jihadist group" in texts(actors["Islamic State"])
    assert texts(actors["Government of Israel"]) == ["Israel"]
    sohr = actors["Syrian Observatory for Human Rights"]
    assert sohr.kind == "organisation" and "OSDH" in texts(sohr)
    assert actors["Syrian Arab News Agency"].kind == "media"
    residents = [a for a in actors.values() if "residents" in texts(a)]
    assert [a.kind for a in residents] == ["civilians"]
