"""How the head of a real act is read, one golden file per phenomenon (tests/data/real/heads/):
each case names a real text of tests/data/real/acts/ and what its document must hold (work id,
issuer, number, title, status, registration, repeal). Every document is schema-valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_script
from lawdiff.ingest.importer import ImportOptions, import_source
from lawdiff.ingest.issuers import recognise_issuer
from lawdiff.ingest.laws import number_for_id, read_law_head
from lawdiff.model import xmlio
from real_acts import REAL, acts, source_text

HEADS = REAL / "heads"
_BY_FILE = {a["file"]: a for a in acts()}


def _cases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(HEADS.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            out.append((path.stem, case))
    return out


def _import(file: str):
    return import_source(source_text(_BY_FILE[file]).encode(), file, ImportOptions())


@pytest.mark.parametrize(("phenomenon", "case"), _cases(), ids=lambda v: v if isinstance(v, str) else v["file"])
def test_real_head(phenomenon, case):
    result = _import(case["file"])
    root, exp = result.root, case["expected"]
    assert xmlio.schema_errors(root) == []
    if "work" in exp:
        assert result.work == exp["work"] == root.get("id")
    if "issuer" in exp:
        assert root.findtext("meta/issuer") == exp["issuer"]
    if "number" in exp:
        assert root.findtext("meta/number") == exp["number"]
    if "title" in exp:
        assert root.findtext("meta/title") == exp["title"] == root.findtext("body/title")
    if "status" in exp:
        assert root.findtext("meta/status") == exp["status"]
    if "registration" in exp:
        reg = root.find("meta/registration")
        assert {"number": reg.get("number"), "date": reg.get("date")} == exp["registration"]
    if "repealed" in exp:
        repealed = root.find("lifecycle/event[@kind='repealed']")
        assert (repealed is not None) == exp["repealed"]
        if "repealed_by" in exp:
            assert repealed.get("by") == exp["repealed_by"]


def test_every_case_names_a_real_text():
    assert {c["file"] for _, c in _cases()} <= set(_BY_FILE)


def test_a_body_is_found_in_any_case():
    """Capitalisation of the body's word does not change which body it is."""
    for lower, capital in [("маслихата города Астаны", "Маслихата города Астаны"),
                           ("Алматинского областного маслихата", "Алматинского областного Маслихата"),
                           ("Астана қаласы мәслихатының", "Астана қаласы Мәслихатының")]:
        assert recognise_issuer(lower).code == recognise_issuer(capital).code


def test_a_body_of_the_republic_is_not_a_law():
    """Only the Republic's name alone makes a law's head; a ministry or the Government of the
    Republic is found by the issuers list (requisites as printed in the real set)."""
    assert read_law_head("ПРИКАЗ МИНИСТРА ФИНАНСОВ РЕСПУБЛИКИ КАЗАХСТАН от 29 декабря 2008 года №622") is None
    assert read_law_head("Қазақстан Республикасы Үкіметінің 2006 жылғы 25 тамыздағы N 817 Қаулысы") is None
    assert read_law_head("Постановление Правительства Республики Казахстан от 29 декабря 2016 года № 907") is None
    assert read_law_head("Приказ Министра образования и науки Республики Казахстан от 19 июня 2020 года № 254") is None


def test_the_kazakh_and_russian_number_of_one_law_give_one_id():
    # "№ 314-V ҚРЗ" is how a Kazakh page prints a law's number (ieconom.kz), "№ 186-VII ЗРК" a Russian one
    assert number_for_id("314-V ҚРЗ") == number_for_id("314-V ЗРК") == "314-V"
    assert number_for_id("186-VII ЗРК") == "186-VII"
    assert number_for_id("4200") == "4200"


def test_a_law_article_whose_heading_instructs_keeps_its_own_clauses():
    """"1-бап . ... өзгерістер мен толықтырулар енгізілсін:" then "1. ... Заңына ...:": the clause
    is article 1's own (the instructions are under it), not text of the umbrella."""
    body = _import("kk_law_amending_status_new_article_wording_Z080000062.txt").root.find("body")
    assert [c.get("eId") for c in body.iter("clause")] == ["art_1__para_1"]


@pytest.mark.parametrize("where", ["root", "subdirectory"])
def test_user_imports_a_law(scratch_corpus: Path, tmp_path: Path, where: str):
    src = tmp_path / "law.txt"
    src.write_text(source_text(_BY_FILE["ru_law_amending_code_words_Z2300000186.txt"]), encoding="utf-8")
    cwd = scratch_corpus.parent
    if where == "subdirectory":
        cwd = cwd / "docs"
        cwd.mkdir(exist_ok=True)
    done = run_script("import", str(src), cwd=cwd)
    assert done.returncode == 0, done.stderr
    assert "kz/republic/law/2023/186-vii" in done.stdout
    shown = run_script("show", "kz/republic/law/2023/186-vii", "--json", cwd=cwd)
    assert shown.returncode == 0, shown.stderr
    assert "186-VII ЗРК" in shown.stdout


def test_both_language_texts_of_a_law_name_one_work(scratch_corpus: Path, tmp_path: Path):
    """The Russian and the Kazakh page of law Z1500000433 ("№ 433-V ЗРК", "№ 433-V ҚРЗ") are one
    work: the second import is refused as the other language version of the act already held."""
    paths = []
    for file in ("ru_law_amending_status_new_rcpi_Z1500000433.txt", "kk_law_amending_status_new_law_word_first_Z1500000433.txt"):
        paths.append(tmp_path / file)
        paths[-1].write_text(source_text(_BY_FILE[file]), encoding="utf-8")
    first = run_script("import", str(paths[0]), cwd=scratch_corpus.parent)
    assert first.returncode == 0, first.stderr
    second = run_script("import", str(paths[1]), cwd=scratch_corpus.parent)
    assert second.returncode == 1 and "Traceback" not in second.stderr
    assert "kz/republic/law/2015/433-v holds the ru text of this act" in second.stderr
