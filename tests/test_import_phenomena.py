"""Golden import tests, one data file per phenomenon (tests/data/ingest/*.json): layouts and
head orders, appendix heads, chapters and sections, in Kazakh and Russian. Each case gives the
text as a user pastes it and what the document must hold; every document is schema-valid and
the nothing-lost check has run on it (import_source refuses otherwise)."""

from __future__ import annotations

import pytest

from conftest import DATA, load_cases
from lawdiff.ingest.coverage import document_words, words
from lawdiff.ingest.importer import ImportOptions, import_source
from lawdiff.model import xmlio

_UNITS = {"title", "preamble", "section", "chapter", "subchapter", "article", "clause", "subclause", "part", "p"}


def _import(case):
    data = ("\n".join(case["text"]) + "\n").encode()
    return import_source(data, f"{case['name']}.txt", ImportOptions())


def outline(el) -> list[str]:
    """The eIds of the units under ``el``, in document order."""
    return [u.get("eId") for u in el.iter() if u.tag in _UNITS and u.get("eId")]


def _check_common(result, case):
    root = result.root
    exp = case["expected"]
    assert xmlio.schema_errors(root) == []
    assert root.find("meta/source").get("layout") == exp["layout"]
    assert root.find("meta/source").get("head") == exp.get("head")
    assert root.get("lang") == case["lang"]
    # every word of the pasted text is element text of the document
    assert not (set(words("\n".join(case["text"]))) - set(document_words(root)))


@pytest.mark.parametrize("case", load_cases("ingest/layouts.json"), ids=lambda c: c["name"])
def test_layouts_and_heads(case):
    result = _import(case)
    root, exp = result.root, case["expected"]
    _check_common(result, case)
    assert result.work == exp["work"]
    assert root.findtext("meta/number") == exp["number"] and root.findtext("meta/date") == exp["date"]
    assert root.findtext("body/title") == exp["title"] == root.findtext("meta/title")
    assert root.findtext("meta/status") == exp["status"]
    assert [line.text for line in root.iterfind("body/signature/line")] == exp["signature"]
    assert outline(root.find("body")) == exp["outline"]
    assert root.find("appendix") is None and root.find("unstructured") is None


@pytest.mark.parametrize("case", load_cases("ingest/appendix_heads.json") + load_cases("ingest/chapters.json"),
                         ids=lambda c: c["name"])
def test_appendices_and_chapters(case):
    result = _import(case)
    root, exp = result.root, case["expected"]
    _check_common(result, case)
    assert outline(root.find("body")) == exp["body"]
    apps = root.findall("appendix")
    assert [a.get("num") for a in apps] == [a["num"] for a in exp["appendices"]]
    for app, want in zip(apps, exp["appendices"]):
        assert [m.text for m in app.iterfind("mark")] == want["mark"]
        assert app.findtext("heading") == want["heading"]
        assert outline(app) == want["outline"]
        nested = [(a.get("eId"), [m.text for m in a.iterfind("mark")], a.findtext("heading")) for a in app.iterfind("appendix")]
        assert nested == [(n["eId"], n["mark"], n["heading"]) for n in want.get("nested", [])]
    assert [line.text for line in root.iterfind("body/signature/line")] == exp["signature"]
    assert root.find("unstructured") is None


def test_tariff_table_pasted_from_the_web_page_is_typed():
    """Synthetic: a tariff table as `cell | cell |` rows reads as typed rows, prices exact."""
    path = DATA / "ingest" / "synthetic_kk_web_tariff_table.txt"
    root = import_source(path.read_bytes(), path.name, ImportOptions()).root
    assert xmlio.schema_errors(root) == [] and root.find("meta/source").get("layout") == "web"
    (table,) = root.iter("tariffs")
    assert table.get("unit") == "per-service" and table.get("setting") == "home"
    rows = [(r.get("num"), r.get("price"), r.findtext("service"), r.findtext("position")) for r in table.iter("row")]
    assert rows == [("1", "587", "Тамақ дайындау", "Әлеуметтік қызметкер"),
                    ("2", "1896.60", "Үй жинау", "Әлеуметтік қызметкер")]
    assert table.findtext("group/heading") == "Әлеуметтік-тұрмыстық қызметтер"
