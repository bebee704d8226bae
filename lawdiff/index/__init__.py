"""The derived index: a SQLite file (``<corpus>/.lawdiff/index.sqlite``) built from the XML.

It holds, per work file: the work (id, aliases, number, type, place and its names, dates,
period, interval), every version of every unit (eId, from/until bounds, by), tariff rows and
lifecycle events, so that questions across the corpus (tariffs at a date in a place, works in
force, short ids and aliases) read a few rows instead of parsing every file. The XML in git
stays the only source of truth: the index is checked against the files on every open
(:mod:`lawdiff.index.store`), re-indexed incrementally (:mod:`lawdiff.index.update`), rebuilt
when damaged, and deleting it changes no answer.
"""

from lawdiff.index.store import Index, index_path, open_index

__all__ = ["Index", "index_path", "open_index"]
