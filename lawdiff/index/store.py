"""Opening the index: checked against the corpus on every open, repaired, never trusted blindly.

On open, every work file's stamp (size, mtime in nanoseconds) is compared with the one stored
when it was indexed. A file whose stamp differs is read and hashed: the same bytes only renew
the stamp; other bytes, a new file or a removed one are re-indexed, together with every work
whose answers are computed from it (the works it amended: their versions start with its entry
into force). So a checkout, a pull, a hand edit or a copy is noticed by the next command.

Stamps are only trusted once they are older than :data:`RACY_NS` when taken (a file changed in
the same instant as it was indexed could keep its size and mtime; git calls this "racy"): a
younger stamp is stored as unknown, so the file is hashed again on the next open.

A file that cannot be opened as SQLite, an index of another schema version, or one missing is
rebuilt from the XML. When the index cannot be written (a read-only corpus), :func:`open_index`
returns None and the caller answers from the XML: the index only ever changes speed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawdiff import LawdiffError
from lawdiff.index import schema

if TYPE_CHECKING:
    from lawdiff.corpus import Corpus

DIR_NAME = ".lawdiff"
FILE_NAME = "index.sqlite"
RACY_NS = 2_000_000_000
#: ``LAWDIFF_INDEX=off`` answers every query from the XML alone (for comparison and debugging).
ENV_SWITCH = "LAWDIFF_INDEX"


def index_path(root: Path) -> Path:
    return Path(root) / DIR_NAME / FILE_NAME


def scan(root: Path) -> dict[str, tuple[int, int]]:
    """The stamp of every work file under ``root/kz``, by path relative to ``root``."""
    out: dict[str, tuple[int, int]] = {}
    kz = os.path.join(root, "kz")
    start = len(str(root)) + 1
    for top, _, names in os.walk(kz):
        for name in names:
            if name.endswith(".xml"):
                path = os.path.join(top, name)
                try:
                    st = os.lstat(path)      # a link is never followed: the reader refuses it
                except FileNotFoundError:
                    continue
                out[path[start:].replace(os.sep, "/")] = (st.st_size, st.st_mtime_ns)
    return out


def stamp(root: Path, rel: str) -> tuple[int, int] | None:
    """The stamp of one work file (as :func:`scan` takes it); None when it is gone."""
    try:
        st = os.lstat(os.path.join(root, rel))
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


class Index:
    """An open, current index of one corpus (use :func:`open_index`)."""

    def __init__(self, corpus: Corpus, conn: sqlite3.Connection) -> None:
        self.corpus = corpus
        self.conn = conn

    def close(self) -> None:
        self.conn.close()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def _prepare_dir(root: Path) -> Path:
    """``<corpus>/.lawdiff/``, created with a ``.gitignore`` of ``*`` so git never lists it."""
    folder = Path(root) / DIR_NAME
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    return folder


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _usable(conn: sqlite3.Connection) -> bool:
    """An index of this version, made under this schema (the errors it recorded, and the
    bytes it found valid, are the schema's verdicts)."""
    from lawdiff.model.xmlio import schema_digest

    try:
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('version', 'schema')").fetchall())
    except sqlite3.DatabaseError:
        return False
    return meta == {"version": schema.VERSION, "schema": schema_digest()}


def _create(conn: sqlite3.Connection) -> None:
    from lawdiff.model.xmlio import schema_digest

    conn.execute("BEGIN IMMEDIATE")
    try:
        if not _usable(conn):
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                conn.execute(f'DROP TABLE IF EXISTS "{name}"')
            for statement in schema.DDL.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO meta VALUES ('version', ?)", (schema.VERSION,))
            conn.execute("INSERT INTO meta VALUES ('schema', ?)", (schema_digest(),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def open_index(corpus: Corpus, rebuild: bool = False, full: bool = False) -> Index | None:
    """The corpus's index, brought up to date with the files; None when it cannot be used
    (switched off, a corpus read from git history, a directory that cannot be written).

    The stamps of all work files are compared only when the corpus-state key differs from
    the one stored (:mod:`lawdiff.index.state`), or with ``full``; the answers then check the
    files they are read from (:mod:`lawdiff.index.query`)."""
    if os.environ.get(ENV_SWITCH, "").lower() == "off" or getattr(corpus, "known_as_of", None) is not None:
        return None
    root = Path(corpus.root)
    if not (root / "kz").is_dir():
        return None
    path = index_path(root)
    try:
        _prepare_dir(root)
        for attempt in (1, 2):
            try:
                conn = _connect(path)
                if not _usable(conn):
                    _create(conn)
                index = Index(corpus, conn)
                bring_up_to_date(index, rebuild, full)
                trust_reads(corpus, again=True)
                return index
            except sqlite3.DatabaseError:
                # not a database, damaged, or of another version: start again from the XML
                with contextlib.suppress(Exception):
                    conn.close()
                if attempt == 2:
                    raise
                _remove(path)
    except (OSError, sqlite3.Error):
        return None
    return None


def bring_up_to_date(index: Index, rebuild: bool = False, full: bool = False) -> None:
    """Re-index what changed: every stamp compared when the corpus-state key moved (or with
    ``full``), nothing otherwise; ``rebuild`` indexes every file from scratch."""
    from lawdiff.index import update
    from lawdiff.index.state import corpus_key
    from lawdiff import runtime

    root = Path(index.corpus.root)
    # A write stopped half-way (its journal still there) is completed or rolled back by the
    # next command; until then the files are not what git says: the key is not trusted.
    key = None if runtime.has_journal(root) else corpus_key(root)
    if rebuild:
        update.rebuild(index, key)
    elif full or key is None or update.stored_key(index.conn) != key:
        update.refresh(index, key)


class KnownValid:
    """The corpus reader's ``known_valid`` (:attr:`lawdiff.corpus.Corpus.known_valid`): does the
    index record these very bytes of this file, by their hash, as checked and valid?

    The answer is about content, not stamps: the hash is of the bytes the reader has just
    read, so a file edited since it was indexed (even with its old size and mtime) has another
    hash and is checked. An index that is not current only misses bytes it never saw. Its own
    connection (the index's may be closed before the corpus is done reading); any SQLite error
    (another thread, a removed file) answers "not known", so the file is checked."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __call__(self, rel: str, data: bytes) -> bool:
        try:
            row = self.conn.execute("SELECT 1 FROM files WHERE file = ? AND sha = ? AND error IS NULL",
                                    (rel, file_sha(data))).fetchone()
        except sqlite3.Error:
            return False
        return row is not None


def trust_reads(corpus: Corpus, again: bool = False) -> None:
    """Let ``corpus`` skip the schema check for the bytes the index found valid, if there is a
    usable index of this corpus (never built or updated here: reading one work must not cost a
    build). Tried once per corpus object, ``again`` once the index is opened; with
    ``LAWDIFF_INDEX=off``, or for a corpus read from git history, every file is checked."""
    if corpus.known_valid is not None or (vars(corpus).get("_trust_tried") and not again):
        return
    corpus._trust_tried = True     # type: ignore[attr-defined]
    if os.environ.get(ENV_SWITCH, "").lower() == "off" or getattr(corpus, "known_as_of", None) is not None:
        return
    path = index_path(corpus.root)
    if not path.is_file():
        return
    try:
        conn = _connect(path)
        if _usable(conn):
            corpus.known_valid = KnownValid(conn)
        else:
            conn.close()
    except sqlite3.Error:
        return


def file_sha(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def has_errors(index: Index) -> bool:
    """Does the corpus hold a work file that could not be read or checked?"""
    return index.conn.execute("SELECT 1 FROM files WHERE error IS NOT NULL LIMIT 1").fetchone() is not None


def check_no_errors(index: Index, marker_only: bool = False) -> None:
    """Raise the error of the first work file that could not be read, as reading it would."""
    sql = "SELECT file FROM files WHERE error IS NOT NULL"
    if marker_only:
        sql += " AND tariff_marker = 1"
    row = index.conn.execute(sql + " ORDER BY sort_key LIMIT 1").fetchone()
    if row is not None:
        from lawdiff.model.act import Act

        Act.load(Path(index.corpus.root) / row[0])   # raises the reader's own error
        raise LawdiffError(f"{row[0]}: could not be indexed; run lawdiff index --rebuild")


def stats(index: Index) -> dict[str, Any]:
    """What the index holds, for ``lawdiff index``."""
    conn = index.conn
    count = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("files", "works", "versions", "tariff_rows", "events")}
    errors = [r[0] for r in conn.execute("SELECT file FROM files WHERE error IS NOT NULL ORDER BY sort_key")]
    path = index_path(index.corpus.root)
    return {"index": str(path), "bytes": path.stat().st_size, **count, "unreadable": errors}
