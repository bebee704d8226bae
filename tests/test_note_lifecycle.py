"""Note forms the real set lacks (synthetic, tests/data/notes/synthetic_lifecycle_forms.json):
cancelled, expired in both languages, an older YYYY.MM.DD date with a retroactive bracket."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from lawdiff.ingest.notes import parse_note

CASES = json.loads((Path(__file__).parent / "data" / "notes" / "synthetic_lifecycle_forms.json")
                   .read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["form"] for c in CASES])
def test_lifecycle_form(case):
    note = parse_note(case["text"])
    assert note.lifecycle == case["lifecycle"]
    assert note.act is not None and note.act.date == dt.date.fromisoformat(case["act_date"])
    assert note.act.number == case["number"]
    assert note.eif_date == (dt.date.fromisoformat(case["eif_date"]) if case["eif_date"] else None)
