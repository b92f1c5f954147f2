"""Event coding: trigger patterns (data), argument roles, flags and a sentence classifier.

The ``code_events`` stage uses :class:`EventCoder`; ``derive_control`` uses
:func:`derive_control`. Knowledge lives in ``wirewatch/data/events/``.
"""

from wirewatch.events.coder import EventCoder
from wirewatch.events.control import derive_control

__all__ = ["EventCoder", "derive_control"]
