"""An act cited as issuer + "title" + date + № is the same act as issuer + date + № + "title".

The first two citations are real (the amending acts' opening sentences, verbatim from
tests/data/real/acts/); the repeal sentence is the form a lawyer reported, with a made-up
title and number (synthetic)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawdiff.amend.grammar import parse_instructions
from lawdiff.ingest.references import find_refs

REAL = Path(__file__).parent / "data" / "real" / "acts"


@pytest.mark.parametrize("file,start,work", [
    ("kk_maslikhat_budget_amending_bayandalsyn_V21SJ007173.txt", "Солтүстік Қазақстан облысы Мамлют ауданы мәслихатының",
     "kz/mamlyut-maslikhat/decision/2020/81_2"),
    ("kk_maslikhat_amending_indent_of_appendix_clause_V22UN030356.txt", "Түлкібас аудандық мәслихатының",
     "kz/tulkibas-maslikhat/decision/2020/65_4-06"),
])
def test_real_citation_with_the_title_before_the_date(file, start, work):
    text = (REAL / file).read_text(encoding="utf-8")
    line = next(t for t in text.splitlines() if start in t and "шешіміне" in t)
    assert find_refs(line[line.index(start):])[0].work == work


@pytest.mark.parametrize("sentence", [
    '1. Батыс Қазақстан облысы Теректі аудандық мәслихатының "Әлеуметтік көмек көрсету қағидаларын бекіту туралы" '
    '2020 жылғы 5 наурыздағы № 12 шешімінің күші жойылды деп танылсын.',
    '1. Батыс Қазақстан облысы Теректі аудандық мәслихатының 2020 жылғы 5 наурыздағы № 12 '
    '"Әлеуметтік көмек көрсету қағидаларын бекіту туралы" шешімінің күші жойылды деп танылсын.',
])
def test_a_repeal_names_the_act_whichever_side_its_title_stands(sentence):
    parsed = parse_instructions([sentence], None)
    assert not parsed.unparsed
    assert [(op.op, op.work) for op in parsed.ops] == [("repeal", "kz/terekti-maslikhat/decision/2020/12")]
