"""Every real instruction sentence of tests/data/real/instructions.json through the grammar:
an instruction parsed into a wrong operation fails; a refusal must give its reason. The
figure (right / refused / wrong) is printed by ``python -m tests.amend.real_instructions``
and reported in docs/amendments.md."""

from __future__ import annotations

import pytest

from .real_instructions import check, entries, expected_paths, pending_entries

ENTRIES = entries()
PENDING = pending_entries()


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{i}-{e['language']}" for i, e in enumerate(ENTRIES, 1)])
def test_real_instruction_is_never_parsed_wrong(entry):
    outcome = check(entry)
    assert outcome.verdict in ("right", "refused"), outcome.detail
    if outcome.verdict == "refused":
        assert outcome.detail.strip()


@pytest.mark.parametrize("entry", PENDING, ids=[f"pending-{i}-{e['language']}" for i, e in enumerate(PENDING, 1)])
def test_pending_instruction_is_still_not_right(entry):
    """A pending entry waits for the grammar; once it parses right it belongs in the strict set."""
    outcome = check(entry)
    assert outcome.verdict != "right", (
        "parsed right now: move this entry from instructions_pending.json into instructions.json "
        f"(drop its 'pending' key): {entry['sentence'][:80]}")


def test_the_set_is_mostly_parsed():
    """Refusals are allowed one by one, but the set exists to be parsed: most entries are."""
    verdicts = [check(e).verdict for e in ENTRIES]
    assert len(verdicts) >= 30
    assert verdicts.count("right") > verdicts.count("refused")


@pytest.mark.parametrize("target,paths", [
    ("clause 1 > subclauses 1), 2)", [[("clause", "1"), ("subclause", "1")], [("clause", "1"), ("subclause", "2")]]),
    ("appendix (the Rules) > clause 22 > subclause 1) > indent 2",
     [[("appendix", "1"), ("clause", "22"), ("subclause", "1"), ("indent", "2")]]),
    ("appendix > clauses 6, 7", [[("appendix", "1"), ("clause", "6")], [("appendix", "1"), ("clause", "7")]]),
    ("whole act: resolution of 23.09.2009 № 324", [[]]),
    ("the decisions listed in appendix 2 of this decision", None),
])
def test_expected_targets_are_read(target, paths):
    assert expected_paths(target) == paths
