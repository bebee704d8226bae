"""The ``cells`` layout of a tariff table: one cell per TAB-opened line group, a blank line
closing each table row (see :mod:`lawdiff.ingest.tables`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdiff import LawdiffError
from lawdiff.ingest.repair import Repair, RepairLog, normalise_chars
from lawdiff.ingest.tariff_rows import (
    LONE_INT, LONE_PRICE, NUMBER_HEAD, POSITION_HEAD, PRICE_HEAD, SERVICE_HEAD, TariffRow,
    TariffTable, is_category, join_lines, parse_price, repair_line, tariff_unit,
)

# --------------------------------------------------------------------------------------
# Cells layout


@dataclass
class _Cell:
    line: int
    paragraphs: list[list[tuple[int, str]]]
    ends_row: bool

    def text(self, log: RepairLog) -> str:
        paras = [join_lines([(ln, repair_line(t, ln, log)) for ln, t in p], log) for p in self.paragraphs]
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
    return bool(LONE_PRICE.match(_plain(row[price_idx])) or re.fullmatch(r"\d+", _plain(row[price_idx])))


def parse_cells(lines: list[tuple[int, str]], log: RepairLog) -> TariffTable:
    cells = _cells(lines)
    header: list[_Cell] = []
    for k, cell in enumerate(cells):
        if not NUMBER_HEAD.match(_plain(cell)):
            continue
        # The header row runs from the "№" cell to the end of its table row.
        end = next((j for j in range(k, len(cells)) if cells[j].ends_row), len(cells) - 1)
        if any(POSITION_HEAD.search(_plain(c)) for c in cells[k + 1:end + 1]):
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
    pos_idx = next((k for k, c in enumerate(columns) if k and POSITION_HEAD.search(c)), None)
    price_idx = next(
        (k for k in range(ncols - 1, 0, -1) if k != pos_idx and PRICE_HEAD.search(columns[k])), None
    )
    svc_idx = next(
        (k for k, c in enumerate(columns) if k not in (0, pos_idx, price_idx) and SERVICE_HEAD.search(c)),
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
        return any(r and LONE_INT.match(_plain(r[0])) for r in body[start:])

    for k, row in enumerate(body):
        plain = [_plain(c) for c in row]
        first = plain[0]
        row_line = _cell_line(row[0])
        if not any(plain):
            continue
        if not out and plain == [str(n) for n in range(1, len(plain) + 1)] and len(plain) == ncols:
            log.append(Repair("column-numbering-row", row_line, " ".join(plain), ""))
            continue
        if plain[0] and NUMBER_HEAD.match(plain[0]) and len(plain) == ncols and not LONE_INT.match(first):
            continue  # the header repeated (e.g. at a page top)
        m = LONE_INT.match(first)
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
                glued_row = any(LONE_INT.match(_plain(c)) for c in row[ncols:])
                if later_data_row(k + 1) or glued_row or price_idx != ncols - 1:
                    raise LawdiffError(
                        f"line {row_line}: tariff row {num} has {len(row)} cells, expected {ncols}"
                    )
                ends_table = True
            raw_price = " ".join(t for _, t in price_cell.paragraphs[0]).strip()
            price_line = price_cell.paragraphs[0][0][0]
            plain_price = normalise_chars(raw_price).strip()
            if not (LONE_PRICE.match(plain_price) or re.fullmatch(r"\d+", plain_price)):
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
        next_is_row = k + 1 < len(body) and LONE_INT.match(_plain(body[k + 1][0]) if body[k + 1] else "")
        if len(texts) == 1 and (not first or next_is_row or is_category(texts[0])):
            category = heading_cells[0].text(log)
            continue
        if out and not later_data_row(k + 1) and not _priced(row, price_idx):
            break  # the table is over; what follows is not part of it
        raise LawdiffError(f"line {row_line}: unexpected row {' | '.join(plain)[:80]!r} in the tariff table")
    if not out:
        raise LawdiffError(f"line {header_line}: no tariff rows found after the header")
    return TariffTable(columns, unit, out)
