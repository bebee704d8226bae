"""delete ("алып тасталсын", "исключить") and repeal of a provision ("күші жойылды деп
танылсын"): the version in force at E ends at E; no new version follows. Deleting the last
item of a list fixes the punctuation of the new last item; a repealed provision keeps its
place in the numbering, so no punctuation changes.
"""

from __future__ import annotations

from lawdiff import LawdiffError
from lawdiff.amend import punctuation
from lawdiff.amend.context import Run, text_of, what
from lawdiff.amend.ops import Operation
from lawdiff.amend.tree import absent_placeholder, close, resolve
from lawdiff.model import version as V


def apply(op: Operation, run: Run, *, fix_punctuation: bool = True) -> None:
    w = what(op)
    kind, num = op.path[-1]
    found = resolve(run.target, op.path, run.clock, create=False, what=w)
    run.notes.extend(found.notes)
    if found.element is None:
        absent_placeholder(found, kind, num, run.clock)
        run.change(_eid(found), "(wording not in the corpus)", None)
        return
    el = found.element
    if found.implicit_part:
        raise LawdiffError(f"{w}: {el.get('eId')} has one part; delete the unit itself")
    before = text_of(el, run)
    if fix_punctuation:
        punctuation.before_delete(el, run, w)
    if V.own(el).by == run.clock.by:
        el.getparent().remove(el)
    else:
        end = close(el, run.clock)
        if end:
            run.notes.append(f"{w}: {el.get('eId')} had a later version from {end[1]}; it stays")
    run.change(el.get("eId"), before, None)


def _eid(found) -> str:
    from lawdiff.model.ids import eid
    return eid(found.path)
