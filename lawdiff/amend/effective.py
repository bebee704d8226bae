"""Points of an amending act that enter into force on a date of their own.

An act's final clause may put some of its points into force on another date than the rest:

- "… 2024 жылғы 1 қаңтардан бастап қолданысқа енгізіледі, 1-тармақтың 2) тармақшасын
  қоспағанда, ол 2024 жылғы 1 шілдеден бастап қолданысқа енгізіледі";
- "… вводится в действие с 1 января 2024 года, за исключением подпункта 2) пункта 1, который
  вводится в действие с 1 июля 2024 года";
- a sentence of its own: "1-тармақтың 2) тармақшасы 2024 жылғы 1 шілдеден бастап қолданысқа
  енгізіледі", "подпункт 2) пункта 1 вводится в действие с 1 июля 2024 года".

The points are the amending act's own (its clause 1, subclause 2), so each names the
operations read from the instructions there; those operations carry the date, and the
versions they create start on it. A point excepted without a date of its own
("1-тармақтың 2) тармақшасын қоспағанда, осы шешім … бастап") is reported, never given the
act's date.
"""

from __future__ import annotations

import datetime as dt
import re

from lawdiff.amend.nouns import NP, find_nps
from lawdiff.amend.ops import Path
from lawdiff.amend.targets import chain, unit_num
from lawdiff.amend.wording import mask_quotes
from lawdiff.dates import find_dates
from lawdiff.ingest.eif import is_eif_sentence
from lawdiff.patterns import lazy

_KK_EXCEPT_OWN_DATE = lazy(r"\s*қоспағанда\s*,?\s*(?:ол|олар)\b", re.I)
_KK_EXCEPT = lazy(r"\s*қоспағанда\b", re.I)
_RU_EXCEPT = lazy(r"(?:за\s+исключением|кроме)\s*$", re.I)
_RU_WHICH = lazy(r"[^.;]*?\bкотор\w+\s+(?:вводится|вводятся|вступает|вступают)\s+в\s+(?:действие|силу)", re.I)


def _groups(nps: list[NP], masked: str) -> list[list[NP]]:
    """Noun phrases that name one point together ("1-тармақтың 2) тармақшасы", "подпункта 2)
    пункта 1"): neighbours with nothing but spaces between them."""
    groups: list[list[NP]] = []
    for n in nps:
        if groups and not masked[groups[-1][-1].end:n.start].strip():
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def _date_after(masked: str, pos: int) -> dt.date | None:
    after = [d for off, d in find_dates(masked) if off >= pos]
    return after[0] if after else None


def own_dates(sentence: str) -> list[tuple[list[Path], dt.date | None]]:
    """The points of the act a final-clause sentence gives a date of their own, each with the
    date (None: excepted from the act's date without one of its own). Empty when the sentence
    is no entry-into-force sentence or names no point."""
    masked = mask_quotes(sentence)[0]
    if not is_eif_sentence(masked):
        return []
    nps = find_nps(masked)
    out: list[tuple[list[Path], dt.date | None]] = []
    for group in _groups(nps, masked):
        prefix, head = chain(group)
        paths = [prefix + [(head.kind, unit_num(head, n))] for n in head.nums]
        start, end = group[0].start, group[-1].end
        if head.lang == "kk":
            if _KK_EXCEPT_OWN_DATE.match(masked, end):
                date = _date_after(masked, end)
            elif _KK_EXCEPT.match(masked, end):
                date = None
            else:
                date = _date_after(masked, end)
        elif _RU_EXCEPT.search(masked[:start]):
            which = _RU_WHICH.match(masked, end)
            date = _date_after(masked, which.end()) if which else None
        else:
            date = _date_after(masked, end)
        out.append((paths, date))
    return out
