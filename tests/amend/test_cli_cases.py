"""Golden cases of the real-text phenomena applied as a user applies them: the installed
`lawdiff apply` in a subprocess, then the text in force read back."""

from __future__ import annotations

import json

import pytest

from lawdiff.corpus import Corpus

from .cases import build_corpus, read_case
from .conftest import DATA
from .test_cases import in_force

CASES = ["latin_script", "run_together", "run_together_ru", "wording_inner_quote", "wording_inner_quote_ru",
         "wording_unquoted", "wording_unquoted_ru", "joint_act", "joint_act_ru", "own_effective_date",
         "own_effective_date_ru", "language_version_only", "language_version_only_ru"]


@pytest.mark.parametrize("name", CASES)
def test_case_through_the_installed_script(name, tmp_path):
    from conftest import run_script

    case = read_case(DATA / "cases" / f"{name}.txt")
    corpus = build_corpus(case, tmp_path / "corpus")
    env = {"LAWDIFF_CORPUS": str(corpus.root)}
    for act in case.acts:
        args = ["apply", act.work] + (["--accept-warnings"] if act.accept_warnings else [])
        done = run_script(*args, cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr
    fresh = Corpus(corpus.root)
    for when, expected in case.expected.items():
        assert in_force(fresh, case.base, when) == expected


def test_unquoted_wording_is_a_warning_until_accepted(tmp_path):
    """`amendments --json` gives the reason; `apply` without --accept-warnings refuses in one
    line naming the instruction, and writes nothing."""
    from conftest import run_script

    case = read_case(DATA / "cases" / "wording_unquoted.txt")
    corpus = build_corpus(case, tmp_path / "corpus")
    env = {"LAWDIFF_CORPUS": str(corpus.root)}
    act = case.acts[0].work
    ops = json.loads(run_script("amendments", act, "--json", cwd=tmp_path, env=env).stdout)
    [warned] = [op for op in ops if op["status"] == "parsed-with-warning"]
    assert warned["op"] == "replace" and "not in quotes" in warned["reason"]
    assert warned["text"].split("\n") == ["1. Көмек мына отбасыларға беріледі:", "1) табысы аз отбасыларға;",
                                          "2) көп балалы отбасыларға."]
    before = {p: p.read_bytes() for p in corpus.work_files()}
    refused = run_script("apply", act, cwd=tmp_path, env=env)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.count("\n") == 1 and "1-тармақ жаңа редакцияда жазылсын" in refused.stderr
    assert {p: p.read_bytes() for p in corpus.work_files()} == before


def test_other_language_operation_is_reported_not_applied(tmp_path):
    """An operation on the Russian text only, met by a work held in Kazakh: `apply` says so and
    stores it with status not-this-language; the other operation is applied."""
    from conftest import run_script

    case = read_case(DATA / "cases" / "language_version_only.txt")
    corpus = build_corpus(case, tmp_path / "corpus")
    env = {"LAWDIFF_CORPUS": str(corpus.root)}
    act = case.acts[0].work
    done = run_script("apply", act, "--json", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert any("changes the ru text only" in note for note in json.loads(done.stdout)["notes"])
    ops = json.loads(run_script("amendments", act, "--json", cwd=tmp_path, env=env).stdout)
    assert [(op["status"], op["language"]) for op in ops] == [("not-this-language", "ru"), ("applied", None)]


def test_operations_with_their_own_date_and_a_joint_act_in_json(tmp_path):
    """`amendments --json` gives an operation's own date and a joint act's other id."""
    from conftest import run_script

    for name, key, value in (("own_effective_date", "effective", [None, "2024-07-01"]),
                             ("joint_act", "joint", [["kz/west-kazakhstan-region-maslikhat/decision/2015/27-3"]])):
        case = read_case(DATA / "cases" / f"{name}.txt")
        corpus = build_corpus(case, tmp_path / name)
        env = {"LAWDIFF_CORPUS": str(corpus.root)}
        ops = json.loads(run_script("amendments", case.acts[0].work, "--json", cwd=tmp_path, env=env).stdout)
        assert [op[key] for op in ops] == value
