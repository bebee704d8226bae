"""Review: redlines between dates and between works, provision history, blame, the git
text conversion of a work file, and the corpus as it was known on a date.

The text of a work "in force on D" is, provision by provision, what :func:`lawdiff.api.show`
answers (statuses in force, unconfirmed, uncertain, not in the corpus); the word-level
differences come from :mod:`lawdiff.diff`. Two facts the redline engine does not know are
kept visible here rather than flattened:

- a wording that is **not in the corpus** is not an empty wording: a provision whose earlier
  text is not held is reported as ``not-in-corpus``, never as added or removed text;
- when a change's date is undetermined, two wordings **compete** on a date: the provision is
  reported as ``uncertain`` with every possible reading (each one a redline of its own), and
  none is picked silently.

Everything here returns plain data (``to_json``) or text; the CLI only prints it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

from lxml import etree

from lawdiff import LawdiffError, api
from lawdiff import time as T
from lawdiff.corpus import Corpus
from lawdiff.diff import (
    ADDED,
    CHANGED,
    DELETE,
    EQUAL,
    INSERT,
    REMOVED,
    Change,
    WordOp,
    merge_order,
    row_label,
    row_text,
    align_tariffs,
    format_decimal,
    normalise_quotes,
    provision_label,
    word_diff,
)
from lawdiff.model import xmlio
from lawdiff.model.act import Act
from lawdiff.model.ids import check_work_id

#: Review kinds beyond the engine's added / removed / changed.
NOT_IN_CORPUS = "not-in-corpus"
UNCERTAIN = "uncertain"
UNCHANGED = "unchanged"

#: Statuses under which a version is part of "the text on a date" (as in :func:`api.show`).
SHOWN = ("in-force", "in-force-unconfirmed", "uncertain", "not-in-corpus")

_VERSION_ATTRS = ("from", "until", "by", "ended-by")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


# =============================================================================== readings


@dataclass(frozen=True)
class RowValue:
    """A tariff row as the redline engine wants it (see :class:`lawdiff.diff.TariffLike`)."""

    num: int
    service: str
    position: str
    price: Decimal
    category: str = ""


@dataclass(eq=False)
class Reading:
    """One version of one provision as read on one side of a comparison."""

    eid: str
    el: etree._Element
    work: str
    text: str | None            # None: the wording is not in the corpus
    status: str | None          # None: the latest wording, read without a date
    reason: str
    interval: T.VersionInterval
    pos: int                    # document position: later versions come later
    row: RowValue | None = None

    @property
    def by(self) -> str | None:
        return self.interval.by

    @property
    def absent(self) -> bool:
        return self.text is None

    def version_json(self) -> dict:
        """``{"work", "status", "reason", "by", "from", "until"}`` (bounds as in docs/json.md)."""
        return {"work": self.work, "status": self.status, "reason": self.reason, "by": self.by,
                **{k: v for k, v in self.interval.to_json().items() if k != "by"}}


def _holder(el: etree._Element) -> etree._Element:
    """The element whose version attributes bound ``el`` (itself or its nearest ancestor)."""
    for cand in [el, *el.iterancestors()]:
        if any(cand.get(a) for a in _VERSION_ATTRS):
            return cand
    return el


def _row_value(el: etree._Element) -> RowValue:
    group = el.getparent()
    return RowValue(int(el.get("num")), el.findtext("service") or "", el.findtext("position") or "",
                    Decimal(el.get("price")), group.findtext("heading") or "" if group is not None else "")


def _leaf_text(el: etree._Element) -> str:
    return " ".join((el.text or "").split()) if el.tag != "row" else row_text(_row_value(el))


class _Reader:
    """Reads the versions of one work's provisions (dated, or as printed)."""

    def __init__(self, corpus: Corpus, work: str):
        self.corpus = corpus
        self.act = corpus.load(check_work_id(work))
        self.lookup = api.Lookup(corpus)
        self.wi = T.work_interval(self.act)
        self.units = self.act.units()
        self.pos = {el: i for i, el in enumerate(self.units)}
        self.versions: dict[str, list[etree._Element]] = {}
        for el in self.units:
            self.versions.setdefault(el.get("eId"), []).append(el)
        self.leaves = list(api._leaves(self.act))

    def reading(self, el, when: dt.date | None) -> Reading:
        if when is None:
            vi = T.version_interval(self.act, el, self.lookup, self.wi)
            status, reason = None, "the latest wording in the corpus"
        else:
            st, vi = T.version_status(self.act, el, when, self.lookup, self.wi)
            status, reason = st.state, st.reason
        row = _row_value(el) if el.tag == "row" else None
        text = None if vi.absent else _leaf_text(el)
        return Reading(el.get("eId"), el, self.act.id, text, status, reason, vi, self.pos[el], row)

    def at(self, when: dt.date) -> list[Reading]:
        """The versions :func:`api.show` lists for ``when``, in document order."""
        out = []
        for el in self.leaves:
            r = self.reading(el, when)
            if r.status in SHOWN:
                out.append(r)
        return out

    def latest(self) -> list[Reading]:
        """The latest wording of every provision: the last version of it and of every unit that
        holds it, unless that version ended with nothing after it."""
        out = []
        for el in self.leaves:
            chain = [el, *(a for a in el.iterancestors() if a in self.pos)]
            if any(self.versions[a.get("eId")][-1] is not a for a in chain):
                continue
            holder = _holder(el)
            if holder.get("until") or holder.get("ended-by"):
                continue
            out.append(self.reading(el, None))
        return out

    def status(self, when: dt.date) -> T.Status:
        return T.status_at(self.wi.start, self.wi.end, when, end_state=self.wi.end_state)


