"""Recognising entry-into-force phrases: sentence -> rule name (and a fixed date if any).

The rules themselves (what date each gives) live in :mod:`lawdiff.time`; this module only
reads the language, Kazakh and Russian, old and new drafting.
"""

from __future__ import annotations

import datetime as dt
import re

from lawdiff.dates import find_dates
from lawdiff.patterns import lazy

_TEN_DAYS = lazy(
    r"(?:ресми\s+)?жариялан\w*\s+(?:күнінен\s+)?кейін\s+күнт[іi]зб[еe]л[іi]к\s+он\s+күн\s+өткен\s+соң"
    r"|по\s+истечении\s+десяти\s+календарных\s+дней\s+после\s+дня\s+(?:его\s+)?первого\s+(?:официального\s+)?опубликования",
    re.IGNORECASE,
)
_FROM_PUBLICATION = lazy(
    r"(?:алғашқы|алғаш\s+рет)\s+ресми\s+жарияланған\s+күнінен\s+бастап"
    r"|со\s+дня\s+(?:его\s+)?первого\s+официального\s+опубликования",
    re.IGNORECASE,
)
_FROM_SIGNING = lazy(r"қол\s+қойылған\s+күнінен\s+бастап|со\s+дня\s+(?:его\s+)?подписания", re.IGNORECASE)
_FROM_DATE = lazy(r"бастап|с\s+\d", re.IGNORECASE)
_EIF_VERB = re.compile(
    r"қолданысқа\s+енг[іi]з[іi]лед[іi]|күш[іi]не\s+енед[іi]|вводится\s+в\s+действие|вступает\s+в\s+силу",
    re.IGNORECASE,
)


#: Where a final clause turns to the points it excepts (lawdiff.amend.effective reads those).
_EXCEPT = lazy(r",?\s*(?:за\s+исключением|кроме)\s", re.IGNORECASE)


def is_eif_sentence(text: str) -> bool:
    """True if the sentence states when something enters into force."""
    return bool(_EIF_VERB.search(text))


def recognise(text: str) -> tuple[str, dt.date | None] | None:
    """The rule a sentence states, and the date for "DD.MM.YYYY бастап"; None if none.

    The order matters: "ten days after publication" also contains "publication".
    """
    main = _EXCEPT.split(text)[0]
    if find_dates(main) or _EIF_VERB.search(main):
        text = main   # "… с 1 марта 2024 года, за исключением подпункта 2), который … с 1 июля": the act's own
    if _TEN_DAYS.search(text):
        return "publication+10d", None
    if _FROM_PUBLICATION.search(text):
        return "from-publication", None
    if _FROM_SIGNING.search(text):
        return "from-signing", None
    if _FROM_DATE.search(text):
        dates = find_dates(text)
        if dates:
            return "fixed-date", dates[-1][1] if "бастап" not in text else _date_before_bastap(text)
    return None


def _date_before_bastap(text: str) -> dt.date | None:
    """The date that "бастап" (from) follows: "01.07.2023 бастап" in "30.06.2023 № 528 (01.07.2023 бастап ...)"."""
    cut = text.lower().index("бастап")
    before = [d for off, d in find_dates(text[:cut])]
    return before[-1] if before else None
