"""Tariff tables of akimat resolutions: typed rows from the two adilet text layouts.

A tariff table has four columns: row number (№), service (Қызмет түрлері / Виды услуг),
position (Лауазым / Должность) and price, with category heading rows between groups of rows
("Әлеуметтік-тұрмыстық қызметтер"). adilet exports it in one of two layouts:

``cells``
    one table cell per line group: a line starting with a TAB opens a cell, the lines that
    follow (up to the next TAB line) are its paragraphs, and a blank line after a cell's text
    closes the table row. Numbers may carry NBSP thousands separators ("1 896,60").

``pdf``
    text extracted from a PDF. Each cell is a block of lines separated from the next by a
    blank line; a run of two or more blank lines is a page break. Justified words come out
    letter-spaced, words and cells are broken across lines, the row number may share a line
    with the start of the service, the price may end the position's last line, and a row
    that straddles a page break is printed in two fragments: its number may sit at the top of
    the second fragment (after the beginning of the service) and its price may sit in the
    first fragment (before the rest of the service and the position).

:func:`parse_tariff_table` reads either layout into a :class:`TariffTable`. It never guesses
silently: every repair is logged, and a table it cannot read consistently (a row without a
price, a row number out of sequence, a service it cannot tell from its position) raises
:class:`lawdiff.LawdiffError` naming the source line.

Repair kinds logged here, besides those of :mod:`lawdiff.ingest.repair`: ``displaced-row-number``
(a row that begins before its number), ``displaced-price`` (a row that continues after its
price), ``bare-price`` (an integer alone on a line read as a price), ``cell-split`` (service
and position told apart by the positions the table prints in cells of their own),
``decimal-comma``, ``decimal-dot``, ``nbsp-thousands``, ``thousands-space``,
``thousands-separator``, ``joined-paragraphs`` (a multi-paragraph cell made one line) and
``column-numbering-row`` (a "1 2 3 4" row under the header, skipped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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

_POSITION_HEAD = re.compile(r"\b(?:Лауазым\w*|Должност\w*)", re.IGNORECASE)
_SERVICE_HEAD = re.compile(r"Қызмет|Атау|услуг|Наименован|Вид", re.IGNORECASE)
_PRICE_HEAD = re.compile(r"құн|баға|тариф|сома|теңге|стоимост|цена|тенге", re.IGNORECASE)
_NUMBER_HEAD = re.compile(r"^(?:№|N)\s*(?:р/с|п/п|р/н|реті)?\.?$", re.IGNORECASE)
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
_LONE_INT = re.compile(r"^(\d{1,6})\.?$")
_LONE_PRICE = re.compile(rf"^(?:{_GROUPED}|\d+[.,]\d+)$")
_LEAD_INT = re.compile(r"^(\d{1,4})\.?\s+(\S.*)$")
# A price printed after the text of a line: decimals, thousands groups, or three or more
# digits ("Медбике 1917"); a short bare integer at a line end is text ("... және 18").
_TRAIL_PRICE = re.compile(rf"^(.*?\S)\s+({_GROUPED}|\d+[.,]\d+|\d{{3,}})$")
# Inside a block only a number with decimals ends a line as a price ("маманы 161,85").
_TRAIL_DECIMAL = re.compile(rf"^(.*?\S)\s+(\d{{1,3}}(?:[{_SPACES}]\d{{3}})+[.,]\d+|\d+[.,]\d+)$")


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


def _repair_line(text: str, line: int, log: RepairLog) -> str:
    text = normalise_chars(text)
    text = fix_letter_spacing(text, line, log)
    text = fix_latin_i(text, line, log)
    return re.sub(r"\s+", " ", text).strip()


def _join_lines(lines: list[tuple[int, str]], log: RepairLog) -> str:
    """Join repaired wrapped lines (possibly from several blocks) into one line of text."""
    out = ""
    for ln, text in lines:
        if not text:
            continue
        out = join_wrapped([out, text], ln - 1, log) if out else text
    if lines:
        out = fix_space_before_punct(out, lines[0][0], log)
    return re.sub(r"\s+", " ", out).strip()


def _is_category(text: str) -> bool:
    return bool(_CATEGORY.match(text))


def _looks_like_heading(text: str) -> bool:
    """A short line naming a group of services, for headings outside the standard categories."""
    return len(text.split()) <= 8 and bool(_HEADING_WORD.search(text)) and text[:1].isupper()


def _split_header(text: str, line: int) -> list[str]:
    """"№ Қызмет түрлері Лауазым Бір қызметтің құны" -> the four header cells."""
    num = re.match(r"^№\s*(?:(?:п/п|р/с|р/н)(?=\s))?", text)
    number_head = num.group(0).strip() if num else ""
    body = text[num.end():].strip() if num else text
    m = _POSITION_HEAD.search(body)
    if not number_head or not m or not body[: m.start()].strip() or not body[m.end():].strip():
        raise LawdiffError(f"line {line}: cannot split the tariff table header {text!r} into columns")
    return [number_head, body[: m.start()].strip(), m.group(0), body[m.end():].strip()]


# --------------------------------------------------------------------------------------
# PDF layout


@dataclass
class _Tok:
    kind: str  # "text" | "int" | "number" | "price" | "heading"
    line: int
    text: str = ""  # as printed (int, number, price) or joined (heading)
    lines: list[tuple[int, str]] = field(default_factory=list)  # text: repaired lines
    value: int | None = None
    source: str = ""  # the whole source line (int)
    trailing: bool = False  # price printed at the end of a text line
    page_break: bool = False  # first token after a page break


@dataclass
class _PdfRow:
    num: int
    line: int
    category: str
    fragments: list[list[list[tuple[int, str]]]] = field(default_factory=list)
    price: Decimal | None = None
    price_text: str = ""
    price_line: int = 0
    price_trailing: bool = False
    page_break_pending: bool = False

    def add_block(self, block: list[tuple[int, str]], new_fragment: bool) -> None:
        if new_fragment or not self.fragments:
            self.fragments.append([])
        self.fragments[-1].append(block)

    def text_blocks(self) -> int:
        return sum(len(f) for f in self.fragments)

    def needs_more(self) -> bool:
        """True when the row's text so far cannot hold both a service and a position cell."""
        return self.text_blocks() < 2 and not self.price_trailing


