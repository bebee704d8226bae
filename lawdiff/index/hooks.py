"""The index kept current by every write, inside the corpus transaction.

:mod:`lawdiff.transaction` calls :func:`before_write` once it holds the writer lock and
:func:`after_write` once the change is committed and the working files hold it, still under
the lock. After the write, the rows of the files it wrote (and of the works computed from
them) are replaced, so the next command re-indexes nothing. The corpus-state key that follows
the write (:mod:`lawdiff.index.state`) is stored only if the index was current with the key
found when the write began: otherwise something else changed too, and the next open compares
every stamp.

Nothing here can make an answer wrong: a write killed before :func:`after_write` leaves rows
and a key that no longer match the corpus, so the next open compares every file's stamp and
re-indexes what changed. An index that cannot be opened is left for the next open to rebuild.
One limit: a ``git add`` by hand in the fraction of a second a write takes is folded into the
key stored after it; its file is still checked whenever an answer is read from it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from lawdiff.index.state import corpus_key
from lawdiff.index.store import index_path


#: corpus root -> whether its index was current with the corpus-state key when the write began
_CURRENT_AT_BEGIN: dict[str, bool] = {}


def _connect(root: Path) -> sqlite3.Connection | None:
    """The existing index of ``root`` when it is of this version, else None (never created
    here: the next read builds it)."""
    from lawdiff.index.store import _connect as connect, _usable

    path = index_path(root)
    if not path.is_file():
        return None
    conn = connect(path)
    if not _usable(conn):
        conn.close()
        return None
    return conn


def before_write(root: Path) -> None:
    from lawdiff.index.update import stored_key

    current = False
    with contextlib.suppress(sqlite3.Error, OSError):
        conn = _connect(root)
        if conn is not None:
            key = corpus_key(root)
            current = key is not None and stored_key(conn) == key
            conn.close()
    _CURRENT_AT_BEGIN[str(root)] = current


def after_write(root: Path, works: list[str], commit: str | None) -> None:
    from lawdiff.corpus import Corpus
    from lawdiff.index.store import Index
    from lawdiff.index.update import refresh_files, set_key

    current = _CURRENT_AT_BEGIN.pop(str(root), False)
    try:
        conn = _connect(root)
    except sqlite3.Error:
        return
    if conn is None:
        return
    index = Index(Corpus(root), conn)
    try:
        if current:
            refresh_files(index, [f"{w}.xml" for w in works], key=corpus_key(root), store_key=True)
        else:
            refresh_files(index, [f"{w}.xml" for w in works])
            conn.execute("BEGIN IMMEDIATE")
            set_key(conn, None)     # the next open compares every stamp
            conn.execute("COMMIT")
    finally:
        index.close()


def register() -> None:
    """Make every corpus transaction of this process keep the index current."""
    from lawdiff import transaction

    transaction.on_begin(before_write)
    transaction.on_commit(after_write)
