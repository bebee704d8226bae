"""`lawdiff pending` and `lawdiff apply --pending`, as an editor runs them: the installed script
from the repository root and from a subdirectory.

The orderings use made-up acts (tests/data/pending/README.md): synthetic Rules with chapters
and five synthetic decisions amending them, effective on fixed dates or ten days after a
publication that is not recorded. The real amending acts of tests/data/real/ show what the
commands say of real texts in the corpus whose amended act is not."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, lawdiff, run_script, run_script_on_a_terminal
from lawdiff import time as T
from lawdiff.amend.pending import PendingAct, compete, surely_before
from lawdiff.amend.ops import Operation
from real_acts import acts, known_failures, source_text

BASE = DATA / "ingest" / "synthetic_kk_rules_with_chapters.txt"
FIRST = DATA / "ingest" / "synthetic_kk_web_amending_act.txt"       # 31-2: ten days after publication
PENDING = DATA / "pending"
RULES = "kz/terekti-maslikhat/decision/2024/14-3"
A = {n: f"kz/terekti-maslikhat/decision/2025/{n}" for n in ("31-2", "32-1", "33-4", "34-2", "35-1")}


def _ok(done: subprocess.CompletedProcess, code: int = 0) -> subprocess.CompletedProcess:
    assert done.returncode == code, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done


def _commits(repo: Path) -> int:
    return len(subprocess.run(["git", "-C", str(repo), "rev-list", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.split())


def _clause_4(cwd: Path, when: str) -> str:
    shown = json.loads(_ok(run_script("show", RULES, "--at", when, "--json", cwd=cwd)).stdout)
    return next(p["text"] for p in shown["provisions"] if p["eId"].endswith("para_4__indent_1"))


@pytest.mark.parametrize("where", ["root", "subdirectory"])
def test_pending_acts_applied_in_effective_date_order(scratch_corpus: Path, where: str):
    repo = scratch_corpus.parent
    cwd = repo
    if where == "subdirectory":
        cwd = repo / "docs"
        cwd.mkdir()
    _ok(run_script("import", str(BASE), str(FIRST), str(PENDING), cwd=cwd))

    listed = json.loads(_ok(run_script("pending", "--json", cwd=cwd)).stdout)
    assert [p["work"] for p in listed] == list(A.values())
    first = listed[0]
    assert first["effective"]["determined"] is False and first["effective"]["earliest"] == "2025-03-08"
    assert "publication" in first["effective"]["reason"]
    assert first["targets"] == [{"work": RULES, "eIds": ["att_1__para_3__subpara_2", "att_1__para_4"],
                                 "in_corpus": True}]
    assert first["order_uncertain_with"] == [A["33-4"]] and listed[2]["order_uncertain_with"] == [A["31-2"]]
    assert [p["effective"]["date"] for p in listed[1:]] == ["2025-04-01", "2025-06-01", "2025-07-01", "2025-09-01"]
    human = _ok(run_script("pending", cwd=cwd)).stdout
    assert "order uncertain" in human and human.rstrip().endswith("5 amending act(s) pending")

    before = _commits(repo)
    done = _ok(run_script("apply", "--pending", "--json", cwd=cwd), code=1)
    outcomes = json.loads(done.stdout)
    assert [(o["work"], o["status"]) for o in outcomes] == [
        (A["31-2"], "uncertain"), (A["32-1"], "applied"), (A["33-4"], "uncertain"),
        (A["34-2"], "refused"), (A["35-1"], "blocked")]
    assert "«облыстық» not found" in outcomes[3]["reason"] and A["34-2"] in outcomes[4]["reason"]
    assert _commits(repo) == before + 1                          # one commit per applied act

    # The missing date recorded, the pair is ordered: 31-2 (12 March) before 33-4 (1 June).
    _ok(run_script("event", "add", A["31-2"], "published", "2025-03-01", "--source", "synthetic test", cwd=cwd))
    done = _ok(run_script("apply", "--pending", cwd=cwd), code=1)
    lines = done.stdout.splitlines()
    assert [line.split()[:2] for line in lines[:-1]] == [
        ["applied", A["31-2"]], ["applied", A["33-4"]], ["refused", A["34-2"]], ["blocked", A["35-1"]]]
    assert lines[-1] == "4 pending act(s): 2 applied, 1 refused, 1 blocked"
    assert done.stderr.strip() == "lawdiff: error: 2 of 4 pending act(s) not applied (reasons above)"
    assert _clause_4(cwd, "2025-05-01") == "Әлеуметтік қолдау жылына бір рет бюджет қаражаты есебінен көрсетіледі."
    assert _clause_4(cwd, "2025-07-01") == "Әлеуметтік қолдау жылына екі рет бюджет қаражаты есебінен көрсетіледі."
    _ok(run_script("validate", cwd=cwd))
    left = json.loads(_ok(run_script("pending", "--json", cwd=cwd)).stdout)
    assert [p["work"] for p in left] == [A["34-2"], A["35-1"]]


def test_order_is_the_same_whatever_the_import_order(scratch_corpus: Path):
    repo = scratch_corpus.parent
    files = [BASE, FIRST, *sorted(PENDING.glob("*.txt"))]
    _ok(run_script("import", str(files[0]), *map(str, reversed(files[1:])), cwd=repo))
    listed = json.loads(_ok(run_script("pending", "--json", cwd=repo)).stdout)
    assert [p["work"] for p in listed] == list(A.values())


def test_real_amending_acts_without_their_amended_act(scratch_corpus: Path, tmp_path: Path):
    """Real amending acts (verbatim excerpts) whose amended acts are not in the corpus: each
    is listed with why it cannot be applied, and apply --pending refuses each, writing nothing."""
    known = known_failures()
    real, seen = [], set()
    for a in acts():
        act_id = re.search(r"_([A-Za-z0-9]+)_?\.txt$", a["file"]).group(1)   # one language text per act
        if "_amending_" in a["file"] and a.get("title") and a["file"] not in known and act_id not in seen:
            seen.add(act_id)
            real.append(a)
    assert len(real) >= 3
    folder = tmp_path / "real"
    folder.mkdir()
    for a in real:
        (folder / a["file"]).write_text(source_text(a), encoding="utf-8")
    repo = scratch_corpus.parent
    imported = json.loads(_ok(run_script("import", str(folder), "--json", cwd=repo)).stdout)
    works = {f["work"] for f in imported["files"]}
    listed = json.loads(_ok(run_script("pending", "--json", cwd=repo)).stdout)
    assert {p["work"] for p in listed} <= works and listed
    for p in listed:
        assert p["problem"] and "\n" not in p["problem"]
        assert all(not t["in_corpus"] for t in p["targets"])
    earliest = [p["effective"]["date"] or p["effective"]["earliest"] for p in listed]
    assert earliest == sorted(earliest)
    before = _commits(repo)
    outcomes = json.loads(_ok(run_script("apply", "--pending", "--json", cwd=repo), code=1).stdout)
    assert [o["work"] for o in outcomes] == [p["work"] for p in listed]
    assert {o["status"] for o in outcomes} <= {"refused", "uncertain", "blocked"}
    assert _commits(repo) == before


def test_progress_on_a_terminal(scratch_corpus: Path):
    repo = scratch_corpus.parent
    _ok(run_script("import", str(BASE), str(PENDING / "synthetic_kk_32-1_clause_1_from_2025-04-01.txt"), cwd=repo))
    done, drawn = run_script_on_a_terminal("apply", "--pending", cwd=repo)
    assert done.returncode == 0, drawn
    assert b"applying" in drawn and b"1/1" in drawn
    assert done.stdout.splitlines()[-1] == "1 pending act(s): 1 applied" and "\x1b" not in done.stdout


def test_nothing_pending(scratch_corpus: Path, capsys):
    code, out, _ = lawdiff(capsys, "pending", corpus=scratch_corpus)
    assert code == 0 and "No amending act is waiting" in out       # order 308 is applied
    code, out, _ = lawdiff(capsys, "apply", "--pending", corpus=scratch_corpus)
    assert code == 0 and out.strip() == "0 pending act(s): nothing to do"


@pytest.mark.parametrize("args", [["apply", "--pending", "kz/mlsp/order/2022/308"], ["apply", "--pending", "--dry-run"],
                                  ["apply"]])
def test_apply_usage(scratch_corpus: Path, capsys, args):
    code, _, err = lawdiff(capsys, *args, corpus=scratch_corpus)
    assert code == 2 and err.count("\n") == 1 and err.startswith("lawdiff: error:")


# -- the order rule, on made-up acts -----------------------------------------------------------

def _act(name: str, eff: T.Bound, *paths, adopted=dt.date(2025, 1, 1), kind="replace") -> PendingAct:
    ops = [Operation(kind, "kz/x-akimat/resolution/2020/1", list(p), "synthetic") for p in paths]
    return PendingAct(name, name, eff, (adopted, 1, name), ops, [])


def _on(day: str) -> T.Bound:
    return T.known(dt.date.fromisoformat(day), "synthetic")


def _not_before(day: str) -> T.Bound:
    return T.Bound(None, dt.date.fromisoformat(day), "synthetic: publication not recorded")


CLAUSE_4 = [("appendix", "1"), ("clause", "4")]


@pytest.mark.parametrize("a, b, a_first, b_first", [
    (_on("2025-01-01"), _on("2025-02-01"), True, False),
    (_on("2025-02-01"), _not_before("2025-03-01"), True, False),       # the bound decides
    (_on("2025-04-01"), _not_before("2025-03-01"), False, False),      # it does not
    (_not_before("2025-01-01"), _not_before("2025-02-01"), False, False),
])
def test_order_known_only_where_the_bounds_decide(a, b, a_first, b_first):
    x, y = _act("x", a, CLAUSE_4), _act("y", b, CLAUSE_4)
    assert (surely_before(x, y), surely_before(y, x)) == (a_first, b_first)


def test_same_day_is_ordered_by_adoption():
    x = _act("x", _on("2025-06-01"), CLAUSE_4, adopted=dt.date(2025, 5, 1))
    y = _act("y", _on("2025-06-01"), CLAUSE_4, adopted=dt.date(2025, 5, 2))
    assert surely_before(x, y) and not surely_before(y, x)


@pytest.mark.parametrize("p, q, kind, expected", [
    (CLAUSE_4, CLAUSE_4 + [("subclause", "2")], "replace", True),                   # one holds the other
    (CLAUSE_4, [("appendix", "1"), ("clause", "5")], "replace", False),            # neighbours
    (CLAUSE_4 + [("subclause", "3")], CLAUSE_4 + [("subclause", "2")], "insert", True),   # list punctuation
    ([("appendix", "1"), ("clause", "5")], CLAUSE_4, "insert", False),             # a clause is no list item
    ([("appendix", "1"), ("chapter", "2")], [("appendix", "1"), ("clause", "9")], "replace", True),
    ([], [("appendix", "2"), ("clause", "1")], "replace-words-everywhere", True),  # the whole work
])
def test_competing_units(p, q, kind, expected):
    x = _act("x", _on("2025-01-01"), p, kind=kind)
    y = _act("y", _on("2025-02-01"), q)
    assert compete(x, y) is expected and compete(y, x) is expected
