"""Code events in a document: triggers → typed candidates → Event records with arguments.

The walk for one document:

1. pre-filter sentences by the surface forms of trigger words (no parse needed);
2. dependency-parse only those sentences (``Document.parse``, capped by the annotate stage);
3. match trigger patterns (:mod:`wirewatch.events.matcher`) and type each match: the
   pattern gives the possible ACLED sub-types, rules on the arguments (who is the target,
   which side took the town, what happened at the protest) and the naive Bayes sentence
   model (:mod:`wirewatch.events.classifier`) pick one;
4. inside a sentence, a weaker violent match tied to a stronger one in the tree is folded
   into it ("a roadside bomb exploded, *killing* two soldiers" is one event);
5. arguments: actors from the subject/object of the trigger, the place and the date
   governed by the trigger (falling back on the geoparse/time stages' helpers, then on the
   nearest place and the publication date), fatalities from killed-quantities whose
   nearest governing trigger is this one, claims overlapping the trigger;
6. flags (negated / hypothetical / historical), duplicates inside the article merged, ids
   assigned in text order, and event-anchored dates ("four days after Aleppo") resolved.
"""

from __future__ import annotations

import bisect
import copy
import importlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wirewatch.events.classifier import NaiveBayes, train_default
from wirewatch.events.flags import Flags, compute_flags
from wirewatch.events.knowledge import (
    TERRITORIAL,
    Cues,
    Taxonomy,
    load_cues,
    load_patterns,
    load_taxonomy,
    prefilter_index,
)
from wirewatch.events.matcher import Candidate, TriggerIndex
from wirewatch.model import Claim, Event, Fatalities, Span, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Token

    from wirewatch.document import Document, ParsedSentence

log = logging.getLogger(__name__)

