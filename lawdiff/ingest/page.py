"""Page furniture: what a legal database's web page prints above the act's own head.

A text copied from a page of another legal database (not adilet) may open with the site's
interface ("Введите номер документа", "Прайс-лист", "Отправить по почте"), the page's heading
(the act's requisites and title run together, repeated in the act's own head below) and an
information block ("Информация о документе", "Дата ...", "Статус", "Утратил силу", "утратил
силу с <date>"). None of it is the act's text. The act's head starts at its requisites line
or at the title the requisites belong to; the lines above it are split off here when every
one of them is recognised furniture, and the importer reports each as skipped. A line above
the head that is not recognised is left where it is, and the head reader refuses the text
naming it (:func:`check_head_start`), so nothing unknown is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff import LawdiffError
from lawdiff.ingest.head import BODY_START, STATUS_LINE, continues_line, is_requisites, requisites_key

Line = tuple[int, str]

#: The interface lines of legal-database pages: a search box, a price list, a mail link, the
#: information block's labels ("Дата" glued to the weekday and date, "Статус"), and the status
#: with the date it took effect ("утратил силу с 25 апреля 2025").
_FURNITURE = re.compile(
    r"^\s*(?:Введите\s+номер\s+документа|Прайс-лист|Отправить\s+по\s+почте|Информация\s+о\s+документе"
    r"|Статус|Құжат\s+туралы\s+ақпарат|Мәртебесі"
    r"|Дата\s*(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)?,?\s+.*\d{4}"
    r"|(?:утратил\w*\s+силу|не\s+действует|күші\s+жойылды)\s+(?:с|от)?\s*\S.*\d{4}\s*(?:года|г\.)?)\s*$",
    re.I)
#: How far down the page the act's head may start (non-blank lines).
_SCAN = 16


@dataclass
class Chrome:
    """The lines above the act's head: skipped furniture, and the page's status word."""

    skipped: list[Line] = field(default_factory=list)
    status: str | None = None


def _is_furniture(text: str) -> bool:
    return bool(_FURNITURE.match(text)) and not is_requisites(text)


def _page_heading(lines: list[Line], k: int, stop: int) -> bool:
    """Line k repeats the requisites of a later line of the top (the page's heading over the
    act's own head), with only furniture, status words or blank lines between them."""
    key = requisites_key(lines[k][1])
    if key is None:
        return False
    for j in range(k + 1, stop):
        t = lines[j][1]
        if not t.strip() or STATUS_LINE.match(t) or _is_furniture(t):
            continue
        return is_requisites(t) and requisites_key(t) == key
    return False


def split_chrome(lines: list[Line]) -> tuple[Chrome, list[Line]]:
    """The page furniture above the act's head, and the lines from the head on. Nothing is
    split off unless at least one line is furniture (a status word alone above the title is
    adilet's own and stays in the head)."""
    nonblank = [i for i, (_, t) in enumerate(lines) if t.strip()][:_SCAN]
    stop = next((i for i in nonblank if BODY_START.search(lines[i][1])), nonblank[-1] + 1 if nonblank else 0)
    chrome, end = Chrome(), 0
    for i in nonblank:
        if i >= stop:
            break
        t = lines[i][1]
        if STATUS_LINE.match(t):
            chrome.status = chrome.status or t.strip()
        elif _is_furniture(t) or _page_heading(lines, i, stop):
            chrome.skipped.append(lines[i])
        else:
            break
        end = i + 1
    if not chrome.skipped:
        return Chrome(), lines
    return chrome, lines[end:]


def check_head_start(head: list[Line], name: str) -> None:
    """Refuse a web page's head with more than a title above its requisites line: the lines
    above the title are not the act's and are not furniture lawdiff knows. A line that goes on
    from the one above (a wrapped title) is the title's."""
    texts = [(n, t.strip()) for n, t in head if t.strip() and not STATUS_LINE.match(t) and not continues_line(t)]
    at = next((k for k, (_, t) in enumerate(texts) if is_requisites(t)), None)
    if at is None or at <= 1:
        return
    n, first = texts[0]
    raise LawdiffError(f"{name}:{n}: {first[:60]!r} stands above the act's title and requisites and is not "
                       "page furniture lawdiff knows; copy the text from the act's title")


def skipped_warning(chrome: Chrome, name: str) -> list[str]:
    """The one line telling the user which lines of the page were skipped (each is also kept in
    the document's repairs, kind "page-furniture")."""
    if not chrome.skipped:
        return []
    first, last = chrome.skipped[0][0], chrome.skipped[-1][0]
    return [f"{name}:{first}: skipped {len(chrome.skipped)} lines of the page's furniture above the act's head "
            f"(lines {first}-{last}, from {chrome.skipped[0][1].strip()[:40]!r}); each is kept in the document's repairs"]
