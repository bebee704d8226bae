"""Appendix heads: where an appendix (қосымша, приложение, approved Rules) starts.

An appendix opens with a mark block that names the act it belongs to, printed right-aligned
over one to six short lines or, on the web page, as one line:

- "Орал қаласы әкімдігінің 2025 жылғы 18 желтоқсандағы № 2999 қаулысына қосымша", "1-қосымша",
  "Қағидаларға 2-қосымша" (the mark ends in "қосымша");
- "Теректі аудандық мәслихатының 2024 жылғы 12 наурыздағы № 14-3 шешімімен бекітілген" (Rules
  approved by the act: the mark ends in "бекітілген");
- "Приложение 1 к решению ... от ... № ...", "Утверждены решением ... от ... № ..." (the
  Russian mark opens with its key word; its requisites may follow on the next lines).

This module finds the mark blocks; :mod:`lawdiff.ingest.layout` cuts the text at them.
"""

from __future__ import annotations

import re

Line = tuple[int, str]

_INDENT = re.compile(r"^ {4,}\S")
_UP = "А-ЯЁӘҒҚҢӨҰҮҺІA-Z"
_LOW = "а-яёәғқңөұүһіa-z"
#: A signatory's name at the end of a line: "М. Байменов", "К. Мәсімов", "А. Сарбасов".
INITIALS = re.compile(rf"(?:^|\s)[{_UP}]\.\s?(?:[{_UP}]\.\s?)?[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?\s*$")
_I = "[іi]"   # Kazakh і, or the Latin i that exports put in its place (repaired later)
#: The last line of a Kazakh mark, or the whole of a one-line mark.
MARK_END = re.compile(
    rf"(?:^|\s)(?:\d+-)?(?:қосымша|Қосымша|ҚОСЫМША)\s*$"
    rf"|(?:^|\s)(?:бек{_I}т{_I}лген|Бек{_I}т{_I}лген|БЕК[ІI]Т[ІI]ЛГЕН)\s*$"
    r"|^\s*(?:Приложение|ПРИЛОЖЕНИЕ)(?:\s+№?\s*\d+(?:-\d+)*)?\s*$"
    r"|^\s*(?:Утвержден[аоы]?|УТВЕРЖДЕН[АОЫ]?)\s*$"
    r"|(?:^|\s)к\s+(?:постановлению|приказу|решению|указу|распоряжению)\s*$",
)
#: A Russian mark that opens with its key word and may name the act on the same line.
MARK_OPEN = re.compile(
    r"^\s*(?:(?:Приложение|ПРИЛОЖЕНИЕ)(?:\s+№?\s*\d+(?:-\d+)*)?\s+к\s+\w+"
    r"|(?:Утвержден[аоы]?|УТВЕРЖДЕН[АОЫ]?)\s+(?:решением|постановлением|приказом|указом|распоряжением|совместным)\b)"
)
#: A line of running text, never a mark: it ends a sentence.
_SENTENCE_END = re.compile(r"[.;:,]\s*$")
_ACT_NUMBER = re.compile(r"(?:№|\bN)\s*\S*\d")
_NUM = re.compile(r"(\d+(?:-\d+)*)-(?:қосымша|Қосымша|ҚОСЫМША)|(?:Приложение|ПРИЛОЖЕНИЕ)\s+№?\s*(\d+(?:-\d+)*)")
#: A mark that names a document the act approved ("Қағидаларға 1-қосымша", "Приложение 1 к
#: Правилам ..."), not the act itself: the appendix belongs to that document's appendix.
_OF_APPROVED = re.compile(
    r"(?:[Ққ]ағидалар|[Ее]реже|[Нн]ұсқаулық|[Әә]дістеме|[Тт]ізбе|[Сс]тандарт)\w*\s+(?:\d+(?:-\d+)*-)?қосымша"
    r"|к\s+(?:Правилам|Положению|Инструкции|Методике|Перечню|Стандарту|Порядку)\b", re.I)
