"""Linking actor mentions on hand-written texts (knowledge base only, no spaCy)."""

from __future__ import annotations

import pytest

from wirewatch.actors import Linker, load_kb
from wirewatch.model import Actor


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(load_kb())


def by_name(actors: list[Actor]) -> dict[str, Actor]:
    return {a.name: a for a in actors}


def mentions(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def test_ids_follow_first_mention_and_spans_point_into_the_text(linker: Linker) -> None:
    text = "Hezbollah fired rockets. Later Hamas said Hezbollah had helped."
    actors = linker.link(text)
    assert [a.id for a in actors] == ["a1", "a2"]
    assert [a.name for a in actors] == ["Hezbollah", "Hamas"]
    for actor in actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text
    assert mentions(actors[0]) == ["Hezbollah", "Hezbollah"]


def test_acronym_defined_in_the_text_links_later_mentions(linker: Linker) -> None:
    text = "Fighters of the Sudan Liberation Front (SLF) attacked a market. The SLF later withdrew."
    slf = by_name(linker.link(text))["Sudan Liberation Front"]
    assert not slf.known
    assert slf.kind == "rebel group"
    assert mentions(slf) == ["Sudan Liberation Front", "SLF", "SLF"]


def test_acronym_of_a_known_actor_defined_in_text(linker: Linker) -> None:
    text = "The Islamic State (IS) group claimed it. IS fighters fled, the jihadist group said."
    isis = by_name(linker.link(text))["Islamic State"]
    assert isis.known and isis.kind == "rebel group"
    assert mentions(isis) == ["Islamic State", "IS", "IS", "jihadist group"]


def test_generic_descriptions_resolve_with_the_document_country(linker: Linker) -> None:
    text = "Rebels entered the city while the army withdrew. Residents said troops had left."
    actors = by_name(linker.link(text, place_countries=["SY", "SY"]))
    assert actors["Syrian opposition rebels"].kind == "rebel group"
    army = actors["Military Forces of Syria"]
    assert army.kind == "state forces" and mentions(army) == ["army", "troops"]
    civilians = actors["Civilians (Syria)"]
    assert civilians.kind == "civilians" and not civilians.known


def test_country_from_country_names_when_no_places(linker: Linker) -> None:
    text = "In Mali, jihadists killed five soldiers near the border."
    actors = by_name(linker.link(text))
    assert actors["Islamist militants (Mali)"].kind == "rebel group"
    assert actors["Military Forces of Mali"].country_code == "ML"


def test_country_from_named_actors_when_nothing_else(linker: Linker) -> None:
    text = "The Rapid Support Forces (RSF) seized the town, the army said."
    actors = by_name(linker.link(text))
    assert "Military Forces of Sudan" in actors


def test_demonym_picks_the_forces_of_that_country(linker: Linker) -> None:
    text = "Israeli strikes hit the camp. Sudanese paramilitaries shelled the market."
    actors = by_name(linker.link(text, place_countries=["PS"]))
    assert mentions(actors["Military Forces of Israel"]) == ["Israeli"]
    assert mentions(actors["Rapid Support Forces"]) == ["paramilitaries"]


def test_troops_of_a_leader_are_his_country_forces(linker: Linker) -> None:
    text = "The offensive targeted the troops of President Bashar al-Assad."
    actors = by_name(linker.link(text))
    assert mentions(actors["Military Forces of Syria"]) == ["troops"]
    assad = actors["Bashar al-Assad"]
    assert assad.role == "President" and assad.kind == "person"
    assert assad.affiliation == actors["Government of Syria"].id


def test_coalition_led_by_a_named_group(linker: Linker) -> None:
    text = "The rebels, led by the Arakan Army, took the town. Junta troops retreated."
    actors = by_name(linker.link(text, place_countries=["MM"]))
    rebels = actors["Rebels (Myanmar)"]
    assert rebels.affiliation == actors["Arakan Army"].id
    assert mentions(actors["Military Forces of Myanmar"]) == ["Junta troops"]


def test_titles_give_role_and_affiliation(linker: Linker) -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky asked for help, while Kremlin spokesman "
        "Dmitry Peskov said talks were off. Hamas leader Yahya Sinwar was not seen."
    )
    actors = by_name(linker.link(text))
    zelensky = actors["Volodymyr Zelensky"]
    assert zelensky.role == "President"
    assert zelensky.affiliation == actors["Government of Ukraine"].id
    assert mentions(actors["Government of Ukraine"]) == ["Ukrainian"]
    peskov = actors["Dmitry Peskov"]
    assert peskov.role == "spokesman" and peskov.affiliation == actors["Government of Russia"].id
    assert actors["Yahya Sinwar"].affiliation == actors["Hamas"].id


def test_unknown_person_with_title_and_demonym(linker: Linker) -> None:
    text = "Kenyan Foreign Minister Wanjiku Otieno condemned the raid."
    actors = by_name(linker.link(text))
    person = actors["Wanjiku Otieno"]
    assert person.kind == "person" and not person.known
    assert person.role == "Foreign Minister"
    assert person.affiliation == actors["Government of Kenya"].id


