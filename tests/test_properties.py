"""Property-based tests: arbitrary text never raises anything but a one-line LawdiffError.

The importer, the date parser, the instruction grammar, XML input and work ids are fed
random text and random mutations of the real sources; whatever they make of it, they must
either return a well-formed result or refuse with :class:`~lawdiff.LawdiffError`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SOURCES
from lawdiff import LawdiffError
from lawdiff.results import to_json
from lawdiff.amend import store
from lawdiff.amend.grammar import parse_instructions
from lawdiff.amend.ops import KINDS, Operation, Unparsed
from lawdiff.cli.common import DATE
from lawdiff.corpus import Corpus
from lawdiff.dates import KK_MONTHS, find_dates, parse_date, parse_period
from lawdiff.ingest import eif
from lawdiff.ingest.importer import import_source
from lawdiff.model import xmlio
from lawdiff.model.act import Act
from lawdiff.model.ids import ACT_TYPES, check_work_id, work_id
from lawdiff.validate import validate_file

#: LAWDIFF_PROPERTY_EXAMPLES=5000 runs a deeper search than CI's (150, and 60 for the slow ones).
_N = int(os.environ.get("LAWDIFF_PROPERTY_EXAMPLES", "150"))
SETTINGS = dict(max_examples=_N, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = dict(SETTINGS, max_examples=max(1, _N * 2 // 5))

KK = "аәбвгғдеёжзийкқлмнңоөпрсітуұүфхһцчшщъыьэюяАӘБВГҒДЕЖЗИЙКҚЛМНҢОӨПРСІТУҰҮФХҺЦЧШЩЪЫЬЭЮЯ"
PUNCT = " \t.,;:()-–—№\"«»“”„'/)"
text_chars = st.text(alphabet=st.sampled_from(KK + "0123456789" + PUNCT + "iI\u00a0"), max_size=40)
any_text = st.one_of(st.text(max_size=200), text_chars)


def _words(*groups: str) -> list[str]:
    return [w for g in groups for w in g.split("|")]


# -- the date parser ---------------------------------------------------------------------------

_KK_MONTH_FORMS = [m + end for m in KK_MONTHS for end in ("", "дағы", "дегі", "да", "де", "нан", "тан", "ынан", "інен")]
_RU_MONTH_FORMS = _words("января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|март|май")
date_tokens = st.one_of(
    st.sampled_from(_KK_MONTH_FORMS + _RU_MONTH_FORMS + _words("жылғы|жылы|жылдың|жылға|года|год|на|бастап|№")),
    st.integers(0, 40).map(str), st.integers(1790, 2110).map(str), st.sampled_from([".", " ", "-", "..", ". "]),
    text_chars,
)
date_text = st.lists(date_tokens, max_size=14).map(" ".join)


@settings(**SETTINGS)
@given(st.one_of(any_text, date_text))
def test_date_parser_never_raises(text):
    found = find_dates(text)
    assert all(0 <= at < max(len(text), 1) and isinstance(d, dt.date) for at, d in found)
    assert found == sorted(found)
    assert parse_date(text) == (found[0][1] if found else None)
    period = parse_period(text)
    if period:
        year, phrase = period
        assert 1900 <= year <= 2099 and phrase in text


@settings(**SETTINGS)
@given(st.dates(dt.date(1800, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(["kk", "ru", "dmy"]))
def test_every_written_date_is_read_back(day, form):
    kk = list(KK_MONTHS)[day.month - 1]
    ru = _RU_MONTH_FORMS[day.month - 1]
    text = {"kk": f"{day.year} жылғы {day.day} {kk}дағы № 5 бұйрығы",
            "ru": f"от {day.day} {ru} {day.year} года № 5",
            "dmy": f"{day.day:02d}.{day.month:02d}.{day.year} № 5"}[form]
    assert parse_date(text) == day


@settings(**SETTINGS)
@given(st.one_of(any_text, date_text))
def test_cli_date_argument_is_a_date_or_a_usage_error(text):
    try:
        value = DATE.convert(text, None, None)
    except click.BadParameter:
        return
    assert isinstance(value, dt.date)


@settings(**SETTINGS)
@given(st.one_of(any_text, date_text, st.lists(st.sampled_from(_words(
    "Осы|қаулы|бұйрық|алғашқы|ресми|жарияланған|күнінен|кейін|күнтізбелік|он|күн|өткен|соң|"
    "қолданысқа|енгізіледі|бастап|қол|қойылған|01.07.2023|по|истечении|десяти|дней|после|дня|"
    "первого|официального|опубликования|вводится|в|действие|со|подписания")), max_size=20).map(" ".join)))
def test_entry_into_force_phrases_never_raise(text):
    if eif.is_eif_sentence(text):
        rule = eif.recognise(text)
        assert rule is None or isinstance(rule[0], str)


# -- the importer ------------------------------------------------------------------------------

_SEEDS = sorted((SOURCES / "seeds").glob("*.txt"))
_SMALL_SEEDS = [p for p in _SEEDS if p.stat().st_size < 40_000]
_SEED_LINES = {p.name: p.read_text(encoding="utf-8").splitlines() for p in _SEEDS}


def _check_import(data: bytes) -> None:
    try:
        result = import_source(data, "random.txt")
    except LawdiffError as exc:
        assert str(exc) and "\n" not in str(exc).strip().split("\n")[0]
        return
    check_work_id(result.work)
    assert xmlio.schema_errors(result.root) == []


@pytest.mark.parametrize("char", ["\x1b", "\x08", "\ufffe", "\x00"])
def test_importer_refuses_characters_xml_cannot_hold(char):
    lines = _SEED_LINES["001_f45ab0f2d5c50f09.txt"]
    text = "\n".join(lines[:8] + [lines[8] + char] + lines[9:]) + "\n" + "x" * 70000
    with pytest.raises(LawdiffError, match=r"^random.txt(:9: character U\+|: binary file)"):
        import_source(text.encode("utf-8"), "random.txt")


@settings(**SETTINGS)
@given(st.one_of(st.binary(max_size=300), any_text.map(lambda t: t.encode("utf-8"))))
def test_importer_on_arbitrary_bytes(data):
    _check_import(data)


@st.composite
def mutated_seed(draw):
    """A real source with lines deleted, duplicated, swapped, replaced or cut off."""
    name = draw(st.sampled_from([p.name for p in _SMALL_SEEDS]))
    lines = list(_SEED_LINES[name])
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        j = min(len(lines), i + draw(st.integers(1, 40)))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "replace", "insert", "truncate", "chars"]))
        if op == "delete":
            del lines[i:j]
        elif op == "duplicate":
            lines[i:i] = lines[i:j]
        elif op == "swap":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        elif op == "replace":
            lines[i] = draw(text_chars)
        elif op == "insert":
            lines.insert(i, draw(st.sampled_from(["", "\t", "№", "1.", "2)", "Ескерту.", "948,30", "1 896,60",
                                                  "қосымша", "Қызмет түрлері", draw(text_chars)])))
        elif op == "truncate":
            lines = lines[:i]
        else:
            cut = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:cut] + draw(text_chars) + lines[i][cut:]
    return "\n".join(lines).encode("utf-8")


@settings(**FEW)
@given(mutated_seed())
def test_importer_on_mutated_sources(data):
    _check_import(data)


# -- the instruction grammar -------------------------------------------------------------------

_ACT_308 = Corpus(CORPUS).load("kz/mlsp/order/2022/308")
_PARAS_308 = store.act_paragraphs(_ACT_308)
_GRAMMAR_WORDS = _words(
    "тармақ|тармағы|тармақтың|тармақта|тармақшасы|тармақшаның|тармақшада|бөлігі|бөлігінің|бөлігінде|"
    "абзацы|абзацтары|қосымша|қосымшасы|қосымшаға|кіріспесі|тақырыбы|бабы|бабының|тарауы|"
    "пункт|пункта|пункте|подпункт|подпункта|часть|части|абзац|абзаце|статьи|главы|приложение|приложения|"
    "преамбулу|заголовок|бірінші|екінші|үшінші|төртінші|жетінші|первый|второй|третьей|"
    "мынадай|редакцияда|жазылсын:|жазылсын|толықтырылсын|толықтырылсын:|алып|тасталсын|ауыстырылсын|"
    "өзгертілсін|деген|сөздер|сөздерімен|сөзінен|кейін|саны|санына|бүкіл|мәтіні|бойынша|"
    "мынадай|өзгерістер|енгізілсін:|күші|жойылды|деп|танылсын|изложить|в|следующей|редакции:|"
    "дополнить|исключить|заменить|словами|слова|после|слов|цифры|цифрами|признать|утратившим|силу|"
    "по|всему|тексту|и|және|мен|1|2|3|7-1|12|1)|2)|7-1)|а)|б)|1.|2.|-|–|,|:|;|\"|«|»|“|”|(|)|№")
_ACT_REF = ("Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрінің 2018 жылғы "
            "29 тамыздағы № 379 бұйрығына")
grammar_paragraph = st.one_of(
    st.lists(st.one_of(st.sampled_from(_GRAMMAR_WORDS), text_chars, st.just(_ACT_REF)), max_size=25).map(" ".join),
    st.lists(st.sampled_from(_GRAMMAR_WORDS), max_size=25).map("".join),
    st.sampled_from(_PARAS_308),
    any_text,
)


@st.composite
def mutated_308(draw):
    """A window of order 308's own paragraphs, some cut, glued, or sprinkled with words, after
    (mostly) the act's opening that names the amended act and the Rules."""
    i = draw(st.integers(3, len(_PARAS_308) - 1))
    paras = _PARAS_308[i:i + draw(st.integers(1, 12))]
    if draw(st.integers(0, 4)):
        paras = _PARAS_308[:3] + paras
    out = []
    for p in paras:
        op = draw(st.sampled_from(["keep", "keep", "cut", "insert", "drop-quote", "glue"]))
        if op == "cut":
            p = p[:draw(st.integers(0, len(p)))]
        elif op == "insert":
            at = draw(st.integers(0, len(p)))
            p = p[:at] + " " + draw(st.sampled_from(_GRAMMAR_WORDS)) + " " + p[at:]
        elif op == "drop-quote":
            p = p.replace('"', "", 1).replace("«", "", 1)
        elif op == "glue" and out:
            out[-1] = out[-1] + " " + p
            continue
        out.append(p)
    return out


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_parse(paragraphs: list[str], default_work: str | None) -> None:
    # The grammar reads paragraphs out of an act's XML, which cannot hold control characters.
    paragraphs = [_NOT_XML.sub("", p) for p in paragraphs]
    result = parse_instructions(paragraphs, default_work)
    for op in result.ops:
        assert isinstance(op, Operation) and op.op in KINDS and op.source
        op.to_json()                                  # its eId and paths are well-formed
        if op.work is not None:
            check_work_id(op.work)
    for u in result.unparsed:
        assert isinstance(u, Unparsed) and u.reason
    # What the grammar produced can be stored as the act's data and stays schema-valid.
    if all(op.work for op in result.ops):
        act = Act(xmlio.parse_bytes(xmlio.serialise(_ACT_308.root)).getroot())
        store.store(act, result)
        assert xmlio.schema_errors(act.root) == [], [str(e) for e in xmlio.schema_errors(act.root)][:3]


