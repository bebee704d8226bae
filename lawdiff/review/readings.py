"""Readings: the versions of one work's provisions as read on a date, or as printed.

The text of a work "in force on D" is, provision by provision, what :func:`lawdiff.api.show`
answers (statuses in force, unconfirmed, uncertain, not in the corpus).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from lxml import etree

from lawdiff import api
from lawdiff import time as T
from lawdiff.corpus import Corpus
from lawdiff.diff import row_text
from lawdiff.model import version as V
from lawdiff.model.version import State

#: Review kinds beyond the engine's added / removed / changed (the first two are named as the
#: states they come from).
NOT_IN_CORPUS = State.NOT_IN_CORPUS.value
UNCERTAIN = State.UNCERTAIN.value
UNCHANGED = "unchanged"


def iso(d: dt.date | None) -> str | None:
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
    unit: str = ""              # of its table: what the price is for


@dataclass(eq=False)
class Reading:
    """One version of one provision as read on one side of a comparison."""

    eid: str
    el: etree._Element
    work: str
    text: str | None            # None: the wording is not in the corpus
    status: State | None        # None: the latest wording, read without a date
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


def _row_value(el: etree._Element) -> RowValue:
    group = el.getparent()
    table = group.getparent() if group is not None else None
    return RowValue(int(el.get("num")), el.findtext("service") or "", el.findtext("position") or "",
                    Decimal(el.get("price")), group.findtext("heading") or "" if group is not None else "",
                    table.get("unit") or "" if table is not None else "")


def _leaf_text(el: etree._Element) -> str:
    return " ".join((el.text or "").split()) if el.tag != "row" else row_text(_row_value(el))


class WorkReader:
    """Reads the versions of one work's provisions (dated, or as printed)."""

    def __init__(self, corpus: Corpus, work: str):
        self.corpus = corpus
        self.act = api.load_work(corpus, work)
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
            if r.status is not None and r.status.shown:
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
            if V.of(el).has_end:
                continue
            out.append(self.reading(el, None))
        return out

    def status(self, when: dt.date) -> T.Status:
        return T.status_at(self.wi.start, self.wi.end, when, end_state=self.wi.end_state)


def is_under(eid: str, prefix: str) -> bool:
    return eid == prefix or eid.startswith(prefix + "__")


def _ancestors(eid: str) -> list[str]:
    steps = eid.split("__")
    return ["__".join(steps[:i]) for i in range(1, len(steps))]


@dataclass
class Side:
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
