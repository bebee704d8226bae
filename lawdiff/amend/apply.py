"""Applying an amending act: every operation, all or nothing, one commit.

1. The act's operations are read from its ``<amendments>`` (reviewed data wins) or parsed
   from its text; any sentence the grammar could not read stops the application.
2. Each operation is resolved against the version of its target in force on the act's
   effective date E and applied by the module for its kind (``ops_replace``, ``ops_insert``,
   ``ops_delete``, ``ops_words``, ``ops_appendix``, ``ops_repeal``), in the act's order. An
   operation on one language version only ("текст на казахском языке не меняется") leaves a
   work in the other language as it is, and says so.
3. Every changed work is validated (schema, overlapping versions); only then is anything
   written, in one corpus transaction (:mod:`lawdiff.transaction`): one commit with
   trailers, or nothing.

An error names the instruction and leaves the corpus untouched. Applying an act a second
time changes nothing and says so.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from lawdiff import LawdiffError
from lawdiff import time as T
from lawdiff.amend import cited, content, order, store
from lawdiff.amend.appliers import APPLIERS
from lawdiff.amend.context import what
from lawdiff.amend.ops import Operation
from lawdiff.corpus import Corpus
from lawdiff.diff import ADDED, CHANGED, REMOVED, Change, WordOp, INSERT, DELETE, provision_label, word_diff
from lawdiff.model import version as V
from lawdiff.model.act import Act
from lawdiff.model.ids import eid
from lawdiff.transaction import check_act

@dataclass
class ApplyResult:
    """What an application did (or, with ``dry_run``, would do)."""

    amending: str
    works: list[str]
    effective: T.Bound
    effective_text: str
    operations: list[Operation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: (eId, old text, new text, note) of every changed unit, in the order they changed.
    changed_units: list[tuple[str, str | None, str | None, str]] = field(default_factory=list)
    already: bool = False
    dry_run: bool = False
    files: list[Path] = field(default_factory=list)
    commit: str | None = None

    @functools.cached_property
    def changes(self) -> list[Change]:
        """The redline of every changed unit. Word diffs are computed when first asked for, not
        while the write holds the corpus lock, and not at all for ``--json`` (it prints none)."""
        return [_change(*unit) for unit in self.changed_units]

    def to_json(self) -> dict:
        return {
            "amending": self.amending, "works": self.works, "effective": self.effective.to_json(),
            "effective_text": self.effective_text, "operations": len(self.operations),
            "already_applied": self.already, "dry_run": self.dry_run, "notes": self.notes,
            "changes": [{"eId": eid_, "kind": _kind(old, new), "old": old, "new": new, "note": _label(eid_, note)}
                        for eid_, old, new, note in self.changed_units],
            "files": [str(p) for p in self.files], "commit": self.commit,
        }


def effective_text(amending: Act, bound: T.Bound) -> str:
    """The effective date for a commit trailer: the date, or the rule it follows."""
    if bound.determined:
        return bound.date.isoformat()
    eif = [e for e in amending.events() if e.kind == "entry-into-force"]
    rule = eif[-1].rule if eif and eif[-1].rule else "default"
    tail = f", not before {bound.earliest.isoformat()}" if bound.earliest else ""
    return f"{rule} (undetermined: publication date not recorded{tail})"


def applied_before(target: Act, amending: str) -> bool:
    """Has ``amending`` already changed ``target`` (versions or lifecycle say so)?"""
    for el in target.units():
        if V.own(el).gave_or_ended(amending):
            return True
    return any(e.by == amending and e.origin == "amendment" for e in target.events())


def _label(eid_: str, note: str) -> str:
    """A changed unit's label: its provision in words, and the note of the change."""
    try:
        label = provision_label(eid_)
    except (LawdiffError, ValueError, KeyError):
        label = eid_
    if note:
        label = f"{label} — {note}" if label else note
    return label


def _kind(old: str | None, new: str | None) -> str:
    return CHANGED if old is not None and new is not None else ADDED if new is not None else REMOVED


def _change(eid_: str, old: str | None, new: str | None, note: str) -> Change:
    label, kind = _label(eid_, note), _kind(old, new)
    if kind == CHANGED:
        return Change(eid_, CHANGED, old, new, word_diff(old, new), label)
    if kind == ADDED:
        return Change(eid_, ADDED, None, new, [WordOp(INSERT, new)], label)
    return Change(eid_, REMOVED, old, None, [WordOp(DELETE, old or "")], label)


def _content(op: Operation):
    if not op.text or not op.path or op.path[-1][0] == "title":
        return None
    try:
        built = content.content_for(op.op, op.path, op.text)
    except LawdiffError:
        return None
    if built and built[0].tag == "preamble":
        return list(built[0])
    return built or None