def _under(eid: str, prefix: str) -> bool:
    return eid == prefix or eid.startswith(prefix + "__")


def _ancestors(eid: str) -> list[str]:
    steps = eid.split("__")
    return ["__".join(steps[:i]) for i in range(1, len(steps))]


@dataclass
class _Side:
    """The readings of one side, grouped by eId, with absent units that cover their insides."""

    readings: list[Reading]
    by_eid: dict[str, list[Reading]] = field(default_factory=dict)
    absent: dict[str, Reading] = field(default_factory=dict)

    def __post_init__(self):
        self._outer: set[str] = set()
        for r in self.readings:
            self.by_eid.setdefault(r.eid, []).append(r)
            self._outer.update(_ancestors(r.eid))
            if r.absent and not len(r.el):
                self.absent.setdefault(r.eid, r)

    @property
    def order(self) -> list[str]:
        return list(self.by_eid)

    def candidates(self, eid: str) -> list[Reading]:
        """The versions of ``eid``, and any absent unit above it (whose wording, all of it, is
        not in the corpus), in document order."""
        own = list(self.by_eid.get(eid, []))
        cover = [self.absent[a] for a in _ancestors(eid) if a in self.absent]
        return sorted(own + [c for c in cover if c not in own], key=lambda r: r.pos)

    def has_inside(self, eid: str) -> bool:
        return eid in self._outer


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
    old_note: str = ""
    new_note: str = ""

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
    conditions: list[str] = field(default_factory=list)

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
            alts.append({"condition": cond, **alt.to_json()})
        return {"provision": self.eid, "kind": UNCERTAIN, "label": self.label, "old": None, "new": None,
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
                      row_old=o.row.num if o and o.row else None, row_new=n.row.num if n and n.row else None)
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


def _describe(opt: _Option, when: str) -> str:
    r = opt.reading
    if r is None:
        return f"it was {opt.note} {when}" if opt.note else f"it was not in force {when}"
    if r.absent:
        return f"the wording that is not in the corpus applied {when}"
    if r.by:
        return f"the wording given by {r.by} applied {when}"
    return f"the original wording of {r.work} applied {when}"


def _entry(eid: str, old_c: list[Reading], new_c: list[Reading], *, when_old: dt.date | None,
           when_new: dt.date | None, where_old: str, where_new: str, ordered: bool,
           tariff_ids: bool = False, ignore_quotes: bool = False) -> Entry | None:
    """Compare every possible reading of ``eid`` on the two sides."""
    old_opts, new_opts = _options(old_c, when_old), _options(new_c, when_new)
    alts: list[Alternative] = []
    conds: list[str] = []
    for o in old_opts:
        for n in new_opts:
            if ordered and o.key == o.key and n.key == n.key and o.key > n.key:
                continue  # within one work a later date never reads an earlier version
            change = _compare(eid, o.reading, n.reading, tariff_ids=tariff_ids, ignore_quotes=ignore_quotes)
            alts.append(Alternative(change, o.reading, n.reading, o.note, n.note))
            parts = []
            if len(old_opts) > 1:
                parts.append(_describe(o, where_old))
            if len(new_opts) > 1:
                parts.append(_describe(n, where_new))
            conds.append("if " + " and ".join(parts) if parts else "")
    if all(a.kind == UNCHANGED for a in alts):
        return None
    first = alts[0].change
    if len(alts) == 1:
        return Entry(first.eid, first.kind, first.label, alts)
    reasons = []
    for r in [*old_c, *new_c]:
        if r.status != UNCERTAIN:
            continue
        why = r.reason
        for prefix in ("may have ended: ", "may not yet apply: "):
            why = why.removeprefix(prefix)
        if why not in reasons:
            reasons.append(why)
    return Entry(first.eid, UNCERTAIN, first.label, alts, "; ".join(reasons), conds)


# =============================================================================== reviews


@dataclass
class SideInfo:
    """What one side of a review is: a work, on a date (or as printed), and its status."""

    work: str
    title: str
    at: dt.date | None
    status: str | None
    reason: str
    units: list[str]

    def to_json(self) -> dict:
        return {"work": self.work, "title": self.title, "at": _iso(self.at), "status": self.status,
                "reason": self.reason, "units": self.units}

    def describe(self) -> str:
        if self.at is None:
            return f"{self.work} (latest wording)"
        label = T.STATE_LABELS.get(self.status, self.status)
        return f"{self.work} on {self.at.isoformat()} ({label})"


