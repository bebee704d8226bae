"""The Act: a thin wrapper over one work's XML tree.

It knows where things live in the document (metadata, lifecycle, versions of a unit) and
nothing about time or git: intervals are computed in :mod:`lawdiff.time`, storage is
:mod:`lawdiff.corpus`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

from lawdiff import LawdiffError
from lawdiff.frozen import frozen
from lawdiff.model import ids, xmlio

#: Elements that carry versions (an eId that may repeat with different intervals).
VERSIONED = ("preamble", "title", "appendix", "section", "chapter", "subchapter", "article",
             "clause", "subclause", "part", "p", "row")


@frozen
class Event:
    """One lifecycle event as stored (see docs/data-model.md, "Lifecycle")."""

    kind: str
    origin: str
    source: str
    date: dt.date | None = None
    rule: str | None = None
    by: str | None = None
    by_date: dt.date | None = None
    target: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "date": _iso(self.date), "rule": self.rule, "by": self.by,
                "by_date": _iso(self.by_date), "target": self.target, "origin": self.origin,
                "source": self.source}


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Act:
    """One work document."""

    def __init__(self, root: etree._Element, path: Path | None = None):
        if root.tag != "act":
            raise LawdiffError(f"{path or 'document'}: root element is <{root.tag}>, expected <act>")
        self.root = root
        self.path = path

    @classmethod
    def load(cls, path: Path) -> Act:
        return cls(xmlio.parse_file(path).getroot(), Path(path))

    # -- metadata -------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return ids.check_work_id(self.root.get("id", ""))

    def meta(self, name: str) -> str | None:
        el = self.root.find(f"meta/{name}")
        return el.text if el is not None else None

    @property
    def type(self) -> str:
        return self.meta("type") or ""

    @property
    def number(self) -> str:
        return self.meta("number") or ""

    @property
    def date(self) -> dt.date | None:
        """The date of adoption (None when the text does not state it)."""
        return _date(self.meta("date"))

    @property
    def title(self) -> str:
        return self.meta("title") or ""

    @property
    def place(self) -> etree._Element | None:
        return self.root.find("meta/place")

    @property
    def setting(self) -> str | None:
        return self.meta("setting")

    @property
    def complete(self) -> bool:
        cov = self.root.find("meta/coverage")
        return cov is None or cov.get("complete") == "true"

    @property
    def coverage_note(self) -> str | None:
        cov = self.root.find("meta/coverage")
        return cov.text if cov is not None else None

    @property
    def period(self) -> tuple[dt.date, dt.date, str] | None:
        period = self.root.find("meta/period")
        if period is None:
            return None
        start, until = _date(period.get("from")), _date(period.get("until"))
        if start is None or until is None:    # the schema requires both
            raise LawdiffError(f"{self.id}: meta/period needs from and until")
        return start, until, period.get("source") or ""

    # -- lifecycle ------------------------------------------------------------------------
    def events(self) -> list[Event]:
        out = []
        for event in self.root.iterfind("lifecycle/event"):
            out.append(Event(kind=event.get("kind"), origin=event.get("origin"), source=event.get("source"),
                             date=_date(event.get("date")), rule=event.get("rule"), by=event.get("by"),
                             by_date=_date(event.get("by-date")), target=event.get("target")))
        return out

    def remove_event(self, index: int) -> Event:
        """Remove the ``index``-th lifecycle event (1-based, document order); returns it."""
        els = list(self.root.iterfind("lifecycle/event"))
        if not 1 <= index <= len(els):
            raise LawdiffError(f"{self.id} has no event {index} (it has {len(els)})")
        event = self.events()[index - 1]
        els[index - 1].getparent().remove(els[index - 1])
        return event

    def add_event(self, event: Event) -> None:
        lifecycle = self.root.find("lifecycle")
        el = etree.SubElement(lifecycle, "event", kind=event.kind)
        for attr, value in (("date", _iso(event.date)), ("rule", event.rule), ("by", event.by),
                            ("by-date", _iso(event.by_date)), ("target", event.target),
                            ("origin", event.origin), ("source", event.source)):
            if value:
                el.set(attr, value)

    # -- structure ------------------------------------------------------------------------
    def units(self) -> list[etree._Element]:
        """Every versioned element with an eId, in document order (amendment content excluded)."""
        units = [el for el in self.root.iter(*VERSIONED) if el.get("eId")]
        if next(self.root.iter("amendments"), None) is None:
            return units        # nothing waits to be applied: no ancestor to look for
        return [el for el in units if _in_document(el)]

    def versions(self, eid: str) -> list[etree._Element]:
        """All versions of one unit, in document order."""
        return [el for el in self.units() if el.get("eId") == eid]

    def tariff_tables(self) -> list[etree._Element]:
        return list(self.root.iter("tariffs"))

    def serialise(self) -> bytes:
        return xmlio.serialise(self.root)


def _in_document(el: etree._Element) -> bool:
    """False for elements inside <amendments> (new wordings waiting to be applied)."""
    return not any(a.tag == "amendments" for a in el.iterancestors())
