"""Paragraphs of an amending act grouped into instruction sentences with their new wordings.

An instruction that ends in ":" takes the quoted paragraphs after it as its new wording (or,
for a repeal, the numbered items after it as the acts repealed); a wording may also follow the
colon in the same paragraph. The amending act's own numbering ("1. ", "2) ") is not part of
the sentence, except where the number names a Kazakh target ("2) тармақшада:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lawdiff.amend import vocab
from lawdiff.amend.nouns import KK_NP
from lawdiff.amend.wording import OPEN_QUOTES, mask_quotes, wording_closed

@dataclass
class Block:
    sentence: str
    wording: list[str] | None = None
    items: list[str] | None = None
    error: str | None = None


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


def ends_with_colon(masked: str) -> bool:
    return masked.rstrip().endswith(":")


def blocks(paragraphs: list[str]) -> list[Block]:
    """Group paragraphs into instruction sentences with their quoted new wording."""
    blocks: list[Block] = []
    i = 0
    n = len(paragraphs)
    while i < n:
        text = paragraphs[i].strip()
        i += 1
        if not text:
            continue
        masked, _ = mask_quotes(text)
        inline = None
        # New wording in the same paragraph: "… изложить в новой редакции: "3) …";"
        m = re.search(r":\s*(?=[\"«“])", text)
        if m and not ends_with_colon(masked) and verbs_of(mask_quotes(text[:m.start()])[0]):
            inline = [text[m.end():]]
            text = text[:m.end()].rstrip()
            masked = mask_quotes(text)[0]
        block = Block(text)
        if inline is not None:
            block.wording = inline
            if not wording_closed(inline):
                block.error = "the quoted new wording is not closed"
            blocks.append(block)
            continue
        if (ends_with_colon(masked) and verbs_of(masked) and i < n
                and paragraphs[i].strip()[:1] in OPEN_QUOTES):
            wording: list[str] = []
            while i < n:
                wording.append(paragraphs[i].strip())
                i += 1
                if wording_closed(wording):
                    break
            else:
                block.error = "the quoted new wording is not closed before the end of the text"
            block.wording = wording
        elif (ends_with_colon(masked) and vocab.VERBS[0][1].search(masked)
              and i < n and _OWN_ITEM.match(paragraphs[i].strip())):
            items = []
            while i < n and _OWN_ITEM.match(paragraphs[i].strip()):
                items.append(paragraphs[i].strip())
                i += 1
            block.items = items
        blocks.append(block)
    return blocks


def verbs_of(masked: str) -> list[str]:
    return [name for name, rx in vocab.VERBS if rx.search(masked)]
