"""Akoma Ntoso export of one work as in force on a date, with its FRBR identifiers.

The corpus keeps its own versioned format; this renders one point-in-time expression in AKN
3.0 shape (FRBRWork / FRBRExpression / FRBRManifestation, hierarchy with eIds unchanged),
for exchange with AKN tools. Units whose wording is not in the corpus are left out and
listed in a note, never filled in.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from lawdiff.model.act import Act

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_TAGS = {"section": "section", "chapter": "chapter", "subchapter": "subchapter", "article": "article",
         "clause": "paragraph", "subclause": "subparagraph", "part": "hcontainer"}
_LANG = {"kk": "kaz", "ru": "rus"}


def frbr_work_uri(act: Act) -> str:
    """``/akn/kz/act/<type>/<issuer>/<date>/<number>``."""
    issuer = act.root.find("meta/issuer").get("code")
    return f"/akn/kz/act/{act.type}/{issuer}/{act.date.isoformat()}/{act.id.rsplit('/', 1)[-1]}"


def frbr_expression_uri(act: Act, when: dt.date) -> str:
    """The work URI, language, and ``:<date>`` for the expression as at a date."""
    return f"{frbr_work_uri(act)}/{_LANG.get(act.root.get('lang'), 'kaz')}:{when.isoformat()}"


def _e(parent, tag: str, **attrs):
    return etree.SubElement(parent, f"{{{AKN_NS}}}{tag}", {k.replace("_", ""): v for k, v in attrs.items()})


def to_akn(act: Act, when: dt.date, in_force: set) -> etree._Element:
    """AKN document of ``act`` on ``when``; ``in_force`` holds the ids of the version elements
    (the lxml elements themselves, kept alive in the set) that are in force then, as computed by :mod:`lawdiff.time`."""
    root = etree.Element(f"{{{AKN_NS}}}akomaNtoso", nsmap={None: AKN_NS})
    doc = _e(root, "act", name=act.type)
    meta = _e(doc, "meta")
    ident = _e(meta, "identification", source="#lawdiff")
    work_uri = frbr_work_uri(act)
    expr_uri = frbr_expression_uri(act, when)
    for level, uri in (("FRBRWork", work_uri), ("FRBRExpression", expr_uri), ("FRBRManifestation", expr_uri + ".akn")):
        el = _e(ident, level)
        _e(el, "FRBRthis", value=uri + ("" if level == "FRBRManifestation" else "/!main"))
        _e(el, "FRBRuri", value=uri)
        _e(el, "FRBRdate", date=act.date.isoformat() if level == "FRBRWork" else when.isoformat(),
           name="Generation" if level == "FRBRWork" else "as-at")
        _e(el, "FRBRauthor", href="#" + act.root.find("meta/issuer").get("code"))
        if level == "FRBRWork":
            _e(el, "FRBRcountry", value="kz")
            _e(el, "FRBRnumber", value=act.number)
        if level == "FRBRExpression":
            _e(el, "FRBRlanguage", language=_LANG.get(act.root.get("lang"), "kaz"))
    body = _e(doc, "body")
    missing: list[str] = []
    for src in act.root.find("body"):
        _convert(src, body, in_force, missing)
    for app in act.root.iterfind("appendix"):
        if app.get("absent") == "true":
            if app in in_force:
                missing.append(app.get("eId"))
            continue
        if app in in_force or any(d in in_force for d in app.iter()):
            att = _e(doc, "attachment", eId=app.get("eId"))
            for child in app:
                _convert(child, att, in_force, missing)
    if missing:
        note = _e(meta, "notes", source="#lawdiff")
        _e(_e(note, "note", eId="note_coverage"), "p").text = "Not in the corpus: " + ", ".join(missing)
    return root


def _convert(src, parent, in_force: set, missing: list[str]) -> None:
    tag = src.tag
    if not isinstance(tag, str) or tag in ("signature",):
        return
    if src.get("eId") and src.get("absent") == "true":
        if src in in_force:
            missing.append(src.get("eId"))
        return
    if tag == "p":
        if src in in_force:
            content = _e(parent, "content", eId=src.get("eId"))
            _e(content, "p").text = src.text
        return
    if tag in ("title", "heading", "mark"):
        if tag != "title" or src in in_force:
            _e(parent, "heading" if tag != "title" else "longTitle").text = src.text
        return
    if tag == "preamble":
        if src in in_force or any(d in in_force for d in src.iter("p")):
            pre = _e(parent, "preamble")
            for child in src:
                _convert(child, pre, in_force, missing)
        return
    if tag == "tariffs":
        table = _e(parent, "table", eId=src.get("eId"))
        for row in src.iter("row"):
            if row in in_force:
                tr = _e(table, "tr", eId=row.get("eId"))
                for value in (row.get("num"), row.findtext("service"), row.findtext("position"), row.get("price")):
                    _e(_e(tr, "td"), "p").text = value
        return
    if tag in _TAGS:
        if not any(d in in_force for d in src.iter()):
            return
        attrs = {"eId": src.get("eId")}
        if tag == "part":
            attrs["name"] = "part"
        unit = _e(parent, _TAGS[tag], **attrs)
        if src.get("num"):
            _e(unit, "num").text = src.get("num") + (")" if tag == "subclause" else ".")
        for child in src:
            _convert(child, unit, in_force, missing)
