"""The structure parser: units, parts and indents, eIds (golden cases, one per phenomenon)."""

from __future__ import annotations

import pytest
from lxml import etree

from conftest import load_cases
from lawdiff.ingest.structure import Para, assign_eids, build_units


def _parse(paras: list[str], **kw) -> etree._Element:
    body = etree.Element("body")
    for el in build_units([Para(i + 1, t) for i, t in enumerate(paras)], **kw):
        body.append(el)
    assign_eids(body, [])
    return body


@pytest.mark.parametrize("case", load_cases("structure/cases.json"), ids=lambda c: c["phenomenon"])
def test_structure(case):
    body = _parse(case["paras"])
    assert [[p.get("eId"), p.text] for p in body.iter("p")] == case["expect"]


def test_amending_instructions_stay_text_and_quotes_are_opaque():
    body = _parse([
        "1. Бұйрыққа мынадай өзгерістер енгізілсін:",
        "6-тармақта:",
        "4) тармақшасы мынадай редакцияда жазылсын:",
        '"4) жаңа мәтін;";',
        '"17. Жаңа тармақ мәтіні.";',
        "2. Осы бұйрық қолданысқа енгізіледі.",
    ], quoted_blocks=True)
    assert [c.get("num") for c in body.iter("clause")] == ["1", "2"]
    assert body.find(".//subclause") is None
    assert len(body.find("clause").findall("p")) == 5
