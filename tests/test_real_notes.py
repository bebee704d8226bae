"""Every real note of tests/data/real/notes.json read by lawdiff.ingest.notes: its lifecycle
kind, the act that did it (date, number) and the amending act's own effective date. Notes the
reader still gets wrong wait in notes_pending.json with the reason, and are tested to be still
wrong, so that a fixed one is moved into notes.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawdiff.ingest.notes import parse_note

REAL = Path(__file__).parent / "data" / "real"
NOTES = json.loads((REAL / "notes.json").read_text(encoding="utf-8"))["notes"]
PENDING = json.loads((REAL / "notes_pending.json").read_text(encoding="utf-8"))["notes"]


def mismatch(entry: dict) -> str | None:
    """What the notes reader gets wrong in one entry, or None when it reads it as expected."""
    note = parse_note(entry["text"])
    exp = entry["expected"]
    if note.lifecycle != exp["kind"]:
        return f"kind {note.lifecycle}, expected {exp['kind']}"
    if exp["by"]:
        if note.act is None or note.act.date.isoformat() != exp["by"]["date"]:
            return f"act {note.act}, expected one of {exp['by']['date']}"
        # A word after a space ("№ 13-10 с") is not read as part of the number: the number
        # read is then the start of the printed one, never another number.
        number = exp["by"]["number"]
        if not (note.act.number == number or number.startswith(note.act.number + " ")):
            return f"act number {note.act.number}, expected {number}"
    elif note.act is not None:
        return f"act {note.act}, expected none"
    found = note.eif_date.isoformat() if note.eif_date is not None else None
    if found != exp["effective"]:
        return f"effective {found}, expected {exp['effective']}"
    if not exp["effective"] and note.eif_rule == "fixed-date":
        return "a fixed effective date read where the note gives none"
    return None


@pytest.mark.parametrize("entry", NOTES, ids=[f"{i}-{n['language']}" for i, n in enumerate(NOTES, 1)])
def test_real_note(entry):
    assert mismatch(entry) is None, mismatch(entry)


@pytest.mark.parametrize("entry", PENDING, ids=[f"pending-{i}-{n['language']}" for i, n in enumerate(PENDING, 1)])
def test_pending_note_is_still_misread(entry):
    assert mismatch(entry) is not None, (
        "read right now: move this entry from notes_pending.json into notes.json "
        f"(drop its 'pending' key): {entry['text'][:80]}")


def test_the_set_covers_the_note_kinds():
    """The set exists to cover the lifecycle forms; one that vanished from it would go unseen."""
    kinds = {parse_note(n["text"]).lifecycle for n in NOTES}
    assert {"repealed", "amended", "new-wording", "expired", "cancelled", "in-force"} <= kinds
