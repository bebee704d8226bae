"""Git as the audit trail: the plumbing a corpus transaction commits with.

A write never goes through the user's index or ``git commit``: the new blobs are hashed into
the object store, a tree is built in a private index (``GIT_INDEX_FILE``), the commit is made
with ``commit-tree`` and the branch is moved with a compare-and-swap ``update-ref``. So a
user's staged changes are never swept into a lawdiff commit, and a lawdiff change is never
swept into the user's. Commit dates are transaction time (when the corpus learnt
something), never legal dates; the legal dates are in the trailers and in the XML.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from lawdiff import ConflictError, CorpusStateError, LawdiffError

#: The old value ``update-ref`` is given when the branch does not exist yet (first commit).
NO_COMMIT = "0" * 40


def repo_for(path: Path):
    """The git repository holding ``path`` (a GitPython ``Repo``), or None when it is not under git."""
    import git

    try:
        return git.Repo(Path(path).resolve(), search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


class BranchMoved(ConflictError):
    """HEAD's branch no longer points where the commit was built on (exit 4)."""


class GitCannotCommit(CorpusStateError):
    """The repository is in no state to take a commit: no identity, a detached HEAD, a merge
    in progress, a read-only repository (exit 3; the input was fine)."""


class Git:
    """The repository around a corpus, driven by git's own plumbing commands."""

    def __init__(self, top: Path):
        self.top = top

    @classmethod
    def around(cls, folder: Path) -> Git | None:
        """The repository whose working tree holds ``folder``, or None when there is none."""
        try:
            proc = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
                                  capture_output=True, text=True, env=_plain_env())
        except FileNotFoundError:
            return None
        if proc.returncode != 0 or not proc.stdout.strip():
            return None
        return cls(Path(proc.stdout.strip()))

    def run(self, *args: str, stdin: bytes | None = None, index: Path | None = None,
            check: bool = True) -> str:
        """Run one git command in the repository; a failure is a one-line :class:`CorpusStateError`
        (the command lawdiff gives is right; the repository is what refuses it)."""
        env = _plain_env()
        if index is not None:
            env["GIT_INDEX_FILE"] = str(index)
        proc = subprocess.run(["git", "-C", str(self.top), *args], input=stdin, capture_output=True, env=env)
        if check and proc.returncode != 0:
            lines = [ln.strip() for ln in proc.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
            why = next((ln for ln in lines if ln.startswith(("fatal:", "error:"))), lines[-1] if lines else "")
            raise CorpusStateError(f"git {args[0]} failed in {self.top}: {why or 'exit ' + str(proc.returncode)}")
        return proc.stdout.decode("utf-8", "replace").strip() if proc.returncode == 0 else ""

    def path(self, name: str) -> Path:
        """A file of git's own (``index``, ``MERGE_HEAD``...), wherever this worktree keeps it."""
        return (self.top / self.run("rev-parse", "--git-path", name)).resolve()

    def head(self) -> str | None:
        """The commit HEAD names, or None on a branch with no commit yet."""
        return self.run("rev-parse", "-q", "--verify", "HEAD^{commit}", check=False) or None

    def settled_head(self, wait: float = 2.0) -> str | None:
        """HEAD once no ``update-ref`` holds its branch's lock (a killed writer's orphaned git
        may still be moving it)."""
        import time

        ref = self.run("symbolic-ref", "-q", "HEAD", check=False) or "HEAD"
        lock = self.path(ref + ".lock")
        end = time.monotonic() + wait
        while lock.exists() and time.monotonic() < end:
            time.sleep(0.01)
        return self.head()

    def is_ancestor(self, commit: str, of: str) -> bool:
        return subprocess.run(["git", "-C", str(self.top), "merge-base", "--is-ancestor", commit, of],
                              capture_output=True, env=_plain_env()).returncode == 0

    def check_can_commit(self) -> None:
        """Refuse, before anything is written, a repository git could not commit to: no
        identity, a merge (or rebase, cherry-pick, revert) in progress."""
        for who in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
            if subprocess.run(["git", "-C", str(self.top), "var", who], capture_output=True,
                              env=_plain_env()).returncode != 0:
                raise GitCannotCommit(f"git cannot commit in {self.top}: no identity (set user.name and "
                                      "user.email with git config); nothing written")
        for name, what in (("MERGE_HEAD", "a merge"), ("CHERRY_PICK_HEAD", "a cherry-pick"),
                           ("REVERT_HEAD", "a revert"), ("rebase-merge", "a rebase"), ("rebase-apply", "a rebase")):
            if self.path(name).exists():
                raise GitCannotCommit(f"{what} is in progress in {self.top}: finish or abort it first; nothing written")
        if self.head() is not None and not self.run("symbolic-ref", "-q", "HEAD", check=False):
            raise GitCannotCommit(f"HEAD is detached in {self.top}: a commit there would belong to no branch; "
                                  "check out a branch first; nothing written")
        if not os.access(self.path("objects"), os.W_OK):
            raise GitCannotCommit(f"the git repository of {self.top} is read-only; nothing written")

    def blob_of(self, commit: str | None, rel: str) -> str | None:
        """The blob of ``rel`` in ``commit`` (None when the file is not there)."""
        if commit is None:
            return None
        out = self.run("ls-tree", commit, "--", rel)
        return out.split()[2] if out else None

    def index_entry(self, index: Path, rel: str) -> str | None:
        """The blob staged for ``rel`` in the index file ``index`` (None when not staged)."""
        if not index.exists():
            return None
        out = self.run("ls-files", "-s", "--", rel, index=index)
        return out.split()[1] if out else None

    def hash_file(self, file: Path, rel: str) -> str:
        """Store ``file`` as a blob, filtered as ``git add`` would filter ``rel``."""
        return self.run("hash-object", "-w", f"--path={rel}", "--", str(file))

    def commit_tree(self, private_index: Path, base: str | None, blobs: dict[str, str], message: str) -> str | None:
        """The commit of ``base`` with ``blobs`` (path -> blob) put in, built in ``private_index``;
        None when the tree would not change."""
        if base is None:
            self.run("read-tree", "--empty", index=private_index)
        else:
            self.run("read-tree", base, index=private_index)
        info = "".join(f"100644 {sha}\t{rel}\n" for rel, sha in blobs.items())
        self.run("update-index", "--add", "--index-info", stdin=info.encode("utf-8"), index=private_index)
        tree = self.run("write-tree", index=private_index)
        if base is not None and tree == self.run("rev-parse", f"{base}^{{tree}}"):
            return None
        parents = ["-p", base] if base else []
        return self.run("commit-tree", tree, *parents, "-F", "-", stdin=message.encode("utf-8"))

    def move_head(self, new: str, old: str | None) -> None:
        """Move HEAD's branch from ``old`` to ``new`` only if it still points at ``old``.

        This is the commit point. ``update-ref`` runs in a session of its own and is waited
        for even through Ctrl-C, so a kill or an interrupt of lawdiff never stops git halfway
        and leaves its ref lock behind; the interrupt is raised once git is done."""
        ref = self.run("symbolic-ref", "-q", "HEAD", check=False) or "HEAD"
        proc = subprocess.Popen(["git", "-C", str(self.top), "update-ref", "-m", "lawdiff: commit", ref, new,
                                 old or NO_COMMIT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=_plain_env(), start_new_session=True)
        interrupted = False
        while True:
            try:
                _, err = proc.communicate()
                break
            except KeyboardInterrupt:
                interrupted = True
        if proc.returncode != 0:
            why = (err.strip().splitlines() or [""])[-1]
            raise BranchMoved(f"the branch moved while lawdiff was writing ({why}); nothing written")
        if interrupted:
            raise KeyboardInterrupt


def message(subject: str, body: str = "", trailers: dict[str, str] | None = None) -> str:
    """A commit message; every value that goes into it must be one line (no forged trailers)."""
    for name, value in (("subject", subject), *((f"trailer {k}", v) for k, v in (trailers or {}).items())):
        if "\n" in value or "\r" in value:
            raise LawdiffError(f"{name} {value[:60]!r} holds a line break: a value that goes into the "
                               "commit message must be one line; nothing written")
    text = subject.strip() + "\n"
    if body:
        text += "\n" + body.strip() + "\n"
    if trailers:
        text += "\n" + "\n".join(f"{k}: {v}" for k, v in trailers.items()) + "\n"
    return text


def _plain_env() -> dict[str, str]:
    """The environment for git: never a GIT_INDEX_FILE or GIT_DIR inherited by accident."""
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_INDEX_FILE",)}
    env.setdefault("LC_ALL", "C")
    return env


def commit(corpus_root: Path, paths: list[Path], subject: str, body: str = "",
           trailers: dict[str, str] | None = None) -> str | None:
    """Commit exactly ``paths`` (set-up files such as ``.gitattributes``, written by ``init``
    before the corpus holds any work) with ``git commit -- paths``; work files are never
    committed this way but through a transaction. Returns the sha, or None without git."""
    repo = repo_for(corpus_root)
    if repo is None:
        return None
    top = Path(repo.working_tree_dir).resolve()
    rel = [str(Path(p).resolve().relative_to(top)) for p in paths]
    try:
        repo.git.add("--", *rel)
        if not (set(repo.git.diff("--cached", "--name-only", "--", *rel).split("\n")) - {""}):
            return None
        repo.git.commit("-q", "-m", message(subject, body, trailers), "--", *rel)
    except Exception as exc:  # git's own message is the useful one
        raise GitCannotCommit(f"git commit failed: {str(exc).splitlines()[-1].strip()}") from None
    return repo.head.commit.hexsha
