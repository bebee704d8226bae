"""The instruction grammar: order 308 in full, the Russian examples, and one sentence per form."""

from __future__ import annotations

import pytest

from lawdiff.amend import vocab
from lawdiff.amend.grammar import parse_instructions
from lawdiff.amend.targets import merge

from .conftest import DATA, REPO
from .textutil import pdf_paragraphs

W379 = "kz/mlsp/order/2018/379"


def _308():
    paras = pdf_paragraphs(DATA / "order_308_kk.txt", REPO / "corpus", "kz/mlsp/order/2022/308", 17, 365)
    return parse_instructions(paras, None)


def _p(*steps):
    """("c", 2, "p", 1, "s", 4) -> the Rules' path [appendix 1, clause 2, part 1, subclause 4]."""
    names = {"c": "clause", "s": "subclause", "p": "part", "i": "indent", "a": "appendix"}
    path = [("appendix", "1")]
    for k, n in zip(steps[::2], steps[1::2]):
        path.append((names[k], str(n)))
    return path


R = "replace"
#: Every instruction of order 308, in order: 37 sentences give 47 operations.
EXPECTED_308 = [
    (R, _p("c", 2, "p", 1, "s", 1)), (R, _p("c", 2, "p", 1, "s", 2)),
    (R, _p("c", 2, "p", 1, "s", 3)), (R, _p("c", 2, "p", 1, "s", 4)),
    (R, _p("c", 5, "i", 2)), (R, _p("c", 5, "i", 3)),
    (R, _p("c", 6, "s", 4)),
    (R, _p("c", 6, "s", 5, "p", 2)),
    (R, _p("c", 11, "s", 1, "p", 7)), (R, _p("c", 11, "s", 1, "p", 8)),
    (R, _p("c", 11, "s", 2, "p", 3, "i", 6)), (R, _p("c", 11, "s", 2, "p", 3, "i", 10)),
    (R, _p("c", 11, "s", 2, "p", 4)), (R, _p("c", 11, "s", 2, "p", 6)),
    (R, _p("c", 11, "s", 3, "p", 2)),
    (R, _p("c", 13, "i", 1)),
    (R, _p("c", 13, "s", 2, "p", 1)), (R, _p("c", 13, "s", 2, "p", 2, "i", 1)),
    (R, _p("c", 13, "s", 4, "p", 1)),
    (R, _p("c", 17)), (R, _p("c", 19)),
    (R, _p("c", 21, "s", 1, "p", 2)), (R, _p("c", 21, "s", 1, "p", 7)),
    (R, _p("c", 21, "s", 2, "p", 2)),
    (R, _p("c", 21, "s", 2, "p", 3, "i", 6)), (R, _p("c", 21, "s", 2, "p", 3, "i", 9)),
    (R, _p("c", 21, "s", 2, "p", 4)),
    (R, _p("c", 21, "s", 3, "p", 2)),
    (R, _p("c", 23, "s", 2, "p", 1)), (R, _p("c", 23, "s", 4)),
    (R, _p("c", 26, "s", 1, "p", 2)), (R, _p("c", 26, "s", 1, "p", 7)),
    (R, _p("c", 26, "s", 2, "p", 2)),
    (R, _p("c", 26, "s", 2, "p", 3, "i", 6)), (R, _p("c", 26, "s", 2, "p", 3, "i", 9)),
    (R, _p("c", 26, "s", 2, "p", 4)),
    (R, _p("c", 26, "s", 3, "p", 4)),
    (R, _p("c", 35, "s", 2, "p", 2)),
    (R, _p("c", 35, "s", 3, "p", 2)), (R, _p("c", 35, "s", 3, "p", 4)),
    ("insert", _p("c", 35, "s", 4)), ("insert", _p("c", 35, "s", 5)),
    *[("replace-appendix", _p("a", n)) for n in range(1, 6)],
]


def test_order_308_every_instruction():
    result = _308()
    assert result.unparsed == []
    assert [(op.op, op.path) for op in result.ops] == EXPECTED_308
    assert {op.work for op in result.ops} == {W379}
    assert len({op.sentence for op in result.ops}) == 37
    assert [op.seq for op in result.ops] == list(range(1, 48))
    assert all(op.status == "parsed" for op in result.ops)


