"""The synthetic corpus's own git repository, in the state of a corpus that has lived a while.

Such a repository has its objects packed (git's automatic gc sees to it), its index current
(every file's stat data recorded, the cached trees valid) and its files older than its index.
The first commit of up to 120,000 files is written with ``git fast-import`` straight into a
pack: ``git add`` and ``git commit`` would write every object as a loose file and then need a
repack, minutes at 100,000 works. The index is then read from that commit and refreshed, as
``git add`` would have left it. What lawdiff's own commands meet is the same either way.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from .procs import env

_IGNORE = ".lawdiff.lock\nbaseline.git/\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env=env()).stdout


def commit_corpus(corpus_dir: Path, message: str) -> None:
    """Commit everything in the synthetic corpus to its repository (made and filled with
    fast-import on first use; later commits with ``git add`` and ``git commit``)."""
    repo = corpus_dir.parent
    if not (repo / ".git").exists():
        _first_commit(repo, corpus_dir, message)
        return
    _after_last_write()
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)
    git(repo, "repack", "-dq")          # the few new loose objects into a pack of their own


def _after_last_write() -> None:
    """Wait for the next second: a file modified in the second git's index is written is
    "racily clean" and hashed again by every later git command; in a corpus that has lived a
    while the files are older than the index."""
    time.sleep(1.05 - time.time() % 1)


def _first_commit(repo: Path, corpus_dir: Path, message: str) -> None:
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env())
    (repo / ".gitignore").write_text(_IGNORE)
    # Automatic gc must not start mid-run: it would time git, not lawdiff.
    git(repo, "config", "gc.auto", "0")
    git(repo, "config", "maintenance.auto", "false")
    branch = git(repo, "symbolic-ref", "HEAD").strip()
    files = sorted(p for p in corpus_dir.rglob("*") if p.is_file())
    proc = subprocess.Popen(["git", "-C", str(repo), "fast-import", "--quiet"], stdin=subprocess.PIPE, env=env())
    try:
        msg = message.encode("utf-8")
        proc.stdin.write(b"commit %s\ncommitter Synthetic Benchmark <bench@example.org> %d +0000\ndata %d\n%s\n"
                         % (branch.encode(), int(time.time()), len(msg), msg))
        for path in [repo / ".gitignore", *files]:
            data = path.read_bytes()
            name = path.relative_to(repo).as_posix().encode("utf-8")
            proc.stdin.write(b"M 100644 inline %s\ndata %d\n%s\n" % (name, len(data), data))
        proc.stdin.write(b"\n")
    finally:
        proc.stdin.close()
        if proc.wait():
            raise subprocess.CalledProcessError(proc.returncode, "git fast-import")
    _after_last_write()
    git(repo, "read-tree", "HEAD")                # the index of that commit, its cached trees valid
    git(repo, "update-index", "-q", "--refresh")  # and every file's stat data, as git add records it
