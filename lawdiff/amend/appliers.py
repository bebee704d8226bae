"""The operations of one amending act applied, in the act's order, to one work in memory.

One applier module per operation kind; this module only dispatches to them, records the
"amended" event and collects notes and changes in a :class:`~lawdiff.amend.context.Run`.
"""

from __future__ import annotations

from collections.abc import Callable

from lawdiff import time as T
from lawdiff.amend import ops_appendix, ops_delete, ops_insert, ops_repeal, ops_replace, ops_words
from lawdiff.amend.context import Run, what
from lawdiff.amend.ops import Operation
from lawdiff.amend.ops_repeal import effective_event_fields
from lawdiff.amend.tree import Clock, same_day_key
from lawdiff.model.act import Act, Event

APPLIERS = {
    "replace": ops_replace.apply,
    "insert": ops_insert.apply,
    "delete": ops_delete.apply,
    "replace-words": ops_words.apply,
    "replace-words-everywhere": ops_words.apply,
    "insert-words": ops_words.apply,
    "replace-number": ops_words.apply,
    "replace-appendix": ops_appendix.apply,
    "repeal": ops_repeal.apply,
}


def apply_ops(act: Act, target: Act, ops: list[Operation], effective: T.Bound,
              lookup: Callable[[str], Act | None]) -> Run:
    """Apply ``ops`` (all on ``target``) as of ``effective``; raises on the first that fails."""
    run = Run(act, target, Clock(target, act.id, effective, lookup, same_day_key(act)))
    for op in ops:
        if op.language and op.language != target.root.get("lang"):
            run.notes.append(f"{what(op)}: changes the {op.language} text only; {target.id} holds "
                             f"the {target.root.get('lang')} text, which stays as it is")
        else:
            APPLIERS[op.op](op, run)
        op.status = "applied"
    if any(op.op != "repeal" or op.path for op in ops):
        target.add_event(Event(kind="amended", origin="amendment",
                               source=f"{act.id}: {act.title}", **effective_event_fields(run)))
    return run
