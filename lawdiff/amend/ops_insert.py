"""insert: new units after the right sibling.

A numbered unit goes after the sibling with the greatest number below its own ("7-1)" after
"7)"), or after the unit the instruction names ("5-тармақтан кейін"); an unnumbered part or
indent is appended (inserting one in the middle would renumber its siblings, which lawdiff
refuses rather than guess). The unit must not be in force already. List punctuation is fixed
(see :mod:`lawdiff.amend.punctuation`).
"""

from __future__ import annotations

from lawdiff import LawdiffError
from lawdiff.amend import content, punctuation
from lawdiff.amend.context import Run, text_of, what
from lawdiff.amend.ops import Operation
from lawdiff.amend.tree import place, resolve
from lawdiff.model.ids import eid


def apply(op: Operation, run: Run) -> None:
    w = what(op)
    if not op.text:
        raise LawdiffError(f"{w}: no new wording")
    kind, num = op.path[-1]
    path = list(op.path)
    if num is None and kind in ("part", "indent"):
        parent = resolve(run.target, path[:-1], run.clock, create=False, what=w).element if path[:-1] else None
        if parent is None:
            raise LawdiffError(f"{w}: cannot number the new {kind}")
        count = len([c for c in parent if c.tag == content.element_tag(kind) and run.clock.in_force(c)])
        num = str(count + 1)
        path[-1] = (kind, num)
    found = resolve(run.target, path, run.clock, create=True, what=w)
    if found.element is not None:
        raise LawdiffError(f"{w}: {found.element.get('eId')} is already in force on the effective date")
    if kind in ("part", "indent") and not found.absent:
        tag = content.element_tag(kind)
        higher = [c for c in found.parent if c.tag == tag and run.clock.in_force(c)
                  and int(c.get("eId").rsplit("_", 1)[-1]) >= int(num)]
        if higher:
            raise LawdiffError(f"{w}: inserting {kind} {num} before {higher[0].get('eId')} would renumber it")
    try:
        new = content.build(kind, num, op.text, found.path,
                              renumber=op.status == "parsed-with-warning")
    except LawdiffError as exc:
        raise LawdiffError(f"{w}: {exc}") from None
    run.clock.mark_start(new)
    if op.after:
        anchor = resolve(run.target, op.after, run.clock, create=False, what=w).element
        if anchor is None or anchor.getparent() is not found.parent:
            raise LawdiffError(f"{w}: {eid(op.after)}, after which to insert, is not in force beside it")
        anchor.addnext(new)
    else:
        place(found.parent, new)
    run.change(new.get("eId"), None, text_of(new, run))
    punctuation.after_insert(new, run, w)