@dataclass
class Review:
    """The result of ``lawdiff diff``: the entries and what was compared."""

    mode: str                   # "dates" | "works"
    old: SideInfo
    new: SideInfo
    entries: list[Entry]
    notes: list[str] = field(default_factory=list)
    ignore_quotes: bool = False
    known_as_of: dict | None = None

    @property
    def title(self) -> str:
        if self.mode == "dates":
            return f"{self.new.work}: {self.old.at.isoformat()} → {self.new.at.isoformat()}"
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
                "summary": self.summary(), "notes": self.notes,
                "changes": [e.to_json() for e in self.entries]}


def _info(reader: _Reader, when: dt.date | None, units: list[str]) -> SideInfo:
    act = reader.act
    if when is None:
        return SideInfo(act.id, act.title, None, None, "the latest wording in the corpus", units)
    st = reader.status(when)
    return SideInfo(act.id, act.title, when, st.state, st.reason, units)


def _units(act: Act) -> list[str]:
    return sorted({t.get("unit") for t in act.tariff_tables()})


def _filter(readings: list[Reading], provision: str | None) -> list[Reading]:
    return [r for r in readings if not provision or _under(r.eid, provision)
            or (r.absent and not len(r.el) and _under(provision, r.eid))]


def _text_entries(old: _Side, new: _Side, **kw) -> list[Entry]:
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


def _check_quotes_note(ignore_quotes: bool) -> list[str]:
    return ["typographic quotes («», “”) were treated as \" before comparing"] if ignore_quotes else []


def diff_dates(corpus: Corpus, work: str, d1: dt.date, d2: dt.date, *, provision: str | None = None,
               ignore_quotes: bool = False) -> Review:
    """The redline of ``work`` between the text in force on ``d1`` and on ``d2``."""
    if d2 < d1:
        raise LawdiffError(f"--to {d2.isoformat()} is before --from {d1.isoformat()}")
    reader = _Reader(corpus, work)
    old = _filter(reader.at(d1), provision)
    new = _filter(reader.at(d2), provision)
    if provision and not old and not new and not any(_under(el.get("eId"), provision) for el in reader.units):
        raise LawdiffError(f"{reader.act.id} has no provision {provision}")
    units = _units(reader.act)
    entries = _text_entries(_Side(old), _Side(new), when_old=d1, when_new=d2, where_old=f"on {d1.isoformat()}",
                            where_new=f"on {d2.isoformat()}", ordered=True, ignore_quotes=ignore_quotes)
    notes = _check_quotes_note(ignore_quotes)
    if not reader.act.complete:
        notes.append(f"partial text: {reader.act.coverage_note}")
    return Review("dates", _info(reader, d1, units), _info(reader, d2, units), entries, notes, ignore_quotes)


def diff_works(corpus: Corpus, work_a: str, work_b: str, *, at: dt.date | None = None,
               provision: str | None = None, ignore_quotes: bool = False) -> Review:
    """The redline from ``work_a`` to ``work_b``: text provisions aligned by eId, tariff rows by
    number and service (:func:`lawdiff.diff.align_tariffs`). Without ``at``, each work's latest
    wording; with it, the text each has in force on that date."""
    ra, rb = _Reader(corpus, work_a), _Reader(corpus, work_b)
    old = _filter(ra.at(at) if at else ra.latest(), provision)
    new = _filter(rb.at(at) if at else rb.latest(), provision)
    kw = dict(when_old=at, when_new=at, where_old=f"in {ra.act.id}" + (f" on {at.isoformat()}" if at else ""),
              where_new=f"in {rb.act.id}" + (f" on {at.isoformat()}" if at else ""), ordered=False,
              ignore_quotes=ignore_quotes)
    entries = _text_entries(_Side([r for r in old if r.row is None]), _Side([r for r in new if r.row is None]), **kw)
    notes = _check_quotes_note(ignore_quotes)
    entries += _row_entries(_Side([r for r in old if r.row is not None]), _Side([r for r in new if r.row is not None]),
                            notes, **kw)
    ua, ub = _units(ra.act), _units(rb.act)
    if ua and ub and ua != ub:
        notes.append(f"prices are {', '.join(ua)} in {ra.act.id} but {', '.join(ub)} in {rb.act.id}: "
                     "the differences compare different units")
    for act in (ra.act, rb.act):
        if not act.complete:
            notes.append(f"{act.id} is a partial text: {act.coverage_note}")
    return Review("works", _info(ra, at, ua), _info(rb, at, ub), entries, notes, ignore_quotes)


def _category_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def parallel_tables(old: list[RowValue], new: list[RowValue]) -> bool:
    """True when two tables list the same rows under the same headings (same numbers, same
    categories, in the same order): both follow one standard list of services."""
    return bool(old) and len(old) == len(new) and all(
        a.num == b.num and _category_key(a.category) == _category_key(b.category) for a, b in zip(old, new))


