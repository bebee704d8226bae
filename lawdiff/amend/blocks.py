"""Paragraphs of an amending act grouped into instruction sentences with their new wordings.

An instruction that ends in ":" takes the quoted paragraphs after it as its new wording (or,
for a repeal, the numbered items after it as the acts repealed); a wording may also follow the
colon in the same paragraph. The amending act's own numbering ("1. ", "2) ") is not part of
the sentence, except where the number names a Kazakh target ("2) тармақшада:").

Real texts bend this: instructions run together on one line ("buıyramyn:1. … tanylsyn.2. …"),
a new wording comes without quotes (it then runs to the next instruction, and the operation
is read with a warning), an inner quote is left open (the `";` / `".` convention ends the
wording), the text is Kazakh in the Latin alphabet (read in Cyrillic; the text as written is
kept as the operation's source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff import lang
from lawdiff.amend import vocab
from lawdiff.amend.nouns import KK_NP, find_nps
from lawdiff.amend.wording import OPEN_QUOTES, inline_closed, mask_quotes, outside_quotes, quote_spans, take_wording

@dataclass
class Block:
    """One instruction sentence as read (Cyrillic) and as written, with what follows it."""

    sentence: str
    source: str = ""
    wording: list[str] | None = None
    items: list[str] | None = None
    error: str | None = None
    #: the wording was not in quotes: where it ends is read from the next instruction.
    unquoted: bool = False
    #: where it stands in the amending act: [("clause", "1"), ("subclause", "2")].
    at: list[tuple[str, str | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.source = self.source or self.sentence


_OWN_CLAUSE = re.compile(r"^\d+(?:-\d+)*\.\s+(?=\S)")
_OWN_ITEM = re.compile(r"^(\d+(?:-\d+)*|[а-яәі])\)\s+(?=\S)")


def strip_own_number(text: str) -> tuple[str, bool]:
    """Drop the amending act's own numbering ("1. ", "2) ") from an instruction sentence.

    "2) тармақшада:" keeps its number: there it names the target (a Kazakh subclause).
    Returns the sentence and whether it started a clause of the amending act.
    """
    m = _OWN_CLAUSE.match(text)
    if m:
        return text[m.end():], True
    m = _OWN_ITEM.match(text)
    np_ = KK_NP.match(text)
    if m and not (np_ and np_.group("items")):
        return text[m.end():], False
    return text, False


def _is_own_item(text: str) -> bool:
    """Does ``text`` start with an item number of the amending act, not a target's ("2) тармақшада:")?"""
    return strip_own_number(text)[0] != text


def ends_with_colon(masked: str) -> bool:
    return masked.rstrip().endswith(":")


def readable(text: str, version: str | None) -> str:
    """The text as the grammar reads it: a paragraph in Latin letters of an act written in
    the Kazakh Latin alphabet ``version`` put in Cyrillic outside quotes (quoted words are the
    amended act's and stay as written). A paragraph may have no letter only that alphabet has
    ("4-tarmaq alyp tastalsyn"), so the alphabet is told from the whole act."""
    if version is None or not lang.mostly_latin(mask_quotes(text)[0]):
        return text
    return outside_quotes(text, lambda part: lang.latin_to_cyrillic(part, version))


#: A number of the amending act's own that starts an instruction run into the one before it:
#: after ":" / "." / ";" / ")" outside quotes ("buıyramyn:1. «…»", "жарияланған).2. Департамент",
#: "тәртіппен:1) …;2) …").
_GLUED = re.compile(r"(?<=[:.;)])\s*(?P<num>\d+)(?P<mark>[.)])(?:\s+|(?=[^\W\d_]|[«\"“]))")


def split_run_together(text: str) -> list[str]:
    """Instructions run together on one line, one per piece; a paragraph holding one comes
    back as it is. A number splits only where it continues the act's own numbering: "1" after
    a colon, or the next number of its kind ("N." clauses, "N)" items)."""
    spans = quote_spans(text)
    last = {".": None, ")": None}
    m0 = re.match(r"^(\d+)([.)])\s", text)
    if m0:
        last[m0.group(2)] = int(m0.group(1))
    cuts = []
    for m in _GLUED.finditer(text):
        if any(a <= m.start() < b for a, b in spans) or m.start() == 0:
            continue
        num, mark = int(m["num"]), m["mark"]
        before = text[:m.start()].rstrip()[-1:]
        if (num == 1 and before == ":") or (last[mark] is not None and num == last[mark] + 1):
            cuts.append(m.start("num"))
            last[mark] = num
            if mark == ".":
                last[")"] = None
    pieces = [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)])]
    return [p for p in pieces if p]


