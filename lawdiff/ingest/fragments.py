"""Displaced hyperlink fragments in PDF-layout text, and explicit errata.

On adilet's PDF export, the text of a hyperlink (a reference such as "4-қосымшаға",
"1) тармақшасында", "№ 230", or an act word such as "бұйрығына", "Заңда", "кодексіне") is
written out after the rest of its line. What is left behind is a gap: two spaces where the
link stood, a space before a comma ("Республикасының , ..."), or, when the link opened the
line, one extra space of indentation (7 spaces instead of 6, or 1 instead of 0). A link that
opened a context line is written after the line's colon (":6-тармақта"), and a link that
closed a line ending in a colon is glued behind it ("...жазылсын:5-тармақтың").

:func:`repair_displaced_fragments` moves such a fragment back into its gap, only when the
line shows exactly as many gaps as it ends in fragments, so a line that merely happens to
end in a reference is never touched. Cases too garbled for a sound rule are corrected by
errata data (``corpus/errata/<work id>.json``) through :func:`apply_errata`, which the
importer runs first. Every change is logged as a :class:`~lawdiff.ingest.repair.Repair`.

Import order: normalise_chars -> apply_errata -> repair_displaced_fragments ->
letter spacing -> paragraph joining.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from lawdiff import LawdiffError
from lawdiff.ingest.repair import Repair, RepairLog
from lawdiff.model.ids import check_work_id

_UP = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_LO = "а-яёәғқңөұүһі"
_W = rf"[{_UP}{_LO}]"
_NUM = r"\d+(?:-\d+)*"

# Structural unit words that a numbered reference ends in, any case ending, with the stem
# changes before a vowel (тармақ -> тармағы, бап -> бабы).
_UNIT = r"(?:тармақша|тармақ|тармағ|бап|баб|бөлім|тарау|параграф|қосымша|абзац|бөлік|бөліг)"
# Act words a hyperlink may consist of: бұйрық (бұйрығына), қаулы, шешім, Заң (capital),
# кодекс, қосымша (bare: "қосымшасына"), қағидалар; Russian приказ/постановление/закон/кодекс.
_ACT = (r"(?:бұйрық|бұйрығ|қаулы|шешім|Заң|[Кк]одекс|қосымша|қағидалар|[Ққ]ағида|Ереже"
        r"|приказ|постановлени|решени|Закон|[Кк]одекс|приложени)")

#: One hyperlink fragment: a numbered reference, a "№ N", or an act word (a code's name may
#: precede "кодексі": "Әлеуметтік кодексіне", never a quoted title or "Республикасы").
FRAGMENT = re.compile(
    rf"(?:{_NUM}-{_UNIT}{_W}*"                       # 5-тармақтың, 4-қосымшаға, 8-бабының
    rf"|{_NUM}\)\s{_UNIT}{_W}*"                      # 1) тармақшасында
    rf"|№\s?\d[\w/-]*"                               # № 230
    rf"|(?<![\"«\w])(?:(?!Қазақстан|Республика)[{_UP}]{_W}+\s(?=[Кк]одекс))?{_ACT}{_W}*"
    rf")"
)
_GLUE = ':;"(»'
_CAPS_TAIL = re.compile(rf"(?:\s+[{_UP}]{{2,}}[:.]?)+$")
_COLON_FIRST = re.compile(rf"^(?P<pre>(?:.*\s)?):(?P<frag>{FRAGMENT.pattern})\s*$")
_BARE_UNIT = re.compile(rf"^{_UNIT}{_W}*$")
_DANGLING_NUM = re.compile(rf"\s*(?<![\w-])({_NUM}-)\s*$")
# A gap inside the text: two or more spaces between words, or a space before , or ;
_GAP = re.compile(r"(?<=\S)(?: {2,}(?=\S)| (?=[,;]))")
#: Normal indentation of a PDF line: none, or 6 spaces for a paragraph's first line.
_NORMAL_INDENT = (0, 6)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _fill(indent: str, content: str, frags: list[str], leading: bool) -> str | None:
    """Put ``frags`` into the gaps of ``content`` in order; None if the counts differ."""
    gaps = list(_GAP.finditer(content))
    if len(gaps) + int(leading) != len(frags) or not frags:
        return None
    out, pos, queue = [], 0, list(frags)
    if leading:
        out.append(queue.pop(0) + " ")
    for gap, frag in zip(gaps, queue):
        out.append(content[pos:gap.start()])
        followed_by_punct = content[gap.end():gap.end() + 1] in (",", ";")
        out.append(" " + frag + ("" if followed_by_punct else " "))
        pos = gap.end()
    out.append(content[pos:])
    return indent + "".join(out)


def _trailing_fragments(s: str) -> list[tuple[int, str]]:
    """The fragments ending ``s``, as (start, text), last first; each the longest possible."""
    found: list[tuple[int, str]] = []
    end = len(s)
    while end > 0:
        best = None
        for start in range(end - 1, -1, -1):
            if start and not (s[start - 1].isspace() or s[start - 1] in _GLUE):
                continue
            if FRAGMENT.fullmatch(s, start, end):
                best = start
        if best is None:
            break
        found.append((best, s[best:end]))
        if best == 0 or s[best - 1] != " ":
            break  # glued to punctuation, or the line start: no further fragment
        end = best - 1
    return found


def _repair_line(text: str) -> tuple[str, bool] | None:
    """The repaired line and whether a fragment went to the line start, or None."""
    ind = _indent(text)
    content = text[ind:].rstrip()
    if not content:
        return None
    m = _COLON_FIRST.match(content)
    if m:  # ":6-тармақта" -> "6-тармақта:"
        return text[:ind] + m.group("pre") + m.group("frag") + ":", False
    caps = _CAPS_TAIL.search(content)
    core, tail = (content[:caps.start()], caps.group(0)) if caps else (content, "")
    frags = _trailing_fragments(core)
    leading = ind not in _NORMAL_INDENT and (ind - 1) in _NORMAL_INDENT
    indent = " " * (ind - 1 if leading else ind)
    for k in range(1, len(frags) + 1):
        start = frags[k - 1][0]
        pre = core[:start]
        if not pre.strip():
            return None
        run = [f for _, f in reversed(frags[:k])]
        if pre.endswith("  ") and k == 1 and not tail:
            # the gap is right before the fragment: only the spacing is off
            return text[:ind] + pre.rstrip() + " " + run[0], False
        new = _fill(indent, pre.rstrip(" ") + tail, run, leading)
        if new is not None:
            return new, leading
    return None


def repair_displaced_fragments(lines: list[tuple[int, str]], log: RepairLog) -> list[tuple[int, str]]:
    """Move hyperlink fragments that PDF extraction pushed to a line's end back into place.

    ``lines`` are (1-based source line number, text) pairs; the result has the same pairs,
    some texts changed, each change logged as a Repair of kind "displaced-fragment".
    """
    out = list(lines)
    last_text = -1  # index of the previous non-blank line
    for i, (num, text) in enumerate(lines):
        fixed = _repair_line(text)
        if fixed is not None and fixed[0] != text:
            new, at_start = fixed
            # A link broken across lines: "... Қағидаларға 5-" / " ... көрсету қосымшаға".
            first = new.strip().split(" ", 1)[0]
            if at_start and _BARE_UNIT.match(first) and last_text >= 0:
                pnum, ptext = out[last_text]
                dm = _DANGLING_NUM.search(ptext)
                if dm:
                    pnew = ptext[:dm.start()]
                    out[last_text] = (pnum, pnew)
                    log.append(Repair("displaced-fragment", pnum, ptext.strip(), pnew.strip()))
                    ind = _indent(new)
                    new = new[:ind] + dm.group(1) + new[ind:]
            out[i] = (num, new)
            log.append(Repair("displaced-fragment", num, text.strip(), new.strip()))
        if text.strip():
            last_text = i
    return out


# ---------------------------------------------------------------------------------------------
# Errata: explicit, reviewed corrections of source lines, kept as data next to the corpus.


def errata_path(corpus_dir: Path, work: str) -> Path:
    """Where the errata of ``work`` live: ``<corpus>/errata/<work id>.json``."""
    return Path(corpus_dir) / "errata" / (check_work_id(work) + ".json")


def load_errata(corpus_dir: Path, work: str) -> dict[str, Any] | None:
    """The errata of ``work``, or None when it has none. Raises LawdiffError if malformed."""
    path = errata_path(corpus_dir, work)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LawdiffError(f"{path.name}: cannot read errata: {exc}") from None
    check_errata(data, path.name)
    return data


def check_errata(data: Any, name: str = "errata") -> None:
    """Raise LawdiffError unless ``data`` has the errata shape (see docs/amendments.md)."""
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        raise LawdiffError(f"{name}: errata must be an object with a 'lines' list")
    for k, entry in enumerate(data["lines"]):
        if not isinstance(entry, dict):
            raise LawdiffError(f"{name}: erratum {k + 1} is not an object")
        for key in ("found", "corrected", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise LawdiffError(f"{name}: erratum {k + 1} needs a non-empty {key!r}")
        if "line" in entry and not (isinstance(entry["line"], int) and entry["line"] > 0):
            raise LawdiffError(f"{name}: erratum {k + 1}: 'line' must be a positive integer")


def apply_errata(lines: list[tuple[int, str]], errata: dict[str, Any] | None,
                 log: RepairLog) -> list[tuple[int, str]]:
    """Replace each source line whose text is an erratum's ``found`` by its ``corrected``.

    Lines are compared without their leading and trailing spaces; the line keeps its
    indentation. An erratum with ``line`` applies only to that source line. An erratum that
    matches no line, or several lines without ``line``, is an error: errata must stay in
    step with the source they correct. Each change is logged as a Repair of kind "erratum".
    """
    if not errata:
        return list(lines)
    check_errata(errata)
    out = list(lines)
    for k, entry in enumerate(errata["lines"]):
        found = entry["found"].strip()
        hits = [i for i, (num, text) in enumerate(out)
                if text.strip() == found and entry.get("line", num) == num]
        if not hits:
            raise LawdiffError(f"erratum {k + 1} matches no source line: {found[:80]!r}")
        if len(hits) > 1:
            raise LawdiffError(f"erratum {k + 1} matches {len(hits)} source lines; give its 'line': "
                               f"{found[:80]!r}")
        num, text = out[hits[0]]
        new = text[:_indent(text)] + entry["corrected"].strip()
        out[hits[0]] = (num, new)
        log.append(Repair("erratum", num, text.strip(), new.strip()))
    return out
