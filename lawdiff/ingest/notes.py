"""Amendment-history notes: "Ескерту. <target> <operation> - <act> ..." (Russian "Сноска.").

A note records what another act did to this one: new wording of the preamble or a list,
repeal of the whole act, insertion or deletion of a unit. Each becomes a <note> and, where it
changes the act's life (repeal, new wording), a lifecycle event with the note as its source.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lawdiff.ingest.eif import recognise
from lawdiff.ingest.references import ActRef, find_refs

NOTE_START = re.compile(r"^(?:Ескерту|Сноска|Footnote)\s*\.\s*", re.IGNORECASE)
#: A note glued to the next clause: "...қаулысымен.1. Қоса..." -> two paragraphs.
GLUED = re.compile(
    r"((?:Ескерту|Сноска)\..*?(?:қаулы|бұйры|шешім|Қаулы|постановлени|приказ|решени)\w*\)?\.)\s*(?=\d+(?:-\d+)?[.)]\s)"
)

_KINDS = [
    (re.compile(r"күші\s+жойылды|утратил\w*\s+силу", re.I), "repealed"),
    (re.compile(r"жаңа\s+редакцияда|в\s+редакции|изложен\w*\s+в\s+новой", re.I), "replaced"),
    (re.compile(r"толықтырылды|дополнен", re.I), "inserted"),
    (re.compile(r"алып\s+тасталды|исключен", re.I), "deleted"),
    (re.compile(r"өзгеріс(?:тер)?\s+енгізілді|ауыстырылды|изменени\w*\s+внесен|с\s+изменениями", re.I), "amended"),
]
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
    kind: str                  # replaced | inserted | deleted | amended | repealed | other
    target_words: str          # the words naming the target, as written ("Кіріспе", "1-тармақ")
    target: str | None         # preamble | title | appendix | clause:N | None (whole act)
    text: str                  # the whole note
    act: ActRef | None         # the amending / repealing act
    eif_rule: str | None       # its entry-into-force rule, from the bracket
    eif_date: dt.date | None   # its fixed effective date, if the bracket names one


def is_note(paragraph: str) -> bool:
    return bool(NOTE_START.match(paragraph.strip()))


def split_glued(paragraph: str) -> list[str]:
    """Split a note glued to the clause after it; other paragraphs come back unchanged."""
    m = GLUED.search(paragraph)
    if not m or not is_note(paragraph):
        return [paragraph]
    return [paragraph[: m.end(1)].strip(), paragraph[m.end(1):].strip()]


def parse_note(paragraph: str) -> Note:
    """Read one note; an unrecognised operation gives kind "other", never an error."""
    text = re.sub(r"\s+", " ", paragraph.strip())
    body = NOTE_START.sub("", text)
    kind = next((k for rx, k in _KINDS if rx.search(body)), "other")
    head = re.split(r"\s[-–—]\s", body, maxsplit=1)[0]
    target_words = _OP_WORDS.sub("", head).strip()
    target = None
    for rx, name in TARGETS:
        m = rx.search(target_words)
        if m:
            target = f"clause:{next(g for g in m.groups() if g)}" if name == "clause" else name
            break
    if kind == "repealed" and not target_words:
        target = None
    refs = find_refs(body)
    eif = None
    bracket = re.search(r"\(([^()]*(?:қолданысқа|күшіне|вводится|вступает)[^()]*)\)", body)
    if bracket:
        eif = recognise(bracket.group(1))
    return Note(kind, target_words, target, text, refs[0] if refs else None,
                eif[0] if eif else None, eif[1] if eif else None)