PEACEFUL = "Peaceful protest"
_PROTEST_SEVERITY = {
    PEACEFUL: 0,
    "Protest with intervention": 1,
    "Excessive force against protesters": 2,
}
VIOLENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"}
)
ARMED_KINDS = frozenset(
    {
        "state forces",
        "rebel group",
        "political militia",
        "identity militia",
        "external/other forces",
    }
)
STATE_KINDS = frozenset({"state forces", "government"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_ANCHOR = re.compile(
    r"\b(?P<num>\w+)\s+(?P<unit>days?|weeks?)\s+(?P<dir>after|before)\s+"
    r"(?:the\s+(?:capture|fall|seizure|loss|liberation|takeover)\s+of\s+)?"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)
# "a week after", "two days before", "some ten days after": an offset whose base follows.
_OFFSET = re.compile(
    r"^(?:(?:about|some|nearly|almost|just|barely|only|roughly)\s+)?"
    r"(?P<num>\w+)\s+(?P<unit>days?|weeks?|months?)(?:\s+(?P<dir>after|before))?$",
    re.IGNORECASE,
)
_DIRECTION = re.compile(r"^\s*(?P<dir>after|before)\b", re.IGNORECASE)


@dataclass(slots=True)
class Draft:
    """An event being built (before ids are assigned)."""

    event: Event
    cand: Candidate | None
    sentence: int
    date_strength: int = 0
    place_local: bool = False
    quantity_spans: list[tuple[int, int]] = field(default_factory=list)
    fatality_quantities: list[Any] = field(default_factory=list)
    # The facility a capture or retreat took or left ("army base"), when it is one.
    facility: str | None = None


def _helper(module: str, name: str) -> Callable[..., Any] | None:
    """A function of another stage's module, or None until it exists (guarded import)."""
    try:
        mod = importlib.import_module(module)
    except Exception:  # another engineer's module may be mid-edit; fall back quietly
        return None
    fn = getattr(mod, name, None)
    return fn if callable(fn) else None


class EventCoder:
    """Codes the events of documents; built once per pipeline (patterns, model, cues)."""

    def __init__(
        self,
        *,
        taxonomy: Taxonomy | None = None,
        cues: Cues | None = None,
        model: NaiveBayes | None = None,
    ) -> None:
        self.taxonomy = taxonomy or load_taxonomy()
        self.cues = cues or load_cues()
        self.index = TriggerIndex(load_patterns(), self.cues)
        self.prefilter = prefilter_index()
        self.model = model or train_default()
        self.state_words = self.cues.words("state_side")
        self.nonstate_words = self.cues.words("nonstate_side")
        self.civilian = self.cues.words("civilian_targets")
        self.armed = self.cues.words("armed_targets")
        self.recapture = self.cues.words("recapture_words")
        self.nonviolent = [w.lower() for w in self.cues.ordered("nonviolent_transfer_cues")]
        self.retreat_own = self.cues.words("retreat_own_cues")
        self.abstract = self.cues.words("abstract_conflict_nouns")
        self.peaceful = self.cues.words("peaceful_protest_cues")
        self.participants = self.cues.words("protest_participants")
        # two armed sides by definition: a civilian victim does not make it an Attack
        self.mutual = self.cues.words("mutual_combat_words")
        self.reason_plover = {str(p) for p in self.cues.ordered("reason_plover_types")}
        self.security_units = sorted(
            self.cues.words("security_unit_phrases"), key=len, reverse=True
        )
        self.background = self.cues.words("background_words")
        self.background_penalty = self.cues.number("background_penalty", 0.0)
        self.negation_words = self.cues.words("negation_words")
        self.first_person = self.cues.words("first_person")
        self.local_place_categories = self.cues.words("local_place_categories")
        self.attribution_heads = self.cues.words("attribution_heads")
        self.violence = self.cues.words("violence_words")
        self.months = self.cues.words("month_names")
        # Triggers weaker than this are dropped when the sentence model reads "none".
        self.veto_below = self.cues.number("veto_below", 0.7)
        # Any trigger below veto_strong is dropped when P(none) reaches veto_none_prob.
        self.veto_strong = self.cues.number("veto_strong", 0.0)
        self.veto_none_prob = self.cues.number("veto_none_prob", 1.1)
        # Share of the sentence model in a candidate's confidence (picks the main event).
        self.model_share = self.cues.number("model_share", 0.15)
        self.protesters = self.cues.words("protester_words")
        self.security = self.cues.words("security_words")
        self.destination_preps = self.cues.words("destination_preps")
        self.destination_categories = self.cues.words("destination_categories")
        self.locative_preps = self.cues.words("locative_preps")
        self.loss_verbs = self.cues.words("loss_verbs")
        self.facilities = self.cues.words("facility_nouns")
        self.forced_release = self.cues.words("forced_release_words")
        self.prisons = self.cues.words("prison_words")

    # ------------------------------------------------------------------ detection
    def candidate_sentences(self, doc: Document) -> list[int]:
        """Indices of sentences holding a possible trigger word (cheap surface test)."""
        out = []
        index = self.prefilter
        for sent in doc.sentences:
            toks = {w.lower() for w in _WORD.findall(sent.text)}
            for first in toks & index.keys():
                if any(all(toks & forms for forms in rest) for rest in index[first]):
                    out.append(sent.index)
                    break
        return out

    def code(self, doc: Document) -> list[Event]:
        """Detect and code every event of ``doc`` and store them in ``doc.events``."""
        indices = self.candidate_sentences(doc)
        drafts: list[Draft] = []
        if indices:
            for ps in doc.parse(indices):
                if not ps.doc.has_annotation("DEP"):
                    continue  # over the parse cap: annotate already warned
                drafts.extend(self._code_sentence(doc, ps))
        self._recode_by_document(doc, drafts)
        drafts = self._merge_duplicates(drafts, doc.text)
        drafts.sort(key=lambda d: d.event.trigger.start if d.event.trigger else 0)
        for n, d in enumerate(drafts, 1):
            d.event.id = f"e{n}"
        self._resolve_anchors(doc, drafts)
        self._link_claims(doc, drafts)
        doc.events = [d.event for d in drafts]
        fallback = [e.id for e in doc.events if e.date_reason and "publi" in e.date_reason]
        if fallback:
            doc.warn(
                "date_fallback",
                f"{len(fallback)} event(s) took the publication date because no date "
                f"governed them: {', '.join(fallback[:10])}",
            )
        doc.user_data["events.place_local"] = {d.event.id: d.place_local for d in drafts}
        doc.user_data["events.facility"] = {d.event.id: d.facility for d in drafts if d.facility}
        return doc.events

    def main_event(self, events: list[Event]) -> Event | None:
        """The snippet-level event: highest confidence among unflagged ACLED-coded events
        (not attribution-only, not a diplomatic step's reason); a demonstration takes its
        most severe protest event."""
        coded = [
            e
            for e in events
            if e.sub_event_type
            and not (e.negated or e.hypothetical or e.historical)
            and e.category not in ("attribution", "reason")
        ]
        if not coded:
            return None
        best = max(coded, key=lambda e: (e.confidence, -(e.trigger.start if e.trigger else 0)))
        if best.sub_event_type == "Arrests" and best.evidence is not None:
            # arrests told in the same sentence as a protest are the protest's intervention
            same = [
                e
                for e in coded
                if e.event_type == "Protests"
                and e.evidence is not None
                and e.evidence.start == best.evidence.start
            ]
            if same:
                best = max(same, key=lambda e: e.confidence)
        if best.event_type == "Protests":
            # ACLED codes a demonstration by the worst that happened at it: a report whose
            # protest is also said to be broken up, met with lethal force or (for a peaceful
            # one) violent is coded so, whichever sentence said it most confidently.
            rank = _PROTEST_SEVERITY.get(best.sub_event_type or "", 0)
            harsher = [
                e
                for e in coded
                if (
                    e.event_type == "Protests"
                    and _PROTEST_SEVERITY.get(e.sub_event_type or "", 0) > rank
                )
                or (e.event_type == "Riots" and best.sub_event_type == PEACEFUL)
            ]
            if harsher:
                return max(
                    harsher,
                    key=lambda e: (_PROTEST_SEVERITY.get(e.sub_event_type or "", 0), e.confidence),
                )
        return best

    # ------------------------------------------------------------------ one sentence
    def _code_sentence(self, doc: Document, ps: ParsedSentence) -> list[Draft]:
        place_tok = _token_map(ps, _place_mentions(doc))
        actor_tok = _token_map(ps, _actor_mentions(doc))
        times = _time_tokens(doc, ps)
        cands = [
            c
            for c in self.index.match(ps, set(place_tok))
            if not _inside_a_name(c, place_tok, actor_tok, times)
            and not (c.head_token.text.istitle() and c.head_token.lower_ in self.months)
        ]
        if not cands:
            return []
        probs = self.model.predict_proba(ps.sentence.text)
        top_label = max(probs, key=lambda k: probs[k]) if probs else "none"
        kinds = {a.id: a.kind for a in doc.actors}
        for a in doc.actors:
            # A person stands for their group's side ("forces loyal to <the president>").
            if a.kind == "person" and a.affiliation and kinds.get(a.affiliation):
                kinds[a.id] = kinds[a.affiliation]
        typed: list[Candidate] = []
        for c in cands:
            if not self._type(doc, c, probs, top_label, actor_tok, kinds):
                continue
            typed.append(c)
        typed = _best_per_span(typed)
        typed = self._absorb(typed)
        drafts = []
        for c in typed:
            drafts.extend(self._draft(doc, ps, c, typed, place_tok, actor_tok))
        self._attach_fatalities(doc, ps, drafts)
        return drafts

    def _type(
        self,
        doc: Document,
        c: Candidate,
        probs: dict[str, float],
        top_label: str,
        actor_tok: dict[int, str],
        kinds: dict[str, str | None],
    ) -> bool:
        pat = c.pattern
        lower = c.ps.sentence.text.lower()
        # The sentence model vetoes weak conflict triggers in non-conflict news; statements
        # (PLOVER-only patterns) are not conflict-specific and pass.
        weak = pat.weight < self.veto_below and pat.sub_event_type is not None
        if (weak or pat.requires_conflict) and top_label == "none":
            return False
        if (
            pat.sub_event_type is not None
            and pat.weight < self.veto_strong
            and probs.get("none", 0.0) >= self.veto_none_prob
        ):
            return False  # the model is sure this is non-conflict news (a disaster, a trial)
        sub = pat.sub_event_type
        options = [o for o in (sub, *pat.alternatives) if o]
        if pat.subject_armed:
            # "the army withdrew" or "redeploy government forces": an armed mover.
            movers = [t for t in (_subject(c), *_direct_objects(c)) if t is not None]
            if not any(self._armed_subject(t, actor_tok, kinds) for t in movers):
                return False
        if sub == TERRITORIAL:
            sub = self._territorial(doc, c, probs, actor_tok, kinds, lower)
        elif pat.resolve == "target" and pat.generic and self._protesters_in(c):
            # "clashes between police and protesters", "protesters were killed": ACLED
            # codes these as demonstration events (riot, excessive force), not battles.
            sub = self._protest_kind(c.ps, lower)
        elif pat.resolve == "target":
            sub = self._by_target(c, options, probs)
        elif pat.nonviolent_transfer and self._nonviolent(lower, retreat=True):
            # ACLED: a withdrawal that leaves the place to another actor is a transfer.
            sub = "Non-violent transfer of territory"
        elif pat.resolve == "protest":
            sub = self._protest_kind(c.ps, lower)
        elif len(options) > 1:
            sub = max(options, key=lambda o: probs.get(o, 0.0))
        c.sub_event_type = sub
        c.category = pat.category
        if sub is not None:
            st = self.taxonomy.get(sub)
            c.plover = pat.plover if pat.plover_set else st.plover
            pmax = max(probs.values()) if probs else 1.0
            agree = probs.get(sub, 0.0) / pmax if pmax else 0.0
            share = self.model_share
            c.confidence = round((1 - share) * pat.weight + share * agree, 3)
            if self._background(c):
                # "agreed to a truce *following* weeks of fighting": the fighting is the
                # context of the news, not the news.
                c.confidence = round(c.confidence - self.background_penalty, 3)
        else:
            c.plover = pat.plover
            c.confidence = round(0.9 * pat.weight, 3)
        return True

    def _mutual(self, c: Candidate) -> bool:
        """The trigger names fighting between two armed sides ("shoot-out", "clashes")."""
        span = [c.ps.doc[i] for i in range(c.start, c.end)]
        joined = "".join(t.lower_ for t in span if t.text != "-")
        return joined in self.mutual or any(t.lemma_.lower() in self.mutual for t in span)

    def _protesters_in(self, c: Candidate) -> bool:
        """Protesters are a party of the act: in its subject, object or own phrase."""
        words: set[str] = set()
        for i in c.anchors:
            for ch in c.ps.doc[i].children:
                if ch.dep_ in ("relcl", "advcl", "ccomp", "conj"):
                    continue
                words |= {t.lower_ for t in ch.subtree} | {t.lemma_.lower() for t in ch.subtree}
        return bool(words & self.participants)

    def _background(self, c: Candidate) -> bool:
        """The trigger sits in a clause or phrase of background ("after", "amid",
        "in response to"...) below the sentence's main verb."""
        tok = c.top()
        path = [tok, *list(tok.ancestors)[:5]]
        for n, t in enumerate(path):
            if t.dep_ == "ROOT":
                break
            if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN"):
                # "the town, seized by the rebels last year", "people who joined the
                # protests": a clause describing a noun, not the reported act.
                return True
            for ch in t.children:
                if ch.dep_ == "mark" and ch.lower_ in self.background:
                    return True
            if (
                n > 0
                and t.dep_ in ("prep", "pobj", "advmod", "appos")
                and (t.lower_ in self.background or t.lemma_.lower() in self.background)
            ):
                return True
        return False

    def _armed_subject(
        self, subj: Token, actor_tok: dict[int, str], kinds: dict[str, str | None]
    ) -> bool:
        for t in subj.subtree:
            aid = actor_tok.get(t.i)
            if aid and kinds.get(aid) in ARMED_KINDS:
                return True
        words = {t.lemma_.lower() for t in subj.subtree} | {t.lower_ for t in subj.subtree}
        return bool(words & (self.state_words | self.nonstate_words | self.armed))

    def _side(
        self, tok: Token | None, actor_tok: dict[int, str], kinds: dict[str, str | None]
    ) -> str | None:
        if tok is None:
            return None
        head_first = [tok, *[t for t in tok.subtree if t.i != tok.i]]
        for t in head_first:
            aid = actor_tok.get(t.i)
            kind = kinds.get(aid) if aid else None
            if kind in STATE_KINDS:
                return "state"
            if kind in ARMED_KINDS:
                return "nonstate"
        for t in head_first:
            w = t.lemma_.lower()
            if w in self.nonstate_words or t.lower_ in self.nonstate_words:
                return "nonstate"
            if w in self.state_words or t.lower_ in self.state_words:
                return "state"
        return None

    def _territorial(
        self,
        doc: Document,
        c: Candidate,
        probs: dict[str, float],
        actor_tok: dict[int, str],
        kinds: dict[str, str | None],
        lower: str,
    ) -> str:
        if self._nonviolent(lower):
            return "Non-violent transfer of territory"
        subj = _subject(c)
        side = None
        if subj is not None:
            actor, _ = self._actor_of(doc, c.ps, subj, actor_tok)
            kind = kinds.get(actor) if actor else None
            side = "state" if kind in STATE_KINDS else "nonstate" if kind in ARMED_KINDS else None
        side = side or self._side(subj, actor_tok, kinds)
        if subj is not None and (
            subj.head.lemma_.lower() in self.loss_verbs or _inherited_passive(c)
        ):
            # "the army lost control of X", "the group held areas before being chased away":
            # the subject is the side that lost the place.
            side = {"state": "nonstate", "nonstate": "state"}.get(side or "")
        elif subj is None and c.head_token.pos_ == "VERB":
            # "forces loyal to Assad were driven from X": the passive subject lost it.
            passive = next((ch for ch in c.head_token.children if ch.dep_ == "nsubjpass"), None)
            lost = self._side(passive, actor_tok, kinds) if passive is not None else None
            if passive is not None and passive.lemma_.lower() not in self.index.territory:
                side = {"state": "nonstate", "nonstate": "state"}.get(lost or "")
        if side == "state":
            return "Government regains territory"
        if side == "nonstate":
            return "Non-state actor overtakes territory"
        loser = self._side(_prep_object(c.head_token, ("from",)), actor_tok, kinds)
        if loser == "state":
            return "Non-state actor overtakes territory"
        if loser == "nonstate":
            return "Government regains territory"
        if c.head_token.lemma_.lower() in self.recapture:
            return "Government regains territory"
        gov = probs.get("Government regains territory", 0.0)
        non = probs.get("Non-state actor overtakes territory", 0.0)
        return (
            "Government regains territory" if gov > non else "Non-state actor overtakes territory"
        )

    def _nonviolent(self, lower: str, *, retreat: bool = False) -> bool:
        """A hand-over cue and no sign of fighting in the sentence. For a retreat the
        withdrawal's own words do not count: leaving a base is a change of activity, a
        transfer only when the place goes to someone ("in the hands of", "took over")."""
        words = set(_WORD.findall(lower))
        cues = [w for w in self.nonviolent if not (retreat and w in self.retreat_own)]
        return any(w in lower for w in cues) and not words & self.violence

    def _by_target(self, c: Candidate, options: list[str], probs: dict[str, float]) -> str | None:
        targets = _targets(c)
        words: set[str] = set()
        for t in targets:
            words |= {s.lemma_.lower() for s in t.subtree} | {s.lower_ for s in t.subtree}
        civ = bool(words & self.civilian)
        arm = bool(words & self.armed)
        if civ and not arm and "Attack" in options:
            c.target_evidence = True
            return "Attack"
        if arm and not civ and "Armed clash" in options:
            c.target_evidence = True
            return "Armed clash"
        if not options:
            return None
        # No evidence from the target: keep the pattern's own reading unless the sentence
        # model clearly prefers an alternative.
        primary = options[0]
        best = max(options, key=lambda o: probs.get(o, 0.0))
        return best if probs.get(best, 0.0) > 2 * probs.get(primary, 0.0) else primary

    def _protest_by_roles(self, ps: ParsedSentence) -> set[str]:
        """Who did what at the protest: violent protesters → riot; lethal force against
        protesters → excessive force; security forces dispersing/arresting → intervention."""
        acts = self.cues.data.get("protest_acts", {})
        violent = set(acts.get("Violent demonstration", []))
        lethal = set(acts.get("Excessive force against protesters", []))
        intervene = set(acts.get("Protest with intervention", []))
        found: set[str] = set()
        for tok in ps.doc:
            if tok.pos_ not in ("VERB", "AUX"):
                continue
            lemma = tok.lemma_.lower()
            agent = _role_words(tok, ("nsubj", "agent"))
            patient = _role_words(tok, ("dobj", "nsubjpass", "pobj_on", "pobj_at"))
            by_protesters = bool(agent & self.protesters) and not agent & self.security
            on_protesters = bool(patient & self.protesters)
            by_security = bool(agent & self.security)
            if by_protesters and lemma in violent:
                found.add("Violent demonstration")
            if lemma in lethal and (on_protesters or by_security):
                found.add("Excessive force against protesters")
            if lemma in intervene and (by_security or (on_protesters and not by_protesters)):
                found.add("Protest with intervention")
        return found

    def _protest_kind(self, ps: ParsedSentence, lower: str) -> str:
        """Riot if protesters were violent, else excessive force, else intervention (ACLED)."""
        found = self._protest_by_roles(ps)
        for unit in self.security_units:
            # "riot police" are police, not a riot
            lower = lower.replace(unit, "police")
        # "a non-violent demonstration" holds the cue word "violent"
        lower = re.sub(r"\bnon-?violent", "peaceful", lower)
        by_roles = set(found)
        for mod in self.cues.ordered("protest_modifiers"):
            if any(_has_phrase(lower, w) for w in mod["cues"]):
                found.add(str(mod["sub_event_type"]))
        words = set(_WORD.findall(lower))
        security_acted = any(
            tok.pos_ in ("VERB", "AUX") and _role_words(tok, ("nsubj", "agent")) & self.security
            for tok in ps.doc
        )
        if words & self.peaceful and security_acted and "Violent demonstration" not in by_roles:
            # "security forces fired on peaceful protesters": the violence is not theirs
            # (but "some rallied peacefully, others clashed with police" is a riot).
            found.discard("Violent demonstration")
        for mod in self.cues.ordered("protest_modifiers"):
            if mod["sub_event_type"] in found:
                return str(mod["sub_event_type"])
        return "Peaceful protest"

    def _protest(self, lower: str) -> str:
        for mod in self.cues.ordered("protest_modifiers"):
            if any(w in lower for w in mod["cues"]):
                return str(mod["sub_event_type"])
        return "Peaceful protest"

    def _absorb(self, cands: list[Candidate]) -> list[Candidate]:
        """Fold weaker violent matches into a stronger one they are tied to in the tree."""
        # Specific modalities host first: "a landmine attack" is an IED event, the generic
        # "attack" folds into it whatever the two confidences.
        ranked = sorted(cands, key=lambda c: (c.pattern.generic, -c.confidence))
        kept: list[Candidate] = []
        for c in ranked:
            et = self._event_type(c)
            host = None
            # Territorial events and retreats are one per place ("left Hama ... and withdrew
            # from two other towns"): never folded into another match.
            if et is not None and not self._territorial_sub(c) and c.category != "retreat":
                for k in kept:
                    ket = self._event_type(k)
                    if ket is None:
                        continue
                    if self._territorial_sub(k) and (et != "Battles" or not _governs(k, c)):
                        continue  # a capture absorbs only the fighting it governs
                    both_violent = et in VIOLENT_TYPES and ket in VIOLENT_TYPES
                    if not (both_violent or et == ket):
                        continue
                    if _tied(k, c) or (both_violent and c.pattern.weight < 0.7):
                        host = k
                        break
            if host is not None:
                if (
                    host.pattern.generic
                    and c.pattern.generic
                    and c.target_evidence
                    and not host.target_evidence
                    and not self._mutual(host)
                ):
                    # "attacks ... killing seven villagers": the victims say who was hit.
                    host.sub_event_type = c.sub_event_type
                    host.target_evidence = True
                host.borrowed |= c.anchors - host.anchors
                host.anchors |= c.anchors
                c.absorbed = True
                continue
            kept.append(c)
        return sorted(kept, key=lambda c: c.start)

    def _event_type(self, c: Candidate) -> str | None:
        return self.taxonomy.get(c.sub_event_type).event_type if c.sub_event_type else None

    def _territorial_sub(self, c: Candidate) -> bool:
        return c.sub_event_type in self.taxonomy.territorial

    # ------------------------------------------------------------------ arguments
    def _draft(
        self,
        doc: Document,
        ps: ParsedSentence,
        c: Candidate,
        siblings: list[Candidate],
        place_tok: dict[int, str],
        actor_tok: dict[int, str],
    ) -> list[Draft]:
        start, end = c.char_span()
        sent = ps.sentence
        sub = c.sub_event_type
        st = self.taxonomy.get(sub) if sub else None
        ev = Event(
            id="",
            event_type=st.event_type if st else None,
            sub_event_type=sub,
            disorder_type=st.disorder_type if st else None,
            plover_type=c.plover,
            evidence=Span.of(doc.text, sent.start, sent.end),
            trigger=Span.of(doc.text, start, end),
            confidence=c.confidence,
        )
        ev.category = c.category
        if ev.category is None and _attributed(c.head_token, self.attribution_heads):
            # "X claimed responsibility for the bombing": the report is about who did it;
            # the bombing itself is a reference (kept, marked, not the snippet's main news).
            ev.category = "attribution"
        elif ev.category is None and any(
            k.plover in self.reason_plover and _governs(k, c) for k in siblings if k is not c
        ):
            # "expelled diplomats *for taking part in protests*", "sanctions in response to
            # the chemical attack": the diplomatic step is the news, the violence its reason.
            ev.category = "reason"
        draft = Draft(event=ev, cand=c, sentence=sent.index)
        if sub in self.taxonomy.territorial or c.category == "retreat":
            draft.facility = _facility(c, place_tok, self.facilities)
        # Actors: the subject is actor1, the target (object, "against"/"on" phrase) actor2.
        subj = _subject(c)
        if subj is not None and subj.i not in actor_tok and subj.lemma_.lower() in self.abstract:
            # "the war between the army and the RSF has displaced...": a war is no actor,
            # and neither party did the displacing.
            a1: str | None = None
            assoc: list[str] = []
        else:
            a1, assoc = self._actor_of(doc, ps, subj, actor_tok)
        if a1 is None and c.head_token.pos_ in ("NOUN", "PROPN"):
            a1, assoc = self._actor_of(doc, ps, _prep_object(c.head_token, ("by",)), actor_tok)
        if a1 is None:
            a1, assoc = self._actor_of(doc, ps, _poss(c.head_token), actor_tok)
        a2 = None
        for t in _targets(c):
            if t.i in c.anchors or _refers_to_subject(t, subj, actor_tok):
                continue
            cand_a2, _ = self._actor_of(doc, ps, t, actor_tok)
            if cand_a2 and cand_a2 != a1 and cand_a2 not in assoc:
                a2 = cand_a2
                break
        if c.pattern.subject_armed and (a1 is None or subj is None):
            # "the decision to redeploy government forces": the moved forces act.
            for t in _direct_objects(c):
                mover, _ = self._actor_of(doc, ps, t, actor_tok)
                if mover:
                    a1, a2 = mover, (a2 if a2 != mover else None)
                    break
        if sub in self.taxonomy.territorial and subj is not None and _inherited_passive(c):
            # "... before being chased away": the inherited subject lost the place; who took
            # it is not said.
            a1, a2 = None, a1
        ev.actor1, ev.actor2 = a1, a2
        ev.assoc_actors = [a for a in assoc if a not in (a1, a2)]
        if self._cumulative(doc, ps, c, subj, actor_tok):
            # "the war ... has displaced ten million people": a running total over a whole
            # conflict is no dated, placed event; the figure stays in the quantities layer.
            return []
        # Place and date.
        extra = self._place(doc, ps, c, siblings, place_tok, draft)
        self._date(doc, ps, c, siblings, draft)
        flags = compute_flags(
            c.head_token, self.cues, doc.published.year if doc.published else None
        )
        flags.negated = flags.negated or _negated_by_pronoun(c.head_token, self.negation_words)
        self._flag(ev, flags, doc)
        out = [draft]
        if c.sub_event_type in self.taxonomy.territorial:
            # ACLED codes one event per location: "seizing X and Y" is two captures.
            places = {p.id: p for p in doc.places}
            for pid in extra:
                twin = copy.deepcopy(ev)
                twin.place = pid
                twin.geo_precision = places[pid].geo_precision if pid in places else None
                out.append(
                    Draft(
                        event=twin,
                        cand=c,
                        sentence=draft.sentence,
                        date_strength=draft.date_strength,
                        place_local=True,
                        facility=draft.facility,
                    )
                )
        return out

    def _cumulative(
        self,
        doc: Document,
        ps: ParsedSentence,
        c: Candidate,
        subj: Token | None,
        actor_tok: dict[int, str],
    ) -> bool:
        """A running total over a whole conflict: a perfect-tense verb ("has displaced",
        "have been killed") whose subject is the conflict itself ("the war") or that counts
        since the conflict began ("since the war started"), with no place and no date of its
        own in the clause (a relative clause about the war, "which began in April 2023",
        dates the war, not an event). "Fighting has displaced 5,000 people in X this week"
        names its own place and time and stays an event."""
        head = c.head_token
        if head.pos_ not in ("VERB", "AUX"):
            return False
        if not any(
            ch.dep_ in ("aux", "auxpass") and ch.lemma_.lower() == "have" for ch in head.children
        ):
            return False
        abstract = (
            subj is not None and subj.i not in actor_tok and subj.lemma_.lower() in self.abstract
        )
        background: set[int] = set()  # clauses about the war or the count's starting point
        since_war = False
        for t in head.subtree:
            if t.lower_ == "since":
                scope = t if t.dep_ != "mark" else t.head
                words = {x.lemma_.lower() for x in scope.subtree}
                since_war = since_war or bool(words & self.abstract)
                background |= {x.i for x in scope.subtree}
            elif t.dep_ in ("relcl", "acl") and t.i != head.i:
                background |= {x.i for x in t.subtree}
        if not (abstract or since_war):
            return False
        places = set(_token_map(ps, _place_mentions(doc)))
        times = _time_tokens(doc, ps)
        own = {t.i for t in head.subtree} - background
        return not (own & places or own & times)

    def _actor_of(
        self, doc: Document, ps: ParsedSentence, tok: Token | None, actor_tok: dict[int, str]
    ) -> tuple[str | None, list[str]]:
        """The actor a token stands for (its own mention first), plus associated actors."""
        if tok is None:
            return None, []
        if tok.pos_ == "PRON" and tok.i not in actor_tok:
            return self._pronoun(doc, ps, tok, actor_tok), []
        ordered: list[str] = []
        if not any(t.i in actor_tok for t in tok.subtree):
            poss = _poss(tok)
            if poss is not None and poss.pos_ == "PRON":
                return self._pronoun(doc, ps, poss, actor_tok), []
        own = actor_tok.get(tok.i)
        if own:
            ordered.append(own)
        for t in tok.subtree:
            if t.dep_ in ("relcl",):
                break
            aid = actor_tok.get(t.i)
            if aid and aid not in ordered:
                ordered.append(aid)
        if not ordered:
            return None, []
        return ordered[0], ordered[1:]

    def _pronoun(
        self, doc: Document, ps: ParsedSentence, tok: Token, actor_tok: dict[int, str]
    ) -> str | None:
        """Resolve "it"/"they": the subject of the reporting verb, else the last actor before.

        "we"/"our" inside a quotation is the speaker's side (its group when it has one).
        """
        char = ps.offset + tok.idx
        if tok.lower_ in self.first_person:
            for claim in doc.claims:
                if claim.content.start <= char < claim.content.end and claim.speaker_actor:
                    actor = next((a for a in doc.actors if a.id == claim.speaker_actor), None)
                    if actor is not None and actor.affiliation:
                        return actor.affiliation
                    return claim.speaker_actor
            return None
        gov = tok.head
        while gov.dep_ in ("ccomp", "xcomp", "conj") and gov.head.i != gov.i:
            gov = gov.head
            for ch in gov.children:
                if ch.dep_ in ("nsubj", "nsubjpass") and ch.i != tok.i:
                    a, _ = self._actor_of(doc, ps, ch, actor_tok)
                    if a:
                        return a
        best: tuple[int, str] | None = None
        for actor in doc.actors:
            for m in actor.mentions:
                if m.end <= char and char - m.end < 400 and (best is None or m.end > best[0]):
                    best = (m.end, actor.id)
        return best[1] if best else None

    def _place_options(
        self,
        doc: Document,
        ps: ParsedSentence,
        c: Candidate,
        siblings: list[Candidate],
        place_tok: dict[int, str],
    ) -> tuple[list[str], list[str]]:
        """Places of the event's clause: (places in its objects, all its places), in order."""
        local = _local_tokens(c, siblings) - _time_tokens(doc, ps)
        if c.category in self.destination_categories:
            for i in sorted(local):
                tok = ps.doc[i]
                if tok.dep_ == "prep" and tok.lower_ in self.destination_preps:
                    local -= {t.i for t in tok.subtree}
        in_objects: list[str] = []
        generic = False
        for t in _targets(c):
            for s in _object_phrase(t):
                if s.i in local and s.i in place_tok and place_tok[s.i] not in in_objects:
                    in_objects.append(place_tok[s.i])
            if t.pos_ == "NOUN" and t.lemma_.lower() in self.index.territory:
                generic = True
        if generic and not in_objects:
            # "fleeing the city": the city named just before. "withdrew from two other towns
            # (... on the X road)": X is a landmark, not the place; leave it to the fallbacks.
            obj = next(
                t
                for t in _targets(c)
                if t.pos_ == "NOUN" and t.lemma_.lower() in self.index.territory
            )
            if any(ch.lower_ in ("the", "this", "that") for ch in obj.children):
                before = _place_before(doc, ps.offset + obj.idx, ps.sentence.start)
                return ([before], [before]) if before else ([], [])
            # "overran an army base near Dinder": the base's own locative phrase places it.
            located = [
                place_tok[t.i]
                for ch in obj.children
                if ch.dep_ == "prep" and ch.lower_ in self.locative_preps
                for t in ch.subtree
                if t.i in place_tok and t.i in local
            ]
            return ([], located[:1]) if located else ([], [])
        everything = list(in_objects)
        for i in sorted(local):
            if i in place_tok and place_tok[i] not in everything:
                everything.append(place_tok[i])
        if not everything:
            # "In Homs, residents began fleeing": a locative phrase of the governing clause.
            gov = c.top()
            for _ in range(2):
                if gov.head.i == gov.i:
                    break
                gov = gov.head
                for ch in gov.children:
                    if ch.dep_ == "prep" and ch.lower_ in self.locative_preps:
                        for t in ch.subtree:
                            if t.i in place_tok and place_tok[t.i] not in everything:
                                everything.append(place_tok[t.i])
                if everything:
                    break
        return in_objects, everything

    def _place(
        self,
        doc: Document,
        ps: ParsedSentence,
        c: Candidate,
        siblings: list[Candidate],
        place_tok: dict[int, str],
        draft: Draft,
    ) -> list[str]:
        """Set the draft's place and precision; return further object places (territorial)."""
        ev = draft.event
        places = {p.id: p for p in doc.places}
        in_objects, everything = self._place_options(doc, ps, c, siblings, place_tok)
        non_country = [p for p in everything if not _is_country(places.get(p))]
        chosen = non_country[0] if non_country else (everything[0] if everything else None)
        precision: int | None = None
        if chosen is not None and not (_is_country(places.get(chosen)) and self._generic_object(c)):
            draft.place_local = True
        elif c.category in self.local_place_categories:
            chosen = None  # a statement has a place only when its own clause names one
        else:
            fallback = None
            locate = _helper("wirewatch.stages.geoparse", "locate_event")
            if locate is not None and ev.trigger is not None:
                try:
                    fallback, precision = locate(doc, ev.trigger.start, ev.trigger.end)
                except Exception as exc:  # a helper bug must not lose the event
                    log.debug("locate_event failed: %s", exc)
            nearest = False
            if fallback is None:
                fallback = _nearest_place(doc, ps, c)
                precision = None
                nearest = fallback is not None
            chosen = fallback or chosen
            if c.category in self.destination_categories and chosen in _destinations(
                ps, place_tok, self.destination_preps
            ):
                # "residents fled towards X", "vehicles left A towards X": X is where people
                # or troops went, never where the flight or withdrawal happened.
                chosen = None
            if nearest and chosen is not None:
                # Only near a place the sentence names: ACLED precision 2 at best.
                place = places.get(chosen)
                precision = max((place.geo_precision if place else None) or 2, 2)
        if chosen is None:
            return []
        ev.place = chosen
        place = places.get(chosen)
        if precision is None and place is not None:
            precision = place.geo_precision
            if precision is None:
                fc = place.feature_code or ""
                precision = (
                    3 if fc.startswith(("PCL", "ADM1", "RGN")) else 2 if fc.startswith("ADM") else 1
                )
            if place.relation:
                precision = max(precision, 2)
        if place is not None and _is_country(place):
            precision = max(precision or 3, 3)
        ev.geo_precision = precision
        # A second location must be an object of the trigger itself, not of a folded-in
        # match ("seized Hama, a week after launching its offensive from Idlib": not Idlib).
        own = {
            place_tok[s.i]
            for t in _targets(c, own=True)
            for s in _object_phrase(t)
            if s.i in place_tok
        }
        extra = [
            p for p in in_objects if p != chosen and p in own and not _is_country(places.get(p))
        ]
        return extra

    def _generic_object(self, c: Candidate) -> bool:
        """True when the object is a common noun such as "the city" (a coreference)."""
        return any(
            t.pos_ == "NOUN" and t.lemma_.lower() in self.index.territory for t in _targets(c)
        )

    def _date(
        self,
        doc: Document,
        ps: ParsedSentence,
        c: Candidate,
        siblings: list[Candidate],
        draft: Draft,
    ) -> None:
        ev = draft.event
        value = tp = reason = None
        date_for = _helper("wirewatch.stages.normalize_dates", "date_for")
        if date_for is not None and ev.trigger is not None:
            try:
                value, tp, reason = date_for(doc, ev.trigger.start, ev.trigger.end)
            except Exception as exc:  # a helper bug must not lose the event
                log.debug("date_for failed: %s", exc)
                value = None
        if value is not None and self._dated_by_offset(doc, ps, reason):
            # "seized Hama on Thursday, a week after launching its offensive": the offset
            # dates the offensive from the capture, never the capture from publication.
            value, tp, reason = self._plain_date(doc, ps, ev, str(reason))
        if value is not None and _dates_another_noun(doc, ps, c, str(reason)):
            # "the war, which began in April 2023, ...": the clause dates the war, not this.
            value = tp = reason = None
        if value is not None:
            draft.date_strength = 1 if reason and "publi" in str(reason) else 2
        else:
            local = _local_tokens(c, siblings)
            lo = min((ps.offset + ps.doc[i].idx for i in local), default=ps.sentence.start)
            hi = max(
                (ps.offset + ps.doc[i].idx + len(ps.doc[i]) for i in local),
                default=ps.sentence.end,
            )
            for t in doc.times:
                if t.value and lo <= t.start and t.end <= hi and t.type in ("DATE", "TIME"):
                    value, tp, reason = t.value, t.time_precision or 1, "governed"
                    draft.date_strength = 2
                    break
        if value is None and doc.published is not None:
            value, tp, reason = doc.published.isoformat(), 1, "published"
            draft.date_strength = 0
        ev.date, ev.time_precision, ev.date_reason = value, tp, reason

    def event_offset(self, doc: Document, t: TimeExpr) -> int | None:
        """Days from the event ``t`` dates to the event its base names, or None.

        "a week after launching its offensive" → -7: the offensive happened a week before
        the event the phrase dates. An offset based on a date ("two days after 5 March",
        "a week before Christmas") is no event anchor and gives None; so does a month
        offset (too vague to shift).
        """
        m = _OFFSET.match(t.text.strip())
        if m is None:
            return None
        direction = m.group("dir")
        rest = doc.text[t.end : t.end + 40]
        if direction is None:
            d = _DIRECTION.match(rest)
            if d is None:
                return None
            direction = d.group("dir")
            rest = rest[d.end() :]
        base_at = t.end + (len(doc.text[t.end : t.end + 40]) - len(rest))
        base_at += len(rest) - len(rest.lstrip())
        if self._date_base(doc, t, base_at) is not None:
            return None  # the base is itself a date
        return self._offset_days(m, direction)

    def _date_base(self, doc: Document, t: TimeExpr, base_at: int) -> TimeExpr | None:
        return next((x for x in doc.times if x is not t and x.start <= base_at < x.end + 1), None)

    def date_offset(self, doc: Document, t: TimeExpr) -> str | None:
        """The day an offset from a date names: "two days after 1 December" → 3 December."""
        m = _OFFSET.match(t.text.strip())
        if m is None:
            return None
        rest = doc.text[t.end : t.end + 40]
        direction = m.group("dir")
        skip = 0
        if direction is None:
            d = _DIRECTION.match(rest)
            if d is None:
                return None
            direction, skip = d.group("dir"), d.end()
        base_at = t.end + skip + len(rest[skip:]) - len(rest[skip:].lstrip())
        base = self._date_base(doc, t, base_at)
        days = self._offset_days(m, direction)
        if base is None or not days or not re.match(r"^\d{4}-\d{2}-\d{2}", base.value or ""):
            return None
        shift: Callable[[str, int], str] = (
            _helper("wirewatch.stages.normalize_dates", "shift_date") or _shift_date
        )
        return shift(str(base.value)[:10], -days)

    def _offset_days(self, m: re.Match[str], direction: str) -> int | None:
        if m.group("unit").lower().startswith("month"):
            return 0
        num = m.group("num").lower()
        numbers = {
            str(k).lower(): int(v) for k, v in self.cues.data.get("number_words", {}).items()
        }
        n = int(num) if num.isdigit() else numbers.get(num)
        if n is None:
            return None
        unit = 7 if m.group("unit").lower().startswith("week") else 1
        return n * unit * (-1 if direction.lower() == "after" else 1)

    def _offsets_near(self, doc: Document, ps: ParsedSentence) -> list[TimeExpr]:
        """Event-anchored expressions of the sentence and the paragraph before it."""
        para_start = doc.text.rfind("\n", 0, ps.sentence.start) + 1
        return [
            t
            for t in doc.times
            if para_start <= t.start < ps.sentence.end and self.event_offset(doc, t) is not None
        ]

    def _dated_by_offset(self, doc: Document, ps: ParsedSentence, reason: str | None) -> bool:
        """True when the date helper chose an offset expression ("a week after ...")."""
        if not reason:
            return False
        para_start = doc.text.rfind("\n", 0, ps.sentence.start) + 1
        return any(
            repr(t.text) in reason and _OFFSET.match(t.text.strip())
            for t in doc.times
            if para_start <= t.start < ps.sentence.end
        )

    def _plain_date(
        self, doc: Document, ps: ParsedSentence, ev: Event, reason_of: str
    ) -> tuple[str | None, int | None, str | None]:
        """An offset from a date counted from that date; else the date of the nearest
        expression that is not event-anchored (sentence, then the paragraph before it);
        else the publication date (precision 2)."""
        offsets = {(t.start, t.end) for t in self._offsets_near(doc, ps)}
        trig = ev.trigger.start if ev.trigger else ps.sentence.start
        plain = [
            t
            for t in doc.times
            if t.value
            and (t.start, t.end) not in offsets
            and t.type in ("DATE", "TIME")
            and re.match(r"^\d{4}-\d{2}-\d{2}", t.value)
        ]
        for t in doc.times:
            if ps.sentence.start <= t.start < ps.sentence.end and repr(t.text) in reason_of:
                day = self.date_offset(doc, t)
                if day is not None:
                    return day, 1, f"offset {t.text!r} from a date"
        here = [t for t in plain if ps.sentence.start <= t.start < ps.sentence.end]
        if here:
            t = min(here, key=lambda t: abs(t.start - trig))
            return str(t.value)[:10], t.time_precision or 1, f"sentence {t.text!r}"
        para_start = doc.text.rfind("\n", 0, ps.sentence.start) + 1
        before = [t for t in plain if para_start <= t.start < ps.sentence.start]
        if before:
            t = before[-1]
            return str(t.value)[:10], t.time_precision or 1, f"paragraph {t.text!r}"
        if doc.published is not None:
            return doc.published.isoformat(), 2, "publication date"
        return None, None, "no date"

    def _flag(self, ev: Event, flags: Flags, doc: Document) -> None:
        ev.negated = flags.negated
        ev.hypothetical = flags.hypothetical
        ev.historical = flags.historical
        if doc.published and ev.date and re.match(r"^\d{4}", ev.date):
            limit = doc.published.year - int(self.cues.number("historical_years_before", 1))
            if int(ev.date[:4]) < limit:
                ev.historical = True

    def _attach_fatalities(self, doc: Document, ps: ParsedSentence, drafts: list[Draft]) -> None:
        """Give each killed-quantity to the event whose trigger governs it most closely."""
        sent = ps.sentence
        killed = [
            q
            for q in doc.quantities
            if sent.start <= q.start < sent.end and (q.category or "") in ("killed", "dead")
        ]
        if not killed or not drafts:
            return
        by_anchor: dict[int, Draft] = {}
        for d in drafts:
            if d.cand is not None:
                for i in d.cand.anchors:
                    by_anchor.setdefault(i, d)
        territorial = self.taxonomy.territorial
        for q in killed:
            tok = _token_at(ps, q.start)
            owner: Draft | None = None
            capture: Draft | None = None
            # The nearest governing trigger owns the figure; a capture only when no fighting
            # event governs it ("seizing X ... causing 800 deaths" are the offensive's dead).
            while tok is not None:
                hit = by_anchor.get(tok.i)
                if hit is not None and hit.event.sub_event_type in territorial:
                    capture = capture or hit
                elif hit is not None and hit.event.event_type is not None:
                    owner = hit
                    break
                if tok.head.i == tok.i:
                    break
                tok = tok.head
            if owner is None:
                fighting = [
                    d
                    for d in drafts
                    if d.event.event_type in VIOLENT_TYPES
                    and d.event.sub_event_type not in territorial
                ]
                if fighting:
                    owner = max(fighting, key=lambda d: d.event.confidence)
            owner = owner or capture
            if owner is None:
                violent = [d for d in drafts if d.event.event_type in VIOLENT_TYPES]
                if not violent:
                    continue
                owner = max(violent, key=lambda d: d.event.confidence)
            owner.fatality_quantities.append(q)
            owner.quantity_spans.append((q.start, q.end))
        for d in drafts:
            if d.fatality_quantities:
                d.event.fatalities = _fatalities(d.fatality_quantities)
                d.event.quantities = [q.id for q in d.fatality_quantities if q.id]

    # ------------------------------------------------------------------ whole document
    def _recode_by_document(self, doc: Document, drafts: list[Draft]) -> None:
        """ACLED codes of retreats and prisoner releases that depend on the other events.

        * A withdrawal without fighting from a place another side takes in the same report
          ("the army redeployed out of X" + "the rebels took X") is the losing side's half
          of a transfer: *Non-violent transfer of territory* (ACLED), not a change of
          activity; the taker becomes actor2. The capture keeps its own coding.
        * A prisoner release by forcing the prison or by the side that takes the place
          ("entered the central prison and freed the detainees") is part of that capture:
          kept as a ``prisoner_release`` event with no ACLED code of its own (ACLED records
          it in the capture's notes). A release by those who held the prisoners is an ACLED
          *Agreement* (the codebook lists prisoner releases there), PLOVER *CONCEDE*.
        """
        from wirewatch.events.control import side

        actors = {a.id: a for a in doc.actors}
        live = [d.event for d in drafts if not (d.event.negated or d.event.hypothetical)]
        captures = [
            e
            for e in live
            if e.sub_event_type in self.taxonomy.territorial
            and e.plover_type != "RETREAT"
            and e.place is not None
            and not e.historical
        ]
        for d in drafts:
            ev = d.event
            if ev.negated or ev.hypothetical or ev.historical or d.cand is None:
                continue
            lemmas = {t.lemma_.lower() for t in d.cand.ps.doc} | {t.lower_ for t in d.cand.ps.doc}
            if ev.category == "retreat" and ev.sub_event_type == "Change to group/activity":
                taker = next(
                    (
                        e.actor1
                        for e in captures
                        if e.place == ev.place
                        and e.actor1 is not None
                        and e.actor1 != ev.actor1
                        and side(e.actor1, actors) != side(ev.actor1, actors)
                    ),
                    None,
                )
                lost = bool(lemmas & self.loss_verbs) and d.place_local
                if (taker or lost) and not lemmas & self.violence and d.facility is None:
                    self._set_sub(ev, "Non-violent transfer of territory", keep_plover=True)
                    ev.actor2 = ev.actor2 or taker
            elif ev.category == "prisoner_release":
                freer = side(ev.actor1, actors)
                if freer is None:
                    kinds = {a.id: a.kind for a in doc.actors}
                    actor_tok = _token_map(d.cand.ps, _actor_mentions(doc))
                    freer = self._side(_subject(d.cand), actor_tok, kinds)
                forced = (
                    bool(lemmas & self.forced_release)
                    # a non-state group emptying a prison did not hold those prisoners
                    or (freer == "nonstate" and bool(lemmas & self.prisons))
                    or any(
                        e.place == ev.place
                        and e.actor1 is not None
                        and (e.actor1 == ev.actor1 or side(e.actor1, actors) == freer is not None)
                        for e in captures
                    )
                )
                if forced:
                    ev.event_type = ev.sub_event_type = ev.disorder_type = None
                    ev.plover_type = None
                else:
                    self._set_sub(ev, "Agreement", keep_plover=False)
                    ev.plover_type = "CONCEDE"

    def _set_sub(self, ev: Event, sub: str, *, keep_plover: bool) -> None:
        st = self.taxonomy.get(sub)
        ev.sub_event_type, ev.event_type, ev.disorder_type = sub, st.event_type, st.disorder_type
        if not keep_plover:
            ev.plover_type = st.plover

    def _merge_duplicates(self, drafts: list[Draft], text: str = "") -> list[Draft]:
        """One event per (type, place, flags) in an article; the first mention leads.

        A quoted witness's description of the same kind of violence ("the shells were
        falling on the market"), with no date of its own, repeats the attack already
        reported: it merges into the earlier event and lends it no place."""
        drafts.sort(key=lambda d: d.event.trigger.start if d.event.trigger else 0)
        out: list[Draft] = []
        for d in drafts:
            ev = d.event
            twin = self._quoted_echo(d, out, text)
            if twin is not None:
                twin.event.claims += [c for c in ev.claims if c not in twin.event.claims]
                if ev.trigger is not None:
                    twin.quantity_spans.append((ev.trigger.start, ev.trigger.end))
                continue
            territorial = ev.sub_event_type in self.taxonomy.territorial
            if ev.place is not None and (d.place_local or territorial):
                for o in out:
                    oe = o.event
                    if (
                        oe.place == ev.place
                        and oe.sub_event_type == ev.sub_event_type
                        and oe.plover_type == ev.plover_type
                        and oe.category == ev.category
                        and o.facility == d.facility  # a base near X is not X itself
                        and (oe.negated, oe.hypothetical, oe.historical)
                        == (ev.negated, ev.hypothetical, ev.historical)
                        and (oe.actor1 is None or ev.actor1 is None or oe.actor1 == ev.actor1)
                        and (o.place_local or territorial)
                        and not (ev.negated or ev.hypothetical)
                    ):
                        twin = o
                        break
            if twin is None:
                out.append(d)
                continue
            te = twin.event
            te.actor1 = te.actor1 or ev.actor1
            te.actor2 = te.actor2 or ev.actor2
            te.assoc_actors += [a for a in ev.assoc_actors if a not in te.assoc_actors]
            te.confidence = max(te.confidence, ev.confidence)
            if d.date_strength > twin.date_strength:
                te.date, te.time_precision, te.date_reason = (
                    ev.date,
                    ev.time_precision,
                    ev.date_reason,
                )
                twin.date_strength = d.date_strength
            if ev.fatalities.best and not te.fatalities.best:
                te.fatalities = ev.fatalities
            te.quantities += [q for q in ev.quantities if q not in te.quantities]
            twin.quantity_spans += d.quantity_spans
            twin.fatality_quantities += d.fatality_quantities
            twin.place_local = twin.place_local or d.place_local
            twin.event.claims += [c for c in ev.claims if c not in twin.event.claims]
            if ev.trigger is not None:
                # The twin's trigger also reports this event: its claims count (link_claims).
                twin.quantity_spans.append((ev.trigger.start, ev.trigger.end))
        return out

    def _quoted_echo(self, d: Draft, earlier: list[Draft], text: str) -> Draft | None:
        """The earlier event that a quoted, undated mention of the same violence repeats."""
        ev = d.event
        if ev.trigger is None or ev.event_type not in VIOLENT_TYPES:
            return None
        if _own_date(d) or not _inside_quote(text, ev.trigger.start):
            return None
        for o in earlier:
            oe = o.event
            if (
                oe.sub_event_type == ev.sub_event_type
                and not (oe.negated or oe.hypothetical or oe.historical)
                and (oe.actor1 is None or ev.actor1 is None or oe.actor1 == ev.actor1)
            ):
                return o
        return None

    def _resolve_anchors(self, doc: Document, drafts: list[Draft]) -> None:
        """Resolve "N days after X": X's event is dated from the event the phrase governs."""
        anchored = _helper("wirewatch.stages.normalize_dates", "anchored")
        shift: Callable[[str, int], str] = (
            _helper("wirewatch.stages.normalize_dates", "shift_date") or _shift_date
        )
        found: list[tuple[int, int, int, str, TimeExpr | None]] = []  # start, end, days, name
        for t in doc.times:
            if anchored is None:
                break
            try:
                res = anchored(doc, t)
            except Exception as exc:  # helper bugs must not lose the events
                log.debug("anchored failed: %s", exc)
                res = None
            if res:
                delta, name = res  # date(anchor event) = date(governed event) + delta
                found.append((t.start, t.end, int(delta), str(name), t))
        if not found:
            numbers = {
                str(k).lower(): int(v) for k, v in self.cues.data.get("number_words", {}).items()
            }
            for d in drafts:
                sent = doc.sentences[d.sentence]
                for m in _ANCHOR.finditer(sent.text):
                    num = m.group("num").lower()
                    n = int(num) if num.isdigit() else numbers.get(num)
                    if n is None:
                        continue
                    unit = 7 if m.group("unit").startswith("week") else 1
                    days = n * unit * (-1 if m.group("dir") == "after" else 1)
                    s, e = sent.start + m.start(), sent.start + m.end()
                    if all(f[0] != s for f in found):
                        tx = next((t for t in doc.times if t.start < e and s < t.end), None)
                        found.append((s, e, days, m.group("name"), tx))
        # "a week after launching its offensive": the base is an event named by a clause,
        # not a place; the event whose trigger lies in that clause (if coded) is dated.
        for t in doc.times:
            if any(f[0] < t.end and t.start < f[1] for f in found):
                continue
            offset = self.event_offset(doc, t)
            if offset:
                found.append((t.start, t.end, offset, "", t))
        for s, e, days, name, tx in found:
            base = self._base_event(doc, drafts, s)
            if base is None or base.event.date is None:
                continue
            value = shift(base.event.date, days)
            if value == base.event.date:
                continue
            if name:
                target = self._anchor_target(doc, drafts, base, name, s)
                if target is None:
                    target = self._implied_event(doc, drafts, base, name, s, e)
            else:
                target = self._clause_event(doc, drafts, base, e)
            if target is None:
                if tx is not None and not name:
                    # No event coded for the base clause: the expression still dates it.
                    tx.anchor = base.event.id
                    tx.value, tx.time_precision = value, 2
                continue
            if _weakly_dated(base) and _own_date(target):
                # "Rebels seized Hama on Thursday. Two days after the fall of Hama, the army
                # withdrew": the governed event has no date of its own (it borrowed one from
                # the paragraph), the anchor event has: date the governed one from it.
                base.event.date = shift(str(target.event.date), -days)
                base.event.time_precision = 2
                base.event.date_reason = f"anchored to {target.event.id}"
                base.date_strength = 3
                if tx is not None:
                    tx.anchor = target.event.id
                    tx.value, tx.time_precision = base.event.date, 2
                continue
            target.event.date, target.event.time_precision = value, 2
            target.event.date_reason = f"anchored to {base.event.id}"
            target.date_strength = 3
            if tx is None:
                tx = TimeExpr(start=s, end=e, text=doc.text[s:e], type="DATE")
                doc.times.append(tx)
            # The expression ("four days after Aleppo") denotes the governed event's date and
            # is resolved against the event it names (the capture of Aleppo).
            tx.anchor = target.event.id
            if tx.value is None:
                tx.value, tx.time_precision = base.event.date, base.event.time_precision

    def _clause_event(
        self, doc: Document, drafts: list[Draft], base: Draft, char: int
    ) -> Draft | None:
        """The event whose trigger follows ``char`` in the same sentence (the offset's base:
        "a week after *launching its offensive*"), before any comma or semicolon."""
        sent = doc.sentence_at(char)
        if sent is None:
            return None
        stop = min(
            (
                i
                for i in (doc.text.find(",", char, sent.end), doc.text.find(";", char, sent.end))
                if i >= 0
            ),
            default=sent.end,
        )
        for d in drafts:
            trig = d.event.trigger
            if d is base or trig is None or d.sentence != sent.index:
                continue
            if char <= trig.start < stop:
                return d
        return None

    def _base_event(self, doc: Document, drafts: list[Draft], char: int) -> Draft | None:
        sent = doc.sentence_at(char)
        if sent is None:
            return None
        here = [d for d in drafts if d.sentence == sent.index and d.cand is not None]
        if not here:
            return None
        for d in here:
            assert d.cand is not None  # filtered above; narrows for mypy
            tok = _token_at(d.cand.ps, char)
            while tok is not None and tok.head.i != tok.i:
                tok = tok.head
                if tok.i in d.cand.anchors:
                    return d
        return max(here, key=lambda d: d.event.confidence)

    def _anchor_target(
        self, doc: Document, drafts: list[Draft], base: Draft, name: str, char: int
    ) -> Draft | None:
        names = {name.casefold()}
        places = {p.id: p for p in doc.places}
        best = None
        for d in drafts:
            if d is base or d.event.place is None:
                continue
            p = places.get(d.event.place)
            if p is None:
                continue
            texts = {p.name.casefold(), *(m.text.casefold() for m in p.mentions)}
            if texts & names:
                same = d.event.sub_event_type == base.event.sub_event_type
                if best is None or (
                    same and best.event.sub_event_type != base.event.sub_event_type
                ):
                    best = d
        return best

    def _implied_event(
        self, doc: Document, drafts: list[Draft], base: Draft, name: str, s: int, e: int
    ) -> Draft | None:
        """ "Four days after Aleppo": an earlier event of the same kind at Aleppo."""
        place = None
        for p in doc.places:
            for m in p.mentions:
                if s <= m.start and m.end <= e and m.text.casefold() == name.casefold():
                    place = p
        if place is None:
            return None
        be = base.event
        name_start = doc.text.find(name, s, e)
        if name_start < 0:
            return None
        ev = Event(
            id=f"e{len(drafts) + 1}",
            event_type=be.event_type,
            sub_event_type=be.sub_event_type,
            disorder_type=be.disorder_type,
            plover_type=be.plover_type,
            actor1=be.actor1,
            actor2=be.actor2,
            assoc_actors=list(be.assoc_actors),
            place=place.id,
            geo_precision=place.geo_precision or 1,
            evidence=be.evidence,
            trigger=Span.of(doc.text, name_start, name_start + len(name)),
            confidence=round(be.confidence * 0.7, 3),
        )
        ev.category = be.category
        d = Draft(event=ev, cand=None, sentence=base.sentence, place_local=True)
        drafts.append(d)
        return d

    def _link_claims(self, doc: Document, drafts: list[Draft]) -> None:
        """Claims whose content overlaps the trigger or an attached figure report the event."""
        # Claims sorted by start, searched by bisection: a long text has thousands of both.
        order = {c.id: n for n, c in enumerate(doc.claims)}
        by_start = sorted(doc.claims, key=lambda c: c.content.start)
        starts = [c.content.start for c in by_start]
        longest = max((c.content.end - c.content.start for c in doc.claims), default=0)
        by_id = {c.id: c for c in doc.claims}
        for d in drafts:
            ev = d.event
            spans = list(d.quantity_spans)
            if ev.trigger:
                spans.append((ev.trigger.start, ev.trigger.end))
            found: dict[str, Claim] = {}
            for s, e in spans:
                if e <= s:
                    continue
                lo = bisect.bisect_left(starts, s - longest)
                hi = bisect.bisect_left(starts, e)
                for claim in by_start[lo:hi]:
                    if claim.content.start < e and s < claim.content.end:
                        found[claim.id] = claim
            for q in d.fatality_quantities:
                for cid in q.claims or []:
                    if cid in by_id:
                        found[cid] = by_id[cid]
            for claim in sorted(found.values(), key=lambda c: order[c.id]):
                if claim.id not in ev.claims:
                    ev.claims.append(claim.id)
                    if ev.id not in claim.about_events:
                        claim.about_events.append(ev.id)


# ---------------------------------------------------------------------- tree helpers
def _place_mentions(doc: Document) -> list[tuple[int, int, str]]:
    return _mentions_sorted(doc, "places", doc.places)


def _actor_mentions(doc: Document) -> list[tuple[int, int, str]]:
    return _mentions_sorted(doc, "actors", doc.actors)


def _mentions_sorted(doc: Document, layer: str, records: list[Any]) -> list[tuple[int, int, str]]:
    """Sorted mentions of a layer, built once per document (asked for every sentence)."""
    size = sum(len(r.mentions) for r in records)
    key = f"events.{layer}_mentions"
    cached = doc.user_data.get(key)
    if cached is None or cached[0] != size:
        spans = sorted((m.start, m.end, r.id) for r in records for m in r.mentions)
        cached = (size, spans)
        doc.user_data[key] = cached
    return cached[1]


# Longer mentions than this (characters) start before a sentence they still overlap.
_LONGEST_MENTION = 300


def _token_bounds(ps: ParsedSentence) -> tuple[list[int], list[int]]:
    """Article-text (start, end) offsets of the sentence's tokens, both ascending.

    Computed once per parse and kept on the spaCy doc: the coder asks for them several
    times per sentence, and per-token attribute access is the slow part of spaCy's API.
    """
    cached = ps.doc.user_data.get(_BOUNDS_KEY)
    if cached is None or cached[0] != ps.offset:
        off = ps.offset
        starts = [off + t.idx for t in ps.doc]
        ends = [a + len(t) for a, t in zip(starts, ps.doc, strict=True)]
        cached = (off, starts, ends)
        ps.doc.user_data[_BOUNDS_KEY] = cached
    return cached[1], cached[2]


_BOUNDS_KEY = "wirewatch.events.token_bounds"


def _token_map(ps: ParsedSentence, mentions: list[tuple[int, int, str]]) -> dict[int, str]:
    """Token index → id of the mention (place or actor) covering that token."""
    lo, hi = ps.sentence.start, ps.sentence.end
    # mentions are sorted by start: bisect to the sentence instead of scanning the text
    first = bisect.bisect_left(mentions, (lo - _LONGEST_MENTION,))
    last = bisect.bisect_left(mentions, (hi,))
    inside = [(s, e, i) for s, e, i in mentions[first:last] if s < hi and lo < e]
    out: dict[int, str] = {}
    if not inside:
        return out
    starts, ends = _token_bounds(ps)
    # Tokens never overlap, so both bounds ascend and the tokens overlapping a mention are
    # one bisected run; the first mention (in order) covering a token wins, as before.
    for s, e, ident in inside:
        for i in range(bisect.bisect_right(ends, s), bisect.bisect_left(starts, e)):
            out.setdefault(i, ident)
    # keep token order, as callers see it when they iterate the map
    return out if len(inside) == 1 else {i: out[i] for i in sorted(out)}


def _token_at(ps: ParsedSentence, char: int) -> Token | None:
    rel = char - ps.offset
    for tok in ps.doc:
        if tok.idx <= rel < tok.idx + max(1, len(tok.text)):
            return tok
    return None


def _shift_date(value: str, days: int) -> str:
    from wirewatch.temporal.calendar import shift_date

    return shift_date(value, days)


def _time_tokens(doc: Document, ps: ParsedSentence) -> set[int]:
    """Tokens inside temporal expressions ("four days after Aleppo" is a date, not a place)."""
    spans = [
        (t.start, t.end)
        for t in doc.times
        if t.start < ps.sentence.end and ps.sentence.start < t.end
    ]
    out: set[int] = set()
    if not spans:
        return out
    starts, _ = _token_bounds(ps)
    # a token belongs to a time when its first character does: a bisected run of starts
    for s, e in spans:
        out.update(range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)))
    return out


