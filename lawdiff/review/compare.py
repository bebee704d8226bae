"""Comparisons: redlines between two dates of one work, or between two works.

The word-level differences come from :mod:`lawdiff.diff`. Two facts the redline engine does
not know are kept visible here rather than flattened:

- a wording that is **not in the corpus** is not an empty wording: a provision whose earlier
  text is not held is reported as ``not-in-corpus``, never as added or removed text;
- when a change's date is undetermined, two wordings **compete** on a date: the provision is
  reported as ``uncertain`` with every possible reading (each one a redline of its own), and
  none is picked silently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lawdiff import LawdiffError
from lawdiff.corpus import Corpus
from lawdiff.diff import ADDED, CHANGED, DELETE, EQUAL, INSERT, REMOVED, Change, WordOp, align_tariffs, merge_order, normalise_quotes, provision_label, row_label, word_diff
from lawdiff.model.act import Act
from lawdiff.model.version import State
from lawdiff.citation import resolve_provision
from lawdiff.render.labels import Message, Reasoning, fmt_date
from lawdiff.review.document import Condition, work_condition
from lawdiff.review.readings import (
    NOT_IN_CORPUS,
    UNCERTAIN,
    UNCHANGED,
    Reading,
    RowValue,
    Side,
    WorkReader,
    is_under,
    iso,
)

# =============================================================================== comparisons


@dataclass(frozen=True)
class _Option:
    """A possible reading of one side: a version, or no version at all (``reading`` None)."""

    reading: Reading | None
    key: float          # position, for "time only moves forward" within one work
    note: str = ""      # for no version: "not yet in force" / "ended"


def _options(cands: list[Reading], when: dt.date | None) -> list[_Option]:
    if not cands:
        return [_Option(None, float("nan"))]
    opts = [_Option(r, r.pos) for r in cands]
    if len(cands) == 1 and cands[0].status == UNCERTAIN:
        # one version whose start or end is undetermined: it may not apply at all on the date
        vi = cands[0].interval
        ends = vi.end is not None and not vi.end.determined and vi.end.earliest and when and when >= vi.end.earliest
        opts.append(_Option(None, float("inf"), "ended") if ends else _Option(None, float("-inf"), "not yet in force"))
    return opts


@dataclass
class Alternative:
    """One possible reading of a provision on both sides, and its redline."""

    change: Change
    old: Reading | None
    new: Reading | None

    @property
    def kind(self) -> str:
        return self.change.kind

    def to_json(self) -> dict:
        out = self.change.to_json()
        out["old_version"] = self.old.version_json() if self.old else None
        out["new_version"] = self.new.version_json() if self.new else None
        return out


@dataclass
class Entry:
    """One provision (or tariff row) in a review: a change, or several possible ones."""

    eid: str
    kind: str
    label: str
    alternatives: list[Alternative]
    reason: str = ""
    #: Per alternative: the reading it stands for ("if the wording given by X applied on D").
    conditions: list[Message | None] = field(default_factory=list)
    #: Why the reading is not determined, said in short in any language (``reason`` in full).
    causes: list[Message] = field(default_factory=list)

    @property
    def change(self) -> Change | None:
        """The redline, when the provision's reading is determined."""
        return self.alternatives[0].change if self.kind != UNCERTAIN else None

    def to_json(self) -> dict:
        if self.kind != UNCERTAIN:
            out = self.alternatives[0].to_json()
            out["alternatives"] = []
            return out
        alts = []
        for alt, cond in zip(self.alternatives, self.conditions):
            alts.append({"condition": cond.text() if cond else "", **alt.to_json()})
        return {"eId": self.eid, "kind": UNCERTAIN, "label": self.label, "old": None, "new": None,
                "ops": [], "reason": self.reason, "old_version": None, "new_version": None,
                "alternatives": alts}


def _norm(text: str | None, ignore_quotes: bool) -> str | None:
    return normalise_quotes(text) if (text is not None and ignore_quotes) else text


