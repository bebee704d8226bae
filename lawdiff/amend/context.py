"""What one application of an amending act carries from operation to operation."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from lawdiff.amend.ops import Operation
from lawdiff.amend.tree import Clock, text_elements
from lawdiff.model.act import Act


@dataclass
class Run:
    """The amending act, the work being changed, its clock, and what has been done so far."""

    amending: Act
    target: Act
    clock: Clock
    notes: list[str] = field(default_factory=list)
    #: (eId, old text or None, new text or None, note) per changed unit, in order.
    changes: list[tuple[str, str | None, str | None, str]] = field(default_factory=list)

    def change(self, eid: str, old: str | None, new: str | None, note: str = "") -> None:
        self.changes.append((eid, old, new, note))


def what(op: Operation) -> str:
    """How errors and notes name an instruction: the operation's number (``op_<n>`` in the
    act's XML), its kind, its target and the sentence it came from."""
    sentence = op.source if len(op.source) <= 120 else op.source[:117] + "..."
    target = "/".join(f"{k} {n}" if n else k for k, n in op.path) or op.work or "?"
    return f"operation {op.seq} ({op.op} {target}: \"{sentence}\")"


def text_of(el: etree._Element | None, run: Run) -> str | None:
    """The readable text of a unit version (its paragraphs, one per line), for redlines."""
    if el is None:
        return None
    if el.tag == "row":
        return f"{el.findtext('service')} — {el.findtext('position')}: {el.get('price')}"
    parts = []
    for t in text_elements(el, run.clock):
        parts.append((t.text or "").strip())
    num = el.get("num")
    if parts and num and el.tag == "subclause":
        parts[0] = f"{num}) {parts[0]}"
    elif parts and num and el.tag == "clause":
        parts[0] = f"{num}. {parts[0]}"
    return "\n".join(parts)