def _inside_a_name(
    c: Candidate, place_tok: dict[int, str], actor_tok: dict[int, str], times: set[int]
) -> bool:
    """A trigger word that is part of a name or a date is no trigger ("Free Syrian Army",
    "Islamic State", "March 3", a person called Bomber)."""
    span = range(c.start, c.end)
    if any(i in times for i in span):
        return True
    return any(c.sdoc[i].pos_ == "PROPN" and (i in place_tok or i in actor_tok) for i in span)


def _role_words(tok: Token, roles: tuple[str, ...]) -> set[str]:
    """Lemmas of a verb's arguments in these roles.

    Roles are dependency labels, ``agent`` (the object of a passive "by") and
    ``pobj_<prep>`` (the object of that preposition: ``pobj_on`` for "fired on them").
    """
    out: set[str] = set()
    for ch in tok.children:
        if ch.dep_ in roles and ch.dep_ != "agent":
            targets = [ch]
        elif (ch.dep_ == "agent" and "agent" in roles) or (
            ch.dep_ == "prep" and f"pobj_{ch.lower_}" in roles
        ):
            targets = [g for g in ch.children if g.dep_ == "pobj"]
        else:
            continue
        for t in targets:
            for x in (t, *t.conjuncts):
                out.add(x.lemma_.lower())
                out.update(c.lemma_.lower() for c in x.children if c.dep_ == "compound")
    return out


