"""Patterns compiled on first use match exactly what ``re.compile`` of the same source does."""

from __future__ import annotations

import re
import subprocess
import sys

from lawdiff.amend import nouns
from lawdiff.lang import ACT_NUMBER, ACT_NUMBER_RE
from lawdiff.patterns import lazy

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
