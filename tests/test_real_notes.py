"""Every real note of tests/data/real/notes.json read by lawdiff.ingest.notes: its lifecycle
kind, the act that did it (date, number) and the amending act's own effective date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lawdiff.ingest.notes import parse_note

NOTES = json.loads((Path(__file__).parent / "data" / "real" / "notes.json").read_text(encoding="utf-8"))["notes"]


@pytest.mark.parametrize("entry", NOTES, ids=[f"{i}-{n['language']}" for i, n in enumerate(NOTES, 1)])
def test_real_note(entry):
    note = parse_note(entry["text"])
    exp = entry["expected"]
    assert note.lifecycle == exp["kind"]
    if exp["by"]:
        assert note.act is not None and note.act.date.isoformat() == exp["by"]["date"]
        # A word after a space ("№ 13-10 с") is not read as part of the number: the number
        # read is then the start of the printed one, never another number.
        assert note.act.number == exp["by"]["number"] or exp["by"]["number"].startswith(note.act.number + " ")
    else:
        assert note.act is None
    if exp["effective"]:
        assert note.eif_date is not None and note.eif_date.isoformat() == exp["effective"]
    elif note.eif_rule is not None:
        assert note.eif_rule != "fixed-date"
    if note.eif_date is not None:
        assert exp["effective"] == note.eif_date.isoformat()


def test_the_set_covers_the_note_kinds():
    """The set exists to cover the lifecycle forms; one that vanished from it would go unseen."""
    kinds = {parse_note(n["text"]).lifecycle for n in NOTES}
    assert {"repealed", "amended", "new-wording", "expired", "in-force"} <= kinds
