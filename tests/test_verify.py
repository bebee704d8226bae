"""lawdiff verify: the corpus against official consolidated texts (real seeds and variants of
them derived here, see tests/data/verify/)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from conftest import CORPUS, DATA, ROOT, SOURCES, lawdiff, load_cases, run_script

SEED_330 = SOURCES / "seeds" / "004_3863efce43b76de6.txt"
HEAD_379 = SOURCES / "reference" / "order379_V1800017467_head_kaz.txt"
_UNIT_START = re.compile(r"^ {6}(?:\d+(?:-\d+)?\.\s|Ескерту\.|Сноска\.)")


def derive(text: str, case: dict) -> str:
    """A variant of a real text: words replaced; units removed from the paragraph that starts
    with the given words up to the next numbered clause or note."""
    for old, new in case.get("replace", []):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    lines = text.split("\n")
    for start in case.get("remove_units", []):
        i = next(n for n, line in enumerate(lines) if line.strip().startswith(start))
        j = next((n for n in range(i + 1, len(lines)) if _UNIT_START.match(lines[n])), len(lines))
        del lines[i:j]
    return "\n".join(lines)


def verify_json(*args: str, cwd: Path = ROOT) -> tuple[int, dict]:
    proc = run_script("verify", *args, "--json", cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == "", proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def findings(result: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for p in result["provisions"]:
        if p["kind"] != "identical":
            out.setdefault(p["kind"], []).append(p)
    for f in result["note_findings"]:
        out.setdefault(f["finding"], []).append(f)
    return out


def corpus_bytes() -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(CORPUS.glob("kz/**/*.xml"))}


# ---------------------------------------------------------------------------- real texts


def test_decree_330_agrees_with_its_official_consolidated_text():
    before = corpus_bytes()
    code, r = verify_json("kz/government/decree/2009/330", str(SEED_330))
    assert code == 0 and r["agrees"] is True
    assert findings(r) == {}
    assert r["summary"]["identical"] == len(r["provisions"]) > 100
    assert r["summary"]["notes_matched"] == 3
    # the seed records the repeal from 01.07.2023: its wording is the last one before it
    assert (r["at"], r["at_source"]) == ("2023-06-30", "text")
    # the wordings of decree 850 agree, on the condition the corpus cannot settle (its date)
    preamble = next(p for p in r["provisions"] if p["eId"] == "preamble__indent_1")
    assert {c["by"] for c in preamble["corpus"]} == {None, "kz/government/decree/2022/850"}
    assert "850" in preamble["reason"]
    assert corpus_bytes() == before


MANIFEST = json.loads((SOURCES / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("entry", [e for e in MANIFEST["imports"] if not e.get("excerpt")], ids=lambda e: e["file"])
def test_every_complete_source_agrees_with_the_corpus_built_from_it(entry):
    """The shipped corpus is built from these real texts (and order 308 applied): each agrees,
    tariff rows and prices included."""
    from lawdiff.ingest.importer import import_source

    work = import_source((SOURCES / entry["file"]).read_bytes(), entry["file"]).work
    code, r = verify_json(work, str(SOURCES / entry["file"]))
    assert code == 0 and findings(r) == {}
    assert r["summary"]["identical"] == len(r["provisions"]) > 50


def test_text_output_and_subdirectory():
    proc = run_script("verify", "330", str(SEED_330), cwd=ROOT / "docs")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("kz/government/decree/2009/330 — ")
    summary = next(line for line in lines if line.startswith("agrees: "))
    assert "0 differing" in summary and "notes: 3 matched" in summary


def corpus_for(case: dict, tmp_path: Path) -> list[str]:
    """The --corpus arguments for a case: the shipped corpus, or a fresh one holding the real
    text imported as it is."""
    if not case["scratch"]:
        return []
    corpus = tmp_path / "corpus"
    proc = run_script("init", str(corpus))
    assert proc.returncode == 0, proc.stderr
    args = ["--corpus", str(corpus)]
    proc = run_script(*args, "import", str(ROOT / case["official"]), *(["--excerpt"] if case["excerpt"] else []))
    assert proc.returncode == 0, proc.stderr
    return args


CASES = load_cases("verify/edits.json")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_unchanged_text_agrees(case, tmp_path):
    args = corpus_for(case, tmp_path)
    excerpt = ["--excerpt"] if case["excerpt"] else []
    proc = run_script(*args, "verify", case["work"], str(ROOT / case["official"]), *excerpt, "--json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    r = json.loads(proc.stdout)
    assert r["agrees"] is True and r["summary"]["identical"] > 0
    allowed = {"not-in-official", "event-not-checkable"} if case["excerpt"] else set()
    assert set(findings(r)) <= allowed


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_changed_text_reports_exactly_its_changes(case, tmp_path):
    args = corpus_for(case, tmp_path)
    official = tmp_path / "variant.txt"
    official.write_text(derive((ROOT / case["official"]).read_text(encoding="utf-8"), case), encoding="utf-8")
    excerpt = ["--excerpt"] if case["excerpt"] else []
    proc = run_script(*args, "verify", case["work"], str(official), *excerpt, "--json")
    assert proc.returncode == 1, proc.stderr
    r = json.loads(proc.stdout)
    assert r["agrees"] is False
    found = findings(r)
    expect = case["expect"]
    allowed = {"not-in-official", "event-not-checkable"} if case["excerpt"] else set()
    assert set(found) - allowed == {k for k, v in expect.items() if v}
    differing = {p["eId"]: p for p in found.get("differing", [])}
    assert set(differing) == set(expect["differing"])
    for eid, ops in expect["differing"].items():
        (redline,) = differing[eid]["redlines"]
        assert [[o["op"], o["text"]] for o in redline["ops"] if o["op"] != "equal"] == ops
    only = {p["eId"]: len(p["eIds"]) for p in found.get("only-corpus", [])}
    assert only == expect["only-corpus"]
    renumbered = {p["eId"]: p["corpus_eId"] for p in found.get("renumbered", [])}
    assert renumbered == expect.get("renumbered", {})
    events = [[f["event"]["by"], f["event"]["target"]] for f in found.get("event-without-note", [])]
    assert events == expect["event-without-note"]
    assert found.get("note-without-event", []) == expect["note-without-event"]


def test_changed_text_html_report(tmp_path):
    case = CASES[0]
    official = tmp_path / "330-variant.txt"
    official.write_text(derive(SEED_330.read_text(encoding="utf-8"), case), encoding="utf-8")
    page = tmp_path / "report.html"
    proc = run_script("verify", "330", str(official), "--html", str(page))
    assert proc.returncode == 1, proc.stderr
    assert "DOES NOT AGREE" in proc.stdout and f"wrote {page}" in proc.stdout
    doc = lxml.html.fromstring(page.read_bytes())
    assert "DOES NOT AGREE" in doc.get_element_by_id("verification").text_content()
    kinds = [s.get("data-kind") for s in doc.xpath("//main/section[@data-kind]")]
    assert kinds == ["differing", "only-corpus"]
    differing, removed = doc.xpath("//main/section[@data-kind]")
    assert differing.xpath(".//del/text()") == ["қиын"] and differing.xpath(".//ins/text()") == ["ауыр"]
    assert removed.xpath(".//del/text()")[0].startswith("Бос уақытты ұйымдастыруға")
    assert "appendix:1" in doc.get_element_by_id("event-without-note").text_content()


def test_date_given_with_at_compares_the_wording_then():
    """Before decree 850 the corpus holds the old preamble (from another source) and no text of
    the list: the preamble differs, the list is reported as not in the corpus."""
    code, r = verify_json("330", str(SEED_330), "--at", "2020-01-01")
    assert (r["at"], r["at_source"]) == ("2020-01-01", "option")
    found = findings(r)
    assert code == 1
    (pre,) = found["differing"]
    assert pre["eId"] == "preamble__indent_1"
    assert [p["eId"] for p in found["not-in-corpus"]] == ["att_1"]
    assert "event-without-note" not in found    # decree 850 took effect after that date


# ---------------------------------------------------------------------------- partial works


def test_partial_work_379_reports_coverage_instead_of_differences():
    code, r = verify_json("379", str(HEAD_379), "--excerpt")
    assert code == 0 and r["complete"] is False and r["coverage"]
    found = findings(r)
    assert set(found) == {"not-in-official", "event-not-checkable"}
    (group,) = found["not-in-official"]
    assert group["eId"] == "att_1" and len(group["eIds"]) > 40
    (event,) = found["event-not-checkable"]
    assert event["event"]["by"] == "kz/mlsp/order/2022/308"
    assert r["summary"]["identical"] == 3 and r["summary"]["notes_matched"] == 2


def test_partial_corpus_text_reports_what_it_lacks(scratch_corpus, tmp_path, capsys):
    """Decree 330 imported from its real text cut after clause 1 of the list, as a partial work,
    verified against the whole text: clauses 2-10 are coverage, not differences."""
    text = SEED_330.read_text(encoding="utf-8")
    cut = tmp_path / "330-cut.txt"
    cut.write_text(text[: text.index("      2. Арнаулы әлеуметтік қызметтердің кепілдік")], encoding="utf-8")
    (scratch_corpus / "kz/government/decree/2009/330.xml").unlink()
    code, _, err = lawdiff(capsys, "import", str(cut), "--partial", "the list from clause 2 on is missing",
                           "--no-commit", corpus=scratch_corpus)
    assert code == 0, err
    code, out, err = lawdiff(capsys, "verify", "330", str(SEED_330), "--json", corpus=scratch_corpus)
    assert code == 0, err
    r = json.loads(out)
    found = findings(r)
    assert set(found) == {"not-in-corpus"}
    assert [p["eId"] for p in found["not-in-corpus"]] == [f"att_1__para_{n}" for n in range(2, 11)]
    assert all("the list from clause 2 on is missing" in p["reason"] for p in found["not-in-corpus"])


# ---------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("args, message, exit_code", [
    (["330", "no-such-file.txt"], "no-such-file.txt: cannot read", 1),
    (["330", str(SOURCES / "seeds" / "000_d549a2350b03cdd1.txt")], "is the text of kz/oral-akimat/resolution/2025/1971, not of kz/government/decree/2009/330", 1),
    (["kz/government/decree/2009/999", str(SEED_330)], "999", 1),
    (["330", str(SEED_330), "--at", "31.02.2023"], "is not a date", 2),     # a usage error
])
def test_bad_input_is_one_line_exit_1(args, message, exit_code):
    before = corpus_bytes()
    proc = run_script("verify", *args)
    assert proc.returncode == exit_code
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert corpus_bytes() == before


def test_verify_writes_nothing(scratch_corpus, capsys, tmp_path):
    # The derived index (corpus/.lawdiff/, git-ignored) may be brought up to date: it is not the corpus.
    status = lambda: __import__("subprocess").run(  # noqa: E731
        ["git", "-C", str(scratch_corpus), "status", "--porcelain", "--ignored"], capture_output=True,
        text=True).stdout.replace("!! corpus/.lawdiff/\n", "")
    before = status()
    code, _, err = lawdiff(capsys, "verify", "330", str(SEED_330), corpus=scratch_corpus)
    assert code == 0, err
    assert status() == before
