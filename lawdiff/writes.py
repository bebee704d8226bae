"""The writing half of the Python API: import, record an event, store parsed operations.

Each function is one corpus transaction (:mod:`lawdiff.transaction`): it takes the writer
lock, reads and changes the work under it, validates once, and commits once, or writes
nothing. The command line only calls these (``apply`` is :func:`lawdiff.amend.apply.apply_act`,
``build`` is :func:`lawdiff.build.build`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lawdiff.model.act import Act

if TYPE_CHECKING:
    from lawdiff.amend.ops import ParseResult
    from lawdiff.corpus import Corpus
    from lawdiff.ingest.importer import ImportOptions
    from lawdiff.model.act import Event


@dataclass
class Imported:
    """What an import did (or, with ``dry_run``, would do)."""

    work: str
    repairs: int
    tariff_rows: int
    path: Path | None = None
    commit: str | None = None
    warnings: list[str] = field(default_factory=list)
    status: str = "new"            # new, update, unchanged (see lawdiff.identity.place_import)
    kept_events: int = 0


def import_text(corpus: Corpus, data: bytes, name: str, options: ImportOptions, *,
                dry_run: bool = False, commit: bool = True) -> Imported:
    """Import one act's text as a work: parsed and validated first; then, unless ``dry_run``,
    written and committed (``commit=False``: written only) in one transaction."""
    from lawdiff.ingest.importer import import_source   # the importer only when text is imported

    result = import_source(data, name, options)
    act = Act(result.root)
    rows = sum(len(t.findall(".//row")) for t in act.tariff_tables())
    out = Imported(result.work, len(result.log), rows, warnings=list(result.warnings))
    if dry_run:
        return out
    from lawdiff.identity import place_import

    with corpus.transaction(commit=commit) as txn:
        placed = place_import(corpus, act)
        out.status, out.kept_events = placed.status, placed.kept_events
        if placed.status == "unchanged":
            return out
        out.path = txn.write(placed.act)
        out.commit = txn.commit(f"Import {result.work}",
                                trailers={"Work": result.work, "Source": options.source_name or name,
                                          "Repairs": str(len(result.log))})
    return out


def record_event(corpus: Corpus, work: str, kind: str, when: dt.date, source: str,
                 by: str | None = None, replace: bool = False) -> tuple[Event, str | None]:
    """Record a lifecycle fact of ``work`` (see :func:`lawdiff.api.add_event`) in one commit;
    returns the event and the commit."""
    from lawdiff.api import add_event

    with corpus.transaction() as txn:
        act, event = add_event(corpus, work, kind, when, source, by, replace=replace)
        txn.write(act)
        sha = txn.commit(f"Record {kind} of {work} on {when.isoformat()}",
                         trailers={"Work": work, "Event": kind, "Date": when.isoformat(), "Source": event.source})
    return event, sha


def remove_event(corpus: Corpus, work: str, event_id: str) -> tuple[Event, str | None]:
    """Remove a fact a person recorded (see :func:`lawdiff.api.remove_event`) in one commit."""
    from lawdiff.api import remove_event as remove

    with corpus.transaction() as txn:
        act, event = remove(corpus, work, event_id)
        txn.write(act)
        when = event.date.isoformat() if event.date else "no date"
        sha = txn.commit(f"Remove recorded {event.kind} of {work} ({when})",
                         trailers={"Work": work, "Event": event.kind, "Removed": event_id})
    return event, sha


def store_operations(corpus: Corpus, work: str, result: ParseResult) -> str | None:
    """Store ``result`` as the ``<amendments>`` of the amending act ``work``, for review; one
    commit. Returns it."""
    from lawdiff.amend import store
    from lawdiff.amend.apply import _content

    with corpus.transaction() as txn:
        act = corpus.load(work)
        store.store(act, result, [_content(op) for op in result.ops])
        txn.write(act)
        return txn.commit(f"Store the operations of {work}",
                          trailers={"Work": work, "Operations": str(len(result.ops)),
                                    "Unparsed": str(len(result.unparsed))})
