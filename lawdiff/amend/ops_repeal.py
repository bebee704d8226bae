"""repeal: a whole act ("… бұйрығының күші жойылды деп танылсын") or one of its provisions.

Repealing an act records a "repealed" event in its lifecycle, bounded by the amending act's
entry into force (a fixed date when its text fixes one, else its rule: the date follows when
its publication is recorded); every provision ends with the act. Repealing a provision ends
its version at E (see :mod:`lawdiff.amend.ops_delete`).
"""

from __future__ import annotations

from lawdiff.amend import ops_delete
from lawdiff.amend.context import Run, what
from lawdiff.amend.ops import Operation
from lawdiff.model.act import Event


def effective_event_fields(run: Run) -> dict:
    """date / rule / by-date of an event caused by the amending act, from its lifecycle."""
    amending = run.amending
    eif = [e for e in amending.events() if e.kind == "entry-into-force"]
    user = [e for e in eif if e.origin == "user"]
    eif = (user or eif)[-1:] if eif else []
    fields = {"by": amending.id, "by_date": amending.date}
    if eif and eif[0].date:
        fields["date"] = eif[0].date
    elif eif and eif[0].rule:
        fields["rule"] = eif[0].rule
    else:
        fields["rule"] = "default"
    return fields


def apply(op: Operation, run: Run) -> None:
    if op.path:
        ops_delete.apply(op, run, fix_punctuation=False)
        return
    w = what(op)
    target = run.target
    if any(e.kind == "repealed" and e.by == run.amending.id for e in target.events()):
        run.notes.append(f"{w}: {target.id} is already recorded as repealed by {run.amending.id}")
        return
    target.add_event(Event(kind="repealed", origin="amendment", source=op.source, **effective_event_fields(run)))
    run.change(target.id, "in force", "repealed", "whole act")