def _row_entries(old: _Side, new: _Side, notes: list[str] | None = None, **kw) -> list[Entry]:
    """Tariff rows of two works. Parallel tables (:func:`parallel_tables`) are compared row by
    row; otherwise rows are paired as :func:`lawdiff.diff.diff_tariffs` pairs them. A row with
    competing versions is paired by its latest version and all its readings are compared."""
    old_ids, new_ids = old.order, new.order
    old_rows = [old.by_eid[e][-1].row for e in old_ids]
    new_rows = [new.by_eid[e][-1].row for e in new_ids]
    if parallel_tables(old_rows, new_rows):
        pairs = {i: i for i in range(len(old_rows))}
        if notes is not None:
            notes.append("the two tables list the same rows under the same headings: compared row by row")
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


# =============================================================================== history


def history(corpus: Corpus, work: str, provision: str | None = None, *, every: bool = False) -> dict:
    """Every version of the provisions of ``work`` (of one provision and what it holds, with
    ``provision``), each with its interval, the act that made it, and its redline against the
    version before. Without ``provision`` only provisions with a history are listed (more than
    one version, or a wording given by another act), unless ``every``."""
    reader = _Reader(corpus, work)
    act = reader.act
    leaves = reader.leaves
    if provision:
        leaves = [el for el in leaves if _under(el.get("eId"), provision)
                  or (el.get("absent") == "true" and not len(el) and _under(provision, el.get("eId")))]
        if not leaves:
            if not act.complete:
                raise LawdiffError(f"{provision} is not in the corpus: {act.coverage_note}")
            raise LawdiffError(f"{act.id} has no provision {provision}")
    readings = [reader.reading(el, None) for el in leaves]
    side = _Side(readings)
    provisions = []
    for eid in side.order:
        if all(r.absent and not len(r.el) for r in side.by_eid[eid]) and side.has_inside(eid):
            continue  # shown as the first version of each provision inside it
        versions = side.candidates(eid)
        if not (provision or every) and len(versions) < 2 and not any(v.by for v in versions):
            continue
        out, prev = [], None
        for n, v in enumerate(versions, 1):
            holder = _holder(v.el)
            vi = v.interval
            item = {"n": n, "act": v.by or act.id, "by": v.by, "ended_by": holder.get("ended-by"),
                    "absent": v.absent, "text": v.text,
                    "price": format_decimal(v.row.price) if v.row and not v.absent else None,
                    "from": vi.start.to_json(), "until": vi.end.to_json() if vi.end else None,
                    "ends_by": vi.end_state if vi.end else None, "redline": None}
            if prev is not None:
                item["redline"] = _compare(eid, prev, v, tariff_ids=False, ignore_quotes=False).to_json()
            out.append(item)
            prev = v
        label = row_label(versions[-1].row) if versions[-1].row else provision_label(eid)
        provisions.append({"provision": eid, "label": label, "versions": out})
    return {"work": act.id, "title": act.title, "complete": act.complete, "coverage": act.coverage_note,
            "provisions": provisions}


# =============================================================================== blame


def blame(corpus: Corpus, work: str, when: dt.date | None = None, provision: str | None = None) -> dict:
    """For each provision in force on ``when`` (today if None): the act that gave its current
    wording and the date it took effect. Competing versions (status uncertain) are both listed."""
    when = when or dt.date.today()
    reader = _Reader(corpus, work)
    act = reader.act
    readings = _filter(reader.at(when), provision)
    if provision and not readings:
        api.show(corpus, act.id, when, provision)   # raises for an unknown provision
    st = reader.status(when)
    rows = []
    for r in readings:
        vi = r.interval
        rows.append({"provision": r.eid, "label": row_label(r.row) if r.row else provision_label(r.eid),
                     "text": r.text, "price": format_decimal(r.row.price) if r.row and not r.absent else None,
                     "status": r.status, "reason": r.reason, "act": r.by or act.id, "by": r.by,
                     "since": vi.start.to_json(), "until": vi.end.to_json() if vi.end else None})
    return {"work": act.id, "title": act.title, "at": when.isoformat(), **st.to_json(),
            "complete": act.complete, "coverage": act.coverage_note, "provisions": rows}


# =============================================================================== textconv


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _bracket(el: etree._Element) -> str:
    holder = _holder(el)
    parts = []
    if holder.get("from"):
        parts.append(f"from {holder.get('from')}")
    if holder.get("until"):
        parts.append(f"until {holder.get('until')}")
    if holder.get("by"):
        parts.append(f"by {holder.get('by')}")
    if holder.get("ended-by"):
        parts.append(f"ended by {holder.get('ended-by')}")
    if el.get("absent") == "true" or holder.get("absent") == "true":
        parts.append("not in the corpus")
    return f" [{', '.join(parts)}]" if parts else ""


_CONTAINERS = ("preamble", "appendix", "section", "chapter", "subchapter", "article", "clause",
               "subclause", "part")


