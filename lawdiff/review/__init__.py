"""Review: redlines between dates and between works, provision history and blame.

- :mod:`lawdiff.review.readings` reads the versions of a work's provisions on a date;
- :mod:`lawdiff.review.compare` pairs two sides and makes the redlines (``lawdiff diff``);
- :mod:`lawdiff.review.history` lists every version of a provision (``log``, ``blame``).

Everything here returns plain data (``to_json``); the views of it are in :mod:`lawdiff.render`
and the CLI only prints them.
"""

from lawdiff.review.compare import Alternative, Entry, Review, SideInfo, diff_dates, diff_works, parallel_tables
from lawdiff.review.history import blame, history
from lawdiff.review.readings import NOT_IN_CORPUS, UNCERTAIN, UNCHANGED, Reading, RowValue, WorkReader

__all__ = ["Alternative", "Entry", "NOT_IN_CORPUS", "Reading", "Review", "RowValue", "SideInfo",
           "UNCERTAIN", "UNCHANGED", "WorkReader", "blame", "diff_dates", "diff_works", "history",
           "parallel_tables"]
