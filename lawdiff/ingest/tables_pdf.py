"""The ``pdf`` layout of a tariff table: text extracted from a PDF, one block of lines per cell,
rows cut into fragments by page breaks (see :mod:`lawdiff.ingest.tables`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from lawdiff import LawdiffError
from lawdiff.ingest.repair import Repair, RepairLog, fix_letter_spacing, normalise_chars
from lawdiff.ingest.tariff_rows import (
    LEAD_INT, LONE_INT, LONE_PRICE, POSITION_HEAD, PRICE_HEAD, TRAIL_DECIMAL, TRAIL_PRICE,
    TariffRow, TariffTable, is_category, join_lines, looks_like_heading, parse_price, repair_line,
    split_header, tariff_unit,
)

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
    return bool(LONE_INT.match(text) or LEAD_INT.match(text) or is_category(fix_letter_spacing(text)))


def _tokenise_block(block: list[tuple[int, str]], page_break: bool, log: RepairLog) -> list[_Tok]:
    toks: list[_Tok] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if run:
            repaired = [(ln, repair_line(t, ln, log)) for ln, t in run]
            joined = " ".join(t for _, t in repaired)
            kind = "heading" if is_category(joined) else "text"
            toks.append(_Tok(kind, repaired[0][0], joined if kind == "heading" else "", repaired))
            run.clear()

    at_row_start = True
    last = len(block) - 1
    for i, (ln, raw) in enumerate(block):
        text = normalise_chars(raw).strip()
        m = LONE_INT.match(text)
        if m:
            flush()
            toks.append(_Tok("number", ln, text, value=int(m.group(1)), source=text))
            at_row_start = True
            continue
        if LONE_PRICE.match(text):
            flush()
            toks.append(_Tok("price", ln, _as_printed(raw, text)))
            at_row_start = True
            continue
        if at_row_start and not run:
            m = LEAD_INT.match(text)
            if m:
                toks.append(_Tok("int", ln, m.group(1), value=int(m.group(1)), source=text))
                text = m.group(2)
        if i == last or _ends_row_before(block[i + 1][1]):
            m = TRAIL_PRICE.match(text)
        else:
            m = TRAIL_DECIMAL.match(text)
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
                if parts and (LONE_INT.match(text) or LEAD_INT.match(text)):
                    break
                repaired = repair_line(text, lines[j][0], scratch)
                if parts and is_category(repaired):
                    break
                parts.append((lines[j][0], repaired))
                j += 1
                continue
            # A blank line ends the header once it names the position and price columns.
            joined = " ".join(t for _, t in parts)
            if POSITION_HEAD.search(joined) and PRICE_HEAD.search(joined[POSITION_HEAD.search(joined).end():]):
                break
            blocks += 1
            j += 1
        joined = join_lines(parts, scratch)
        if not POSITION_HEAD.search(joined):
            continue
        log.extend(scratch)
        return j, split_header(joined, ln), ln
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
    if len(seg) == 1 and len(seg[0].lines) <= 2 and looks_like_heading(text):
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
    """Tokens -> rows: a row opens at the next row number in sequence once the previous row has
    its price; text and headings in between are settled by :func:`_settle_between`."""
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
            _take_price(cur, t, unplaced, expected, log)
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
    _finish_last_row(cur, pending, unplaced, expected, log)
    return rows


def _take_price(cur: _PdfRow | None, t: _Tok, unplaced: list[_Tok], expected: int, log: RepairLog) -> None:
    """A price token: the price of the open row, which must have some text and no price yet."""
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


def _finish_last_row(cur: _PdfRow, pending: list[_Tok], unplaced: list[_Tok], expected: int,
                     log: RepairLog) -> None:
    """The table ends: the last row must have its price; text after it continues it only if it
    lacks a cell (its price was printed before the rest of its text)."""
    if cur.price is None:
        raise LawdiffError(f"line {cur.line}: tariff row {cur.num} has no price")
    if unplaced:
        # Text that starts with a number follows the last row: a row number out of sequence.
        raise LawdiffError(
            f"line {unplaced[0].line}: tariff row number {unplaced[0].value} out of sequence "
            f"(expected {expected})"
        )
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
        service = join_lines(service_lines, log)
        position = join_lines(position_lines, log)
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


def parse_pdf(lines: list[tuple[int, str]], log: RepairLog) -> TariffTable:
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