def _meta_lines(meta: etree._Element) -> list[str]:
    out = []
    for el in meta:
        tag, text = el.tag, _one_line(el.text)
        if tag == "issuer":
            out.append(f"issuer: {text} ({el.get('code')})")
        elif tag == "registration":
            out.append(f"registration: № {el.get('number')}" + (f", {el.get('date')}" if el.get("date") else ""))
        elif tag == "place":
            extra = ", ".join(v for v in (el.get("kind"), el.get("latin"), el.get("region")) if v)
            out.append(f"place: {text} ({extra})")
        elif tag == "period":
            out.append(f"period: from {el.get('from')} until {el.get('until')} (\"{el.get('source')}\")")
        elif tag == "alias":
            out.append(f"alias {el.get('scheme')}: {text}")
        elif tag == "coverage":
            out.append("coverage: complete" if el.get("complete") == "true" else f"coverage: partial — {text}")
        elif tag == "source":
            layout = f" ({el.get('layout')})" if el.get("layout") else ""
            out.append(f"source: {el.get('file')}{layout} sha256 {el.get('sha256')}")
        else:
            attrs = " ".join(f"{k}={v}" for k, v in el.attrib.items())
            out.append(f"{tag}: {text}" + (f" [{attrs}]" if attrs else ""))
    return out


def _event_line(el: etree._Element) -> str:
    parts = [el.get("kind")]
    if el.get("date"):
        parts.append(el.get("date"))
    if el.get("rule"):
        parts.append(f"rule {el.get('rule')}")
    if el.get("by"):
        parts.append(f"by {el.get('by')}" + (f" of {el.get('by-date')}" if el.get("by-date") else ""))
    if el.get("target"):
        parts.append(f"target {el.get('target')}")
    return f"event {' '.join(parts)} [{el.get('origin')}]: {_one_line(el.get('source'))}"


def _attr_list(el: etree._Element, skip: tuple[str, ...] = ("eId",)) -> str:
    return ", ".join(f"{k} {v}" for k, v in el.attrib.items() if k not in skip)


def _unit_lines(child: etree._Element, parent_eid: str, indent: str) -> list[str]:
    """The lines of one element of a work's text (and of what it holds)."""
    tag = child.tag
    if not isinstance(tag, str):
        return []
    eid = child.get("eId", "")
    if tag in ("title", "p"):
        return [f"{indent}{eid}{_bracket(child)}: {_one_line(child.text)}".rstrip()]
    if tag in _CONTAINERS:
        if child.get("absent") == "true" and not len(child):
            return [f"{indent}{eid}{_bracket(child)}"]
        out = []
        for sub in child:
            if sub.tag == "heading":
                out.append(f"{indent}{eid}{_bracket(child)} heading: {_one_line(sub.text)}")
            else:
                out += _unit_lines(sub, eid, indent)
        return out
    if tag == "mark":
        return [f"{indent}{parent_eid} mark: {_one_line(child.text)}"]
    if tag == "heading":
        return [f"{indent}{parent_eid} heading: {_one_line(child.text)}"]
    if tag == "tariffs":
        cols = " | ".join(_one_line(c.text) for c in child.iterfind("column"))
        info = ", ".join(v for v in (child.get("unit"), child.get("currency"), child.get("setting")) if v)
        out = [f"{indent}{eid} table [{info}]" + (f": {cols}" if cols else "")]
        for group in child.iterfind("group"):
            out.append(f"{indent}{group.get('eId')} group: {_one_line(group.findtext('heading'))}")
            for row in group.iterfind("row"):
                out.append(f"{indent}row {row.get('num')}{_bracket(row)} | {_one_line(row.findtext('service'))}"
                           f" | {_one_line(row.findtext('position'))} | {row.get('price')}")
        return out
    if tag == "signature":
        return [f"{indent}signature: " + " / ".join(_one_line(line.text) for line in child.iterfind("line"))]
    if tag == "body":
        out = [f"{indent}body{_bracket(child)}"] if _bracket(child) else []
        for sub in child:
            out += _unit_lines(sub, "", indent)
        return out
    return []


def _amendment_lines(amendments: etree._Element) -> list[str]:
    out = ["amendments:"]
    for op in amendments.iterfind("op"):
        target = " / ".join(" ".join(v for v in (s.get("kind"), s.get("num")) if v) for s in op.iterfind("target/step"))
        extra = _attr_list(op, skip=("eId", "kind", "status", "work"))
        line = f"{op.get('eId')} {op.get('kind')} ({op.get('status')}) in {op.get('work')} at {target or '(the act)'}"
        if extra:
            line += f" [{extra}]"
        words = op.find("words")
        if words is not None:
            line += f": \"{words.get('old')}\" → \"{words.get('new')}\""
        out.append(line)
        out.append(f"  source: {_one_line(op.findtext('source'))}")
        if op.find("text") is not None:
            out.append(f"  text: {_one_line(op.findtext('text'))}")
        content = op.find("content")
        if content is not None:
            for sub in content:
                out += _unit_lines(sub, "", "  ")
    for un in amendments.iterfind("unparsed"):
        out.append(f"unparsed [{un.get('reason')}]: {_one_line(un.text)}")
    return out


