"""Amending acts in the corpus whose operations are not (all) applied, and applying them in
the order of their effective dates.

**Pending.** An amending act is a work whose text holds amendment instructions (its stored
``<amendments>``, else its text parsed by the grammar). An operation is pending when its status
is neither ``applied`` nor ``overridden`` and the work it changes does not already hold the
act's versions (:func:`lawdiff.amend.apply.applied_before`, the check ``apply`` itself makes).

**Order.** Pending acts are applied by effective date, then adoption date, then number, then
work id (:func:`lawdiff.amend.tree.same_day_key`, the rule for several acts on one day). An
undetermined effective date sorts by its earliest possible date.

**Competing acts.** Two acts compete when they change the same unit: one targets a unit that
the other targets, holds or lies inside. Targets are compared as the grammar names them,
without chapters and sections (a clause is cited without its chapter, so a chapter target is
taken as its whole parent); inserting or deleting a list item (subclause, part, indent) touches
its parent (the punctuation of the neighbouring item changes), and an operation on a whole work
or scope touches everything in it. This over-approximates: acts reported as competing may in fact not meet, never the
reverse.

For two competing acts the order must be known: A comes first for certain when A's latest
possible effective date is before B's earliest, or on it and A comes first among acts of one
day. An undetermined date has no latest date (publication can come any time), so it decides
only against acts known to take effect before its earliest date. A competing pair whose order
is not known is **order uncertain**: neither act is applied, both are reported, since either
order would write a history the data does not support; recording the missing date (``lawdiff
event add ... published``) settles it.

**Refusal.** Each act is applied by :func:`lawdiff.amend.apply.apply_act`: all or nothing, one
commit. An act that is refused, or held back as order uncertain, is reported with the reason,
and every later act competing with it is held back as **blocked** (it depends on the change
that was not made); the others go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from lawdiff import LawdiffError
from lawdiff import time as T
from lawdiff.amend import store
from lawdiff.amend.apply import applied_before, apply_act
from lawdiff.amend.ops import Operation
from lawdiff.amend.tree import same_day_key
from lawdiff.corpus import Corpus
from lawdiff.model.act import Act

#: Steps that only group clauses: a citation names the clause without them.
_DIVISIONS = ("chapter", "section", "subchapter")
#: Operations whose effect reaches the neighbouring items of a list (the final "." or ";" of
#: the item before moves), and the units that are list items.
_SIBLING_KINDS = ("insert", "delete")
_LIST_ITEMS = ("subclause", "part", "indent")
_DONE = ("applied", "overridden")


@dataclass
class Target:
    """One work a pending act changes, and the units it names (None: the whole work)."""

    work: str
    eids: list[str | None]
    in_corpus: bool

    def to_json(self) -> dict[str, object]:
        return {"work": self.work, "eIds": self.eids, "in_corpus": self.in_corpus}


@dataclass
class PendingAct:
    """An amending act with operations not applied yet."""

    work: str
    title: str
    effective: T.Bound
    key: tuple[dt.date, int, str]
    ops: list[Operation]
    targets: list[Target]
    unparsed: int = 0
    stored: bool = False
    applied_works: list[str] = field(default_factory=list)
    problem: str | None = None
    uncertain_with: list[str] = field(default_factory=list)

    @property
    def latest(self) -> dt.date:
        """The latest possible effective date (an undetermined one has none: date.max)."""
        return self.effective.date or dt.date.max

    @property
    def earliest(self) -> dt.date:
        return self.effective.lower or dt.date.min

    def touched(self) -> set[tuple[str, tuple[tuple[str, str | None], ...]]]:
        """(work, path) of every unit the act's pending operations reach (see the docstring)."""
        out = set()
        for op in self.ops:
            path = tuple((k, n) for k, n in op.path if k not in _DIVISIONS)
            if op.path and op.path[-1][0] in _DIVISIONS:
                path = tuple((k, n) for k, n in op.path[:-1] if k not in _DIVISIONS)
            elif op.op in _SIBLING_KINDS and path and path[-1][0] in _LIST_ITEMS:
                path = path[:-1]
            out.add((op.work or "", path))
        return out

    def to_json(self) -> dict[str, object]:
        return {"work": self.work, "title": self.title, "effective": self.effective.to_json(),
                "adopted": self.key[0].isoformat() if self.key[0] != dt.date.min else None,
                "operations": len(self.ops), "unparsed": self.unparsed, "stored": self.stored,
                "targets": [t.to_json() for t in self.targets], "partly_applied_to": self.applied_works,
                "problem": self.problem, "order_uncertain_with": self.uncertain_with}


