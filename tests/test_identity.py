"""Identity: one place, one issuer code, whatever the language; one id, one act.

The phrases are issuers as printed in the heads of real acts (tests/data/real/, tests/data/import/);
the CLI cases import the shipped seeds and copies of them edited in one fact, which are marked
as synthetic where they are made."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT, run_script
from lawdiff import LawdiffError
from lawdiff.ingest.issuers import recognise_issuer

SEEDS = ROOT / "corpus" / "sources" / "seeds"
ORAL_2999 = SEEDS / "001_f45ab0f2d5c50f09.txt"
ORAL_1971 = SEEDS / "000_d549a2350b03cdd1.txt"


@pytest.mark.parametrize("phrase,code", [
    ("Батыс Қазақстан облысы Орал қаласы мәслихатының", "oral-maslikhat"),
    ("Уральского городского маслихата", "oral-maslikhat"),
    ("маслихата города Уральска Западно-Казахстанской области", "oral-maslikhat"),
    ("Батыс Қазақстан облысы Орал қаласы әкімдігінің", "oral-akimat"),
    ("акимата города Уральска", "oral-akimat"),
    ("Қостанай облысы Қостанай ауданы мәслихатының", "kostanay-district-maslikhat"),
    ("Костанайский районный маслихат", "kostanay-district-maslikhat"),
    ("Костанайский городской маслихат", "kostanay-maslikhat"),
    ("маслихата города Костаная Костанайской области", "kostanay-maslikhat"),
    ("Ақтөбе облыстық мәслихатының", "aktobe-region-maslikhat"),
    ("Актюбинского областного маслихата", "aktobe-region-maslikhat"),
    ("акимата города Усть-Каменогорска Восточно-Казахстанской области", "oskemen-akimat"),
    ("маслихат района имени Габита Мусрепова Северо-Казахстанской области", "gabit-musrepov-maslikhat"),
    ("Солтүстік Қазақстан облысы Ғабит Мүсірепов атындағы ауданы мәслихатының", "gabit-musrepov-maslikhat"),
    ("Есильского районного маслихата Акмолинской области", "esil-akmola-maslikhat"),
    ("акимата Наурзумского района Костанайской области", "nauryzym-akimat"),
])
def test_both_languages_name_one_issuer(phrase, code):
    assert recognise_issuer(phrase).code == code


def test_a_name_two_regions_share_is_refused_without_a_region():
    with pytest.raises(LawdiffError, match="more than one place"):
        recognise_issuer("Есіл ауданы мәслихатының")


def _git_status(repo) -> str:
    return subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", "*.xml"],
                          capture_output=True, text=True, check=True).stdout


def _synthetic_copy(tmp_path, source, old, new, name):
    """A seed with one fact edited: synthetic input for an identity case, not a real act."""
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / f"synthetic_{name}.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_reimporting_the_same_text_changes_nothing(scratch_corpus):
    repo = scratch_corpus.parent
    done = run_script("import", str(ORAL_2999), cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "nothing to do" in done.stdout
    assert _git_status(repo) == ""


def test_a_number_with_a_kazakh_letter_is_another_act(scratch_corpus, tmp_path):
    repo = scratch_corpus.parent
    before = (scratch_corpus / "kz/oral-akimat/resolution/2025/1971.xml").read_bytes()
    src = _synthetic_copy(tmp_path, ORAL_1971, "№ 1971", "№ 1971-қ", "1971q")
    done = run_script("import", str(src), cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "kz/oral-akimat/resolution/2025/1971-q" in done.stdout
    assert (scratch_corpus / "kz/oral-akimat/resolution/2025/1971.xml").read_bytes() == before
    assert "<number>1971-қ</number>" in (scratch_corpus / "kz/oral-akimat/resolution/2025/1971-q.xml").read_text()


def test_another_act_on_the_same_id_is_refused(scratch_corpus, tmp_path):
    repo = scratch_corpus.parent
    src = _synthetic_copy(tmp_path, ORAL_2999, "үй жағдайында", "жартылай стационарлық жағдайда", "other_title")
    done = run_script("import", str(src), cwd=repo)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "already holds another act" in done.stderr and "title" in done.stderr
    assert _git_status(repo) == ""


def test_a_reimport_keeps_recorded_facts(scratch_corpus, tmp_path):
    repo = scratch_corpus.parent
    work = "kz/oral-akimat/resolution/2025/2999"
    done = run_script("event", "add", work, "published", "2025-12-22", "--source", "a person's record", cwd=repo)
    assert done.returncode == 0, done.stderr
    src = _synthetic_copy(tmp_path, ORAL_2999, "қажетті шараларды", "қажетті  шараларды", "spacing")
    done = run_script("import", str(src), cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "updated" in done.stdout and "1 recorded fact(s) kept" in done.stdout
    events = json.loads(run_script("timeline", work, "--json", cwd=repo).stdout)["events"]
    assert any(e["kind"] == "published" and e["origin"] == "user" and e["date"] == "2025-12-22" for e in events)


def test_a_changed_text_under_applied_amendments_is_refused(scratch_corpus, tmp_path):
    """Order 379 carries the wordings order 308 gave its Rules: a new text would drop them."""
    repo = scratch_corpus.parent
    src = _synthetic_copy(tmp_path, ROOT / "corpus/sources/reference/order379_V1800017467_head_kaz.txt",
                          "бекітілсін", "бекітілсін ", "379_changed")
    before = (scratch_corpus / "kz/mlsp/order/2018/379.xml").read_bytes()
    done = run_script("import", "--excerpt", str(src), cwd=repo)
    assert done.returncode == 1
    assert "kz/mlsp/order/2022/308" in done.stderr and "nothing written" in done.stderr.lower()
    assert (scratch_corpus / "kz/mlsp/order/2018/379.xml").read_bytes() == before


def test_one_issuer_code_never_stands_for_two_bodies(scratch_corpus, tmp_path):
    """Two districts of one name in different regions, neither in the gazetteer: the second is
    refused instead of being filed under the first one's code (synthetic heads on a seed)."""
    repo = scratch_corpus.parent
    head = "Батыс Қазақстан облысы Орал қаласы әкімдігінің"
    first = _synthetic_copy(tmp_path, ORAL_2999, head, "Ақмола облысы Жаңаауыл ауданы әкімдігінің", "district_a")
    done = run_script("import", str(first), cwd=repo)
    assert done.returncode == 0, done.stderr
    second = _synthetic_copy(tmp_path, first, "Ақмола облысы Жаңаауыл", "Павлодар облысы Жаңаауыл", "district_b")
    second.write_text(second.read_text(encoding="utf-8").replace("№ 2999", "№ 3000", 1), encoding="utf-8")
    before = _git_status(repo)
    done = run_script("import", str(second), cwd=repo)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "already stands for" in done.stderr
    assert _git_status(repo) == before