def _attributed(head: Token, heads: frozenset[str]) -> bool:
    """True when the trigger sits under "responsibility for", "blamed for"... (4 steps up),
    under a verb whose object is such a word ("took *credit* for the bombing"), or is the
    subject of "be behind" / "be responsible" ("bombers are suspected to be behind...")."""
    if head.dep_ in ("nsubj", "nsubjpass"):
        gov = head.head
        near = [c for c in gov.children if c.dep_ in ("xcomp", "acomp", "prep", "ccomp")]
        words = {t.lower_ for c in near for t in (c, *c.children)}
        if words & heads:
            return True
    tok = head
    for _ in range(4):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in heads or tok.lower_ in heads:
            return True
        if tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in heads for c in tok.children
        ):
            return True
    return False


def _negated_by_pronoun(head: Token, words: frozenset[str]) -> bool:
    """ "nowhere to flee", "nothing to fight for": the trigger qualifies a negative word."""
    gov = head.head
    return head.dep_ in ("acl", "relcl", "xcomp") and gov.lower_ in words


def _subject(c: Candidate) -> Token | None:
    """The acting subject of a trigger, climbing through participles and conjuncts."""
    tok = c.top()
    for _ in range(4):
        for ch in tok.children:
            if ch.dep_ in ("nsubj", "csubj"):
                return ch
            if ch.dep_ == "agent":
                return next((g for g in ch.children if g.dep_ == "pobj"), None)
        if tok.dep_ == "relcl" or (tok.dep_ == "acl" and tok.head.dep_ == "ROOT"):
            return tok.head  # "the rebels, who took X" / a headline-like "Rebels announced X"
        if tok.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl", "ccomp") and tok.head.i != tok.i:
            if tok.dep_ == "acl":
                # "Erdogan, ..., called on X" (a finite verb parsed as a clause on the noun)
                # or "rebels seizing X": the noun acts; "the town captured by X" does not.
                comma = tok.i > 0 and tok.doc[tok.i - 1].text == ","
                finite = tok.tag_ in ("VBD", "VBG", "VBZ", "VBP")
                return tok.head if finite or comma else None
            tok = tok.head
            continue
        if tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
            tok = tok.head  # a noun trigger: the clause it sits in
            continue
        break
    return None