def test_order_308_sentences_are_counted_in_the_text():
    """The source text has exactly 37 operation sentences: none dropped, none invented."""
    paras = pdf_paragraphs(DATA / "order_308_kk.txt", REPO / "corpus", "kz/mlsp/order/2022/308", 17, 365)
    verbs = [p for p in paras if not p.startswith('"') and ("жазылсын" in p or "толықтырылсын" in p)]
    assert len(verbs) == 37
    sentences = {op.sentence: op.source for op in _308().ops}
    assert [sentences[k] for k in sorted(sentences)] == verbs


def test_order_308_wordings():
    ops = _308().ops
    by_path = {tuple(op.path): op for op in ops}
    assert by_path[tuple(_p("c", 2, "p", 1, "s", 4))].text == [
        "4) бірінші және екінші топтағы мүгедектігі бар адамдарға (бұдан әрі – мүгедектігі бар адамдар);"]
    cl6 = by_path[tuple(_p("c", 6, "s", 4))].text
    assert len(cl6) == 1 and cl6[0].startswith('"Неке (ерлі-зайыптылық) және отбасы туралы" Қазақстан')
    assert cl6[0].endswith("мүгедектігі бар адамдар;")
    assert by_path[tuple(_p("c", 6, "s", 5, "p", 2))].text == [
        "Мүгедектігі бар адамдар мен қарттардың стационарлық үлгідегі ұйымдарда тұруына:"]
    assert [len(by_path[tuple(_p("c", 11, "s", 1, "p", n))].text) for n in (7, 8)] == [1, 1]
    assert by_path[tuple(_p("c", 17))].text[0].startswith("17. Қызмет алушыларға")
    ins4, ins5 = by_path[tuple(_p("c", 35, "s", 4))], by_path[tuple(_p("c", 35, "s", 5))]
    assert ins4.text[0] == "4) жеке жоспар." and len(ins4.text) == 6
    assert ins4.text[-1].endswith("жеке жоспарларын түзетеді;")
    assert ins5.text[0] == "5) мониторинг журналы." and len(ins5.text) == 10
    assert ins5.text[-1].endswith("бөлек жеке папкада бірге тігіледі.")
    # 21-тармақ 1) тармақшасының екінші бөлігі: the displaced "2-қосымшаға" is back in place
    assert by_path[tuple(_p("c", 21, "s", 1, "p", 2))].text == [
        "Электрондық журналды порталда жартылай стационарлық үлгідегі ұйым осы Қағидаларға "
        "2-қосымшаға сәйкес нысан бойынша жүргізеді."]
    apps = [op for op in ops if op.op == "replace-appendix"]
    assert [op.source_appendix for op in apps] == ["1", "2", "3", "4", "5"]
    assert all(op.text == [] for op in apps)


def _lines(name):
    return [l for l in (DATA / name).read_text(encoding="utf-8").split("\n") if l.strip()]


def test_russian_kaztalov():
    result = parse_instructions(_lines("ru_kaztalov_V23ZH731007.txt"), None)
    assert result.unparsed == []
    [op] = result.ops
    assert op.op == "replace"
    assert op.work == "kz/kaztalov-maslikhat/decision/2023/9-7"
    assert op.path == [("appendix", "1"), ("clause", "7"), ("subclause", "1")]
    assert op.text[0].startswith("1) лицам больным туберкулезом") and op.text[0].endswith("ежемесячно;")


def test_russian_kostanay():
    work = "kz/kostanai-maslikhat/decision/2011/471"
    result = parse_instructions(_lines("ru_kostanay_V12NN000181.txt"), work)
    assert [(op.op, op.work, op.path) for op in result.ops] == [
        ("replace", work, [("clause", "1"), ("subclause", "3")]),
        ("delete", work, [("clause", "1"), ("subclause", "8")]),
    ]
    assert result.ops[0].text[0].startswith("3) лицам, больным туберкулезом")
    # a body named without its place is the amending act's own issuer
    own = parse_instructions(_lines("ru_kostanay_V12NN000181.txt"), None, own_issuer="kostanai-maslikhat")
    assert {op.work for op in own.ops} == {work}
    # the excerpt is cut off inside its last instruction: reported, not skipped
    [unparsed] = result.unparsed
    assert unparsed.source.startswith("в приложении к указанному решению")


KK = "1. Қаулыға мынадай өзгерістер енгізілсін:"
RU = "1. Внести в решение следующие изменения:"
WORK = "kz/oral-akimat/resolution/2020/1"

