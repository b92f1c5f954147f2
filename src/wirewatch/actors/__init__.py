"""Conflict actors: the knowledge base (data files), its validation and mention linking."""

from wirewatch.actors.kb import ACTOR_KINDS, ActorEntry, KnowledgeBase, load_kb, read_actor_file
from wirewatch.actors.linker import Linker

__all__ = ["ACTOR_KINDS", "ActorEntry", "KnowledgeBase", "Linker", "load_kb", "read_actor_file"]