def _pdf_blocks(lines: list[tuple[int, str]]) -> list[tuple[bool, list[tuple[int, str]]]]:
    """Blocks of non-blank lines, each with whether a page break (2+ blank lines) precedes it."""
    blocks: list[tuple[bool, list[tuple[int, str]]]] = []
    current: list[tuple[int, str]] = []
    blanks = 0
    pending_break = False
    for ln, raw in lines:
        text = raw.rstrip("\r\n")
        if not normalise_chars(text).strip():
            if current:
                blocks.append((pending_break, current))
                current = []
            blanks += 1
            continue
        if not current:
            pending_break = blanks >= 2 and bool(blocks)
            blanks = 0
        current.append((ln, text.strip()))
    if current:
        blocks.append((pending_break, current))
    return blocks


def _as_printed(raw: str, token: str) -> str:
    """The end of ``raw`` that normalises to ``token`` (keeps an NBSP for the repair log)."""
    tail = raw.rstrip()[-len(token):]
    return tail if normalise_chars(tail) == token else token


def _ends_row_before(raw_next: str) -> bool:
    """Whether the next line of a block starts a new row or heading (so this one may end a row)."""
    text = normalise_chars(raw_next).strip()
    return bool(_LONE_INT.match(text) or _LEAD_INT.match(text) or _is_category(fix_letter_spacing(text)))


