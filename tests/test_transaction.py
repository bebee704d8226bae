"""Every write is one commit or nothing: crashes, a user's own git, failing commits, hooks.

The crash harness lives in benchmarks/crashes.py (``python -m benchmarks.crashes`` runs the
full 300 kills); here every writing command is stopped eight times (40 kills in all).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, SOURCES, lawdiff

sys.path.insert(0, str(ROOT))
from benchmarks import crashes  # noqa: E402

from lawdiff import LawdiffError, runtime, transaction  # noqa: E402
from lawdiff.corpus import Corpus  # noqa: E402

WORK = "kz/government/decree/2009/330"
SEED_2999 = SOURCES / "seeds" / "001_f45ab0f2d5c50f09.txt"
GIT_ENV = crashes.GIT_ENV

# -- kills at any moment -------------------------------------------------------------------------

_TRIALS = [(sig, moment) for sig in crashes.SIGNALS for moment in ("journal", "branch moved")] + \
          [("kill-9-group", "random"), ("ctrl-c", "random")]


@pytest.mark.parametrize("command", crashes.COMMANDS)
def test_a_killed_write_is_old_or_new_after_the_next_command(tmp_path, command):
    case = crashes.Case(command, tmp_path)
    rng = random.Random(command)
    states = [case.trial(sig, moment, rng) for sig, moment in _TRIALS]   # each trial checks itself
    assert {s.split("+")[0] for s in states} <= {"untouched", "committed"}
    # The kills right after the branch moved find the commit made: the next command completes it.
    assert states[1].startswith("committed") and states[3].startswith("committed")


# -- the user's index and the user's own git -----------------------------------------------------

def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=check,
                          env={**os.environ, **GIT_ENV})


def test_a_users_staged_change_is_never_swept_in(scratch_corpus, capsys):
    repo = scratch_corpus.parent
    (repo / "notes.txt").write_text("mine\n")
    _git(repo, "add", "notes.txt")
    code, out, err = lawdiff(capsys, "event", "add", WORK, "published", "2009-03-20", "--source", "s",
                             corpus=scratch_corpus)
    assert code == 0, err
    shown = _git(repo, "show", "--name-only", "--format=%B", "HEAD").stdout
    assert "notes.txt" not in shown and f"corpus/{WORK}.xml" in shown and "Work: " + WORK in shown
    assert _git(repo, "status", "--porcelain").stdout.splitlines() == ["A  notes.txt"]


def test_a_staged_change_to_the_same_file_is_refused_before_writing(scratch_corpus, capsys):
    repo, path = scratch_corpus.parent, scratch_corpus / f"{WORK}.xml"
    path.write_bytes(path.read_bytes().replace(b"</title>", b" (user)</title>", 1))
    _git(repo, "add", str(path))
    head, before = _git(repo, "rev-parse", "HEAD").stdout, path.read_bytes()
    code, _, err = lawdiff(capsys, "event", "add", WORK, "published", "2009-03-20", "--source", "s",
                           corpus=scratch_corpus)
    assert code == 3 and "has changes staged" in err and err.count("\n") == 1
    assert path.read_bytes() == before and _git(repo, "rev-parse", "HEAD").stdout == head


def _index_form(repo: Path, form: str) -> None:
    """Put git's index in ``form``: versions 2 and 3 lawdiff edits itself, the rest git does."""
    if form == "version 4":
        _git(repo, "update-index", "--index-version", "4")
    elif form == "split index":
        _git(repo, "update-index", "--split-index")


@pytest.mark.parametrize("form", ["version 2", "version 4", "split index"])
def test_the_users_index_holds_the_commit_after_a_write(scratch_corpus, capsys, form):
    repo = scratch_corpus.parent
    (repo / "notes.txt").write_text("mine\n")
    _git(repo, "add", "notes.txt")
    _index_form(repo, form)
    code, _, err = lawdiff(capsys, "event", "add", WORK, "published", "2009-03-20", "--source", "s",
                           corpus=scratch_corpus)
    assert code == 0, err
    staged = _git(repo, "ls-files", "-s", f"corpus/{WORK}.xml").stdout.split()[1]
    assert staged == _git(repo, "rev-parse", f"HEAD:corpus/{WORK}.xml").stdout.strip()
    assert _git(repo, "status", "--porcelain").stdout.splitlines() == ["A  notes.txt"]


