"""Bringing the index up to date with the work files: incremental, one SQLite transaction.

A refresh that finds nothing changed writes nothing. Otherwise it takes SQLite's write lock
(``BEGIN IMMEDIATE``), compares the stamps again (another process may have just done the
work), re-indexes what changed and commits: a reader sees the index before or after, and a
refresh killed half-way leaves the old index, which the next command finds stale again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lawdiff import LawdiffError
from lawdiff.index import schema
from lawdiff.index.extract import Extract, extract, sort_key
from lawdiff.index.store import RACY_NS, Index, file_sha, scan
from lawdiff.model import xmlio

if TYPE_CHECKING:
    from lawdiff.model.act import Act


def _stored(conn: sqlite3.Connection) -> dict[str, tuple[int, int, str]]:
    return {f: (size, mtime, sha) for f, size, mtime, sha in conn.execute("SELECT file, size, mtime_ns, sha FROM files")}


def _plan(index: Index, current: dict[str, tuple[int, int]],
          stored: dict[str, tuple[int, int, str]]) -> tuple[dict[str, bytes], dict[str, str], list[str]]:
    """(files to re-index with their bytes, stamps to renew, files removed)."""
    root = Path(index.corpus.root)
    changed: dict[str, bytes] = {}
    renew: dict[str, str] = {}
    for rel, stamp in current.items():
        old = stored.get(rel)
        if old is not None and (old[0], old[1]) == stamp:
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


def refresh(index: Index) -> int:
    """Re-index what changed since the last open; the number of files re-indexed."""
    conn = index.conn
    current = scan(index.corpus.root)
    changed, renew, removed = _plan(index, current, _stored(conn))
    if not (changed or renew or removed):
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = scan(index.corpus.root)
        changed, renew, removed = _plan(index, current, _stored(conn))
        n = _apply(index, current, changed, renew, removed)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n


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


def _apply(index: Index, current: dict[str, tuple[int, int]], changed: dict[str, bytes], renew: dict[str, str], removed: list[str]) -> int:
    from lawdiff.records import Lookup
    from lawdiff.model import xmlio

    conn = index.conn
    now = time.time_ns()
    root = Path(index.corpus.root)
    for rel, sha in renew.items():
        size, mtime = current[rel]
        conn.execute("UPDATE files SET size = ?, mtime_ns = ?, sha = ? WHERE file = ?",
                     (size, _trusted(mtime, now), sha, rel))
    acts: dict[str, Act | None] = {}
    errors: dict[str, str] = {}
    for rel, data in changed.items():
        try:
            acts[rel] = _checked(data, root, rel)
        except LawdiffError as exc:
            acts[rel], errors[rel] = None, str(exc)
    new_ids = {a.id for a in acts.values() if a is not None}
    todo = set(changed) | (_dependents(conn, list(changed) + removed, new_ids) - set(removed))
    for chunk in _chunks(sorted(set(removed) | todo)):
        marks = ",".join("?" * len(chunk))
        for table in schema.PER_FILE:
            conn.execute(f"DELETE FROM {table} WHERE file IN ({marks})", chunk)
    lookup = Lookup(index.corpus)
    for rel in sorted(todo):
        if rel not in changed:   # a dependent: its own bytes did not change
            try:
                data = xmlio.read_regular(root / rel)
            except LawdiffError:
                data = b""
            changed[rel] = data
            try:
                acts[rel] = _checked(data, root, rel)
            except LawdiffError as exc:
                acts[rel], errors[rel] = None, str(exc)
        data = changed[rel]
        size, mtime = current.get(rel, (len(data), 0))
        conn.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (rel, size, _trusted(mtime, now), file_sha(data), errors.get(rel),
                      int(b"<tariffs" in data), sort_key(rel)))
        act = acts[rel]
        if act is not None:
            try:
                _insert(conn, extract(act, rel, lookup))
            except LawdiffError as exc:
                conn.execute("UPDATE files SET error = ? WHERE file = ?", (str(exc), rel))
    return len(todo)


def _checked(data: bytes, root: Path, rel: str) -> Act:
    """The work in ``data``, checked as the corpus reader checks it: valid against the schema,
    its id matching its path (an error otherwise, like a parse error)."""
    from lawdiff.model.act import Act

    tree = xmlio.parse_bytes(data, str(root / rel))
    xmlio.check_valid(tree, str(root / rel))
    act = Act(tree.getroot(), root / rel)
    if act.id != rel[:-len(".xml")]:
        raise LawdiffError(f"{rel}: holds work {act.id}, not {rel[:-len('.xml')]}")
    return act


def _trusted(mtime_ns: int, now_ns: int) -> int:
    """The stamp to store: -1 (check the bytes next time) while the file is younger than RACY_NS."""
    return mtime_ns if now_ns - mtime_ns > RACY_NS else -1


def _insert(conn: sqlite3.Connection, ex: Extract) -> None:
    conn.execute(f"INSERT INTO works VALUES ({','.join('?' * len(ex.work))})", ex.work)
    conn.executemany("INSERT INTO aliases VALUES (?, ?, ?)", ex.aliases)
    conn.executemany("INSERT INTO intervals VALUES (?, ?, ?)", ex.intervals)
    conn.executemany("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ex.versions)
    conn.executemany("INSERT INTO tariff_rows VALUES (?, ?, ?, ?)", ex.tariff_rows)
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ex.events)
    rel = ex.work[0]
    conn.executemany("INSERT INTO deps VALUES (?, ?)", [(rel, d) for d in sorted(ex.deps)])


def rebuild(index: Index) -> int:
    """Index every file again from scratch; the number of files indexed."""
    conn = index.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in schema.PER_FILE:
            conn.execute(f"DELETE FROM {table}")
        current = scan(index.corpus.root)
        changed, _, _ = _plan(index, current, {})
        n = _apply(index, current, changed, {}, [])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return n
