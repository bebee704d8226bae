"""What the index holds of one work, computed from its XML by the same code the queries use.

Intervals are computed here with :mod:`lawdiff.time` (so an undetermined bound keeps its
earliest date and its reason) and stored as JSON; :func:`interval_from_json` reads them back
into the same objects, so the status on a date comes from :func:`lawdiff.time.interval_status`
whether the index is there or not.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lxml import etree

from lawdiff import time as T
from lawdiff.model import version as V
from lawdiff.model.act import Act

if TYPE_CHECKING:
    from lawdiff.records import Lookup

_SUFFIX = re.compile(r"\s+(қаласы|ауданы|облысы)$", re.I)


def sort_key(rel: str) -> str:
    """Orders paths as ``sorted(Path)`` does (part by part), which plain string order does not
    ("a-b/..." sorts after "a/..." by parts, before it by characters)."""
    return "\x00".join(rel.split("/"))


def place_query_key(query: str) -> str:
    """A user's place words without "қаласы"/"ауданы"/"облысы", case-folded."""
    return _SUFFIX.sub("", query.strip()).casefold()


# -- bounds and intervals as JSON ---------------------------------------------------------------

#: A bound as the index stores it: [date, earliest, reason, default] (None for an open end).
BoundRow = list[Any]


def _bound_json(b: T.Bound | None) -> BoundRow | None:
    if b is None:
        return None
    return [b.date.isoformat() if b.date else None, b.earliest.isoformat() if b.earliest else None,
            b.reason, b.default]


def _bound(data: BoundRow) -> T.Bound:
    d, earliest, reason, default = data
    return T.Bound(dt.date.fromisoformat(d) if d else None,
                   dt.date.fromisoformat(earliest) if earliest else None, reason, default)


def _end(data: BoundRow | None) -> T.Bound | None:
    return None if data is None else _bound(data)


def work_interval_json(wi: T.WorkInterval) -> str:
    return json.dumps([_bound_json(wi.start), _bound_json(wi.end), wi.end_state], ensure_ascii=False)


def work_interval_from_json(text: str) -> T.WorkInterval:
    start, end, end_state = json.loads(text)
    return T.WorkInterval(_bound(start), _end(end), V.State(end_state))


def interval_json(vi: T.VersionInterval) -> str:
    return json.dumps([_bound_json(vi.start), _bound_json(vi.end), vi.end_state, vi.by, vi.absent, vi.competing],
                      ensure_ascii=False)


def interval_from_json(text: str) -> T.VersionInterval:
    start, end, end_state, by, absent, competing = json.loads(text)
    return T.VersionInterval(_bound(start), _end(end), V.State(end_state), by, absent, competing)


#: One row of an index table, in the table's column order.
Row = tuple[Any, ...]


# -- one work -------------------------------------------------------------------------------------

@dataclass
class Extract:
    """The rows of every table for one work file (see :mod:`lawdiff.index.schema`)."""

    work: Row
    aliases: list[Row] = field(default_factory=list)
    intervals: list[Row] = field(default_factory=list)
    versions: list[Row] = field(default_factory=list)
    tariff_rows: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    deps: set[str] = field(default_factory=set)

    def rows(self) -> tuple[Row, list[Row], list[Row], list[Row], list[Row], list[Row], list[Row]]:
        """The rows as plain tuples (cheap to send from a worker process): the work, then the
        rows of aliases, intervals, versions, tariff_rows, events and deps, in table order."""
        rel = self.work[0]
        return (self.work, self.aliases, self.intervals, self.versions, self.tariff_rows, self.events,
                [(rel, d) for d in sorted(self.deps)])


def extract(act: Act, rel: str, lookup: Lookup) -> Extract:
    """Every row the index keeps for ``act`` (stored at ``rel``); ``lookup`` loads the amending
    acts whose entry into force bounds its versions."""
    from lawdiff.records import row_json, work_summary

    wi = T.work_interval(act)
    summary = work_summary(act)
    place = act.place
    period = act.period
    tables = act.tariff_tables()
    out = Extract(work=(
        rel, act.id, sort_key(rel), act.id.rsplit("/", 1)[-1], act.type, act.number,
        act.meta("date"), act.title, summary["place"], summary["place_latin"],
        (place.text or "").casefold() if place is not None else None,
        (place.get("latin") or "").casefold() if place is not None else None,
        act.setting, int(act.complete), period[0].isoformat() if period and period[0] else None,
        period[1].isoformat() if period and period[1] else None, int(bool(tables)),
        json.dumps(summary, ensure_ascii=False), work_interval_json(wi)))
    out.aliases = [(rel, a.get("scheme"), a.text or "") for a in act.root.iterfind("meta/alias")]
    numbers: dict[str, int] = {}
    by_holder: dict[tuple[etree._Element | None, bool], int] = {}

    def interval_no(el: etree._Element) -> int:
        # A version lives by its holder's bounds (lawdiff.model.version), or by the work's own
        # interval when nothing above it is bounded: every version with the same holder and the
        # same "wording absent" has the same interval, computed once (the rows of a tariff table).
        holder = V.holder(el)
        memo = (holder if V.bounded(holder) else None, V.wording_absent(el))
        if memo in by_holder:
            return by_holder[memo]
        key = interval_json(T.version_interval(act, el, lookup, wi))
        if key not in numbers:
            numbers[key] = len(numbers)
            out.intervals.append((rel, numbers[key], key))
        by_holder[memo] = numbers[key]
        return numbers[key]

    for seq, el in enumerate(act.units()):
        # Only a version that carries its own bounds gets an interval of its own; the others
        # have their nearest bounded ancestor's, or the work's (NULL), as lawdiff.time reads them.
        v = V.own(el)
        own = v.bounded or v.absent
        out.versions.append((rel, seq, el.get("eId"), el.tag, v.start, v.until, v.by, v.ended_by, int(v.absent),
                             interval_no(el) if own else None))
    seq = 0
    for table in tables:
        for row in table.iter("row"):
            out.tariff_rows.append((rel, seq, json.dumps(row_json(act, row, table), ensure_ascii=False), interval_no(row)))
            seq += 1
    events = act.events()
    for seq, e in enumerate(events):
        out.events.append((rel, seq, e.kind, e.date.isoformat() if e.date else None, e.rule, e.by,
                           e.by_date.isoformat() if e.by_date else None, e.target, e.origin, e.source))
    out.deps.update(V.acts_named(act.root))
    out.deps.update(e.by for e in events if e.by)
    return out
