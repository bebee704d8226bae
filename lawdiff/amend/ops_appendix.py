"""replace-appendix: a whole appendix gets a new text, usually the amending act's own
appendix ("1-қосымша осы бұйрыққа 1-қосымшаға сәйкес жаңа редакцияда жазылсын"), copied
with its eIds re-based under the target; or a quoted wording parsed like any body.
"""

from __future__ import annotations

from lawdiff import LawdiffError
from lawdiff.amend import content
from lawdiff.amend.context import Run, what
from lawdiff.amend.ops import Operation
from lawdiff.amend.tree import absent_placeholder, resolve, supersede


def _source(op: Operation, run: Run, w: str):
    hits = [a for a in run.amending.root.findall("appendix") if a.get("num") == op.source_appendix]
    if len(hits) != 1:
        raise LawdiffError(f"{w}: {run.amending.id} has no appendix {op.source_appendix}")
    return hits[0]


def _summary(el) -> str:
    paras = [(p.text or "").strip() for p in el.iter("p", "mark", "heading")]
    rows = len(list(el.iter("row")))
    head = " / ".join(p for p in paras[:3] if p)
    return f"{head} … ({len(paras)} paragraphs" + (f", {rows} tariff rows)" if rows else ")")


def apply(op: Operation, run: Run) -> None:
    w = what(op)
    kind, num = op.path[-1]
    if kind != "appendix":
        raise LawdiffError(f"{w}: the target is not an appendix")
    found = resolve(run.target, op.path, run.clock, create=False, what=w)
    if op.source_appendix:
        new = content.copy_appendix(_source(op, run, w), found.path)
    elif op.text:
        new = content.build("appendix", num, op.text, found.path)
    else:
        raise LawdiffError(f"{w}: no new text (neither an appendix of the act nor a quoted wording)")
    if found.element is None:
        holder = absent_placeholder(found, kind, num, run.clock)
        run.clock.mark_start(new)
        holder.addnext(new)
        run.change(new.get("eId"), None, _summary(new), "earlier text not in the corpus")
        return
    before = _summary(found.element)
    supersede(found.element, new, run.clock, run.notes, w)
    run.change(new.get("eId"), before, _summary(new))
