"""The benchmark harness measures what it says: its git baseline answers as generated, its
corpus repository is in the state ``git add`` and ``git commit`` leave, its measured processes
run with Python's bytecode cache on, and a figure it could not measure says so in the table.

Everything here runs on small synthetic corpora from benchmarks/synth.py (made-up acts that
say so); the full benchmark itself is run by ``python -m benchmarks``, not by the tests.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))   # the harness lives in benchmarks/
from benchmarks import gitbase, procs, run, scale, synth  # noqa: E402
from benchmarks.corpusrepo import commit_corpus, git  # noqa: E402


def _legal_days(truth: synth.Truth) -> set[dt.date]:
    days = {w.eif for w in truth.works.values()} | {a.eif for a in truth.amending.values()}
    if any(r.new_price for w in truth.works.values() for r in w.rows):
        days.add(synth.PRICE_CHANGE)
    return days


def test_git_baseline_has_one_commit_per_legal_date_and_answers_every_clause_as_generated(tmp_path: Path):
    truth = synth.generate(40)
    repo = tmp_path / "baseline.git"
    commits = gitbase.build(truth, repo)
    days = _legal_days(truth)
    assert commits == len(days) < len(truth.works) + len(truth.amending) + 1
    assert int(git(repo, "rev-list", "--count", gitbase.REF)) == commits
    amended = [w for w in truth.works.values() if any(c.by for c in w.clauses)]
    assert amended
    for w in amended[:6]:
        for c in w.clauses:
            eif = truth.amending[c.by].eif if c.by else synth.QUERY_FROM
            for day in (eif - dt.timedelta(days=1), eif):
                assert gitbase.provision_text(repo, w.id, f"para_{c.num}", day) == truth.clause_text(w.id, c.num, day)
    before_adoption = min(w.eif for w in truth.works.values()) - dt.timedelta(days=1)
    assert gitbase.provision_text(repo, amended[0].id, "para_1", before_adoption) is None


def test_git_baseline_tariffs_change_price_on_the_generated_date(tmp_path: Path):
    truth = synth.generate(40)
    repo = tmp_path / "baseline.git"
    gitbase.build(truth, repo)
    w = next(w for w in truth.works.values() if any(r.new_price for r in w.rows))
    for day in (synth.PRICE_CHANGE - dt.timedelta(days=1), synth.PRICE_CHANGE):
        want = sorted((r.num, Decimal(r.new_price if r.new_price and day >= synth.PRICE_CHANGE else r.price))
                      for r in w.rows)
        got = sorted((num, Decimal(price)) for num, price in gitbase.tariff_rows(repo, synth.place_latin(w.index), day))
        assert got == want


def test_corpus_repository_is_left_as_git_add_and_commit_leave_it(tmp_path: Path):
    corpus = tmp_path / "repo" / "corpus"
    # over 100 objects: fewer, git fast-import writes them loose (fastimport.unpackLimit)
    files = synth.write_corpus(synth.generate(120), corpus)
    commit_corpus(corpus, "synthetic corpus")
    repo = corpus.parent
    assert git(repo, "status", "--porcelain") == ""
    tracked = set(git(repo, "ls-files").split())
    assert tracked == {".gitignore", *(f.relative_to(repo).as_posix() for f in files)}
    assert git(repo, "diff-index", "--cached", "HEAD") == ""
    assert b"TREE" in (repo / ".git" / "index").read_bytes()     # cached trees: a commit rewrites few trees
    assert list((repo / ".git" / "objects" / "pack").glob("*.pack"))
    # a later commit (a file added and one changed) goes through git add and git commit
    (corpus / "kz" / "extra.xml").write_bytes(files[0].read_bytes())
    files[1].write_bytes(files[1].read_bytes().replace(synth.SYNTH.encode(), b"changed", 1))
    commit_corpus(corpus, "two more")
    assert git(repo, "status", "--porcelain") == ""
    changed = git(repo, "diff", "--name-only", "HEAD~1", "HEAD").split()
    assert sorted(changed) == sorted(["corpus/kz/extra.xml", files[1].relative_to(repo).as_posix()])


def test_measured_processes_run_with_the_bytecode_cache_on(monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    _, code, out = procs.run_measured([sys.executable, "-c", "import sys; print(sys.dont_write_bytecode)"])
    assert (code, out.strip()) == (0, "False")
    assert "PYTHONDONTWRITEBYTECODE" not in procs.env()


def test_a_phase_stopped_after_its_time_limit_has_no_exit_code():
    seconds, _, code = procs.peak_mb([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert code is None and seconds < 10
    assert procs.peak_mb([sys.executable, "-c", "pass"], timeout=30)[2] == 0


def test_peak_memory_is_the_commands_own_not_the_benchmarks():
    """Linux hands a forked child its parent's memory high-water mark: a command started from a
    benchmark holding 300 MB must still report its own few megabytes."""
    held = bytearray(300 * 1024 * 1024)
    held[:: 4096] = b"x" * len(held[:: 4096])          # touched, so resident
    _, mb, code = procs.peak_mb([sys.executable, "-c", "x = bytearray(40 * 1024 * 1024)"])
    assert code == 0 and mb is not None and 40 < mb < 150
    del held


def test_figures_not_measured_are_in_the_table_with_their_reason(tmp_path: Path):
    runner = run.Runner(quick=True, sizes=[100, 100_000], work=tmp_path, log=lambda s: None)
    runner.add(run.Figure("index: full build (lawdiff index --rebuild)", 100_000, None, "s", budget=30.0,
                          note="not measured: stopped after 1200 s"))
    runner.not_measured(100_000, "the index build did not finish")
    names = [f.name for f in runner.figures]
    assert sorted(names) == sorted(name for name, _ in run.SIZE_FIGURES)
    assert all(f.verdict == "not measured" for f in runner.figures)
    text = run.table(runner.figures)
    assert "not measured: stopped after 1200 s" in text
    assert text.count("not measured: the index build did not finish") == len(run.SIZE_FIGURES) - 1
    # the CLI figure measured at 100 works, not at 100,000: the growth row says which is missing
    runner.add(run.Figure("CLI: lawdiff show WORK --at --json", 100, 0.2, "s"))
    scale.growth(runner, [100, 100_000])
    growth = [f for f in runner.figures if f.name.startswith("growth") and "show" in f.name]
    assert len(growth) == 1 and growth[0].value is None and "100,000 works" in growth[0].note


def test_budgets_are_held_at_the_size_they_are_set_for_and_apply_at_every_size(tmp_path: Path):
    runner = run.Runner(quick=False, sizes=[100, 10_000, 100_000], work=tmp_path, log=lambda s: None)
    build = "index: full build (lawdiff index --rebuild)"
    apply = "apply order 308 (47 operations): CLI end to end, validated and committed"
    for n, seconds in ((100, 0.5), (10_000, 18.0), (100_000, 190.0)):
        runner.add(run.Figure(build, n, seconds, "s", budget=scale.INDEX_BUILD))
    for n, seconds in ((100, 0.2), (10_000, 0.25), (100_000, 0.35)):
        runner.add(run.Figure(apply, n, seconds, "s", budget=run.BUDGET_APPLY_308, every_size=True))
    verdicts = [(f.name, f.n, f.verdict) for f in runner.figures]
    assert verdicts == [(build, 100, "(within)"), (build, 10_000, "pass"), (build, 100_000, "(over)"),
                        (apply, 100, "pass"), (apply, 10_000, "pass"), (apply, 100_000, "FAIL")]
    # a run that stops below 10,000 works holds the budgets at its largest size
    assert run.Runner(quick=True, sizes=[100, 1000], work=tmp_path).judged_at == 1000
    assert run.Runner(quick=False, sizes=[100, 100_000], work=tmp_path).judged_at is None


def test_the_benchmark_options_are_documented_by_its_help():
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and "--quick" in done.stdout and "--json" in done.stdout
