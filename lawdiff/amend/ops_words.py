"""replace-words, replace-words-everywhere, insert-words, replace-number.

Words are replaced wherever they occur as whole words ("мүгедек" is not replaced inside
"мүгедектер") in every paragraph of the target in force at E — every occurrence, never only
the first; «» and "" count as the same quotes. Zero occurrences is an error, and so is a
count other than the one the instruction allows (a number replacement allows exactly one:
"«150» саны «800» санына" names one figure). Numbers match whole numbers only ("150" is not
in "1500" or "150,5") in text, and tariff rows whose price equals the number get a new price.
Each changed paragraph or row is a new version from E.

insert-words puts its words after (or before) every whole-word occurrence of the anchor
words, with the same count policy; a space separates them unless the inserted words begin
with punctuation ("«көмек» деген сөзден кейін «, оның ішінде» деген сөздермен").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from lxml import etree

from lawdiff import LawdiffError
from lawdiff.amend.context import Run, what
from lawdiff.amend.ops import Operation
from lawdiff.amend.tree import resolve, retext, supersede, text_elements
from lawdiff.model import version as V

_QUOTES = "\"«»“”„"


def words_pattern(old: str) -> re.Pattern:
    """Whole-word pattern for ``old``: any quote matches any quote, spaces match spaces."""
    parts = []
    for ch in old:
        if ch in _QUOTES:
            parts.append(f"[{re.escape(_QUOTES)}]")
        elif ch.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return re.compile(r"(?<![\w-])" + "".join(parts) + r"(?![\w-])")


def number_pattern(old: str) -> re.Pattern:
    return re.compile(r"(?<![\d.,])" + re.escape(old.strip()) + r"(?![\d]|[.,]\d)")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None


def _scope(op: Operation, run: Run, w: str) -> list[etree._Element]:
    """The elements whose text the operation searches: the target, or the whole work."""
    if op.path:
        found = resolve(run.target, op.path, run.clock, create=False, what=w)
        run.notes.extend(found.notes)
        if found.element is None or V.within_absent(found.element):
            raise LawdiffError(f"{w}: the text of {found.element.get('eId') if found.element is not None else op.path} "
                               "is not in the corpus, so its words cannot be replaced")
        return [found.element]
    roots = [c for c in run.target.root if c.tag in ("body", "appendix") and run.clock.in_force(c)]
    if any(V.within_absent(el) for r in roots for el in r.iter() if isinstance(el.tag, str)):
        run.notes.append(f"{w}: part of {run.target.id} is not in the corpus; only the text held is changed")
    return roots


def apply(op: Operation, run: Run) -> None:
    w = what(op)
    if not op.words:
        raise LawdiffError(f"{w}: no words to replace")
    old, new = op.words
    number = op.op == "replace-number"
    sub = _inserter(op) if op.op == "insert-words" else (lambda m: new)
    rx = number_pattern(old) if number else words_pattern(old)
    roots = _scope(op, run, w)
    texts = [t for r in roots for t in text_elements(r, run.clock) if t.tag != "mark" and not V.within_absent(t)]
    hits = [(t, len(rx.findall(t.text or ""))) for t in texts]
    hits = [(t, n) for t, n in hits if n]
    rows = []
    if number:
        value = _decimal(old)
        rows = [row for r in roots for row in r.iter("row")
                if value is not None and run.clock.in_force(V.holder(row)) and _decimal(row.get("price", "")) == value]
    total = sum(n for _, n in hits) + len(rows)
    what_words = f"«{old}»"
    if total == 0:
        raise LawdiffError(f"{w}: {what_words} not found")
    if op.count is not None and total != op.count:
        raise LawdiffError(f"{w}: {what_words} found {total} times, the instruction allows {op.count}")
    for t, n in hits:
        before = t.text
        after = rx.sub(sub, before)
        if not new:
            after = re.sub(r"\s{2,}", " ", after)
            after = re.sub(r"\s+([,.;:)])", r"\1", after).strip()
        fixed = retext(t, after, run.clock, run.notes, w)
        run.change(fixed.get("eId") or fixed.tag, before, after, f"{n} occurrence(s)")
    for row in rows:
        before = row.get("price")
        new_row = _copy(row)
        new_row.set("price", str(_decimal(new)))
        supersede(row, new_row, run.clock, run.notes, w)
        run.change(row.get("eId"), f"{row.findtext('service')}: {before}", f"{row.findtext('service')}: {new_row.get('price')}")


def _inserter(op: Operation):
    """The substitution of insert-words: the anchor as found, plus the new words."""
    add = op.words[1]
    glue = "" if re.match(r"[,.;:)]", add) else " "
    if op.position == "before":
        return lambda m: f"{add} {m.group(0)}"
    return lambda m: f"{m.group(0)}{glue}{add}"


def _copy(row: etree._Element) -> etree._Element:
    new = etree.Element(row.tag)
    for k, v in row.attrib.items():
        if k not in V.BOUNDS:
            new.set(k, v)
    for child in row:
        new.append(child.__copy__())
    return new
