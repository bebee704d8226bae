"""Time: entry-into-force rules, bounds that may be undetermined, intervals and status.

Every date lawdiff answers with is computed here, from a work's lifecycle events. Nothing is
guessed: when a fact is missing (the seeds carry no publication dates) a bound is
*undetermined* and carries the earliest date it could be and the reason, and queries answer
with a status that says so (see :func:`status_at`). Intervals are half-open ``[start, end)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import field
from typing import Any

from lxml import etree

from lawdiff import LawdiffError
from lawdiff.frozen import frozen

from lawdiff.model import version as V
from lawdiff.model.act import Act, Event
from lawdiff.model.version import State

#: Loads a work of the corpus by id (None when the corpus does not hold it); see records.Lookup.
ActLookup = Callable[[str], "Act | None"]


@frozen
class Rule:
    """A named entry-into-force rule: the event it counts from and the days it adds."""

    name: str
    counts_from: str          # "published" | "signed" | "fixed"
    days: int
    description: str
    citation: str = ""        # the law a rule comes from when the act itself says nothing


#: Ten calendar days must elapse after the day of first official publication, so the act is
#: in force from publication + 11 days: published 20 Dec -> the ten days are 21..30 Dec ->
#: in force 31 Dec.
PUBLICATION_PLUS_10 = Rule(
    "publication+10d", "published", 11,
    "in force after ten calendar days have elapsed from the day of first official publication",
)
FROM_PUBLICATION = Rule(
    "from-publication", "published", 0,
    "in force from the day of first official publication",
)
FROM_SIGNING = Rule(
    "from-signing", "signed", 0, "in force from the day of signing",
)
FIXED_DATE = Rule("fixed-date", "fixed", 0, "in force from the date the text names")
#: An act with no entry-into-force clause falls under the statutory default: ten calendar
#: days after first official publication (Law of the Republic of Kazakhstan "On legal acts").
DEFAULT = Rule(
    "default", "published", 11,
    "no entry-into-force clause: statutory default, ten calendar days after first official publication",
    "Law of the Republic of Kazakhstan \"On legal acts\" (default entry into force)",
)
RULES = {r.name: r for r in (PUBLICATION_PLUS_10, FROM_PUBLICATION, FROM_SIGNING, FIXED_DATE, DEFAULT)}


@frozen
class Bound:
    """A start or end date: known (``date``) or undetermined (``earliest`` and a reason)."""

    date: dt.date | None
    earliest: dt.date | None
    reason: str
    default: bool = False     # computed by the statutory default rule, not by the act's text

    @property
    def determined(self) -> bool:
        return self.date is not None

    @property
    def lower(self) -> dt.date | None:
        """The earliest date this bound can be (the date itself when determined)."""
        return self.date or self.earliest

    def to_json(self) -> dict[str, str | bool | None]:
        return {"date": _iso(self.date), "earliest": _iso(self.earliest),
                "determined": self.determined, "default": self.default, "reason": self.reason}


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def known(d: dt.date, reason: str) -> Bound:
    return Bound(d, None, reason)


@frozen
class Status:
    """The answer for one date: a state and why."""

    state: State
    reason: str

    @property
    def in_force(self) -> bool:
        return self.state.applies

    def to_json(self) -> dict[str, str]:
        return {"status": self.state, "reason": self.reason}


STATE_LABELS = {s: s.label for s in State}
#: How an answer names where a fact came from: the act's text, a note, a person.
ORIGIN_LABELS = {"user": "recorded by a person", "text": "stated in the text", "note": "from a note",
                 "amendment": "from an applied amendment", "default": "statutory default"}


def said_by(ev: Event) -> str:
    """"recorded by a person: <source>" / "from a note: <source>": every answer that rests on
    an event says which kind of fact it is."""
    return f"{ORIGIN_LABELS.get(ev.origin, ev.origin)}: {ev.source}"


# -- entry into force of a work --------------------------------------------------------------

def _first(events: list[Event], kind: str, **match: object) -> Event | None:
    """The user's fact wins over one read from the text; among equals, the last recorded."""
    hits = [e for e in events if e.kind == kind and all(getattr(e, k) == v for k, v in match.items())]
    if not hits:
        return None
    users = [e for e in hits if e.origin == "user"]
    return (users or hits)[-1]


