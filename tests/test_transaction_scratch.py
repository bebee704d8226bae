"""A write stopped while git edits its private copy of the index is completed by the next command."""

from __future__ import annotations

import os
import subprocess

from conftest import lawdiff

from lawdiff import runtime, transaction

WORK = "kz/government/decree/2009/330"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def _git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ENV}).stdout


def test_a_lock_left_on_the_index_copy_does_not_stop_recovery(scratch_corpus, capsys, monkeypatch):
    repo = scratch_corpus.parent
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    real = transaction._write_index

    def killed_inside_git(git, journal, lock, token, scratch, staged=None):
        # what a SIGKILL leaves while `git update-index` edits the copy: the copy and its lock
        scratch.write_bytes(b"half")
        scratch.with_name(scratch.name + ".lock").write_bytes(b"")
        raise KeyboardInterrupt

    monkeypatch.setattr(transaction, "_write_index", killed_inside_git)
    code, _, err = lawdiff(capsys, "event", "add", WORK, "published", "2009-03-20", "--source", "s",
                           corpus=scratch_corpus)
    assert code != 0, err                                              # interrupted
    assert transaction.pending(scratch_corpus) and (repo / ".git" / "index.lock").exists()   # after the commit point
    monkeypatch.setattr(transaction, "_write_index", real)
    code, _, err = lawdiff(capsys, "ls", corpus=scratch_corpus)      # the next command, read-only
    assert code == 0 and "completed" in err, err
    assert not transaction.pending(scratch_corpus) and not (repo / ".git" / "index.lock").exists()
    assert not list((scratch_corpus / runtime.NAME).glob("user-index*"))
    assert _git(repo, "status", "--porcelain") == ""                  # index and files hold the commit
    assert _git(repo, "log", "-1", "--format=%s").startswith("Record published")
