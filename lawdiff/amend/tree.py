"""Finding an operation's target in a versioned work, and closing / adding versions.

A target is the version of a unit in force on the amending act's effective date E. Versions
are bounded by ``from``/``until`` dates, or by ``by``/``ended-by`` acts whose entry into force
may be undetermined (then its earliest possible date stands in); E of the act being applied
is a point of its own, so a version it starts is in force at E and one it ends is not.

Where the work's text is not in the corpus (an element marked ``absent``, such as the Rules
of order 379), a target cannot be checked; the units on its path are created as absent
containers, the wording the act gives is added from E, and an absent version ending at E
says that the earlier wording is not in the corpus.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from collections.abc import Callable

from lxml import etree

from lawdiff import LawdiffError
from lawdiff import time as T
from lawdiff.amend.content import element_tag, last_text
from lawdiff.model import version as V
from lawdiff.model.act import Act
from lawdiff.model.ids import eid, norm_num, parse_eid

Path = list[tuple[str, str | None]]
#: Children that come before the units of an appendix, and after them.
_APPENDIX_HEAD = ("mark", "heading")
_APPENDIX_TAIL = ("tariffs", "appendix")


@dataclass
class Clock:
    """The effective date E of the act being applied, and how other bounds compare with it."""

    target: Act
    by: str
    effective: T.Bound
    lookup: Callable[[str], Act | None]
    order_key: tuple
    _starts: dict[str, T.Bound] = field(default_factory=dict)

    def act_start(self, work: str) -> T.Bound:
        if work not in self._starts:
            self._starts[work] = T.amending_act_start(self.target, work, self.lookup)
        return self._starts[work]

    def same_day_key(self, work: str) -> tuple:
        other = self.lookup(work)
        if other is not None:
            return same_day_key(other)
        return (dt.date.max, 0, work)

    def compare(self, bound_kind: str, value: str) -> int:
        """-1 / 0 / +1: the point (a date, or an act's entry into force) is before / at /
        after E. Equal dates are ordered by :func:`same_day_key`."""
        if bound_kind == "act" and value == self.by:
            return 0
        e = self.effective.lower
        if bound_kind == "date":
            d = dt.date.fromisoformat(value)
            other_key = None
        else:
            start = self.act_start(value)
            d = start.lower
            other_key = self.same_day_key(value)
        if d is None:
            return -1  # nothing known of it: an earlier act we know nothing of
        if e is None:
            return -1
        if d != e:
            return -1 if d < e else 1
        if other_key is None:
            return 0 if self.effective.determined else -1
        return -1 if other_key < self.order_key else 1

    def starts(self, el: etree._Element) -> int:
        """Where ``el``'s version starts relative to E (-1 also for "since the work's start")."""
        v = V.own(el)
        if v.start:
            return self.compare("date", v.start)
        if v.by:
            return self.compare("act", v.by)
        return -1

    def ends(self, el: etree._Element) -> int | None:
        """Where ``el``'s version ends relative to E, None when it is open."""
        v = V.own(el)
        if v.until:
            return self.compare("date", v.until)
        if v.ended_by:
            return self.compare("act", v.ended_by)
        return None

    def in_force(self, el: etree._Element) -> bool:
        """Is this version (its own bounds) in force at E?"""
        end = self.ends(el)
        return self.starts(el) <= 0 and (end is None or end > 0)


def same_day_key(act: Act) -> tuple:
    """Order of acts that take effect on the same day: adopted earlier first, then the lower
    number, then the work id. The later one prevails."""
    num = re.match(r"\d+", act.number or "")
    return (act.date or dt.date.min, int(num.group(0)) if num else 0, act.id)


def _num_key(num: str | None) -> tuple:
    if num is None:
        return (10 ** 9,)
    return tuple(int(p) if p.isdigit() else 10 ** 6 + ord(p[0]) for p in re.split(r"-", num) if p)


@dataclass
class Found:
    """A resolved target: the version in force (None: to be created), where it lives."""

    element: etree._Element | None
    parent: etree._Element
    path: Path                   # the path as stored (an implicit "part 1" dropped)
    absent: bool                 # the text around it is not in the corpus
    implicit_part: bool = False  # "part 1" of a unit that has no parts: the unit itself
    notes: list[str] = field(default_factory=list)


def top(act: Act, kind: str) -> etree._Element:
    if kind == "appendix":
        return act.root
    body = act.root.find("body")
    if body is None:
        raise LawdiffError(f"{act.id} has no body")
    return body


def in_force_children(parent: etree._Element, tag: str, eid_: str, clock: Clock) -> list[etree._Element]:
    return [c for c in parent if c.tag == tag and c.get("eId") == eid_ and clock.in_force(c)]


def _indents(unit: etree._Element, clock: Clock) -> list[etree._Element]:
    """The paragraphs (абзацтар) of a unit in force, counted across its parts, not inside
    its subclauses: "5-тармақтың екінші абзацы" counts from the clause's first line."""
    out = []
    for child in unit:
        if not clock.in_force(child):
            continue
        if child.tag == "p":
            out.append(child)
        elif child.tag == "part":
            out.extend(c for c in child if c.tag == "p" and clock.in_force(c))
    return out


#: Kinds numbered straight through the chapters (and sections) that hold them: "3-тармақ" of
#: Rules divided into chapters is clause 3 wherever its chapter is, and citations omit it.
_NUMBERED_THROUGH = ("clause", "article")
_CONTAINERS = ("section", "chapter", "subchapter")


def through_containers(parent: etree._Element, tag: str, num: str | None,
                       clock: Clock) -> list[etree._Element]:
    """Units ``tag`` numbered ``num`` in force at E inside the chapters/sections of ``parent``."""
    return [c for container in _containers(parent, clock) for c in container
            if c.tag == tag and c.get("num") is not None and norm_num(c.get("num")) == num
            and clock.in_force(c)]


def _containers(parent: etree._Element, clock: Clock) -> list[etree._Element]:
    out = []
    for child in parent:
        if child.tag in _CONTAINERS and clock.in_force(child):
            out.append(child)
            out.extend(_containers(child, clock))
    return out


def _insertion_parent(parent: etree._Element, kind: str, num: str | None, step_path: Path,
                      clock: Clock) -> tuple[etree._Element, Path]:
    """Where a new numbered unit goes when its parent is divided into chapters: the chapter
    holding its predecessor (the sibling with the greatest lower number); else ``parent``."""
    if kind not in _NUMBERED_THROUGH or num is None:
        return parent, step_path
    tag = element_tag(kind)
    key = _num_key(num)
    best = None
    for container in _containers(parent, clock):
        for c in container:
            if c.tag == tag and c.get("num") and clock.in_force(c) and _num_key(norm_num(c.get("num"))) < key:
                if best is None or _num_key(norm_num(c.get("num"))) > _num_key(norm_num(best.get("num"))):
                    best = c
    if best is None:
        return parent, step_path
    holder = best.getparent()
    return holder, parse_eid(holder.get("eId")) + [(kind, num)]


def resolve(act: Act, path: Path, clock: Clock, *, create: bool, what: str) -> Found:
    """The version of ``path`` in force at E.

    ``create``: the last step may be missing (insert); missing steps inside text that is not
    in the corpus are created as absent containers. Anything else missing is an error.
    """
    if not path:
        raise LawdiffError(f"{what}: no provision named")
    cur: etree._Element | None = None
    actual: Path = []
    implicit = False
    notes: list[str] = []
    for i, (kind, num) in enumerate(path):
        last = i == len(path) - 1
        parent = cur if cur is not None else top(act, kind)
        step_path = actual + [(kind, num)]
        tag = element_tag(kind)
        found = in_force_children(parent, tag, eid(step_path) if kind != "title" else "title", clock)
        if not found and kind in _NUMBERED_THROUGH:
            found = through_containers(parent, tag, num, clock)
            if len(found) == 1:
                step_path = parse_eid(found[0].get("eId"))
        if len(found) > 1:
            raise LawdiffError(f"{what}: {eid(step_path)} has {len(found)} versions in force at once")
        if found:
            cur, actual, implicit = found[0], step_path, False
            continue
        if kind == "part" and num == "1" and cur is not None and not any(c.tag == "part" for c in cur) \
                and not V.within_absent(cur):
            implicit = True  # a unit with one part: its part 1 is the unit itself
            continue
        if kind == "indent" and cur is not None and num and num.isdigit() and not V.within_absent(cur):
            paras = _indents(cur, clock)
            if int(num) <= len(paras):
                p = paras[int(num) - 1]
                if p.getparent() is not cur:
                    notes.append(f"{what}: indent {num} counted across the parts of {cur.get('eId')}: {p.get('eId')}")
                cur, implicit = p, False
                actual = parse_eid(p.get("eId"))
                continue
        if V.within_absent(parent if cur is None else cur) and cur is not None:
            if last:
                return Found(None, cur, step_path, True, notes=notes)
            cur = add_container(cur, kind, num, step_path)
            actual = step_path
            continue
        if last and create:
            return Found(None, *_insertion_parent(parent, kind, num, step_path, clock), False, notes=notes)
        where = f" in {parent.get('eId')}" if parent.get("eId") else ""
        raise LawdiffError(f"{what}: {eid(step_path) if kind != 'title' else 'title'} not found{where}"
                           " (no version in force on the effective date)")
    assert cur is not None
    return Found(cur, cur.getparent(), actual, V.within_absent(cur.getparent()), implicit, notes)


def place(parent: etree._Element, el: etree._Element) -> None:
    """Insert a new unit among its siblings in number order (units before tariffs and
    nested appendices; appendices last)."""
    tag, key = el.tag, _num_key(el.get("num") or (el.get("eId") or "").rsplit("_", 1)[-1])
    same = [c for c in parent if c.tag == tag]
    before = [c for c in same if _num_key(c.get("num") or c.get("eId", "").rsplit("_", 1)[-1]) <= key]
    if before:
        anchor = before[-1]
        last_same = [c for c in same if c.get("eId") == anchor.get("eId")][-1]
        last_same.addnext(el)
        return
    after = [c for c in same if c not in before]
    if after:
        after[0].addprevious(el)
        return
    if tag == "appendix":
        parent.append(el)
        return
    tail = [c for c in parent if c.tag in _APPENDIX_TAIL or c.tag == "signature"]
    if tail:
        tail[0].addprevious(el)
    else:
        parent.append(el)


def add_container(parent: etree._Element, kind: str, num: str | None, path: Path) -> etree._Element:
    """A unit on the way to a target inside text that is not in the corpus: absent itself
    (its other wording is unknown), holding whatever the amending act gives."""
    el = etree.Element(element_tag(kind))
    el.set("eId", eid(path))
    if num is not None and kind not in ("part", "indent"):
        el.set("num", num)
    if kind == "appendix":
        el.set("num", num or "1")
    el.set("absent", "true")
    place(parent, el)
    return el


# -- versions ---------------------------------------------------------------------------------


def close(old: etree._Element, clock: Clock) -> tuple[str, str] | None:
    """End ``old`` at E; returns the end it had (attribute, value) if it had one (a later
    version exists: the new one must stop there)."""
    v = V.own(old)
    had = ("ended-by", v.ended_by) if v.ended_by else ("until", v.until) if v.until else None
    old.attrib.pop("until", None)
    old.set("ended-by", clock.by)
    for inner in [d for d in old.iterdescendants() if isinstance(d.tag, str) and V.own(d).by == clock.by]:
        # a wording this act gave inside the unit it now ends would apply for no day at all
        inner.getparent().remove(inner)
    return had


def open_new(new: etree._Element, clock: Clock, end: tuple[str, str] | None) -> None:
    new.set("by", clock.by)
    if end:
        new.set(*end)


def supersede(old: etree._Element, new: etree._Element, clock: Clock, report: list[str], what: str) -> None:
    """Replace version ``old`` by ``new`` from E. A version this very act added is replaced in
    place (its later instruction wins); one that ends after E hands its end to ``new``."""
    if V.own(old).by == clock.by:
        for attr in V.BOUNDS:
            if old.get(attr):
                new.set(attr, old.get(attr))
        old.addprevious(new)
        old.getparent().remove(old)
        return
    end = close(old, clock)
    open_new(new, clock, end)
    if end:
        report.append(f"{what}: a later version of {old.get('eId')} starts at {end[1]}; "
                      f"this wording applies until then only")
    old.addnext(new)


def retext(p: etree._Element, text: str, clock: Clock, report: list[str], what: str) -> etree._Element:
    """A new wording of one text element: in place if this act gave it (or the unit it lives
    in), else a new version of the element from E."""
    if clock.by in (V.of(p).by, V.own(p).by):
        p.text = text
        return p
    new = etree.Element(p.tag)
    for k, v in p.attrib.items():
        if k not in V.BOUNDS:
            new.set(k, v)
    for child in p:
        new.append(child.__copy__())
    new.text = text
    supersede(p, new, clock, report, what)
    return new


def absent_placeholder(found: Found, kind: str, num: str | None, clock: Clock) -> etree._Element:
    """An absent version ending at E: the wording before the act is not in the corpus."""
    el = etree.Element(element_tag(kind))
    el.set("eId", eid(found.path) if kind != "title" else "title")
    if num is not None and kind not in ("part", "indent"):
        el.set("num", num)
    el.set("ended-by", clock.by)
    el.set("absent", "true")
    place(found.parent, el)
    return el


def siblings(el: etree._Element, clock: Clock) -> list[etree._Element]:
    """The in-force siblings of ``el`` of its own kind, in order (``el`` included)."""
    return [c for c in el.getparent() if c.tag == el.tag and (c is el or clock.in_force(c))]


def text_elements(el: etree._Element, clock: Clock) -> list[etree._Element]:
    """Every text-bearing element under ``el`` in force at E (its own versions only)."""
    out = []

    def walk(node: etree._Element) -> None:
        if node is not el and V.bounded(node) and not clock.in_force(node):
            return
        if node.tag in ("p", "title", "heading", "mark"):
            out.append(node)
            return
        for child in node:
            if isinstance(child.tag, str) and child.tag != "amendments":
                walk(child)

    walk(el)
    return out


def last_paragraph(el: etree._Element, clock: Clock) -> etree._Element | None:
    ps = [t for t in text_elements(el, clock) if t.tag == "p"]
    return ps[-1] if ps else None


__all__ = ["Clock", "Found", "resolve", "supersede", "retext", "close", "open_new", "place",
           "absent_placeholder", "siblings", "text_elements", "last_paragraph",
           "same_day_key", "add_container", "last_text"]