def apply_rule(rule: Rule, *, published: dt.date | None, signed: dt.date | None,
               earliest_publication: dt.date | None, what: str, quote: str | None = None) -> Bound:
    """The entry into force given by ``rule`` from the facts known (any may be None).

    ``quote`` is the sentence the rule was read from, as stored in the act (its own words, in
    its own language); the reason quotes it. Without one, only a rule that comes from a law
    (the statutory default) cites that law: no phrase is ever put in an act's mouth."""
    source = f" (\"{quote}\")" if quote else (f" ({rule.citation})" if rule.citation else "")
    if rule.counts_from == "published":
        base = f"{what}: {rule.description}{source}"
        if published:
            return Bound(published + dt.timedelta(days=rule.days), None,
                         f"{base}; published {published.isoformat()}", default=rule is DEFAULT)
        earliest = earliest_publication + dt.timedelta(days=rule.days) if earliest_publication else None
        why = f"{base}; the date of first official publication is not recorded"
        if earliest:
            why += f", so it cannot be earlier than {earliest.isoformat()}"
        return Bound(None, earliest, why, default=rule is DEFAULT)
    if rule.counts_from == "signed":
        if signed:
            return Bound(signed, None, f"{what}: {rule.description}{source}; signed {signed.isoformat()}")
        return Bound(None, None, f"{what}: {rule.description}{source}; the date of signing is not recorded")
    raise ValueError(f"rule {rule.name} needs a fixed date")


def entry_into_force(act: Act) -> Bound:
    """When ``act`` entered (or enters) into force, from its lifecycle."""
    events = act.events()
    eif = _first(events, "entry-into-force")
    if eif and eif.date:
        return known(eif.date, f"entry into force {eif.date.isoformat()} ({eif.origin}: {eif.source})")
    published = _first(events, "published")
    signed = _first(events, "signed") or _first(events, "adopted")
    registered = _first(events, "registered")
    # Publication cannot precede adoption, nor, for an act subject to state registration,
    # its registration.
    earliest_pub = max(d for d in (act.date, registered.date if registered else None) if d)
    if eif is None:
        # A partial text whose entry-into-force clause we do not hold: no rule can be applied.
        return Bound(None, earliest_pub, f"{act.id}: the entry-into-force clause is not in the corpus "
                     f"(partial text); not in force before its adoption/registration {earliest_pub.isoformat()}")
    rule = RULES.get(eif.rule) if eif.rule else DEFAULT
    if rule is None:
        raise LawdiffError(f"{act.id}: unknown entry-into-force rule {eif.rule!r} (known: {', '.join(RULES)})")
    return apply_rule(rule, published=published.date if published else None,
                      signed=signed.date if signed else act.date,
                      earliest_publication=earliest_pub, what=act.id,
                      quote=eif.source if eif.origin != "default" else None)


def external_entry_into_force(event: Event) -> Bound:
    """Entry into force of an act known only through an event in another work's lifecycle
    (an "Ескерту" note naming the amending act, its date and its entry-into-force phrase)."""
    if event.date:
        return known(event.date, f"{event.by}: effective {event.date.isoformat()} ({event.origin}: {event.source})")
    rule = RULES.get(event.rule or "", None)
    if rule is None:
        return Bound(None, event.by_date, f"{event.by}: entry into force not stated ({event.source})")
    return apply_rule(rule, published=None, signed=event.by_date,
                      earliest_publication=event.by_date, what=event.by or "amending act", quote=event.source)


def repeal(act: Act) -> tuple[Bound, str] | None:
    """When ``act`` stops being in force by repeal, and the repealing act, if it is repealed."""
    ev = _first(act.events(), "repealed")
    if not ev:
        return None
    if ev.date:
        return known(ev.date, f"repealed from {ev.date.isoformat()} by {ev.by or 'a later act'} ({said_by(ev)})"), ev.by or ""
    return external_entry_into_force(ev), ev.by or ""


def _end_event(act: Act, kind: str, start: Bound) -> Bound | None:
    """When ``act`` was cancelled ("Отменено") or expired, from its lifecycle. An expiry whose
    date no one recorded ("Мерзімі өткендіктен қолданыс тоқтатылды" gives none) is
    undetermined: any date after the act's start may be past it."""
    ev = _first(act.events(), kind)
    if not ev:
        return None
    if ev.date:
        return known(ev.date, f"{kind} from {ev.date.isoformat()} ({said_by(ev)})")
    if kind == "cancelled" and (ev.rule or ev.by):
        return external_entry_into_force(ev)
    return Bound(None, start.lower, f"{kind} on a date not recorded ({said_by(ev)})")


@frozen
class WorkInterval:
    """When a work is in force: entry into force, the period it applies to, repeal."""

    start: Bound
    end: Bound | None
    end_state: State = State.REPEALED   # what the end means: repealed, cancelled or expired
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.to_json(), "until": self.end.to_json() if self.end else None,
                "ends_by": self.end_state if self.end else None}


