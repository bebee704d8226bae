"""Quoted text in instructions: masking it, finding where a new wording ends, sharing it out.

Quoted words are masked first, so that words inside quotes are never read as targets or verbs.
A new wording runs from its opening quote to the closing one that ends a paragraph (the
`";` / `".` convention of amending acts); several targets share one wording by their numbers.
"""

from __future__ import annotations

import re

from lawdiff import LawdiffError
from lawdiff.amend.ops import Path
from lawdiff.model.ids import norm_num
from lawdiff.patterns import lazy

QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”", "„": "“"}
OPEN_QUOTES = tuple(QUOTE_PAIRS)
_OPENING = re.compile("[" + "".join(QUOTE_PAIRS) + "]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted span, its quote marks included, outermost only."""
    spans: list[tuple[int, int]] = []
    i = 0
    while True:
        found = _OPENING.search(text, i)     # the next character that opens a quote
        if found is None:
            return spans
        i = found.start()
        ch = text[i]
        j = _find_close(text, i, ch, QUOTE_PAIRS[ch])
        if j is not None:
            spans.append((i, j + 1))
            i = j + 1
        else:
            i += 1


def mask_quotes(text: str) -> tuple[str, list[str]]:
    """Replace each quoted span by a placeholder ⟦i⟧; return the masked text and the quotes."""
    quotes: list[str] = []
    out: list[str] = []
    pos = 0
    for start, end in quote_spans(text):
        out.append(text[pos:start])
        quotes.append(text[start + 1:end - 1])
        out.append(f"⟦{len(quotes) - 1}⟧")
        pos = end
    out.append(text[pos:])
    return "".join(out), quotes


def outside_quotes(text: str, change) -> str:
    """``text`` with ``change`` applied to every part of it that is not in quotes."""
    out: list[str] = []
    pos = 0
    for start, end in quote_spans(text):
        out.append(change(text[pos:start]))
        out.append(text[start:end])
        pos = end
    out.append(change(text[pos:]))
    return "".join(out)


def _find_close(text: str, i: int, open_: str, close: str) -> int | None:
    """The quote mark closing the one at ``i``; quotes of the same pair nest."""
    if open_ == close:
        j = text.find(close, i + 1)
        return j if j > i else None
    depth, j = 0, i
    while True:                   # from mark to mark, not character by character
        o, c = text.find(open_, j), text.find(close, j)
        if c < 0:
            return None
        if 0 <= o < c:
            depth, j = depth + 1, o + 1
        else:
            depth, j = depth - 1, c + 1
            if depth == 0:
                return c


_CLOSE_TAIL = re.compile(r"[\"»”]\s*[.;,]?\s*$")


def wording_closed(paras: list[str]) -> bool:
    joined = "\n".join(paras)
    if not _CLOSE_TAIL.search(paras[-1]):
        return False
    first = joined.lstrip()[0]
    if first == "«":
        return joined.count("«") == joined.count("»")
    if first == "“":
        return joined.count("“") <= joined.count("”")
    return joined.count('"') % 2 == 0 and len(joined.strip()) > 1


#: The end of a new wording by the convention of amending acts: a closing quote, then ";" or ".".
_END_CONVENTION = lazy(r"[\"»”“]\s*[.;]\s*$")


def take_wording(paras: list[str], start: int, next_instruction) -> tuple[list[str], int, str | None]:
    """The quoted new wording that begins at ``paras[start]``: its paragraphs, the index after
    it, and an error when its end cannot be found.

    It ends where its quotes balance at a paragraph's end. A wording whose quotes never balance
    (an inner quote opened and not closed: "«Қазақстан Республикасының «Білім туралы Заңы»;")
    ends at the first paragraph that closes by the `";` / `".` convention and is followed by
    the end of the text or by the next instruction (``next_instruction(paragraph)``)."""
    wording: list[str] = []
    i = start
    while i < len(paras):
        wording.append(paras[i])
        i += 1
        if wording_closed(wording):
            return wording, i, None
    for k, para in enumerate(wording):
        after = start + k + 1
        if _END_CONVENTION.search(para) and (after == len(paras) or next_instruction(paras[after])):
            return wording[:k + 1], after, None
    return wording, i, "the quoted new wording is not closed before the end of the text"


def inline_closed(text: str) -> bool:
    """Does a wording given on the instruction's own line end there (balanced quotes, or an
    unbalanced inner quote with the `";` / `".` end convention)?"""
    return wording_closed([text]) or bool(_END_CONVENTION.search(text))


def strip_wording(paras: list[str]) -> list[str]:
    """Remove the outer quotes and the punctuation after the closing one."""
    out = [p.strip() for p in paras]
    out[0] = out[0][1:].lstrip() if out[0][:1] in OPEN_QUOTES else out[0]
    out[-1] = re.sub(r"[\"»”]\s*[.;,]?\s*$", "", out[-1]).rstrip()
    return [p for p in out if p]


_SUBCLAUSE_START = re.compile(r"^(\d+(?:-\d+)*|[а-яәі])\)\s*")
_CLAUSE_START = re.compile(r"^(\d+(?:-\d+)*)\.\s+")


def number_warning(wording: list[str], path: Path) -> str | None:
    """Why a single target's new wording disagrees with it: its own number is another one
    ("4) тармақшасы" given "5) …"). Not a guess either way, so it is a warning to review."""
    kind, num = path[-1]
    start = _SUBCLAUSE_START if kind == "subclause" else _CLAUSE_START if kind == "clause" else None
    m = start.match(wording[0]) if start and wording else None
    if m and num is not None and norm_num(m.group(1)) != num:
        return (f"the new wording is numbered {m.group(0).strip()} but the target is {num}; applied "
                f"only with --accept-warnings, as {kind} {num}")
    return None


def split_wording(wording: list[str], paths: list[Path], source: str) -> list[list[str]]:
    """Share the new wording out among several targets of one instruction."""
    if not wording:
        raise LawdiffError("the quoted new wording is empty")
    kind = paths[0][-1][0]
    if len(paths) == 1:
        return [wording]
    if kind in ("subclause", "clause"):
        start = _SUBCLAUSE_START if kind == "subclause" else _CLAUSE_START
        chunks: list[list[str]] = []
        nums: list[str] = []
        for para in wording:
            m = start.match(para)
            if m:
                chunks.append([para])
                nums.append(norm_num(m.group(1)))
            elif chunks:
                chunks[-1].append(para)
            else:
                raise LawdiffError("the new wording does not start with a numbered unit")
        want = [p[-1][1] for p in paths]
        if nums != want:
            raise LawdiffError(f"the new wording holds units {nums}, the instruction names {want}")
        return chunks
    if kind == "part":
        groups = _group_parts(wording)
    else:
        groups = [[p] for p in wording]
    if len(groups) != len(paths):
        raise LawdiffError(f"the new wording has {len(groups)} {kind}s for {len(paths)} targets")
    return groups


def _group_parts(paras: list[str]) -> list[list[str]]:
    """Paragraphs into parts: a ':' opens a list whose items end in ';', '.' closes it."""
    groups: list[list[str]] = []
    list_open = False
    for p in paras:
        t = p.rstrip()
        if groups and list_open:
            groups[-1].append(p)
        else:
            groups.append([p])
        list_open = t.endswith(":") or (list_open and t.endswith((";", ",")))
    return groups
