"""Verify a consolidation: does the corpus say what the official consolidated text says?

:func:`verify` imports the official text (an adilet export, or text copied from the act's page)
into a document that is never written, aligns it by eId with the corpus's version of the same
work in force on the date compared, and checks its amendment notes against the corpus's
lifecycle events both ways. The date is ``--at``, else the date the text states, else today;
the result says which (see docs/verify.md).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from lawdiff import LawdiffError, api
from lawdiff import time as T
from lawdiff.corpus import Corpus
from lawdiff.ingest.importer import ImportOptions, import_source
from lawdiff.model.act import Act
from lawdiff.model.ids import check_work_id
from lawdiff.model.version import State
from lawdiff.review import WorkReader
from lawdiff.verify import notes as N
from lawdiff.verify.units import DISAGREEING, IDENTICAL, KINDS, Provision, compare

#: "Редакция по состоянию на 01.07.2023", "01.07.2023 жағдай бойынша": the date a consolidated
#: text says it is the wording of.
_AS_OF = (re.compile(r"по\s+состоянию\s+на\s+(\d{1,2})\.(\d{1,2})\.(\d{4})", re.I),
          re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\s*(?:ж\.|жылғы)?\s*жағдай\s+бойынша", re.I))


class _WithDocument(Corpus):
    """The corpus, read-only, with one extra document standing in for its work id: the official
    text is read by the same version reader as the corpus, and never written anywhere."""

    def __init__(self, base: Corpus, act: Act):
        super().__init__(base.root)
        self._base, self._act = base, act

    def exists(self, work: str) -> bool:
        return work == self._act.id or self._base.exists(work)

    def load(self, work: str) -> Act:
        return self._act if work == self._act.id else self._base.load(work)

    def lock(self, wait: bool = False):
        raise LawdiffError("verify writes nothing")

    def write(self, act: Act) -> Path:
        raise LawdiffError("verify writes nothing")


@dataclass
class Verification:
    """The result of one verification (``to_json`` is documented in docs/json.md)."""

    work: str
    title: str
    official_file: str
    excerpt: bool
    repairs: int
    at: dt.date
    at_source: str            # option | text | today
    at_reason: str
    status: T.Status
    complete: bool
    coverage: str | None
    provisions: list[Provision]
    note_pairs: list[tuple[N.NoteItem, N.EventItem]]
    note_findings: list[N.Finding]
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for p in self.provisions if p.kind == kind)

    def findings(self, kind: str) -> list[N.Finding]:
        return [f for f in self.note_findings if f.kind == kind]

    @property
    def agrees(self) -> bool:
        """Everything both hold agrees: no provision differs or is missing on one side only,
        and no note or (checkable) event lacks its partner."""
        return not any(p.kind in DISAGREEING for p in self.provisions) and not any(
            f.kind in ("note-without-event", "event-without-note") for f in self.note_findings)

    def summary(self) -> dict:
        out = {k.replace("-", "_"): self.count(k) for k in KINDS}
        out["uncertain"] = sum(1 for p in self.provisions if p.kind == IDENTICAL and p.uncertain)
        out["notes_matched"] = len(self.note_pairs)
        out["notes_without_events"] = len(self.findings("note-without-event"))
        out["events_without_notes"] = len(self.findings("event-without-note"))
        out["events_not_checkable"] = len(self.findings("event-not-checkable"))
        return out

    def summary_line(self) -> str:
        s = self.summary()
        parts = [f"{s['identical']} identical" + (f" ({s['uncertain']} on a condition the corpus cannot settle)"
                                                  if s["uncertain"] else ""),
                 f"{s['differing']} differing", f"{s['only_official']} only in the official text",
                 f"{s['only_corpus']} only in the corpus"]
        if s["renumbered"]:
            parts.append(f"{s['renumbered']} renumbered")
        if s["not_in_corpus"]:
            parts.append(f"{s['not_in_corpus']} not in the corpus (partial coverage)")
        if s["not_in_official"]:
            parts.append(f"{s['not_in_official']} not in the official excerpt")
        parts += [f"notes: {s['notes_matched']} matched, {s['notes_without_events']} without events, "
                  f"{s['events_without_notes']} events without notes"
                  + (f", {s['events_not_checkable']} not checkable" if s["events_not_checkable"] else "")]
        verdict = "agrees" if self.agrees else "DOES NOT AGREE"
        return f"{verdict}: " + ", ".join(parts)

    def to_json(self) -> dict:
        return {"work": self.work, "title": self.title,
                "official": {"file": self.official_file, "excerpt": self.excerpt, "repairs": self.repairs},
                "at": self.at.isoformat(), "at_source": self.at_source, "at_reason": self.at_reason,
                **self.status.to_json(), "complete": self.complete, "coverage": self.coverage,
                "agrees": self.agrees, "summary": self.summary(), "notes": self.notes,
                "provisions": [p.to_json() for p in self.provisions],
                "notes_matched": [{"note": n.to_json(), "event": e.to_json()} for n, e in self.note_pairs],
                "note_findings": [f.to_json() for f in self.note_findings]}


def _stated_date(text: str, official: Act, today: dt.date) -> tuple[dt.date, str] | None:
    """The date the official text says it is the wording of: an explicit "as of" phrase; else,
    for an act that the text says was repealed or whose period ended by today, the last day it
    was in force (a consolidated text keeps the last wording)."""
    for rx in _AS_OF:
        m = rx.search(text)
        if m:
            try:
                return dt.date(int(m[3]), int(m[2]), int(m[1])), f"the text states \"{m[0]}\""
            except ValueError:
                continue
    wi = T.work_interval(official)
    end = wi.end
    what = "repeal" if wi.end_state == State.REPEALED else "period of application ending"
    if end is not None and end.determined and end.date <= today:
        day = end.date - dt.timedelta(days=1)
        return day, (f"the text records the act's {what} on {end.date.isoformat()}: its wording is the one "
                     f"in force on the last day before, {day.isoformat()}")
    if end is not None and not end.determined and end.earliest and end.earliest <= today:
        day = end.earliest - dt.timedelta(days=1)
        return day, (f"the text records the act's {what}, on a date not recorded but not before "
                     f"{end.earliest.isoformat()}: its wording is compared as in force on {day.isoformat()}, "
                     f"the last day certainly before it")
    return None


def _import_official(corpus: Corpus, data: bytes, name: str, excerpt: bool) -> tuple[Act, int]:
    result = import_source(data, name, ImportOptions(errata_dir=corpus.root, excerpt=excerpt, source_name=name))
    return Act(result.root), len(result.log)


def verify(corpus: Corpus, work: str, data: bytes, name: str, *, at: dt.date | None = None,
           excerpt: bool = False) -> Verification:
    """Compare the official consolidated text ``data`` (named ``name`` in messages) with the
    corpus's ``work``; nothing is written."""
    act = corpus.load(check_work_id(work))
    official, repairs = _import_official(corpus, data, name, excerpt)
    if official.id != act.id:
        raise LawdiffError(f"{name} is the text of {official.id}, not of {act.id}")
    if at is not None:
        when, source, why = at, "option", "the date given with --at"
    else:
        stated = _stated_date(data.decode("utf-8-sig", errors="replace"), official, dt.date.today())
        if stated:
            (when, why), source = stated, "text"
        else:
            when, source = dt.date.today(), "today"
            why = "the text states no date: compared with the corpus in force today"
    reader = WorkReader(corpus, act.id)
    theirs = WorkReader(_WithDocument(corpus, official), official.id).latest()
    ours = reader.at(when)
    provisions = compare(theirs, ours, partial_corpus=None if act.complete else (act.coverage_note or "partial text"),
                         excerpt=excerpt)
    official_eids = {el.get("eId") for el in official.units()}
    pairs, findings = N.check(N.official_notes(official.root), N.corpus_events(act, api.Lookup(corpus)), when,
                              official_eids)
    notes = [] if act.complete else [f"the corpus holds a partial text: {act.coverage_note}"]
    if excerpt:
        notes.append("the official text is an excerpt: provisions it does not hold are not compared")
    return Verification(act.id, act.title, name, excerpt, repairs, when, source, why, reader.status(when),
                        act.complete, act.coverage_note, provisions, pairs, findings, notes)