def work_interval(act: Act) -> WorkInterval:
    """The in-force interval of a work, period of application and repeal included."""
    start = entry_into_force(act)
    end: Bound | None = None
    end_state = State.REPEALED
    period = act.period
    if period:
        p_from, p_until, phrase = period
        if start.date is not None and start.date < p_from:
            start = known(p_from, f"applies from {p_from.isoformat()} (\"{phrase}\"); {start.reason}")
        elif not start.determined and (start.earliest is None or start.earliest < p_from):
            start = Bound(None, p_from, f"applies from {p_from.isoformat()} (\"{phrase}\") at the earliest; {start.reason}",
                          default=start.default)
        end, end_state = known(p_until, f"period of application \"{phrase}\" ends {p_until.isoformat()}"), State.EXPIRED
    rep = repeal(act)
    ends = [(rep[0], State.REPEALED)] if rep else []
    for state in (State.CANCELLED, State.EXPIRED):
        bound = _end_event(act, state, start)
        if bound is not None:
            ends.append((bound, state))
    for bound, state in ends:
        if end is None or (bound.lower and (end.lower is None or bound.lower < end.lower)) \
                or (not bound.determined and bound.lower is None and end.lower is None):
            end, end_state = bound, state
    return WorkInterval(start, end, end_state)


# -- status at a date --------------------------------------------------------------------------

def status_at(start: Bound, end: Bound | None, when: dt.date, *, end_state: State = State.REPEALED,
              competing: bool = False) -> Status:
    """The state on ``when`` of something in force over [start, end).

    - before the earliest possible start: not yet in force (certain);
    - start undetermined and ``when`` past its earliest date: "in force (unconfirmed)", or
      "uncertain" when ``competing`` (another version could be the one in force instead);
    - end undetermined and ``when`` past its earliest date: "uncertain" (it may have ended);
    - on or after a determined end: repealed / expired.
    """
    if start.lower and when < start.lower:
        return Status(State.NOT_YET_IN_FORCE, f"not in force before {start.lower.isoformat()}: {start.reason}")
    if start.lower is None and not start.determined:
        return Status(State.UNCERTAIN, start.reason)
    if end is not None:
        if end.date is not None and when >= end.date:
            return Status(end_state, end.reason)
        if not end.determined and end.earliest and when >= end.earliest:
            return Status(State.UNCERTAIN, f"may have ended: {end.reason}")
    if not start.determined:
        if competing:
            return Status(State.UNCERTAIN, f"may not yet apply: {start.reason}")
        return Status(State.IN_FORCE_UNCONFIRMED, start.reason)
    reason = start.reason
    if start.default:
        reason += " (statutory default rule)"
    return Status(State.IN_FORCE, reason)


def combine(outer: Status, inner: Status) -> Status:
    """The status of a provision inside a work: the weaker of the two answers."""
    return outer if outer.state.strength < inner.state.strength else inner


# -- versions of provisions -------------------------------------------------------------------

def amending_act_start(act: Act, by: str, lookup: ActLookup | None) -> Bound:
    """When the act ``by`` took effect on ``act``: from ``by``'s own lifecycle when it is in the
    corpus, else from what ``act``'s lifecycle says of it (its notes, or a user's fact)."""
    events = [e for e in act.events() if e.by == by and e.kind in ("amended", "repealed")]
    user = [e for e in events if e.origin == "user" and e.date]
    if user:
        return external_entry_into_force(user[-1])
    other = lookup(by) if lookup is not None else None
    if other is not None:
        bound = entry_into_force(other)
        return Bound(bound.date, bound.earliest, bound.reason, bound.default)
    if events:
        return external_entry_into_force(events[0])
    return Bound(None, None, f"{by}: not in the corpus and no note gives its entry into force")


@frozen
class VersionInterval:
    """The bounds of one version of a provision, and whether another version competes."""

    start: Bound
    end: Bound | None
    end_state: State
    by: str | None          # the act that gave this wording (None: the work's own text)
    absent: bool            # the wording is not in the corpus
    competing: bool         # it replaced an earlier version (so an undetermined start is uncertain)

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.to_json(), "until": self.end.to_json() if self.end else None,
                "by": self.by}


def version_interval(act: Act, el: etree._Element, lookup: ActLookup | None,
                     work: WorkInterval | None = None) -> VersionInterval:
    """The interval of one version element (its bounds, or its holder's; none: the work's own
    interval)."""
    work = work or work_interval(act)
    v = V.of(el)
    by = v.by
    if v.start_date:
        start = known(v.start_date, f"this wording applies from {v.start}" + (f" (given by {by})" if by else ""))
    elif by:
        start = amending_act_start(act, by, lookup)
    else:
        start = work.start
    end, end_state = work.end, work.end_state
    if v.until_date:
        end, end_state = known(v.until_date, f"this wording applies until {v.until}"), State.REPEALED
    elif v.ended_by:
        end, end_state = amending_act_start(act, v.ended_by, lookup), State.REPEALED
    holder = V.holder(el)
    end, end_state = _ancestor_end(act, holder, end, end_state, lookup)
    if end is not work.end:
        end = _unordered_end(act, holder, start, end, lookup)
    start = _unordered_start(act, holder, start, lookup)
    if work.end is not None and end is not None and end is not work.end:
        if work.end.lower and end.lower and work.end.lower < end.lower:
            end, end_state = work.end, work.end_state
    return VersionInterval(start, end, end_state, by, V.wording_absent(el), competing=bool(by))