def _object_phrase(tok: Token) -> list[Token]:
    """The object noun phrase: itself, "of" phrases, appositions, compounds, conjuncts."""
    out = [tok]
    for ch in tok.children:
        if ch.dep_ == "prep" and ch.lower_ != "of":
            continue
        if ch.dep_ in ("relcl", "acl", "advcl"):
            continue
        out.extend(_object_phrase(ch))
    return out


def _direct_objects(c: Candidate) -> list[Token]:
    return [ch for i in c.anchors for ch in c.ps.doc[i].children if ch.dep_ == "dobj"]


def _prep_object(head: Token, preps: tuple[str, ...]) -> Token | None:
    for ch in head.children:
        if ch.dep_ in ("prep", "agent") and ch.lower_ in preps:
            for g in ch.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _poss(head: Token) -> Token | None:
    return next((ch for ch in head.children if ch.dep_ == "poss"), None)


def _targets(c: Candidate, own: bool = False) -> list[Token]:
    """Object-like arguments: direct object, passive subject, against/on/with/by/from phrases.

    ``own``: only of the trigger's own anchors, not of matches folded into it.
    """
    out: list[Token] = []
    for i in sorted(c.anchors - c.borrowed if own else c.anchors):
        head = c.ps.doc[i]
        for ch in head.children:
            if ch.dep_ in ("dobj", "nsubjpass", "attr", "dative"):
                out.append(ch)
            elif ch.dep_ == "prep" and ch.lower_ in (
                "against",
                "on",
                "with",
                "by",
                "from",
                "at",
                "to",
                "targeting",
                "of",
            ):
                out.extend(g for g in ch.children if g.dep_ == "pobj")
    return out + [g for t in out for g in t.conjuncts]


