"""The corpus-state key: a check on open that costs the same at 100 works as at 100,000.

Comparing every work file's stamp on every open costs one ``stat`` per file (about 4 µs each
here: 40 ms at 10,000 works, 400 ms at 100,000), more than the whole query the index exists
to make fast. So an open first compares a key that does not grow with the corpus: the stamps
(inode, size, mtime in ns) of the git files that change whenever the files git knows change:

- ``HEAD`` and the branch it names (loose ref or ``packed-refs``): a commit, checkout, pull,
  merge, reset or rebase moves them;
- git's ``index`` file: ``git add``, ``git rm``, ``git mv``, ``git stash``, a checkout and
  ``git status`` (when it refreshes) rewrite it.

Only when the key differs from the one stored with the index are the per-file stamps compared
(:func:`lawdiff.index.update.refresh`) and the changed files re-indexed. lawdiff's own writes
update the index inside the corpus transaction and store the key that follows them
(:mod:`lawdiff.index.hooks`).

What the key does not see is a change git does not know yet: a file edited in place, added,
removed or renamed by hand and not staged. For those, the decision is:

- every answer first checks the stamps of the files it is read from (the tariff acts of the
  place asked about and the acts their versions depend on; the works a short id names), so an
  edit of a file that is part of the answer is always seen; ``ls`` and ``at``, whose answer is
  every work, compare every stamp and walk the folders;
- an unstaged change that would bring a file *into* an answer (a work whose place or number
  was edited in place, a file copied in by hand) is seen once git sees it (``git add``, a
  commit) or after ``lawdiff index``, which compares every stamp;
- a corpus outside git has no key: every open compares every stamp, as before.

``LAWDIFF_INDEX=off`` answers from the XML alone, always.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def _stamp(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def git_dirs(root: Path) -> tuple[str, str] | None:
    """(git dir, common dir) of the repository holding ``root``, found as git finds it
    (``.git`` folder, or a ``.git`` file naming a worktree's folder); None outside git or
    when ``GIT_DIR`` points elsewhere (the key would not follow what git does)."""
    if os.environ.get("GIT_DIR") or os.environ.get("GIT_INDEX_FILE"):
        return None
    here = os.path.abspath(root)
    while True:
        dot = os.path.join(here, ".git")
        if os.path.isdir(dot):
            return dot, dot
        if os.path.isfile(dot):
            try:
                with open(dot, encoding="utf-8") as fh:
                    line = fh.read(4096).strip()
            except OSError:
                return None
            if not line.startswith("gitdir:"):
                return None
            gitdir = os.path.join(here, line[len("gitdir:"):].strip())
            try:
                with open(os.path.join(gitdir, "commondir"), encoding="utf-8") as fh:
                    common = os.path.join(gitdir, fh.read().strip())
            except OSError:
                common = gitdir
            return os.path.normpath(gitdir), os.path.normpath(common)
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def corpus_key(root: Path) -> str | None:
    """The key of the corpus's state as git records it (see the module docstring); None
    when there is no git around the corpus, or HEAD cannot be read."""
    dirs = git_dirs(root)
    if dirs is None:
        return None
    gitdir, common = dirs
    try:
        with open(os.path.join(gitdir, "HEAD"), encoding="utf-8") as fh:
            head = fh.read(4096).strip()
    except OSError:
        return None
    parts: dict[str, object] = {"head": head, "index": _stamp(os.path.join(gitdir, "index")),
                   "packed": _stamp(os.path.join(common, "packed-refs"))}
    if head.startswith("ref:"):
        ref = head[4:].strip()
        parts["ref"] = _stamp(os.path.join(common, *ref.split("/")))
    return json.dumps(parts, sort_keys=True)
