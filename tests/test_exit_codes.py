"""Exit codes by kind of error, through the installed script as users run it (docs/json.md,
"Exit codes"): 1 bad input, 2 usage, 3 the corpus is not in a state to be written (git cannot
commit there), 4 a conflict that may go away (another writer, git's index lock, the branch
moved). Every refusal is one line, and the corpus and HEAD stay as they were."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import lawdiff, run_script
from lawdiff import ConflictError, CorpusStateError, gitlog, runtime
from lawdiff.corpus import Corpus

WORK = "kz/government/decree/2009/330"
IDENTITY = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
NO_IDENTITY = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "EMAIL": ""}


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **IDENTITY}).stdout.strip()


def _state(corpus: Path) -> tuple[dict, str]:
    return {p: p.read_bytes() for p in corpus.rglob("*.xml")}, _git(corpus.parent, "rev-parse", "HEAD")


def _event_add(corpus: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``lawdiff event add`` run from the repository that holds the corpus (default corpus)."""
    base = env if env is not None else IDENTITY
    return run_script("event", "add", WORK, "published", "2009-03-20", "--source", "exit code test",
                      cwd=corpus.parent, env={"HOME": str(corpus.parent), **base})


def _refused(proc: subprocess.CompletedProcess[str], code: int, needle: str) -> None:
    assert proc.returncode == code, proc.stderr
    assert proc.stdout == "" and proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("lawdiff: error: ") and needle in proc.stderr, proc.stderr
    assert "nothing written" in proc.stderr or "try again" in proc.stderr, proc.stderr


def test_the_writer_lock_taken_is_a_conflict_exit_4(scratch_corpus):
    before = _state(scratch_corpus)
    with Corpus(scratch_corpus).lock():
        _refused(_event_add(scratch_corpus), 4, "another lawdiff process is writing")
    assert _state(scratch_corpus) == before
    assert _event_add(scratch_corpus).returncode == 0        # free again: the same command works


def test_gits_index_lock_is_a_conflict_exit_4(scratch_corpus):
    before = _state(scratch_corpus)
    lock = scratch_corpus.parent / ".git" / "index.lock"
    lock.write_bytes(b"")
    _refused(_event_add(scratch_corpus), 4, "git's index is locked")
    lock.unlink()
    assert _state(scratch_corpus) == before


@pytest.mark.parametrize("obstacle, needle", [
    ("merge", "a merge is in progress"),
    ("identity", "no identity"),
    ("detached", "HEAD is detached"),
    ("staged", "has changes staged"),
])
def test_git_unable_to_commit_is_the_corpus_state_exit_3(scratch_corpus, obstacle, needle):
    repo = scratch_corpus.parent
    env = None
    if obstacle == "merge":
        (repo / ".git" / "MERGE_HEAD").write_text(_git(repo, "rev-parse", "HEAD") + "\n")
    elif obstacle == "identity":
        env = NO_IDENTITY
    elif obstacle == "detached":
        _git(repo, "checkout", "-q", "--detach")
    else:
        path = scratch_corpus / f"{WORK}.xml"
        path.write_bytes(path.read_bytes().replace(b"</title>", b" (staged)</title>", 1))
        _git(repo, "add", str(path))
    before = _state(scratch_corpus)
    _refused(_event_add(scratch_corpus, env), 3, needle)
    assert _state(scratch_corpus) == before


def test_a_usage_error_is_exit_2_and_bad_input_exit_1(scratch_corpus):
    usage = run_script("event", "add", WORK, cwd=scratch_corpus.parent)
    assert usage.returncode == 2 and usage.stdout == ""
    bad = run_script("event", "add", "kz/nowhere/order/2020/1", "published", "2020-01-01", "--source", "s",
                     cwd=scratch_corpus.parent, env=IDENTITY)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "kz/nowhere/order/2020/1" in bad.stderr


def test_the_branch_moved_under_a_write_is_a_conflict_exit_4(scratch_corpus, capsys, monkeypatch):
    """Every attempt to move the branch finds it moved (as when another process keeps
    committing): the write gives up cleanly with exit 4."""
    def moved(self, new, old, mover):
        raise gitlog.BranchMoved("the branch moved while lawdiff was writing (test); nothing written")

    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(gitlog.Git, "move_head", moved)
    before = _state(scratch_corpus)
    code, out, err = lawdiff(capsys, "event", "add", WORK, "published", "2009-03-20", "--source", "s",
                             corpus=scratch_corpus)
    assert code == 4 and out == "" and err.count("\n") == 1 and "branch moved" in err, err
    assert _state(scratch_corpus) == before


def test_the_error_kinds():
    assert issubclass(runtime.Busy, ConflictError) and issubclass(gitlog.BranchMoved, ConflictError)
    assert issubclass(gitlog.GitCannotCommit, CorpusStateError)


# -- leaving: the script ends the process itself once the command is done (lawdiff.cli.main.leave) --

def test_the_whole_output_reaches_the_pipe_before_the_process_ends(capsys):
    work = "kz/oral-akimat/resolution/2025/2999"
    proc = run_script("show", work, "--json")
    code, out, _ = lawdiff(capsys, "show", work, "--json")
    assert proc.returncode == code == 0 and len(out) > 65536      # more than a pipe holds at once
    assert proc.stdout == out


def test_a_reader_gone_away_ends_the_command_with_one_code_and_no_traceback():
    """``lawdiff show … | head -c 0``: the pipe is closed before lawdiff writes to it."""
    from conftest import SCRIPT

    proc = subprocess.Popen([str(SCRIPT), "show", "kz/oral-akimat/resolution/2025/2999", "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 1 and err == ""
