"""Synthetic works for redline tests: made-up provisions and tariff rows (not real legal text)
written as schema-valid work files, so the tests compare them through the review engine the
``diff`` command uses (:func:`lawdiff.review.diff_works`), not through a test-only path.

A provision is given as (eId of its text element, text): ``title``, ``preamble__indent_1``,
``para_1__indent_1``, ``para_2__subpara_1__indent_1``...; the units that hold it are built
from the eId. A tariff row is a dict with num, service, position, price and category.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from conftest import DATA
from lawdiff.corpus import Corpus
from lawdiff.model import xmlio
from lawdiff.model.ids import KINDS, parse_eid
from lawdiff.review import Review, diff_works

TEMPLATE = DATA / "review" / "small.xml"


def _unit(parent: etree._Element, path: list[tuple[str, str | None]]) -> etree._Element:
    """The element for ``path`` under ``parent``, created (with the units above it) if missing."""
    from lawdiff.model.ids import eid

    cur = parent
    for n in range(1, len(path) + 1):
        step = eid(path[:n])
        found = next((c for c in cur if c.get("eId") == step), None)
        if found is None:
            kind, num = path[n - 1]
            found = etree.SubElement(cur, KINDS[kind][1], eId=step)
            if num is not None and kind not in ("part", "indent", "preamble"):
                found.set("num", num)
        cur = found
    return cur


def work_xml(work: str, provisions: Sequence[tuple[str, str]], rows: Sequence[dict] = ()) -> bytes:
    """A work file for ``work`` holding ``provisions`` and a table of ``rows`` (per service)."""
    root = etree.parse(str(TEMPLATE)).getroot()
    root.set("id", work)
    meta = root.find("meta")
    meta.find("number").text = work.rsplit("/", 1)[-1]
    for el in [*root.iterfind("lifecycle/event[@kind='amended']"), root.find("notes")]:
        el.getparent().remove(el)
    body = root.find("body")
    signature = body.find("signature")
    for child in list(body):
        if child is not signature:
            body.remove(child)
    for eid_, text in provisions:
        if eid_ == "title":
            title = etree.Element("title", eId="title")
            title.text = text
            body.insert(0, title)
            continue
        path = parse_eid(eid_)
        holder = _unit(body, path[:-1])
        p = etree.SubElement(holder, KINDS[path[-1][0]][1], eId=eid_)
        p.text = text
    body.remove(signature)
    body.append(signature)
    for app in list(root.iterfind("appendix")):
        root.remove(app)
    if rows:
        root.append(_appendix(rows))
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _appendix(rows: Sequence[dict]) -> etree._Element:
    template = etree.parse(str(TEMPLATE)).getroot().find("appendix")
    table = template.find("tariffs")
    for group in list(table.iterfind("group")):
        table.remove(group)
    groups: dict[str, etree._Element] = {}
    for r in rows:
        category = r.get("category", "")
        if category not in groups:
            groups[category] = etree.SubElement(table, "group", eId=f"att_1__grp_{len(groups) + 1}")
            etree.SubElement(groups[category], "heading").text = category or "—"
        row = etree.SubElement(groups[category], "row", eId=f"att_1__row_{r['num']}", num=str(r["num"]),
                               price=str(r["price"]))
        etree.SubElement(row, "service").text = r["service"]
        etree.SubElement(row, "position").text = r["position"]
    return template


def compare(tmp_path: Path, old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]],
            old_rows: Sequence[dict] = (), new_rows: Sequence[dict] = ()) -> Review:
    """The review of two synthetic works, as ``lawdiff diff OLD NEW`` computes it."""
    root = tmp_path / "corpus"
    works = ("kz/oral-akimat/resolution/2024/101", "kz/oral-akimat/resolution/2024/102")
    for work, provisions, rows in zip(works, (old, new), (old_rows, new_rows)):
        path = root / f"{work}.xml"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = work_xml(work, provisions, rows)
        xmlio.check_valid(xmlio.parse_bytes(data, str(path)), str(path))
        path.write_bytes(data)
    return diff_works(Corpus(root), *works)


def changes(review: Review):
    """The redlines of a review whose readings are all determined (synthetic works are)."""
    out = [e.change for e in review.entries]
    assert all(c is not None for c in out)
    return out
