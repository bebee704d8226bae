"""New wordings as structure: the quoted text of an instruction -> unit elements with eIds.

The wording is parsed by the same structure parser as any body
(:func:`lawdiff.ingest.structure.build_units`), then shaped into the unit the instruction
names: a paragraph (indent), a part, a numbered unit (its number taken from the target, and
checked against the wording when the wording repeats it), a title, a preamble, an appendix.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from lawdiff import LawdiffError
from lawdiff.ingest.structure import Para, assign_eids, build_units
from lawdiff.model import version as V
from lawdiff.model.ids import KINDS, eid, norm_num

_NUMBER_START = {
    "clause": re.compile(r"^(\d+(?:-\d+)*)\.\s+"),
    "subclause": re.compile(r"^(\d+(?:-\d+)*|[а-яәі])\)\s*"),
}
_UNIT_TAGS = ("section", "chapter", "subchapter", "article", "clause", "subclause", "part")


def element_tag(kind: str) -> str:
    return KINDS[kind][1]


def last_text(el: etree._Element) -> str:
    """The last paragraph text inside ``el`` (its own text for a <p>)."""
    if el.tag in ("p", "title"):
        return el.text or ""
    last = _last_p(el)
    return (last.text or "") if last is not None else ""


def _last_p(el: etree._Element) -> etree._Element | None:
    """The last <p> below ``el`` in document order, found from the end (an appendix holds
    hundreds of paragraphs before it)."""
    for child in reversed(el):
        found = _last_p(child)
        if found is not None:
            return found
        if child.tag == "p":
            return child
    return None


def group_parts(unit: etree._Element) -> None:
    """Wrap a unit's children in <part>s where a paragraph is not an item of an open list
    (a ":" opens a list, its items end in ";", a "." closes it), as the structure parser does.
    A unit with one part keeps no <part> wrapper."""
    children = [c for c in unit if c.tag != "heading"]
    parts: list[list[etree._Element]] = [[]]
    list_open = False
    for child in children:
        t = last_text(child).rstrip()
        if child.tag == "p":
            if parts[-1] and not list_open:
                parts.append([])
            parts[-1].append(child)
            list_open = t.endswith(":") or (list_open and t.endswith((";", ",")))
        else:
            parts[-1].append(child)
            list_open = list_open and not t.endswith(".")
    if len(parts) <= 1:
        return
    for child in children:
        unit.remove(child)
    for items in parts:
        part = etree.SubElement(unit, "part")
        for child in items:
            part.append(child)


def _units(paras: list[str]) -> list[etree._Element]:
    return build_units([Para(i, t) for i, t in enumerate(paras, 1)])


def build(kind: str, num: str | None, paras: list[str], path: list[tuple[str, str | None]],
          *, renumber: bool = False) -> etree._Element:
    """The element of a ``kind`` unit numbered ``num`` holding the wording ``paras``, with
    eIds for ``path`` (the unit's own path). ``renumber``: a wording numbered otherwise (a
    warning the user accepted) takes the target's number instead of being refused."""
    if not paras:
        raise LawdiffError("the new wording is empty")
    if kind == "indent":
        if len(paras) != 1:
            raise LawdiffError(f"an indent is one paragraph; the new wording has {len(paras)}")
        el = etree.Element("p")
        el.text = _strip_enclosing_number(paras[0], path) if num == "1" else paras[0]
    elif kind == "title":
        if len(paras) != 1:
            raise LawdiffError("a title is one paragraph")
        el = etree.Element("title")
        el.text = paras[0]
    elif kind in ("preamble", "part", "appendix"):
        el = etree.Element(element_tag(kind))
        if kind == "part" and num == "1":
            paras = [_strip_enclosing_number(paras[0], path), *paras[1:]]
        for child in _units(paras):
            el.append(child)
        if kind == "appendix":
            el.set("num", num or "1")
    else:
        el = etree.Element(element_tag(kind))
        if num is not None:
            el.set("num", num)
        first = paras[0]
        start = _NUMBER_START.get(kind)
        m = start.match(first) if start else None
        if m:
            if num is not None and norm_num(m.group(1)) != num and not renumber:
                raise LawdiffError(f"the new wording is numbered {m.group(0).strip()}, the target is {num}")
            first = first[m.end():]
        for child in _units([first, *paras[1:]]):
            el.append(child)
        group_parts(el)
    set_eids(el, path)
    return el


def _strip_enclosing_number(first: str, path: list[tuple[str, str | None]]) -> str:
    """The first part (or indent) of a numbered unit does not repeat the unit's number: a
    wording "4) мүгедектігі бар …" given to part 1 of subclause 4 loses its "4) "."""
    units = [(k, n) for k, n in path[:-1] if k in _NUMBER_START]
    if not units or path[-1][0] not in ("part", "indent"):
        return first
    kind, num = units[-1]
    if path[-2][0] == "part" and path[-1][0] == "indent" and path[-2][1] != "1":
        return first
    m = _NUMBER_START[kind].match(first)
    if m and num is not None and norm_num(m.group(1)) == num:
        return first[m.end():]
    return first


def set_eids(el: etree._Element, path: list[tuple[str, str | None]]) -> None:
    """Give ``el`` the eId of ``path`` and its descendants theirs (nested appendices too)."""
    if el.tag == "title":
        el.set("eId", "title")
        return
    el.set("eId", eid(path))
    assign_eids(el, path)
    for sub in el.findall("appendix"):
        set_eids(sub, path + [("appendix", sub.get("num"))])


def copy_appendix(source: etree._Element, path: list[tuple[str, str | None]]) -> etree._Element:
    """A copy of an amending act's appendix as the appendix at ``path`` of another work: its
    eIds re-based, version attributes dropped (the copy is one new version)."""
    old_prefix = source.get("eId")
    new_prefix = eid(path)
    el = copy.deepcopy(source)
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        for attr in V.ATTRS:
            node.attrib.pop(attr, None)
        value = node.get("eId")
        if value and (value == old_prefix or value.startswith(old_prefix + "__")):
            node.set("eId", new_prefix + value[len(old_prefix):])
    el.set("num", path[-1][1] or "1")
    return el


def content_for(op_kind: str, path: list[tuple[str, str | None]], paras: list[str]) -> list[etree._Element]:
    """The ``<content>`` of a stored operation: its wording as the unit it will become."""
    kind, num = path[-1]
    if op_kind in ("replace", "insert", "replace-appendix") and paras:
        return [build(kind, num, paras, path)]
    return []
