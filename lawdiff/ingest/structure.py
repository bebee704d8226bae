"""Structure: paragraphs of text -> nested structural units with eIds.

The one parser for every body: an act's own text, an appendix, and the new wording quoted in
an amending act. Kazakh structure, largest to smallest: бөлім › тарау › параграф › бап ›
тармақ ("1.") › тармақша ("1)") › бөлік (part, unnumbered) › абзац (indent: every paragraph).

Parts are told from list items by punctuation: a paragraph ending in ":" opens a list whose
items end in ";" and whose last item ends in "."; a paragraph that is not an item of an open
list starts a new part. A unit with one part has no <part> wrapper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from lawdiff.model import version as V
from lawdiff.model.ids import ELEMENT_TO_KIND, eid, norm_num
from lawdiff.patterns import lazy

_NUM = r"\d+(?:-\d+)*"
HEADINGS = [
    ("section", re.compile(rf"^(?P<num>{_NUM})(?:-|\s(?=бөлім\.\s))бөлім\.?\s*(?P<rest>.*)$|^(?:Раздел|РАЗДЕЛ)\s+(?P<rnum>{_NUM})\.?\s*(?P<rrest>.*)$")),
    ("chapter", re.compile(rf"^(?P<num>{_NUM})-тарау\.?\s*(?P<rest>.*)$|^(?:Глава|ГЛАВА)\s+(?P<rnum>{_NUM})\.?\s*(?P<rrest>.*)$")),
    ("subchapter", re.compile(rf"^(?P<num>{_NUM})-параграф\.?\s*(?P<rest>.*)$|^Параграф\s+(?P<rnum>{_NUM})\.?\s*(?P<rrest>.*)$")),
    ("article", re.compile(rf"^(?P<num>{_NUM})-бап\.?\s*(?P<rest>.*)$|^Статья\s+(?P<rnum>{_NUM})\.?\s*(?P<rrest>.*)$")),
]
CLAUSE = re.compile(rf"^(?P<num>{_NUM})\.\s+(?P<rest>\S.*)$")
SUBCLAUSE = re.compile(rf"^(?P<num>{_NUM}|[а-яәіңғүұқөһ])\)\s*(?P<rest>\S.*)$")
_BARE_HEADING_MAX = 120
_RANK = {"section": 0, "chapter": 1, "subchapter": 2, "article": 3, "clause": 4, "subclause": 5}
_QUOTE_OPEN = ('"', "«", "“", "„")
_QUOTE_CLOSE = lazy(r"[\"»”][.;,:]?\s*$")
#: The umbrella sentence that opens an amending act's instructions ("... мынадай өзгерістер
#: енгізілсін:", "внести следующие изменения:"): what follows, up to the next clause, is
#: instruction text, not structure of the amending act itself.
UMBRELLA = lazy(r"(?:енгізілсін|внести\s+следующ\w+\s+изменени\w*.*|дополнени\w*)\s*:\s*$", re.I)


@dataclass
class Para:
    """One paragraph of source text (already joined from its wrapped lines)."""

    line: int
    text: str


@dataclass
class _Node:
    kind: str
    num: str | None
    heading: str | None = None
    items: list = field(default_factory=list)   # Para | _Node, in order


def classify(text: str) -> tuple[str, str | None, str]:
    """(kind, number, remaining text) of a paragraph; kind "p" for plain text."""
    for kind, rx in HEADINGS:
        m = rx.match(text)
        if m:
            return kind, m["num"] or m["rnum"], (m["rest"] if m["num"] else m["rrest"]) or ""
    m = CLAUSE.match(text)
    if m:
        return "clause", m["num"], m["rest"]
    m = SUBCLAUSE.match(text)
    if m:
        return "subclause", m["num"], m["rest"]
    return "p", None, text


def _quoted_spans(paras: list[Para]) -> set[int]:
    """Indexes of paragraphs inside quoted new wordings ("...";) of an amending act."""
    inside: set[int] = set()
    open_ = False
    for i, p in enumerate(paras):
        t = p.text.strip()
        if not open_ and t.startswith(_QUOTE_OPEN):
            open_ = True
        if open_:
            inside.add(i)
            if _QUOTE_CLOSE.search(t) and not (len(t) <= 2):
                open_ = False
    return inside


def build_units(paras: list[Para], *, quoted_blocks: bool = False) -> list[etree._Element]:
    """Parse paragraphs into unit elements (without eIds: see :func:`assign_eids`).

    With ``quoted_blocks`` (amending acts), quoted new wordings stay plain paragraphs of the
    instruction that quotes them instead of being read as the amending act's own clauses.
    """
    opaque = _quoted_spans(paras) if quoted_blocks else set()
    root = _Node("root", None)
    stack: list[_Node] = [root]
    classified = [("p", None, p.text) if i in opaque else classify(p.text) for i, p in enumerate(paras)]
    if quoted_blocks:
        _flatten_instructions(paras, classified)
    _bare_chapter_headings(classified)
    for i, (para, (kind, num, rest)) in enumerate(zip(paras, classified)):
        if kind == "p":
            target = stack[-1]
            if target.kind == "subclause" and _subclause_list_closed(target, classified[i + 1:]):
                stack.pop()
                target = stack[-1]
            target.items.append(Para(para.line, rest))
            continue
        if kind == "subclause" and not any(n.kind in ("clause", "article", "subclause") for n in stack):
            # A numbered item outside any clause (a list in a preamble or appendix).
            pass
        while len(stack) > 1 and _RANK.get(stack[-1].kind, 9) >= _RANK[kind]:
            stack.pop()
        node = _Node(kind, num)
        if kind in ("section", "chapter", "subchapter", "article"):
            node.heading = rest or None
        elif rest:
            node.items.append(Para(para.line, rest))
        stack[-1].items.append(node)
        stack.append(node)
    return [_to_xml(item) for item in _group_parts(root).items]


def _leading_int(num: str | None) -> int | None:
    m = re.match(r"\d+", num or "")
    return int(m.group(0)) if m else None


def _bare_chapter_headings(classified: list[tuple[str, str | None, str]]) -> None:
    """A numbered line that is a chapter heading, not a clause: "1. Жалпы ережелер" between
    clauses numbered on across chapters. It is short, ends without punctuation, and the
    clause right after it continues the running clause numbering that it would break."""
    last: int | None = None
    for i, (kind, num, rest) in enumerate(classified):
        if kind != "clause":
            continue
        nxt = classified[i + 1] if i + 1 < len(classified) else None
        heading_like = len(rest) < _BARE_HEADING_MAX and not rest.rstrip().endswith((".", ",", ";", ":")) \
            and rest[:1].isupper()
        if heading_like and nxt is not None and nxt[0] == "clause" \
                and _leading_int(nxt[1]) == (last + 1 if last is not None else 1):
            classified[i] = ("chapter", num, rest)
            continue
        last = _leading_int(num) if _leading_int(num) is not None else last


def _flatten_instructions(paras: list[Para], classified: list[tuple[str, str | None, str]]) -> None:
    """After an umbrella sentence, read every paragraph as plain text until the next clause.
    A law's next article ("2-бап.", numbered on from the last) ends the instructions and starts
    its own clause numbering: under an article whose heading is the umbrella ("1-бап. ...
    өзгерістер енгізілсін:"), its clause "1." is its own."""
    current: str | None = None
    instructing = False
    articles = 0
    for i, p in enumerate(paras):
        kind, num, _ = classified[i]
        if kind == "article" and _leading_int(num) == articles + 1:
            articles += 1
            current, instructing = "0", False
        elif kind == "clause" and (not instructing or (current and num and num.isdigit() and current.isdigit()
                                                     and int(num) == int(current) + 1)):
            current, instructing = num, False
        elif instructing:
            classified[i] = ("p", None, p.text)
        if UMBRELLA.search(p.text):
            instructing = True


def _subclause_list_closed(sub: _Node, following: list[tuple[str, str | None, str]]) -> bool:
    """Does a plain paragraph after subclause ``sub`` leave it (and belong to the parent)?

    If another subclause follows before the next clause, the paragraph belongs to ``sub``.
    Otherwise it leaves ``sub`` when ``sub`` ended its sentence with ".".
    """
    for kind, _, _ in following:
        if kind == "subclause":
            return False
        if kind != "p":
            break
    last = _last_text(sub)
    return last.rstrip().endswith(".")


def _last_text(node: _Node) -> str:
    for item in reversed(node.items):
        if isinstance(item, Para):
            return item.text
        return _last_text(item)
    return ""


def _group_parts(node: _Node) -> _Node:
    """Split each unit's items into parts where a paragraph is not an item of an open list."""
    for item in node.items:
        if isinstance(item, _Node):
            _group_parts(item)
    if node.kind in ("root",) or not node.items:
        return node
    if any(isinstance(i, Para) and UMBRELLA.search(i.text) for i in node.items):
        return node   # an amending act's instruction clause: its paragraphs are instructions
    parts: list[list] = [[]]
    list_open = False
    for item in node.items:
        if isinstance(item, Para):
            if parts[-1] and not list_open:
                parts.append([])
            parts[-1].append(item)
            t = item.text.rstrip()
            # a table row pasted from the web page ("cell | cell") stays with its lead-in line
            list_open = t.endswith(":") or (list_open and (t.endswith((";", ",")) or " | " in t))
        else:
            parts[-1].append(item)
            t = _last_text(item).rstrip()
            list_open = list_open and not t.endswith(".")
    if len(parts) > 1:
        node.items = [_Node("part", str(i), items=p) for i, p in enumerate(parts, 1)]
    return node


def _to_xml(item) -> etree._Element:
    if isinstance(item, Para):
        el = etree.Element("p")
        el.text = item.text
        return el
    tag = {"section": "section", "chapter": "chapter", "subchapter": "subchapter", "article": "article",
           "clause": "clause", "subclause": "subclause", "part": "part"}[item.kind]
    el = etree.Element(tag)
    if item.num is not None and item.kind != "part":
        el.set("num", item.num)
    if item.heading:
        etree.SubElement(el, "heading").text = item.heading
    for child in item.items:
        el.append(_to_xml(child))
    return el


def assign_eids(parent: etree._Element, parent_path: list[tuple[str, str | None]]) -> None:
    """Give every unit below ``parent`` its eId from its position: the only eId numbering.

    Paragraphs are counted per unit (or per part); parts are counted per unit; numbered
    units use their own number. Versions of one unit (same num, same place) share an eId,
    so an element that follows a sibling with the same eId reuses its count.
    """
    counters: dict[str, int] = {}
    last_eid: dict[str, str] = {}
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        kind = ELEMENT_TO_KIND.get(child.tag)
        if kind is None or kind in ("title", "preamble", "appendix", "group", "row"):
            continue
        if kind in ("indent", "part"):
            if child.get("eId") and child.get("eId") == last_eid.get(kind) and V.bounded(child):
                num = str(counters[kind])
            else:
                counters[kind] = counters.get(kind, 0) + 1
                num = str(counters[kind])
        else:
            num = norm_num(child.get("num", ""))
        path = parent_path + [(kind, num)]
        child.set("eId", eid(path))
        last_eid[kind] = child.get("eId")
        assign_eids(child, path)
