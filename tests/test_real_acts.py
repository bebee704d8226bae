"""Every real text of tests/data/real/ (verbatim copies of public pages, source address on the
first line) imported as a user pastes it: metadata and structure as acts.json expects, every
word kept, the layout recorded; a text copied without its head is refused with one line.
Texts that do not pass yet are listed with their reason in tests/data/ingest/real_known_failures.json,
and each must still fail, so the list and the figure in docs/import.md stay true."""

from __future__ import annotations

import pytest

from real_acts import acts, check, known_failures, passes

KNOWN = known_failures()


@pytest.mark.parametrize("act", acts(), ids=lambda a: a["file"])
def test_real_text(act):
    outcome = check(act)
    if act["file"] in KNOWN:
        assert not passes(act, outcome), f"{act['file']} passes now: remove it from the known failures"
        assert outcome.error is None or "\n" not in outcome.error
        return
    assert outcome.error is None or act.get("title") is None, outcome.error
    assert passes(act, outcome), outcome.mismatches or sorted(outcome.lost)[:10] or outcome.error


def test_known_failures_name_real_texts():
    files = {a["file"] for a in acts()}
    assert set(KNOWN) <= files
    assert all(reason.strip() for reason in KNOWN.values())