def _overlap(a: tuple[tuple[str, str | None], ...], b: tuple[tuple[str, str | None], ...]) -> bool:
    """Paths on one line of descent: one is the other or holds it."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def compete(a: PendingAct, b: PendingAct) -> bool:
    """Do ``a`` and ``b`` change a same unit (see the module docstring)?"""
    return any(wa == wb and _overlap(pa, pb) for wa, pa in a.touched() for wb, pb in b.touched())


def surely_before(a: PendingAct, b: PendingAct) -> bool:
    """Does ``a`` take effect before ``b`` (or on its day and first among that day's acts)
    whatever its undetermined date turns out to be?"""
    return (a.latest, a.key) < (b.earliest, b.key)


def find_pending(corpus: Corpus) -> list[PendingAct]:
    """Every amending act with pending operations, in the order ``apply --pending`` takes
    them, each with the acts it competes with in an unknown order."""
    acts = [p for p in (_pending(corpus, act) for act in corpus.works()) if p is not None]
    acts.sort(key=lambda p: (p.earliest, p.key))
    for i, a in enumerate(acts):
        for b in acts[i + 1:]:
            if compete(a, b) and not surely_before(a, b) and not surely_before(b, a):
                a.uncertain_with.append(b.work)
                b.uncertain_with.append(a.work)
    return acts


def _pending(corpus: Corpus, act: Act) -> PendingAct | None:
    parsed, stored = store.operations(act)
    if not parsed.ops and not parsed.unparsed:
        return None
    loaded: dict[str, Act | None] = {}

    def holds_it(work: str) -> bool:
        """Does ``work`` already hold this act's versions (applied, whatever the statuses say)?"""
        if work not in loaded:
            loaded[work] = corpus.load(work) if corpus.exists(work) else None
        target = loaded[work]
        return target is not None and applied_before(target, act.id)

    ops = [op for op in parsed.ops if op.status not in _DONE and not holds_it(op.work or "")]
    applied = sorted({op.work or "" for op in parsed.ops if op.status == "applied" or holds_it(op.work or "")})
    if not ops and (applied or not parsed.unparsed):
        return None
    works = list(dict.fromkeys(op.work or "" for op in ops))
    targets = [Target(w, list(dict.fromkeys(op.eid for op in ops if op.work == w)), loaded[w] is not None)
               for w in works]
    pending = PendingAct(act.id, act.title, T.entry_into_force(act), same_day_key(act), ops, targets,
                         unparsed=len(parsed.unparsed), stored=stored,
                         applied_works=[w for w in applied if w not in works])
    pending.problem = _problem(pending)
    return pending


def _problem(p: PendingAct) -> str | None:
    """Why ``apply`` would refuse the act as it stands, when that is known without trying."""
    if p.unparsed:
        return (f"{p.unparsed} instruction(s) could not be parsed (see `lawdiff amendments {p.work}`)")
    missing = [t.work for t in p.targets if not t.in_corpus]
    if missing:
        return f"amends {', '.join(missing)}, not in the corpus"
    if p.applied_works and len(p.targets) > 1:
        return (f"partly applied (to {', '.join(p.applied_works)}); apply it to each of "
                f"{', '.join(t.work for t in p.targets)} with --to")
    return None


@dataclass
class Outcome:
    """What ``apply --pending`` did with one act: ``applied``, ``refused``, ``uncertain``
    (order uncertain with a competing act) or ``blocked`` (competes with an act not applied)."""

    work: str
    status: str
    effective: T.Bound
    reason: str | None = None
    operations: int = 0
    commit: str | None = None
    works: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"work": self.work, "status": self.status, "effective": self.effective.to_json(),
                "reason": self.reason, "operations": self.operations, "amended": self.works,
                "commit": self.commit}


Progress = Callable[[int, int, str], None]


def apply_pending(corpus: Corpus, *, accept_warnings: bool = False,
                  progress: Progress | None = None) -> list[Outcome]:
    """Apply every pending act in order (see the module docstring); one outcome per act."""
    acts = find_pending(corpus)
    outcomes: list[Outcome] = []
    not_applied: list[PendingAct] = []
    for i, p in enumerate(acts):
        if progress is not None:
            progress(i, len(acts), p.work)
        outcome = Outcome(p.work, "applied", p.effective)
        blocker = next((q for q in not_applied if compete(q, p)), None)
        if p.uncertain_with:
            outcome.status = "uncertain"
            outcome.reason = (f"order uncertain with {', '.join(p.uncertain_with)}: they change the same "
                              f"unit and their effective dates do not order them; record the missing dates")
        elif blocker is not None:
            outcome.status = "blocked"
            outcome.reason = f"changes a unit that {blocker.work} (not applied) changes before it"
        else:
            _apply_one(corpus, p, outcome, accept_warnings)
        if outcome.status != "applied":
            not_applied.append(p)
        outcomes.append(outcome)
    if progress is not None:
        progress(len(acts), len(acts), "")
    return outcomes


def _apply_one(corpus: Corpus, p: PendingAct, outcome: Outcome, accept_warnings: bool) -> None:
    """One act, all or nothing, in its own commit; a refusal goes into ``outcome``."""
    if p.problem and not p.unparsed:
        outcome.status, outcome.reason = "refused", p.problem
        return
    to = p.targets[0].work if p.applied_works and len(p.targets) == 1 else None
    try:
        done = apply_act(corpus, p.work, to, accept_warnings=accept_warnings)
    except LawdiffError as exc:
        outcome.status, outcome.reason = "refused", " ".join(str(exc).split())
        return
    outcome.operations, outcome.commit, outcome.works = len(done.operations), done.commit, done.works


__all__ = ["PendingAct", "Outcome", "find_pending", "apply_pending", "compete", "surely_before"]
