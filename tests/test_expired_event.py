"""`event add WORK expired DATE`: the act's period of application ended, recorded by a person,
is honoured by every answer (show, at, tariff, diff) as the act ending on that date, and is
told apart from a repeal by an act."""

from __future__ import annotations

from conftest import as_json, lawdiff

W = "kz/oral-akimat/resolution/2025/2999"


def test_expired_by_a_person_ends_the_act_in_every_answer(capsys, scratch_corpus):
    code, _, err = lawdiff(capsys, "event", "add", "2999", "expired", "2026-02-01", "--source",
                           "мерзімі өткен: хат", corpus=scratch_corpus)
    assert code == 0, err
    show = as_json(capsys, "show", "2999", "--at", "2026-03-01", corpus=scratch_corpus)
    assert show["status"] == "expired" and show["provisions"] == []
    assert "recorded by a person" in show["reason"]
    before = as_json(capsys, "show", "2999", "--at", "2026-01-31", corpus=scratch_corpus)
    assert before["status"] != "expired" and before["provisions"]
    at = as_json(capsys, "at", "2026-03-01", corpus=scratch_corpus)
    assert {w["work"]: w["status"] for w in at}[W] == "expired"
    diff = as_json(capsys, "diff", "2999", "--from", "2026-01-15", "--to", "2026-03-01", corpus=scratch_corpus)
    assert diff["ended"]["status"] == "expired" and diff["changes"] == []
    code, out, err = lawdiff(capsys, "tariff", "--at", "2026-03-01", "--place", "Oral", "--setting", "home",
                             corpus=scratch_corpus)
    assert "expired" in out + err and "2026-02-01" in out + err
    events = as_json(capsys, "event", "list", "2999", corpus=scratch_corpus)
    assert not any(e["kind"] == "repealed" for e in events)
