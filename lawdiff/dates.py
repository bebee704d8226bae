"""Reading dates out of Kazakh and Russian legal text.

Kazakh dates are "<YYYY> жылғы <D> <month>" with the month inflected: "-дағы/-дегі" (of),
"-да/-де" (on), "-дан/-нан бастап" (from); registration lines say "жылы"; also
"2018 жылдың 1 қаңтарынан бастап". adilet notes use DD.MM.YYYY, older ones YYYY.MM.DD.
Russian: "16 сентября 2025 года". Every parser returns ``None`` rather than guess.
"""

from __future__ import annotations

import datetime as dt
import re

from lawdiff.patterns import lazy

# Month stems; an inflected form is the stem plus any case ending (қыркүйектегі, шілдеден...).
KK_MONTHS = {
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6,
    "шілде": 7, "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}
RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
    "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
_KK_MONTH_RE = "|".join(sorted(KK_MONTHS, key=len, reverse=True))
_RU_MONTH_RE = r"(?:январ|феврал|марта?|апрел|мая|май|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*"

#: "2025 жылғы 16 қыркүйектегі", "2022 жылы 12 тамызда", "2018 жылдың 1 қаңтарынан". The
#: patterns of dates in an act's text are compiled when text is first read: a query, or an
#: apply of operations already stored in the act, reads none.
KK_DATE = lazy(
    rf"(?P<y>(?:1[89]|20)\d\d)\s*жыл(?:ғы|ы|дың)\s+(?P<d>\d{{1,2}})\s*(?P<m>{_KK_MONTH_RE})[а-яәғқңөұүһі]*",
    re.IGNORECASE,
)
RU_DATE = lazy(rf"(?P<d>\d{{1,2}})\s+(?P<m>{_RU_MONTH_RE})\s+(?P<y>(?:1[89]|20)\d\d)", re.IGNORECASE)
DMY = lazy(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:1[89]|20)\d\d)(?![\d])")
YMD = lazy(r"(?<![\d.])(?P<y>(?:1[89]|20)\d\d)\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?![\d])")
#: Period of application: "2026 жылға" (for 2026), Russian "на 2026 год".
PERIOD_YEAR = lazy(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*жылға\b|на\s+(?P<ry>(?:19|20)\d\d)\s+год\b", re.IGNORECASE)


def _make(y: str, m: int, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), m, int(d))
    except ValueError:
        return None


def _ru_month(word: str) -> int | None:
    w = word.lower()
    if w.startswith(("мая", "май")):
        return 5
    if w.startswith("март"):
        return 3
    for stem, num in RU_MONTHS.items():
        if stem != "ма" and w.startswith(stem):
            return num
    return None


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every date in the text with its offset, in textual order (Kazakh, Russian, numeric)."""
    found: list[tuple[int, dt.date]] = []
    for m in KK_DATE.finditer(text):
        d = _make(m["y"], KK_MONTHS[m["m"].lower()], m["d"])
        if d:
            found.append((m.start(), d))
    for m in RU_DATE.finditer(text):
        month = _ru_month(m["m"])
        d = _make(m["y"], month, m["d"]) if month else None
        if d:
            found.append((m.start(), d))
    for m in DMY.finditer(text):
        d = _make(m["y"], int(m["m"]), m["d"])
        if d:
            found.append((m.start(), d))
    for m in YMD.finditer(text):
        d = _make(m["y"], int(m["m"]), m["d"])
        if d:
            found.append((m.start(), d))
    return sorted(set(found))


def parse_date(text: str) -> dt.date | None:
    """The first date in ``text``, or None."""
    dates = find_dates(text)
    return dates[0][1] if dates else None


def parse_period(text: str) -> tuple[int, str] | None:
    """The year of a period of application ("2026 жылға") and the phrase, or None."""
    m = PERIOD_YEAR.search(text)
    if not m:
        return None
    return int(m["y"] or m["ry"]), m.group(0)


def iso(d: dt.date | None) -> str | None:
    """ISO form of a date, None passes through."""
    return d.isoformat() if d else None


# -- dates typed by a user (command-line options) ---------------------------------------------

EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
#: Said in every help text and error about a date, so a user never has to guess.
ACCEPTED_FORMS = ("YYYY-MM-DD, DD.MM.YYYY, or day, month name and year "
                  "(1 наурыз 2026, 2026 жылғы 1 наурыз, 1 марта 2026, 1 March 2026)")
_DAY_MONTH_YEAR = lazy(r"(?P<d>\d{1,2})\s+(?P<m>[^\W\d_]+)\.?,?\s+(?P<y>\d+)(?:\s*(?:жыл|года?|г)\.?)?",
                             re.IGNORECASE)
_NUMERIC = lazy(r"(?P<a>\d+)(?P<sep>[-./])(?P<b>\d+)(?P=sep)(?P<c>\d+)")


def _month_number(word: str) -> int | None:
    """The month a Kazakh, Russian or English month name (any case ending) stands for."""
    w = word.lower()
    for stem, num in KK_MONTHS.items():
        if w.startswith(stem):
            return num
    if re.fullmatch(_RU_MONTH_RE, w):
        return _ru_month(w)
    hits = {num for name, num in EN_MONTHS.items() if len(w) >= 3 and name.startswith(w)}
    return hits.pop() if len(hits) == 1 else None


def parse_user_date(text: str) -> dt.date:
    """A date typed by a user, in one of :data:`ACCEPTED_FORMS`.

    Raises ValueError with a one-line reason that lists the accepted forms. A two-digit year
    is refused rather than guessed: "01.03.26" could be 1926 or 2026, and an act's date is
    never worth a guess."""
    t = " ".join(str(text).split()).rstrip(".")
    m = _NUMERIC.fullmatch(t)
    if m and m["sep"] == "-" and len(m["a"]) == 4:
        y, mo, d = m["a"], m["b"], m["c"]
    elif m and m["sep"] in "./" and len(m["a"]) <= 2:
        d, mo, y = m["a"], m["b"], m["c"]
    elif (m2 := _DAY_MONTH_YEAR.fullmatch(t)) or (m2 := KK_DATE.fullmatch(t)):
        month = _month_number(m2["m"])
        if month is None:
            raise ValueError(f"{text!r}: {m2['m']!r} is not a month name; use {ACCEPTED_FORMS}")
        d, mo, y = m2["d"], str(month), m2["y"]
    else:
        raise ValueError(f"{text!r} is not a date; use {ACCEPTED_FORMS}")
    if len(y) != 4:
        raise ValueError(f"{text!r}: the year must have four digits; use {ACCEPTED_FORMS}")
    try:
        return dt.date(int(y), int(mo), int(d))
    except ValueError:
        raise ValueError(f"{text!r} is not a date (no such day); use {ACCEPTED_FORMS}") from None
