"""The questions across the corpus, answered from the index.

Each function returns what the XML path of :mod:`lawdiff.api` would compute, in the same order
(work files sorted part by part): the records were built by :mod:`lawdiff.records` and the
intervals by :mod:`lawdiff.time` when the file was indexed, and the status on a date is computed
from them here by the same functions. Each answer first checks the stamps of the files it is
read from (:func:`_check_files`), so an edit of one of them is seen even before git knows of it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from lawdiff.index.extract import interval_from_json, place_query_key, work_interval_from_json
from lawdiff.index.store import Index, check_no_errors

if TYPE_CHECKING:
    from lawdiff.records import Record, TariffSource
    from lawdiff.time import WorkInterval


def _check_files(index: Index, files: list[str]) -> None:
    """Before an answer is read from the rows of ``files``: compare their stamps, and those of
    the works their versions are computed from, and re-index any that changed (an edit of a
    file git does not know of yet is not seen by the corpus-state key: lawdiff.index.state)."""
    from lawdiff.index.update import refresh_files

    if not files:
        return
    needed = set(files)
    for i in range(0, len(files), 500):
        chunk = files[i:i + 500]
        needed.update(r[0] for r in index.conn.execute(
            "SELECT w.file FROM deps d JOIN works w ON w.id = d.needs "
            f"WHERE d.file IN ({','.join('?' * len(chunk))})", chunk))
    refresh_files(index, sorted(needed))


def work_rows(index: Index) -> list[tuple[Record, WorkInterval]]:
    """(summary, work interval) of every work, in corpus order (open the index with
    ``full=True`` for this answer: it is every work, so every stamp is to be compared)."""
    check_no_errors(index)
    return [(json.loads(s), work_interval_from_json(i))
            for s, i in index.conn.execute("SELECT summary, interval FROM works ORDER BY sort_key")]


def resolve_hits(index: Index, query: str) -> list[str]:
    """Work ids whose number, last id segment or an alias is ``query`` (one per file)."""
    sql = ("SELECT id, file FROM works WHERE number = ? OR last = ? OR file IN (SELECT file FROM aliases WHERE value = ?) "
           "ORDER BY sort_key")
    _check_files(index, [r[1] for r in index.conn.execute(sql, (query, query, query))])
    check_no_errors(index)
    return [r[0] for r in index.conn.execute(sql, (query, query, query))]


def tariff_sources(index: Index, place: str, known_name: str | None) -> list[TariffSource]:
    """(work id, setting, work interval, [(row record, version interval)]) of every tariff act
    whose place is ``place`` (or the gazetteer's ``known_name`` for it), in corpus order."""
    args: tuple[str, ...]
    if known_name is not None:
        where, args = "place_key = ?", (known_name.casefold(),)
    else:
        key = place_query_key(place)
        where, args = "(place_key = ? OR latin_key = ?)", (key, key)
    conn = index.conn
    _check_files(index, [r[0] for r in conn.execute(f"SELECT file FROM works WHERE has_tariffs = 1 AND {where}", args)])
    check_no_errors(index, marker_only=True)
    out: list[TariffSource] = []
    works = conn.execute(f"SELECT file, id, setting, interval FROM works WHERE has_tariffs = 1 AND {where} "
                         "ORDER BY sort_key", args).fetchall()
    for file, wid, setting, interval in works:
        intervals = {n: interval_from_json(d) for n, d in conn.execute("SELECT n, data FROM intervals WHERE file = ?", (file,))}
        rows = [(json.loads(d), intervals[n]) for d, n in
                conn.execute("SELECT data, interval FROM tariff_rows WHERE file = ? ORDER BY seq", (file,))]
        out.append((wid, setting, work_interval_from_json(interval), rows))
    return out
