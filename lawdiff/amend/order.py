"""Order independence: the corpus is the same whatever order the amending acts were applied in.

A work holds what applying its amending acts in the order of their effective dates gives
(acts effective on the same day: :func:`lawdiff.amend.tree.same_day_key`). When act A,
effective at E, comes to a work that acts effective after E have already changed, those
later acts are taken back in memory (:func:`undo`, newest first), A is applied to the
wordings in force at E, and the later acts are applied again, oldest first, each to the
wordings then in force. So:

- A's version slots in before the later ones, which stay in force from their own dates;
- a later act that replaced words is re-based on A's wording (A's change carries into the
  later wording where the later act only edited the text), and each re-based wording is
  reported;
- a later act whose instruction no longer fits A's wording (its words are gone, its target
  was deleted or not yet created) stops the application with the reason; nothing is
  written.

Only acts in the corpus whose operations are stored can be applied again; versions given by
acts known only from notes (or bounded by dates) stay where they are, and an earlier wording
applies until they start (reported by :func:`lawdiff.amend.tree.supersede`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from lxml import etree

from lawdiff import LawdiffError
from lawdiff import time as T
from lawdiff.amend import store
from lawdiff.amend.appliers import apply_ops
from lawdiff.amend.context import Run
from lawdiff.amend.ops import Operation
from lawdiff.amend.tree import Clock, same_day_key
from lawdiff.model import version as V
from lawdiff.model.act import Act

Lookup = Callable[[str], "Act | None"]


def apply_in_order(act: Act, target: Act, ops: list[Operation], effective: T.Bound,
                   lookup: Lookup) -> Run:
    """Apply ``ops`` of ``act`` to ``target`` as if every act were applied in date order."""
    later = later_acts(act, target, effective, lookup)
    before = {x.id: wordings(target, x.id) for x in later}
    for x in reversed(later):
        undo(target, x.id)
    run = apply_ops(act, target, ops, effective, lookup)
    for x in later:
        x_ops = [op for op in store.load(x).ops if op.work == target.id and op.status != "overridden"]
        start = T.entry_into_force(x)
        try:
            apply_ops(x, target, x_ops, start, lookup)
        except LawdiffError as exc:
            raise LawdiffError(
                f"{act.id} takes effect before {x.id} ({_when(start)}), already applied to "
                f"{target.id}, whose instruction no longer fits the wording {act.id} gives: {exc}; "
                "nothing written") from None
        rebased = [key for key, text in wordings(target, x.id).items() if before[x.id].get(key) != text]
        run.notes.append(f"{x.id} takes effect later ({_when(start)}) and was already applied: "
                         f"applied again after {act.id}, its wordings stay in force from its own date")
        for _tag, eid_ in rebased:
            run.notes.append(f"{x.id}: its wording of {eid_} is re-based on the wording {act.id} "
                             "gives (its instruction was checked against it)")
    return run


def _when(bound: T.Bound) -> str:
    if bound.determined:
        return bound.date.isoformat()
    return f"not before {bound.earliest.isoformat()}" if bound.earliest else "date undetermined"


def later_acts(act: Act, target: Act, effective: T.Bound, lookup: Lookup) -> list[Act]:
    """The acts already applied to ``target`` that take effect after ``act``, oldest first.

    Only acts in the corpus with stored operations (they can be applied again); the order is
    that of :meth:`Clock.compare` (earliest possible date, then the same-day order)."""
    clock = Clock(target, act.id, effective, lookup, same_day_key(act))
    ids = dict.fromkeys(e.by for e in target.events()
                        if e.origin == "amendment" and e.by and e.by != act.id)
    out = []
    for by in ids:
        other = lookup(by)
        if other is None or not store.has_stored(other) or clock.compare("act", by) <= 0:
            continue
        out.append(other)

    def key(x: Act) -> tuple:
        lower = T.entry_into_force(x).lower
        return (lower or dt.date.min, same_day_key(x))

    return sorted(out, key=key)


def _elements(target: Act) -> list[etree._Element]:
    """The units that carry versions (not notes or references that name the act too)."""
    return target.units()


def wordings(target: Act, by: str) -> dict[tuple[str, str], str]:
    """The text of every version ``by`` gave in ``target``, by (tag, eId)."""
    return {(el.tag, el.get("eId") or ""): " ".join("".join(el.itertext()).split())
            for el in _elements(target) if V.own(el).by == by}


def undo(target: Act, by: str) -> None:
    """Take back what applying ``by`` did to ``target`` (the exact inverse, when ``by`` is the
    latest act applied to it): its versions go, the versions it ended get their end back, the
    absent placeholders and containers it created go, and so do its lifecycle events."""
    for el in [e for e in _elements(target) if V.own(e).ended_by == by]:
        if _placeholder(el):
            el.getparent().remove(el)
            continue
        end = _end_before(el, by)
        del el.attrib["ended-by"]
        if end:
            el.set(*end)
    emptied = []
    for el in [e for e in _elements(target) if V.own(e).by == by]:
        parent = el.getparent()
        parent.remove(el)
        emptied.append(parent)
    for parent in emptied:
        _drop_empty_containers(parent)
    for event in target.root.findall("lifecycle/event"):
        if event.get("by") == by and event.get("origin") == "amendment":
            event.getparent().remove(event)


def _placeholder(el: etree._Element) -> bool:
    """An absent version the act created to end at its date (its wording before it unknown)."""
    v = V.own(el)
    return V.absent_leaf(el) and not v.by and not v.start


def _end_before(el: etree._Element, by: str) -> tuple[str, str] | None:
    """The end ``el`` had before ``by`` closed it: handed to ``by``'s new version (see
    :func:`lawdiff.amend.tree.supersede`), else where the next version of its unit starts."""
    same = [c for c in el.getparent() if c.tag == el.tag and c.get("eId") == el.get("eId")]
    for c in same:
        v = V.own(c)
        if v.by == by and v.has_end:
            return ("until", v.until) if v.until else ("ended-by", v.ended_by)
    nxt = [V.own(c) for c in same[same.index(el) + 1:] if V.own(c).by != by]
    if nxt and nxt[0].start:
        return "until", nxt[0].start
    if nxt and nxt[0].by:
        return "ended-by", nxt[0].by
    return None


def _drop_empty_containers(el: etree._Element | None) -> None:
    """Remove absent containers left empty: created on the way to a target of the act taken
    back (see :func:`lawdiff.amend.tree.add_container`)."""
    while el is not None and V.absent_leaf(el) and not V.bounded(el):
        parent = el.getparent()
        parent.remove(el)
        el = parent


__all__ = ["apply_in_order", "later_acts", "undo", "wordings"]
