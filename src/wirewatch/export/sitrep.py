"""A daily situation report in Markdown: what changed, where, who, figures, contradictions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirewatch.export.common import country_info

if TYPE_CHECKING:
    from wirewatch.fuse.events import FusedEvent
    from wirewatch.store.core import Store


def _src(event: FusedEvent) -> str:
    names = []
    for s in event.sources:
        label = s.outlet or s.title or s.article_id
        names.append(f"[{label}]({s.url})" if s.url else label)
    return ", ".join(dict.fromkeys(names))


def _line(event: FusedEvent) -> str:
    who = (
        " vs ".join(a.name for a in (event.actor1, event.actor2) if a is not None)
        or "unknown actors"
    )
    where = event.place.name if event.place and event.place.name else "unknown place"
    kind = (
        event.sub_event_type or event.event_type or event.plover_type or event.category or "event"
    )
    fat = event.fatalities
    figures = ""
    if fat.reported_by:
        rng = f"{fat.low}" if fat.low == fat.high or fat.high is None else f"{fat.low}–{fat.high}"
        figures = f"; fatalities {rng} (best {fat.best}, ACLED {fat.acled})"
    # a background event retold in later reports must not read as news of the day
    hist = " — historical: told as background in later reports" if event.historical else ""
    return (
        f"- **{kind}** in {where} ({event.date}): {who}{figures}{hist} — "
        f"{event.n_sources} source(s): {_src(event)}"
    )


def sitrep(store: Store, day: str, country: str | None = None) -> str:
    """Markdown report of one day (optionally one country) from the store."""
    from wirewatch.store.core import EventQuery

    name = country_info(country)["name"] or country if country else None
    title = f"# Situation report {day}" + (f" — {name}" if name else "")
    out = [title, ""]
    changes = store.control_changes(day, day, country)
    out.append("## What changed: territorial control")
    if changes:
        for iv in changes:
            prev = f" from {iv.previous_holder}" if iv.previous_holder else ""
            outlets = ", ".join(dict.fromkeys(s.outlet or s.article_id for s in iv.sources))
            out.append(
                f"- **{iv.place.name}**: {iv.holder}{prev} ({iv.status}; sources: {outlets})"
            )
    else:
        out.append("- No change of control reported.")
    out.append("")
    events = store.query_events(EventQuery(date_from=day, date_to=day, country=country, limit=500))
    out.append(f"## Events ({len(events)})")
    by_type: dict[str, list[FusedEvent]] = {}
    for ev in events:
        by_type.setdefault(ev.event_type or ev.plover_type or ev.category or "Other", []).append(ev)
    if not events:
        out.append("- No events reported.")
    for kind in sorted(by_type):
        out.append(f"### {kind}")
        out.extend(_line(ev) for ev in sorted(by_type[kind], key=lambda e: (-e.n_sources, e.id)))
    out.append("")
    actors: dict[str, int] = {}
    for ev in events:
        for a in (ev.actor1, ev.actor2, *ev.assoc_actors):
            if a is not None:
                actors[a.name] = actors.get(a.name, 0) + 1
    out.append("## Who")
    if actors:
        for nm, n in sorted(actors.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"- {nm}: {n} event(s)")
    else:
        out.append("- No actors named.")
    out.append("")
    out.append("## Contradictions")
    found = False
    for ev in events:
        detail = store.get_event(ev.id)
        if detail is None:
            continue
        claims = {c.key: c for c in detail.claims}
        for con in detail.contradictions:
            found = True
            where = ev.place.name if ev.place else ev.id
            out.append(f"- {where} ({ev.sub_event_type or ev.event_type}): {con.note or con.kind}")
            for key in con.claims:
                c = claims.get(key)
                if c is not None:
                    quoted = _as_quote(c.content)
                    out.append(f"  - {c.speaker or 'unattributed'}: {quoted}")
    if not found:
        out.append("- None found.")
    return "\n".join(out) + "\n"


def _as_quote(content: str) -> str:
    """The claim in quotation marks, without doubling marks the content already has."""
    text = content.strip()
    if len(text) >= 2 and text[0] in "“\"«‘'" and text[-1] in "”\"»’'":
        return text
    return f"“{text}”"
