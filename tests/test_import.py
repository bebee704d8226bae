"""Importing the real seed acts: metadata, lifecycle, structure, tables, validity."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SOURCES, load_cases
from lawdiff import LawdiffError
from lawdiff.build import options_for
from lawdiff.ingest import layout, repair
from lawdiff.ingest.importer import ImportOptions, import_source, read_head
from lawdiff.model import xmlio
from lawdiff.model.act import Act
from lawdiff.model.ids import work_id

CORPUS = SOURCES.parent


def _import(rel: str):
    manifest = json.loads((SOURCES / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["imports"] if e["file"] == rel)
    return import_source((SOURCES / rel).read_bytes(), rel, options_for(entry, SOURCES, CORPUS))


@pytest.fixture(scope="module")
def imported():
    return {c["file"]: _import(c["file"]) for c in load_cases("seeds/expected.json")}


@pytest.mark.parametrize("case", load_cases("seeds/expected.json"), ids=lambda c: c["work"])
def test_seed_metadata(imported, case):
    result = imported[case["file"]]
    act = Act(result.root)
    assert xmlio.schema_errors(result.root) == []
    assert act.id == case["work"] and act.type == case["type"] and act.number == case["number"]
    assert act.date.isoformat() == case["date"]
    assert act.title.startswith(case["title_start"])
    place = act.place
    assert (place.text if place is not None else None) == case["place"]
    assert (place.get("latin") if place is not None else None) == case["latin"]
    assert act.setting == case["setting"]
    period = act.period
    assert ([period[0].isoformat(), period[1].isoformat()] if period else None) == case["period"]
    eif = [e for e in act.events() if e.kind == "entry-into-force"]
    assert len(eif) == 1 and eif[0].rule == case["eif_rule"]
    reg = act.root.find("meta/registration")
    assert ([reg.get("number"), reg.get("date")] if reg is not None else None) == case["registration"]
    refs = {r.get("work") for r in act.root.iterfind("references/ref")}
    assert set(case["refs"]) <= refs
    assert [line.text for line in act.root.iterfind("body/signature/line")] == case["signature"]
    if "repealed" in case:
        rep = [e for e in act.events() if e.kind == "repealed"]
        assert len(rep) == 1 and [rep[0].date.isoformat(), rep[0].by] == case["repealed"]
        assert rep[0].origin == "note" and rep[0].source.startswith("Ескерту.")
    for target, by in case.get("amended", []):
        assert any(e.kind == "amended" and e.target == target and e.by == by for e in act.events())


@pytest.mark.parametrize("case", [c for c in load_cases("seeds/expected.json") if c["rows"]], ids=lambda c: c["work"])
def test_tariff_tables(imported, case):
    act = Act(imported[case["file"]].root)
    (table,) = act.tariff_tables()
    rows = table.findall(".//row")
    assert len(rows) == case["rows"]
    assert [int(r.get("num")) for r in rows] == list(range(1, case["rows"] + 1))
    assert table.get("unit") == case["unit"] and table.get("currency") == "KZT"
    for num, price in case["prices"].items():
        assert Decimal(rows[int(num) - 1].get("price")) == Decimal(price)
        assert rows[int(num) - 1].get("price") == price
    headings = {g.findtext("heading") for g in table.iter("group")}
    for r in rows:
        assert Decimal(r.get("price")) > 0 and r.findtext("service") and r.findtext("position")
        assert not any(h in r.findtext("service") for h in headings), "a category heading leaked into a service"


def test_decree_330_versions_from_notes_and_earlier_redaction(imported):
    act = Act(imported["seeds/004_3863efce43b76de6.txt"].root)
    old, new = act.versions("preamble")
    assert old.get("ended-by") == new.get("by") == "kz/government/decree/2022/850"
    assert old.findtext("p").startswith("«Арнаулы әлеуметтік қызметтер туралы» Қазақстан Республикасының 2008 жылғы 29")
    assert new.findtext("p").startswith('"Арнаулы әлеуметтік қызметтер туралы" Қазақстан Республикасының Заңы 7-бабының 2) тармақшасына')
    app_old, app_new = act.versions("att_1")
    assert app_old.get("absent") == "true" and app_new.get("by") == "kz/government/decree/2022/850"
    assert [s.get("num") for s in app_new.iterfind("clause[@num='1']/subclause")] == [str(i) for i in range(1, 8)]


def test_order_308_notes_and_instructions_stay_text(imported):
    act = Act(imported["seeds/003_eb01406c169d42b8.txt"].root)
    clause1 = act.root.find("body/clause[@num='1']")
    assert clause1.find("subclause") is None, "instruction lines are not the order's own subclauses"
    assert [c.get("num") for c in act.root.iterfind("body/clause")] == ["1", "2", "3", "4"]
    assert [a.get("num") for a in act.root.iterfind("appendix")] == ["1", "2", "3", "4", "5"]
    kinds = {r.get("kind") for r in act.root.iterfind("repairs/repair")}
    assert {"displaced-fragment", "erratum", "letter-spacing"} <= kinds


def test_order_379_is_partial(imported=None):
    result = _import("reference/order379_V1800017467_head_kaz.txt")
    act = Act(result.root)
    assert act.id == "kz/mlsp/order/2018/379" and not act.complete
    assert act.root.findtext("meta/alias[@scheme='adilet']") == "V1800017467"
    assert act.root.find("meta/registration").get("number") == "17467"
    (rules,) = act.root.iterfind("appendix")
    assert rules.get("absent") == "true"
    assert [c.get("num") for c in act.root.iterfind("body/clause")] == ["1"]   # the excerpt cuts clause 2


@pytest.mark.parametrize("data,message", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("Сәлем, бұл жай мәтін.\nОнда акт жоқ.\n".encode(), "not an act"),
    (b"\xff\xfe\xfa bad", "not UTF-8"),
])
def test_bad_input_is_refused(data, message):
    with pytest.raises(LawdiffError, match=message):
        import_source(data, "input.txt", ImportOptions())


def test_russian_text_gets_the_same_work_id_as_the_kazakh_one():
    """A clearly synthetic Russian act of the Oral akimat: the genitive "города Уральска" is
    the gazetteer's Орал, so the work id matches the Kazakh texts' (oral-akimat)."""
    data = (Path(__file__).parent / "data/import/synthetic_ru_resolution.txt").read_bytes()
    result = import_source(data, "synthetic_ru_resolution.txt", ImportOptions())
    act = Act(result.root)
    assert act.id == "kz/oral-akimat/resolution/2025/9999" and act.root.get("lang") == "ru"
    assert act.place.text == "Орал" and act.date.isoformat() == "2025-12-18"
    assert [e.rule for e in act.events() if e.kind == "entry-into-force"] == ["publication+10d"]
    assert act.period[0].isoformat() == "2026-01-01"
    assert [c.get("num") for c in act.root.iterfind("body/clause")] == ["1", "2", "3"]
    assert xmlio.schema_errors(result.root) == []


def _heads(name: str):
    """The blocks of a real reference file of act heads (each block opens with its source)."""
    text = (Path(__file__).parent / "data/import" / name).read_text(encoding="utf-8")
    for block in text.split("=== SOURCE:")[1:]:
        source, *lines = block.splitlines()
        yield source.strip(), [(i, repair.normalise_chars(t)) for i, t in enumerate(lines, 1)]


@pytest.mark.parametrize("name,expected", [
    ("tariff_acts_other_districts_heads.txt", {
        "G25ZA02999A": ("kz/oral-akimat/resolution/2025/2999", None),
        "G25ZK00302A": ("kz/taskala-akimat/resolution/2025/302", None),
        "G25BQ12349A": ("kz/tselinograd-akimat/resolution/2025/a-12_349", None),
    }),
    ("socassist_base_acts_heads.txt", {
        "V23KO651109": ("kz/osakarov-maslikhat/decision/2023/12_110", ("6511-09", "2023-11-01")),
    }),
])
def test_heads_of_other_real_acts(name, expected):
    """Heads of acts by other akimats and maslikhats, Kazakh and Russian: the work id, and the
    registration where the head states it. Blocks that hold no heading are refused."""
    seen = {}
    for source, lines in _heads(name):
        doc = layout.split_document(lines, "pdf")
        try:
            head = read_head(layout.head_blocks(doc.head), source)
        except LawdiffError as exc:
            assert "not an act" in str(exc)
            continue
        key = next(k for k in expected if k in source)
        reg = (head.registration[0], head.registration[1].isoformat()) if head.registration else None
        seen[key] = (work_id(head.issuer.code, head.type, head.date.year, head.number), reg)
    assert seen == expected
