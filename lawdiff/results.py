"""The typed answers of the Python API, and the one serialiser of the ``--json`` contract.

Every query of :mod:`lawdiff.api` (and history and blame of :mod:`lawdiff.review`) returns one
of these dataclasses; the CLI, the web reader and scripts turn them into JSON with
:func:`to_json`, so each name and each shape is decided here once (docs/json.md, and a JSON
Schema per command in schemas/json/). A field's JSON name is its own unless it is a Python
keyword or an id (``start`` → ``from``, ``end`` → ``until``, ``eid`` → ``eId``); a field marked
``flat`` lends its keys to the object holding it (a status's ``status`` and ``reason``, a
version's ``from``, ``until`` and ``by``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lawdiff.frozen import frozen
from lawdiff.model.act import Event
from lawdiff.time import Bound, Status, VersionInterval, WorkInterval

if TYPE_CHECKING:
    from lawdiff.diff import Change

#: What :func:`to_json` returns: JSON data (dicts, lists, strings, numbers, booleans, None).
JSON = Any


def named(name: str, **kw: Any) -> Any:
    """A field whose JSON name differs from its Python name."""
    return field(metadata={"json": name}, **kw)


def flat(**kw: Any) -> Any:
    """A field whose JSON keys are merged into the object holding it."""
    return field(metadata={"flat": True}, **kw)


def to_json(value: object) -> JSON:
    """JSON data of a result, a list of results, or a plain value: dates as ISO strings,
    decimals with their printed scale ("948.30", "587"), bounds and statuses in their one shape."""
    if hasattr(value, "to_json"):   # results, and the bounds, statuses, events and changes they hold
        return value.to_json()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


class Result:
    """A typed answer; :meth:`to_json` gives its JSON by the rules of the module docstring."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]  # every subclass is a dataclass
            value = to_json(getattr(self, f.name))
            if f.metadata.get("flat"):
                out.update(value)
            else:
                out[f.metadata.get("json", f.name)] = value
        return out


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# -- works --------------------------------------------------------------------------------------------

@frozen(kw_only=True)
class WorkSummary(Result):
    """One work as ``ls`` lists it."""

    work: str
    type: str
    number: str | None
    date: dt.date | None
    title: str
    place: str | None
    place_latin: str | None
    setting: str | None
    complete: bool
    aliases: dict[str, str]

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> WorkSummary:
        """From the record :func:`lawdiff.records.work_summary` builds (and the index stores)."""
        return cls(**{**record, "date": _date(record["date"])})


@frozen(kw_only=True)
class WorkAt(Result):
    """A work and its status on a date (``at``)."""

    summary: WorkSummary = flat()
    status: Status = flat()
    interval: WorkInterval


# -- tariffs ------------------------------------------------------------------------------------------

@frozen(kw_only=True)
class TariffRow(Result):
    """One tariff row as printed."""

    work: str
    row: int
    category: str | None
    service: str
    position: str
    price: Decimal
    currency: str
    unit: str
    setting: str | None
    eid: str = named("eId")

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> TariffRow:
        """From the record :func:`lawdiff.records.row_json` builds (and the index stores)."""
        data = {k: v for k, v in record.items() if k != "eId"}
        return cls(**{**data, "price": Decimal(record["price"]), "eid": record["eId"]})


@frozen(kw_only=True)
class TariffRowAt(Result):
    """A tariff row in force on a date, with its status and the bounds of its wording."""

    record: TariffRow = flat()
    status: Status = flat()
    version: VersionInterval = flat()


# -- provisions --------------------------------------------------------------------------------------

@frozen(kw_only=True)
class ProvisionAt(Result):
    """One text-bearing provision on a date: its wording (None: not in the corpus), status, bounds."""

    eid: str = named("eId")
    text: str | None
    status: Status = flat()
    version: VersionInterval = flat()


@dataclass(kw_only=True)
class Shown(Result):
    """A work as in force on a date, provision by provision (``show --json``)."""

    work: str
    title: str
    citation: str
    url: str | None
    at: dt.date
    status: Status = flat()
    interval: WorkInterval
    complete: bool
    coverage: str | None
    provisions: list[ProvisionAt]


# -- lifecycle -----------------------------------------------------------------------------------------

@frozen(kw_only=True)
class WordingChange(Result):
    """A provision another act gave a wording, and when that took effect."""

    eid: str = named("eId")
    by: str
    start: Bound = named("from")


@frozen(kw_only=True)
class Timeline(Result):
    """A work's events, the interval computed from them, and the wordings other acts gave."""

    work: str
    title: str
    events: list[Event]
    interval: WorkInterval
    changes: list[WordingChange]


@frozen(kw_only=True)
class EventEntry(Result):
    """A lifecycle fact with the id ``event remove`` takes and who gave it, in words."""

    id: str
    event: Event = flat()
    given_by: str


# -- history and blame -----------------------------------------------------------------------------------

@frozen(kw_only=True)
class HistoryVersion(Result):
    """One version of a provision: who gave it, its bounds, and its redline against the one before."""

    n: int
    act: str
    by: str | None
    ended_by: str | None
    absent: bool
    text: str | None
    price: Decimal | None
    start: Bound = named("from")
    end: Bound | None = named("until")
    ends_by: str | None
    redline: Change | None


@frozen(kw_only=True)
class ProvisionHistory(Result):
    """Every version of one provision (``log``)."""

    eid: str = named("eId")
    label: str
    versions: list[HistoryVersion]


@dataclass(kw_only=True)
class History(Result):
    """The history of a work's provisions (``log --json``)."""

    work: str
    title: str
    complete: bool
    coverage: str | None
    known_as_of: dict[str, str] | None
    provisions: list[ProvisionHistory]


@frozen(kw_only=True)
class BlameLine(Result):
    """A provision in force on a date, the act that gave its wording and since when."""

    eid: str = named("eId")
    label: str
    text: str | None
    price: Decimal | None
    status: Status = flat()
    act: str
    by: str | None
    start: Bound = named("from")
    end: Bound | None = named("until")


@dataclass(kw_only=True)
class Blame(Result):
    """Who gave each wording in force on a date (``blame --json``)."""

    work: str
    title: str
    at: dt.date
    status: Status = flat()
    complete: bool
    coverage: str | None
    known_as_of: dict[str, str] | None
    provisions: list[BlameLine]
