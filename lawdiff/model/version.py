"""The version core: the one reader of the attributes that bound a version, and its states.

Any unit of a work may carry ``from``/``until`` (ISO dates), ``by``/``ended-by`` (the amending
work whose entry into force starts/ends this wording) and ``absent="true"`` (this wording is
not in the corpus). A unit without bounds lives by its nearest bounded ancestor, its *holder*
(an indent inside a clause given by an amendment). Every module asks these questions here, so
the rule is written once; what a bound means on a given day is computed by :mod:`lawdiff.time`,
which answers with a :class:`State`. The model only reads attributes: no dates are computed.

"Absent" has one definition, :func:`marked_absent` (the element says so). Two questions are
built on it and answer different things on purpose:

- :func:`wording_absent`: is *this version's* wording unknown (the element or its holder is
  marked)? A clause that order 308 gave to the Rules of order 379 has a known wording, though
  the Rules around it are absent. Dates and readings ask this.
- :func:`within_absent`: is the element, or any unit that holds it, marked? Then the text
  *around* it is not in the corpus, so an amendment's target or its neighbours cannot be
  checked. The applier asks this.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from lxml import etree

from lawdiff.frozen import frozen

#: The attributes that bound a version (``absent`` says whether its wording is known).
BOUNDS = ("from", "until", "by", "ended-by")
ATTRS = (*BOUNDS, "absent")


class State(StrEnum):
    """What an answer for one date says of a work or a version (the JSON ``status``)."""

    IN_FORCE = "in-force"
    IN_FORCE_UNCONFIRMED = "in-force-unconfirmed"
    UNCERTAIN = "uncertain"
    NOT_YET_IN_FORCE = "not-yet-in-force"
    REPEALED = "repealed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"
    NOT_IN_CORPUS = "not-in-corpus"

    @property
    def applies(self) -> bool:
        """In force on the date (confirmed or not)."""
        return self in (State.IN_FORCE, State.IN_FORCE_UNCONFIRMED)

    @property
    def may_apply(self) -> bool:
        """In force, or it cannot be ruled out (uncertain)."""
        return self.applies or self is State.UNCERTAIN

    @property
    def shown(self) -> bool:
        """Part of "the text on a date": it may apply, or it applies but its wording is unknown."""
        return self.may_apply or self is State.NOT_IN_CORPUS

    @property
    def ended(self) -> bool:
        """No longer in force: repealed, its period over, or cancelled."""
        return self in (State.REPEALED, State.EXPIRED, State.CANCELLED)

    @property
    def certain(self) -> bool:
        """The data determine the answer (not "uncertain", not "in force, unconfirmed")."""
        return self not in (State.UNCERTAIN, State.IN_FORCE_UNCONFIRMED)

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def strength(self) -> int:
        """Order for combining a work's state with its provision's: the weaker one wins."""
        return _STRENGTH.index(self)


_LABELS = {
    State.IN_FORCE: "in force",
    State.IN_FORCE_UNCONFIRMED: "in force (unconfirmed)",
    State.UNCERTAIN: "uncertain",
    State.NOT_YET_IN_FORCE: "not yet in force",
    State.REPEALED: "repealed",
    State.EXPIRED: "period ended",
    State.CANCELLED: "cancelled",
    State.NOT_IN_CORPUS: "not in the corpus",
}
_STRENGTH = [State.NOT_IN_CORPUS, State.CANCELLED, State.REPEALED, State.EXPIRED, State.NOT_YET_IN_FORCE,
             State.UNCERTAIN, State.IN_FORCE_UNCONFIRMED, State.IN_FORCE]


@frozen
class Version:
    """The bounds one element carries, as written (strings; dates via the properties)."""

    start: str | None          # ``from``
    until: str | None
    by: str | None             # the act that gave this wording
    ended_by: str | None       # the act that ended it
    absent: bool               # marked: this element's wording is not in the corpus

    @property
    def start_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.start) if self.start else None

    @property
    def until_date(self) -> dt.date | None:
        return dt.date.fromisoformat(self.until) if self.until else None

    @property
    def bounded(self) -> bool:
        return bool(self.start or self.until or self.by or self.ended_by)

    @property
    def has_end(self) -> bool:
        return bool(self.until or self.ended_by)

    @property
    def start_point(self) -> str:
        """Where it starts as written (a date, an act, or "" for the work's own start)."""
        return self.start or self.by or ""

    def gave_or_ended(self, work: str) -> bool:
        """Did ``work`` give this wording or end it?"""
        return work in (self.by, self.ended_by)


def own(el: etree._Element) -> Version:
    """The bounds written on ``el`` itself."""
    return Version(el.get("from") or None, el.get("until") or None, el.get("by") or None,
                   el.get("ended-by") or None, el.get("absent") == "true")


def bounded(el: etree._Element) -> bool:
    """Does ``el`` carry bounds of its own? (``own(el).bounded``, without building the
    Version: asked of every ancestor of every version.)"""
    get = el.get
    return bool(get("from") or get("until") or get("by") or get("ended-by"))


def holder(el: etree._Element) -> etree._Element:
    """The element whose bounds ``el`` lives by: itself, or its nearest bounded ancestor, or
    (nothing bounded) itself, living by the work's own interval."""
    for cand in [el, *el.iterancestors()]:
        if bounded(cand):
            return cand
    return el


def of(el: etree._Element) -> Version:
    """The bounds ``el`` lives by (its holder's)."""
    return own(holder(el))


def marked_absent(el: etree._Element | None) -> bool:
    """The one definition: the element says its wording is not in the corpus."""
    return el is not None and el.get("absent") == "true"


def absent_leaf(el: etree._Element) -> bool:
    """An absent unit holding nothing: it stands for all the wording inside it."""
    return marked_absent(el) and not len(el)


def wording_absent(el: etree._Element) -> bool:
    """Is this version's wording not in the corpus (``el`` or its holder marked)?"""
    return marked_absent(el) or marked_absent(holder(el))


def within_absent(el: etree._Element | None) -> bool:
    """Is ``el``, or a unit holding it, marked (the text around it is not in the corpus)?"""
    while el is not None:
        if marked_absent(el):
            return True
        el = el.getparent()
    return False


def acts_named(root: etree._Element) -> set[str]:
    """Every amending act named by a version bound under ``root`` (events excluded)."""
    out: set[str] = set()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag != "event":
            for act in (el.get("by"), el.get("ended-by")):
                if act:
                    out.add(act)
    return out
