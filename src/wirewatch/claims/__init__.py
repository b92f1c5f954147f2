"""Claims: quotations, reported speech, speakers, channels and contradictions.

The stage modules :mod:`wirewatch.stages.attribute_claims` and
:mod:`wirewatch.stages.find_contradictions` are thin wrappers over this package:

- :mod:`.quotes` finds quotation spans in every common mark style;
- :mod:`.lexicon` loads the cue, channel and stance knowledge from ``data/claims``;
- :mod:`.speakers` builds speaker names and roles and resolves pronouns;
- :mod:`.channels` finds the channel ("on Telegram") and intermediary ("carried by Sana");
- :mod:`.attribute` puts them together into :class:`~wirewatch.model.Claim` records;
- :mod:`.contradict` finds opposing claims and differing figures.
"""