def _compare(eid: str, o: Reading | None, n: Reading | None, *, tariff_ids: bool, ignore_quotes: bool) -> Change:
    """The redline between two readings of one provision (kind ``unchanged`` when equal)."""
    row = (o.row if o else None) or (n.row if n else None)
    if tariff_ids:
        eid = f"row_{(n.row if n and n.row else o.row).num}"
    if row is not None:
        label = row_label(n.row if n and n.row else o.row)
    else:
        label = provision_label(eid)
    ot = _norm(o.text, ignore_quotes) if o else None
    nt = _norm(n.text, ignore_quotes) if n else None
    prices = {}
    if row is not None:
        prices = dict(price_old=o.row.price if o and o.row and not o.absent else None,
                      price_new=n.row.price if n and n.row and not n.absent else None,
                      row_old=o.row.num if o and o.row else None, row_new=n.row.num if n and n.row else None,
                      unit_old=o.row.unit or None if o and o.row else None,
                      unit_new=n.row.unit or None if n and n.row else None)
    if o is None and n is None:
        return Change(eid, UNCHANGED, None, None, [], label)
    if o is None:
        return Change(eid, ADDED, None, nt, [WordOp(INSERT, nt)] if nt else [], label, **prices)
    if n is None:
        return Change(eid, REMOVED, ot, None, [WordOp(DELETE, ot)] if ot else [], label, **prices)
    if o.el is n.el:
        return Change(eid, UNCHANGED, ot, nt, [WordOp(EQUAL, nt)] if nt else [], label, **prices)
    if ot is None or nt is None:
        return Change(eid, NOT_IN_CORPUS, ot, nt, [], label, **prices)
    same_price = row is None or (o.row is not None and n.row is not None and o.row.price == n.row.price)
    if ot == nt and same_price:
        return Change(eid, UNCHANGED, ot, nt, [WordOp(EQUAL, nt)] if nt else [], label, **prices)
    return Change(eid, CHANGED, ot, nt, word_diff(ot, nt), label, **prices)


def _describe(opt: _Option, where: Message) -> Message:
    r = opt.reading
    if r is None:
        return Message({"ended": "alt-ended", "not yet in force": "alt-not-yet-in-force"}.get(opt.note, "alt-not-in-force"),
                       {"where": where})
    if r.absent:
        return Message("alt-absent", {"where": where})
    if r.by:
        return Message("alt-by", {"where": where, "by": r.by})
    return Message("alt-original", {"where": where, "work": r.work})


def _cause(r: Reading) -> Message:
    """Why one reading is uncertain, in short: whose start (or end) is not determined, and the
    earliest day it can be."""
    ends = r.reason.startswith("may have ended")
    bound = r.interval.end if ends and r.interval.end is not None else r.interval.start
    return Message("cause-end" if ends else "cause-start",
                   {"subject": r.by or r.work, "not_before": bound.earliest or "—"})


def _entry(eid: str, old_c: list[Reading], new_c: list[Reading], *, when_old: dt.date | None,
           when_new: dt.date | None, where_old: Message, where_new: Message, ordered: bool,
           tariff_ids: bool = False, ignore_quotes: bool = False) -> Entry | None:
    """Compare every possible reading of ``eid`` on the two sides."""
    old_opts, new_opts = _options(old_c, when_old), _options(new_c, when_new)
    alts: list[Alternative] = []
    conds: list[Message | None] = []
    for o in old_opts:
        for n in new_opts:
            if ordered and o.key > n.key:
                continue  # within one work a later date never reads an earlier version
            change = _compare(eid, o.reading, n.reading, tariff_ids=tariff_ids, ignore_quotes=ignore_quotes)
            alts.append(Alternative(change, o.reading, n.reading))
            parts = []
            if len(old_opts) > 1:
                parts.append(_describe(o, where_old))
            if len(new_opts) > 1:
                parts.append(_describe(n, where_new))
            conds.append(Message("alt-if", {"parts": parts}) if parts else None)
    if all(a.kind == UNCHANGED for a in alts):
        return None
    first = alts[0].change
    if len(alts) == 1:
        return Entry(first.eid, first.kind, first.label, alts)
    reasons, causes = [], []
    for r in [*old_c, *new_c]:
        if r.status != UNCERTAIN:
            continue
        why = r.reason
        for prefix in ("may have ended: ", "may not yet apply: "):
            why = why.removeprefix(prefix)
        if why not in reasons:
            reasons.append(why)
            causes.append(_cause(r))
    return Entry(first.eid, UNCERTAIN, first.label, alts, "; ".join(reasons), conds, causes)


# =============================================================================== reviews


@dataclass
class SideInfo:
    """What one side of a review is: a work, on a date (or as printed), and its status."""

    work: str
    title: str
    at: dt.date | None
    status: State | None
    reason: str
    units: list[str]
    #: When the status hangs on an undetermined date: the condition, said in any language.
    condition: Condition | None = None
    lang: str = "kk"            # the language of the act's text

    def to_json(self) -> dict:
        return {"work": self.work, "title": self.title, "at": iso(self.at), "status": self.status,
                "reason": self.reason, "units": self.units}

    def describe(self, lang: str = "en") -> str:
        if self.at is None:
            return Message("side-latest", {"work": self.work}).text(lang)
        return Message("side-at", {"work": self.work, "date": self.at, "state": self.status}).text(lang)


