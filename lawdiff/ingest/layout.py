"""The shape of an act's text: layout, head, paragraphs, signature, appendices.

Three layouts occur:

- "pdf": adilet's PDF text extraction: paragraphs start with an indented line and continue on
  unindented lines; page breaks are runs of blank lines; the body starts at the first
  indented line.
- "cells": adilet's export with one table cell per line, cells introduced by TAB lines.
- "web": text copied from the act's web page: nothing indented, one paragraph per line,
  table cells joined by "|" ("Төрағасы | А. Сейілов |"); the head is the title, an optional
  status word and the requisites line, and the body starts after it.

This module cuts a document into its regions; it does not interpret them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff.ingest.appendix_heads import INITIALS, mark_starts, of_approved_document
from lawdiff.ingest.head import REPEAL_LINE, STATUS_LINE, continues_line, is_requisites
from lawdiff.ingest.page import Chrome, split_chrome
from lawdiff.ingest.structure import classify

Line = tuple[int, str]

_INDENT = re.compile(r"^ {4,}\S")
_BOOKMARK = re.compile(r"^\s*\[bookmark: [^\]]*\]\s*$")
_HEAD_MAX_LINES = 6
_TRAILING_MAX = 200
_HEADING_MAX = 120
_CELL_SEP = re.compile(r"\s*\|\s*")


@dataclass
class Appendix:
    num: str
    mark: list[Line]
    lines: list[Line]
    nested: bool = False   # an appendix of the Rules (or other document) the act approved


@dataclass
class Document:
    layout: str
    head: list[Line]
    body: list[Line]
    signature: list[str]
    appendices: list[Appendix] = field(default_factory=list)
    unstructured: list[Line] = field(default_factory=list)   # text after the signature, not an appendix
    chrome: Chrome = field(default_factory=Chrome)   # a web page's furniture above the act's head


def detect_layout(lines: list[Line]) -> str:
    """"cells" when cells are introduced by TAB lines, "pdf" when paragraphs are indented,
    else "web" (text copied from the web page)."""
    tabbed = sum(1 for _, t in lines if t.startswith("\t"))
    indented = sum(1 for _, t in lines if _INDENT.match(t))
    if tabbed >= 3 and tabbed > indented:
        return "cells"
    return "pdf" if indented else "web"


def cells_text(text: str) -> str:
    """A web-page table row as words: "Төрағасы | А. Сейілов |" -> "Төрағасы А. Сейілов"."""
    return _CELL_SEP.sub(" ", text).strip() if "|" in text else text.strip()


def _is_blank(text: str) -> bool:
    return not text.strip()


def split_document(lines: list[Line], layout: str) -> Document:
    """Cut the lines into head, body, signature and appendices."""
    lines = [(n, t) for n, t in lines if not _BOOKMARK.match(t)]
    chrome = Chrome()
    if layout == "web":
        chrome, lines = split_chrome(lines)
    first_body = _web_head_end(lines) if layout == "web" else _indented_head_end(lines)
    head, rest = lines[:first_body], lines[first_body:]
    marks = mark_starts(rest, layout)
    main_end = marks[0][0] if marks else len(rest)
    body, signature, unplaced = _cut_signature(rest[:main_end])
    appendices = []
    for k, (start, end_of_mark, num) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(rest)
        mark = rest[start:end_of_mark]
        nested = bool(appendices) and of_approved_document(" ".join(t for _, t in mark))
        appendices.append(Appendix(num, mark, rest[end_of_mark:stop], nested))
    return Document(layout, head, body, signature, appendices, unplaced, chrome)


def _indented_head_end(lines: list[Line]) -> int:
    """The exported text's head: up to the first indented line, or a division heading
    ("1-тарау. ...", "Глава 1.") that opens an act divided into chapters."""
    seen = 0
    for i, (_, text) in enumerate(lines):
        if _INDENT.match(text):
            return i
        if not _is_blank(text):
            seen += 1
            if seen > 2 and classify(text.strip())[0] in ("section", "chapter", "subchapter", "article"):
                return i
    return len(lines)


def _web_head_end(lines: list[Line]) -> int:
    """The web page's head: the lines up to the requisites line (with a status word after
    it); when the requisites come first, the title on the next line is the head's too, and
    so is a repeal line under it ("Утратило силу в соответствии с решением ... № ...")."""
    seen = 0
    for i, (_, text) in enumerate(lines):
        if _is_blank(text):
            continue
        seen += 1
        if seen > _HEAD_MAX_LINES:
            break
        if is_requisites(text):
            end = i + 1
            if seen == 1:   # requisites first: the title follows, wrapped lines and all
                end = next((k + 1 for k in range(i + 1, len(lines)) if not _is_blank(lines[k][1])), end)
                while end < len(lines) and continues_line(lines[end][1]):
                    end += 1
            while end < len(lines) and (_is_blank(lines[end][1]) or STATUS_LINE.match(lines[end][1])
                                        or (seen == 1 and REPEAL_LINE.match(lines[end][1]))):
                end += 1
            return end
    return next((i + 1 for i, (_, t) in enumerate(lines) if not _is_blank(t)), 0)


def _cut_signature(lines: list[Line]) -> tuple[list[Line], list[str], list[Line]]:
    """Split off the signature block: the last line ending in a name, and the position
    lines above it back to the sentence that ends the last clause. Short lines after the
    name (an approval block: "КЕЛІСІЛДІ", a position) belong to it; from the first line
    of running text on, the rest is text the layout cannot place."""
    sig_line = None
    for i in range(len(lines) - 1, -1, -1):
        if INITIALS.search(cells_text(lines[i][1])):
            sig_line = i
            break
    if sig_line is None:
        return lines, [], []
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
    signature = [cells_text(t) for _, t in lines[start:sig_line + 1] if t.strip()]
    rest = lines[sig_line + 1:]
    cut = next((k for k, (_, t) in enumerate(rest) if len(t.strip()) >= _TRAILING_MAX
                or t.rstrip().endswith((".", ";", ":"))), len(rest))
    trailing = [cells_text(t) for _, t in rest[:cut] if t.strip()]
    return lines[:start], signature + trailing, rest[cut:]


def _unindented_heading(text: str, after_blank: bool, previous: list[str] | None, following: str | None) -> bool:
    """In the PDF layout headings are not indented: "1-тарау. Жалпы ережелер", "Глава 2.",
    or, alone on its line between blank lines (or an indented line) after a finished
    sentence, a short line without final punctuation ("1. Жалпы ережелер")."""
    kind = classify(text.strip())[0]
    if kind in ("section", "chapter", "subchapter", "article"):
        return True
    t = text.strip()
    alone = following is None or _is_blank(following) or bool(_INDENT.match(following))
    finished = previous is not None and (previous[-1].rstrip().endswith((".", ":", ";")) or kind == "clause")
    return (after_blank and alone and finished
            and len(t) < _HEADING_MAX and not t.endswith((".", ",", ";", ":")) and (t[:1].isupper() or t[:1].isdigit()))


def paragraphs(lines: list[Line], layout: str) -> list[tuple[int, list[str]]]:
    """Group lines into paragraphs: (first line number, its raw lines)."""
    out: list[tuple[int, list[str]]] = []
    after_blank = False
    for k, (num, text) in enumerate(lines):
        if _is_blank(text):
            after_blank = True
            continue
        following = lines[k + 1][1] if k + 1 < len(lines) else None
        starts = (_INDENT.match(text) or layout in ("cells", "web") or not out
                  or (layout == "pdf" and _unindented_heading(text, after_blank, out[-1][1] if out else None,
                                                             following)))
        after_blank = False
        if layout == "web" and "|" in text:
            text = text.strip().strip("|").strip()   # a table row: its outer cell marks only
            if not text:
                continue
        if starts:
            out.append((num, [text]))
        else:
            out[-1][1].append(text)
    return out


def web_rows_as_cells(lines: list[Line]) -> list[Line]:
    """A table pasted from the web page ("1 | Тамақ дайындау | ... | 587 |", one row a line)
    in the cells layout the tariff-table reader knows: a TAB line per cell, a blank line
    after each row; every cell keeps its source line number."""
    out: list[Line] = []
    for num, text in lines:
        if _is_blank(text):
            continue
        cells = [c.strip() for c in text.strip().strip("|").split("|")]
        out.extend((num, "\t" + c) for c in cells)
        out.append((num, ""))
    return out


def head_blocks(head: list[Line], layout: str = "pdf") -> list[tuple[int, list[str]]]:
    """The head's blocks: title, status line, issuer sentence... (blank-separated; on the
    web page, one line each)."""
    blocks: list[tuple[int, list[str]]] = []
    prev_blank = True
    for num, text in head:
        if _is_blank(text):
            prev_blank = True
            continue
        if prev_blank or (layout == "web" and not (blocks and continues_line(text))):
            blocks.append((num, []))
        blocks[-1][1].append(text)
        prev_blank = False
    return blocks

