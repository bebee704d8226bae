"""Golden cases, one legal phenomenon per file (tests/data/amend/cases/): base, instruction,
expected text in force afterwards — or the error, with nothing written."""

from __future__ import annotations

import pytest

from lawdiff import LawdiffError, api
from lawdiff.amend.apply import apply_act
from lawdiff.validate import validate_file

from .cases import build_corpus, read_case
from .conftest import DATA

CASES = sorted((DATA / "cases").glob("*.txt"))


def run_case(case, tmp_path):
    corpus = build_corpus(case, tmp_path / "corpus")
    results = []
    for i, act in enumerate(case.acts):
        last = i == len(case.acts) - 1
        if last and case.error:
            before = {p: p.read_bytes() for p in corpus.work_files()}
            with pytest.raises(LawdiffError) as err:
                apply_act(corpus, act.work, accept_warnings=act.accept_warnings)
            assert {p: p.read_bytes() for p in corpus.work_files()} == before, "a failed apply wrote something"
            return corpus, results, str(err.value)
        results.append(apply_act(corpus, act.work, accept_warnings=act.accept_warnings))
    return corpus, results, None


def in_force(corpus, work, when):
    return [(p.eid, p.text) for p in api.show(corpus, work, when).provisions]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path, tmp_path):
    case = read_case(path)
    corpus, results, error = run_case(case, tmp_path)
    if case.error:
        assert error is not None and case.error in error, error
        assert error.startswith("operation ") or "instruction" in error, error
    for work_file in corpus.work_files():
        assert validate_file(work_file) == []
    for fragment in case.notes:
        assert any(fragment in note for note in results[-1].notes), (fragment, results[-1].notes)
    for when, expected in case.expected.items():
        assert in_force(corpus, case.base, when) == expected, when
