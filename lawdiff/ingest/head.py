"""The head of an act: its title, the page's status word and the requisites sentence.

adilet prints the title first, then (on the web page) a status word such as "Жаңа" or
"Утративший силу", then the requisites: "<issuer> <date> № <n> <type>. ... тіркелді. Күші
жойылды ...". Other legal databases print the requisites first ("Решение ... от 5 марта 2003 г.
№ 11-2") and the title after them. Both orders are read here; the order found is kept so the
document can say how its head was printed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lawdiff import LawdiffError
from lawdiff.dates import find_dates
from lawdiff.ingest.issuers import Issuer, act_type, recognise_issuer
from lawdiff.ingest.laws import read_law_head
from lawdiff.ingest.references import find_refs
from lawdiff.ingest.repair import Repair, RepairLog, join_wrapped
from lawdiff.lang import ACT_NUMBER

#: adilet's status word above or below the heading ("Күшін жойған" = repealed, "Жаңа" = new, ...).
_STATUS_WORDS = (r"(?:Күшін\s+жойған|Күші\s+жойылған|Жаңартылған|Жаңа|Қолданыстағы|Мерзімі\s+біткен"
                 r"|Утративший\s+силу|Утратившие\s+силу|Утратило\s+силу|Новый|Обновленный|Действующий"
                 r"|Действующие|Жарамсыз|Истек\s+срок\s+действия|Утратил\s+силу|С\s+ист[её]кшим\s+сроком)")
STATUS_LINE = re.compile(rf"^\s*{_STATUS_WORDS}\s*$", re.I)
#: A status word run into the requisites on the page ("Утративший силуРешение маслихата ...").
_STATUS_LEAD = re.compile(rf"^{_STATUS_WORDS}\s*(?=[А-ЯЁӘҒҚҢӨҰҮҺІ])")
#: The registration sentence: "... 2019 жылғы 27 желтоқсанда № 8843 болып тіркелді", or, in
#: older acts, entered into the register: "... 2010 жылғы 23 шілдеде ... Мемлекеттік тіркеудің
#: тізіліміне N 641 болып енгізілді"; Russian "Зарегистрировано ... 27 декабря 2019 года № 8843".
_REGISTRATION = [
    re.compile(r"(?P<when>\d{4}\s*жылы?\w*\s+\d{1,2}\s+\w+)\s+(?:№|N)\s*(?P<num>\d[\d-]*)\s+(?:болып\s+)?тіркел"),
    re.compile(r"(?P<when>\d{4}\s*жылы?\w*\s+\d{1,2}\s+\w+)\s[^.]{0,120}?тізілім\w*\s+(?:№|N)\s*(?P<num>\d[\d-]*)"
               r"\s+(?:болып\s+)?енгізіл"),
    re.compile(r"Зарегистрирован\w*\s[^.]*?(?P<when>\d{1,2}\s+\w+\s+\d{4})\s+года\s+(?:за\s+|под\s+)?(?:№|N)\s*(?P<num>\d[\d-]*)"),
]
_HEAD_REPEAL = re.compile(r"(?:Күші жойылды|Утратил\w* силу)\s*[-–—]?\s*(?P<rest>.*)$", re.I | re.S)
#: A page's repeal line of its own under a requisites-first head: "Утратило силу в соответствии с
#: решением маслихата ... от <date> № <n>" (adilet puts the same words in the requisites sentence).
REPEAL_LINE = re.compile(r"^\s*(?:Күші\s+жойылды|Утратил\w*\s+силу)\s+\S.*(?:№|\bN)\s*\d", re.I)
_RU_HEAD = re.compile(
    r"(?P<word>Постановление|Приказ|Решение|Указ)\s+(?P<issuer>.+?)\s+от\s+(?P<date>\d{1,2}\s+\w+\s+\d{4})"
    r"\s+(?:года|г\.)\s*(?:№|N)\s*(?P<num>" + ACT_NUMBER + ")", re.S)
_ACT_NUMBER = re.compile(r"(?:№|\bN)\s*\d")
_NUMBER = re.compile(r"(?:№|\bN)\s*(?P<num>" + ACT_NUMBER + ")")
#: Requisites printed as a line of their own: "Решение ... от <date> № <n>" or "... № <n> шешімі".
_REQUISITES_LINE = re.compile(r"^(?:Решение|Постановление|Приказ|Указ|Закон|Распоряжение)\s.*\sот\s+\d"
                              r"|(?:шешімі|қаулысы|бұйрығы|[Жж]арлығы|өкімі|Заңы)\.?$", re.I)
#: A line that opens the body, never part of the head: a note, a numbered clause, an enacting formula
#: (anywhere in the line: a page copied as one line runs the body on after "РЕШИЛ:").
BODY_START = re.compile(r"^\s*(?:Ескерту|Сноска|Примечание)\b|^\s*\d+(?:-\d+)*\.\s|"
                         r"(?:ҚАБЫЛДАДЫ|ЕТЕДІ|ЕТЕДI|ШЕШТІ|ШЕШТI|БҰЙЫРАМЫН|ПОСТАНОВЛЯЕТ|РЕШИЛ|ПРИКАЗЫВАЮ)\s*:")


@dataclass
class Head:
    title: str
    issuer: Issuer
    type: str
    date: dt.date
    number: str
    sentence: str
    registration: tuple[str, dt.date | None] | None
    repeal: str | None
    status: str | None = None          # the page's status word, as printed
    requisites_first: bool = False     # the head printed the requisites above the title


def fix_glued_status(text: str, line: int = 0, log: RepairLog | None = None) -> str:
    """"Утративший силуРешение маслихата ..." -> "Утративший силу Решение маслихата ...": the
    page's status word run into the requisites when copied."""
    m = _STATUS_LEAD.match(text.strip())
    if not m or text.strip()[m.end() - 1:m.end()].isspace():
        return text
    new = text.strip()[:m.end()] + " " + text.strip()[m.end():]
    if log is not None:
        log.append(Repair("glued-status", line, text.strip(), new))
    return new