def _tokenise_block(block: list[tuple[int, str]], page_break: bool, log: RepairLog) -> list[_Tok]:
    toks: list[_Tok] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if run:
            repaired = [(ln, _repair_line(t, ln, log)) for ln, t in run]
            joined = " ".join(t for _, t in repaired)
            kind = "heading" if _is_category(joined) else "text"
            toks.append(_Tok(kind, repaired[0][0], joined if kind == "heading" else "", repaired))
            run.clear()

    at_row_start = True
    last = len(block) - 1
    for i, (ln, raw) in enumerate(block):
        text = normalise_chars(raw).strip()
        m = _LONE_INT.match(text)
        if m:
            flush()
            toks.append(_Tok("number", ln, text, value=int(m.group(1)), source=text))
            at_row_start = True
            continue
        if _LONE_PRICE.match(text):
            flush()
            toks.append(_Tok("price", ln, _as_printed(raw, text)))
            at_row_start = True
            continue
        if at_row_start and not run:
            m = _LEAD_INT.match(text)
            if m:
                toks.append(_Tok("int", ln, m.group(1), value=int(m.group(1)), source=text))
                text = m.group(2)
        if i == last or _ends_row_before(block[i + 1][1]):
            m = _TRAIL_PRICE.match(text)
        else:
            m = _TRAIL_DECIMAL.match(text)
        if m:
            run.append((ln, m.group(1)))
            flush()
            toks.append(_Tok("price", ln, _as_printed(raw, m.group(2)), trailing=True))
            at_row_start = True
            continue
        run.append((ln, text))
        at_row_start = False
    flush()
    if toks:
        toks[0].page_break = page_break
    return toks


def _find_pdf_header(lines: list[tuple[int, str]], log: RepairLog) -> tuple[int, list[str], int]:
    """Index of the first line after the header, the header cells, and the header's line."""
    for idx, (ln, raw) in enumerate(lines):
        if not normalise_chars(raw).strip().startswith("№"):
            continue
        scratch: RepairLog = []
        parts: list[tuple[int, str]] = []
        j = idx
        blocks = 0
        while j < len(lines) and blocks < 4:
            text = normalise_chars(lines[j][1]).strip()
            if text:
                if parts and (_LONE_INT.match(text) or _LEAD_INT.match(text)):
                    break
                repaired = _repair_line(text, lines[j][0], scratch)
                if parts and _is_category(repaired):
                    break
                parts.append((lines[j][0], repaired))
                j += 1
                continue
            # A blank line ends the header once it names the position and price columns.
            joined = " ".join(t for _, t in parts)
            if _POSITION_HEAD.search(joined) and _PRICE_HEAD.search(joined[_POSITION_HEAD.search(joined).end():]):
                break
            blocks += 1
            j += 1
        joined = _join_lines(parts, scratch)
        if not _POSITION_HEAD.search(joined):
            continue
        log.extend(scratch)
        return j, _split_header(joined, ln), ln
    raise LawdiffError(
        f"line {lines[0][0] if lines else 0}: no tariff table header (№ ... Лауазым ...) found"
    )


def _later_candidate(toks: list[_Tok], start: int, value: int) -> bool:
    """Whether another row-number candidate equal to ``value`` follows before ``value + 1``."""
    for t in toks[start:]:
        if t.kind in ("int", "number"):
            if t.value == value:
                return True
            if t.value == value + 1:
                return False
    return False


def _settle_between(
    cur: _PdfRow | None,
    pending: list[_Tok],
    nxt: _Tok,
    category: str,
    log: RepairLog,
) -> tuple[list[list[tuple[int, str]]], str]:
    """Place the text found between one row's price and the next row's number.

    Returns the blocks that open the next row (its number was displaced past a page break)
    and the category heading in force for it. Text after a page break that follows the
    price belongs to the previous row (its price was displaced before the rest of its cells).
    """
    segments: list[list[_Tok]] = [[]]
    for t in pending:
        if t.page_break and segments[-1]:
            segments.append([])
        if t.kind == "heading":
            category = t.text
            continue
        segments[-1].append(t)
    segments = [s for s in segments if s]
    if not segments:
        return [], category
    if nxt.page_break:
        if len(segments) > 1:
            raise LawdiffError(
                f"line {segments[0][0].line}: text before tariff row {nxt.value} spans two page breaks"
            )
        blocks = [t.lines for t in segments[0]]
        log.append(Repair(
            "displaced-row-number", nxt.line, nxt.source,
            f"row {nxt.value} begins at line {blocks[0][0][0]}, before its number",
        ))
        return blocks, category
    if len(segments) > 1 or _first_after_price_breaks(pending):
        raise LawdiffError(
            f"line {segments[0][0].line}: cannot tell which tariff row the text "
            f"{' '.join(t for _, t in segments[0][0].lines)[:60]!r} belongs to"
        )
    seg = segments[0]
    if cur is not None and cur.needs_more():
        for k, t in enumerate(seg):
            cur.add_block(t.lines, new_fragment=(k == 0 and t.page_break))
        log.append(Repair(
            "displaced-price", cur.price_line, cur.price_text,
            f"price of row {cur.num}; the row continues at line {seg[0].line}",
        ))
        return [], category
    text = " ".join(t for _, t in seg[0].lines)
    if len(seg) == 1 and len(seg[0].lines) <= 2 and _looks_like_heading(text):
        return [], text
    where = f"between tariff rows {nxt.value - 1} and {nxt.value}" if cur else "before tariff row 1"
    raise LawdiffError(
        f"line {seg[0].line}: text {text[:60]!r} {where} is neither a category heading nor part of a row"
    )


