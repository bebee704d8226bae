"""Recorded lifecycle facts: `event list`, `event remove`, `event add --replace`; expired and
cancelled acts answered as such by every command; text-given and person-recorded facts told
apart. Run as users run them: the installed script in a subprocess, and in-process."""

from __future__ import annotations

import json

from lawdiff.validate import validate_file

from conftest import as_json, lawdiff, run_script

W = "kz/oral-akimat/resolution/2025/2999"


def test_event_list_tells_who_gave_each_fact(capsys, scratch_corpus):
    code, _, err = lawdiff(capsys, "event", "add", "2999", "published", "2025-12-25", "--source", "ЭКБ НПА",
                           corpus=scratch_corpus)
    assert code == 0, err
    events = as_json(capsys, "event", "list", "2999", corpus=scratch_corpus)
    assert [e["id"] for e in events] == [f"ev_{i}" for i in range(1, len(events) + 1)]
    adopted = next(e for e in events if e["kind"] == "adopted")
    published = next(e for e in events if e["kind"] == "published")
    assert adopted["given_by"] == "stated in the text" and adopted["origin"] == "text"
    assert published["given_by"] == "recorded by a person" and published["source"] == "ЭКБ НПА"


def test_second_publication_refused_unless_replace(capsys, scratch_corpus):
    assert lawdiff(capsys, "event", "add", "2999", "published", "2025-12-25", "--source", "a",
                   corpus=scratch_corpus)[0] == 0
    path = scratch_corpus / f"{W}.xml"
    before = path.read_bytes()
    code, out, err = lawdiff(capsys, "event", "add", "2999", "published", "2025-12-27", "--source", "b",
                             corpus=scratch_corpus)
    assert code == 1 and "published is already recorded on 2025-12-25" in err and "--replace" in err
    assert "Traceback" not in err and path.read_bytes() == before
    code, _, err = lawdiff(capsys, "event", "add", "2999", "published", "2025-12-27", "--source", "b", "--replace",
                           corpus=scratch_corpus)
    assert code == 0, err
    published = [e for e in as_json(capsys, "event", "list", "2999", corpus=scratch_corpus) if e["kind"] == "published"]
    assert [(e["date"], e["source"]) for e in published] == [("2025-12-27", "b")]
    assert validate_file(path) == []


def test_entry_into_force_against_the_rule_refused(capsys, scratch_corpus):
    assert lawdiff(capsys, "event", "add", "2999", "published", "2025-12-25", "--source", "a",
                   corpus=scratch_corpus)[0] == 0
    t = as_json(capsys, "timeline", "2999", corpus=scratch_corpus)
    rule_date = t["interval"]["from"]["date"]
    assert rule_date is not None
    code, _, err = lawdiff(capsys, "event", "add", "2999", "entry-into-force", "2025-12-26", "--source", "x",
                           corpus=scratch_corpus)
    assert code == 1 and f"the act's rule gives entry into force on {rule_date}" in err


def test_event_remove_only_what_a_person_recorded(tmp_path, scratch_corpus):
    env = {"LAWDIFF_CORPUS": str(scratch_corpus)}
    add = run_script("event", "add", "2999", "published", "2025-12-25", "--source", "a", cwd=tmp_path, env=env)
    assert add.returncode == 0, add.stderr
    events = json.loads(run_script("event", "list", "2999", "--json", cwd=tmp_path, env=env).stdout)
    mine = next(e["id"] for e in events if e["origin"] == "user")
    text = next(e["id"] for e in events if e["origin"] == "text")
    refused = run_script("event", "remove", "2999", text, cwd=tmp_path, env=env)
    assert refused.returncode == 1 and "only recorded facts can be removed" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = run_script("event", "remove", "2999", mine, cwd=tmp_path, env=env)
    assert done.returncode == 0 and "removed published 2025-12-25" in done.stdout
    after = json.loads(run_script("event", "list", "2999", "--json", cwd=tmp_path, env=env).stdout)
    assert not any(e["origin"] == "user" for e in after)
    bad = run_script("event", "remove", "2999", "published", cwd=tmp_path, env=env)
    assert bad.returncode == 1 and "invalid event id" in bad.stderr


def test_expired_and_cancelled_answer_as_such(capsys, scratch_corpus):
    """`event add WORK expired DATE` (and cancelled) end the act in every answer."""
    for kind, day in (("expired", "2026-02-01"), ("cancelled", "2026-01-15")):
        code, _, err = lawdiff(capsys, "event", "add", "2999", kind, day, "--source", f"{kind} by a person",
                               corpus=scratch_corpus)
        assert code == 0, err
    show = as_json(capsys, "show", "2999", "--at", "2026-03-01", corpus=scratch_corpus)
    assert show["status"] == "cancelled"
    assert "recorded by a person" in show["reason"]
    assert show["provisions"] == []
    at = as_json(capsys, "at", "2026-03-01", corpus=scratch_corpus)
    assert {w["work"]: w["status"] for w in at}[W] == "cancelled"
    t = as_json(capsys, "timeline", "2999", corpus=scratch_corpus)
    assert t["interval"]["ends_by"] == "cancelled" and t["interval"]["until"]["date"] == "2026-01-15"
    code, out, err = lawdiff(capsys, "show", "2999", "--at", "2026-03-01", corpus=scratch_corpus)
    assert code == 0 and "01.03.2026 күні жойылған." in out
    before = as_json(capsys, "show", "2999", "--at", "2026-01-14", corpus=scratch_corpus)
    assert before["status"] != "cancelled" and before["provisions"]
    code, out, err = lawdiff(capsys, "tariff", "--at", "2026-03-01", "--place", "Oral", "--setting", "home",
                           corpus=scratch_corpus)
    assert "cancelled from 2026-01-15 (recorded by a person" in out + err