def textconv(data: bytes, name: str = "<file>") -> str:
    """A work file as readable text, one provision per line, for ``git diff`` and ``git log -p``:
    metadata, lifecycle, references, notes and repairs first, then the body and appendices
    ("eId [from …, until …, by …]: text"; tariff rows as "row N | service | position | price"),
    then amendment instructions. Deterministic. A file that is not a work document is returned
    as it is."""
    try:
        root = xmlio.parse_bytes(data, name).getroot()
    except LawdiffError:
        return data.decode("utf-8", errors="replace")
    if root.tag != "act":
        return data.decode("utf-8", errors="replace")
    lines = [f"work: {root.get('id')} ({root.get('lang')})"]
    meta = root.find("meta")
    if meta is not None:
        lines += _meta_lines(meta)
    lifecycle = root.find("lifecycle")
    if lifecycle is not None:
        lines += ["", "lifecycle:"] + [_event_line(e) for e in lifecycle.iterfind("event")]
    refs = root.find("references")
    if refs is not None:
        lines += ["", "references:"]
        for ref in refs.iterfind("ref"):
            lines.append(f"{ref.get('eId')} [{_attr_list(ref)}]: {_one_line(ref.text)}")
    notes = root.find("notes")
    if notes is not None:
        lines += ["", "notes:"]
        for note in notes.iterfind("note"):
            lines.append(f"{note.get('eId')} [{_attr_list(note)}]: {_one_line(note.text)}")
    repairs = root.find("repairs")
    if repairs is not None:
        lines += ["", "repairs:"]
        for rep in repairs.iterfind("repair"):
            lines.append(f"{rep.get('kind')} line {rep.get('line')}: {_one_line(rep.get('before'))} → {_one_line(rep.get('after'))}")
    lines += ["", "text:"]
    for el in root:
        if el.tag in ("body", "appendix"):
            lines += _unit_lines(el, "", "")
    amendments = root.find("amendments")
    if amendments is not None:
        lines += [""] + _amendment_lines(amendments)
    return "\n".join(lines) + "\n"


# =============================================================================== rendering


def change_from_json(data: dict) -> Change:
    """A :class:`~lawdiff.diff.Change` back from its JSON (for printing stored redlines)."""
    price = data.get("price") or {}
    row = data.get("row") or {}
    dec = lambda v: Decimal(v) if v is not None else None  # noqa: E731
    return Change(data["provision"], data["kind"], data["old"], data["new"],
                  [WordOp(o["op"], o["text"]) for o in data["ops"]], data.get("label", ""),
                  dec(price.get("old")), dec(price.get("new")), row.get("old"), row.get("new"))


def redline_body(change: Change, color: bool) -> list[str]:
    """The redline lines of one change without its header (two-space indented)."""
    from lawdiff.render import render_text

    return render_text([change], color).rstrip("\n").split("\n")[1:]


def _sides(review: Review) -> tuple[str, str]:
    if review.mode == "dates":
        return f"on {review.old.at.isoformat()}", f"on {review.new.at.isoformat()}"
    return f"in {review.old.work}", f"in {review.new.work}"


def summary_line(review: Review) -> str:
    s = review.summary()
    parts = [f"{s[CHANGED]} changed", f"{s[ADDED]} added", f"{s[REMOVED]} removed"]
    if s[UNCERTAIN]:
        parts.append(f"{s[UNCERTAIN]} uncertain")
    if s[NOT_IN_CORPUS]:
        parts.append(f"{s[NOT_IN_CORPUS]} with a wording not in the corpus")
    line = ", ".join(parts)
    if s["rose"] or s["fell"]:
        line += f"; prices: {s['rose']} rose, {s['fell']} fell"
    return line


def _known_text(review: Review) -> str | None:
    k = review.known_as_of
    if not k:
        return None
    return f"as known on {k['date']}: the corpus as committed in {k['commit'][:12]} ({k['committed']})"


def _who(reading: Reading | None) -> str:
    if reading is None:
        return "—"
    if reading.absent:
        return "a wording not in the corpus"
    return f"by {reading.by}" if reading.by else f"original wording of {reading.work}"


def render_review_text(review: Review, color: bool = False) -> str:
    """The review as terminal text: what was compared, notes, then one block per provision."""
    from lawdiff.render.redline_text import header

    where_old, where_new = _sides(review)
    out = [review.title, f"  from: {review.old.describe()}", f"  to:   {review.new.describe()}"]
    known = _known_text(review)
    if known:
        out.append(f"  {known}")
    out += [f"  note: {n}" for n in review.notes]
    out.append(f"  {summary_line(review)}")
    for e in review.entries:
        out.append("")
        if e.kind == UNCERTAIN:
            out.append(f"{e.label} [{e.eid}] uncertain: more than one wording may apply")
            out.append(f"  why: {e.reason}")
            for alt, cond in zip(e.alternatives, e.conditions):
                out.append(f"  {cond}: {alt.kind}")
                out += _alt_lines(alt, where_old, where_new, color, "  ")
            continue
        alt = e.alternatives[0]
        out.append(header(alt.change))
        out += _alt_lines(alt, where_old, where_new, color, "")
    return "\n".join(out) + "\n"