FORMS = [
    # (id, paragraphs, [(op, path, words, extra)])
    ("kk-words-in-subclause", [KK, '4-тармақтың 2) тармақшасындағы "X сөз" сөздері "Y" сөздерімен ауыстырылсын;'],
     [("replace-words", [("clause", "4"), ("subclause", "2")], ("X сөз", "Y"), {})]),
    ("kk-words-everywhere-pairs", [KK, 'бүкіл мәтіні бойынша «мүгедек», «мүгедектер» деген сөздер «мүгедектігі бар адам», '
                                       '«мүгедектігі бар адамдар» деген сөздермен ауыстырылсын;'],
     [("replace-words-everywhere", [], ("мүгедек", "мүгедектігі бар адам"), {}),
      ("replace-words-everywhere", [], ("мүгедектер", "мүгедектігі бар адамдар"), {})]),
    ("kk-number", [KK, '№3 қосымшасындағы "150" саны "800" санына өзгертілсін;'],
     [("replace-number", [("appendix", "3")], ("150", "800"), {"count": 1})]),
    ("kk-delete", [KK, "8) тармақша алып тасталсын;"], [("delete", [("subclause", "8")], None, {})]),
    ("kk-delete-range", [KK, "7-тармақта:", "1)-3) тармақшалары алып тасталсын;"],
     [("delete", [("clause", "7"), ("subclause", str(n))], None, {}) for n in (1, 2, 3)]),
    ("kk-delete-words", [KK, "9-тармақта:", '"алты" сөзі алып тасталсын;'],
     [("replace-words", [("clause", "9")], ("алты", ""), {})]),
    ("kk-insert-inserted-number", [KK, "3-тармақ мынадай мазмұндағы 7-1) тармақшамен толықтырылсын:", '"7-1) жаңа;";'],
     [("insert", [("clause", "3"), ("subclause", "7-1")], None, {"text": ["7-1) жаңа;"]})]),
    ("kk-insert-after", [KK, "5-тармақтан кейін мынадай мазмұндағы 5-1-тармақпен толықтырылсын:", '"5-1. Жаңа.";'],
     [("insert", [("clause", "5-1")], None, {"after": [("clause", "5")]})]),
    ("kk-insert-words-after", [KK, '2-тармақтың бірінші абзацындағы "X" сөзінен кейін "Y" сөздерімен толықтырылсын;'],
     [("insert-words", [("clause", "2"), ("indent", "1")], ("X", "Y"), {"position": "after"})]),
    ("kk-no-hyphen", [KK, "4 тармақ мынадай редакцияда жазылсын:", '"4. Жаңа.";'],
     [("replace", [("clause", "4")], None, {"text": ["4. Жаңа."]})]),
    ("kk-preamble", [KK, "кіріспесі мынадай редакцияда жазылсын:", '"Кіріспе, ҚАУЛЫ ЕТЕДІ:";'],
     [("replace", [("preamble", None)], None, {})]),
    ("kk-title", [KK, "тақырыбы мынадай редакцияда жазылсын:", '"Жаңа тақырып";'],
     [("replace", [("title", None)], None, {"text": ["Жаңа тақырып"]})]),
    ("kk-ordinals-typo", [KK, "2-тармақтың үшінщі бөлігінде:", "он бірінші абзацы мынадай редакцияда жазылсын:", '"мәтін;";'],
     [("replace", [("clause", "2"), ("part", "3"), ("indent", "11")], None, {})]),
    ("kk-repeal-provision", [KK, "3-тармақтың күші жойылды деп танылсын;"], [("repeal", [("clause", "3")], None, {})]),
    ("kk-repeal-without-kushi", [KK, "5-тармағы жойылды деп танылсын;"], [("repeal", [("clause", "5")], None, {})]),
    ("kk-state-language-context", [KK, "Көрсетілген қаулының мемлекеттік тілдегі 1-қосымшасында:",
                                   "4-тармағы мынадай редакцияда жазылсын:", '"4. Жаңа.";', "2-қосымшасында:",
                                   "5-тармақ алып тасталсын;"],
     [("replace", [("appendix", "1"), ("clause", "4")], None, {"language": "kk"}),
      ("delete", [("appendix", "2"), ("clause", "5")], None, {"language": None})]),
    ("ru-state-language-context", [RU, "в тексте на государственном языке в приложении 1:", "пункт 4 исключить;"],
     [("delete", [("appendix", "1"), ("clause", "4")], None, {"language": "kk"})]),
    ("ru-umbrella-appendix", ["1. Внести в приложение № 3 решения следующие изменения:",
                              "в пункте 2 слово «X» заменить словом «Y»;"],
     [("replace-words", [("appendix", "3"), ("clause", "2")], ("X", "Y"), {})]),
    ("kk-umbrella-appendix", ["1. Шешімнің 3-қосымшасына мынадай өзгерістер енгізілсін:", "2-тармақ алып тасталсын;"],
     [("delete", [("appendix", "3"), ("clause", "2")], None, {})]),
    ("kk-repeal-sanalsyn", [KK, "3-тармақтың күші жойылды деп саналсын;"], [("repeal", [("clause", "3")], None, {})]),
    ("kk-repeal-zhoyylsyn", [KK, "4-тармақтың күші жойылсын;"], [("repeal", [("clause", "4")], None, {})]),
    ("kk-repeal-act", ["2. Батыс Қазақстан облысы Орал қаласы әкімдігінің 2020 жылғы 5 наурыздағы № 100 қаулысының "
                       "күші жойылды деп танылсын."],
     [("repeal", [], None, {"work": "kz/oral-akimat/resolution/2020/100"})]),
    ("kk-repeal-list", ["2. Мыналардың күші жойылды деп танылсын:",
                        "1) Батыс Қазақстан облысы Орал қаласы әкімдігінің 2020 жылғы 5 наурыздағы № 100 қаулысы;",
                        "2) Батыс Қазақстан облысы Орал қаласы әкімдігінің 2021 жылғы 6 сәуірдегі № 200 қаулысы."],
     [("repeal", [], None, {"work": "kz/oral-akimat/resolution/2020/100"}),
      ("repeal", [], None, {"work": "kz/oral-akimat/resolution/2021/200"})]),
    ("ru-words", [RU, "в пункте 2 слова «X» заменить словами «Y»;"], [("replace-words", [("clause", "2")], ("X", "Y"), {})]),
    ("ru-words-everywhere", [RU, "по всему тексту слова «X» заменить словами «Y»;"],
     [("replace-words-everywhere", [], ("X", "Y"), {})]),
    ("ru-number-in-context", [RU, "в приложении 2:", "цифры «150» заменить цифрами «800»;"],
     [("replace-number", [("appendix", "2")], ("150", "800"), {})]),
    ("ru-insert", [RU, "дополнить пунктом 7-1 следующего содержания:", '"7-1. Текст.";'],
     [("insert", [("clause", "7-1")], None, {})]),
    ("ru-insert-after", [RU, "после пункта 5 дополнить пунктом 5-1 следующего содержания:", '"5-1. Текст.";'],
     [("insert", [("clause", "5-1")], None, {"after": [("clause", "5")]})]),
    ("ru-indents-genitive-chain", [RU, "абзацы второй и третий подпункта 2) пункта 3 изложить в следующей редакции:",
                                   '"второй;', 'третий;";'],
     [("replace", [("clause", "3"), ("subclause", "2"), ("indent", "2")], None, {"text": ["второй;"]}),
      ("replace", [("clause", "3"), ("subclause", "2"), ("indent", "3")], None, {"text": ["третий;"]})]),
    ("ru-parts", [RU, "части первую и вторую статьи 4 изложить в следующей редакции:", '"Первая.', 'Вторая.";'],
     [("replace", [("article", "4"), ("part", "1")], None, {}), ("replace", [("article", "4"), ("part", "2")], None, {})]),
    ("ru-delete", [RU, "пункт 5 исключить;"], [("delete", [("clause", "5")], None, {})]),
    ("ru-insert-words", [RU, "пункт 2 после слов «X» дополнить словами «Y»;"],
     [("insert-words", [("clause", "2")], ("X", "Y"), {"position": "after"})]),
    ("ru-repeal-provision", [RU, "подпункт 2) пункта 3 признать утратившим силу;"],
     [("repeal", [("clause", "3"), ("subclause", "2")], None, {})]),
    ("ru-appendix-from-act", [RU, "приложение 2 к указанному решению изложить в новой редакции согласно "
                                  "приложению к настоящему решению;"],
     [("replace-appendix", [("appendix", "2")], None, {"source_appendix": "1"})]),
    ("ru-inline-wording", [RU, 'пункт 3 изложить в новой редакции: "3. Текст.";'],
     [("replace", [("clause", "3")], None, {"text": ["3. Текст."]})]),
]