@dataclass
class Review:
    """The result of ``lawdiff diff``: the entries and what was compared."""

    mode: str                   # "dates" | "works"
    old: SideInfo
    new: SideInfo
    entries: list[Entry]
    notes: list[Message] = field(default_factory=list)
    ignore_quotes: bool = False
    known_as_of: dict | None = None
    #: Set when the act ended between the two dates and its text is not listed (see diff_dates).
    ended: dict | None = None

    @property
    def title(self) -> str:
        return self.title_in("en")

    def title_in(self, lang: str) -> str:
        """What was compared, in one line (dates written as ``lang`` writes them)."""
        if self.mode == "dates":
            return f"{self.new.work}: {fmt_date(self.old.at, lang)} → {fmt_date(self.new.at, lang)}"
        return f"{self.old.work} → {self.new.work}"

    def summary(self) -> dict:
        counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, NOT_IN_CORPUS: 0, UNCERTAIN: 0, "rose": 0, "fell": 0}
        for e in self.entries:
            counts[e.kind] += 1
            delta = e.change.price_delta if e.change is not None else None
            if delta is not None and delta > 0:
                counts["rose"] += 1
            elif delta is not None and delta < 0:
                counts["fell"] += 1
        return counts

    def to_json(self) -> dict:
        return {"mode": self.mode, "old": self.old.to_json(), "new": self.new.to_json(),
                "known_as_of": self.known_as_of, "ignore_quotes": self.ignore_quotes,
                "summary": self.summary(), "notes": [n.text() for n in self.notes], "ended": self.ended,
                "changes": [e.to_json() for e in self.entries]}


def _info(reader: WorkReader, when: dt.date | None, units: list[str]) -> SideInfo:
    act = reader.act
    lang = act.root.get("lang") or "kk"
    if when is None:
        return SideInfo(act.id, act.title, None, None, "the latest wording in the corpus", units, None, lang)
    st = reader.status(when)
    return SideInfo(act.id, act.title, when, st.state, st.reason, units, work_condition(act, when), lang)


def _units(act: Act) -> list[str]:
    return sorted({t.get("unit") for t in act.tariff_tables()})


def under_provision(readings: list[Reading], provision: str | None) -> list[Reading]:
    return [r for r in readings if not provision or is_under(r.eid, provision)
            or (r.absent and not len(r.el) and is_under(provision, r.eid))]


def _text_entries(old: Side, new: Side, **kw) -> list[Entry]:
    """Entries for every eId on either side, in the new side's order (removed ones where they
    stood), an absent unit standing for what lies inside it."""
    old_ids, new_ids = old.order, new.order
    new_index = {e: j for j, e in enumerate(new_ids)}
    pairs = {i: new_index[e] for i, e in enumerate(old_ids) if e in new_index}
    entries = []
    for i, j in merge_order(len(old_ids), len(new_ids), pairs):
        eid = new_ids[j] if j is not None else old_ids[i]
        oc, nc = old.candidates(eid), new.candidates(eid)
        # an absent unit stands for the provisions inside it, where either side has some
        own = old.by_eid.get(eid, []) + new.by_eid.get(eid, [])
        if own and all(r.absent and not len(r.el) for r in own) and (old.has_inside(eid) or new.has_inside(eid)):
            continue
        e = _entry(eid, oc, nc, **kw)
        if e is not None:
            entries.append(e)
    return entries


def _check_quotes_note(ignore_quotes: bool) -> list[Message]:
    return [Message("note-quotes")] if ignore_quotes else []


