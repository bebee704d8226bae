"""The corpus's runtime folder ``<corpus>/.lawdiff/``: the writer lock, the journal of a write
under way, its staged files, and derived data such as ``index.sqlite``.

The folder holds its own ``.gitignore`` of ``*``, so no repository ever shows these files as
untracked and nothing in it is ever committed. It is never followed through a symbolic link:
a link there could make a writer create or lock a file outside the corpus.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from lawdiff import ConflictError, LawdiffError

NAME = ".lawdiff"
LOCK = "lock"
JOURNAL = "journal.json"
STAGED = "staged"


def folder(root: Path, create: bool = True) -> Path:
    """``<root>/.lawdiff``, created (with its ``.gitignore``) when ``create``; refused when it
    or its lock is a symbolic link or not what it should be."""
    path = root / NAME
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if not create:
            return path
        root.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path)
        st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise LawdiffError(f"{path} is not a directory (a symbolic link or a file): remove it; lawdiff keeps "
                           "its lock and journal there")
    if create:
        ignore = path / ".gitignore"
        if not ignore.exists():
            write_file(ignore, b"*\n")
    for name in (LOCK, JOURNAL):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISLNK(os.lstat(path / name).st_mode):
                raise LawdiffError(f"{path / name} is a symbolic link: remove it (lawdiff never follows one there)")
    return path


def has_journal(root: Path) -> bool:
    """Is a write's journal there (a write under way, or one stopped for the next command to
    complete or roll back)? One stat: read-only commands ask it before anything else."""
    return os.path.exists(os.path.join(root, NAME, JOURNAL))


def write_file(path: Path, data: bytes) -> None:
    """Create or replace ``path`` with ``data``, flushed to disk, with the usual mode (the
    umask applies), never through a symbolic link."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (where the platform allows opening a directory)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Busy(ConflictError):
    """Another process holds the writer lock (exit 4: trying again later may succeed)."""


#: Corpus roots whose writer lock this process holds, with how many times it was taken.
_HELD: dict[Path, int] = {}


@contextlib.contextmanager
def writer_lock(root: Path, wait: bool = False) -> Iterator[None]:
    """The exclusive writer lock of a corpus (``.lawdiff/lock``): a second writer fails at once,
    or waits with ``wait``. Taken again by the process that holds it, it is simply held on.
    Read-only commands never take it. The lock is released by the system when its holder
    dies, so a killed writer never leaves the corpus locked."""
    key = Path(os.path.abspath(root))
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    release = _take(folder(root) / LOCK, wait)
    _HELD[key] = 1
    try:
        yield
    finally:
        del _HELD[key]
        release()


def _take(path: Path, wait: bool) -> Callable[[], None]:
    """Lock ``path`` (``flock`` where the system has it: importing the filelock package costs
    a command 10 ms; filelock elsewhere) and give the function that releases it."""
    try:
        import fcntl
    except ImportError:           # not POSIX
        from filelock import FileLock, Timeout

        lock = FileLock(str(path), timeout=-1 if wait else 0)
        try:
            lock.acquire()
        except Timeout:
            raise Busy(_BUSY) from None
        return lock.release
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise Busy(_BUSY) from None
    except BaseException:
        os.close(fd)
        raise

    def release() -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    return release


_BUSY = "another lawdiff process is writing to this corpus; try again when it is done"