def apply_act(corpus: Corpus, amending: str, to: str | None = None, *, dry_run: bool = False,
              commit: bool = True, accept_warnings: bool = False) -> ApplyResult:
    """Apply ``amending`` (to ``to`` only, if given). See the module docstring.

    ``accept_warnings``: apply operations the grammar read with a warning (status
    ``parsed-with-warning``, the reason stored with them); without it they stop everything.
    A dry run takes no writer lock and writes nothing; otherwise the whole application is one
    corpus transaction (``commit=False``: the files are written without a commit).
    """
    if dry_run:
        result, changed = _plan(corpus, amending, to, True, accept_warnings)
        for a in changed:
            check_act(a)
        return result
    with corpus.transaction(commit=commit) as txn:
        result, changed = _plan(corpus, amending, to, False, accept_warnings)
        if result.already:
            return result
        result.files.extend(txn.write(a) for a in changed)
        works = result.works
        result.commit = txn.commit(
            subject=f"Apply {amending} to {', '.join(works)}",
            body=f"{changed[-1].title}\n\n{len(result.operations)} operation(s); effective {result.effective_text}.",
            trailers={"Amending-act": amending, "Amended-work": ", ".join(works),
                      "Effective": result.effective_text, "Operations": str(len(result.operations))},
        )
    return result


def _plan(corpus: Corpus, amending: str, to: str | None, dry_run: bool,
          accept_warnings: bool) -> tuple[ApplyResult, list[Act]]:
    """Every operation applied in memory: the result and the changed works (the act last)."""
    act = corpus.load(amending)
    parsed, was_stored = store.operations(act)
    if parsed.unparsed:
        u = parsed.unparsed[0]
        raise LawdiffError(
            f"{act.id}: {len(parsed.unparsed)} instruction(s) could not be parsed, first: "
            f"\"{u.source[:120]}\" ({u.reason}); correct the text with errata or write the "
            f"operation into the act's <amendments>")
    if not parsed.ops:
        raise LawdiffError(f"{act.id} holds no amendment instructions")
    ops = [op for op in parsed.ops if op.status != "overridden" and (to is None or op.work == to)]
    if not ops:
        raise LawdiffError(f"{act.id} has no operations on {to}")
    warned = [op for op in ops if op.status == "parsed-with-warning"]
    if warned and not accept_warnings:
        raise LawdiffError(f"{what(warned[0])}: {warned[0].reason}; {len(warned)} operation(s) "
                           "parsed with a warning: review them, then apply with --accept-warnings")
    exists = functools.cache(corpus.exists)     # one look per work, not per operation
    for op in ops:
        cited.settle_joint(op, exists)
    works = list(dict.fromkeys(op.work for op in ops))
    for op in ops:
        if not exists(op.work):
            raise LawdiffError(f"{what(op)}: {op.work} is not in the corpus"
                               + ("" if to else " (use --to to apply the act to one work)"))
    targets = {w: corpus.load(w) for w in works}
    bound = T.entry_into_force(act)
    result = ApplyResult(act.id, works, bound, effective_text(act, bound), dry_run=dry_run)
    done = [w for w in works if applied_before(targets[w], act.id)]
    if done and len(done) == len(works):
        result.already = True
        result.notes.append(f"{act.id} is already applied to {', '.join(done)}: nothing to do")
        return result, []
    if done:
        raise LawdiffError(f"{act.id} is already applied to {', '.join(done)} but not to "
                           f"{', '.join(w for w in works if w not in done)}; apply with --to")

    lookup_cache: dict[str, Act | None] = {act.id: act, **targets}

    def lookup(work: str) -> Act | None:
        if work not in lookup_cache:
            lookup_cache[work] = corpus.load(work) if corpus.exists(work) else None
        return lookup_cache[work]

    for work in works:
        mine = [op for op in ops if op.work == work]
        run = order.apply_in_order(act, targets[work], mine, bound, lookup)
        result.operations.extend(mine)
        result.notes.extend(run.notes)
        result.changed_units.extend(run.changes)

    # The act keeps its operations, now with their status.
    if not was_stored:
        store.store(act, parsed, [_content(op) for op in parsed.ops])
    else:
        holder = act.root.find("amendments")
        for el, op in zip(holder.iterfind("op"), parsed.ops):
            el.set("status", op.status)

    return result, [*targets.values(), act]


def apply_to_corpus(corpus: Corpus, amending: str, to: str | None = None, commit: bool = False) -> list[Path]:
    """Apply an amending act while building the corpus; returns the files written."""
    return apply_act(corpus, amending, to, commit=commit).files


__all__ = ["apply_act", "apply_to_corpus", "ApplyResult", "applied_before", "APPLIERS", "eid"]
