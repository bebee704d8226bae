"""Akoma Ntoso export: FRBR identifiers and the text in force on the date."""

from __future__ import annotations

import datetime as dt

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
    assert after.findall(".//a:p", NS) == []


def test_missing_text_is_listed_not_invented():
    doc = _export("kz/mlsp/order/2018/379", "2020-01-01")
    note = doc.find(".//a:notes/a:note/a:p", NS)
    assert note is not None and "att_1" in note.text and "Not in the corpus" in note.text
