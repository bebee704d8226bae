"""The corpus on disk: one XML file per work under a directory, git around it.

Reading is defensive: only regular files inside the corpus are read (no symbolic link is
followed, a FIFO or device is refused), with a size limit, and a file that is not a valid
work whose id matches its path is reported once and skipped by listings and queries over
the corpus; asking for that very work is a one-line error. Every write is one
:class:`~lawdiff.transaction.Transaction`: one commit, or nothing.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from lawdiff import LawdiffError, runtime
from lawdiff.model import xmlio
from lawdiff.model.act import Act
from lawdiff.model.ids import check_work_id
from lawdiff.warn import log

if TYPE_CHECKING:
    from lawdiff.transaction import Transaction


#: The longest file name the common file systems allow (bytes); a work id part that would
#: exceed it is refused before anything is written, not by a failing rename midway.
NAME_MAX = 255


#: Does a record the reader trusts hold these bytes, read from this file (its path relative to
#: the corpus), as schema-valid? (See :attr:`Corpus.known_valid`.)
KnownValid = Callable[[str, bytes], bool]


class Corpus:
    """A directory of work files (``<root>/<work id>.xml``)."""

    #: Set by the derived index when it is opened (:func:`lawdiff.index.store.trust_reads`):
    #: the bytes of a file it checked against the schema, found valid and recorded by their
    #: hash are not checked again. Any other bytes (no index, a file edited since, one it
    #: recorded an error for) are checked as always; None checks every file.
    known_valid: KnownValid | None = None

    def __init__(self, root: Path):
        # Absolute from the start: paths of temporary files and of git are compared against it.
        self.root = Path(os.path.abspath(root))

    # -- reading ----------------------------------------------------------------------------
    def path(self, work: str) -> Path:
        """The file of a work; the id is validated first, so no path can escape the corpus."""
        check_work_id(work)
        longest = max(len(part.encode("utf-8")) for part in f"{work}.xml".split("/"))
        if longest > NAME_MAX:
            raise LawdiffError(f"work id {work[:60]}…: a part of it is {longest} bytes long, more than a file "
                               f"name may be ({NAME_MAX}); nothing written")
        path = (self.root / f"{work}.xml").resolve()
        if self._resolved_root not in path.parents:
            raise LawdiffError(f"work id {work!r} points outside the corpus")
        return path

    @functools.cached_property
    def _resolved_root(self) -> Path:
        """The root with its links resolved, once per corpus object (every read compares a
        work's resolved path with it)."""
        return self.root.resolve()

    def exists(self, work: str) -> bool:
        """Is there a file for ``work`` (a regular file or not: :meth:`load` says what is wrong)?"""
        return os.path.lexists(self.path(work))

    def load(self, work: str) -> Act:
        """The work, read safely and checked: valid against the schema, its id matching its path."""
        path = self.path(work)
        if not os.path.lexists(path):
            raise LawdiffError(f"work {work} is not in the corpus ({self.root})")
        return self._read(path, work)

    def _read(self, path: Path, work: str, data: bytes | None = None) -> Act:
        if data is None:
            data = xmlio.read_regular(path)
        tree = xmlio.parse_bytes(data, str(path))
        if not self._known_valid(path, data):
            xmlio.check_valid(tree, str(path))
        act = Act(tree.getroot(), path)
        if act.id != work:
            raise LawdiffError(f"{path}: holds work {act.id}, not {work}: a work's id must match its path; "
                               "the file is not used")
        return act

    def _known_valid(self, path: Path, data: bytes) -> bool:
        """Were exactly these bytes of ``path`` checked and found valid already?"""
        check = self.known_valid
        if check is None:
            return False
        try:
            rel = path.relative_to(self.root).as_posix()
        except ValueError:
            return False
        return check(rel, data)

    def _skip(self, path: Path, problem: str) -> None:
        """Report a bad file once per corpus object; listings and queries go on without it."""
        seen = self.__dict__.setdefault("_reported", set())
        if path not in seen:
            seen.add(path)
            where = re.escape(str(path))
            problem = re.sub(rf"{where}:\s*", "", re.sub(rf"{where}:(\d+):", r"line \1:", problem))
            log.warning("skipped %s: %s", path, problem)

    def _work_of(self, path: Path) -> str:
        return path.relative_to(self.root).with_suffix("").as_posix()

    def work_files(self) -> list[Path]:
        """Every work file, sorted; errata, sources and other folders are skipped."""
        if not self.root.is_dir():
            raise LawdiffError(f"corpus directory {self.root} does not exist")
        kz = self.root / "kz"
        if not kz.is_dir():
            return []
        # os.walk rather than Path.rglob: the same files, several times faster on a large corpus.
        found = [os.path.join(top, name) for top, _, names in os.walk(kz) for name in names if name.endswith(".xml")]
        out = []
        for p in sorted(Path(f) for f in found):
            mode = os.lstat(p).st_mode
            if stat.S_ISREG(mode):
                out.append(p)
            else:
                self._skip(p, "is a symbolic link or not a regular file; lawdiff reads regular files only")
        return out

    def works(self) -> list[Act]:
        """Every readable, valid work; a bad file is reported once and skipped."""
        out = []
        for p in self.work_files():
            try:
                out.append(self._read(p, self._work_of(p)))
            except LawdiffError as exc:
                self._skip(p, str(exc))
        return out

    def works_containing(self, marker: bytes) -> list[Act]:
        """The works whose file contains ``marker`` (the start of an element, e.g. ``b"<tariffs"``).

        A query only some works can answer tests the bytes first and parses only those files;
        canonical serialisation writes every element's start tag as ``<name``."""
        out = []
        for path in self.work_files():
            try:
                data = xmlio.read_regular(path)
                if marker in data:
                    out.append(self._read(path, self._work_of(path), data))
            except LawdiffError as exc:
                self._skip(path, str(exc))
        return out

    def resolve(self, query: str) -> str:
        """A work id from a user's words: the id itself, or a unique number / adilet alias."""
        if query.startswith("kz/"):
            check_work_id(query)
            return query
        hits = []
        for act in self.works():
            aliases = {a.text for a in act.root.iterfind("meta/alias")}
            if query == act.number or query in aliases or query == act.id.rsplit("/", 1)[-1]:
                hits.append(act.id)
        if not hits:
            raise LawdiffError(f"no work {query!r} in the corpus (use a work id such as kz/mlsp/order/2018/379)")
        if len(hits) > 1:
            raise LawdiffError(f"{query!r} is ambiguous: {', '.join(sorted(hits))}")
        return hits[0]

    # -- writing ----------------------------------------------------------------------------
    def transaction(self, *, commit: bool = True, wait: bool = False) -> Transaction:
        """A write to this corpus: one commit or nothing (see :mod:`lawdiff.transaction`);
        the derived index is updated inside it."""
        from lawdiff.index.hooks import register
        from lawdiff.transaction import Transaction

        register()
        return Transaction(self, commit=commit, wait=wait)

    def lock(self, wait: bool = False) -> contextlib.AbstractContextManager[None]:
        """The writer lock alone (a transaction takes it itself)."""
        return runtime.writer_lock(self.root, wait=wait)

    def write(self, act: Act) -> Path:
        """Validate and write one work without a commit (scratch corpora, tests)."""
        with self.transaction(commit=False) as txn:
            path: Path = txn.write(act)
            txn.commit(f"Write {act.id}")
        return path

    def recover(self) -> str | None:
        """Complete or roll back a write that was stopped, if there is one. A read-only command
        calls this too: it takes the writer lock only when a journal is there and no writer
        holds the lock, and a corpus it cannot write is left as it is, with a warning."""
        if not runtime.has_journal(self.root):
            return None      # the usual case, answered without importing the writing code
        from lawdiff.transaction import recover

        try:
            with runtime.writer_lock(self.root):
                return recover(self.root)
        except runtime.Busy:
            return None          # a writer is at work (or recovering): the journal is its own
        except LawdiffError as exc:
            log.warning("an interrupted write is not completed yet: %s", exc)
        except OSError as exc:
            log.warning("an interrupted write cannot be completed here: %s", exc.strerror)
        return None


def file_mode() -> int:
    """The mode of a file written for the user: 0666 less the umask (0644 usually), as git
    gives the files it checks out (``mkstemp`` alone would leave 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half
    (an exported or HTML file outside the corpus; corpus files go through a transaction)."""
    import tempfile   # here: only an export writes through it, and it imports random and shutil

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, file_mode())
        runtime.write_file(Path(tmp), data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
