"""Indexing work files: each one read, parsed, checked and turned into plain rows, in this
process or, when there are many, in worker processes, always yielded in the order given.

Parsing, the RELAX NG check and computing the interval of every version cost a few
milliseconds per file and depend on no other file's rows, so a build of thousands of files
spreads them over the CPUs while this process, the single writer, inserts
(:mod:`lawdiff.index.update`). A few files (an update after a write, a test corpus) are
indexed in-process: starting workers costs more than it saves. The results are plain tuples,
the same whichever way they were made, so the index is identical row for row.

Memory stays bounded: a worker holds one chunk of files, and only a few chunks are in flight.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawdiff import LawdiffError
from lawdiff.model import xmlio
from lawdiff.warn import log

if TYPE_CHECKING:
    from concurrent.futures import Future

    from lawdiff.model.act import Act
    from lawdiff.records import Lookup


#: Fewer files than this are indexed in-process (workers take a few tenths of a second to start).
PARALLEL_FROM = 200
#: Files per task sent to a worker.
CHUNK = 20
#: Tasks in flight per worker: enough that a worker always has the next one queued while the
#: writer inserts a batch (lawdiff.index.update.BATCH files; new tasks are only sent as results
#: are taken), few enough that results waiting to be inserted stay a few megabytes.
AHEAD = 6

#: One file's result: (file, byte count, sha of the bytes, error or None, tariff marker,
#: rows or None); rows as :meth:`lawdiff.index.extract.Extract.rows` gives them.
Result = tuple[str, int, str, str | None, int, tuple[Any, ...] | None]


def checked(data: bytes, root: Path, rel: str) -> Act:
    """The work in ``data``, checked as the corpus reader checks it: valid against the schema,
    its id matching its path (an error otherwise, like a parse error)."""
    from lawdiff.model.act import Act

    tree = xmlio.parse_bytes(data, str(root / rel))
    xmlio.check_valid(tree, str(root / rel))
    act = Act(tree.getroot(), root / rel)
    if act.id != rel[:-len(".xml")]:
        raise LawdiffError(f"{rel}: holds work {act.id}, not {rel[:-len('.xml')]}")
    return act


def index_file(root: Path, rel: str, data: bytes | None, lookup: Lookup) -> Result:
    """Read (unless ``data`` is given), check and extract one work file; a file that cannot be
    read or checked gives its error and no rows."""
    from lawdiff.index.extract import extract
    from lawdiff.index.store import file_sha

    if data is None:
        try:
            data = xmlio.read_regular(root / rel)
        except LawdiffError:
            data = b""       # a link, FIFO or unreadable file: recorded as an error below
    rows = None
    error = None
    try:
        rows = extract(checked(data, root, rel), rel, lookup).rows()
    except LawdiffError as exc:
        error = str(exc)
    return (rel, len(data), file_sha(data), error, int(b"<tariffs" in data), rows)


def _lookup(root: Path) -> Lookup:
    """A loader of the amending acts, reading the files as a plain corpus does."""
    from lawdiff.corpus import Corpus
    from lawdiff.records import Lookup

    return Lookup(Corpus(root))


#: The worker process's loader, kept from one chunk to the next (an amending act is read once).
_WORKER_LOOKUP: dict[str, Lookup] = {}


def _watch_parent() -> None:
    """A worker's start: end it when the writer is gone (killed, it cannot tell its workers),
    instead of waiting for a task that never comes."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _index_chunk(root: str, items: list[tuple[str, bytes | None]]) -> list[Result]:
    """A worker's task: index a chunk of files."""
    lookup = _WORKER_LOOKUP.get(root)
    if lookup is None:
        lookup = _WORKER_LOOKUP[root] = _lookup(Path(root))
    return [index_file(Path(root), rel, data, lookup) for rel, data in items]


#: At most this many workers: beyond it the single writer cannot keep up, and each worker
#: holds its own copy of the amending acts it has read.
MAX_WORKERS = 8


def workers() -> int:
    """The worker processes a large build uses: one per CPU this process may run on."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return min(cpus, MAX_WORKERS)


def _can_fork() -> bool:
    """Worker processes are forked copies of this one, which is safe only while it runs a
    single thread (a lock held by another thread would stay locked in the copy)."""
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def index_files(root: Path, items: list[tuple[str, bytes | None]]) -> Iterator[Result]:
    """The result of every ``(file, bytes or None)`` of ``items``, in that order."""
    n = workers()
    done = 0
    if len(items) >= PARALLEL_FROM and n > 1 and _can_fork():
        # Imported here: they load multiprocessing, which a write of a few files never uses.
        from concurrent.futures.process import BrokenProcessPool

        try:
            for result in _parallel(root, items, n):
                yield result
                done += 1
            return
        except (BrokenProcessPool, OSError) as exc:
            # No worker could be started or one died: the rest is indexed here, as for a few files.
            log.warning("index: worker processes failed (%s); indexing in this process", exc)
    lookup = _lookup(root)
    for rel, data in items[done:]:
        yield index_file(root, rel, data, lookup)


def _parallel(root: Path, items: list[tuple[str, bytes | None]], n: int) -> Iterator[Result]:
    """Chunks of ``items`` indexed by ``n`` worker processes, results in order.

    The workers are forked, not spawned: a spawned worker imports the program's main module
    again, which runs a script without a ``__main__`` guard a second time. A forked worker
    holds a copy of this process's open SQLite connection; it never uses it, and it ends with
    ``os._exit``, so the copy is never closed either (SQLite forbids using a connection
    across a fork)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks: Iterator[list[tuple[str, bytes | None]]] = iter([items[i:i + CHUNK] for i in range(0, len(items), CHUNK)])
    pool = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork"), initializer=_watch_parent)
    try:
        pending: deque[Future[list[Result]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_index_chunk, str(root), chunk))
            if len(pending) >= n * AHEAD:
                break
        while pending:
            results = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(pool.submit(_index_chunk, str(root), following))
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
