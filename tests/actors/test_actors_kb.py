"""The packaged actor knowledge base and the validation of actor files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wirewatch.actors import ACTOR_KINDS, Linker, load_kb, read_actor_file
from wirewatch.errors import DataFileError


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_kb()


def test_packaged_base_is_large_and_valid(kb) -> None:  # type: ignore[no-untyped-def]
    assert len(kb) >= 300
    kinds = kb.by_kind()
    assert set(kinds) <= set(ACTOR_KINDS)
    # Every family of actor the brief asks for is represented.
    for kind in ("state forces", "rebel group", "political militia", "government", "person"):
        assert kinds[kind] >= 10, kind
    for kind in ("organisation", "media", "identity militia", "external/other forces"):
        assert kinds[kind] >= 5, kind


def test_affiliations_and_ids_are_consistent(kb) -> None:  # type: ignore[no-untyped-def]
    for entry in kb.entries.values():
        if entry.affiliation:
            assert entry.affiliation in kb.entries, entry.id
        if entry.wikidata:
            assert re.fullmatch(r"Q[1-9]\d*", entry.wikidata), entry.id
        if entry.country:
            assert entry.country in kb.countries, (entry.id, entry.country)
        if entry.kind == "person":
            assert entry.role, f"person {entry.id} needs a role"


def test_conflict_parties_are_covered(kb) -> None:  # type: ignore[no-untyped-def]
    for actor_id in (
        "hts", "sdf", "isis", "hezbollah", "hamas", "houthis", "rsf", "m23", "jnim",
        "al-shabaab", "tdf", "arakan-army", "taliban", "pmf", "viv-ansanm", "cjng",
        "wagner", "sohr", "sana", "icrc", "msf", "unhcr", "mil-SY", "mil-UA", "mil-RU",
        "gov-SD", "mil-MM", "assad", "erdogan", "blinken", "zelensky", "putin", "hemedti",
    ):  # fmt: skip
        assert actor_id in kb.entries, actor_id
    assert kb.entries["assad"].affiliation == "gov-SY"
    assert "OSDH" in kb.entries["sohr"].acronyms


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps({"id": "x-brigade", "name": "Xylo Brigade", "kind": "rebel group"})


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "invalid JSON"),
        (json.dumps({"id": "y", "name": "Y", "kind": "warlords"}), "unknown kind"),
        (json.dumps({"id": "y", "name": "Y"}), "'kind' is required"),
        (json.dumps({"id": "y", "name": "Y", "kind": "media", "colour": "red"}), "unknown field"),
        (json.dumps({"id": "y", "name": "Y", "kind": "media", "country": "Syria"}), "ISO 3166"),
        (json.dumps({"id": "y", "name": "Y", "kind": "media", "wikidata": "12"}), "Wikidata"),
        (json.dumps({"id": "y", "name": "Y", "kind": "media", "aliases": "Why"}), "list"),
        (json.dumps({"id": "bad id!", "name": "Y", "kind": "media"}), "bad id"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_bad_line_is_rejected_with_its_line(tmp_path: Path, bad_line: str, message: str) -> None:
    path = _write(tmp_path, [GOOD, "", bad_line])
    with pytest.raises(DataFileError) as info:
        read_actor_file(path)
    assert info.value.line == 3
    assert message in str(info.value)
    assert str(path) in str(info.value)


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, [GOOD, GOOD])
    with pytest.raises(DataFileError) as info:
        read_actor_file(path)
    assert info.value.line == 2
    assert "first on line 1" in str(info.value)


def test_unknown_affiliation_is_rejected(tmp_path: Path) -> None:
    line = json.dumps(
        {"id": "z", "name": "Zed Zedson", "kind": "person", "role": "leader", "affiliation": "nope"}
    )
    path = _write(tmp_path, [GOOD, line])
    with pytest.raises(DataFileError) as info:
        load_kb((path,))
    assert info.value.line == 2 and "nope" in str(info.value)


def test_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError):
        load_kb((tmp_path / "absent.jsonl",))


def test_user_file_extends_and_overrides_the_base(tmp_path: Path) -> None:
    override = json.dumps(
        {"id": "hts", "name": "HTS (custom)", "kind": "rebel group", "acronyms": ["HTS"]}
    )
    path = _write(tmp_path, [GOOD, override])
    kb = load_kb((path,))
    assert kb.entries["hts"].name == "HTS (custom)"
    actors = Linker(kb).link("Fighters of the Xylo Brigade joined HTS near the border.")
    names = {a.name: a for a in actors}
    assert names["Xylo Brigade"].known and names["Xylo Brigade"].kind == "rebel group"
    assert "HTS (custom)" in names