def _first_after_price_breaks(pending: list[_Tok]) -> bool:
    """True when text sits between the price and a later page break (placement ambiguous)."""
    seen_text = False
    for t in pending:
        if t.page_break and seen_text:
            return True
        if t.kind == "text":
            seen_text = True
    return False


def _segment_pdf(toks: list[_Tok], log: RepairLog) -> list[_PdfRow]:
    rows: list[_PdfRow] = []
    cur: _PdfRow | None = None
    pending: list[_Tok] = []
    unplaced: list[_Tok] = []  # numbers at a line start, read as text after a complete row
    category = ""
    expected = 1
    i = 0
    while i < len(toks):
        t = toks[i]
        closed = cur is None or cur.price is not None
        if t.kind in ("int", "number") and t.value == expected and closed:
            pre, category = _settle_between(cur, pending, t, category, log)
            pending = []
            unplaced = []
            cur = _PdfRow(expected, t.line, category)
            for block in pre:
                cur.add_block(block, new_fragment=False)
            cur.page_break_pending = bool(pre) or t.page_break
            rows.append(cur)
            expected += 1
            i += 1
            continue
        if t.kind == "number" and not closed:
            assert cur is not None
            if t.value == expected and not _later_candidate(toks, i + 1, expected):
                raise LawdiffError(
                    f"line {cur.line}: tariff row {cur.num} has no price (row {expected} starts at line {t.line})"
                )
            cur.price = parse_price(t.text, t.line, log)
            cur.price_text = t.text
            cur.price_line = t.line
            log.append(Repair("bare-price", t.line, t.text, f"price {cur.price} of row {cur.num}"))
            i += 1
            continue
        if t.kind == "number":
            raise LawdiffError(
                f"line {t.line}: tariff row number {t.value} out of sequence (expected {expected})"
            )
        if t.kind == "int":
            # A number at the start of a text line that is not the next row number: text.
            # The next number itself, while the row lacks its price, is text only if the
            # number turns up again further on.
            if t.value == expected and not closed and not _later_candidate(toks, i + 1, expected):
                assert cur is not None
                raise LawdiffError(
                    f"line {cur.line}: tariff row {cur.num} has no price (row {expected} starts at line {t.line})"
                )
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is not None and nxt.kind == "text" and nxt.line == t.line:
                ln, text = nxt.lines[0]
                nxt.lines[0] = (ln, f"{t.text} {text}")
                nxt.page_break = nxt.page_break or t.page_break
                if closed:
                    unplaced.append(t)
                i += 1
                continue
            raise LawdiffError(
                f"line {t.line}: tariff row number {t.value} out of sequence (expected {expected})"
            )
        if t.kind == "price":
            if cur is None:
                raise LawdiffError(f"line {t.line}: price {t.text!r} before the first tariff row")
            if cur.price is not None and unplaced:
                raise LawdiffError(
                    f"line {unplaced[0].line}: tariff row number {unplaced[0].value} out of sequence "
                    f"(expected {expected})"
                )
            if cur.price is not None:
                raise LawdiffError(
                    f"line {t.line}: second price {t.text!r} for tariff row {cur.num} "
                    f"(line {cur.line}); expected row {expected} first"
                )
            if cur.text_blocks() == 0:
                raise LawdiffError(f"line {t.line}: tariff row {cur.num} (line {cur.line}) has a price but no service")
            cur.price = parse_price(t.text, t.line, log)
            cur.price_text = t.text
            cur.price_line = t.line
            cur.price_trailing = t.trailing
            i += 1
            continue
        # text or heading
        if closed:
            pending.append(t)
        else:
            assert cur is not None
            if t.page_break:
                cur.page_break_pending = True
            cur.add_block(t.lines, new_fragment=cur.page_break_pending)
            cur.page_break_pending = False
        i += 1
    if cur is None:
        raise LawdiffError(f"line {toks[0].line if toks else 0}: no tariff rows found")
    if cur.price is None:
        raise LawdiffError(f"line {cur.line}: tariff row {cur.num} has no price")
    if unplaced:
        # Text that starts with a number follows the last row: a row number out of sequence.
        raise LawdiffError(
            f"line {unplaced[0].line}: tariff row number {unplaced[0].value} out of sequence "
            f"(expected {expected})"
        )
    # Text after the last price continues the last row only if that row lacks a cell.
    if pending and cur.needs_more():
        seg: list[_Tok] = []
        for t in pending:
            if t.kind == "heading" or (t.page_break and seg):
                break
            seg.append(t)
        for k, t in enumerate(seg):
            cur.add_block(t.lines, new_fragment=(k == 0 and t.page_break))
        if seg:
            log.append(Repair(
                "displaced-price", cur.price_line, cur.price_text,
                f"price of row {cur.num}; the row continues at line {seg[0].line}",
            ))
    return rows


