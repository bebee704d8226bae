"""The index is checked against the corpus by a key that does not grow with it, kept current by
every write, and repaired after a killed one.

The corpus is the shipped real acts in their own git repository (``scratch_corpus``); the new
work files added here are synthetic (made up by benchmarks/synth.py, and saying so in their
text). Every answer is compared with the one computed from the XML alone (LAWDIFF_INDEX=off).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lawdiff import api, writes
from lawdiff.corpus import Corpus
from lawdiff.index import index_path, open_index
from lawdiff.index import store, update
from lawdiff.index.state import corpus_key
from lawdiff.model import xmlio
from tests.conftest import ROOT, run_script
from tests.test_index import PLACES, answers, dump, rebuilt, without_index

sys.path.insert(0, str(ROOT))
from benchmarks import synth  # noqa: E402

ORAL = "kz/oral-akimat/resolution/2025/2999"
WHEN = dt.date(2026, 3, 1)


def _git(corpus: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(corpus), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True, text=True).stdout


def _no_full_scan(monkeypatch) -> None:
    """From here on, comparing every work file's stamp fails the test."""
    def refuse(root):
        raise AssertionError("every work file was stat-ed")

    monkeypatch.setattr(store, "scan", refuse)
    monkeypatch.setattr(update, "scan", refuse)


def _add_synthetic_tariff_act(corpus: Path, i: int) -> str:
    """A made-up tariff act for the made-up place Sintetika-<i> (benchmarks/synth.py)."""
    truth = synth.generate(i + 3)
    work = next(w for w in truth.works.values() if w.index == i)
    assert work.rows, "the generator gives tariff rows to this index"
    synth._write(corpus, work.id, synth.work_xml(work))
    return synth.place_latin(i)


def _tariffs_and_short_ids(corpus: Path) -> dict:
    """The questions whose answer is a few works (ls and at list every work: they walk)."""
    c = Corpus(corpus)
    return {**{(place, setting): api.tariffs_at(c, WHEN, place, setting) for place, setting in PLACES},
            **{q: api.resolve(c, q) for q in ("308", "379", "2999", "V1800017467")}}


def test_an_unchanged_corpus_is_not_scanned(scratch_corpus, monkeypatch):
    monkeypatch.setenv("LAWDIFF_INDEX", "off")
    expected = _tariffs_and_short_ids(scratch_corpus)
    monkeypatch.delenv("LAWDIFF_INDEX")
    open_index(Corpus(scratch_corpus)).close()
    _no_full_scan(monkeypatch)
    assert _tariffs_and_short_ids(scratch_corpus) == expected


def test_a_commit_and_a_checkout_are_noticed(scratch_corpus, monkeypatch):
    c = Corpus(scratch_corpus)
    open_index(c).close()
    place = _add_synthetic_tariff_act(scratch_corpus, 3)
    _git(scratch_corpus, "add", "-A")
    _git(scratch_corpus, "commit", "-qm", "synthetic tariff act")
    rows, _ = api.tariffs_at(c, synth.QUERY_FROM, place)
    assert rows and answers(scratch_corpus) == without_index(monkeypatch, scratch_corpus)
    _git(scratch_corpus, "checkout", "-q", "HEAD~1")
    assert api.tariffs_at(c, synth.QUERY_FROM, place)[0] == []
    assert answers(scratch_corpus) == without_index(monkeypatch, scratch_corpus)


def test_a_file_added_by_hand_is_seen_once_staged_or_after_lawdiff_index(scratch_corpus, monkeypatch, tmp_path):
    c = Corpus(scratch_corpus)
    open_index(c).close()
    place = _add_synthetic_tariff_act(scratch_corpus, 3)
    proc = run_script("index", cwd=scratch_corpus)        # compares every stamp
    assert proc.returncode == 0, proc.stderr
    assert "7 works" in proc.stdout, proc.stdout
    assert api.tariffs_at(c, synth.QUERY_FROM, place)[0]
    place = _add_synthetic_tariff_act(scratch_corpus, 9)
    assert place in {w.place_latin for w in api.list_works(c)}     # ls lists every work: it walks
    assert api.tariffs_at(c, synth.QUERY_FROM, place)[0]
    place = _add_synthetic_tariff_act(scratch_corpus, 6)
    _git(scratch_corpus, "add", "-A")                     # staged: git's index changed
    assert api.tariffs_at(c, synth.QUERY_FROM, place)[0]
    assert answers(scratch_corpus) == without_index(monkeypatch, scratch_corpus)
    assert dump(scratch_corpus) == rebuilt(scratch_corpus, tmp_path)


