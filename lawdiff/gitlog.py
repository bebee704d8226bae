"""Git as the audit trail: the plumbing a corpus transaction commits with.

A write never goes through the user's index or ``git commit``: the new blobs are hashed into
the object store, the trees on their paths are rewritten (:mod:`lawdiff.gittree`), the commit
is made with ``commit-tree`` and the branch is moved with a compare-and-swap ``update-ref``. So a
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

#: HEAD's commit (fails quietly on a branch with no commit yet).
_HEAD = ("rev-parse", "-q", "--verify", "HEAD^{commit}")
#: HEAD's commit and the ref it names, in one answer (see Git._state).
_STATE = ("rev-parse", "HEAD^{commit}", "--symbolic-full-name", "HEAD", "--")
#: Which files git flushes to disk as it writes them (unset: git's default, which leaves its
#: index to the operating system).
_FSYNC = ("config", "--get-all", "core.fsync")

#: The files of git's own a write looks at: the index it updates, the object store it must be
#: able to write, and the marks of an operation in progress that forbid a commit.
GIT_PATHS = ("index", "objects", "MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "rebase-merge", "rebase-apply")


class Asked:
    """git commands started together and not yet waited for (:meth:`Git.ask`)."""

    def __init__(self, git: Git, commands: tuple[tuple[tuple[str, ...], bool], ...]):
        self._git, self._commands = git, commands
        self._procs: list[subprocess.Popen] = []
        try:
            for args, _ in commands:
                self._procs.append(subprocess.Popen(["git", "-C", str(git.top), *args], stdout=subprocess.PIPE,
                                                    stderr=subprocess.PIPE, env=_plain_env()))
        except BaseException:
            self.close()
            raise

    def answers(self) -> list[str]:
        """Each command's answer, in order, as :meth:`Git.run` gives them."""
        try:
            done = [proc.communicate() for proc in self._procs]
        except BaseException:
            self.close()
            raise
        return [self._git._answer(args, proc.returncode, out, err, check)
                for (args, check), proc, (out, err) in zip(self._commands, self._procs, done)]

    def close(self) -> None:
        """Stop the commands not asked for after all (git's questions change nothing)."""
        for proc in self._procs:
            if proc.poll() is None:
                proc.kill()
            proc.communicate()


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

    def __init__(self, top: Path, paths: dict[str, Path] | None = None):
        self.top = top
        self._paths = dict(paths or {})
        #: Should a write flush the index it edits to disk? git flushes its index only when
        #: ``core.fsync`` names it, and by default it does not; lawdiff flushes it whenever
        #: ``core.fsync`` is set at all rather than parse the setting's words (flushing more
        #: than git would loses nothing but time). Learnt by :meth:`check_can_commit`.
        self.flush_index = True

    @classmethod
    def around(cls, folder: Path) -> Git | None:
        """The repository whose working tree holds ``folder``, or None when there is none.

        One ``rev-parse`` finds it and the files of git's own a write looks at (:data:`GIT_PATHS`),
        so that :meth:`path` asks git nothing more for them."""
        args = [arg for name in GIT_PATHS for arg in ("--git-path", name)]
        try:
            proc = subprocess.run(["git", "-C", str(folder), "rev-parse", *args, "--show-toplevel"],
                                  capture_output=True, text=True, env=_plain_env())
        except FileNotFoundError:
            return None
        lines = proc.stdout.split("\n")[:-1]
        if proc.returncode != 0 or len(lines) != len(GIT_PATHS) + 1 or not lines[-1]:
            return None           # not a working tree (the top line is missing inside .git)
        # --git-path answers relative to the folder git ran in
        return cls(Path(lines[-1]), {name: (Path(folder) / line).resolve() for name, line in zip(GIT_PATHS, lines)})

    def run(self, *args: str, stdin: bytes | None = None, index: Path | None = None,
            check: bool = True) -> str:
        """Run one git command in the repository; a failure is a one-line :class:`CorpusStateError`
        (the command lawdiff gives is right; the repository is what refuses it). ``check=False``:
        a failure answers ""."""
        env = _plain_env()
        if index is not None:
            env["GIT_INDEX_FILE"] = str(index)
        proc = subprocess.run(["git", "-C", str(self.top), *args], input=stdin, capture_output=True, env=env)
        return self._answer(args, proc.returncode, proc.stdout, proc.stderr, check)

    def run_raw(self, *args: str, stdin: bytes | None = None) -> bytes:
        """Run one git command and give its output as bytes, unchanged (binary objects)."""
        proc = subprocess.run(["git", "-C", str(self.top), *args], input=stdin, capture_output=True, env=_plain_env())
        self._answer(args, proc.returncode, b"", proc.stderr, True)
        return proc.stdout

    def run_all(self, *commands: tuple[tuple[str, ...], bool]) -> list[str]:
        """Run git commands that do not depend on each other at the same time, each given as
        (arguments, check); their answers in order, as :meth:`run` gives them. Starting a
        process is most of what a git question costs; these are waited for together."""
        return self.ask(*commands).answers()

    def ask(self, *commands: tuple[tuple[str, ...], bool]) -> Asked:
        """:meth:`run_all` begun: the commands run while the caller goes on."""
        return Asked(self, commands)

    def _answer(self, args: tuple[str, ...], code: int, out: bytes, err: bytes, check: bool) -> str:
        if check and code != 0:
            lines = [ln.strip() for ln in err.decode("utf-8", "replace").splitlines() if ln.strip()]
            why = next((ln for ln in lines if ln.startswith(("fatal:", "error:"))), lines[-1] if lines else "")
            raise CorpusStateError(f"git {args[0]} failed in {self.top}: {why or 'exit ' + str(code)}")
        return out.decode("utf-8", "replace").strip() if code == 0 else ""

    def path(self, name: str) -> Path:
        """A file of git's own (``index``, ``MERGE_HEAD``...), wherever this worktree keeps it."""
        if name not in self._paths:
            self._paths[name] = (self.top / self.run("rev-parse", "--git-path", name)).resolve()
        return self._paths[name]

    def head(self) -> str | None:
        """The commit HEAD names, or None on a branch with no commit yet."""
        return self.run(*_HEAD, check=False) or None

    def _state(self, answer: str) -> tuple[str | None, str]:
        """HEAD's commit and the ref HEAD names (``refs/heads/…``; ``HEAD`` itself when
        detached) from the answer to :data:`_STATE`; the commit is None on a branch with no
        commit yet (then the ref needs one more question)."""
        lines = answer.split("\n")
        if len(lines) == 3 and lines[2] == "--":
            return lines[0], lines[1]
        return None, self.branch()

    def branch(self) -> str:
        """The ref HEAD names (``refs/heads/…``), or ``HEAD`` itself when detached."""
        return self.run("symbolic-ref", "-q", "HEAD", check=False) or "HEAD"

    def settled_head(self, wait: float = 2.0) -> str | None:
        """HEAD once no ``update-ref`` holds its branch's lock (a killed writer's orphaned git
        may still be moving it)."""
        import time

        lock = self.path(self.branch() + ".lock")
        end = time.monotonic() + wait
        while lock.exists() and time.monotonic() < end:
            time.sleep(0.01)
        return self.head()

    def is_ancestor(self, commit: str, of: str) -> bool:
        return subprocess.run(["git", "-C", str(self.top), "merge-base", "--is-ancestor", commit, of],
                              capture_output=True, env=_plain_env()).returncode == 0

    def ask_can_commit(self) -> Asked:
        """The questions :meth:`check_can_commit` asks git, begun: they take a few milliseconds
        of git's, which a write spends planning meanwhile."""
        return self.ask((("var", "GIT_AUTHOR_IDENT"), False), (("var", "GIT_COMMITTER_IDENT"), False),
                        (_STATE, False), (_FSYNC, False))

    def check_can_commit(self, asked: Asked | None = None) -> None:
        """Refuse, before anything is written, a repository git could not commit to: no
        identity, a merge (or rebase, cherry-pick, revert) in progress. Also learns
        :attr:`flush_index`. ``asked``: the questions as :meth:`ask_can_commit` began them
        (else they are asked now)."""
        author, committer, state, fsync = (asked or self.ask_can_commit()).answers()
        if not author or not committer:
            raise GitCannotCommit(f"git cannot commit in {self.top}: no identity (set user.name and "
                                  "user.email with git config); nothing written")
        for name, what in (("MERGE_HEAD", "a merge"), ("CHERRY_PICK_HEAD", "a cherry-pick"),
                           ("REVERT_HEAD", "a revert"), ("rebase-merge", "a rebase"), ("rebase-apply", "a rebase")):
            if self.path(name).exists():
                raise GitCannotCommit(f"{what} is in progress in {self.top}: finish or abort it first; nothing written")
        head, ref = self._state(state)
        if head is not None and ref == "HEAD":
            raise GitCannotCommit(f"HEAD is detached in {self.top}: a commit there would belong to no branch; "
                                  "check out a branch first; nothing written")
        if not os.access(self.path("objects"), os.W_OK):
            raise GitCannotCommit(f"the git repository of {self.top} is read-only; nothing written")
        self.flush_index = bool(fsync)

    def index_entries(self, index: Path, rels: list[str]) -> dict[str, str]:
        """The blob staged for each of ``rels`` in the index file ``index`` that is staged there
        (:data:`lawdiff.gitindex.UNMERGED` for one in a merge conflict), in one git call."""
        from lawdiff.gitindex import UNMERGED

        if not index.exists() or not rels:
            return {}
        found: dict[str, str] = {}
        for record in self.run_z("ls-files", "-z", "-s", "--", *rels, index=index):
            meta, _, rel = record.partition("\t")
            _, sha, stage = meta.split(" ")
            found[rel] = sha if stage == "0" else UNMERGED
        return found

    def run_z(self, *args: str, index: Path | None = None) -> list[str]:
        """The NUL-separated records a git command (given ``-z``) prints."""
        return [record for record in self.run(*args, index=index).split("\0") if record]

    def head_and_blobs(self, files: list[tuple[Path, str]]) -> tuple[str | None, list[str]]:
        """HEAD's commit (None on a branch with no commit yet), and each ``file`` stored as a blob,
        filtered as ``git add`` would filter its ``rel``: asked at the same time."""
        head, *blobs = self.run_all((_HEAD, False),
                                    *((("hash-object", "-w", f"--path={rel}", "--", str(file)), True)
                                      for file, rel in files))
        return head or None, blobs

    def commit_tree(self, scratch: Path, base: str | None, blobs: dict[str, str], message: str,
                    on_base: tuple[dict[str, bytes], dict[str, tuple[str, str]]]) -> str | None:
        """The commit of ``base`` with ``blobs`` (path -> blob) put in, its tree made by
        :func:`lawdiff.gittree.build` (``scratch``: a folder of this write's own); None when
        the tree would not change: every blob is already in ``base`` at its path as a regular
        file. ``on_base``: :func:`lawdiff.gittree.read_paths` of ``base`` for these paths."""
        from lawdiff import gittree

        folders, in_base = on_base
        if base is not None and all(in_base.get(rel) == ("100644", sha) for rel, sha in blobs.items()):
            return None
        tree = gittree.build(self, base, blobs, scratch, folders)
        parents = ["-p", base] if base else []
        return self.run("commit-tree", tree, *parents, "-F", "-", stdin=message.encode("utf-8"))

    def move_head(self, new: str, old: str | None, mover: Path) -> None:
        """Move HEAD's branch from ``old`` to ``new`` only if it still points at ``old``
        (``update-ref HEAD`` moves the branch HEAD names, so no git call asks for it first).

        This is the commit point. ``update-ref`` runs in a session of its own and is waited
        for even through Ctrl-C, so a kill or an interrupt of lawdiff never stops git halfway
        and leaves its ref lock behind; the interrupt is raised once git is done. While it
        runs, the file ``mover`` names its process: a lawdiff killed meanwhile leaves it
        running on its own, and recovery waits for it (:func:`wait_for_mover`)."""
        mover.write_bytes(b"")                # a kill before git's process id is known leaves it empty
        proc = subprocess.Popen(["git", "-C", str(self.top), "update-ref", "-m", "lawdiff: commit", "HEAD", new,
                                 old or NO_COMMIT], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=_plain_env(), start_new_session=True)
        mover.write_text(str(proc.pid))
        interrupted = False
        while True:
            try:
                _, err = proc.communicate()
                break
            except KeyboardInterrupt:
                interrupted = True
        mover.unlink()
        if proc.returncode != 0:
            why = (err.strip().splitlines() or [""])[-1]
            raise BranchMoved(f"the branch moved while lawdiff was writing ({why}); nothing written")
        if interrupted:
            raise KeyboardInterrupt


#: How long recovery waits for a killed writer's ``update-ref`` to end, and, when the writer
#: died before it knew git's process, for one that may be starting to take the branch's lock.
MOVER_WAIT = 10.0
MOVER_START = 1.0


def wait_for_mover(mover: Path, git: Git) -> None:
    """Wait until no ``update-ref`` of a killed writer may still move the branch.

    Such a git outlives its writer (:meth:`Git.move_head`); one still starting when the next
    command reads HEAD would land after that command rolled the write back. ``mover`` names
    its process; empty (or holding no number), it says the writer died while starting it:
    then a git that did start has had :data:`MOVER_START` seconds to lock the branch, which
    :meth:`Git.settled_head` then waits on."""
    import time

    try:
        pid = mover.read_text().strip()
    except FileNotFoundError:
        return
    if not pid.isdigit():
        lock = git.path(git.branch() + ".lock")
        end = time.monotonic() + MOVER_START
        while not lock.exists() and time.monotonic() < end:
            time.sleep(0.01)
        return
    end = time.monotonic() + MOVER_WAIT
    while _running(int(pid)) and time.monotonic() < end:
        time.sleep(0.01)


def _running(pid: int) -> bool:
    """Is process ``pid`` still running (a zombie is not)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] != "Z"


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
