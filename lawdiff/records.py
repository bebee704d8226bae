"""The records queries return for a work and for a tariff row, built from a work's XML.

One place builds them: the API answering from the XML and the derived index (which stores them
as built here) give the same dicts.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lxml import etree

from lawdiff.model.act import Act

if TYPE_CHECKING:
    from lawdiff.corpus import Corpus
    from lawdiff.time import VersionInterval, WorkInterval


#: A record as built here (and stored by the index): JSON-ready values keyed by field name.
Record = dict[str, Any]
#: A tariff act of a place: (work id, setting, work interval, [(row record, version interval)]).
TariffSource = tuple[str, "str | None", "WorkInterval", list[tuple[Record, "VersionInterval"]]]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def work_summary(act: Act) -> Record:
    place = act.place
    return {
        "work": act.id, "type": act.type, "number": act.number, "date": _iso(act.date),
        "title": act.title, "place": place.text if place is not None else None,
        "place_latin": place.get("latin") if place is not None else None,
        "setting": act.setting, "complete": act.complete,
        "aliases": {a.get("scheme"): a.text for a in act.root.iterfind("meta/alias")},
    }


def row_json(act: Act, row: etree._Element, table: etree._Element) -> Record:
    group = row.getparent()
    return {
        "work": act.id, "row": int(row.get("num")), "category": group.findtext("heading"),
        "service": row.findtext("service"), "position": row.findtext("position"),
        "price": str(Decimal(row.get("price"))), "currency": table.get("currency"),
        "unit": table.get("unit"), "setting": table.get("setting"), "eId": row.get("eId"),
    }


class Lookup:
    """Loads works on demand and caches them, so one query reads each file once."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._cache: dict[str, Act | None] = {}

    def __call__(self, work: str) -> Act | None:
        if work not in self._cache:
            self._cache[work] = self.corpus.load(work) if self.corpus.exists(work) else None
        return self._cache[work]
