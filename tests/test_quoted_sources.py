"""Every quote in an answer is the act's own words: the entry-into-force sentence quoted in a
reason is the one stored in that act, in its language, never a canned phrase."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import CORPUS, DATA
from lawdiff import time as T
from lawdiff.corpus import Corpus
from lawdiff.ingest.eif import recognise

QUOTE = re.compile(r'\("(.*?)"\)')
REAL_RU = DATA / "real" / "acts" / "ru_maslikhat_tariff_table_appendix_rows_V22NA029878.txt"


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("act", Corpus(CORPUS).works(), ids=lambda a: a.id)
def test_every_quoted_entry_into_force_sentence_is_in_the_act(act):
    reason = T.entry_into_force(act).reason
    body = _words(" ".join(act.root.find("body").itertext()))
    for quote in QUOTE.findall(reason):
        sentence = re.sub(r"^\d+\.\s*", "", quote)      # the clause number is an attribute, not text
        assert _words(sentence) in body, (act.id, quote)


def test_decree_330_is_quoted_as_it_words_it():
    act = Corpus(CORPUS).load("kz/government/decree/2009/330")
    reason = T.entry_into_force(act).reason
    assert "алғаш рет ресми жарияланған күнінен бастап" in reason and "алғашқы" not in reason


def test_a_russian_act_is_quoted_in_russian():
    # A real sentence of a Russian-language decision (source address on the file's first line).
    sentence = next(s.strip() for s in REAL_RU.read_text(encoding="utf-8").split("\n")
                    if "вводится в действие" in s)
    sentence = sentence[sentence.index("Настоящее"):]
    rule, _ = recognise(sentence)
    bound = T.apply_rule(T.RULES[rule], published=None, signed=None, earliest_publication=dt.date(2022, 9, 1),
                         what="act", quote=sentence)
    assert f'("{sentence}")' in bound.reason
    assert not re.search(r"[әғқңөұүһі]", bound.reason.lower())     # no Kazakh put in its mouth


def test_without_a_sentence_only_a_law_is_cited():
    bound = T.apply_rule(T.PUBLICATION_PLUS_10, published=None, signed=None, earliest_publication=None, what="x")
    assert '"' not in bound.reason
    default = T.apply_rule(T.DEFAULT, published=None, signed=None, earliest_publication=None, what="x")
    assert "On legal acts" in default.reason