def _dates_another_noun(doc: Document, ps: ParsedSentence, c: Candidate, reason: str) -> bool:
    """The time expression a date helper chose sits in a relative or participle clause on a
    noun that does not hold the trigger ("the war, *which began in April 2023*, has
    displaced..."): it dates that noun, not the event."""
    starts, _ = _token_bounds(ps)
    for t in doc.times:
        if not (ps.sentence.start <= t.start < ps.sentence.end) or repr(t.text) not in reason:
            continue
        i = bisect.bisect_right(starts, t.start) - 1
        if i < 0:
            continue
        tok = ps.doc[i]
        for anc in tok.ancestors:
            if anc.dep_ in ("relcl", "acl") and anc.head.pos_ in ("NOUN", "PROPN"):
                # a clause on the trigger noun itself ("a pact signed in 1987") dates it
                return anc.head.i not in c.anchors and c.head not in {x.i for x in anc.subtree}
    return False


def _inherited_passive(c: Candidate) -> bool:
    """An agentless passive whose subject comes from the clause above ("the group held
    areas *before being chased away*"): that subject underwent the act."""
    head = c.head_token
    if head.pos_ != "VERB" or head.dep_ not in ("pcomp", "advcl", "xcomp", "conj"):
        return False
    deps = {ch.dep_ for ch in head.children}
    return "auxpass" in deps and not deps & {"nsubj", "nsubjpass", "agent", "csubj"}


