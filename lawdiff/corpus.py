"""The corpus on disk: one XML file per work under a directory, git around it.

Writes are atomic (temporary file in the same directory, fsync, rename) and serialised by a
lock file, and a change is validated against the schema before it replaces anything. Git is
the audit trail: a change is committed with trailers saying what legal event it records;
commit dates are transaction time, never legal dates.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import glob
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from lawdiff import LawdiffError
from lawdiff.model import xmlio
from lawdiff.model.act import Act
from lawdiff.model.ids import check_work_id

LOCK_NAME = ".lawdiff.lock"
#: Names the renames of a multi-file write while they are under way (see Corpus.write_all).
JOURNAL_NAME = ".lawdiff.journal"


class Corpus:
    """A directory of work files (``<root>/<work id>.xml``)."""

    def __init__(self, root: Path):
        # Absolute from the start: paths of temporary files and of git are compared against it.
        self.root = Path(os.path.abspath(root))

    # -- reading ----------------------------------------------------------------------------
    def path(self, work: str) -> Path:
        """The file of a work; the id is validated first, so no path can escape the corpus."""
        check_work_id(work)
        path = (self.root / f"{work}.xml").resolve()
        if self.root.resolve() not in path.parents:
            raise LawdiffError(f"work id {work!r} points outside the corpus")
        return path

    def exists(self, work: str) -> bool:
        return self.path(work).is_file()

    def load(self, work: str) -> Act:
        path = self.path(work)
        if not path.is_file():
            raise LawdiffError(f"work {work} is not in the corpus ({self.root})")
        return Act.load(path)

    def work_files(self) -> list[Path]:
        """Every work file, sorted; errata, sources and other folders are skipped."""
        if not self.root.is_dir():
            raise LawdiffError(f"corpus directory {self.root} does not exist")
        kz = self.root / "kz"
        if not kz.is_dir():
            return []
        # os.walk rather than Path.rglob: the same files, several times faster on a large corpus.
        found = [os.path.join(top, name) for top, _, names in os.walk(kz) for name in names if name.endswith(".xml")]
        return sorted(Path(p) for p in found)

    def works(self) -> list[Act]:
        return [Act.load(p) for p in self.work_files()]

    def works_containing(self, marker: bytes) -> list[Act]:
        """The works whose file contains ``marker`` (the start of an element, e.g. ``b"<tariffs"``).

        A query only some works can answer tests the bytes first and parses only those files;
        canonical serialisation writes every element's start tag as ``<name``."""
        out = []
        for path in self.work_files():
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise LawdiffError(f"{path}: cannot read: {exc.strerror}") from None
            if marker in data:
                out.append(Act(xmlio.parse_bytes(data, str(path)).getroot(), path))
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
    @contextlib.contextmanager
    def lock(self, wait: bool = False) -> Iterator[None]:
        """Exclusive writer lock on the corpus; a second writer fails at once (or waits)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except OSError as exc:
                if exc.errno in (errno.EAGAIN, errno.EACCES):
                    raise LawdiffError("another lawdiff process is writing to this corpus; try again when it is done") from None
                raise
            self._finish_interrupted_write()
            yield
        finally:
            os.close(fd)

    def write(self, act: Act) -> Path:
        """Validate and atomically write one work (call inside :meth:`lock`)."""
        return self.write_all([act])[0]

    def write_all(self, acts: list[Act]) -> list[Path]:
        """Validate several works, then write them as one change (call inside :meth:`lock`).

        Nothing is written unless every work is valid. Each file is written to a temporary
        file first; with more than one file a journal naming the renames is written before
        the first rename and removed after the last, so a writer killed between the renames
        is completed by the next writer (:meth:`lock`) and no mix of old and new files stays.
        """
        prepared = []
        for act in acts:
            data = xmlio.serialise(act.root)
            tree = xmlio.parse_bytes(data, act.id)
            xmlio.check_valid(tree, f"{act.id}.xml")
            from lawdiff.validate import overlap_errors
            problems = overlap_errors(Act(tree.getroot()))
            if problems:
                raise LawdiffError(f"{act.id}: {problems[0]}")
            prepared.append((self.path(act.id), data))
        if len(prepared) == 1:
            path, data = prepared[0]
            remove_stale_temps(path)
            atomic_write(path, data)
            return [path]
        temps: list[tuple[Path, Path]] = []
        journal = self.root / JOURNAL_NAME
        try:
            for path, data in prepared:
                remove_stale_temps(path)
                temps.append((_write_temp(path, data), path))
            entries = [[str(t.relative_to(self.root)), str(p.relative_to(self.root))] for t, p in temps]
            atomic_write(journal, json.dumps(entries).encode("utf-8"))
        except BaseException:
            for tmp, _ in temps:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
            raise
        self._finish_interrupted_write()
        return [p for p, _ in prepared]

    def _finish_interrupted_write(self) -> None:
        """Complete the renames a journal names (a writer was stopped between them)."""
        journal = self.root / JOURNAL_NAME
        remove_stale_temps(journal)
        try:
            entries = json.loads(journal.read_bytes())
        except FileNotFoundError:
            return
        except ValueError:
            entries = []   # the journal itself was not complete: no rename had started
        root = self.root.resolve()
        for tmp, dest in entries:
            tmp_path, dest_path = (root / tmp).resolve(), (root / dest).resolve()
            if root not in tmp_path.parents or root not in dest_path.parents:
                raise LawdiffError(f"{journal}: names a file outside the corpus; remove it by hand")
            with contextlib.suppress(FileNotFoundError):   # already renamed
                os.replace(tmp_path, dest_path)
        journal.unlink()


def remove_stale_temps(path: Path) -> None:
    """Remove temporary files an earlier writer of ``path`` left when it was killed between
    creating and renaming them (call inside :meth:`Corpus.lock`: no other writer is running)."""
    if path.parent.is_dir():
        for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


def _write_temp(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (flushed to disk); return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):   # not on Windows before Python 3.13
            os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def file_mode() -> int:
    """The mode of a file written for the user: 0666 less the umask (0644 usually), as git
    gives the files it checks out (``mkstemp`` alone would leave 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