@pytest.mark.parametrize("paras,expected", [f[1:] for f in FORMS], ids=[f[0] for f in FORMS])
def test_form(paras, expected):
    result = parse_instructions(paras, WORK)
    assert result.unparsed == []
    got = [(op.op, op.path, op.words) for op in result.ops]
    assert got == [(o, p, w) for o, p, w, _ in expected]
    for op, (_, _, _, extra) in zip(result.ops, expected):
        for key, value in extra.items():
            assert getattr(op, key) == value, key


UNPARSED = [
    ("no-quotes", [KK, "5-тармақ өзгертілсін;"], "quoted old words"),
    ("no-target", [KK, "мынадай редакцияда жазылсын:", '"Мәтін.";'], "no target"),
    ("unclosed-wording", [KK, "2-тармақ мынадай редакцияда жазылсын:", '"2. Мәтін бірінші;', "екінші"], "not closed"),
    ("wording-count", [KK, "1) және 2) тармақшалары мынадай редакцияда жазылсын:", '"1) бір;";'], "holds units"),
    ("no-wording", [KK, "4) тармақшасы мынадай редакцияда жазылсын."], "no quoted new wording"),
    ("two-verbs", [KK, '3-тармақ алып тасталсын, "X" сөзі "Y" сөзімен ауыстырылсын;'], "several operations"),
    ("unknown-in-list", [KK, "5-тармақ туралы бірдеңе."], "no operation verb"),
    ("context-without-unit", [KK, "мыналар:"], "names no unit"),
    ("pairs-mismatch", [KK, '"A", "B", "C" сөздері "X", "Y" сөздерімен ауыстырылсын;'], "old wordings"),
    ("ru-no-act", ["пункт 5 исключить;"], "no amended act"),
]


