"""Laws and codes of the Republic: a head that names no issuing body.

"Закон Республики Казахстан от 3 января 2023 года № 186-VII ЗРК", "Қазақстан Республикасының
2006 жылғы 4 қарашадағы N 184 Заңы", "Қазақстан Республикасының Заңы 2015 жылғы 3 желтоқсандағы
№ 433-V ҚРЗ", "Кодекс Республики Казахстан от ... № ...": the act is the
Republic's own. Parliament adopts it and the President signs it (the Supreme Council adopted the
laws of 1993), and the head names neither, so the work id names the Republic as the issuer:
``kz/republic/law/2023/186-vii``. Year, type and number make a law's id as they make any act's.

The letters after a law's number ("ЗРК", in Kazakh "ҚРЗ": law of the Republic of Kazakhstan)
repeat the act's type in the text's language. They stay in the number as printed and are left
out of the id, so the Kazakh and Russian texts of one law name one work.

Only a head that is the Republic's name and nothing more is read so: "Министра финансов
Республики Казахстан" is a ministry, found by the issuers list or refused.
"""

from __future__ import annotations

import datetime as dt
import re

from lawdiff.dates import find_dates
from lawdiff.ingest.issuers import Issuer
from lawdiff.lang import ACT_NUMBER

REPUBLIC = "republic"
_TYPE_LETTERS = r"(?:ЗРК|ҚРЗ)"
_NUM = rf"(?P<num>{ACT_NUMBER}(?:\s+{_TYPE_LETTERS})?)"
_RU = re.compile(rf"^\s*(?P<word>Закон|Кодекс)\s+(?P<issuer>Республики\s+Казахстан)\s+от\s+"
                 rf"(?P<date>\d{{1,2}}\s+\w+\s+\d{{4}})\s+(?:года|г\.)\s*(?:№|N)\s*{_NUM}(?=[\s.,;]|$)")
_KK_DATE = r"(?P<date>\d{4}\s*жылғы\s+\d{1,2}\s+\w+)"
_KK = re.compile(rf"^\s*(?P<issuer>Қазақстан\s+Республикасының)\s+{_KK_DATE}\s+"
                 rf"(?:№|N)\s*{_NUM}\s+(?P<word>Заңы|Кодексі)(?=[\s.,;]|$)")
#: The order adilet prints now: "Қазақстан Республикасының Заңы 2015 жылғы 3 желтоқсандағы № 433-V ҚРЗ".
_KK_WORD_FIRST = re.compile(rf"^\s*(?P<issuer>Қазақстан\s+Республикасының)\s+(?P<word>Заңы|Кодексі)\s+{_KK_DATE}\s+"
                            rf"(?:№|N)\s*{_NUM}(?=[\s.,;]|$)")
_TYPES = {"закон": "law", "заңы": "law", "кодекс": "code", "кодексі": "code"}


def read_law_head(sentence: str) -> tuple[Issuer, str, dt.date, str] | None:
    """(issuer, type, date, number) of a law's or a code's requisites at the start of the
    head's sentence, or None when the sentence is not one."""
    m = _RU.match(sentence) or _KK.match(sentence) or _KK_WORD_FIRST.match(sentence)
    if not m:
        return None
    dates = find_dates(m["date"])
    if not dates:
        return None
    issuer = Issuer(REPUBLIC, REPUBLIC, " ".join(m["issuer"].split()))
    return issuer, _TYPES[m["word"].lower()], dates[0][1], " ".join(m["num"].split())


def number_for_id(number: str) -> str:
    """The number as the work id uses it: without the type letters ("186-VII ЗРК" -> "186-VII")."""
    return re.sub(rf"\s+{_TYPE_LETTERS}$", "", number)