@pytest.mark.parametrize("form", ["version 2", "version 4"])
def test_a_file_in_a_merge_conflict_is_refused_before_writing(scratch_corpus, capsys, form):
    repo, rel = scratch_corpus.parent, f"corpus/{WORK}.xml"
    sha = _git(repo, "rev-parse", f"HEAD:{rel}").stdout.strip()
    info = f"0 {'0' * 40}\t{rel}\n100644 {sha} 1\t{rel}\n100644 {sha} 2\t{rel}\n100644 {sha} 3\t{rel}\n"
    subprocess.run(["git", "-C", str(repo), "update-index", "--index-info"], input=info, text=True, check=True)
    _index_form(repo, form)
    head, before = _git(repo, "rev-parse", "HEAD").stdout, (repo / rel).read_bytes()
    code, _, err = lawdiff(capsys, "event", "add", WORK, "published", "2009-03-20", "--source", "s",
                           corpus=scratch_corpus)
    assert code == 3 and "has a merge conflict in git's index" in err and err.count("\n") == 1, err
    assert (repo / rel).read_bytes() == before and _git(repo, "rev-parse", "HEAD").stdout == head
    assert _git(repo, "ls-files", "--stage", rel).stdout.count("\n") == 3       # the user's stages stay


def test_racing_a_users_git_loop_misattributes_nothing(scratch_corpus):
    """A user's ``git add`` / ``git commit`` loop runs while lawdiff records events: every
    lawdiff commit holds its own file and trailers only, every user commit the user's file only."""
    repo, stop = scratch_corpus.parent, threading.Event()
    user_commits = [0, 0]     # made, failed (the index was locked for a moment)

    def user_loop() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            (repo / "user.txt").write_text(f"{n}\n")
            ok = _git(repo, "add", "user.txt", check=False).returncode == 0 and \
                _git(repo, "commit", "-qm", f"user {n}", check=False).returncode == 0
            user_commits[0 if ok else 1] += 1

    thread = threading.Thread(target=user_loop)
    thread.start()
    results = []
    try:
        for i in range(8):
            argv = ["event", "add", WORK, "published", f"2009-03-{20 + i}", "--source", f"race {i}", "--replace"]
            results.append(subprocess.run(crashes.lawdiff_argv(scratch_corpus, argv), capture_output=True,
                                          text=True, env={**os.environ, **GIT_ENV}, timeout=120))
    finally:
        stop.set()
        thread.join()
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results if r.returncode]
    log = _git(repo, "log", "--format=@@%H %s", "--name-only").stdout
    for block in log.split("@@")[1:]:
        head, *names = [line for line in block.splitlines() if line]
        subject = head.split(" ", 1)[1]
        if subject.startswith("Record "):
            assert names == [f"corpus/{WORK}.xml"], block
        elif subject.startswith("user "):
            assert names == ["user.txt"], block
    recorded = _git(repo, "log", "--format=%B", "--grep=^Record").stdout
    assert all(f"Source: race {i}" in recorded for i in range(8))
    assert user_commits[0] > 0
    assert _git(repo, "status", "--porcelain", "--", "corpus").stdout == ""


def _retitled(corpus: Corpus):
    act = corpus.load(WORK)
    act.root.find("meta/title").text += " (changed)"
    return act


@pytest.mark.parametrize("setting, flushed", [(None, False), ("index", True), ("none", True), ("added,-pack", True)])
def test_the_index_is_flushed_when_git_would(scratch_corpus, monkeypatch, setting, flushed):
    """git flushes its index only when core.fsync names it (not by default); lawdiff flushes it
    whenever core.fsync is set rather than parse it. Its own files are flushed always."""
    repo, synced = scratch_corpus.parent, []
    if setting is not None:
        _git(repo, "config", "core.fsync", setting)
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    corpus = Corpus(scratch_corpus)
    with corpus.transaction() as txn:
        txn.write(_retitled(corpus))
        txn.commit("Retitle")
    assert any(name.endswith("index.lock") for name in synced) == flushed
    assert any(name.endswith(runtime.JOURNAL + ".tmp") for name in synced)


# -- a commit that cannot be made writes nothing ---------------------------------------------------

def _event(capsys, corpus: Path) -> tuple[int, str]:
    code, _, err = lawdiff(capsys, "event", "add", WORK, "published", "2009-03-20", "--source", "s", corpus=corpus)
    return code, err


def _unchanged(corpus: Path, before: dict, head: str) -> bool:
    """The work files and HEAD as before, and no write pending or half-staged."""
    now = {p: p.read_bytes() for p in corpus.rglob("*.xml")}
    return now == before and _git(corpus.parent, "rev-parse", "HEAD").stdout == head and \
        not transaction.pending(corpus) and not (corpus / ".lawdiff" / "staged").exists()


