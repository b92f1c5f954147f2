"""Territorial control: who holds which place, from events and holding statements.

Entries come from three sources, in this order:

1. territorial events (Government regains territory, Non-state actor overtakes territory,
   Non-violent transfer of territory) that are not negated, hypothetical or historical:
   place, holder = actor1, previous holder = actor2, since = the event date;
2. retreats (PLOVER RETREAT): the retreating actor becomes the previous holder of a place
   another event captured, or an entry with an unknown new holder when the place is the
   retreat's own ("withdrew from X");
3. holding statements ("two cities still in the hands of the government", "their
   stronghold of X"): the holder as of publication, no event.

A capture or retreat whose object is a facility ("overran an army base near X", "withdrew
from the airport") gives an entry with ``facility`` set: it says who holds the facility at
or near the place, never who holds the place, so it neither gives a retreat a previous
holder nor keeps a holding statement about the place out.

Status: ``reported`` when the outlet or a neutral source says so, ``claimed`` when only a
party's claims carry it, ``contested`` when a claim from the losing side denies it
(denial cues such as "still close", "temporary tactical measure" in ``cues.json``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wirewatch.events.knowledge import load_cues, load_taxonomy
from wirewatch.model import Actor, Claim, Control, Event

if TYPE_CHECKING:
    from spacy.tokens import Token

    from wirewatch.document import Document, ParsedSentence

_STATE_KINDS = frozenset({"state forces", "government"})
_NONSTATE_KINDS = frozenset(
    {"rebel group", "political militia", "identity militia", "external/other forces"}
)


def derive_control(doc: Document) -> list[Control]:
    """Fill ``doc.control`` from the events and holding statements of ``doc``."""
    taxonomy = load_taxonomy()
    territorial = taxonomy.territorial
    local = doc.user_data.get("events.place_local", {})
    facilities: dict[str, str] = doc.user_data.get("events.facility", {})
    actors = {a.id: a for a in doc.actors}
    claims = {c.id: c for c in doc.claims}
    entries: list[Control] = []
    by_place: dict[str, Control] = {}
    live = [e for e in doc.events if not (e.negated or e.hypothetical or e.historical)]
    for ev in sorted(live, key=_date_key):
        if ev.sub_event_type in territorial and ev.place and ev.plover_type != "RETREAT":
            entry = Control(
                place=ev.place,
                holder=ev.actor1,
                previous_holder=ev.actor2,
                since=ev.date,
                event=ev.id,
                status=_status(ev, claims, actors),
                facility=facilities.get(ev.id),
            )
            entries.append(entry)
            if entry.facility is None:
                by_place[ev.place] = entry
    for ev in live:
        if ev.plover_type != "RETREAT" or not ev.place:
            continue
        # "withdrew from a base near X": the base is left, X is not said to change hands.
        facility = facilities.get(ev.id)
        known = None if facility else by_place.get(ev.place)
        if known is not None:
            if known.previous_holder is None and ev.actor1 != known.holder:
                known.previous_holder = ev.actor1
        elif local.get(ev.id):
            entry = Control(
                place=ev.place,
                holder=None,
                previous_holder=ev.actor1,
                since=ev.date,
                event=ev.id,
                status=_status(ev, claims, actors),
                facility=facility,
            )
            entries.append(entry)
            if facility is None:
                by_place[ev.place] = entry
    for place_id, holder in _holding_statements(doc):
        if place_id in by_place:
            continue
        entry = Control(place=place_id, holder=holder, status="reported")
        if doc.published is not None:
            entry.since = None
        entries.append(entry)
        by_place[place_id] = entry
    for entry in entries:
        _contest(doc, entry, actors)
    doc.control = entries
    return entries


def _date_key(ev: Event) -> str:
    return ev.date or ""


def side(actor_id: str | None, actors: dict[str, Actor]) -> str | None:
    """ "state" or "nonstate" for an actor (a person takes the side of its affiliation)."""
    seen = 0
    while actor_id is not None and actor_id in actors and seen < 3:
        actor = actors[actor_id]
        if actor.kind in _STATE_KINDS:
            return "state"
        if actor.kind in _NONSTATE_KINDS:
            return "nonstate"
        actor_id = actor.affiliation
        seen += 1
    return None


def _status(ev: Event, claims: dict[str, Claim], actors: dict[str, Actor]) -> str:
    """claimed when only parties' claims carry the event's own trigger, else reported."""
    if ev.trigger is None:
        return "reported"
    carrying = [
        c
        for cid in ev.claims
        if (c := claims.get(cid)) is not None
        and c.content.start <= ev.trigger.start
        and ev.trigger.end <= c.content.end
    ]
    if not carrying:
        return "reported"
    parties = {ev.actor1, ev.actor2, *ev.assoc_actors} - {None}
    party_sides = {side(a, actors) for a in parties} - {None}
    for c in carrying:
        spk = c.speaker_actor
        if spk is None:
            return "reported"
        if spk not in parties and side(spk, actors) not in party_sides:
            return "reported"
    return "claimed"


def _contest(doc: Document, entry: Control, actors: dict[str, Actor]) -> None:
    """Mark an entry contested when the losing side's claims deny the change."""
    cues = load_cues()
    denial = [w.lower() for w in cues.ordered("denial_cues")]
    losing = side(entry.previous_holder, actors)
    if losing is None:
        holder_side = side(entry.holder, actors)
        losing = {"state": "nonstate", "nonstate": "state"}.get(holder_side or "")
    if losing is None:
        return
    place = next((p for p in doc.places if p.id == entry.place), None)
    if place is None:
        return
    names = {place.name.lower(), *(m.text.lower() for m in place.mentions)}
    for claim in doc.claims:
        if side(claim.speaker_actor, actors) != losing:
            continue
        sent = doc.sentence_at(claim.content.start)
        scope = (sent.text if sent else claim.content.text).lower()
        text = claim.content.text.lower()
        if not any(w in text for w in denial):
            continue
        if not any(n in scope or n in text for n in names):
            continue
        entry.status = "contested"
        if claim.id not in entry.contested_by:
            entry.contested_by.append(claim.id)