@pytest.mark.parametrize("paras,reason", [u[1:] for u in UNPARSED], ids=[u[0] for u in UNPARSED])
def test_unparsed_is_reported(paras, reason):
    work = None if paras[0].startswith("пункт") else WORK
    result = parse_instructions(paras, work)
    assert result.ops == []
    assert len(result.unparsed) == 1
    assert reason in result.unparsed[0].reason
    assert result.unparsed[0].source == paras[-1] or result.unparsed[0].source in paras


def test_other_clauses_of_the_act_are_not_instructions():
    paras = [KK, "8) тармақша алып тасталсын;", "2. Осы қаулы алғашқы ресми жарияланған күнінен кейін күнтізбелік "
             "он күн өткен соң қолданысқа енгізіледі.", "Ескерту. Күші жойылды - ҚР Үкіметінің 30.06.2023 № 528 қаулысымен."]
    result = parse_instructions(paras, WORK)
    assert [op.op for op in result.ops] == ["delete"] and result.unparsed == []


@pytest.mark.parametrize("word,kind,case", [
    ("тармағы", "clause", "nom"), ("тармағына", "clause", "dat"), ("тармақтың", "clause", "gen"),
    ("тармақта", "clause", "loc"), ("тармақты", "clause", "acc"), ("тармақтан", "clause", "abl"),
    ("тармақшасындағы", "subclause", "locattr"), ("тармақшамен", "subclause", "instr"),
    ("тармақшалары", "subclause", "nom"), ("бабының", "article", "gen"), ("бабы", "article", "nom"),
    ("бөлігі", "part", "nom"), ("бөлігінде", "part", "loc"), ("бөліктері", "part", "nom"),
    ("абзацтары", "indent", "nom"), ("тарауы", "chapter", "nom"), ("қосымшаларға", "appendix", "dat"),
    ("тақырыбы", "title", "nom"),
])
def test_kazakh_case_endings(word, kind, case):
    assert vocab.kk_unit(word) == (kind, case)


def test_ordinals():
    assert [vocab.kk_ordinal(w) for w in ("бірінші", "үшінщі", "оныншы", "он бірінші", "жиырмасыншы")] == [1, 3, 10, 11, 20]
    assert vocab.kk_ordinal("он оныншы") is None
    assert [vocab.ru_ordinal(w) for w in ("второй", "третьего", "первую", "двадцать первый")] == [2, 3, 1, 21]


def test_merge_context():
    ctx = [("clause", "11"), ("subclause", "2"), ("part", "3")]
    assert merge(ctx, [("part", "4")]) == [("clause", "11"), ("subclause", "2"), ("part", "4")]
    assert merge(ctx, [("indent", "6")]) == ctx + [("indent", "6")]
    assert merge(ctx, [("subclause", "3"), ("part", "2")]) == [("clause", "11"), ("subclause", "3"), ("part", "2")]
    assert merge(ctx, [("clause", "17")]) == [("clause", "17")]
    assert merge([("clause", "2"), ("part", "1")], [("subclause", "4")]) == [("clause", "2"), ("part", "1"), ("subclause", "4")]
    assert merge(ctx, [("appendix", "2")]) == [("appendix", "2")]
