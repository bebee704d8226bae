"""The shape of an adilet plain-text export: layout, head, paragraphs, signature, appendices.

Two layouts occur: PDF text extraction ("pdf": paragraphs start with an indented line and
continue on unindented lines; page breaks are runs of blank lines) and one table cell per line
("cells": each paragraph or cell on its own line, cells introduced by TAB lines). This module
cuts a document into its regions; it does not interpret them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff.ingest.structure import Para

Line = tuple[int, str]

_INDENT = re.compile(r"^ {4,}\S")
_BOOKMARK = re.compile(r"^\s*\[bookmark: [^\]]*\]\s*$")
_UP = "А-ЯЁӘҒҚҢӨҰҮҺІA-Z"
_LOW = "а-яёәғқңөұүһіa-z"
#: A signatory's name at the end of a line: "М. Байменов", "К. Мәсімов", "А. Сарбасов".
INITIALS = re.compile(rf"(?:^|\s)[{_UP}]\.\s?(?:[{_UP}]\.\s?)?[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?\s*$")
#: The last line of an appendix mark: "қаулысына қосымша", "Бұйрыққа 1-қосымша", "бекітілген".
MARK_END = re.compile(
    r"(?:^|\s)(?:\d+-)?(?:қосымша|Қосымша)\s*$|^\s*(?:бекітілген|БЕКІТІЛГЕН)\s*$"
    r"|^\s*Приложение(?:\s+\d+)?\s*$|^\s*(?:Утвержден[аоы]?|УТВЕРЖДЕН[АОЫ]?)\s*$|к\s+(?:постановлению|приказу|решению)\s*$",
)
_MARK_LINE_MAX = 90
_MARK_MAX_LINES = 6


@dataclass
class Appendix:
    num: str
    mark: list[Line]
    lines: list[Line]


@dataclass
class Document:
    layout: str
    head: list[Line]
    body: list[Line]
    signature: list[str]
    appendices: list[Appendix] = field(default_factory=list)


def detect_layout(lines: list[Line]) -> str:
    """"cells" when cells are introduced by TAB lines, else "pdf"."""
    tabbed = sum(1 for _, t in lines if t.startswith("\t"))
    return "cells" if tabbed >= 3 else "pdf"


def _is_blank(text: str) -> bool:
    return not text.strip()


def split_document(lines: list[Line], layout: str) -> Document:
    """Cut the lines into head, body, signature and appendices."""
    lines = [(n, t) for n, t in lines if not _BOOKMARK.match(t)]
    first_body = next((i for i, (_, t) in enumerate(lines) if _INDENT.match(t)), len(lines))
    head, rest = lines[:first_body], lines[first_body:]
    marks = _mark_starts(rest)
    main_end = marks[0][0] if marks else len(rest)
    body, signature = _cut_signature(rest[:main_end])
    appendices = []
    for k, (start, end_of_mark, num) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(rest)
        appendices.append(Appendix(num, rest[start:end_of_mark], rest[end_of_mark:stop]))
    return Document(layout, head, body, signature, appendices)


def _mark_starts(lines: list[Line]) -> list[tuple[int, int, str]]:
    """(first line, line after the mark, appendix number) of each appendix mark block."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        _, text = lines[i]
        if MARK_END.search(text) and not _INDENT.match(text) and len(text.strip()) < _MARK_LINE_MAX:
            start = i
            j = i - 1
            blanks = taken = 0
            while j >= 0 and taken < _MARK_MAX_LINES:
                t = lines[j][1]
                if _is_blank(t):
                    blanks += 1
                    if blanks >= 2:
                        break
                    j -= 1
                    continue
                blanks = 0
                if (_INDENT.match(t) or INITIALS.search(t) or len(t.strip()) >= _MARK_LINE_MAX
                        or t.rstrip().endswith((".", ";", ":")) or (out and j < out[-1][1])):
                    break
                start = j
                taken += 1
                j -= 1
            num = re.search(r"(\d+)-(?:қосымша|Қосымша)|Приложение\s+(\d+)", text)
            number = next((g for g in num.groups() if g), None) if num else None
            # A second mark right after a first one (the Rules' own appendix mark under the
            # order's mark) belongs to the same appendix.
            if out and all(_is_blank(t) or len(t.strip()) < _MARK_LINE_MAX for _, t in lines[out[-1][1]:start]) \
                    and not any(_INDENT.match(t) for _, t in lines[out[-1][1]:start]):
                out[-1] = (out[-1][0], i + 1, out[-1][2])
            else:
                out.append((start, i + 1, number or str(len(out) + 1)))
        i += 1
    return out


def _cut_signature(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Split off the signature block: the last line ending in a name, and the position
    lines above it back to the sentence that ends the last clause."""
    sig_line = None
    for i in range(len(lines) - 1, -1, -1):
        if INITIALS.search(lines[i][1]):
            sig_line = i
            break
    if sig_line is None:
        return lines, []
    start = sig_line
    j = sig_line - 1
    while j >= 0:
        t = lines[j][1].strip()
        if not t:
            j -= 1
            continue
        if t.endswith((".", ";", ":")):
            break
        start = j
        j -= 1
    signature = [t.strip() for _, t in lines[start:sig_line + 1] if t.strip()]
    trailing = [t.strip() for _, t in lines[sig_line + 1:] if t.strip()]
    return lines[:start], signature + trailing


def paragraphs(lines: list[Line], layout: str) -> list[tuple[int, list[str]]]:
    """Group lines into paragraphs: (first line number, its raw lines)."""
    out: list[tuple[int, list[str]]] = []
    for num, text in lines:
        if _is_blank(text):
            continue
        starts = _INDENT.match(text) or layout == "cells" or not out
        if starts:
            out.append((num, [text]))
        else:
            out[-1][1].append(text)
    return out


def head_blocks(head: list[Line]) -> list[tuple[int, list[str]]]:
    """The head's blank-separated blocks: title, status line, issuer sentence..."""
    blocks: list[tuple[int, list[str]]] = []
    prev_blank = True
    for num, text in head:
        if _is_blank(text):
            prev_blank = True
            continue
        if prev_blank:
            blocks.append((num, []))
        blocks[-1][1].append(text)
        prev_blank = False
    return blocks


def as_paras(items: list[tuple[int, str]]) -> list[Para]:
    return [Para(n, t) for n, t in items]