def _facility(c: Candidate, place_tok: dict[int, str], facilities: frozenset[str]) -> str | None:
    """The facility a capture or retreat acts on ("overran an army *base* near X",
    "withdrew from the airport"), as its words without determiners; None when the object
    is a town, an area or a named place ("took control of X": the place itself)."""
    targets = _targets(c, own=True)
    if not targets:
        return None
    head = targets[0]
    if head.lemma_.lower() == "control":
        # "took control of the airport": the facility is the object of "of".
        of = next((ch for ch in head.children if ch.dep_ == "prep" and ch.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
        if pobj is None:
            return None
        head = pobj
    if head.i in place_tok or head.pos_ not in ("NOUN", "PROPN"):
        return None
    mods = [
        ch
        for ch in head.children
        if ch.dep_ in ("compound", "amod") and ch.i < head.i and ch.i not in place_tok
    ]
    words = [t.lower_ for t in (*mods, head)]
    own = {head.lemma_.lower(), head.lower_, " ".join(words[-2:])}  # "oil field"
    if not own & facilities:
        return None
    # "seized the town and its airport": the town is taken, not only a facility.
    for t in targets[1:]:
        if t in head.conjuncts and t.lemma_.lower() not in facilities:
            return None
    return " ".join(words)


def _governs(x: Candidate, y: Candidate) -> bool:
    """True when an anchor of ``x`` dominates the head of ``y`` in the tree."""
    tok = y.head_token
    for _ in range(40):
        if tok.i in x.anchors:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _tied(a: Candidate, b: Candidate) -> bool:
    """True when one candidate's anchor governs the other's head (or they share a head)."""
    return _governs(a, b) or _governs(b, a)


def _local_tokens(c: Candidate, siblings: list[Candidate]) -> set[int]:
    """Tokens of the event's clause: the anchors' subtree minus other triggers' clauses."""
    top = c.top()
    own = {t.i for t in top.subtree}
    for s in siblings:
        if s is c:
            continue
        st = s.top()
        # a sibling that governs this trigger holds our clause inside its own: keep it
        if st.i in own and st.i not in c.anchors and not _governs(s, c):
            own -= {t.i for t in st.subtree}
    subj = next((ch for ch in top.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.i not in c.anchors:
        own -= {t.i for t in subj.subtree}
    return own


def _best_per_span(cands: list[Candidate]) -> list[Candidate]:
    best: dict[tuple[int, int], Candidate] = {}
    for c in cands:
        key = (c.start, c.end)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return sorted(best.values(), key=lambda c: c.start)


def _is_country(place: Any) -> bool:
    if place is None:
        return False
    return str(getattr(place, "feature_code", "") or "").startswith(("PCL", "TERR"))


def _place_before(doc: Document, char: int, floor: int) -> str | None:
    """The last non-country place mentioned between ``floor`` and ``char``."""
    best: tuple[int, str] | None = None
    for p in doc.places:
        if _is_country(p):
            continue
        for m in p.mentions:
            if floor <= m.start and m.end <= char and (best is None or m.start > best[0]):
                best = (m.start, p.id)
    return best[1] if best else None


def _destinations(ps: ParsedSentence, place_tok: dict[int, str], preps: frozenset[str]) -> set[str]:
    """Places of the sentence named as where someone went ("fled *towards X*")."""
    out: set[str] = set()
    for tok in ps.doc:
        if tok.dep_ == "prep" and tok.lower_ in preps and tok.head.pos_ == "VERB":
            out |= {place_tok[t.i] for t in tok.subtree if t.i in place_tok}
    return out


def _nearest_place(doc: Document, ps: ParsedSentence, c: Candidate) -> str | None:
    start, end = c.char_span()
    best: tuple[int, int, str] | None = None
    for p in doc.places:
        for m in p.mentions:
            if ps.sentence.start <= m.start < ps.sentence.end:
                dist = min(abs(m.start - end), abs(start - m.end))
                key = (1 if _is_country(p) else 0, dist, p.id)
                if best is None or key < best:
                    best = key
    return best[2] if best else None


def _fatalities(quantities: list[Any]) -> Fatalities:
    helper = _helper("wirewatch.stages.measure_quantities", "fatalities_from")
    if helper is not None:
        try:
            res = helper(quantities)
            if isinstance(res, Fatalities):
                return res
        except Exception as exc:  # fall back on our own reading of the figures
            log.debug("fatalities_from failed: %s", exc)
    lows = [q.low if q.low is not None else q.value for q in quantities]
    lows = [v for v in lows if v is not None]
    if not lows:
        return Fatalities()
    low = int(min(lows))
    best_vals = [q.value for q in quantities if q.value is not None]
    best = int(min(best_vals)) if best_vals else low
    highs = [q.high for q in quantities if q.high is not None]
    return Fatalities(low=low, best=best, high=int(max(highs)) if highs else None, acled=low)


def _refers_to_subject(t: Token, subj: Token | None, actor_tok: dict[int, str]) -> bool:
    """True for "*their* stronghold" whose pronoun agrees with the clause's subject
    ("the rebels launched an offensive from their stronghold"): the subject's own side,
    never the target."""
    if subj is None or any(x.i in actor_tok for x in t.subtree):
        return False
    poss = _poss(t)
    if poss is None or poss.pos_ != "PRON":
        return False
    plural = subj.tag_ in ("NNS", "NNPS")
    low = poss.lower_
    return (low == "their" and plural) or (low == "its" and not plural)


def _has_phrase(lower: str, phrase: str) -> bool:
    """``phrase`` occurs in ``lower`` as whole words, inflected or not ("arrest" is in
    "arrests", "brutal" is not in "brutality")."""
    pattern = rf"(?<![a-z]){re.escape(phrase)}(?:s|es|d|ed|ing)?(?![a-z])"
    return re.search(pattern, lower) is not None


def _inside_quote(text: str, pos: int) -> bool:
    """True when ``pos`` lies inside a quotation opened earlier in its paragraph."""
    start = text.rfind("\n", 0, pos) + 1
    before = text[start:pos]
    if "\u201c" in before or "\u201d" in before:
        return before.count("\u201c") > before.count("\u201d")
    return before.count('"') % 2 == 1


def _weakly_dated(d: Draft) -> bool:
    """True when an event's date is borrowed (previous sentences, publication), not its own."""
    reason = str(d.event.date_reason or "")
    return d.date_strength <= 1 or reason.startswith(("paragraph", "publi"))


def _own_date(d: Draft) -> bool:
    """True when an event is dated by an expression of its own sentence."""
    return d.event.date is not None and d.date_strength >= 2 and not _weakly_dated(d)
