"""``wirewatch actors``: browse and check the actor knowledge base, link a text's actors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from wirewatch.cli.common import fail, settings_from_env, user_errors

actors_app = typer.Typer(
    help="The actor knowledge base: list, show, check a user file, link a text.",
    no_args_is_help=True,
)


def _entry_dict(entry: object) -> dict[str, object]:
    from dataclasses import asdict

    data = asdict(entry)  # type: ignore[call-overload]
    return {
        k: (list(v) if isinstance(v, tuple) else v) for k, v in data.items() if v not in ((), None)
    }


@actors_app.command("list")
def list_actors(
    kind: Annotated[str | None, typer.Option(help="Only this kind (e.g. 'rebel group').")] = None,
    country: Annotated[str | None, typer.Option(help="Only this ISO2 country code.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    summary: Annotated[bool, typer.Option(help="Only counts per kind.")] = False,
) -> None:
    """List the actors of the knowledge base (packaged + WIREWATCH_ACTOR_FILES)."""
    from wirewatch.actors import load_kb

    with user_errors():
        kb = load_kb(settings_from_env().actor_files)
    if summary:
        counts = kb.by_kind()
        for name, n in counts.items():
            typer.echo(f"{n:5d}  {name}")
        typer.echo(f"{len(kb):5d}  total ({len(kb.files)} files)")
        return
    for entry in kb.entries.values():
        if kind and entry.kind != kind:
            continue
        if country and entry.country != country.upper():
            continue
        if as_json:
            typer.echo(json.dumps(_entry_dict(entry), ensure_ascii=False))
        else:
            typer.echo(f"{entry.id:28s} {entry.kind:22s} {entry.country or '--':3s} {entry.name}")


@actors_app.command("show")
def show_actor(
    query: Annotated[str, typer.Argument(help="An actor id, or part of a name/alias/acronym.")],
) -> None:
    """Show one actor (by id) or every actor whose names contain QUERY."""
    from wirewatch.actors import load_kb

    with user_errors():
        kb = load_kb(settings_from_env().actor_files)
    exact = [
        e
        for e in kb.entries.values()
        if query.lower() in {n.lower() for n in (e.id, e.name, *e.aliases, *e.acronyms)}
    ]
    found = exact or kb.search(query)
    if not found:
        raise fail(f"no actor matches {query!r}", hint="try 'wirewatch actors list'")
    for entry in found:
        typer.echo(json.dumps(_entry_dict(entry), ensure_ascii=False, indent=2))


@actors_app.command("check")
def check_file(
    path: Annotated[Path, typer.Argument(help="A JSON Lines actor file to validate.")],
) -> None:
    """Validate a user actor file against the base (exit 2 with file:line on an error)."""
    from wirewatch.actors import load_kb, read_actor_file

    with user_errors():
        entries = read_actor_file(path)
        kb = load_kb((path,))  # also checks affiliations against the whole base
    typer.echo(f"{path}: {len(entries)} actors OK ({len(kb)} in the merged base)")


@actors_app.command("link")
def link_text(
    path: Annotated[Path, typer.Argument(help="A plain-text article ('-' for stdin).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the actors as JSON.")] = False,
) -> None:
    """Link the actors of a text with the knowledge base only (no NER, no places)."""
    import sys

    from wirewatch.actors import Linker, load_kb
    from wirewatch.model.records import to_plain

    text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    with user_errors():
        settings = settings_from_env()
        linker = Linker(load_kb(settings.actor_files))
    actors = linker.link(text, country_focus=settings.country_focus)
    if as_json:
        typer.echo(json.dumps(to_plain(actors), ensure_ascii=False))
        return
    for a in actors:
        extra = ", ".join(
            f"{k}={v}" for k, v in (("role", a.role), ("affiliation", a.affiliation)) if v
        )
        mentions = "; ".join(dict.fromkeys(m.text for m in a.mentions))
        typer.echo(
            f"{a.id:4s} {a.name} [{a.kind or '?'}]{' ' + extra if extra else ''}  <- {mentions}"
        )


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add the ``actors`` command group."""
    app.add_typer(actors_app, name="actors")
