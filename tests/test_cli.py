"""The command line on the real corpus: queries, JSON shapes, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import CORPUS, as_json, lawdiff



def test_ls_json_shape(capsys):
    works = as_json(capsys, "ls")
    ids = {w["work"] for w in works}
    assert {"kz/oral-akimat/resolution/2025/1971", "kz/oral-akimat/resolution/2025/2999",
            "kz/baiterek-akimat/resolution/2025/668", "kz/mlsp/order/2022/308",
            "kz/government/decree/2009/330", "kz/mlsp/order/2018/379"} <= ids
    for w in works:
        assert {"work", "type", "number", "date", "title", "place"} <= set(w)
    assert next(w for w in works if w["number"] == "330")["place"] is None


def test_tariff_work_json_shape(capsys):
    rows = as_json(capsys, "tariff", "--work", "kz/oral-akimat/resolution/2025/2999")
    assert len(rows) == 76
    first = rows[0]
    assert {"work", "row", "category", "service", "position", "price", "currency", "unit"} <= set(first)
    assert first["row"] == 1 and first["price"] == "948.30" and first["currency"] == "KZT"
    assert first["unit"] == "per-service"


@pytest.mark.parametrize("place", ["Орал", "Орал қаласы", "Oral", "Uralsk", "oral"])
def test_home_care_in_oral_on_2026_03_01(capsys, place):
    rows = as_json(capsys, "tariff", "--at", "2026-03-01", "--place", place, "--setting", "home")
    assert len(rows) == 76 and {r["work"] for r in rows} == {"kz/oral-akimat/resolution/2025/2999"}
    assert rows[1]["price"] == "1896.60"
    assert {r["status"] for r in rows} == {"in-force-unconfirmed"}
    assert rows[0]["from"] == "2026-01-01" and rows[0]["until"] == "2027-01-01"
    assert "publication" in rows[0]["reason"]


def test_semi_stationary_in_oral_before_and_after_its_period(capsys):
    rows = as_json(capsys, "tariff", "--at", "2025-12-01", "--place", "Oral", "--setting", "semi-stationary")
    assert len(rows) == 123 and rows[83]["price"] == "587"
    code, out, err = lawdiff(capsys, "tariff", "--at", "2026-03-01", "--place", "Oral", "--setting",
                             "semi-stationary", "--json")
    assert code == 0 and json.loads(out) == []
    assert "period" in err
    code, out, _ = lawdiff(capsys, "tariff", "--at", "2026-03-01", "--place", "Oral", "--setting", "semi-stationary",
                           "--lang", "en")
    assert code == 0 and out.strip() == "No tariff rows." and "period" in err     # the reason is a message


def test_baiterek_against_oral_same_day(capsys):
    b = as_json(capsys, "tariff", "--at", "2026-03-01", "--place", "Baiterek", "--service", "жерлеу рәсімдерін")
    o = as_json(capsys, "tariff", "--at", "2026-03-01", "--place", "Орал", "--setting", "home",
                "--service", "жерлеу рәсімдерін")
    assert [r["price"] for r in b] == ["1485"] and b[0]["unit"] == "per-recipient-per-day"
    assert [r["price"] for r in o] == ["1896.60"] and o[0]["unit"] == "per-service"


def test_position_filter(capsys):
    rows = as_json(capsys, "tariff", "--at", "2025-12-01", "--place", "Орал", "--position", "психолог")
    assert rows and all("психолог" in r["position"].casefold() for r in rows)


def test_no_act_for_place(capsys):
    code, out, err = lawdiff(capsys, "tariff", "--at", "2026-03-01", "--place", "Астана", "--json")
    assert code == 0 and json.loads(out) == [] and "no tariff act" in err


def test_show_decree_330_before_and_after_repeal(capsys):
    before = as_json(capsys, "show", "kz/government/decree/2009/330", "--at", "2023-06-30")
    assert before["status"] == "in-force-unconfirmed"
    assert any(p["eId"] == "para_2__indent_1" for p in before["provisions"])
    after = as_json(capsys, "show", "kz/government/decree/2009/330", "--at", "2023-07-01")
    assert after["status"] == "repealed" and after["provisions"] == []
    assert "528" in after["reason"]


def test_show_provision_not_in_corpus(capsys):
    res = as_json(capsys, "show", "kz/mlsp/order/2018/379", "--at", "2020-01-01", "--provision", "att_1__para_40")
    assert res["status"] == "not-in-corpus" and "not in the corpus" in res["reason"]


def test_at_lists_every_work_with_status(capsys):
    works = {w["work"]: w["status"] for w in as_json(capsys, "at", "2026-03-01")}
    assert works["kz/government/decree/2009/330"] == "repealed"
    assert works["kz/oral-akimat/resolution/2025/1971"] == "expired"
    assert works["kz/oral-akimat/resolution/2025/2999"] == "in-force-unconfirmed"


def test_timeline(capsys):
    t = as_json(capsys, "timeline", "kz/government/decree/2009/330")
    kinds = [e["kind"] for e in t["events"]]
    assert kinds[0] == "adopted" and "repealed" in kinds
    assert t["end"]["date"] == "2023-07-01" and t["entry_into_force"]["determined"] is False
    code, out, _ = lawdiff(capsys, "timeline", "330", "--lang", "en")
    assert code == 0 and "entry into force" in out
    code, out, _ = lawdiff(capsys, "timeline", "330")          # the act's language
    assert code == 0 and "қолданысқа енгізілген күні: анықталмаған, 14.03.2009 бұрын емес" in out


def test_event_add_updates_answers(capsys, scratch_corpus):
    code, out, err = lawdiff(capsys, "event", "add", "2999", "published", "2025-12-25", "--source",
                             "test input", corpus=scratch_corpus)
    assert code == 0, err
    rows = as_json(capsys, "tariff", "--at", "2026-03-01", "--place", "Oral", "--setting", "home", corpus=scratch_corpus)
    assert {r["status"] for r in rows} == {"in-force"}


@pytest.mark.parametrize("args,needle,exit_code", [
    (["show", "kz/../../etc/passwd"], "invalid work id", 1),
    (["show", "kz/mlsp/order/2099/1"], "not in the corpus", 1),
    (["tariff", "--place", "Oral"], "--at", 1),
    # usage errors (what click checks: option values, missing options) exit 2, click's convention
    (["tariff", "--at", "2026-13-01", "--place", "Oral"], "not a date", 2),
    (["event", "add", "2999", "published", "2025-12-25"], "--source", 2),
    (["show", "2999", "--no-such-option"], "No such option", 2),
])
def test_bad_arguments_one_line_exit_1_or_usage_2(capsys, args, needle, exit_code):
    code, out, err = lawdiff(capsys, *args)
    assert code == exit_code and needle in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("content,needle", [
    (b"", "empty"),
    (b"\x00\x01\x02binary", "binary"),
    ("Бұл акт емес.\n".encode(), "not an act"),
])
def test_import_bad_file_exit_1_nothing_written(tmp_path, scratch_corpus, content, needle):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    before = sorted(p.read_bytes() for p in scratch_corpus.rglob("*.xml"))
    proc = subprocess.run([sys.executable, "-m", "lawdiff", "--corpus", str(scratch_corpus), "import", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and needle in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert sorted(p.read_bytes() for p in scratch_corpus.rglob("*.xml")) == before


def test_import_real_seed_into_empty_corpus_and_commit(tmp_path, capsys):
    corpus = tmp_path / "c"
    corpus.mkdir()
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.email", "t@example.org"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "config", "user.name", "t"], check=True)
    src = CORPUS / "sources" / "seeds" / "001_f45ab0f2d5c50f09.txt"
    code, out, err = lawdiff(capsys, "import", str(src), corpus=corpus)
    assert code == 0, err
    assert (corpus / "kz/oral-akimat/resolution/2025/2999.xml").is_file()
    log = subprocess.run(["git", "-C", str(tmp_path), "log", "-1", "--format=%B"], capture_output=True, text=True).stdout
    assert "Work: kz/oral-akimat/resolution/2025/2999" in log
    code, out, err = lawdiff(capsys, "validate", corpus=corpus)
    assert code == 0 and "0 with errors" in out + err
