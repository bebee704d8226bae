"""Text repair for adilet exports, every change logged.

Real input is messy: PDF extraction letter-spaces justified words ("Д е н е"), breaks words
and cells across lines, leaves Latin "i" inside Kazakh words and NBSP inside numbers. Each
function here repairs one phenomenon, returns the new text, and appends a :class:`Repair` to
the log it is given, so an imported work records exactly what was changed and where.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Repair:
    """One change made to the source text: its kind, source line (1-based), before and after."""

    kind: str
    line: int
    before: str
    after: str


RepairLog = list[Repair]

_CYR = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
# Three or more single letters separated by single spaces (optionally a trailing spaced
# punctuation mark): a letter-spaced word from a justified PDF line.
_SPACED = re.compile(rf"(?<![^\s(\"«])((?:[{_CYR}A-Za-z] ){{2,}}[{_CYR}A-Za-z])((?: [,.;:])?)(?=\s|$)")
_LATIN_I = re.compile(rf"(?<=[{_CYR}])[iI]|[iI](?=[{_CYR}])")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\w) +([,;])(?=\s|$)")


def fix_letter_spacing(text: str, line: int = 0, log: RepairLog | None = None) -> str:
    """"Д е н е  шынықтыру" -> "Дене шынықтыру"; "б а қ ы л а у ғ а ," -> "бақылауға,".

    Letter-spaced words are runs of three or more single letters separated by one space;
    words inside such a run are separated by two or more spaces, which become one.
    """
    def join(m: re.Match) -> str:
        return m.group(1).replace(" ", "") + m.group(2).strip()

    new = _SPACED.sub(join, text)
    if new != text:
        new = re.sub(r"(?<=\S) {2,}", " ", new)
        if log is not None:
            log.append(Repair("letter-spacing", line, text.strip(), new.strip()))
    return new


def fix_latin_i(text: str, line: int = 0, log: RepairLog | None = None) -> str:
    """Latin "i" (U+0069) inside a Cyrillic word becomes Kazakh "і" (U+0456)."""
    new = _LATIN_I.sub(lambda m: "і" if m.group(0) == "i" else "І", text)
    if new != text and log is not None:
        log.append(Repair("latin-i", line, text.strip(), new.strip()))
    return new


def fix_space_before_punct(text: str, line: int = 0, log: RepairLog | None = None) -> str:
    """"топтарында , қарым" -> "топтарында, қарым": a comma or semicolon split off a word."""
    new = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    if new != text and log is not None:
        log.append(Repair("space-before-punctuation", line, text.strip(), new.strip()))
    return new


#: Characters that are invisible but split or reorder what a reader sees: zero-width space,
#: non-joiner and joiner, the directional marks, embeddings, overrides and isolates, the word
#: joiner and the invisible operators. None belongs in Kazakh or Russian legal text; left in,
#: "№ 29\u200b99" would read as act number 29 and a bidi override would be stored as text.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069]")


def remove_invisible(text: str, line: int = 0, log: RepairLog | None = None) -> str:
    """Remove zero-width and bidirectional control characters, as a logged repair."""
    new = _INVISIBLE.sub("", text)
    if new != text and log is not None:
        shown = _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text.strip())
        log.append(Repair("invisible-characters", line, shown, new.strip()))
    return new


def normalise_chars(text: str) -> str:
    """NFC, NBSP and other odd spaces to a plain space, soft hyphens and BOM removed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\ufeff", "")
    return re.sub(r"[\u00a0\u2007\u202f\u2009]", " ", text)


# A line break inside a word or next to an opening/closing mark needs no space when joined.
_NO_SPACE_AFTER = re.compile(r"(?:[-(/«]|(?<=\s)\")$")
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:)»]|-(?=\w)|\"(?=[\s,.;)]|$))")
_BROKEN_LETTER = re.compile(rf"^[{_CYR}](?=[\s,.;:)]|$)")


def join_wrapped(lines: list[str], first_line: int = 0, log: RepairLog | None = None) -> str:
    """Join the lines of one wrapped paragraph or table cell into one line of text.

    Lines are joined with a space, except where the break falls inside a word or next to a
    bracket, quote, slash or hyphen: "әлеуметтік-экономикалы" + "қ мәселелер" gives
    "әлеуметтік-экономикалық мәселелер", "жабдықтарын" + ", жеке" gives "жабдықтарын, жеке".
    """
    out = ""
    for i, raw in enumerate(lines):
        piece = raw.strip()
        if not piece:
            continue
        if not out:
            out = piece
            continue
        if _NO_SPACE_AFTER.search(out) or _NO_SPACE_BEFORE.match(piece):
            out += piece
        elif _BROKEN_LETTER.match(piece):
            if log is not None:
                log.append(Repair("broken-word", first_line + i, out.split()[-1] + " / " + piece.split()[0],
                                  out.split()[-1] + piece.split()[0]))
            out += piece
        else:
            out += " " + piece
    return re.sub(r" {2,}", " ", out).strip()