def _alt_lines(alt: Alternative, where_old: str, where_new: str, color: bool, indent: str) -> list[str]:
    ch = alt.change
    out = []
    if ch.kind == NOT_IN_CORPUS:
        out.append(f"{indent}  {where_old}: {ch.old if ch.old is not None else '<wording not in the corpus>'}")
        out.append(f"{indent}  {where_new}: {ch.new if ch.new is not None else '<wording not in the corpus>'}")
    elif ch.kind != UNCHANGED:
        out += [indent + line for line in redline_body(ch, color)]
    if ch.kind in (ADDED, REMOVED) and (ch.new if ch.kind == ADDED else ch.old) is None:
        out.append(f"{indent}  <wording not in the corpus>")
    if ch.kind != UNCHANGED and alt.old is not None and alt.new is not None and alt.old.by != alt.new.by:
        out.append(f"{indent}  wording: {_who(alt.old)} → {_who(alt.new)}")
    elif ch.kind == ADDED and alt.new is not None and alt.new.by:
        out.append(f"{indent}  wording: {_who(alt.new)}")
    return out


_REVIEW_KIND_TEXT = {NOT_IN_CORPUS: "Корпуста жоқ", UNCERTAIN: "Анық емес"}
_REVIEW_CSS = """
.review-notes p { margin: .15rem 0; }
.review-notes .note { color: #7a4d00; }
section.change.uncertain .kind { color: #6f42c1; }
section.change.not-in-corpus .kind { color: #555; }
.status { font-family: sans-serif; font-size: .8rem; color: #444; margin: .3rem 0 0; }
.missing { color: #555; font-style: italic; }
""".strip()


def render_review_html(review: Review) -> str:
    """One self-contained HTML page: the redline engine's page (:func:`render_html`) with what
    it cannot say by itself added — the two sides and their status, notes, wordings not in the
    corpus, and each possible reading of an uncertain provision as a redline of its own."""
    import lxml.html
    from lxml.html import builder as E

    from lawdiff.render import render_html

    where_old, where_new = _sides(review)
    changes: list[Change] = []
    plan: list[tuple[Entry, Alternative, str]] = []
    for e in review.entries:
        alts = list(zip(e.alternatives, e.conditions or [""]))
        for alt, cond in alts:
            if alt.kind == UNCHANGED:
                continue
            ch = alt.change
            if ch.kind == NOT_IN_CORPUS:
                known = ch.new if ch.new is not None else ch.old
                ch = Change(ch.eid, ch.kind, ch.old, ch.new, [WordOp(EQUAL, known)] if known else [], ch.label,
                            ch.price_old, ch.price_new, ch.row_old, ch.row_new)
            if cond:
                ch = Change(ch.eid, ch.kind, ch.old, ch.new, ch.ops, f"{ch.label} — {cond}", ch.price_old,
                            ch.price_new, ch.row_old, ch.row_new)
            changes.append(ch)
            plan.append((e, alt, cond))
    page = render_html(changes, review.title, f"{review.old.describe()} → {review.new.describe()}")
    doc = lxml.html.document_fromstring(page.encode("utf-8"))
    style = E.STYLE("\n" + _REVIEW_CSS + "\n")
    doc.find("head").append(style)
    notes = []
    for word, side in (("From", review.old), ("To", review.new)):
        notes.append(E.P(f"{word}: {side.describe()}" + (f" — {side.reason}" if side.status else "")))
    known = _known_text(review)
    if known:
        notes.append(E.P(known, E.CLASS("note")))
    notes += [E.P(n, E.CLASS("note")) for n in review.notes]
    doc.find(".//header").append(E.SECTION(*notes, E.CLASS("review-notes"), id="review-notes"))
    summary = doc.get_element_by_id("summary")
    ul = summary.find("ul")
    counts = review.summary()
    for li in list(ul):
        ul.remove(li)
    names = {ADDED: "Қосылды", REMOVED: "Алып тасталды", CHANGED: "Өзгертілді", UNCERTAIN: "Анық емес",
             NOT_IN_CORPUS: "Корпуста жоқ", "rose": "Баға өсті", "fell": "Баға төмендеді"}
    for key in (ADDED, REMOVED, CHANGED, UNCERTAIN, NOT_IN_CORPUS, "rose", "fell"):
        if key in ("rose", "fell") and not (counts["rose"] or counts["fell"]):
            continue
        li = E.LI(f"{names[key]}: ", E.STRONG(str(counts[key])), E.CLASS(key))
        li.set("data-count", str(counts[key]))
        ul.append(li)
    sections = doc.xpath("//main/section")
    for sec, (entry, alt, cond) in zip(sections, plan):
        if entry.kind == UNCERTAIN:
            sec.set("class", sec.get("class") + " uncertain")
            sec.set("data-provision", entry.eid)
            badge = sec.find(".//span[@class='kind']")
            badge.text = _REVIEW_KIND_TEXT[UNCERTAIN]
        elif alt.kind == NOT_IN_CORPUS:
            badge = sec.find(".//span[@class='kind']")
            badge.text = _REVIEW_KIND_TEXT[NOT_IN_CORPUS]
        extra = []
        ch = alt.change
        if ch.kind == NOT_IN_CORPUS:
            side = where_old if ch.old is None else where_new
            extra.append(E.P(f"The wording {side} is not in the corpus; the text shown is the wording "
                             f"{where_new if ch.old is None else where_old}.", E.CLASS("missing")))
        elif ch.kind in (ADDED, REMOVED) and (ch.new if ch.kind == ADDED else ch.old) is None:
            extra.append(E.P("The wording is not in the corpus.", E.CLASS("missing")))
        if entry.kind == UNCERTAIN:
            others = [c for a, c in zip(entry.alternatives, entry.conditions) if a.kind == UNCHANGED]
            text = f"Uncertain: {entry.reason}."
            if others:
                text += " Otherwise (" + "; ".join(others) + ") the wording is unchanged."
            extra.append(E.P(text, E.CLASS("status")))
        if alt.old is not None and alt.new is not None and alt.old.by != alt.new.by:
            extra.append(E.P(f"Wording: {_who(alt.old)} → {_who(alt.new)}", E.CLASS("status")))
        elif ch.kind == ADDED and alt.new is not None and alt.new.by:
            extra.append(E.P(f"Wording: {_who(alt.new)}", E.CLASS("status")))
        for el in extra:
            sec.append(el)
    return lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="unicode", method="html") + "\n"