@settings(**SETTINGS)
@given(st.lists(grammar_paragraph, max_size=8), st.sampled_from([None, "kz/mlsp/order/2018/379"]))
def test_grammar_on_arbitrary_paragraphs(paragraphs, default_work):
    _check_parse(paragraphs, default_work)


@settings(**FEW)
@given(mutated_308(), st.sampled_from([None, "kz/mlsp/order/2018/379"]))
def test_grammar_on_mutated_instructions(paragraphs, default_work):
    _check_parse(paragraphs, default_work)


# -- XML input and work ids ----------------------------------------------------------------------

@settings(**SETTINGS)
@given(st.one_of(st.binary(max_size=400), any_text.map(lambda t: f"<act>{t}</act>".encode("utf-8"))))
def test_xml_input_never_raises_anything_else(data):
    try:
        xmlio.parse_bytes(data, "random.xml")
    except LawdiffError:
        pass


_CORPUS_FILES = sorted((CORPUS / "kz").rglob("*.xml"))


@settings(**FEW)
@given(st.sampled_from(_CORPUS_FILES), st.floats(0.0, 0.999))
def test_validate_reports_any_truncation(tmp_path_factory, path, frac):
    data = path.read_bytes()
    cut = int(len(data) * frac)
    # Only the closing tag's last line can go without making the file invalid.
    assume(cut < len(data.rstrip()) - len(b"</act>"))
    broken = tmp_path_factory.mktemp("trunc") / path.name
    broken.write_bytes(data[:cut])
    problems = validate_file(broken)
    assert problems and all(p.startswith(str(broken)) for p in problems)


