"""Link actor mentions to canonical actors of the knowledge base.

The knowledge base (packaged JSON Lines plus ``Settings.actor_files``) and its Aho-Corasick
automaton are built once per pipeline as the ``actor_linker`` resource. Resolved places
give the document's country and are never taken for actors; NER spans are evidence for
people and groups the base does not know. See :mod:`wirewatch.actors.linker`.
"""

from __future__ import annotations

from wirewatch.actors import Linker, load_kb
from wirewatch.document import Document
from wirewatch.pipeline import Resources, StageFn, stage
from wirewatch.settings import Settings


def load_linker(settings: Settings) -> Linker:
    """Build the linker over the packaged actor base and the user's actor files."""
    return Linker(load_kb(settings.actor_files))


@stage("link_actors", requires=("sentences", "entities", "places"), assigns=("actors",))
def make_link_actors(settings: Settings, resources: Resources) -> StageFn:
    """Link actor mentions to canonical actors of the knowledge base."""
    linker = resources.get("actor_linker", load_linker)

    def run(doc: Document) -> None:
        # One vote per mention (at least one per place) for the document's country.
        countries = [p.country_code for p in doc.places for _ in range(max(1, len(p.mentions)))]
        spans = [(m.start, m.end) for p in doc.places for m in p.mentions]
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents()]
        doc.actors = linker.link(
            doc.text,
            place_countries=countries,
            place_spans=spans,
            entities=ents,
            country_focus=settings.country_focus,
        )

    return run