def _split_cells(rows: list[_PdfRow], log: RepairLog) -> list[tuple[_PdfRow, str, str]]:
    """Service and position of each row: per page fragment, a second block is the position.

    A row whose service and position share one block is split at the longest position,
    learnt from the rows of the same table that print the position in a block of its own,
    that ends the text.
    """
    split: list[tuple[_PdfRow, list, list]] = []
    for row in rows:
        service_lines: list[tuple[int, str]] = []
        position_lines: list[tuple[int, str]] = []
        for frag in row.fragments:
            if len(frag) == 1:
                service_lines += frag[0]
            else:
                for block in frag[:-1]:
                    service_lines += block
                position_lines += frag[-1]
        split.append((row, service_lines, position_lines))

    lexicon: set[str] = set()
    joined: list[tuple[_PdfRow, str, str]] = []
    for row, service_lines, position_lines in split:
        service = _join_lines(service_lines, log)
        position = _join_lines(position_lines, log)
        if position:
            lexicon.add(position)
        joined.append((row, service, position))

    # Exact matches only: a position cell starts with a capital, so "медбике" inside
    # "Массаж бойынша медбике" is not the position "Медбике".
    known = sorted(lexicon, key=len, reverse=True)
    out: list[tuple[_PdfRow, str, str]] = []
    for row, service, position in joined:
        if not position:
            for key in known:
                if service.endswith(" " + key):
                    cut = len(service) - len(key)
                    new_service, position = service[:cut].rstrip(), service[cut:]
                    log.append(Repair("cell-split", row.line, service, f"{new_service} | {position}"))
                    service = new_service
                    break
            else:
                raise LawdiffError(
                    f"line {row.line}: cannot tell the service from the position in tariff row "
                    f"{row.num}: {service!r}"
                )
        if not service:
            raise LawdiffError(f"line {row.line}: tariff row {row.num} has no service text")
        out.append((row, service, position))
    return out


def _parse_pdf(lines: list[tuple[int, str]], log: RepairLog) -> TariffTable:
    start, columns, header_line = _find_pdf_header(lines, log)
    unit = tariff_unit(columns[-1], header_line)
    body = lines[start:]
    toks: list[_Tok] = []
    for k, (page_break, block) in enumerate(_pdf_blocks(body)):
        # A numbering row under the header ("1 2 3 4") is not a tariff row.
        if k == 0 and re.fullmatch(r"1(?:\s+\d+){2,}", " ".join(t for _, t in block)):
            log.append(Repair("column-numbering-row", block[0][0], " ".join(t for _, t in block), ""))
            continue
        toks += _tokenise_block(block, page_break, log)
    rows = _segment_pdf(toks, log)
    result = [
        TariffRow(row.num, row.category, service, position, row.price, row.line)
        for row, service, position in _split_cells(rows, log)
    ]
    return TariffTable(columns, unit, result)