@pytest.mark.parametrize("obstacle", ["index.lock", "merge", "identity"])
def test_a_commit_git_would_refuse_writes_nothing(scratch_corpus, capsys, monkeypatch, obstacle):
    repo = scratch_corpus.parent
    before, head = {p: p.read_bytes() for p in scratch_corpus.rglob("*.xml")}, _git(repo, "rev-parse", "HEAD").stdout
    if obstacle == "index.lock":
        monkeypatch.setattr(transaction, "INDEX_LOCK_WAIT", 0.2)
        (repo / ".git" / "index.lock").write_bytes(b"")
    elif obstacle == "merge":
        (repo / ".git" / "MERGE_HEAD").write_text(head)
    else:
        monkeypatch.setenv("HOME", str(repo))
        monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
        for name in GIT_ENV:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("EMAIL", "")
    code, err = _event(capsys, scratch_corpus)
    # git's index lock is another command at work (a conflict, 4); the others, the repository's state (3)
    assert code == (4 if obstacle == "index.lock" else 3) and err.count("\n") == 1 and "nothing written" in err, err
    expected = {"index.lock": str(repo / ".git" / "index.lock"), "merge": "a merge is in progress",
                "identity": "no identity"}[obstacle]
    assert expected in err
    assert _unchanged(scratch_corpus, before, head)


def test_a_newline_in_a_commit_message_value_is_refused(scratch_corpus, capsys):
    repo = scratch_corpus.parent
    before, head = {p: p.read_bytes() for p in scratch_corpus.rglob("*.xml")}, _git(repo, "rev-parse", "HEAD").stdout
    code, _, err = lawdiff(capsys, "event", "add", WORK, "published", "2009-03-20", "--source",
                           "a note\nAmending-act: kz/forged/order/2020/1", corpus=scratch_corpus)
    assert code == 1 and "one line" in err and err.count("\n") == 1
    assert _unchanged(scratch_corpus, before, head)


# -- the runtime folder, the lock, dry runs ---------------------------------------------------------

def test_runtime_files_stay_in_an_ignored_folder(scratch_corpus, capsys):
    assert _event(capsys, scratch_corpus)[0] == 0
    assert (scratch_corpus / ".lawdiff" / ".gitignore").read_text() == "*\n"
    assert (scratch_corpus / ".lawdiff" / "lock").exists()
    assert _git(scratch_corpus.parent, "status", "--porcelain", "--untracked-files=all").stdout == ""


def test_a_symlinked_lock_is_refused_and_nothing_is_created_outside(scratch_corpus, tmp_path, capsys):
    rt = scratch_corpus / ".lawdiff"
    rt.mkdir()
    outside = tmp_path / "elsewhere" / "lock"
    (rt / "lock").symlink_to(outside)
    code, err = _event(capsys, scratch_corpus)
    assert code == 1 and "symbolic link" in err and err.count("\n") == 1
    assert not outside.exists() and not outside.parent.exists()


def test_dry_runs_and_queries_take_no_writer_lock(scratch_corpus, capsys):
    """While another writer holds the lock, a dry run and queries still answer."""
    with Corpus(scratch_corpus).lock():
        for argv in (["import", str(SEED_2999), "--dry-run"], ["ls"], ["at", "2020-01-01"],
                     ["apply", "kz/mlsp/order/2022/308", "--dry-run"]):
            proc = subprocess.run(crashes.lawdiff_argv(scratch_corpus, argv), capture_output=True, text=True)
            assert proc.returncode == 0, (argv, proc.stderr)


def test_dry_run_works_on_a_corpus_it_cannot_write(scratch_corpus, capsys, monkeypatch):
    def refuse(*a, **k):
        raise OSError(30, "Read-only file system", str(scratch_corpus / ".lawdiff"))

    monkeypatch.setattr(runtime, "folder", refuse)
    code, out, err = lawdiff(capsys, "apply", "kz/mlsp/order/2022/308", "--dry-run", corpus=scratch_corpus)
    assert code == 0, err
    code, out, err = lawdiff(capsys, "event", "add", WORK, "published", "2009-03-20", "--source", "s",
                             corpus=scratch_corpus)
    assert code == 3 and err == f"lawdiff: error: {scratch_corpus / '.lawdiff'}: the file system is read-only\n"


# -- full disk, and the derived-store hook ----------------------------------------------------------

def test_a_full_disk_is_one_line_and_the_corpus_is_as_it_was(scratch_corpus, capsys, monkeypatch):
    repo = scratch_corpus.parent
    before, head = {p: p.read_bytes() for p in scratch_corpus.rglob("*.xml")}, _git(repo, "rev-parse", "HEAD").stdout
    real = runtime.write_file

    def full(path, data):
        if path.name.endswith(".xml"):
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(runtime, "write_file", full)
    code, err = _event(capsys, scratch_corpus)
    assert code == 3 and "no space left on the device" in err and err.count("\n") == 1
    assert _unchanged(scratch_corpus, before, head)
    monkeypatch.setattr(runtime, "write_file", real)
    assert _event(capsys, scratch_corpus)[0] == 0       # nothing was left to clean up by hand


