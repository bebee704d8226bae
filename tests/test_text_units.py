"""Golden tests for the small readers: dates, entry-into-force phrases, notes, text repair."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import load_cases
from lawdiff.dates import parse_date, parse_period
from lawdiff.ingest import eif, notes, repair


@pytest.mark.parametrize("case", load_cases("dates/phrases.json"), ids=lambda c: c["text"][:40])
def test_date_phrases(case):
    expected = dt.date.fromisoformat(case["date"]) if case["date"] else None
    assert parse_date(case["text"]) == expected


def test_period_of_application():
    assert parse_period("2026 жылға Орал қаласы бойынша үй жағдайында") == (2026, "2026 жылға")
    assert parse_period("тарифы на 2026 год") == (2026, "на 2026 год")
    assert parse_period("2025 жылғы 16 қыркүйектегі") is None


@pytest.mark.parametrize("case", load_cases("eif/phrases.json"), ids=lambda c: c["text"][:40])
def test_entry_into_force_phrases(case):
    found = eif.recognise(case["text"])
    if case["rule"] is None:
        assert found is None or not eif.is_eif_sentence(case["text"])
        return
    rule, date = found
    assert rule == case["rule"]
    assert date == (dt.date.fromisoformat(case["date"]) if case["date"] else None)


@pytest.mark.parametrize("case", load_cases("notes/forms.json"), ids=lambda c: c["form"])
def test_note_forms(case):
    n = notes.parse_note(case["text"])
    assert n.kind == case["kind"]
    assert n.target == case["target"]
    assert n.act is not None and n.act.work == case["work"]
    assert n.act.date == dt.date.fromisoformat(case["act_date"])
    assert n.eif_rule == case["eif_rule"]
    assert n.eif_date == (dt.date.fromisoformat(case["eif_date"]) if case["eif_date"] else None)


def test_glued_note_is_split():
    glued = ("Ескерту. Тізбе жаңа редакцияда - ҚР Үкіметінің 26.10.2022 № 850 (алғашқы ресми жарияланған "
             "күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) қаулысымен.1. Арнаулы "
             "әлеуметтік қызметтердің кепілдік берілген көлемі мына қызмет алушыларға ұсынылады:")
    note, clause = notes.split_glued(glued)
    assert note.endswith("қаулысымен.") and notes.is_note(note)
    assert clause.startswith("1. Арнаулы")


_FN = {
    "letter_spacing": lambda s, log: repair.fix_letter_spacing(s, 1, log),
    "latin_i": lambda s, log: repair.fix_latin_i(s, 1, log),
    "join": lambda s, log: repair.join_wrapped(s, 1, log),
    "chars": lambda s, log: repair.normalise_chars(s),
    "punct": lambda s, log: repair.fix_space_before_punct(s, 1, log),
}


@pytest.mark.parametrize("case", load_cases("repair/phenomena.json"), ids=lambda c: c["phenomenon"])
def test_repair_phenomena(case):
    log: repair.RepairLog = []
    assert _FN[case["fn"]](case["input"], log) == case["expected"]
    changed = (case["input"] if isinstance(case["input"], str) else " ".join(case["input"])) != case["expected"]
    if case["fn"] in ("letter_spacing", "latin_i", "punct"):
        assert bool(log) == changed, "every repair is logged, and only repairs"