_OF_ACT = re.compile(r"(?:қаулы|шешім|бұйрық|жарлық|өкім)\w*\s+(?:\d+(?:-\d+)*-)?қосымша|бек[іi]т[іi]лген"
                     r"|к\s+(?:постановлению|решению|приказу|указу|распоряжению)|Утвержден", re.I)
MARK_LINE_MAX = 90
_ONE_LINE_MARK_MAX = 300
_MARK_MAX_LINES = 6


def _is_blank(text: str) -> bool:
    return not text.strip()


def is_mark_line(text: str, layout: str) -> bool:
    """Can this line end (or, in Russian, open) an appendix mark?"""
    t = text.strip()
    if not t or _SENTENCE_END.search(t) or (layout == "pdf" and _INDENT.match(text)):
        return False
    if not (MARK_END.search(t) or MARK_OPEN.match(t)):
        return False
    return len(t) < MARK_LINE_MAX or (len(t) < _ONE_LINE_MARK_MAX and bool(_ACT_NUMBER.search(t) or MARK_OPEN.match(t)))


def of_approved_document(mark: str) -> bool:
    """Does the mark attach its appendix to a document the act approved (nested), not to the act?"""
    return bool(_OF_APPROVED.search(mark)) and not _OF_ACT.search(mark)


def mark_number(text: str) -> str | None:
    m = _NUM.search(text)
    return next((g for g in m.groups() if g), None) if m else None


def _forward_end(lines: list[Line], i: int) -> int:
    """A Russian mark that opens with "Приложение N" / "Утверждены" runs on over the short
    lines that name the act, up to the one with its number: the index after the mark."""
    text = lines[i][1]
    if not re.match(r"^\s*(?:Приложение|ПРИЛОЖЕНИЕ|Утвержден|УТВЕРЖДЕН)", text) or _ACT_NUMBER.search(text):
        return i + 1
    j = i + 1
    while j < len(lines) and j - i <= _MARK_MAX_LINES:
        t = lines[j][1]
        if _is_blank(t) or len(t.strip()) >= MARK_LINE_MAX or _SENTENCE_END.search(t.strip()) or _INDENT.match(t):
            break
        j += 1
        if _ACT_NUMBER.search(t):
            return j
    return i + 1


def _backward_start(lines: list[Line], i: int, prev_end: int) -> int:
    """The first line of the mark block that ends at line ``i``: short unpunctuated lines above."""
    start, j, blanks, taken = i, i - 1, 0, 0
    while j >= 0 and taken < _MARK_MAX_LINES and j >= prev_end:
        t = lines[j][1]
        if _is_blank(t):
            blanks += 1
            if blanks >= 2:
                break
            j -= 1
            continue
        blanks = 0
        if (_INDENT.match(t) or INITIALS.search(t.replace("|", " ")) or len(t.strip()) >= MARK_LINE_MAX
                or _SENTENCE_END.search(t.strip()) or "|" in t or MARK_END.search(t.strip())):
            break
        start = j
        taken += 1
        j -= 1
    return start


def mark_starts(lines: list[Line], layout: str) -> list[tuple[int, int, str]]:
    """(first line, line after the mark, appendix number) of each appendix mark block."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        text = lines[i][1]
        if not is_mark_line(text, layout):
            i += 1
            continue
        one_line = bool(MARK_OPEN.match(text)) or len(text.strip()) >= MARK_LINE_MAX
        prev_end = out[-1][1] if out else 0
        start = i if one_line or layout == "web" else _backward_start(lines, i, prev_end)
        end = _forward_end(lines, i)
        number = mark_number(" ".join(t for _, t in lines[start:end]))
        # A second mark right after a first one (the Rules' own mark under the act's mark)
        # belongs to the same appendix.
        between = lines[prev_end:start]
        if out and all(_is_blank(t) or len(t.strip()) < MARK_LINE_MAX for _, t in between) \
                and not any(_INDENT.match(t) for _, t in between) \
                and (layout != "web" or sum(not _is_blank(t) for _, t in between) <= 2):
            out[-1] = (out[-1][0], end, out[-1][2])
        else:
            out.append((start, end, number or str(len(out) + 1)))
        i = end
    return out
