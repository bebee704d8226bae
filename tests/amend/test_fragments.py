"""Displaced hyperlink fragments and errata: one golden file per form (tests/data/amend/fragments)."""

from __future__ import annotations

import json

import pytest

from lawdiff import LawdiffError
from lawdiff.ingest.fragments import (
    apply_errata, errata_path, load_errata, repair_displaced_fragments,
)
from lawdiff.ingest.repair import normalise_chars

from .conftest import DATA, REPO

CASES = sorted((DATA / "fragments").glob("*.txt"))


def _read_case(path):
    text = path.read_text(encoding="utf-8")
    body = "\n".join(l for l in text.split("\n") if not l.startswith("#"))
    before, after = body.split("<<<\n", 1)[1].split(">>>\n", 1)
    return before.rstrip("\n").split("\n"), after.rstrip("\n").split("\n")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_fragment_form(case):
    before, expected = _read_case(case)
    log = []
    out = repair_displaced_fragments(list(enumerate(before, 1)), log)
    assert [t for _, t in out] == expected
    assert [n for n, _ in out] == list(range(1, len(before) + 1))
    changed = sum(1 for b, e in zip(before, expected) if b != e)
    assert len(log) == changed
    assert all(r.kind == "displaced-fragment" for r in log)
    if case.stem != "untouched":
        assert log, "every form but 'untouched' repairs something"


def test_repair_is_idempotent():
    for case in CASES:
        before, expected = _read_case(case)
        log = []
        again = repair_displaced_fragments(list(enumerate(expected, 1)), log)
        assert [t for _, t in again] == expected, case.stem
        assert log == []


def _order_308_lines():
    raw = (DATA / "order_308_kk.txt").read_text(encoding="utf-8").split("\n")
    return [(i, normalise_chars(t)) for i, t in enumerate(raw, 1)]


def test_order_308_errata_then_fragments():
    errata = load_errata(REPO / "corpus", "kz/mlsp/order/2022/308")
    assert errata is not None
    log = []
    lines = apply_errata(_order_308_lines(), errata, log)
    lines = repair_displaced_fragments(lines, log)
    kinds = [r.kind for r in log]
    assert kinds.count("erratum") == 2
    assert kinds.count("displaced-fragment") == 49
    text = dict(lines)
    assert text[25].strip() == "2-тармақтың бірінші бөлігінің 1), 2), 3) және 4) тармақшалары мынадай"
    assert text[347].strip() == "1, 2, 3, 4 және 5-қосымшалар осы Қағидаларға 1, 2, 3, 4 және 5-қосымшаларға"
    assert text[47].strip() == "6-тармақта:"
    # no context line keeps a leading colon, no instruction line ends glued behind its colon
    for num, t in lines[:366]:
        assert not t.strip().startswith(":"), num
        assert not (":" in t and t.rstrip().split(":")[-1].strip().endswith(("тармақтың", "тармақшаның"))), num


def test_errata_must_match_exactly_one_line():
    log = []
    lines = [(1, "a  b"), (2, "a  b")]
    with pytest.raises(LawdiffError, match="matches no source line"):
        apply_errata(lines, {"lines": [{"found": "zzz", "corrected": "y", "reason": "r"}]}, log)
    with pytest.raises(LawdiffError, match="matches 2 source lines"):
        apply_errata(lines, {"lines": [{"found": "a  b", "corrected": "a b", "reason": "r"}]}, log)
    out = apply_errata(lines, {"lines": [{"line": 2, "found": "a  b", "corrected": "a b", "reason": "r"}]}, log)
    assert out == [(1, "a  b"), (2, "a b")]
    assert log[-1].kind == "erratum" and log[-1].line == 2


def test_errata_shape_is_checked(tmp_path):
    path = errata_path(tmp_path, "kz/mlsp/order/2022/1")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"lines": [{"found": "x", "corrected": "y"}]}), encoding="utf-8")
    with pytest.raises(LawdiffError, match="reason"):
        load_errata(tmp_path, "kz/mlsp/order/2022/1")
    assert load_errata(tmp_path, "kz/mlsp/order/2022/2") is None
    with pytest.raises(LawdiffError):
        errata_path(tmp_path, "../../etc/passwd")
