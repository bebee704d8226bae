"""Every real text of tests/data/real/ (verbatim copies of public pages, source address on the
first line) imported as a user pastes it: metadata and structure as acts.json expects, every
word kept, the layout recorded; a text copied without its head is refused with one line.
Texts that do not pass yet are listed with their reason in tests/data/ingest/real_known_failures.json,
and each must still fail, so the list and the figure in docs/import.md stay true. A text that
imports must import right: a wrong title, number or structure, or a lost word, fails here."""

from __future__ import annotations

import pytest

from real_acts import acts, check, known_failures, passes

KNOWN = known_failures()


@pytest.mark.parametrize("act", acts(), ids=lambda a: a["file"])
def test_real_text(act):
    outcome = check(act)
    if act["file"] in KNOWN:
        assert not passes(act, outcome), f"{act['file']} passes now: remove it from the known failures"
        # a known failure is refused with one line, never imported wrong
        assert not outcome.imported and "\n" not in outcome.error, outcome.mismatches or sorted(outcome.lost)[:10]
        return
    if not outcome.imported:
        # Refused, not imported wrong: correct, but a text the set expects to import counts
        # against the figure until it is listed (python tests/real_acts.py names it).
        assert "\n" not in outcome.error
        return
    assert passes(act, outcome), outcome.mismatches or sorted(outcome.lost)[:10]


def test_known_failures_name_real_texts():
    files = {a["file"] for a in acts()}
    assert set(KNOWN) <= files
    assert all(reason.strip() for reason in KNOWN.values())