def _ancestor_end(act: Act, holder: etree._Element, end: Bound | None, end_state: State,
                  lookup: ActLookup | None) -> tuple[Bound | None, State]:
    """A version inside a unit that ended ends with it: a paragraph an earlier act reworded
    inside a subclause a later act deleted is not in force after the deletion."""
    for anc in holder.iterancestors():
        a = V.own(anc)
        if a.until_date:
            bound = known(a.until_date, f"the unit holding it applies until {a.until}")
        elif a.ended_by:
            bound = amending_act_start(act, a.ended_by, lookup)
        else:
            continue
        if end is None or (bound.lower and (end.lower is None or bound.lower < end.lower)):
            end, end_state = bound, State.REPEALED
    return end, end_state


# -- acts whose order the known dates do not decide ------------------------------------------------
#
# Two acts change one provision; one's entry into force is undetermined and its earliest day is
# not after the other's start, so either may have come first. The corpus keeps them in the order
# of their earliest dates (lawdiff/amend/order.py); on the days both may have taken effect,
# either wording may be the one in force: the later version's start and the earlier version's
# end are undetermined, and both answers are "uncertain", with the reason.

def _known_before(first: Bound, then: Bound) -> bool:
    """Is what starts at ``first`` known to come no later than ``then``? Only a determined
    date can say so: an undetermined one may fall after any day."""
    return first.date is not None and then.lower is not None and first.date <= then.lower


def _unordered_start(act: Act, holder: etree._Element, start: Bound, lookup: ActLookup | None) -> Bound:
    """The start of a version given by an act whose order against an act that shaped the
    version before it is not known."""
    by, given_from = V.own(holder).by, V.own(holder).start
    if not by or given_from:
        return start
    for first in _predecessor_acts(holder, by):
        other = amending_act_start(act, first, lookup)
        if not _known_before(other, start):
            return Bound(None, start.lower, _order_reason(first, other, by, start), start.default)
    return start


def _unordered_end(act: Act, holder: etree._Element, start: Bound, end: Bound | None,
                   lookup: ActLookup | None) -> Bound | None:
    """The end of a version whose own act's entry into force is undetermined: the act that ends
    it may have taken effect first, and then this wording came after it."""
    own = V.own(holder)
    if end is None or not own.by or own.start or _known_before(start, end):
        return end
    return Bound(None, end.lower, _order_reason(own.by, start, "the act that ends this wording", end),
                 end.default)


def _order_reason(first: str, first_start: Bound, then: str, then_start: Bound) -> str:
    if first_start.date is not None and then_start.date is not None:
        return (f"the recorded dates put {first} ({first_start.date.isoformat()}) after {then} "
                f"({then_start.date.isoformat()}), but the corpus holds them in the other order: "
                "which wording applies is not settled until the acts are applied again in date order")
    return (f"{first} and {then} both change this provision and which took effect first is not "
            f"known: {first_start.reason}; {then_start.reason}")


def _predecessor_acts(holder: etree._Element, by: str) -> list[str]:
    """The acts that gave the version (or wordings inside it) that ``by`` ended, before
    ``holder``."""
    out: list[str] = []
    for prev in holder.getparent():
        if prev is holder or prev.tag != holder.tag or prev.get("eId") != holder.get("eId") \
                or V.own(prev).ended_by != by:
            continue
        for el in prev.iter():
            v = V.own(el) if isinstance(el.tag, str) else None
            if v is not None and v.by and v.by != by and not v.start:
                out.append(v.by)
    return list(dict.fromkeys(out))


def version_status(act: Act, el: etree._Element, when: dt.date, lookup: ActLookup | None,
                   work: WorkInterval | None = None) -> tuple[Status, VersionInterval]:
    """The status of one version on ``when``, within its work's own status."""
    work = work or work_interval(act)
    vi = version_interval(act, el, lookup, work)
    return interval_status(vi, work, when), vi


def interval_status(vi: VersionInterval, work: WorkInterval, when: dt.date) -> Status:
    """The status on ``when`` of a version whose interval is known (computed from the XML, or
    read back from the derived index: both answer through this one function)."""
    st = status_at(vi.start, vi.end, when, end_state=vi.end_state, competing=vi.competing)
    st = combine(status_at(work.start, work.end, when, end_state=work.end_state), st)
    if vi.absent and st.state.may_apply:
        st = Status(State.NOT_IN_CORPUS, f"the wording in force then is not in the corpus ({st.reason})")
    return st
