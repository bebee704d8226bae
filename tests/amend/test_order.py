"""Order independence: amending acts applied in any order give the same corpus, byte for byte.

Each case (tests/data/amend/order/, all synthetic) holds a base and amending acts; every
permutation of the acts is applied to a fresh corpus and the files are compared with those
of the effective-date order. The texts in force on the case's dates are checked too.
"""

from __future__ import annotations

import itertools

import pytest

from lawdiff import LawdiffError, api
from lawdiff.amend.apply import apply_act
from lawdiff.validate import validate_file

from tests.conftest import run_script
from .cases import build_corpus, read_case
from .conftest import DATA

CASES = sorted((DATA / "order").glob("*.txt"))


def files_after(case, order, root):
    """Apply the case's acts in ``order`` to a fresh corpus; the bytes of every work file."""
    corpus = build_corpus(case, root)
    for act in order:
        apply_act(corpus, act.work)
    for path in corpus.work_files():
        assert validate_file(path) == [], path
    return corpus, {p.relative_to(root): p.read_bytes() for p in corpus.work_files()}


def answers(case, corpus):
    """What `lawdiff at` and `lawdiff show` answer on each date the case names and on each
    act's date (the texts in force, their status and reasons)."""
    days = sorted({*case.expected, *(a.earliest for a in case.acts)})
    return {d: (api.works_at(corpus, d), api.show(corpus, case.base, d)["provisions"]) for d in days}


def in_force(corpus, work, when):
    return [(p["eId"], p["text"]) for p in api.show(corpus, work, when)["provisions"]]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_order_gives_the_same_files(path, tmp_path):
    case = read_case(path)
    chronological = sorted(case.acts, key=lambda a: a.earliest)
    corpus, expected = files_after(case, chronological, tmp_path / "c0" / "corpus")
    for when, wording in case.expected.items():
        assert in_force(corpus, case.base, when) == wording, when
    expected_answers = answers(case, corpus)
    for i, order in enumerate(itertools.permutations(case.acts), 1):
        other, files = files_after(case, order, tmp_path / f"c{i}" / "corpus")
        names = [a.work for a in order]
        for name, data in expected.items():
            assert files[name] == data, (names, str(name))
        assert answers(case, other) == expected_answers, names


def _case(name):
    return read_case(DATA / name)


def test_a_later_act_is_rebased_on_the_earlier_wording_and_says_so(tmp_path):
    case = _case("order/synthetic_words_then_words.txt")
    corpus = build_corpus(case, tmp_path / "corpus")
    earlier, later = case.acts
    apply_act(corpus, later.work)
    result = apply_act(corpus, earlier.work)
    assert any(later.work in n and "applied again after" in n for n in result.notes), result.notes
    assert any("re-based on the wording" in n and "para_2__indent_1" in n for n in result.notes), result.notes
    # the redline of the earlier act shows its own change only
    assert [(c.eid, c.old, c.new) for c in result.changes] == [
        ("para_2__indent_1", "Көмек жылына бір рет көрсетіледі және ақшалай төленеді.",
         "Көмек жылына екі рет көрсетіледі және ақшалай төленеді.")]


def test_a_later_act_that_no_longer_fits_stops_the_earlier_one(tmp_path):
    case = _case("order_conflict/synthetic_words_gone.txt")
    corpus = build_corpus(case, tmp_path / "corpus")
    earlier, later = case.acts
    apply_act(corpus, later.work)
    before = {p: p.read_bytes() for p in corpus.work_files()}
    with pytest.raises(LawdiffError) as err:
        apply_act(corpus, earlier.work)
    message = str(err.value)
    assert message.startswith(f"{earlier.work} takes effect before {later.work} (2024-06-01), already applied")
    assert case.error in message and "nothing written" in message and "\n" not in message
    assert {p: p.read_bytes() for p in corpus.work_files()} == before


def test_in_date_order_the_later_act_is_refused_too(tmp_path):
    case = _case("order_conflict/synthetic_words_gone.txt")
    corpus = build_corpus(case, tmp_path / "corpus")
    earlier, later = case.acts
    apply_act(corpus, earlier.work)
    with pytest.raises(LawdiffError, match=case.error):
        apply_act(corpus, later.work)


def test_installed_command_applies_out_of_order_and_refuses_a_misfit(tmp_path):
    case = _case("order/synthetic_words_then_words.txt")
    root = tmp_path / "corpus"
    build_corpus(case, root)
    earlier, later = case.acts
    assert run_script("apply", later.work, cwd=tmp_path, env={"LAWDIFF_CORPUS": str(root)}).returncode == 0
    done = run_script("apply", earlier.work, cwd=root / "kz", env={"LAWDIFF_CORPUS": str(root)})
    assert done.returncode == 0, done.stderr
    assert "applied again after" in done.stdout and "re-based" in done.stdout
    shown = run_script("show", case.base, "--at", "2024-07-01", "--json", cwd=tmp_path,
                       env={"LAWDIFF_CORPUS": str(root)})
    assert "Көмек жылына екі рет көрсетіледі және қолма-қол төленеді." in shown.stdout, shown.stderr

    conflict = _case("order_conflict/synthetic_words_gone.txt")
    root2 = tmp_path / "other" / "corpus"
    build_corpus(conflict, root2)
    env = {"LAWDIFF_CORPUS": str(root2)}
    assert run_script("apply", conflict.acts[1].work, cwd=tmp_path, env=env).returncode == 0
    before = {p: p.read_bytes() for p in root2.rglob("*.xml")}
    refused = run_script("apply", conflict.acts[0].work, cwd=tmp_path, env=env)
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert "Traceback" not in refused.stderr and conflict.error in refused.stderr
    assert {p: p.read_bytes() for p in root2.rglob("*.xml")} == before
