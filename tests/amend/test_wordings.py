"""How real texts print instructions: run together on one line, a wording without quotes or
with an inner quote left open, Kazakh in the Latin alphabet (parse level; the golden cases
apply each one)."""

from __future__ import annotations

import pytest

from lawdiff.amend.blocks import blocks, split_run_together
from lawdiff.amend.grammar import parse_instructions
from lawdiff.lang import latin_to_cyrillic, latin_version

WORK = "kz/oral-akimat/resolution/2020/1"
KK = "1. Қаулыға мынадай өзгерістер енгізілсін:"
RU = "1. Внести в решение следующие изменения:"


@pytest.mark.parametrize("text,pieces", [
    ("енгізілсін:1) 3-тармақ алып тасталсын;2) 4-тармақ алып тасталсын.",
     ["енгізілсін:", "1) 3-тармақ алып тасталсын;", "2) 4-тармақ алып тасталсын."]),
    ("1. Қаулының күші жойылды деп танылсын (тіркелген).2. Осы қаулы қолданысқа енгізіледі.",
     ["1. Қаулының күші жойылды деп танылсын (тіркелген).", "2. Осы қаулы қолданысқа енгізіледі."]),
    # not the act's numbering: a date, a target after an item number, a number out of sequence
    ("2. Осы қаулы 01.03.2024 бастап қолданысқа енгізіледі.", None),
    ("1) 1) тармақша алып тасталсын;", None),
    ("1. Мәтін; 5) тармақшасы алып тасталсын.", None),
    # a number inside quotes is the wording's
    ('2-тармақ мынадай редакцияда жазылсын: "2. Мәтін:1) бір;2) екі.";', None),
])
def test_run_together_split(text, pieces):
    assert split_run_together(text) == (pieces or [text])


def test_run_together_sentences_parse_into_operations():
    result = parse_instructions([KK + "1) 3-тармақ алып тасталсын;2) 4-тармақ алып тасталсын."], WORK)
    assert result.unparsed == []
    assert [op.path for op in result.ops] == [[("clause", "3")], [("clause", "4")]]
    ru = parse_instructions([RU + "1) пункт 3 исключить;2) пункт 4 исключить.2. Настоящее решение вводится в действие."],
                            WORK)
    assert ru.unparsed == [] and [op.path for op in ru.ops] == [[("clause", "3")], [("clause", "4")]]


@pytest.mark.parametrize("paras,text", [
    ([KK, "2-тармақ мынадай редакцияда жазылсын:", "«2. Көмек «Отбасы бағдарламасы бойынша.»;", "3-тармақ алып тасталсын."],
     ["2. Көмек «Отбасы бағдарламасы бойынша."]),
    ([RU, "пункт 2 изложить в новой редакции:", '"2. Помощь по программе "Семья.";'],
     ['2. Помощь по программе "Семья.']),
    ([RU, 'пункт 2 изложить в новой редакции: "2. Помощь по программе "Семья.";', "пункт 3 исключить;"],
     ['2. Помощь по программе "Семья.']),
])
def test_inner_quote_left_open_ends_by_the_convention(paras, text):
    result = parse_instructions(paras, WORK)
    assert result.unparsed == []
    assert result.ops[0].text == text and result.ops[0].status == "parsed"


def test_inner_quote_without_the_end_convention_is_refused():
    result = parse_instructions([KK, "2-тармақ мынадай редакцияда жазылсын:", "«2. Көмек «Отбасы", "бағдарламасы"], WORK)
    assert result.ops == [] and "not closed" in result.unparsed[0].reason


@pytest.mark.parametrize("paras,text,rest", [
    ([KK, "1-тармақ жаңа редакцияда жазылсын:", "1. Көмек беріледі:", "1) бір;", "2) екі.",
      "Көрсетілген қаулының 2-тармағы алып тасталсын."],
     ["1. Көмек беріледі:", "1) бір;", "2) екі."], [("clause", "2")]),
    ([KK, "1-тармақ жаңа редакцияда жазылсын:", "1. Көмек беріледі.", "3-тармақта:", "1) тармақша алып тасталсын;"],
     ["1. Көмек беріледі."], [("clause", "3"), ("subclause", "1")]),
    ([RU, "пункт 1 изложить в новой редакции:", "1. Помощь оказывается.", "2. Настоящее решение вводится в действие."],
     ["1. Помощь оказывается."], None),
])
def test_unquoted_wording_runs_to_the_next_instruction(paras, text, rest):
    result = parse_instructions(paras, WORK)
    assert result.unparsed == []
    first = result.ops[0]
    assert first.text == text and first.status == "parsed-with-warning"
    assert "not in quotes" in first.reason and "--accept-warnings" in first.reason
    assert [op.path for op in result.ops[1:]] == ([rest] if rest else [])


@pytest.mark.parametrize("latin,version,cyrillic", [
    ("kúshi joıyldy dep tanylsyn", "2018", "күші жойылды деп танылсын"),
    ("1-tarmaq mynadaı redaksııada jazylsyn:", "2018", "1-тармақ мынадай редаксияда жазылсын:"),
    ("«Iýrıdıcheskaıa gazetada» jarııalanǵan", "2018", "«Юридическая газетада» жарияланған"),
    ("Bilim jáne ǵylym mınıstriniń 2006 jylǵy 7 shildedegi № 372 buıryǵynyń", "2018",
     "Білім және ғылым министрінің 2006 жылғы 7 шілдедегі № 372 бұйрығының"),
    ("2-tarmaqtaǵy sózder aýystyrylsyn", "2018", "2-тармақтағы сөздер ауыстырылсын"),
    ("küşı joiyldy dep tanylsyn", "2021", "күші жойылды деп танылсын"),
    ("2-tarmaqtağy sözder auystyrylsyn", "2021", "2-тармақтағы сөздер ауыстырылсын"),
])
def test_kazakh_latin_alphabets_read_in_cyrillic(latin, version, cyrillic):
    assert latin_version(latin) == version
    assert latin_to_cyrillic(latin, version) == cyrillic


def test_cyrillic_and_other_latin_text_is_not_kazakh_latin():
    assert latin_version("1-тармақ алып тасталсын") is None
    assert latin_version("Section 4 is repealed") is None


def test_latin_instructions_give_the_operations_of_their_cyrillic_twins():
    latin = ["1. Qaýlyǵa mynadaı ózgerister engizilsin:", "3-tarmaqtyń kúshi joıyldy dep tanylsyn;",
             "4-tarmaq alyp tastalsyn;", '2-tarmaqtaǵy "aı saıyn" degen sózder "toqsan saıyn" degen sózdermen aýystyrylsyn.']
    cyrillic = [KK, "3-тармақтың күші жойылды деп танылсын;", "4-тармақ алып тасталсын;",
                '2-тармақтағы "aı saıyn" деген сөздер "toqsan saıyn" деген сөздермен ауыстырылсын.']
    got, want = parse_instructions(latin, WORK), parse_instructions(cyrillic, WORK)
    assert got.unparsed == want.unparsed == []
    assert [(o.op, o.path, o.words) for o in got.ops] == [(o.op, o.path, o.words) for o in want.ops]
    assert [o.source for o in got.ops] == latin[1:]  # the text as written is kept


def test_blocks_keep_the_source_as_written():
    [block] = blocks(["4-tarmaq alyp tastalsyn;", "Qaýly ózgerister engizilsin:"])[:1]
    assert block.source == "4-tarmaq alyp tastalsyn;" and block.sentence == "4-тармақ алып тасталсын;"
