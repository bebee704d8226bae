"""What both tariff-table layouts share: the row and table types, the header words, prices as
printed, and the repairs of one cell's lines (see :mod:`lawdiff.ingest.tables` for the layouts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from lawdiff import LawdiffError
from lawdiff.ingest.repair import (
    Repair,
    RepairLog,
    fix_latin_i,
    fix_letter_spacing,
    fix_space_before_punct,
    join_wrapped,
    normalise_chars,
)

UNIT_PER_SERVICE = "per-service"
UNIT_PER_DAY = "per-recipient-per-day"
LAYOUTS = ("pdf", "cells")


@dataclass(frozen=True)
class TariffRow:
    """One priced row: number as printed, category heading in force, service, position, price."""

    num: int
    category: str
    service: str
    position: str
    price: Decimal
    line: int


@dataclass(frozen=True)
class TariffTable:
    """Header cells as printed, the price unit, and the rows in order."""

    columns: list[str]
    unit: str
    rows: list[TariffRow]


# --------------------------------------------------------------------------------------
# Header words

POSITION_HEAD = re.compile(r"\b(?:Лауазым\w*|Должност\w*)", re.IGNORECASE)
SERVICE_HEAD = re.compile(r"Қызмет|Атау|услуг|Наименован|Вид", re.IGNORECASE)
PRICE_HEAD = re.compile(r"құн|баға|тариф|сома|теңге|стоимост|цена|тенге", re.IGNORECASE)
NUMBER_HEAD = re.compile(r"^(?:№|N)\s*(?:р/с|п/п|р/н|реті)?\.?$", re.IGNORECASE)
# Price per recipient per day: the header names a day ("бір күндік", "бір күнде", "в день").
_PER_DAY = re.compile(
    r"күндік|күнде|күніне|бір\s+күн|тәулі|в\s+день|за\s+день|\bдень\b|\bсутк|\bдневн|койко",
    re.IGNORECASE,
)
# Price per service: "бір қызметтің құны", "стоимость одной услуги", "за одну услугу".
_PER_SERVICE = re.compile(
    r"бір\s+қызмет|қызмет\w*\s+(?:\w+\s+)?құн|одн\w+\s+услуг|за\s+услугу|единиц\w*\s+услуг"
    r"|стоимост\w*\s+(?:\w+\s+){0,3}услуг",
    re.IGNORECASE,
)

# A category heading of special social services: "Әлеуметтік-тұрмыстық қызметтер",
# "Әлеуметтік – еңбек қызметтері", "Социально-бытовые услуги".
_CATEGORY = re.compile(
    r"^(?:Әлеуметтік|Социальн\w*)\s*[-–—]?\s*[\w-]+\s+(?:қызметтер|қызметтері|услуги)\s*\.?$",
    re.IGNORECASE,
)

_HEADING_WORD = re.compile(r"қызмет|услуг", re.IGNORECASE)

# --------------------------------------------------------------------------------------
# Numbers

_SPACES = "\u0020\u00a0\u2007\u202f\u2009"
_GROUPED = rf"\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?:[.,]\d+)?"
LONE_INT = re.compile(r"^(\d{1,6})\.?$")
LONE_PRICE = re.compile(rf"^(?:{_GROUPED}|\d+[.,]\d+)$")
LEAD_INT = re.compile(r"^(\d{1,4})\.?\s+(\S.*)$")
# A price printed after the text of a line: decimals, thousands groups, or three or more
# digits ("Медбике 1917"); a short bare integer at a line end is text ("... және 18").
TRAIL_PRICE = re.compile(rf"^(.*?\S)\s+({_GROUPED}|\d+[.,]\d+|\d{{3,}})$")
# Inside a block only a number with decimals ends a line as a price ("маманы 161,85").
TRAIL_DECIMAL = re.compile(rf"^(.*?\S)\s+(\d{{1,3}}(?:[{_SPACES}]\d{{3}})+[.,]\d+|\d+[.,]\d+)$")


def parse_price(raw: str, line: int, log: RepairLog | None = None) -> Decimal:
    """Exact price from its printed form: "190,87" -> 190.87, "1 896,60" -> 1896.60.

    Thousands separators (NBSP or space) are dropped, a decimal comma or a stray decimal
    dot ("563.2") becomes the decimal point; each change is logged. The printed scale is
    kept ("948,30" -> Decimal("948.30")).
    """
    text = raw.strip()
    value = text
    if re.search(r"[.,]\d{3}$", value) and not re.search(r"[.,].*[.,]", value):
        raise LawdiffError(
            f"line {line}: price {text!r} is ambiguous (a decimal or a thousands separator)"
        )
    if re.search(f"[{_SPACES}]", value):
        if not re.fullmatch(_GROUPED, value):
            raise LawdiffError(f"line {line}: price {text!r} is not a number")
        kind = "thousands-space" if re.fullmatch(r"[\d ,.]+", value) else "nbsp-thousands"
        value = re.sub(f"[{_SPACES}]", "", value)
        if log is not None:
            log.append(Repair(kind, line, text, value))
    if "," in value and "." in value:
        # "1.896,60": the last separator is the decimal one.
        decimal_sep = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        new = value.replace(thousands, "").replace(decimal_sep, ".")
        if log is not None:
            log.append(Repair("thousands-separator", line, value, new))
        value = new
    elif "," in value:
        new = value.replace(",", ".")
        if log is not None:
            log.append(Repair("decimal-comma", line, value, new))
        value = new
    elif "." in value and log is not None:
        log.append(Repair("decimal-dot", line, value, value))
    if not re.fullmatch(r"\d+(?:\.\d+)?", value):
        raise LawdiffError(f"line {line}: price {text!r} is not a number")
    price = Decimal(value)
    if price <= 0:
        raise LawdiffError(f"line {line}: price {text!r} is not positive")
    return price


def tariff_unit(header: str, line: int) -> str:
    """"per-recipient-per-day" or "per-service", from the words of the price column header."""
    if _PER_DAY.search(header):
        return UNIT_PER_DAY
    if _PER_SERVICE.search(header):
        return UNIT_PER_SERVICE
    raise LawdiffError(f"line {line}: cannot tell the tariff unit from the price column header {header!r}")


# --------------------------------------------------------------------------------------
# Text repair shared by both layouts


def repair_line(text: str, line: int, log: RepairLog) -> str:
    text = normalise_chars(text)
    text = fix_letter_spacing(text, line, log)
    text = fix_latin_i(text, line, log)
    return re.sub(r"\s+", " ", text).strip()


def join_lines(lines: list[tuple[int, str]], log: RepairLog) -> str:
    """Join repaired wrapped lines (possibly from several blocks) into one line of text."""
    out = ""
    for ln, text in lines:
        if not text:
            continue
        out = join_wrapped([out, text], ln - 1, log) if out else text
    if lines:
        out = fix_space_before_punct(out, lines[0][0], log)
    return re.sub(r"\s+", " ", out).strip()


def is_category(text: str) -> bool:
    return bool(_CATEGORY.match(text))


def looks_like_heading(text: str) -> bool:
    """A short line naming a group of services, for headings outside the standard categories."""
    return len(text.split()) <= 8 and bool(_HEADING_WORD.search(text)) and text[:1].isupper()


def split_header(text: str, line: int) -> list[str]:
    """"№ Қызмет түрлері Лауазым Бір қызметтің құны" -> the four header cells."""
    num = re.match(r"^№\s*(?:(?:п/п|р/с|р/н)(?=\s))?", text)
    number_head = num.group(0).strip() if num else ""
    body = text[num.end():].strip() if num else text
    m = POSITION_HEAD.search(body)
    if not number_head or not m or not body[: m.start()].strip() or not body[m.end():].strip():
        raise LawdiffError(f"line {line}: cannot split the tariff table header {text!r} into columns")
    return [number_head, body[: m.start()].strip(), m.group(0), body[m.end():].strip()]