def is_requisites(text: str) -> bool:
    """Does this line read as an act's requisites (a date and an act number, not body text)?"""
    return bool(find_dates(text) and _ACT_NUMBER.search(text) and not BODY_START.search(text))


def continues_line(text: str) -> bool:
    """A head line that goes on from the line above: the page wrapped the title, and the
    next line starts with a small letter ("... Маслихата № 17-113" / "от 26 декабря 2001
    года о ставках ..."). No title, status word or requisites line starts so."""
    t = text.strip()
    return t[:1].islower() and not BODY_START.search(t)


def _requisites_line(text: str) -> bool:
    """A line of requisites alone ("Решение ... от <date> № <n>"), not a title that cites an act
    ("О внесении изменений в решение ... от <date> № <n> ..."), which may follow it."""
    return len(text) < 400 and bool(_REQUISITES_LINE.search(text)) and is_requisites(text)


def requisites_key(text: str) -> tuple[dt.date, str] | None:
    """The act a requisites line names: its first date and first act number."""
    dates, num = find_dates(text), _NUMBER.search(text)
    return (dates[0][1], num["num"]) if dates and num else None


def _title_text(text: str) -> str:
    t = text.strip()
    if t[:1] in "\"«" and t[-1:] in "\"»" and t.count('"') % 2 == 0:
        return t[1:-1].strip()
    return t


def read_head(blocks: list[tuple[int, list[str]]], name: str) -> Head:
    """Title and the requisites sentence, in either order, with the status word set aside."""
    lines = [ls for _, ls in blocks]
    if len(lines) == 1 and len(lines[0]) > 1:
        # Title and issuer line without a blank between: the issuer line is the first one
        # that names a date.
        at = next((i for i, t in enumerate(lines[0]) if i and find_dates(t)), None)
        if at:
            lines = [lines[0][:at], lines[0][at:]]
    texts = [join_wrapped(ls) for ls in lines]
    status = next((t.strip() for t in texts if STATUS_LINE.match(t)), None)
    texts = [t for t in texts if t and not STATUS_LINE.match(t)]
    if len(texts) < 2:
        raise LawdiffError(f"{name}: not an act: no title and issuer line found at the top")
    requisites_first = _requisites_line(texts[0]) and not _requisites_line(texts[1])
    if requisites_first:
        texts = [texts[1], texts[0], *texts[2:]]
    title = _title_text(texts[0])
    if BODY_START.search(title) or title.endswith(":"):
        raise LawdiffError(f"{name}: not an act: the text starts in the body ({title[:60]!r}); "
                           "include the act's title and requisites line")
    sentence = " ".join(texts[1:])
    lead = _STATUS_LEAD.match(sentence)
    if lead:
        status = status or lead.group(0).strip()
        sentence = sentence[lead.end():]
    own, repeal_text = sentence, None
    m = _HEAD_REPEAL.search(sentence)
    if m:
        own, repeal_text = sentence[: m.start()], m.group(0)
    issuer, kind, date, number = _identify(own, name)
    own_ref = next((r for r in find_refs(title) if r.number == number and r.date == date), None)
    if own_ref is not None:
        raise LawdiffError(f"{name}: not an act: the first line is the act's own requisites "
                           f"({title[:60]!r}), and no title stands beside them")
    registration = None
    reg = next((m for m in (rx.search(own) for rx in _REGISTRATION) if m), None)
    if reg:
        registration = (reg["num"], find_dates(reg["when"])[0][1] if find_dates(reg["when"]) else None)
    return Head(title, issuer, kind, date, number, sentence.strip(), registration, repeal_text,
                status, requisites_first)


def _identify(own: str, name: str) -> tuple[Issuer, str, dt.date, str]:
    """Issuer, type, date and number from the head's own requisites (the repeal sentence cut
    off): a law's or code's (no body named), a citation "<issuer> <date> № <n> <type>", or
    the Russian order "<Type> <issuer> от <date> № <n>"."""
    law = read_law_head(own)
    if law:
        return law
    refs = find_refs(own)
    if refs and refs[0].type and refs[0].date:
        ref = refs[0]
        issuer = recognise_issuer(own[: own.find(ref.text)] or own)
        kind, number, date = ref.type, ref.number, ref.date
    else:
        rm = _RU_HEAD.search(own)
        if not rm:
            raise LawdiffError(f"{name}: not an act: the heading names no issuer, date and number: {own[:120]!r}")
        issuer = recognise_issuer(rm["issuer"])
        kind = act_type(rm["word"], issuer.kind if issuer else None)
        dates = find_dates(rm["date"])
        number, date = rm["num"], dates[0][1] if dates else None
        if date is None:
            raise LawdiffError(f"{name}: cannot read the act's date in {rm['date']!r}")
    if issuer is None:
        raise LawdiffError(f"{name}: unknown issuing body in {own[:120]!r}; add it to lawdiff/data/issuers.json")
    if kind is None:
        raise LawdiffError(f"{name}: unknown act type in {own[:120]!r}")
    return issuer, kind, date, number