# =============================================================================== git


class SnapshotCorpus(Corpus):
    """The work files of a corpus as committed in one git commit, read from its blobs into
    memory: read-only, and the working tree is never touched."""

    def __init__(self, root: Path, files: dict[str, bytes], known_as_of: dict):
        super().__init__(root)
        self._files = files
        self.known_as_of = known_as_of

    def exists(self, work: str) -> bool:
        check_work_id(work)
        return work in self._files

    def load(self, work: str) -> Act:
        check_work_id(work)
        if work not in self._files:
            raise LawdiffError(f"work {work} is not in the corpus as known on {self.known_as_of['date']} "
                               f"(commit {self.known_as_of['commit'][:12]})")
        name = f"{work}.xml@{self.known_as_of['commit'][:12]}"
        return Act(xmlio.parse_bytes(self._files[work], name).getroot(), self.root / f"{work}.xml")

    def work_files(self) -> list[Path]:
        return [self.root / f"{w}.xml" for w in sorted(self._files, key=lambda w: w.split("/"))]

    def works(self) -> list[Act]:
        return [self.load(w) for w in sorted(self._files, key=lambda w: w.split("/"))]

    def works_containing(self, marker: bytes) -> list[Act]:
        return [self.load(w) for w in sorted(self._files, key=lambda w: w.split("/")) if marker in self._files[w]]

    def lock(self, wait: bool = False):
        raise LawdiffError("the corpus as known on a past date is read-only")

    def write(self, act: Act) -> Path:
        raise LawdiffError("the corpus as known on a past date is read-only")


def corpus_as_known_on(root: Path, when: dt.date) -> SnapshotCorpus:
    """The corpus under ``root`` as committed on ``when``: every work file from the last commit
    (from HEAD) whose committer date is on or before the end of that day, local time."""
    import git

    from lawdiff.gitlog import repo_for

    root = Path(root)
    repo = repo_for(root) if root.exists() else None
    if repo is None:
        raise LawdiffError(f"--as-known-on needs the corpus under git: {root} is not in a git repository")
    top = Path(repo.working_tree_dir).resolve()
    rel = PurePosixPath(root.resolve().relative_to(top).as_posix())
    try:
        sha = repo.git.rev_list("-1", f"--before={when.isoformat()} 23:59:59", "HEAD").strip()
    except git.GitCommandError:
        sha = ""
    if not sha:
        raise LawdiffError(f"no commit of {top} on or before {when.isoformat()}: nothing was recorded yet")
    commit = repo.commit(sha)
    files: dict[str, bytes] = {}
    kz = (rel / "kz").as_posix() if str(rel) != "." else "kz"
    try:
        tree = commit.tree / kz
    except KeyError:
        tree = None
    if tree is not None:
        for item in tree.traverse():
            if item.type != "blob" or not item.path.endswith(".xml") or item.mode == 0o120000:
                continue
            wid = PurePosixPath(item.path).relative_to(rel if str(rel) != "." else PurePosixPath("")).as_posix()[:-4]
            try:
                check_work_id(wid)
            except LawdiffError:
                continue
            files[wid] = item.data_stream.read()
    info = {"date": when.isoformat(), "commit": commit.hexsha,
            "committed": commit.committed_datetime.isoformat()}
    return SnapshotCorpus(root, files, info)
