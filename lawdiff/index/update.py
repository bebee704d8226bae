"""Bringing the index up to date with the work files: incremental, one SQLite transaction.

A refresh that finds nothing changed writes nothing. Otherwise it takes SQLite's write lock
(``BEGIN IMMEDIATE``), compares the stamps again (another process may have just done the
work), re-indexes what changed and commits: a reader sees the index before or after, and a
refresh killed half-way leaves the old index, which the next command finds stale again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from lawdiff import LawdiffError
from lawdiff.index import schema
from lawdiff.index.extract import Row, sort_key
from lawdiff.index.indexer import Result, index_files
from lawdiff.index.store import RACY_NS, Index, file_sha, scan, stamp
from lawdiff.model import xmlio


def _stored(conn: sqlite3.Connection) -> dict[str, tuple[int, int, str]]:
    return {f: (size, mtime, sha) for f, size, mtime, sha in conn.execute("SELECT file, size, mtime_ns, sha FROM files")}


def _plan(index: Index, current: dict[str, tuple[int, int]],
          stored: dict[str, tuple[int, int, str]]) -> tuple[dict[str, bytes | None], dict[str, str], list[str]]:
    """(files to re-index with their bytes, stamps to renew, files removed)."""
    root = Path(index.corpus.root)
    changed: dict[str, bytes | None] = {}
    renew: dict[str, str] = {}
    for rel, seen in current.items():
        old = stored.get(rel)
        if old is not None and (old[0], old[1]) == seen:
            continue
        if old is None:
            changed[rel] = None     # new to the index: read when it is indexed, one at a time
            continue
        try:
            data = xmlio.read_regular(root / rel)
        except LawdiffError:
            data = b""          # a link, FIFO or unreadable file: recorded as an error below
        sha = file_sha(data)
        if old is not None and old[2] == sha:
            renew[rel] = sha
        else:
            changed[rel] = data
    removed = [rel for rel in stored if rel not in current]
    return changed, renew, removed


def refresh(index: Index, key: str | None = None) -> int:
    """Compare every work file's stamp, re-index what changed, and store ``key`` (the corpus
    state the comparison started from, :mod:`lawdiff.index.state`); the number of files
    re-indexed."""
    conn = index.conn
    current = scan(index.corpus.root)
    changed, renew, removed = _plan(index, current, _stored(conn))
    if not (changed or renew or removed) and stored_key(conn) == key:
        return 0
    return _locked(index, lambda: scan(index.corpus.root), key=key, store_key=True)


def refresh_files(index: Index, files: list[str], key: str | None = None, store_key: bool = False) -> int:
    """Compare the stamps of ``files`` only (those an answer is read from, or those a write
    changed) and re-index the changed ones with the works computed from them; with
    ``store_key``, also record ``key`` as the state the index is current with."""
    conn = index.conn
    def stamps() -> dict[str, tuple[int, int]]:
        return {rel: st for rel in files if (st := stamp(index.corpus.root, rel)) is not None}

    stored = _stored_of(conn, files)
    changed, renew, removed = _plan(index, stamps(), stored)
    if not (changed or renew or removed) and not (store_key and stored_key(conn) != key):
        return 0
    return _locked(index, stamps, files=files, key=key, store_key=store_key)


def _locked(index: Index, stamps: Callable[[], dict[str, tuple[int, int]]], files: list[str] | None = None, key: str | None = None,
            store_key: bool = False) -> int:
    """Plan again under SQLite's write lock (another process may have just done the work),
    apply, record the key, commit: a reader sees the index before or after."""
    conn = index.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = stamps()
        stored = _stored(conn) if files is None else _stored_of(conn, files)
        changed, renew, removed = _plan(index, current, stored)
        n = _apply(index, current, changed, renew, removed)
        if store_key:
            set_key(conn, key)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n


def stored_key(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'state'").fetchone()
    return row[0] if row else None


def set_key(conn: sqlite3.Connection, key: str | None) -> None:
    """Record the corpus state the index is current with (None: unknown, compare every stamp)."""
    conn.execute("DELETE FROM meta WHERE key = 'state'")
    if key is not None:
        conn.execute("INSERT INTO meta VALUES ('state', ?)", (key,))


def _stored_of(conn: sqlite3.Connection, files: list[str]) -> dict[str, tuple[int, int, str]]:
    out: dict[str, tuple[int, int, str]] = {}
    for chunk in _chunks(sorted(set(files))):
        out.update((f, (size, mtime, sha)) for f, size, mtime, sha in conn.execute(
            f"SELECT file, size, mtime_ns, sha FROM files WHERE file IN ({','.join('?' * len(chunk))})", chunk))
    return out


def _dependents(conn: sqlite3.Connection, files: list[str], new_ids: set[str]) -> set[str]:
    """Files whose answers are computed from the works held by ``files`` (old or new ids)."""
    ids = set(new_ids)
    for chunk in _chunks(files):
        ids.update(r[0] for r in conn.execute(
            f"SELECT id FROM works WHERE file IN ({','.join('?' * len(chunk))})", chunk))
    out: set[str] = set()
    for chunk in _chunks(sorted(ids)):
        out.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT file FROM deps WHERE needs IN ({','.join('?' * len(chunk))})", chunk))
    return out


def _chunks(items: list[str], n: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _apply(index: Index, current: dict[str, tuple[int, int]], changed: dict[str, bytes | None], renew: dict[str, str],
           removed: list[str]) -> int:
    conn = index.conn
    now = time.time_ns()
    for rel, sha in renew.items():
        size, mtime = current[rel]
        conn.execute("UPDATE files SET size = ?, mtime_ns = ?, sha = ? WHERE file = ?",
                     (size, _trusted(mtime, now), sha, rel))
    # The ids a file held or holds are named by its path (a file holding another id is an
    # error), so the dependents are found before any file is parsed; the files are then
    # indexed in corpus order (lawdiff.index.indexer: in worker processes when there are
    # many) and their rows inserted a batch at a time, so a rebuild never holds the corpus.
    new_ids = {rel[:-len(".xml")] for rel in changed}
    todo = set(changed) | (_dependents(conn, list(changed) + removed, new_ids) - set(removed))
    for chunk in _chunks(sorted(set(removed) | todo)):
        marks = ",".join("?" * len(chunk))
        for table in schema.PER_FILE:
            conn.execute(f"DELETE FROM {table} WHERE file IN ({marks})", chunk)
    items = [(rel, changed.pop(rel, None)) for rel in sorted(todo)]
    batch: list[Result] = []
    for result in index_files(Path(index.corpus.root), items):
        batch.append(result)
        if len(batch) >= BATCH:
            _insert(conn, batch, current, now)
            batch = []
    _insert(conn, batch, current, now)
    return len(todo)


#: Files whose rows are inserted together (one executemany per table).
BATCH = 50


def _trusted(mtime_ns: int, now_ns: int) -> int:
    """The stamp to store: -1 (check the bytes next time) while the file is younger than RACY_NS."""
    return mtime_ns if now_ns - mtime_ns > RACY_NS else -1


def _insert(conn: sqlite3.Connection, batch: list[Result], current: dict[str, tuple[int, int]], now: int) -> None:
    """The rows of a batch of indexed files, in their order, one statement per table."""
    if not batch:
        return
    files = []
    tables: list[list[Row]] = [[] for _ in _TABLES]
    for rel, nbytes, sha, error, marker, rows in batch:
        size, mtime = current.get(rel, (nbytes, 0))
        files.append((rel, size, _trusted(mtime, now), sha, error, marker, sort_key(rel)))
        if rows is not None:
            tables[0].append(rows[0])
            for out, part in zip(tables[1:], rows[1:]):
                out.extend(part)
    conn.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", files)
    for table, rows_of in zip(_TABLES, tables):
        if rows_of:
            conn.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(rows_of[0]))})", rows_of)


#: The tables of a file's rows after ``files``, in the order of Extract.rows.
_TABLES = ("works", "aliases", "intervals", "versions", "tariff_rows", "events", "deps")


def rebuild(index: Index, key: str | None = None) -> int:
    """Index every file again from scratch; the number of files indexed."""
    conn = index.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in schema.PER_FILE:
            conn.execute(f"DELETE FROM {table}")
        current = scan(index.corpus.root)
        changed, _, _ = _plan(index, current, {})
        n = _apply(index, current, changed, {}, [])
        set_key(conn, key)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n