def test_appositions_give_role_and_affiliation(linker: Linker) -> None:
    text = (
        "“We will hold,” said Mara Velden, a researcher at Century International. "
        "Tomas Brink, an insurgent field commander, announced the advance. "
        "Velden added that the front was quiet."
    )
    actors = by_name(linker.link(text, place_countries=["SY"]))
    velden = actors["Mara Velden"]
    assert velden.role == "researcher"
    assert velden.affiliation == actors["Century International"].id
    assert mentions(velden) == ["Mara Velden", "Velden"]
    brink = actors["Tomas Brink"]
    assert brink.role == "insurgent field commander"
    assert brink.affiliation == actors["Syrian opposition rebels"].id


def test_age_is_dropped_from_the_role(linker: Linker) -> None:
    text = "“We are afraid,” said Karim, a 41-year-old shopkeeper."
    karim = by_name(linker.link(text))["Karim"]
    assert karim.role == "shopkeeper"


def test_unknown_organisation_in_apposition(linker: Linker) -> None:
    text = "“It is over,” said Lena Ostrova, an analyst with the Baltic Security Institute."
    actors = by_name(linker.link(text))
    org = actors["Baltic Security Institute"]
    assert not org.known and org.kind == "organisation"
    assert actors["Lena Ostrova"].affiliation == org.id


def test_country_names_are_actors_only_outside_locative_use(linker: Linker) -> None:
    text = "He travelled to Syria and then to Turkey. Turkey condemned the attack on Israel."
    actors = by_name(linker.link(text))
    assert mentions(actors["Government of Turkey"]) == ["Turkey"]
    assert actors["Government of Turkey"].mentions[0].start == text.rindex("Turkey")
    assert "Government of Israel" in actors
    assert "Government of Syria" not in actors


def test_places_are_never_actors(linker: Linker) -> None:
    text = "Protesters gathered in Amal Square."
    start = text.index("Amal Square")
    actors = linker.link(text, place_spans=[(start, start + len("Amal Square"))])
    assert all("Amal" not in a.name for a in actors)


def test_country_inside_a_place_name_is_no_actor(linker: Linker) -> None:
    text = "The fighting could cut the road from Kosti to Port Sudan, the agency said."
    start = text.index("Port Sudan")
    actors = linker.link(text, place_spans=[(start, start + len("Port Sudan"))])
    assert "Government of Sudan" not in by_name(actors)
    # the country on its own is still an actor
    alone = "The talks with Sudan failed, the agency said."
    assert "Government of Sudan" in by_name(linker.link(alone))


def test_shared_acronym_is_settled_by_country(linker: Linker) -> None:
    syria = by_name(linker.link("The SNA shelled Kurdish positions.", place_countries=["SY"]))
    assert "Syrian National Army" in syria
    somalia = by_name(linker.link("The SNA repelled an attack.", place_countries=["SO"]))
    assert "Military Forces of Somalia" in somalia


def test_description_after_a_named_group_is_that_group(linker: Linker) -> None:
    text = "Somali troops and al-Shabaab militants clashed."
    actors = by_name(linker.link(text))
    assert mentions(actors["Al-Shabaab"]) == ["al-Shabaab", "militants"]


def test_adjectival_military_is_not_an_actor(linker: Linker) -> None:
    text = "More than 200 military vehicles left, an insurgent military leader said."
    actors = linker.link(text, place_countries=["SY"])
    assert all(a.kind != "state forces" for a in actors)


def test_ner_evidence_adds_unknown_groups_and_people(linker: Linker) -> None:
    text = "The Desert Falcons Brigade ambushed a convoy, Omar Haddad told reporters."
    g_start = text.index("The Desert")
    p_start = text.index("Omar")
    ents = [(g_start, g_start + len("The Desert Falcons Brigade"), "ORG")]
    ents.append((p_start, p_start + len("Omar Haddad"), "PERSON"))
    actors = by_name(linker.link(text, entities=ents))
    group = actors["Desert Falcons Brigade"]
    assert group.kind == "rebel group" and not group.known
    assert actors["Omar Haddad"].kind == "person"


def test_text_without_actors(linker: Linker) -> None:
    assert linker.link("The weather was mild and the market opened at nine.") == []
    assert linker.link("") == []


def test_ambiguous_description_in_a_country_stays_generic(linker: Linker) -> None:
    # Two Nigerian groups are "militants" in the base: no guess.
    nigeria = by_name(linker.link("Militants attacked a checkpoint.", place_countries=["NG"]))
    assert list(nigeria) == ["Unidentified armed group (Nigeria)"]
    # In Somalia only al-Shabaab is.
    somalia = by_name(linker.link("Militants attacked a checkpoint.", place_countries=["SO"]))
    assert list(somalia) == ["Al-Shabaab"]


def test_recent_named_group_takes_the_description(linker: Linker) -> None:
    text = "Boko Haram raided the village. Residents said the militants burned homes."
    actors = by_name(linker.link(text, place_countries=["NG"]))
    assert [m.text for m in actors["Boko Haram"].mentions] == ["Boko Haram", "militants"]
