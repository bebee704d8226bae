"""Amendment notes of an official text against the lifecycle events of the corpus, both ways.

A note ("Ескерту. Кіріспе жаңа редакцияда - ҚР Үкіметінің 26.10.2022 № 850 (...) қаулысымен.")
and an event correspond when they name the same amending or repealing act, the same unit, and
the same dates (the act's date and its entry into force, a fixed date or a rule). An event
read from a note names the unit as the note does (``preamble``, ``appendix:1``, ``clause:3``);
an event recorded when an amending act was applied names no unit: its units are the
provisions whose wording that act gave or ended.

Every note of the official text must have its event. An event must have its note when it took
effect on or before the date compared (a later one cannot be in that text yet) and when the
official text holds a unit it changed; an event whose units the official text does not hold (an
excerpt) is reported as not checkable rather than as missing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from lawdiff import time as T
from lawdiff.ingest.notes import parse_note
from lawdiff.model import version as V
from lawdiff.model.act import Act, Event

#: A note's unit -> the eId step it names (``clause:N`` is a тармақ of the act or of its Rules).
_STEPS = {"preamble": "preamble", "title": "title", "appendix": "att", "clause": "para"}


@dataclass
class NoteItem:
    """One note of the official text."""

    text: str
    kind: str
    by: str | None
    by_date: str | None
    target: str | None       # preamble | title | appendix[:N] | clause:N | the note's own words | None
    eif: str | None          # ISO date or rule name

    def to_json(self) -> dict:
        return {"text": self.text, "kind": self.kind, "by": self.by, "by_date": self.by_date,
                "target": self.target, "eif": self.eif}


@dataclass
class EventItem:
    """One amending or repealing event of the corpus work."""

    event: Event
    units: list[str]          # eIds the event's act changed (empty: named by target, or the whole act)
    start: T.Bound

    def to_json(self) -> dict:
        e = self.event
        return {"kind": e.kind, "by": e.by, "by_date": e.by_date.isoformat() if e.by_date else None,
                "target": e.target, "units": self.units, "origin": e.origin, "source": e.source,
                "from": self.start.to_json()}


@dataclass
class Finding:
    """A note without its event, or an event without its note, and why."""

    kind: str                 # note-without-event | event-without-note | event-not-checkable
    item: NoteItem | EventItem
    reason: str

    def to_json(self) -> dict:
        is_note = isinstance(self.item, NoteItem)
        return {"finding": self.kind, "note": self.item.to_json() if is_note else None,
                "event": None if is_note else self.item.to_json(), "reason": self.reason}


def official_notes(root: etree._Element) -> list[NoteItem]:
    out = []
    for note in root.iterfind("notes/note"):
        parsed = parse_note(note.text or "")
        out.append(NoteItem(note.text or "", note.get("kind"), note.get("by"), note.get("by-date"),
                            note.get("target") or parsed.target_words or None, note.get("eif")))
    return out


def corpus_events(act: Act, lookup) -> list[EventItem]:
    """The corpus work's amended / repealed events, each with the units its act changed."""
    out = []
    for e in act.events():
        if e.kind not in ("amended", "repealed") or not e.by:
            continue
        units = []
        if e.origin != "note" and not e.target:
            units = sorted({el.get("eId") for el in act.units() if V.own(el).gave_or_ended(e.by)})
        start = T.external_entry_into_force(e) if e.date else T.amending_act_start(act, e.by, lookup)
        out.append(EventItem(e, units, start))
    return out


def covers(target: str | None, eid: str) -> bool:
    """Whether a note's unit holds the provision ``eid`` (no unit: the whole act)."""
    if not target:
        return True
    kind, _, num = target.partition(":")
    step = _STEPS.get(kind)
    if step is None:
        return False
    steps = eid.split("__")
    if step in ("preamble", "title"):
        return steps[0] == step
    if step == "att":
        return steps[0] == f"att_{num}" if num else steps[0].startswith("att_")
    return any(s == f"para_{num}" for s in steps[:2])


def _same_unit(note: NoteItem, ev: EventItem) -> bool:
    e = ev.event
    if ev.units:
        return any(covers(note.target, u) for u in ev.units)
    if e.target or note.target:
        return (e.target or None) == (note.target or None)
    return True


def _date_conflict(note: NoteItem, ev: EventItem) -> str | None:
    e = ev.event
    if note.by_date and e.by_date and note.by_date != e.by_date.isoformat():
        return f"the act's date is {note.by_date} in the note but {e.by_date.isoformat()} in the corpus"
    ev_eif = e.date.isoformat() if e.date else e.rule
    if note.eif and ev_eif and note.eif != ev_eif:
        return f"its entry into force is {note.eif} in the note but {ev_eif} in the corpus"
    return None


def _kind_matches(note: NoteItem, ev: EventItem) -> bool:
    whole_act_repeal = note.kind == "repealed" and not note.target
    return (ev.event.kind == "repealed") == whole_act_repeal


def check(notes: list[NoteItem], events: list[EventItem], when: dt.date,
          official_eids: set[str]) -> tuple[list[tuple[NoteItem, EventItem]], list[Finding]]:
    """Pair notes with events; the pairs, and every note or event left without its partner."""
    pairs, findings, used = [], [], set()
    for note in notes:
        same = [ev for ev in events if ev.event.by == note.by and note.by and _kind_matches(note, ev)
                and _same_unit(note, ev)]
        exact = [ev for ev in same if _date_conflict(note, ev) is None]
        if exact:
            pairs.append((note, exact[0]))
            used.add(id(exact[0]))
            continue
        if not note.by:
            why = "the note names no act lawdiff can identify"
        elif same:
            why = _date_conflict(note, same[0])
        else:
            why = f"the corpus records no {'repeal' if note.kind == 'repealed' and not note.target else 'change'} " \
                  f"by {note.by}" + (f" of {note.target}" if note.target else "")
        findings.append(Finding("note-without-event", note, why))
    for ev in events:
        if id(ev) in used:
            continue
        lower = ev.start.lower
        if lower is not None and lower > when:
            continue    # took effect after the date: the official text of that date has no note of it
        near = [n for n in notes if n.by == ev.event.by and _same_unit(n, ev)]
        if ev.units and not any(u in official_eids for u in ev.units):
            findings.append(Finding("event-not-checkable", ev, "the official text does not hold the provisions "
                                    "this act changed, so it cannot show their note"))
            continue
        why = _date_conflict(near[0], ev) if near else None
        findings.append(Finding("event-without-note", ev, why or f"the official text has no note of the "
                                f"{ev.event.kind} event by {ev.event.by}"
                                + (f" ({ev.event.target})" if ev.event.target else "")))
    return pairs, findings
