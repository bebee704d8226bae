"""Tariff tables: golden cases per phenomenon (tests/data/tables) and the three real seed tables.

Each ``tests/data/tables/<case>.txt`` holds a table in one layout; ``<case>.json`` gives the
layout and either the whole expected table (columns, unit, every row, repair kinds that must
be logged) or the error it must raise (message fragment and the line it names). Cases named
``synthetic_*`` are made up to isolate one phenomenon; the seeds are real adilet exports.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from lawdiff import LawdiffError
from lawdiff.ingest.tables import TariffRow, TariffTable, parse_price, parse_tariff_table, tariff_unit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CASES = HERE / "data" / "tables"
CASE_NAMES = sorted(p.stem for p in CASES.glob("*.json"))


def _lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), 1))


def _parse(text: str, layout: str, log: list | None = None) -> TariffTable:
    return parse_tariff_table(_lines(text), layout, [] if log is None else log)


def seed_path(name: str) -> Path:
    """A seed file: the corpus copy when the project has one, else the shared seeds folder."""
    for candidate in (
        ROOT / "corpus" / "sources" / name,
        ROOT / "corpus" / "sources" / "seeds" / name,
        ROOT.parent / "shared" / "seeds" / name,
    ):
        if candidate.exists():
            return candidate
    pytest.skip(f"seed {name} not available")


# --------------------------------------------------------------------------------------
# Golden cases, one per phenomenon


def test_every_case_has_its_text():
    assert CASE_NAMES
    for name in CASE_NAMES:
        assert (CASES / f"{name}.txt").exists(), name
    assert {p.stem for p in CASES.glob("*.txt")} == set(CASE_NAMES)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_golden_case(name):
    expected = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    text = (CASES / f"{name}.txt").read_text(encoding="utf-8")
    log: list = []
    if "error" in expected:
        with pytest.raises(LawdiffError) as err:
            _parse(text, expected["layout"], log)
        message = str(err.value)
        assert "\n" not in message
        assert expected["error"] in message
        assert message.startswith(f"line {expected['error_line']}:"), message
        return
    table = _parse(text, expected["layout"], log)
    assert table.columns == expected["columns"]
    assert table.unit == expected["unit"]
    got = [
        {"num": r.num, "line": r.line, "category": r.category, "service": r.service,
         "position": r.position, "price": str(r.price)}
        for r in table.rows
    ]
    assert got == expected["rows"]
    assert all(isinstance(r.price, Decimal) for r in table.rows)
    kinds = {r.kind for r in log}
    missing = set(expected["repairs"]) - kinds
    assert not missing, f"repairs not logged: {missing}"


# --------------------------------------------------------------------------------------
# Prices and units


@pytest.mark.parametrize("raw, value", [
    ("190,87", "190.87"),
    ("1\u00a0896,60", "1896.60"),
    ("1 896,60", "1896.60"),
    ("563.2", "563.2"),
    ("587", "587"),
    ("948,30 ", "948.30"),
    ("1.896,60", "1896.60"),
])
def test_parse_price_is_exact(raw, value):
    log: list = []
    price = parse_price(raw, 7, log)
    assert price == Decimal(value) and str(price) == value
    assert all(r.line == 7 for r in log)


def test_parse_price_logs_each_repair():
    log: list = []
    parse_price("1\u00a0896,60", 3, log)
    assert [r.kind for r in log] == ["nbsp-thousands", "decimal-comma"]
    log = []
    parse_price("563.2", 4, log)
    assert [r.kind for r in log] == ["decimal-dot"]


@pytest.mark.parametrize("raw", ["0", "0,00", "12a", "келісім бойынша"])
def test_parse_price_rejects(raw):
    with pytest.raises(LawdiffError, match=r"^line 9: "):
        parse_price(raw, 9)


@pytest.mark.parametrize("header, unit", [
    ("Бір қызмет алушыға шаққандағы бір күндік қызметтін құны (теңге)", "per-recipient-per-day"),
    ("Бір қызметтің құны (теңгемен)", "per-service"),
    ("Қызмет алушыға бір күнде көрсетілетін қызметтің құны\" теңге)", "per-recipient-per-day"),
    ("Стоимость одной услуги (тенге)", "per-service"),
    ("Стоимость услуги на одного получателя в день (тенге)", "per-recipient-per-day"),
])
def test_tariff_unit(header, unit):
    assert tariff_unit(header, 1) == unit


def test_tariff_unit_unknown():
    with pytest.raises(LawdiffError, match=r"^line 5: cannot tell the tariff unit"):
        tariff_unit("Бағасы (теңге)", 5)


def test_unknown_layout():
    with pytest.raises(LawdiffError, match="layout"):
        parse_tariff_table([(1, "№ Қызмет түрлері Лауазым Бір қызметтің құны")], "html", [])


def test_no_header():
    with pytest.raises(LawdiffError, match=r"^line 1: no tariff table header"):
        _parse("Тарифтер\n\n1\n\nКиім беру\n\nМедбике 100,5\n", "pdf")


def test_lines_may_start_before_the_header_with_other_numbers():
    text = "Қаулыға қосымша\n\n№ 1971 қаулысына қосымша\n\n" + (CASES / "synthetic_pdf_bare_price.txt").read_text(
        encoding="utf-8")
    table = _parse(text, "pdf")
    assert [r.num for r in table.rows] == [1, 2, 3]
    assert table.rows[0].line == 7


# --------------------------------------------------------------------------------------
# The real seed tables

CATEGORIES_000 = [
    "Әлеуметтік-тұрмыстық қызметтер",
    "Әлеуметтік-экономикалық қызметтер",
    "Әлеуметтік-мәдени қызметтер",
    "Әлеуметтік-құқықтық қызметтер",
    "Әлеуметтік-медициналық қызметтер",
    "Әлеуметтік-педагогикалық қызметтер",
    "Әлеуметтік-еңбек қызметтері",
    "Әлеуметтік-психологиялық қызметтер",
]
TUR, ECON, MADENI, QUQ, MED, PED, ENBEK, PSY = CATEGORIES_000
DENE_18 = ("Дене шынықтыру-сауықтыру және спорттық-үйірме іс-шараларын ұйымдастыру (спорттық ойындар, "
           "эстафеталар, жарыстар және әлеуметтенуге бағытталған басқа да іс-шараларды өткізу)")
OQYTU = ("Балалалар мен он сегіз жастан асқан адамдарды дене мүмкіндіктері мен ақыл ой қабілеттерін ескере "
         "отырып, арнайы оқу бағдарламалары бойынша оқытуды ұйымдастыру")
OTBASY = ("Отбасы мүшелерін балалар мен он сегіз жастан асқан адамдарда қажетті өмірлік дағдыларды "
          "қалыптастыруға үй жағдайында үйрету")
PATRONAZH = "Балаларды, тірек-қимыл аппараты бұзылған балаларды патронаждық қадағалау"
KVARC = "Кварцтерапия қызметтері"
EDSh = "Емдік дене шынықтыру нұсқаушысы"
ENBEK_BAULU = "Еңбек терапиясы нұсқаушысы (Еңбекке баулу мұғалімі)"

# (num, line, category, service, position, price) read off the source text.
SAMPLE_000 = [
    (1, 51, TUR, "Киім, аяқ киім, төсек-орын жабдықтарын, жеке гигиена заттарын беру", "Аға - медбике",
     "190.87"),
    (3, 71, TUR, "Тұрмыстық қызмет көрсетумен қамтамасыз ету (іш киімді, киімді, төсек-орын жабдықтарын жуу, "
                 "кептіру, үтіктеу, дезинфекциялау)", "Киім мен төсек-жабдықтарды жуу машинисті", "372.6"),
    (6, 112, TUR, "Қызмет алушылардың туыстарымен байланысты ұйымдастыру және қолдау", "Әлеуметтік жұмыс маманы",
     "161.85"),
    (7, 125, TUR, "Жеке жұмыс жоспарларының орындалуын бақылау (мамандардың жұмысын үйлестіру, жеке жоспарға "
                  "сәйкес қызмет көрсету мониторингі)", "Әлеуметтік жұмыс маманы", "161.85"),
    (8, 142, ECON, "Тиісті жәрдемақыларды, жәрдемақыларды, өтемақыларды, алименттерді және басқа да төлем "
                   "түрлерін алуға тұрғын алуға, тұрғын үй жағдайын жақсартуға жәрдемдесу",
     "Әлеуметтік жұмыс маманы", "1942.2"),
    (9, 160, ECON, "Көрсетілетін қызметтерді алушылардың саны бойынша есеп, статистика және есептілікті жүргізу, "
                   "әлеуметтік-экономикалық мәселелер бойынша мемлекеттік және мемлекеттік емес ұйымдармен өзара "
                   "іс-қимыл жасау", "Әлеуметтік жұмыс маманы", "161.85"),
    (10, 179, MADENI, "Мерекелер мен бос уақытты өткізу іс-шараларын ұйымдастыру", "Әлеуметтік жұмыс маманы",
     "647.4"),
    (12, 200, MADENI, "Үйірме және үйірме жұмыстарын ұйымдастыру және өткізу", "Әлеуметтік жұмыс маманы",
     "647.4"),
    (17, 246, MADENI, DENE_18, "Әлеуметтік жұмыс маманы", "323.7"),
    (18, 271, MADENI, DENE_18, EDSh, "319.5"),
    (20, 303, QUQ, "Қазақстан Республикасының Азаматтық кодексінде белгіленген тәртіппен тиесілі "
                   "жәрдемақыларды, әлеуметтік төлемдерді сенімхат бойынша алу", "Әлеуметтік жұмыс маманы",
     "1942.2"),
    (21, 320, MED, "Бастапқы медициналық қарап-тексеруді және бастапқы санитариялық өңдеуді жүргізу", "Медбике",
     "958.5"),
    (27, 382, MED, "Дәрігерге дейінгі көмекті көрсету", "Медбике", "1917"),
    (31, 408, MED, "Білікті медициналық консультацияны ұйымдастыру", "Дәрігер травматолог-ортопед", "2323.6"),
    (32, 416, MED, "Дарсонвализация", "Медбике", "479.25"),
    (36, 453, MED, "Балаларға арналған ОЖБ-ға сәйкес санаторийлік-курорттық емдеуді, техникалық көмекші (орнын "
                   "толтырушы) құралдарды, міндетті гигиеналық құралдарды қамтамасыз етуге жәрдемдесу",
     "Дәрігер -травматолог-ортопед", "1161.8"),
    (37, 468, MED, "Адаптивті дене шынықтыру", EDSh, "479.25"),
    (38, 478, MED, "Құрғақ гидромассаж", EDSh, "479.25"),
    (39, 483, MED, "Спелеотерапия", "Медбике", "479.25"),
    (41, 487, MED, "Механотерапия", EDSh, "479.25"),
    (47, 555, MED, "Әлеуметтік-медициналық мәселелер бойынша, оның ішінде балалардың жасына қарай бейімделу "
                   "мәселелері бойынша кеңес беру", "Педиатр-дәрігер", "871.35"),
    (48, 575, MED, "Емдеуші дәрігердің тағайындауына сәйкес медициналық процедураларды жүргізу: компресстерді "
                   "қолдану, таңу, төсек жараларын, жара беттерін емдеу, тазартқыш клизмаларды орындау, "
                   "зертханалық зерттеулерге материалдар жинау, қолдануға көмек көрсету міндетті гигиеналық "
                   "құралдар мен медициналық мақсаттағы бұйымдар", "Медбике", "958.5"),
    (51, 605, MED, "Бастапқы медициналық-санитарлық көмек көрсету", "Медбике", "639"),
    (55, 648, MED, "Медициналық көрсеткіштер мен жас ерекшеліктері бойынша \"денсаулық топтарының\" жұмысын "
                   "қалыптастыру және ұйымдастыру (балалар үшін)", "Дәрігер -педиатр", "580.9"),
    (58, 677, MED, PATRONAZH, "Дәрігер -педиатр", "871.35"),
    (60, 691, MED, PATRONAZH, "Дәрігер -травматолог-ортопед", "1161.8"),
    (65, 753, MED, "Әлеуметтік-медициналық сипаттағы оңалту іс-шараларын жүргізу, оның ішінде дәрілік емес "
                   "терапия қызметтері: жеке дене шынықтыру-сауықтыру кешенін іріктеу және дамыту", EDSh, "958.5"),
    (70, 826, MED, "Емдік атпен жүруді (райттерапия/иппотерапия) пайдалана отырып, физикалық оңалту мен бейімдеу "
                   "қызметтері", "Иппотерапия бойынша нұсқаушы", "2490.3"),
    (71, 837, MED, "Судағы емдік жаттығуларды (жүзу/гидрокинезотерапия) пайдалана отырып, дене "
                   "шынықтыру-сауықтыру және қозғалыс функцияларын қалпына келтіру қызметтері",
     "Гидрокинезотерапия нұсқаушысы", "2490.3"),
    (73, 859, MED, KVARC, "Медбике", "159.75"),
    (74, 861, MED, KVARC, "Дәрігер -педиатр", "116.18"),
    (75, 865, PED, "Психоневрологиялық патологиясы бар балаларға әлеуметтік-педагогикалық кеңес беру", "Әдіскер",
     "1689.6"),
    (77, 882, PED, "Педагогикалық және түзету-дамытушылық диагностиканы, баланың жеке басын, даму деңгейін, оның "
                   "ішінде ТҚА бұзылған балаларды және он сегіз жастан асқан адамдарды тексеруді жүргізу",
     "Психолог", "844.8"),
    (78, 901, PED, "Педагогикалық және түзету-дамытушылық диагностиканы, баланың жеке басын, даму деңгейін, оның "
                   "ішінде ТҚА бұзылған балаларды және он сегіз жастан асқан адамдарды тексеруді жүргізу",
     "Еңбек терапиясы нұсқаушысы (еңбекке баулу пәнінің мұғалімі)", "880.5"),
    (84, 989, PED, OQYTU, "Еңбек терапиясы нұсқаушысы (еңбекке баулу пәнінің мұғалімі)", "587"),
    (89, 1046, PED, "Тұрмыстық бағдарлау және қол шеберлігі негіздеріне, тұрмыстағы және қоғамдық орындардағы "
                    "мінез-құлыққа, өзін-өзі бақылауға, қарым-қатынас дағдыларына және әлеуметтік дағдылардың "
                    "деңгейі өте төмен басқа да тіршілік формаларына үйрету", "Тәрбиеші", "1070.08"),
    (95, 1168, PED, "Балаларды және 18 жастан асқан адамдарды тұрмыстық бағдарлау және қол шеберлігі, "
                    "тұрмыстағы және қоғамдық орындардағы мінез-құлық, өзін-өзі бақылау, қарым-қатынас дағдылары "
                    "және әлеуметтік дағдылардың қалыпты деңгейімен өмірдің басқа да нысандары негіздеріне үйрету",
     "Тәрбиеші", "1408"),
    (104, 1316, PED, OTBASY, "Тәрбиеші", "563.2"),
    (106, 1343, PED, "Дене шынықтыру-сауықтыру іс-шараларын ұйымдастыру (спорттық ойындар, эстафеталар, жарыстар "
                     "және әлеуметтенуге бағытталған басқа да іс-шараларды өткізу)",
     "Әлеуметтік жұмыс жөніндегі маман", "161.85"),
    (109, 1386, ENBEK, "Балалардың бар еңбек дағдыларын тексеру бойынша іс-шараларды жүргізу", ENBEK_BAULU, "587"),
    (111, 1411, ENBEK, "ТҚА бұзылған балаларды, мүгедек адамдарды кәсіптік бағдарлау", ENBEK_BAULU, "146.75"),
    (113, 1432, PSY, "Психологиялық диагностика және тұлғаны тексеру", "Психолог", "844.8"),
    (116, 1460, PSY, "Психопрофилактикалық жұмыс", "Психолог", "140.8"),
    (122, 1500, PSY, "Өзара қолдау көрсету топтарында, қарым-қатынас клубтарында сабақтар өткізу", "Психолог",
     "140.8"),
    (123, 1510, PSY, "Қолайлы психологиялық ахуалды қамтамасыз ету, жанжалды жағдайлардың алдын алу және жою үшін "
                     "отбасы мүшелеріне психологиялық көмек көрсету", "Психолог", "844.8"),
]

KUTIM = "Күтім жөніндегі әлеуметтік қызметкер"
KEIS = "Әлеуметтік жұмыс маманы / әлеуметтік қызметкер-кейс менеджер (Әлеуметтік жұмыс кеңесшісі)"
CATEGORIES_001 = [
    "Әлеуметтік-тұрмыстық қызметтер",
    "Әлеуметтік-экономикалық қызметтер",
    "Әлеуметтік-мәдени қызметтер",
    "Әлеуметтік-құқықтық қызметтер",
    "Әлеуметтік-медициналық қызметтер",
    "Әлеуметтік-педагогикалық қызметтер",
    "Әлеуметтік-еңбек қызметтері",
    "Әлеуметтік-психологиялық қызметтер",
]
SAMPLE_001 = [
    (1, 43, CATEGORIES_001[0],
     "Қызмет алушылардың денсаулық жағдайына байланысты әдеттегі тұрмыстық әрекеттерді орындай алмауына "
     "байланысты жеке күтім көрсету және гигиеналық сипаттағы әлеуметтік-тұрмыстық қызметтерді көрсету. "
     "Оның ішінде төсекке тұру, төсекке жату, киіну және шешіну, жуыну, тамақ ішу, су ішу, дәретханаға немесе "
     "дәрет ыдысына бару, қозғалу, тістерге немесе жақ протезіне күтім жасау, көзілдірік немесе есту "
     "аппараттарын пайдалану, тырнақты алу, сондай-ақ ер адамдарға — сақал мен мұрт қыру сияқты әрекеттерді "
     "орындауға көмектесу.", KUTIM, "948.30"),
    (2, 54, CATEGORIES_001[0], "Марқұмның туыстары (заңды өкілдері) болмаған жағдайда қарттар мен мүгедектігі бар "
                               "адамдар үшін жерлеу рәсімдерін ұйымдастыруға көмек көрсету.", KUTIM, "1896.60"),
    (3, 63, CATEGORIES_001[0], "Қызмет алушылардың отбасы мүшелерін жеке күтім жасауға және санитарлық-гигиеналық "
                               "сипаттағы практикалық дағдыларға оқыту.", KUTIM, "948.30"),
    (14, 162, CATEGORIES_001[0], "Қарттар мен мүгедектігі бар адамдарға тұрғын үй мен коммуналдық қызметтерді "
                                 "төлеуге көмек көрсету.", KEIS, "164.15"),
    (15, 171, CATEGORIES_001[0], "Жеке жұмыс жоспарларының орындалуын бақылау (мамандар жұмысының үйлестіруі, "
                                 "қызметтердің жеке жоспарға сәйкес көрсетілуін мониторинг жасау).", KEIS, "164.15"),
    (16, 185, CATEGORIES_001[1], "Қарттар мен мүгедектігі бар адамдарға тиесілі жеңілдіктерді, жәрдемақыларды, "
                                 "өтемдерді, алименттерді және басқа төлем түрлерін алу бойынша көмек көрсету, "
                                 "тұрғын үй жағдайларын жақсартуға жәрдемдесу.", KUTIM, "948.30"),
    (21, 235, CATEGORIES_001[2], "Мерекелік және бос уақытты өткізу іс- шараларын ұйымдастыру", KUTIM, "948.30"),
    (26, 280, CATEGORIES_001[2], "Қызмет алушыларды мәдени шараларға бару кезінде сүйемелдеу", KUTIM, "1896.60"),
    (27, 294, CATEGORIES_001[3], "Арнайы әлеуметтік қызметтерді көрсету және заңнамаға сәйкес әлеуметтік "
                                 "қамтамасыз ету мен көмек көрсету құқықтары мәселелері бойынша құқықтық кеңес беру.",
     KUTIM, "474.15"),
    (43, 438, CATEGORIES_001[3], "Қазақстан Республикасының Азаматтық іс жүргізу Кодексінде, сондай-ақ "
                                 "\"Адвокаттық қызмет және заң көмегі туралы\" Қазақстан Республикасының Заңында "
                                 "белгіленген жағдайлар мен тәртіппен адвокаттың тегін заң көмегін алуына жәрдем "
                                 "көрсету.", KUTIM, "158.05"),
    (45, 461, CATEGORIES_001[4], "Денсаулық сақтау ұйымдарының мамандандырылған мамандарының, оның ішінде "
                                 "медициналық ұйымдардың қатысуымен медициналық кеңес беруіне жәрдем көрсету.",
     KUTIM, "316.10"),
    (55, 551, CATEGORIES_001[4], "Медико-әлеуметтік сараптама жүргізуге жәрдем көрсету.",
     "Әлеуметтік жұмыс маманы / әлеуметтік қызметкер-кейс менеджер (әлеуметтік жұмыс кеңесшісі)", "984.90"),
    (62, 619, CATEGORIES_001[5], "Балаларды және он сегіз жастан асқан тұлғаларды олардың физикалық мүмкіндіктері "
                                 "мен ақыл-ой қабілеттерін ескере отырып, арнайы оқу бағдарламалары бойынша "
                                 "оқытуды ұйымдастыру.", KUTIM, "948.30"),
    (65, 646, CATEGORIES_001[5], "18 жастан асқан балаларды және жеке тұлғаларды күнделікті бағдарлау негіздеріне "
                                 "және қол ептілігіне, үйде және қоғамдық орындарда өзін-өзі ұстауға, өзін-өзі "
                                 "бақылауға, қарым-қатынас дағдыларына және әлеуметтік дағдылары орташа деңгейде "
                                 "өмірлік белсенділіктің басқа түрлеріне үйрету", KUTIM, "316.10"),
    (71, 705, CATEGORIES_001[6], "Тірек-қимыл аппараты бұзылған балалар мен мүгедектерге кәсіптік бағдар беру",
     KUTIM, "316.10"),
    (74, 737, CATEGORIES_001[7], "Қызмет алушыларға психологиялық көмек көрсету, соның ішінде әңгімелесу, "
                                 "қарым-қатынас, тыңдау, ынталандыру және белсенділікке ынталандыру", KUTIM, "632.20"),
    (76, 755, CATEGORIES_001[7], "Әлеуметтік-психологиялық патронаж (жүйелі бақылау)", KUTIM, "316.10"),
]

KORSETU = "Күтім көрсету жөніндегі әлеуметтік қызметкер"
MAMAN = "Әлеуметтік жұмыс жөніндегі маман"
CATEGORIES_002 = [
    "Әлеуметтік – тұрмыстық қызметтер",
    "Әлеуметтік – экономикалық қызметтер",
    "Әлеуметтік – мәдени қызметтер",
    "Әлеуметтік – құқықтық қызметтер",
    "Әлеуметтік – медициналық қызметтер",
    "Әлеуметтік – педагогикалық қызметтер",
    "Әлеуметтік –еңбек қызметтері",
    "Әлеуметтік – психологиялық қызметтер",
]
SAMPLE_002 = [
    (1, 46, CATEGORIES_002[0],
     "денсаулық жағдайына байланысты күнделікті тұрмыстық әдет-ғұрыптарды, соның ішінде төсектен тұру, жату, "
     "киіну және шешіну, жуыну, тамақ ішу, ішімдік ішу, дәретхананы немесе кемені пайдалану, қозғалу сияқты "
     "әрекеттерді орындай алмайтын қызмет алушыларға жеке қызмет көрсету және гигиеналық сипаттағы "
     "әлеуметтік-тұрмыстық қызметтерді көрсету., тістеріне немесе жақ сүйектеріне күтім жасау, көзілдірік "
     "немесе есту аппараттарын пайдалану, тырнақтарын кесу, ерлердің сақалы мен мұртын қыру", KORSETU, "742.5"),
    (2, 55, CATEGORIES_002[0], "қарттар мен мүгедектер үшін жерлеу рәсімдерін ұйымдастыруға көмек (қайтыс болған "
                               "туыстары (заңды өкілдері) болмаған жағдайда", KORSETU, "1485"),
    (10, 127, CATEGORIES_002[0], "қарттар мен мүгедектер үшін заттарды жууға, химиялық тазалауға, жөндеуге "
                                 "тапсыруға және оларды кері жеткізуге жәрдемдесу", KORSETU, "495"),
    (14, 163, CATEGORIES_002[0], "қарттар мен мүгедектер үшін тұрғын үй және коммуналдық қызметтерді төлеуге "
                                 "жәрдемдесу", MAMAN, "142.6"),
    (16, 186, CATEGORIES_002[1], "тиісті жәрдемақыларды, жәрдемақыларды, өтемақыларды, алименттерді және басқа да "
                                 "төлем түрлерін алуға, тұрғын үй жағдайын жақсартуға жәрдемдесу", KORSETU, "742.5"),
    (21, 236, CATEGORIES_002[2], "мерекелер мен бос уақытты өткізу іс-шараларын ұйымдастыру", KORSETU, "742.5"),
    (27, 295, CATEGORIES_002[3], "арнаулы әлеуметтік қызметтер көрсету саласында және заңнамаға сәйкес әлеуметтік "
                                 "қамсыздандыру мен көмек көрсету құқықтарына қатысты мәселелер бойынша заңгерлік "
                                 "кеңес беру", KORSETU, "371.25"),
    (37, 385, CATEGORIES_002[3], "қорғаншылық немесе қамқоршылық жөніндегі функцияларды жүзеге асыратын органдарға "
                                 "Кодекске сәйкес балаларды, оның ішінде ТҚА бұзылған балаларды асырап алуға, "
                                 "қамқорлыққа алуға, патронаттық тәрбиеге, қамқорлыққа алуға орналастыруға "
                                 "жәрдемдесу", MAMAN, "285.2"),
    (42, 430, CATEGORIES_002[3], "қызмет алушыларға заң көмегін көрсетуде жұмысқа орналасуға, жеке басын "
                                 "куәландыратын құжатты және заңдық маңызы бар құжаттарды алуға құжаттарын "
                                 "рәсімдеуде көмек көрсету", KORSETU, "371.25"),
    (45, 464, CATEGORIES_002[4], "бейінді мамандардың, оның ішінде денсаулық сақтау ұйымдарының мамандарының "
                                 "медициналық консультация алуына жәрдемдесу", KORSETU, "247.5"),
    (55, 554, CATEGORIES_002[4], "медициналық-әлеуметтік сараптама жүргізуге жәрдемдесу", MAMAN, "855.6"),
    (62, 622, CATEGORIES_002[5], "балалар мен он сегіз жастан асқан адамдарды дене мүмкіндіктері мен ақыл-ой "
                                 "қабілеттерін ескере отырып, арнайы оқу бағдарламалары бойынша оқытуды ұйымдастыру",
     KORSETU, "742.5"),
    (71, 708, CATEGORIES_002[6], "ТҚА бұзылған балаларды, мүгедек адамдарды кәсіптік бағдарлау", KORSETU, "247.5"),
    (74, 740, CATEGORIES_002[7], "қызмет алушыларға психологиялық көмек көрсету, оның ішінде әңгімелесу, "
                                 "әңгімелесу, тыңдау, ынталандыру, белсенділікке ынталандыру", KORSETU, "495"),
    (76, 758, CATEGORIES_002[7], "әлеуметтік-психологиялық патронаж (жүйелі бақылау)", KORSETU, "247.5"),
]

SEEDS = {
    "000_d549a2350b03cdd1.txt": dict(
        layout="pdf", count=123, unit="per-recipient-per-day", sample=SAMPLE_000, categories=CATEGORIES_000,
        columns=["№", "Қызмет түрлері", "Лауазым",
                 "Бір қызмет алушыға шаққандағы бір күндік қызметтін құны (теңге)"],
        repairs={"letter-spacing", "broken-word", "displaced-row-number", "displaced-price", "bare-price",
                 "decimal-comma", "decimal-dot", "space-before-punctuation", "cell-split"},
    ),
    "001_f45ab0f2d5c50f09.txt": dict(
        layout="cells", count=76, unit="per-service", sample=SAMPLE_001, categories=CATEGORIES_001,
        columns=["№", "Қызмет түрлері", "Лауазым", "Бір қызметтің құны (теңгемен)"],
        repairs={"nbsp-thousands", "decimal-comma", "joined-paragraphs"},
    ),
    "002_c8c59fbb4f4187a7.txt": dict(
        layout="cells", count=76, unit="per-recipient-per-day", sample=SAMPLE_002, categories=CATEGORIES_002,
        columns=["№", "Қызмет түрлері (қала)", "Лауазымы",
                 "Қызмет алушыға бір күнде көрсетілетін қызметтің құны\" теңге)"],
        repairs={"decimal-comma"},
    ),
}


_PARSED: dict[str, tuple] = {}


def _seed(name: str) -> tuple:
    """(name, spec, table, log, text) of one seed, parsed once per test session."""
    if name not in _PARSED:
        spec = SEEDS[name]
        text = seed_path(name).read_text(encoding="utf-8")
        log: list = []
        table = _parse(text, spec["layout"], log)
        _PARSED[name] = (name, spec, table, log, text)
    return _PARSED[name]


@pytest.fixture(params=sorted(SEEDS))
def seed(request):
    return _seed(request.param)


def test_seed_count_unit_columns(seed):
    _, spec, table, _, _ = seed
    assert len(table.rows) == spec["count"]
    assert table.unit == spec["unit"]
    assert table.columns == spec["columns"]


def test_seed_numbering_without_gaps(seed):
    _, spec, table, _, _ = seed
    assert [r.num for r in table.rows] == list(range(1, spec["count"] + 1))
    lines = [r.line for r in table.rows]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)


def test_seed_row_number_is_on_its_line(seed):
    _, _, table, _, text = seed
    source = text.split("\n")
    for r in table.rows:
        assert re.match(rf"^\s*{r.num}(\s|$)", source[r.line - 1]), (r.num, r.line)


def test_seed_sample_rows(seed):
    _, spec, table, _, _ = seed
    by_num = {r.num: r for r in table.rows}
    for num, line, category, service, position, price in spec["sample"]:
        assert by_num[num] == TariffRow(num, category, service, position, Decimal(price), line)
        assert str(by_num[num].price) == price


def test_seed_categories(seed):
    _, spec, table, _, _ = seed
    seen: list[str] = []
    for r in table.rows:
        if not seen or seen[-1] != r.category:
            seen.append(r.category)
    assert seen == spec["categories"]


def test_seed_no_category_text_in_services_or_positions(seed):
    _, spec, table, _, _ = seed
    for r in table.rows:
        for heading in spec["categories"]:
            assert heading not in r.service and heading not in r.position, r
        assert r.service and r.position
        assert "\n" not in r.service and "  " not in r.service
        assert not re.search(r"(?:^|\s)(?:\S ){2,}\S(?:\s|$)", r.service), r.service  # no letter-spacing left


def test_seed_prices_positive(seed):
    _, _, table, _, _ = seed
    assert all(isinstance(r.price, Decimal) and r.price > 0 for r in table.rows)


def test_seed_repairs_logged(seed):
    _, spec, _, log, _ = seed
    kinds = {r.kind for r in log}
    assert spec["repairs"] <= kinds
    assert all(r.line > 0 for r in log)


def test_seed_000_displacements_are_logged_where_they_happen():
    _, _, _, log, _ = _seed("000_d549a2350b03cdd1.txt")
    displaced = sorted(r.line for r in log if r.kind == "displaced-row-number")
    assert displaced == [271, 575, 677, 1343]  # rows 18, 48, 58, 106
    assert [r.line for r in log if r.kind == "displaced-price"] == [891]  # row 77
    assert sorted(r.before for r in log if r.kind == "bare-price") == ["587"] * 4


def test_seed_001_multi_paragraph_cell_joined():
    _, _, table, log, _ = _seed("001_f45ab0f2d5c50f09.txt")
    assert "көрсету. Оның ішінде" in table.rows[0].service
    assert [r.line for r in log if r.kind == "joined-paragraphs"] == [45]


def test_seed_missing_price_raises():
    """Dropping one price from a real table is an error naming the row's line, never a shifted table."""
    text = seed_path("000_d549a2350b03cdd1.txt").read_text(encoding="utf-8").split("\n")
    assert text[984] == "225,82"  # row 83's price, line 985
    del text[984]
    with pytest.raises(LawdiffError, match=r"^line 971: tariff row 83 has no price"):
        parse_tariff_table(_lines("\n".join(text)), "pdf", [])
    cells = seed_path("001_f45ab0f2d5c50f09.txt").read_text(encoding="utf-8").split("\n")
    assert cells[58:60] == ["\t", "1\u00a0896,60"]  # row 2's price cell, lines 59-60
    del cells[58:60]
    with pytest.raises(LawdiffError, match=r"^line 54: tariff row 2 has no price"):
        parse_tariff_table(_lines("\n".join(cells)), "cells", [])