def _holding_statements(doc: Document) -> list[tuple[str, str | None]]:
    """(place id, holder actor id) for "in the hands of X", "X's stronghold of P"..."""
    cues = load_cues()
    phrases = [(str(c["phrase"]).lower(), str(c["holder"])) for c in cues.ordered("hold_cues")]
    gov_words = cues.words("government_words")
    wanted = [s.index for s in doc.sentences if any(p in s.text.lower() for p, _ in phrases)]
    if not wanted:
        return []
    out: list[tuple[str, str | None]] = []
    place_m = sorted((m.start, m.end, p.id) for p in doc.places for m in p.mentions)
    actor_m = sorted((m.start, m.end, a.id) for a in doc.actors for m in a.mentions)
    for ps in doc.parse(wanted):
        if not ps.doc.has_annotation("DEP"):
            continue
        low = ps.sentence.text.lower()
        for phrase, how in phrases:
            pos = low.find(phrase)
            while pos >= 0:
                out.extend(_one_statement(doc, ps, pos, phrase, how, place_m, actor_m, gov_words))
                pos = low.find(phrase, pos + 1)
    return out


def _tok_at(ps: ParsedSentence, rel: int) -> Token | None:
    for t in ps.doc:
        if t.idx <= rel < t.idx + max(1, len(t.text)):
            return t
    return None


def _ids_at(ps: ParsedSentence, tok: Token, mentions: list[tuple[int, int, str]]) -> str | None:
    a = ps.offset + tok.idx
    b = a + len(tok.text)
    for s, e, ident in mentions:
        if s < b and a < e:
            return ident
    return None


def _one_statement(
    doc: Document,
    ps: ParsedSentence,
    pos: int,
    phrase: str,
    how: str,
    place_m: list[tuple[int, int, str]],
    actor_m: list[tuple[int, int, str]],
    gov_words: frozenset[str],
) -> list[tuple[str, str | None]]:
    first = _tok_at(ps, pos)
    last = _tok_at(ps, pos + len(phrase) - 1)
    if first is None or last is None:
        return []
    holder: str | None = None
    places: list[str] = []
    if how == "after":
        obj = next((g for g in last.children if g.dep_ == "pobj"), None)
        if obj is None and last.i + 1 < len(ps.doc):
            obj = ps.doc[last.i + 1]
        if obj is not None:
            holder = _actor_in(ps, obj, actor_m)
            if holder is None and (obj.lemma_.lower() in gov_words or obj.lower_ in gov_words):
                holder = _government(doc)
        # The places held: the noun the phrase qualifies, or the places before it.
        noun = first.head
        pid = _ids_at(ps, noun, place_m)
        if pid:
            places = [pid]
        else:
            count = 1
            for ch in noun.children:
                if ch.dep_ == "nummod" and ch.like_num:
                    try:
                        count = int(ch.text)
                    except ValueError:
                        count = {"two": 2, "three": 3, "four": 4, "five": 5}.get(ch.lower_, 1)
            before = ps.offset + noun.idx
            seen: list[str] = []
            for s, _e, ident in reversed(place_m):
                if ps.sentence.start <= s < before and ident not in seen:
                    seen.append(ident)
                if len(seen) >= count:
                    break
            places = seen
    else:  # "stronghold of P": the possessor holds P
        noun = last.head if last.dep_ == "prep" else last
        noun = first if first.pos_ == "NOUN" else noun
        for ch in first.children:
            if ch.dep_ == "prep" and ch.lower_ == "of":
                for g in ch.children:
                    pid = _ids_at(ps, g, place_m)
                    if pid:
                        places.append(pid)
        poss = next((c for c in first.children if c.dep_ == "poss"), None)
        if poss is not None:
            holder = _actor_in(ps, poss, actor_m)
            if holder is None and poss.pos_ == "PRON":
                holder = _clause_subject_actor(ps, first, actor_m)
    if holder is None or not places:
        return []
    return [(p, holder) for p in places]


def _actor_in(ps: ParsedSentence, tok: Token, actor_m: list[tuple[int, int, str]]) -> str | None:
    own = _ids_at(ps, tok, actor_m)
    if own:
        return own
    for t in tok.subtree:
        aid = _ids_at(ps, t, actor_m)
        if aid:
            return aid
    return None


def _clause_subject_actor(
    ps: ParsedSentence, tok: Token, actor_m: list[tuple[int, int, str]]
) -> str | None:
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            own = _ids_at(ps, subj, actor_m)
            return own or _actor_in(ps, subj, actor_m)
    return None


def _government(doc: Document) -> str | None:
    """The article's government-side actor: a government first, else state forces."""
    for kind in ("government", "state forces"):
        for a in doc.actors:
            if a.kind == kind:
                return a.id
    return None
