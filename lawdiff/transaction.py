"""One corpus transaction for every write: one commit, or nothing.

Import, event add, apply, build and ``amendments --store`` all write through
:class:`Transaction`::

    with corpus.transaction() as txn:      # writer lock; an unfinished write is completed
        act = corpus.load(work)             # read and change under the lock
        txn.write(act)                      # validated once, kept in memory
        sha = txn.commit("Record ...", trailers={...})

``commit`` goes in this order, and a kill at any point leaves the old state or the new one
once the next lawdiff command has run (:func:`recover`):

0. a repository git could not commit to (no identity, a merge in progress, a detached HEAD)
   is refused, from git's answers to questions asked as the transaction began;
1. the new files are staged in ``.lawdiff/staged/`` (flushed to disk);
2. under git: their blobs are hashed, the trees on their paths are rewritten
   (``lawdiff.gittree``) and the commit made with ``commit-tree`` (nothing a user sees has
   changed yet);
3. the journal ``.lawdiff/journal.json`` names the staged files, the old and new commits and
   the token of git's index lock this write is about to take;
4. git's ``index.lock`` is taken (git's own protocol, so no git command can run on the
   user's index meanwhile), the user's index is checked to hold no staged change to these
   files, and the branch is moved by a compare-and-swap ``update-ref`` — the commit point;
5. the user's index entries of these files are set to the new blobs (nothing else in the
   index is touched; it is flushed to disk when git would) and the working files are
   renamed into place;
6. the journal is removed, and the derived stores are told (:func:`on_commit`).

Without git, the commit point is the journal itself: once written, the next command
completes the renames. A failure before the commit point restores nothing because nothing
was written; it is reported in one line, naming any lock file that stood in the way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from lawdiff import ConflictError, CorpusStateError, LawdiffError, gitindex, gittree, runtime
from lawdiff.gitlog import Asked, BranchMoved, Git, message, wait_for_mover
from lawdiff.model import xmlio
from lawdiff.model.act import Act
from lawdiff.warn import log

if TYPE_CHECKING:
    from lawdiff.corpus import Corpus


#: How long a write waits for git's index lock held by another git command (a user's
#: ``git add`` takes milliseconds) before it gives up, having written nothing.
INDEX_LOCK_WAIT = 5.0

#: The folder of a write's own where the new trees are handed to git (lawdiff.gittree).
TREES = "trees"
#: The runtime file that names the ``update-ref`` moving the branch (see gitlog.move_head).
MOVER = "moving-branch"

#: How often a write rebuilds its commit when a user's commit moved the branch meanwhile.
MOVE_ATTEMPTS = 5

#: A derived store's hook: called with the corpus root, the work ids whose files changed,
#: and the new commit (None when nothing was committed), after the files are in place and
#: before the writer lock is released.
Hook = Callable[[Path, list[str], "str | None"], None]
_HOOKS: list[Hook] = []
#: Called with the corpus root once a write holds the writer lock, before it reads anything.
_BEGIN_HOOKS: list[Callable[[Path], None]] = []


def on_commit(hook: Hook) -> Hook:
    """Register a derived store (e.g. the SQLite index) to be updated in every write.

    The hook runs inside the transaction, under the writer lock, once the change is
    committed and the working files hold it; it also runs after :func:`recover` completes an
    interrupted write. A hook that fails does not undo the write (derived data is rebuilt
    when found stale); the failure is logged as a warning."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)
    return hook


def on_begin(hook: Callable[[Path], None]) -> Callable[[Path], None]:
    """Register a derived store's look at the corpus before a write changes it (the index
    notes whether it is current, so that after the write it may record the new state)."""
    if hook not in _BEGIN_HOOKS:
        _BEGIN_HOOKS.append(hook)
    return hook