def blocks(paragraphs: list[str]) -> list[Block]:
    """Group paragraphs into instruction sentences with their new wording (or listed acts)."""
    paras = [p.strip() for p in paragraphs]
    version = lang.latin_version(" ".join(mask_quotes(p)[0] for p in paras))
    out: list[Block] = []
    i = 0
    own, item = 0, None
    while i < len(paras):
        if not paras[i]:
            i += 1
            continue
        pieces = split_run_together(paras[i])
        paras[i:i + 1] = pieces
        m = re.match(r"(\d+)\.\s", paras[i])
        if m:
            own, item = int(m.group(1)), None
        elif _OWN_ITEM.match(paras[i]) and _is_own_item(readable(paras[i], version)):
            item = _OWN_ITEM.match(paras[i]).group(1)
        block, i = _block(paras, i, own, version)
        block.at = ([("clause", str(own))] if own else []) + ([("subclause", item)] if own and item else [])
        out.append(block)
    return out


def _block(paras: list[str], i: int, own: int, version: str | None) -> tuple[Block, int]:
    """The block that starts at ``paras[i]`` and the index after it (``own``: the number of
    the amending act's clause it is in, whose successor ends an unquoted wording; ``version``:
    its Latin alphabet, if any)."""

    def read(text: str) -> str:
        return readable(text, version)

    def ends(paragraph: str) -> bool:
        return next_instruction(read(paragraph))

    raw = paras[i]
    i += 1
    # New wording in the same paragraph: "… изложить в новой редакции: "3) …";"
    m = re.search(r":\s*(?=[\"«“„])", raw)
    if m and not ends_with_colon(mask_quotes(raw)[0]) and verbs_of(mask_quotes(read(raw[:m.start()]))[0]):
        block = Block(read(raw[:m.end()].rstrip()), raw[:m.end()].rstrip(), wording=[raw[m.end():]])
        if not inline_closed(raw[m.end():]):
            block.error = "the quoted new wording is not closed"
        return block, i
    text = read(raw)
    block = Block(text, raw)
    masked = mask_quotes(text)[0]
    if not ends_with_colon(masked) or i >= len(paras):
        return block, i
    verbs = verbs_of(masked)
    if verbs and paras[i][:1] in OPEN_QUOTES:
        block.wording, i, block.error = take_wording(paras, i, ends)
    elif verbs and verbs[0] == "repeal" and _OWN_ITEM.match(paras[i]):
        items = []
        while i < len(paras) and _OWN_ITEM.match(paras[i]):
            items.append(read(paras[i]))
            i += 1
        block.items = items
    elif verbs and verbs[0] in ("replace", "insert") and not ends(paras[i]):
        wording = []
        while i < len(paras) and (not wording or not (ends(paras[i])
                                                       or paras[i].startswith(f"{own + 1}. "))):
            wording.append(paras[i])
            i += 1
        block.wording, block.unquoted = wording, True
    return block, i


def next_instruction(paragraph: str) -> bool:
    """Does ``paragraph`` (as read) begin the next instruction, not continue a wording? It has an
    operation verb or the umbrella "… енгізілсін:", names the amended act ("Көрсетілген
    шешімнің …", "указанного решения"), or is a short context line ("2-тармақта:")."""
    masked = mask_quotes(paragraph)[0]
    own = strip_own_number(masked)[0]
    if verbs_of(own) or vocab.UMBRELLA.search(own) or vocab.SAME_WORK.match(own.strip()):
        return True
    if ends_with_colon(own) and len(own) <= 60:
        nps = find_nps(own)
        return bool(nps) and nps[-1].case in ("loc", "locattr")
    return False


def verbs_of(masked: str) -> list[str]:
    return [name for name, rx in vocab.VERBS if rx.search(masked)]