def test_derived_stores_hear_of_every_write(scratch_corpus, capsys):
    heard = []
    hook = transaction.on_commit(lambda root, works, sha: heard.append((root, works, sha)))
    try:
        assert _event(capsys, scratch_corpus)[0] == 0
    finally:
        transaction._HOOKS.remove(hook)
    head = _git(scratch_corpus.parent, "rev-parse", "HEAD").stdout.strip()
    assert heard == [(scratch_corpus, [WORK], head)]


def test_a_transaction_left_uncommitted_writes_nothing(scratch_corpus):
    corpus = Corpus(scratch_corpus)
    before = {p: p.read_bytes() for p in scratch_corpus.rglob("*.xml")}
    good, bad = corpus.load(WORK), corpus.load("kz/mlsp/order/2018/379")
    good.root.find("meta/title").text += " (changed)"
    bad.root.find("meta/type").text = "edict"
    with pytest.raises(LawdiffError, match="schema"), corpus.transaction() as txn:
        txn.write(good)
        txn.write(bad)
        txn.commit("never")
    assert {p: p.read_bytes() for p in scratch_corpus.rglob("*.xml")} == before
    assert not (scratch_corpus / ".lawdiff" / "staged").exists()


# -- a killed writer's git still starting --------------------------------------------------------

def _slow_git(folder: Path, started: Path) -> Path:
    """A folder holding a ``git`` that takes a second to start an ``update-ref`` (and marks
    ``started`` first), for PATH."""
    folder.mkdir()
    (folder / "git").write_text(f'#!/bin/sh\nif [ "$3" = update-ref ]; then : > "{started}"; sleep 1; fi\n'
                                f'exec "{shutil.which("git")}" "$@"\n')
    (folder / "git").chmod(0o755)
    return folder


def test_a_branch_move_whose_process_the_writer_never_learned_is_given_time_to_start(scratch_corpus, tmp_path):
    """A writer killed between starting update-ref and writing its process id leaves the
    mover file empty: recovery gives such a git time to lock the branch, then waits for it."""
    from lawdiff.gitlog import Git, wait_for_mover

    repo = scratch_corpus.parent
    old = _git(repo, "rev-parse", "HEAD").stdout.strip()
    new = _git(repo, "commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m", "moved by an orphaned git").stdout.strip()
    slow = _slow_git(tmp_path / "bin", tmp_path / "started")
    mover = tmp_path / "moving-branch"
    mover.write_bytes(b"")
    orphan = subprocess.Popen(["git", "-C", str(repo), "update-ref", "HEAD", new, old], start_new_session=True,
                              env={**os.environ, "PATH": f"{slow}{os.pathsep}{os.environ['PATH']}"})
    try:
        git = Git.around(scratch_corpus)
        assert git is not None
        wait_for_mover(mover, git)
        assert git.settled_head() == new
    finally:
        orphan.wait()


def test_a_branch_move_still_starting_when_its_writer_dies_is_waited_for(scratch_corpus, tmp_path_factory):
    """The update-ref a writer starts runs in a session of its own and outlives a kill; one
    that has not yet locked the branch when the next command recovers must be waited for, or
    the write is rolled back and then lands (old files under the new commit)."""
    repo, outside = scratch_corpus.parent, tmp_path_factory.mktemp("slow-git")
    started = outside / "update-ref started"
    slow = _slow_git(outside / "bin", started)
    head = _git(repo, "rev-parse", "HEAD").stdout.strip()
    env = {**os.environ, **GIT_ENV, "PATH": f"{slow}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.Popen([sys.executable, "-m", "lawdiff", "--corpus", str(scratch_corpus), "event", "add", WORK,
                             "published", "2009-03-20", "--source", "s"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    end = time.monotonic() + 60
    while not started.exists() and proc.poll() is None and time.monotonic() < end:
        time.sleep(0.001)
    assert started.exists(), "the write never moved its branch"
    proc.kill()                                    # the writer only: its update-ref runs on
    proc.wait()
    done = subprocess.run([sys.executable, "-m", "lawdiff", "--corpus", str(scratch_corpus), "ls"],
                          env={**os.environ, **GIT_ENV}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    time.sleep(1.5)                                # a move not waited for lands by now
    assert "completed" in done.stderr, done.stderr
    assert _git(repo, "rev-parse", "HEAD^").stdout.strip() == head
    assert _git(repo, "status", "--porcelain").stdout == ""
