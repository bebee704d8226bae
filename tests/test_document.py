"""The act as a document (``lawdiff show``), legal citations and the official citation, on the
real acts of the shipped corpus."""

from __future__ import annotations

import datetime as dt
import json

import html5lib
import pytest

from lawdiff import LawdiffError
from lawdiff.citation import official_citation, resolve_provision
from lawdiff.corpus import Corpus
from lawdiff.render.labels import LABELS
from tests.conftest import CORPUS, ROOT, lawdiff, load_cases, run_script

W2999 = "kz/oral-akimat/resolution/2025/2999"
W330 = "kz/government/decree/2009/330"
W379 = "kz/mlsp/order/2018/379"


@pytest.mark.parametrize("case", load_cases("reader/citations.json"), ids=lambda c: c["citation"])
def test_citation_names_the_unit(case):
    act = Corpus(CORPUS).load(case["work"])
    if "error" in case:
        with pytest.raises(LawdiffError, match=case["error"]):
            resolve_provision(act, case["citation"])
    else:
        assert resolve_provision(act, case["citation"]) == case["eId"]


def test_official_citation_in_the_acts_language():
    c = Corpus(CORPUS)
    assert official_citation(c.load(W2999)) == "Орал қаласы әкімдігінің 2025 жылғы 18 желтоқсандағы № 2999 қаулысы"
    assert official_citation(c.load(W379)).endswith("2018 жылғы 29 тамыздағы № 379 бұйрығы")


def test_show_prints_the_act_as_published(capsys):
    code, out, err = lawdiff(capsys, "show", W2999, "--at", "2026-03-01")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Орал қаласы әкімдігінің 2025 жылғы 18 желтоқсандағы № 2999 қаулысы"
    assert "1. Осы қаулының қосымшасына сәйкес" in out
    assert "4. Осы қаулы оның алғашқы ресми" in out
    assert "Қала әкімі" in lines and "М. Байменов" in lines
    assert "1-қосымша" in lines
    assert any("Орал қаласы әкімдігінің 2025 жылғы 18 желтоқсан № 2999 қаулысына қосымша" in ln for ln in lines)
    assert "Әлеуметтік-психологиялық қызметтер" in lines          # a category heading of the table
    assert any(ln.strip().startswith("76. Әлеуметтік-психологиялық патронаж") for ln in lines)
    assert "para_1" not in out and "att_1" not in out             # no internal ids unless asked


def test_ids_only_when_asked(capsys):
    code, out, _ = lawdiff(capsys, "show", W2999, "--at", "2026-03-01", "--ids")
    assert code == 0 and "[para_1__indent_1]" in out and "[att_1__row_76]" in out


def test_undetermined_entry_into_force_is_one_condition(capsys):
    code, out, _ = lawdiff(capsys, "show", W2999, "--at", "2026-03-01", "--lang", "en")
    assert code == 0
    assert out.count("if first officially published on or before 2026-02-18") == 1
    assert "Not in force before 2026-01-01" in out
    assert "unconfirmed" not in out and "probably" not in out


def test_amendment_condition_said_once_with_both_wordings_marked(capsys):
    """Decree 330 on 2023-01-01: decree 850's changes have no known publication date, so the
    preamble has two competing wordings; the condition is said once, each wording is marked."""
    code, out, _ = lawdiff(capsys, "show", W330, "--at", "2023-01-01", "--lang", "en")
    assert code == 0
    assert out.count("The changes made by 2022 жылғы 26 қазандағы № 850 қаулысы apply on 2023-01-01 if") == 1
    assert out.count("Earlier wording: applies until the changes made by") == 2     # preamble and the List
    assert out.count("Wording given by 2022 жылғы 26 қазандағы № 850 қаулысы") >= 2
    assert "«Арнаулы әлеуметтік қызметтер туралы» Қазақстан Республикасының 2008 жылғы" in out
    assert '"Арнаулы әлеуметтік қызметтер туралы" Қазақстан Республикасының Заңы' in out


def test_repealed_act_says_so_in_one_sentence(capsys):
    code, out, _ = lawdiff(capsys, "show", W330, "--at", "2024-01-01", "--lang", "ru")
    assert code == 0
    assert out.splitlines()[2] == "На 01.01.2024 утратил силу."


def test_provision_by_citation(capsys):
    code, out, err = lawdiff(capsys, "show", W379, "--at", "2023-01-01", "--provision", "подпункт 3) пункта 2 Правил")
    assert code == 0, err
    assert "3) психоневрологиялық аурулары бар он сегіз жастан асқан" in out
    assert "1) психоневрологиялық патологиясы" not in out
    assert "Мәтін толық емес" in out


def test_json_names_the_act_and_links_its_page(capsys):
    code, out, _ = lawdiff(capsys, "show", W379, "--at", "2020-01-01", "--provision", "1-тармақ", "--json")
    data = json.loads(out)
    assert data["citation"].endswith("№ 379 бұйрығы")
    assert data["url"] == "https://adilet.zan.kz/kaz/docs/V1800017467"
    assert [p["eId"] for p in data["provisions"]] == ["para_1__indent_1"]


def test_unknown_citation_is_one_line_error(capsys):
    code, out, err = lawdiff(capsys, "show", W2999, "--provision", "5-тармақ")
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and "5-тармақ" in err and "Traceback" not in err


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_html_page_parses_and_speaks_one_language(lang):
    res = run_script("show", W330, "--at", "2023-01-01", "--html", "--lang", lang, cwd=ROOT / "docs")
    assert res.returncode == 0, res.stderr
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    doc = parser.parse(res.stdout)
    assert doc.get("lang") == lang
    text = doc.find(".//div[@class='act-text']")
    assert text.get("lang") == "kk"
    others = {"kk": "In force", "ru": "Wording given", "en": "Редакция:"}
    assert others[lang] not in res.stdout
    assert doc.find(".//h2[@class='appendix']") is not None


def test_markdown_has_the_table_with_categories():
    res = run_script("show", W2999, "--at", "2026-03-01", "--format", "md", "--lang", "en")
    assert res.returncode == 0, res.stderr
    assert "| No. | Service | Position | Price |" in res.stdout
    assert "| | **Әлеуметтік-психологиялық қызметтер** | | |" in res.stdout
    assert "## Appendix 1" in res.stdout


def test_every_language_has_every_word():
    keys = {lang: set(words) for lang, words in LABELS.items()}
    assert keys["kk"] == keys["ru"] == keys["en"]


def test_document_json_is_data():
    from lawdiff.review.document import read_document

    doc = read_document(Corpus(CORPUS), W2999, dt.date(2026, 3, 1))
    data = doc.to_json()
    assert data["conditions"][0]["published_by"] == "2026-02-18"
    kinds = [b["kind"] for b in data["blocks"]]
    assert kinds[0] == "heading" and "signature" in kinds and kinds[-1] == "table"