def check_act(act: Act) -> bytes:
    """The canonical bytes of ``act``, validated against the schema and the version rules:
    the single check every write (and every dry run) goes through."""
    from lawdiff.validate import overlap_errors

    data = xmlio.serialise(act.root)
    tree = xmlio.parse_bytes(data, act.id)
    xmlio.check_valid(tree, f"{act.id}.xml")
    problems = overlap_errors(Act(tree.getroot()))
    if problems:
        raise LawdiffError(f"{act.id}: the result would be invalid: {problems[0]}")
    return data


def digest(path: Path) -> str | None:
    """SHA-256 of a file's bytes (None when it does not exist). A link, FIFO or device is
    never opened: its mode stands for it."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return f"mode {st.st_mode:o}"
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


class Transaction:
    """A write to a corpus: see the module docstring. ``commit=False`` writes the files
    without a commit (``import --no-commit``, a temporary build tree)."""

    def __init__(self, corpus: Corpus, *, commit: bool = True, wait: bool = False):
        self.corpus, self.root = corpus, corpus.root
        self._commit, self._wait = commit, wait
        self._files: dict[Path, bytes] = {}
        self._lock: contextlib.AbstractContextManager | None = None
        self.git: Git | None = None
        self._can_commit: Asked | None = None    # check_can_commit's questions, answered at commit

    def __enter__(self) -> Transaction:
        self._lock = self.corpus.lock(wait=self._wait)   # a read-only snapshot refuses here
        self._lock.__enter__()
        try:
            recover(self.root)
            for hook in _BEGIN_HOOKS:
                try:
                    hook(self.root)
                except Exception as exc:  # derived data: stale is detected and rebuilt later
                    log.warning("reading derived data failed (%s: %s)", type(exc).__name__, exc)
            self.git = Git.around(self.root) if self._commit else None
            if self.git is not None:
                self._can_commit = self.git.ask_can_commit()
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self._can_commit is not None:
            self._can_commit.close()
        _clean_staging(runtime.folder(self.root, create=False))
        assert self._lock is not None
        self._lock.__exit__(*exc)

    def write(self, act: Act) -> Path:
        """Validate ``act`` and keep it for :meth:`commit`; returns its file."""
        path = self.corpus.path(act.id)
        self._files[path] = check_act(act)
        return path

    def commit(self, subject: str, body: str = "", trailers: dict[str, str] | None = None) -> str | None:
        """Make the written works one commit (see the module docstring); returns its sha, or
        None when there is no git (or nothing changed in it)."""
        text = message(subject, body, trailers)
        if not self._files:
            return None
        if self._can_commit is not None:          # refused before anything is written
            asked, self._can_commit = self._can_commit, None
            assert self.git is not None
            self.git.check_can_commit(asked)
        rt = runtime.folder(self.root)
        staged = rt / runtime.STAGED
        _clean_staging(rt)
        staged.mkdir()
        files = []
        for i, (path, data) in enumerate(sorted(self._files.items())):
            runtime.write_file(staged / f"{i}.xml", data)
            files.append({"path": path.relative_to(self.root.resolve()).as_posix(), "staged": f"{i}.xml",
                          "before": digest(path)})
        journal: dict = {"version": 1, "root": str(self.root), "files": files, "git": None}
        sha = None
        if self.git is not None:
            sha = self._prepare_commit(rt, journal, text)
        _write_journal(rt, journal)
        if sha is not None:
            _publish(self.git, journal, rt, lambda head: self._rebuild(rt, journal, text, head))
            sha = journal["git"]["new"]
        _finish(self.root, journal)
        return sha

    def _prepare_commit(self, rt: Path, journal: dict, text: str) -> str | None:
        """Steps 2–3: blobs, tree and commit, nothing visible yet; the journal gets the commit."""
        git = self.git
        assert git is not None
        for f in journal["files"]:
            f["rel"] = (self.root.resolve() / f["path"]).relative_to(git.top).as_posix()
        base, blobs = git.head_and_blobs([(rt / runtime.STAGED / f["staged"], f["rel"]) for f in journal["files"]])
        for f, blob in zip(journal["files"], blobs):
            f["blob"] = blob
        on_base = gittree.read_paths(git, base, [f["rel"] for f in journal["files"]])
        for f in journal["files"]:
            f["old_blob"] = on_base[1][f["rel"]][1] if f["rel"] in on_base[1] else None
        new = self._commit_on(rt, journal, text, base, on_base)
        if new is None:
            return None
        index = git.path("index")
        journal["git"] = {"top": str(git.top), "old": base, "new": new, "index": str(index),
                          "flush_index": git.flush_index,
                          "token": str(index.with_name(f"lawdiff-{os.getpid()}-{time.time_ns()}.token"))}
        return new

    def _commit_on(self, rt: Path, journal: dict, text: str, base: str | None,
                   on_base: tuple[dict[str, bytes], dict[str, tuple[str, str]]]) -> str | None:
        assert self.git is not None
        blobs = {f["rel"]: f["blob"] for f in journal["files"]}
        try:
            return self.git.commit_tree(rt / TREES, base, blobs, text, on_base)
        finally:
            shutil.rmtree(rt / TREES, ignore_errors=True)

    def _rebuild(self, rt: Path, journal: dict, text: str, head: str) -> None:
        """The branch moved (a user's commit) before this write took git's index lock: make
        the same change on top of it, unless the user's commit touched these very files."""
        assert self.git is not None
        g = journal["git"]
        on_head = gittree.read_paths(self.git, head, [f["rel"] for f in journal["files"]])
        for f in journal["files"]:
            if (on_head[1][f["rel"]][1] if f["rel"] in on_head[1] else None) != f["old_blob"]:
                raise ConflictError(f"{f['rel']} was committed by someone else while lawdiff was writing it; "
                                   "nothing written: run the command again")
        g["old"], g["new"] = head, self._commit_on(rt, journal, text, head, on_head) or head
        _write_journal(rt, journal)


# -- the steps after the journal, shared with recovery ------------------------------------------

def _write_journal(rt: Path, journal: dict) -> None:
    tmp = rt / (runtime.JOURNAL + ".tmp")
    runtime.write_file(tmp, json.dumps(journal, ensure_ascii=False, indent=1).encode("utf-8"))
    os.replace(tmp, rt / runtime.JOURNAL)
    runtime.fsync_dir(rt)


def _publish(git: Git | None, journal: dict, rt: Path, rebuild: Callable[[str], None]) -> None:
    """Steps 4–5 for git: take the index lock, check, move the branch, update the index.

    A user's ``git commit`` releases the index lock before it moves the branch; if one did
    since the commit was built, ``rebuild`` makes it again on the new HEAD (the journal
    follows) and the move is tried again. The user's commit, built from the index before
    this write changed it, then fails its own compare-and-swap instead of undoing this one."""
    g = journal["git"]
    assert git is not None
    index, token = Path(g["index"]), Path(g["token"])
    try:
        lock = _take_index_lock(index, token)
    except BaseException:
        _drop_index_lock(g)
        _abandon(rt)
        raise
    try:
        seen = _read_index(git, journal)
        staged = seen[0]
        for f in journal["files"]:
            if staged.get(f["rel"]) != f["old_blob"]:
                raise CorpusStateError(f"{f['rel']} {_NOT_SETTABLE.get(staged.get(f['rel']), _STAGED)}; nothing written")
        for attempt in range(MOVE_ATTEMPTS + 1):
            try:
                git.move_head(g["new"], g["old"], rt / MOVER)    # a compare-and-swap: fails if HEAD moved
                break
            except BranchMoved:
                if attempt == MOVE_ATTEMPTS:
                    raise
            head = git.head()
            if head != g["old"] and head is not None:
                rebuild(head)
    except BaseException as exc:
        if isinstance(exc, LawdiffError) or git.settled_head() != g["new"]:
            _drop_index_lock(g)
            _abandon(rt)
            raise
        interrupted: BaseException | None = exc      # the commit point was reached: finish first
    else:
        interrupted = None
    _write_index(git, journal, lock, token, rt / "user-index", seen)
    if interrupted is not None:
        _finish(Path(journal["root"]), journal)
        raise interrupted


def _take_index_lock(index: Path, token: Path) -> Path:
    """git's ``index.lock``, taken as git takes it (created only if absent), through a hard
    link to ``token`` so that recovery can tell it is ours."""
    lock = index.with_name(index.name + ".lock")
    fd = os.open(token, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    os.close(fd)
    end = time.monotonic() + INDEX_LOCK_WAIT
    while True:
        try:
            os.link(token, lock)
            return lock
        except FileExistsError:
            if time.monotonic() > end:
                os.unlink(token)
                raise ConflictError(f"git's index is locked by {lock} (another git command is running, or one was "
                                   "stopped: remove the file if none is running); nothing written") from None
            time.sleep(0.01)


def _ours(g: dict) -> Path | None:
    """git's index lock when this write holds it (through its token), else None."""
    lock = Path(g["index"] + ".lock")
    try:
        return lock if os.path.samefile(lock, g["token"]) else None
    except FileNotFoundError:
        return None


def _drop_index_lock(g: dict) -> None:
    lock = _ours(g)
    if lock is not None:
        os.unlink(lock)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(g["token"])


_STAGED = ("has changes staged in git's index: commit or unstage them first (lawdiff never commits a "
           "user's staged change)")
_NOT_SETTABLE = {
    gitindex.UNMERGED: "has a merge conflict in git's index: resolve it first",
    gitindex.FILE_FOLDER_CLASH: "clashes in git's index with a file or folder of the same name: "
                                "commit or remove that entry first",
}


def _read_index(git: Git, journal: dict) -> tuple[dict[str, str], gitindex.Index | None]:
    """The blob staged in the user's index for each written file, and the index as read
    when lawdiff edits it itself (None: git does, see :mod:`lawdiff.gitindex`)."""
    rels = [f["rel"] for f in journal["files"]]
    index = gitindex.read(Path(journal["git"]["index"]), len(journal["files"][0]["blob"]) // 2)
    if index is None:
        return git.index_entries(Path(journal["git"]["index"]), rels), None
    return index.staged(rels), index


def _write_index(git: Git, journal: dict, lock: Path, token: Path, scratch: Path,
                 seen: tuple[dict[str, str], gitindex.Index | None] | None = None) -> None:
    """Set the user's index entries of the written files to the new blobs, through the index
    lock this write holds (``lock``, a hard link to ``token``); an entry the user changed
    meanwhile is left alone. ``seen``: the index as :func:`_read_index` read it under this
    same lock (no git command can have changed it since); recovery, taking the lock anew,
    reads it again."""
    staged, index = seen if seen is not None else _read_index(git, journal)
    blobs = {f["rel"]: f["blob"] for f in journal["files"] if staged.get(f["rel"]) == f["old_blob"]}
    if index is None:
        _write_index_by_git(git, journal, lock, scratch, blobs)
    elif blobs:
        _replace_index(lock, journal["git"], lambda fh: index.write(fh, blobs))
    else:
        os.unlink(lock)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(token)


def _replace_index(lock: Path, g: dict, write: Callable[[BinaryIO], None]) -> None:
    """Write the new index through git's index lock (``write`` writes it to the open lock
    file) and move it in over the journal's index (``g``: its git part), as git does: flushed
    to disk first when git would (:attr:`lawdiff.gitlog.Git.flush_index`; a journal that does
    not say, written by an older lawdiff, is flushed)."""
    with open(lock, "r+b") as fh:
        fh.truncate(0)
        write(fh)
        fh.flush()
        if g.get("flush_index", True):
            os.fsync(fh.fileno())
    os.replace(lock, g["index"])


def _write_index_by_git(git: Git, journal: dict, lock: Path, scratch: Path, blobs: dict[str, str]) -> None:
    """:func:`_write_index` for an index lawdiff leaves to git: git edits a copy,
    ``scratch`` (it cannot edit the index while this write holds its lock), which is then
    moved in."""
    index = Path(journal["git"]["index"])
    # The scratch is this write's own (under the writer lock); a git killed while editing it
    # may have left its lock, which would make every recovery fail.
    for leftover in (scratch, scratch.with_name(scratch.name + ".lock")):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(leftover)
    if index.exists():
        shutil.copyfile(index, scratch)
    info = "".join(f"100644 {blob}\t{rel}\n" for rel, blob in blobs.items())
    if info:
        git.run("update-index", "--add", "--index-info", stdin=info.encode("utf-8"), index=scratch)
    if scratch.exists():
        _replace_index(lock, journal["git"], lambda fh: fh.write(scratch.read_bytes()))
        os.unlink(scratch)
    else:
        os.unlink(lock)


def _finish(root: Path, journal: dict, only_unchanged: bool = False) -> list[str]:
    """Rename the staged files into place, remove the journal, tell the derived stores.

    In recovery (``only_unchanged``) a working file is replaced only if it still holds what
    it held when the write began: a user's later edit is never overwritten."""
    rt = runtime.folder(root)
    works = []
    for f in journal["files"]:
        dest, src = root / f["path"], rt / runtime.STAGED / f["staged"]
        if not src.exists():
            continue
        if only_unchanged and digest(dest) != f["before"]:
            log.warning("%s: changed since an interrupted write began; left as it is", dest)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dest)
        runtime.fsync_dir(dest.parent)
        works.append(f["path"][:-len(".xml")])
    os.unlink(rt / runtime.JOURNAL)
    _clean_staging(rt)
    for hook in _HOOKS:
        try:
            hook(root, works, (journal.get("git") or {}).get("new"))
        except Exception as exc:  # derived data: stale is detected and rebuilt later
            log.warning("updating derived data failed (%s: %s); it will be rebuilt", type(exc).__name__, exc)
    return works


def _abandon(rt: Path) -> None:
    """Forget a write that did not reach its commit point: its journal and staged files go."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(rt / runtime.JOURNAL)
    _clean_staging(rt)


def _clean_staging(rt: Path) -> None:
    if not rt.is_dir() or (rt / runtime.JOURNAL).exists():
        return
    shutil.rmtree(rt / runtime.STAGED, ignore_errors=True)
    shutil.rmtree(rt / TREES, ignore_errors=True)
    for name in (runtime.JOURNAL + ".tmp", "user-index", "user-index.lock", MOVER):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(rt / name)


# -- recovery ------------------------------------------------------------------------------------

def pending(root: Path) -> bool:
    """Is there an interrupted write for :func:`recover` to complete or roll back?"""
    return runtime.has_journal(root)


def recover(root: Path) -> str | None:
    """Complete or roll back a write that was stopped (call under the writer lock).

    With git the branch decides: if it holds the journal's commit, the index entries and the
    working files are brought to it; otherwise the staged files are dropped. Without git the
    journal is the commit point and the renames are completed. Returns what was done."""
    rt = root / runtime.NAME
    path = rt / runtime.JOURNAL
    try:
        journal = json.loads(path.read_bytes())
    except FileNotFoundError:
        _clean_staging(rt)
        return None
    except ValueError:
        journal = None
    g = (journal or {}).get("git")
    if journal is None:
        landed = False
    elif g is None:
        landed = True
    else:
        git = Git(Path(g["top"]))
        wait_for_mover(rt / MOVER, git)
        head = git.settled_head()
        landed = head is not None and (head == g["new"] or git.is_ancestor(g["new"], head))
        if landed:
            lock, token = _ours(g), Path(g["token"])
            if lock is None:
                token = token.with_name(token.name + ".recover")
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(token)
                lock = _take_index_lock(Path(g["index"]), token)
            _write_index(git, journal, lock, token, rt / "user-index")
        _drop_index_lock(g)
    if not landed:
        _abandon(rt)
        log.warning("an interrupted write was rolled back: the corpus is as it was before it")
        return "rolled back"
    _finish(root, journal, only_unchanged=True)
    log.warning("an interrupted write was completed: the files now hold its commit")
    return "completed"