def diff_dates(corpus: Corpus, work: str, d1: dt.date, d2: dt.date, *, provision: str | None = None,
               ignore_quotes: bool = False, full: bool = False) -> Review:
    """The redline of ``work`` between the text in force on ``d1`` and on ``d2``.

    When the act itself was repealed, cancelled or its period ended between the two dates,
    listing every provision as "removed" hides the one fact that matters: the review says once
    that the act ended, when and why, and lists the provisions only with ``full``."""
    if d2 < d1:
        raise LawdiffError(f"--to {d2.isoformat()} is before --from {d1.isoformat()}")
    reader = WorkReader(corpus, work)
    provision = resolve_provision(reader.act, provision) if provision else None
    old = under_provision(reader.at(d1), provision)
    new = under_provision(reader.at(d2), provision)
    if provision and not old and not new and not any(is_under(el.get("eId"), provision) for el in reader.units):
        raise LawdiffError(f"{reader.act.id} has no provision {provision}")
    units = _units(reader.act)
    entries = _text_entries(Side(old), Side(new), when_old=d1, when_new=d2,
                            where_old=Message("where-date", {"date": d1}), where_new=Message("where-date", {"date": d2}),
                            ordered=True, ignore_quotes=ignore_quotes)
    notes = _check_quotes_note(ignore_quotes)
    if not reader.act.complete:
        notes.append(Message("note-partial", {"note": reader.act.coverage_note}))
    before, after = _info(reader, d1, units), _info(reader, d2, units)
    ended = None
    # A whole act that ended: its provisions are not changed one by one, they end with it.
    if after.status and after.status.ended and not (before.status and before.status.ended):
        ended = {"status": after.status, "reason": after.reason, "provisions": len(entries), "listed": full}
        notes.insert(0, Message("note-ended", {"state": after.status, "reason": Reasoning(f": {after.reason}"),
                                               "n": len(entries), "more": "" if full else Message("note-ended-full")}))
        if not full:
            entries = []
    return Review("dates", before, after, entries, notes, ignore_quotes, ended=ended,
                  known_as_of=getattr(corpus, "known_as_of", None))


def diff_works(corpus: Corpus, work_a: str, work_b: str, *, at: dt.date | None = None,
               provision: str | None = None, ignore_quotes: bool = False) -> Review:
    """The redline from ``work_a`` to ``work_b``: text provisions aligned by eId, tariff rows by
    number and service (:func:`lawdiff.diff.align_tariffs`). Without ``at``, each work's latest
    wording; with it, the text each has in force on that date."""
    ra, rb = WorkReader(corpus, work_a), WorkReader(corpus, work_b)
    provision = resolve_provision(ra.act, provision) if provision else None
    old = under_provision(ra.at(at) if at else ra.latest(), provision)
    new = under_provision(rb.at(at) if at else rb.latest(), provision)
    kw = dict(when_old=at, when_new=at, where_old=_in_work(ra.act.id, at), where_new=_in_work(rb.act.id, at),
              ordered=False, ignore_quotes=ignore_quotes)
    entries = _text_entries(Side([r for r in old if r.row is None]), Side([r for r in new if r.row is None]), **kw)
    notes = _check_quotes_note(ignore_quotes)
    entries += _row_entries(Side([r for r in old if r.row is not None]), Side([r for r in new if r.row is not None]),
                            notes, **kw)
    ua, ub = _units(ra.act), _units(rb.act)
    if ua and ub and ua != ub:
        notes.append(Message("note-units", {"a_units": ua, "a": ra.act.id, "b_units": ub, "b": rb.act.id}))
    for act in (ra.act, rb.act):
        if not act.complete:
            notes.append(Message("note-partial-work", {"work": act.id, "note": act.coverage_note}))
    return Review("works", _info(ra, at, ua), _info(rb, at, ub), entries, notes, ignore_quotes,
                  known_as_of=getattr(corpus, "known_as_of", None))


def _in_work(work: str, at: dt.date | None) -> Message:
    return Message("where-work-date", {"work": work, "date": at}) if at else Message("where-work", {"work": work})


def _category_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def parallel_tables(old: list[RowValue], new: list[RowValue]) -> bool:
    """True when two tables list the same rows under the same headings (same numbers, same
    categories, in the same order): both follow one standard list of services."""
    return bool(old) and len(old) == len(new) and all(
        a.num == b.num and _category_key(a.category) == _category_key(b.category) for a, b in zip(old, new))


def _row_entries(old: Side, new: Side, notes: list[Message] | None = None, **kw) -> list[Entry]:
    """Tariff rows of two works. Parallel tables (:func:`parallel_tables`) are compared row by
    row; otherwise rows are paired by :func:`lawdiff.diff.align_tariffs`. A row with
    competing versions is paired by its latest version and all its readings are compared."""
    old_ids, new_ids = old.order, new.order
    old_rows = [old.by_eid[e][-1].row for e in old_ids]
    new_rows = [new.by_eid[e][-1].row for e in new_ids]
    if parallel_tables(old_rows, new_rows):
        pairs = {i: i for i in range(len(old_rows))}
        if notes is not None:
            notes.append(Message("note-parallel"))
    else:
        pairs = align_tariffs(old_rows, new_rows)
    out = []
    for i, j in merge_order(len(old_ids), len(new_ids), pairs):
        oc = old.by_eid[old_ids[i]] if i is not None else []
        nc = new.by_eid[new_ids[j]] if j is not None else []
        e = _entry((new_ids[j] if j is not None else old_ids[i]), oc, nc, tariff_ids=True, **kw)
        if e is not None:
            out.append(e)
    return out
