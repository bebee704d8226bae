"""Patterns compiled on first use match exactly what ``re.compile`` of the same source does."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

from lawdiff.amend import nouns
from lawdiff.lang import ACT_NUMBER, ACT_NUMBER_RE
from lawdiff.patterns import LazyPattern, lazy

from tests.amend.conftest import A308, unapplied_308_corpus

TEXTS = ["№ 19/4-VІІІ шешімі", "2025 жылғы 5 наурыздағы № 1971-қ", "подпункт 3) пункта 1", "", "no number"]


def test_a_lazy_pattern_is_its_compiled_pattern():
    pattern = lazy(r"(?P<num>\d+)(?P<mark>[.)])", re.I)
    assert pattern._compiled is None                        # nothing compiled yet
    eager = re.compile(r"(?P<num>\d+)(?P<mark>[.)])", re.I)
    for text in ("1) a; 2. b", "none", "10)"):
        assert pattern.findall(text) == eager.findall(text)
        assert pattern.sub("#", text) == eager.sub("#", text)
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert pattern.compiled() is pattern.compiled()          # compiled once
    assert pattern.groupindex == eager.groupindex and pattern.pattern == eager.pattern


def test_act_number_pattern_alone_matches_as_compiled():
    eager = re.compile(ACT_NUMBER)
    for text in TEXTS:
        assert [m.group() for m in ACT_NUMBER_RE.finditer(text)] == [m.group() for m in eager.finditer(text)]


def test_a_kazakh_instruction_does_not_compile_the_russian_noun_phrase():
    code = ("from lawdiff.amend import nouns\n"
            "found = nouns.find_nps('1-тармақтың 2) тармақшасы алып тасталсын')\n"
            "print(len(found), nouns._RU_NP._compiled is None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] != "0" and out[1] == "True"
    russian = nouns.find_nps("подпункт 3) пункта 1 исключить")
    assert [(np.kind, np.nums) for np in russian] == [("subclause", ["3"]), ("clause", ["1"])]


#: Patterns of phenomena order 308 (a Kazakh order amending Rules) does not have: Russian
#: scopes and local bodies, entry into force "ten days after publication", dates written out,
#: "throughout the text", a region named in a heading, points excepted from the entry into
#: force, joint acts, numeric dates with dashes, inserts after a word, Roman numerals.
#: Applying it compiles none of them.
NOT_FOR_308 = [("lawdiff.dates", "PERIOD_YEAR"), ("lawdiff.dates", "_DAY_MONTH_YEAR"),
               ("lawdiff.ingest.structure", "_QUOTE_CLOSE"), ("lawdiff.ingest.structure", "UMBRELLA"),
               ("lawdiff.ingest.issuers", "_REGION"), ("lawdiff.amend.cited", "_RU_LOCAL_ADJ"),
               ("lawdiff.amend.vocab", "EVERYWHERE"), ("lawdiff.amend.wording", "_END_CONVENTION"),
               ("lawdiff.amend.targets", "_RU_DOC_SCOPE"), ("lawdiff.ingest.eif", "_TEN_DAYS"),
               ("lawdiff.ingest.eif", "_FROM_PUBLICATION"), ("lawdiff.ingest.eif", "_FROM_SIGNING"),
               ("lawdiff.amend.effective", "_RU_WHICH"), ("lawdiff.amend.verbs", "_NUMBER_WORDS"),
               ("lawdiff.amend.effective", "_KK_EXCEPT_OWN_DATE"), ("lawdiff.amend.effective", "_KK_EXCEPT"),
               ("lawdiff.amend.effective", "_RU_EXCEPT"), ("lawdiff.ingest.eif", "_FROM_DATE"),
               ("lawdiff.ingest.eif", "_EXCEPT"), ("lawdiff.amend.cited", "_RU_NUMBER"),
               ("lawdiff.amend.cited", "_JOINED"), ("lawdiff.dates", "_NUMERIC"),
               ("lawdiff.amend.verbs", "_WORD_WORDS"), ("lawdiff.amend.verbs", "_AFTER_KK"),
               ("lawdiff.lang", "_ROMAN")]

SAMPLES = ["2022 жылға", "на 2023 год", "5 наурыз 2022 жыл", "«тармақ».", "енгізілсін:",
           "Батыс Қазақстан облысы", "Уральского городского маслихата № 12", "бүкіл мәтіні бойынша",
           "по всему тексту", "правилах", "алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң",
           "қол қойылған күнінен бастап", "которые вводятся в действие", "цифры «5» заменить",
           "3) тармақшасын қоспағанда, ол", "қоспағанда", "за исключением подпункта 2), кроме ",
           "с 1 января", "№ 27-3 решение", "№ 50 қаулысы және № 27-3 шешімі", "01-02-2023", "1.2.2023",
           "слова «а» заменить", "сөзінен кейін", "XIV", "VІІІ", "2022 жылғы 11 тамыздағы", "16 сентября 2025 года",
           "от 05.03.2025 г.", "2005.03.25", ""]


#: Patterns that read an act's text where the grammar does not: dates. Applying operations
#: stored in the act (``amendments --store``) reads no text, so compiles none of them.
NOT_FOR_STORED = [("lawdiff.dates", "KK_DATE"), ("lawdiff.dates", "RU_DATE"), ("lawdiff.dates", "DMY"),
                  ("lawdiff.dates", "YMD")]


def test_each_deferred_pattern_matches_as_compiled():
    for module, name in NOT_FOR_308 + NOT_FOR_STORED:
        pattern = getattr(importlib.import_module(module), name)
        assert isinstance(pattern, LazyPattern), (module, name)
        eager = re.compile(pattern.pattern, pattern.flags)
        for text in SAMPLES:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in eager.finditer(text)]


def _compiled_by_apply(root, patterns: list[tuple[str, str]]) -> str:
    """Apply order 308 in a fresh interpreter: its exit code and which of ``patterns`` it compiled."""
    names = repr([list(pair) for pair in patterns])
    code = ("import importlib, io, contextlib, sys\nfrom lawdiff.cli.main import run\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    code = run(['--corpus', sys.argv[1], 'apply', {A308!r}])\n"
            f"print(code, [n for m, n in {names} if importlib.import_module(m).__dict__[n]._compiled is not None])")
    return subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, check=True).stdout


def test_applying_a_kazakh_order_compiles_none_of_the_patterns_it_does_not_need(tmp_path):
    out = _compiled_by_apply(unapplied_308_corpus(tmp_path), NOT_FOR_308)
    assert out.strip() == "0 []", out


def test_applying_stored_operations_compiles_no_pattern_of_the_text(tmp_path):
    root = unapplied_308_corpus(tmp_path)
    subprocess.run([sys.executable, "-m", "lawdiff", "--corpus", str(root), "amendments", A308, "--store"],
                   capture_output=True, check=True)
    out = _compiled_by_apply(root, NOT_FOR_STORED)
    assert out.strip() == "0 []", out
    # parsing the act instead reads its dates (the citation of the amended act)
    assert _compiled_by_apply(unapplied_308_corpus(tmp_path / "parsed"), NOT_FOR_STORED).strip() != "0 []"