# --------------------------------------------------------------------------------------
# Cells layout


@dataclass
class _Cell:
    line: int
    paragraphs: list[list[tuple[int, str]]]
    ends_row: bool

    def text(self, log: RepairLog) -> str:
        paras = [_join_lines([(ln, _repair_line(t, ln, log)) for ln, t in p], log) for p in self.paragraphs]
        paras = [p for p in paras if p]
        joined = re.sub(r"\s+", " ", " ".join(paras)).strip()
        if len(paras) > 1:
            log.append(Repair("joined-paragraphs", _cell_line(self), "\n".join(paras), joined))
        return joined


def _cells(lines: list[tuple[int, str]]) -> list[_Cell]:
    cells: list[_Cell] = []
    content: list[tuple[int, str]] = []
    tab_line = 0

    def close() -> None:
        paragraphs: list[list[tuple[int, str]]] = [[]]
        for ln, text in content:
            if normalise_chars(text).strip():
                paragraphs[-1].append((ln, text))
            elif paragraphs[-1]:
                paragraphs.append([])
        paragraphs = [p for p in paragraphs if p]
        ends_row = bool(paragraphs) and not normalise_chars(content[-1][1]).strip()
        cells.append(_Cell(tab_line, paragraphs, ends_row))

    for ln, raw in lines:
        raw = raw.rstrip("\r\n")
        if raw.startswith("\t"):
            if tab_line:
                close()
            tab_line = ln
            content = [(ln, raw[1:])]
        elif tab_line:
            content.append((ln, raw))
    if tab_line:
        close()
        cells[-1].ends_row = True
    return cells


def _cell_rows(cells: list[_Cell]) -> list[list[_Cell]]:
    rows: list[list[_Cell]] = [[]]
    for cell in cells:
        rows[-1].append(cell)
        if cell.ends_row:
            rows.append([])
    return [r for r in rows if r]


def _cell_line(cell: _Cell) -> int:
    """The line holding the cell's text (its TAB line when the cell is empty)."""
    return cell.paragraphs[0][0][0] if cell.paragraphs else cell.line


def _plain(cell: _Cell) -> str:
    return re.sub(r"\s+", " ", normalise_chars(" ".join(t for p in cell.paragraphs for _, t in p))).strip()


def _priced(row: list[_Cell], price_idx: int) -> bool:
    """Whether a table row carries a price in the price column (a row, not trailing text)."""
    if price_idx >= len(row) or not row[price_idx].paragraphs:
        return False
    return bool(_LONE_PRICE.match(_plain(row[price_idx])) or re.fullmatch(r"\d+", _plain(row[price_idx])))


