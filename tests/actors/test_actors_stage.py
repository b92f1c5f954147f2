"""The link_actors stage on hand-built documents, and the ``wirewatch actors`` commands."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from wirewatch.document import Document
from wirewatch.model import Article, Place, Span
from wirewatch.pipeline import Resources
from wirewatch.settings import Settings
from wirewatch.stages.link_actors import make_link_actors


def _doc(text: str, places: list[tuple[str, str]]) -> Document:
    doc = Document(article=Article(id="t", text=text))
    for n, (name, cc) in enumerate(places, start=1):
        spans = [Span.of(text, i, i + len(name)) for i in _all(text, name)]
        doc.places.append(Place(id=f"p{n}", name=name, country_code=cc, mentions=spans))
    return doc


def _all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def test_stage_uses_the_country_of_resolved_places() -> None:
    text = "Insurgents attacked Kidal; the army said troops repelled them."
    doc = _doc(text, [("Kidal", "ML")])
    make_link_actors(Settings(), Resources(Settings()))(doc)
    names = {a.name: a for a in doc.actors}
    assert names["Military Forces of Mali"].kind == "state forces"
    assert [m.text for m in names["Military Forces of Mali"].mentions] == ["army", "troops"]
    assert names["Rebels (Mali)"].kind == "rebel group"
    assert all(a.name != "Kidal" for a in doc.actors)


def test_stage_reads_user_actor_files(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "kdf-x",
                "name": "Kidal Defence Front",
                "kind": "rebel group",
                "country": "ML",
                "acronyms": ["KDF-X"],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    settings = Settings(actor_files=(path,))
    doc = _doc("The KDF-X claimed the ambush near Kidal.", [("Kidal", "ML")])
    make_link_actors(settings, Resources(settings))(doc)
    assert [(a.name, a.known) for a in doc.actors] == [("Kidal Defence Front", True)]


def test_cli_check_rejects_a_bad_file_with_its_line(tmp_path: Path) -> None:
    from wirewatch.cli.app import app

    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "a", "name": "A Front", "kind": "rebel group"}\n{"id": "b", "name": "B"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["actors", "check", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2" in result.output.replace("\n", "")


def test_cli_list_and_show() -> None:
    from wirewatch.cli.app import app

    runner = CliRunner()
    result = runner.invoke(app, ["actors", "list", "--summary"])
    assert result.exit_code == 0 and "rebel group" in result.output
    result = runner.invoke(app, ["actors", "show", "OSDH"])
    assert result.exit_code == 0
    assert json.loads(result.output)["id"] == "sohr"
