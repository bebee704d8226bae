"""Noun phrases that name structural units in an instruction sentence.

A phrase is numbers or ordinals (lists "1), 2) және 3)", ranges "1)–4)") before a Kazakh unit
word with its case ending ("4-тармақтың"), or a Russian unit word with the numbers after it
("подпункт 3)"), possibly before it ("1, 2 пункты"). What a phrase means in the sentence (the
target, its parents, the context) is decided in :mod:`lawdiff.amend.targets`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdiff import LawdiffError
from lawdiff.amend import vocab
from lawdiff.model.ids import norm_num
from lawdiff.patterns import lazy

_NUMTOK = r"\d+(?:-\d+)*\)?|[а-яәі]\)"
_KK_ITEM = rf"(?:{_NUMTOK}|{vocab.KK_ORDINAL_RE})"
_RU_ITEM = rf"(?:{_NUMTOK}|{vocab.RU_ORDINAL_RE})"
_KK_SEP = r"(?:\s*,\s*(?:және\s+)?|\s+және\s+|\s+мен\s+|\s*[–—]\s*|(?<=\))\s*-\s*)"
_RU_SEP = r"(?:\s*,\s*(?:и\s+)?|\s+и\s+|\s*[–—]\s*|(?<=\))\s*-\s*|\s+-\s+)"
KK_NP = re.compile(
    rf"(?<![\w-])(?:(?P<items>{_KK_ITEM}(?:{_KK_SEP}{_KK_ITEM})*)(?:\s*-\s*|\s*))?"
    rf"(?P<unit>{vocab.KK_UNIT_RE})",
    re.I,
)
#: Compiled for the first Russian sentence only: the largest pattern of the grammar.
_RU_NP = lazy(
    rf"(?<![\w-])(?:(?P<prep>в|во|после)\s+)?(?:(?P<pre>{_RU_ITEM}(?:{_RU_SEP}{_RU_ITEM})*)\s+)?"
    rf"(?P<unit>{vocab.RU_UNIT_RE})(?:\s*(?P<items>{_RU_ITEM}(?:{_RU_SEP}{_RU_ITEM})*))?",
    re.I,
)
_RANGE_SEP = re.compile(r"^\s*[–—-]\s*$")


@dataclass
class NP:
    """One noun phrase naming units: kind, numbers (None: unnumbered), case, position."""

    kind: str
    nums: list[str | None]
    case: str
    start: int
    end: int
    lang: str


def _item_value(item: str, kind: str, lang: str) -> str:
    item = item.strip()
    if re.fullmatch(r"\d+(?:-\d+)*\)?|[а-яәі]\)", item):
        return norm_num(item)
    value = vocab.kk_ordinal(item) if lang == "kk" else vocab.ru_ordinal(item)
    if value is None:
        value = vocab.ru_ordinal(item) or vocab.kk_ordinal(item)
    if value is None:
        raise LawdiffError(f"cannot read the number {item!r}")
    return str(value)


def _expand_items(text: str, kind: str, lang: str) -> list[str]:
    """"1), 2), 3) және 4)" -> [1, 2, 3, 4]; "1)–4)" -> [1, 2, 3, 4]; ordinals to numbers."""
    item_re = re.compile(_KK_ITEM if lang == "kk" else _RU_ITEM, re.I)
    values: list[str] = []
    pos = 0
    for m in item_re.finditer(text):
        between = text[pos:m.start()]
        value = _item_value(m.group(0), kind, lang)
        if values and _RANGE_SEP.match(between):
            lo, hi = values[-1], value
            if not (lo.isdigit() and hi.isdigit() and int(lo) < int(hi) <= int(lo) + 100):
                raise LawdiffError(f"cannot expand the range {text!r}")
            values.extend(str(n) for n in range(int(lo) + 1, int(hi) + 1))
        else:
            values.append(value)
        pos = m.end()
    return values


_KK_VERBS = re.compile(r"\w+(?:сын|сін)\b|[әғқңөұүһі]", re.I)


def language(masked: str) -> str:
    """"kk" when the sentence has a Kazakh jussive verb or a Kazakh-only letter, else "ru"."""
    return "kk" if _KK_VERBS.search(masked) else "ru"


def find_nps(masked: str) -> list[NP]:
    """Every noun phrase naming structural units in ``masked`` (quotes already masked)."""
    nps: list[NP] = []
    if language(masked) == "ru":
        return _find_ru_nps(masked, nps)
    for m in KK_NP.finditer(masked):
        info = vocab.kk_unit(m["unit"])
        if info is None:
            continue
        kind, case = info
        nums = _expand_items(m["items"], kind, "kk") if m["items"] else [None]
        nps.append(NP(kind, nums, case, m.start(), m.end(), "kk"))
    return nps


def _find_ru_nps(masked: str, nps: list[NP]) -> list[NP]:
    for m in _RU_NP.finditer(masked):
        info = vocab.ru_unit(m["unit"], (m["prep"] or "").lower() or None)
        if info is None:
            continue
        kind, case = info
        items = m["items"] or m["pre"]
        nums = _expand_items(items, kind, "ru") if items else [None]
        if case == "nom?":  # "части": genitive after the unit it depends on, else the head
            case = "gen" if any(n.lang == "ru" and n.case == "nom" for n in nps) else "nom"
        nps.append(NP(kind, nums, case, m.start(), m.end(), "ru"))
    nps.sort(key=lambda n: n.start)
    return nps