def _parse_cells(lines: list[tuple[int, str]], log: RepairLog) -> TariffTable:
    cells = _cells(lines)
    header: list[_Cell] = []
    for k, cell in enumerate(cells):
        if not _NUMBER_HEAD.match(_plain(cell)):
            continue
        # The header row runs from the "№" cell to the end of its table row.
        end = next((j for j in range(k, len(cells)) if cells[j].ends_row), len(cells) - 1)
        if any(_POSITION_HEAD.search(_plain(c)) for c in cells[k + 1:end + 1]):
            header = cells[k:end + 1]
            rows = _cell_rows(cells[end + 1:])
            break
    if not header:
        raise LawdiffError(
            f"line {lines[0][0] if lines else 0}: no tariff table header (№ ... Лауазым ...) found"
        )
    header_line = _cell_line(header[0])
    columns = [c.text(log) for c in header]
    ncols = len(columns)
    pos_idx = next((k for k, c in enumerate(columns) if k and _POSITION_HEAD.search(c)), None)
    price_idx = next(
        (k for k in range(ncols - 1, 0, -1) if k != pos_idx and _PRICE_HEAD.search(columns[k])), None
    )
    svc_idx = next(
        (k for k, c in enumerate(columns) if k not in (0, pos_idx, price_idx) and _SERVICE_HEAD.search(c)),
        None,
    )
    if pos_idx is None or price_idx is None or svc_idx is None:
        raise LawdiffError(f"line {header_line}: cannot tell the tariff table columns from {columns!r}")
    unit = tariff_unit(columns[price_idx], header_line)

    body = rows
    out: list[TariffRow] = []
    category = ""
    expected = 1

    def later_data_row(start: int) -> bool:
        return any(r and _LONE_INT.match(_plain(r[0])) for r in body[start:])

    for k, row in enumerate(body):
        plain = [_plain(c) for c in row]
        first = plain[0]
        row_line = _cell_line(row[0])
        if not any(plain):
            continue
        if not out and plain == [str(n) for n in range(1, len(plain) + 1)] and len(plain) == ncols:
            log.append(Repair("column-numbering-row", row_line, " ".join(plain), ""))
            continue
        if plain[0] and _NUMBER_HEAD.match(plain[0]) and len(plain) == ncols and not _LONE_INT.match(first):
            continue  # the header repeated (e.g. at a page top)
        m = _LONE_INT.match(first)
        if m:
            num = int(m.group(1))
            if num != expected:
                raise LawdiffError(
                    f"line {row_line}: tariff row number {num} out of sequence (expected {expected})"
                )
            price_cell = row[price_idx] if price_idx < len(row) else None
            if price_cell is None or not price_cell.paragraphs:
                raise LawdiffError(
                    f"line {row_line}: tariff row {num} has no price ({len(row)} of {ncols} cells)"
                )
            ends_table = False
            if len(price_cell.paragraphs) > 1 or len(row) > ncols:
                # Text glued after the last row's price ends the table; anywhere else it is an error.
                glued_row = any(_LONE_INT.match(_plain(c)) for c in row[ncols:])
                if later_data_row(k + 1) or glued_row or price_idx != ncols - 1:
                    raise LawdiffError(
                        f"line {row_line}: tariff row {num} has {len(row)} cells, expected {ncols}"
                    )
                ends_table = True
            raw_price = " ".join(t for _, t in price_cell.paragraphs[0]).strip()
            price_line = price_cell.paragraphs[0][0][0]
            plain_price = normalise_chars(raw_price).strip()
            if not (_LONE_PRICE.match(plain_price) or re.fullmatch(r"\d+", plain_price)):
                raise LawdiffError(f"line {price_line}: tariff row {num} has no price (found {raw_price!r})")
            price = parse_price(raw_price, price_line, log)
            service = row[svc_idx].text(log) if svc_idx < len(row) else ""
            position = row[pos_idx].text(log) if pos_idx < len(row) else ""
            if not service:
                raise LawdiffError(f"line {row_line}: tariff row {num} has no service text")
            if not position:
                raise LawdiffError(f"line {row_line}: tariff row {num} has no position")
            out.append(TariffRow(num, category, service, position, price, row_line))
            expected += 1
            if ends_table:
                break
            continue
        texts = [p for p in plain if p]
        heading_cells = [c for c, p in zip(row, plain) if p]
        next_is_row = k + 1 < len(body) and _LONE_INT.match(_plain(body[k + 1][0]) if body[k + 1] else "")
        if len(texts) == 1 and (not first or next_is_row or _is_category(texts[0])):
            category = heading_cells[0].text(log)
            continue
        if out and not later_data_row(k + 1) and not _priced(row, price_idx):
            break  # the table is over; what follows is not part of it
        raise LawdiffError(f"line {row_line}: unexpected row {' | '.join(plain)[:80]!r} in the tariff table")
    if not out:
        raise LawdiffError(f"line {header_line}: no tariff rows found after the header")
    return TariffTable(columns, unit, out)


# --------------------------------------------------------------------------------------


def parse_tariff_table(lines: list[tuple[int, str]], layout: str, log: RepairLog) -> TariffTable:
    """Read the tariff table in ``lines`` (1-based line number, raw line) of an appendix.

    ``lines`` start at or before the header row and may run to the end of the file;
    ``layout`` is "pdf" or "cells". Repairs are appended to ``log``. Raises
    :class:`lawdiff.LawdiffError` naming the line when the table cannot be read consistently.
    """
    if layout == "pdf":
        return _parse_pdf(lines, log)
    if layout == "cells":
        return _parse_cells(lines, log)
    raise LawdiffError(f"unknown tariff table layout {layout!r} (expected one of {', '.join(LAYOUTS)})")
