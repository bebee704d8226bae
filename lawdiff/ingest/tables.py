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

from lawdiff import LawdiffError
from lawdiff.ingest.repair import RepairLog
from lawdiff.ingest.tables_cells import parse_cells
from lawdiff.ingest.tables_pdf import parse_pdf
from lawdiff.ingest.tariff_rows import (LAYOUTS, UNIT_PER_DAY, UNIT_PER_SERVICE, TariffRow, TariffTable,
                                        parse_price, tariff_unit)

__all__ = ["LAYOUTS", "UNIT_PER_DAY", "UNIT_PER_SERVICE", "TariffRow", "TariffTable", "parse_price",
           "parse_tariff_table", "tariff_unit"]

def parse_tariff_table(lines: list[tuple[int, str]], layout: str, log: RepairLog) -> TariffTable:
    """Read the tariff table in ``lines`` (1-based line number, raw line) of an appendix.

    ``lines`` start at or before the header row and may run to the end of the file;
    ``layout`` is "pdf" or "cells". Repairs are appended to ``log``. Raises
    :class:`lawdiff.LawdiffError` naming the line when the table cannot be read consistently.
    """
    if layout == "pdf":
        return parse_pdf(lines, log)
    if layout == "cells":
        return parse_cells(lines, log)
    raise LawdiffError(f"unknown tariff table layout {layout!r} (expected one of {', '.join(LAYOUTS)})")