def test_an_edit_by_hand_of_a_file_in_the_answer_is_seen_before_git_knows(scratch_corpus, monkeypatch):
    c = Corpus(scratch_corpus)
    assert api.tariffs_at(c, WHEN, "Орал", "home")[0][0].to_json()["price"] == "948.30"
    path = c.path(ORAL)
    path.write_bytes(path.read_bytes().replace(b'price="948.30"', b'price="948.40"', 1))   # in place
    _no_full_scan(monkeypatch)
    assert api.tariffs_at(c, WHEN, "Орал", "home")[0][0].to_json()["price"] == "948.40"


def test_a_write_updates_the_index_inside_its_transaction(scratch_corpus, monkeypatch):
    c = Corpus(scratch_corpus)
    assert api.tariffs_at(c, WHEN, "Орал")[0]
    writes.record_event(c, ORAL, "repealed", dt.date(2026, 2, 1), "synthetic test fact", replace=True)
    conn = sqlite3.connect(index_path(scratch_corpus))
    kinds = {r[0] for r in conn.execute("SELECT kind FROM events WHERE file = ?", (f"{ORAL}.xml",))}
    key = conn.execute("SELECT value FROM meta WHERE key = 'state'").fetchone()[0]
    conn.close()
    assert "repealed" in kinds and key == corpus_key(scratch_corpus)
    _no_full_scan(monkeypatch)
    rows, reasons = api.tariffs_at(c, WHEN, "Орал")
    assert rows == [] and any("repealed" in r for r in reasons)
    monkeypatch.undo()      # ls and at compare every stamp
    assert answers(scratch_corpus) == without_index(monkeypatch, scratch_corpus)


_KILL = """
import os, sys, datetime as dt
from lawdiff import transaction, writes
from lawdiff.corpus import Corpus
from lawdiff.index import hooks
point = sys.argv[2]
if point == "before-renames":       # the branch has moved: the commit point is passed
    transaction._finish = lambda *a, **k: os._exit(9)
else:                               # the files are in place, the index not yet told
    hooks.after_write = lambda *a, **k: os._exit(9)
    transaction._HOOKS[:] = []
    transaction.on_commit(hooks.after_write)
writes.record_event(Corpus(sys.argv[1]), "%s", "repealed", dt.date(2026, 2, 1), "synthetic test fact", replace=True)
""" % ORAL


@pytest.mark.parametrize("point", ["before-renames", "before-index-update"])
def test_a_killed_write_leaves_index_and_corpus_consistent(scratch_corpus, monkeypatch, tmp_path, point):
    c = Corpus(scratch_corpus)
    assert api.tariffs_at(c, WHEN, "Орал")[0]
    proc = subprocess.run([sys.executable, "-c", _KILL, str(scratch_corpus), point], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    nxt = run_script("tariff", "--at", WHEN.isoformat(), "--place", "Орал", "--json", cwd=scratch_corpus)
    assert nxt.returncode == 0, nxt.stderr
    assert '"price"' not in nxt.stdout            # the repeal was completed, and is answered
    assert "repealed" in xmlio.read_regular(c.path(ORAL)).decode("utf-8")
    assert answers(scratch_corpus) == without_index(monkeypatch, scratch_corpus)
    assert dump(scratch_corpus) == rebuilt(scratch_corpus, tmp_path)


def test_the_key_follows_a_worktree(scratch_corpus, tmp_path):
    repo = scratch_corpus.parent
    _git(repo, "worktree", "add", "-q", str(tmp_path / "wt"), "-b", "other")
    corpus = tmp_path / "wt" / "corpus"
    before = corpus_key(corpus)
    assert before is not None and before != corpus_key(scratch_corpus)
    place = _add_synthetic_tariff_act(corpus, 3)
    _git(corpus, "add", "-A")
    assert corpus_key(corpus) != before
    assert api.tariffs_at(Corpus(corpus), synth.QUERY_FROM, place)[0]
    assert not api.tariffs_at(Corpus(scratch_corpus), synth.QUERY_FROM, place)[0]
