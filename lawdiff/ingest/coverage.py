"""Nothing lost: every word of the source ends up as element text of the document.

Checked on every import, after the document is built: the words of the source (after the
logged repairs: letter-spacing, Latin "i", words broken across lines) are counted, and each
must occur at least as often in the element text of the places a word can go: the title,
the requisites and status word, the body (preamble, units, signature), the notes, the
appendices and the unstructured block. Text that only reached an attribute (an event's
source sentence, a repair record) or nothing at all makes the import fail with one line
naming the first source line that lost a word.

Words are runs of two or more letters, compared case-folded: numbers live in attributes
(a clause's "3." is its ``num``), and single letters are list labels ("а)") or initials.
The words that name a unit's kind ("1-тарау", "Глава 2") are its element, so each structural
element stands for its kind's words.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from lawdiff import LawdiffError
from lawdiff.ingest import layout
from lawdiff.ingest.repair import fix_latin_i, fix_letter_spacing, join_wrapped

_WORD = re.compile(r"[^\W\d_]{2,}")
#: Where words may land: element text under these parts of the document.
_PLACES = ("meta/requisites", "meta/status", "body", "notes", "appendix", "unstructured")
#: The words a structural element stands for.
_KIND_WORDS = {
    "section": ("бөлім", "раздел"), "chapter": ("тарау", "глава"), "subchapter": ("параграф",),
    "article": ("бап", "статья"),
}
_MAX_LISTED = 5


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(fix_latin_i(text))]


def _source_words(doc: layout.Document, head: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line, word) of every word of the source, paragraphs joined as the importer joins them."""
    regions: list[list[tuple[int, str]]] = [doc.body, doc.unstructured]
    out: list[tuple[int, str]] = []
    # The head is read block by block (title, status word, requisites), never as one paragraph:
    # joined, "... годы" and the status "С истёкшим сроком" would read as the word "годыС".
    head_repaired = [(n, fix_latin_i(fix_letter_spacing(t))) for n, t in head]
    for num, raw in layout.head_blocks(head_repaired, doc.layout):
        out.extend((num, w) for w in words(join_wrapped([layout.cells_text(t) for t in raw])))
    for app in doc.appendices:
        regions.append(app.lines)
        out.extend((n, w) for n, t in app.mark for w in words(fix_letter_spacing(t)))   # joined with spaces
    for region in regions:
        repaired = [(n, fix_latin_i(fix_letter_spacing(t))) for n, t in region]
        for num, raw in layout.paragraphs(repaired, doc.layout):
            out.extend((num, w) for w in words(join_wrapped([layout.cells_text(t) for t in raw])))
    for line in doc.signature:
        out.extend((0, w) for w in words(line))
    return out


def document_words(root: etree._Element) -> Counter:
    """The words of the document's element text, where source words may go."""
    found: Counter = Counter()
    for path in _PLACES:
        for part in root.iterfind(path):
            for el in part.iter():
                if not isinstance(el.tag, str):
                    continue
                found.update(words(el.text or ""))
                found.update(_KIND_WORDS.get(el.tag, ()))
    return found


def check_nothing_lost(doc: layout.Document, head: list[tuple[int, str]], root: etree._Element, name: str) -> None:
    """Refuse (one line) a document that lost a word of its source."""
    source = _source_words(doc, head)
    found = document_words(root)
    missing = Counter(w for _, w in source) - found
    if not missing:
        return
    # The first line holding a word the document lacks entirely; else (a word kept fewer times
    # than written) the last line holding it.
    line = next((n for n, w in source if w in missing and not found[w] and n), None) \
        or next((n for n, w in reversed(source) if w in missing and n), None)
    listed = ", ".join(sorted(missing)[:_MAX_LISTED])
    where = f"{name}:{line}" if line else name
    raise LawdiffError(f"{where}: the import would lose {sum(missing.values())} words of the text "
                       f"({listed}{', ...' if len(missing) > _MAX_LISTED else ''}); refused")
