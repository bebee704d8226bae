"""List punctuation kept right when items are inserted or deleted.

A list introduced by a line ending in ":" has items ending in ";" and a last item ending in
".". Inserting after the last item turns the former last item's "." into ";"; deleting the
last item turns the new last item's ";" into ".". Only a list that shows the convention (an
item ending in ";") is touched, and only text that is in the corpus; each fix is a new
version of the paragraph from the amending act's effective date, reported in the redline.
"""

from __future__ import annotations

from lxml import etree

from lawdiff.amend.context import Run
from lawdiff.amend.tree import last_paragraph, retext, siblings
from lawdiff.model import version as V


def _uses_semicolons(items: list[etree._Element], run: Run) -> bool:
    for item in items:
        p = last_paragraph(item, run.clock)
        if p is not None and (p.text or "").rstrip().endswith(";"):
            return True
    return False


def after_insert(new: etree._Element, run: Run, what: str) -> None:
    if V.within_absent(new.getparent()):
        run.notes.append(f"{what}: punctuation of the item before {new.get('eId')} not checked: "
                         "its text is not in the corpus")
        return
    sibs = siblings(new, run.clock)
    i = sibs.index(new)
    if i == 0:
        return
    prev = sibs[i - 1]
    p = last_paragraph(prev, run.clock)
    if p is None or not (p.text or "").rstrip().endswith("."):
        return
    if not _uses_semicolons(sibs[:i - 1] + [new], run):
        return
    old = p.text
    text = old.rstrip()[:-1] + ";"
    fixed = retext(p, text, run.clock, run.notes, what)
    run.notes.append(f"{what}: {fixed.get('eId')} is no longer the last item: its final '.' becomes ';'")
    run.change(fixed.get("eId"), old, text, "list punctuation")


def before_delete(gone: etree._Element, run: Run, what: str) -> None:
    if V.within_absent(gone.getparent()):
        return
    sibs = siblings(gone, run.clock)
    i = sibs.index(gone)
    if i != len(sibs) - 1 or i == 0:
        return
    last = last_paragraph(gone, run.clock)
    prev = last_paragraph(sibs[i - 1], run.clock)
    if last is None or prev is None:
        return
    if not ((last.text or "").rstrip().endswith(".") and (prev.text or "").rstrip().endswith(";")):
        return
    old = prev.text
    text = old.rstrip()[:-1] + "."
    fixed = retext(prev, text, run.clock, run.notes, what)
    run.notes.append(f"{what}: {fixed.get('eId')} becomes the last item: its final ';' becomes '.'")
    run.change(fixed.get("eId"), old, text, "list punctuation")
