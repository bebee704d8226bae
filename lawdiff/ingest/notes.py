"""Amendment-history notes: "Ескерту. <target> <operation> - <act> ..." (Russian "Сноска.").

A note records what another act did to this one: new wording of the preamble or a list,
repeal of the whole act, insertion or deletion of a unit, cancellation ("Отменено"), expiry
("Мерзімі өткендіктен қолданыс тоқтатылды", "Прекращено действие в связи с истечением
срока"). Each becomes a <note> and, where it changes the act's life, a lifecycle event with
the note as its source. The date in a note's bracket ("(01.03.2019 бастап қолданысқа
енгізіледі)") is the amending act's own entry into force: it dates that change, never this
act's own entry into force.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lawdiff.dates import find_dates
from lawdiff.ingest.eif import recognise
from lawdiff.ingest.references import ActRef, find_refs
from lawdiff.lang import ACT_NUMBER

NOTE_START = re.compile(r"^(?:Ескерту|Сноска|Footnote)\s*\.\s*", re.IGNORECASE)
#: A note glued to the next clause: "...қаулысымен.1. Қоса..." -> two paragraphs.
GLUED = re.compile(
    r"((?:Ескерту|Сноска)\..*?(?:қаулы|бұйры|шешім|Қаулы|постановлени|приказ|решени)\w*\)?\.)\s*(?=\d+(?:-\d+)?[.)]\s)"
)

_KINDS = [
    # Expiry and cancellation first: "Утратило силу в связи с истечением срока" is an expiry.
    (re.compile(r"мерзім\w*\s+(?:өткендіктен|аяқталу\w*|біту\w*|өтуіне)|истечени\w*\s+срок"
                r"|прекращено\s+действие", re.I), "expired"),
    (re.compile(r"^\s*(?:отменен\w*|жойылды\b)", re.I), "cancelled"),
    (re.compile(r"^\s*(?:\d{2}\.\d{2}\.\d{4}|\d{4}\.\d{2}\.\d{2})\s+(?:бастап|с)\b.*"
                r"(?:қолданысқа\s+енгізіледі|вводится\s+в\s+действие)", re.I), "in-force"),
    (re.compile(r"күші\s+жойылды|утратил\w*\s+силу", re.I), "repealed"),
    (re.compile(r"жаңа\s+редакцияда|в\s+редакции|изложен\w*\s+в\s+новой", re.I), "replaced"),
    (re.compile(r"толықтырылды|дополнен", re.I), "inserted"),
    (re.compile(r"алып\s+тасталды|исключен", re.I), "deleted"),
    (re.compile(r"өзгеріс(?:тер)?\s+енгізілді|ауыстырылды|изменени\w*\s+внесен|с\s+изменени\w*", re.I), "amended"),
]
#: The lifecycle meaning of each stored note kind: what the note tells of the act's life.
LIFECYCLE = {"replaced": "new-wording", "inserted": "amended", "deleted": "amended", "amended": "amended",
             "repealed": "repealed", "cancelled": "cancelled", "expired": "expired", "in-force": "in-force",
             "other": "other"}

_CYR = "а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOOKALIKES = {"i": "і", "c": "с", "o": "о", "a": "а", "e": "е", "p": "р", "x": "х"}


def fold_lookalikes(text: str) -> str:
    """Latin letters typed inside Cyrillic words ("шешiмiмен", "Утратило cилу") read as the
    Cyrillic ones, for recognising a note; the stored text stays as written."""
    return re.sub(rf"(?<=[{_CYR}])[icoaepx]|[icoaepx](?=[{_CYR}])", lambda m: _LOOKALIKES[m.group(0)], text)
_OP_WORDS = re.compile(
    r"\s*(?:күші\s+жойылды|жаңа\s+редакцияда|толықтырылды|алып\s+тасталды|өзгеріс\w*\s+енгізілді|"
    r"ауыстырылды|утратил\w*\s+силу|в\s+редакции|с\s+изменениями|дополнен\w*|исключен\w*|"
    r"решением|постановлением|приказом|указом|законом).*$",
    re.IGNORECASE,
)
#: What a note's target words mean in our structure.
TARGETS = [
    (re.compile(r"^(?:кіріспе|преамбула)", re.I), "preamble"),
    (re.compile(r"тақырыб|заголов", re.I), "title"),
    (re.compile(r"^(?:тізбе|қағида|нұсқаулық|ереже|перечень|правил|инструкци)", re.I), "appendix"),
    (re.compile(r"^(\d+(?:-\d+)?)-тармақ|^пункт\s*(\d+(?:-\d+)?)", re.I), "clause"),
]


@dataclass(frozen=True)
class Note:
    kind: str                  # replaced | inserted | deleted | amended | repealed | cancelled | expired | in-force | other
    target_words: str          # the words naming the target, as written ("Кіріспе", "1-тармақ")
    target: str | None         # preamble | title | appendix | clause:N | None (whole act)
    text: str                  # the whole note
    act: ActRef | None         # the amending / repealing act
    eif_rule: str | None       # its entry-into-force rule, from the bracket
    eif_date: dt.date | None   # its fixed effective date, if the bracket names one

    @property
    def lifecycle(self) -> str:
        """What the note tells: amended, new-wording, repealed, cancelled, expired, in-force
        (the act's own clause, cited by the note), other. It is about the act that did it
        (its date, its own entry into force), never this act's own entry into force."""
        return LIFECYCLE[self.kind]


def is_note(paragraph: str) -> bool:
    return bool(NOTE_START.match(paragraph.strip()))


def split_glued(paragraph: str) -> list[str]:
    """Split a note glued to the clause after it; other paragraphs come back unchanged."""
    m = GLUED.search(paragraph)
    if not m or not is_note(paragraph):
        return [paragraph]
    return [paragraph[: m.end(1)].strip(), paragraph[m.end(1):].strip()]


_BARE_NUMBER = re.compile(rf"(?:№|N)\s*(?P<num>{ACT_NUMBER})")


def _bare_refs(body: str) -> list[ActRef]:
    """A date and number whose act word is none the reference reader knows ("Кодексом РК от
    20.04.2023 № 224-VII", "(письмо … от 30.01.2013 № 29)"): the act is known by date and
    number only (no work id)."""
    dates = find_dates(body)
    for m in _BARE_NUMBER.finditer(body):
        before = [d for off, d in dates if off < m.start() and m.start() - off < 40]
        if before:
            return [ActRef(text=m.group(0), number=m["num"], date=before[-1], type=None, issuer=None,
                           issuer_code=None, registration=None, title=None, work=None)]
    return []


def parse_note(paragraph: str) -> Note:
    """Read one note; an unrecognised operation gives kind "other", never an error."""
    text = re.sub(r"\s+", " ", paragraph.strip())
    body = fold_lookalikes(NOTE_START.sub("", text))
    kind = next((k for rx, k in _KINDS if rx.search(body)), "other")
    head = re.split(r"\s[-–—]\s", body, maxsplit=1)[0]
    target_words = _OP_WORDS.sub("", head).strip()
    target = None
    for rx, name in TARGETS:
        m = rx.search(target_words)
        if m:
            target = f"clause:{next(g for g in m.groups() if g)}" if name == "clause" else name
            break
    if kind in ("repealed", "expired", "cancelled", "in-force") and not target_words:
        target = None
    if kind == "in-force":
        target_words, target = "", None
    refs = find_refs(body) or _bare_refs(body)
    eif = None
    bracket = re.search(r"\(([^()]*(?:қолданысқа|күшіне|вводится|вступает)[^()]*)\)", body)
    if bracket:
        eif = recognise(bracket.group(1))
    elif kind == "in-force":
        eif = recognise(body)
    return Note(kind, target_words, target, text, refs[0] if refs else None,
                eif[0] if eif else None, eif[1] if eif else None)