@settings(**SETTINGS)
@given(st.one_of(any_text, st.lists(st.sampled_from(_words("kz|..|.|/|a|mlsp|order|2018|379|-|\n|\x00|\\|~|A")),
                                    max_size=12).map("".join)))
def test_work_id_never_leaves_the_corpus(tmp_path_factory, text):
    root = tmp_path_factory.getbasetemp() / "ids-corpus"
    try:
        path = Corpus(root).path(text)
    except LawdiffError:
        return
    assert check_work_id(text) == text
    assert root.resolve() in path.parents and path.name.endswith(".xml")


@settings(**SETTINGS)
@given(any_text, st.sampled_from(ACT_TYPES + ("edict",)), st.integers(1000, 3000), any_text)
def test_work_id_from_arbitrary_metadata(issuer, act_type, year, number):
    try:
        wid = work_id(issuer, act_type, year, number)
    except LawdiffError:
        return
    assert check_work_id(wid) == wid and ".." not in wid


@pytest.mark.parametrize("path", _CORPUS_FILES, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_corpus_files_parse_through_the_safe_parser(path: Path):
    """Sanity for the properties above: the real files pass the same door."""
    assert xmlio.parse_file(path).getroot().tag == "act"


# -- the corpus listing and the tariff query's byte test ---------------------------------------

_TREE_PARTS = st.sampled_from(["kz", "a", "b-akimat", "order", "2025", ".hidden", "x.xml", "1.xml", "2.xml",
                               ".1.xml.k1ll3d.tmp", "notes.txt", "sub.xml"])


@settings(**FEW)
@given(st.lists(st.lists(_TREE_PARTS, min_size=1, max_size=5), max_size=12))
def test_work_files_lists_what_rglob_lists(tmp_path_factory, paths):
    root = tmp_path_factory.mktemp("tree")
    for parts in paths:
        target = root.joinpath("kz", *parts)
        try:
            if parts[-1].endswith(".xml") and len(parts) % 2:
                target.mkdir(parents=True, exist_ok=True)        # a directory named *.xml
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text("x")
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            continue
    expected = sorted(p for p in (root / "kz").rglob("*.xml") if p.is_file())
    assert Corpus(root).work_files() == expected


_PLACES = ["Oral", "Орал", "Орал қаласы", "Uralsk", "Бәйтерек", "Baiterek", "Astana", "Нигде"]


@settings(**FEW)
@given(st.dates(dt.date(2025, 1, 1), dt.date(2027, 3, 1)), st.sampled_from(_PLACES),
       st.sampled_from([None, "home", "semi-stationary"]))
def test_tariff_query_answers_as_if_it_parsed_every_work(monkeypatch_module, when, place, setting):
    from lawdiff import api

    corpus = Corpus(CORPUS)
    fast = to_json(api.tariffs_at(corpus, when, place, setting))
    with monkeypatch_module.context() as m:
        m.setattr(Corpus, "works_containing", lambda self, marker: self.works())
        assert to_json(api.tariffs_at(corpus, when, place, setting)) == fast


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as m:
        yield m
