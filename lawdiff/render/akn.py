"""Akoma Ntoso export of one work as in force on a date, valid against the OASIS AKN 3.0 schema.

The corpus keeps its own versioned format; this renders one point-in-time expression for
exchange with AKN tools: FRBR work / expression / manifestation URIs in the form cobalt's
``FrbrUri`` gives (``/akn/kz/act/order/mlsp/2018-08-29/379/kaz:2020-01-01``, ``:`` for "as
at"), the title in ``<preface>``, the preamble and body in their places, appendices as
``<attachments>`` each with its own identification, and the lifecycle events whose dates are
known as ``<eventRef>``. Units whose wording is not in the corpus are left out and listed in
a note, never filled in; a date with no text in force gives a body that says so.

Shapes AKN requires and the corpus does not have are mapped, not invented: a unit holding
both text and sub-units puts its leading text in ``<intro>`` and any later indent in an
``<hcontainer name="indent">``; a tariff table is a ``<table>`` in an ``<hcontainer
name="tariffs">``, its category headings as full-width rows.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from lawdiff.model import version as V
from lawdiff.model.act import Act

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_TAGS = {"section": "section", "chapter": "chapter", "subchapter": "subchapter", "article": "article",
         "clause": "paragraph", "subclause": "subparagraph", "part": "hcontainer"}
_NUM_FORM = {"clause": "{}.", "subclause": "{})", "article": "{}", "chapter": "{}", "section": "{}",
             "subchapter": "{}"}
_LANG = {"kk": "kaz", "ru": "rus"}
#: Lifecycle event kinds and the AKN event types they become.
_EVENTS = {"adopted": "generation", "signed": "generation", "registered": "generation",
           "published": "generation", "entry-into-force": "generation", "amended": "amendment",
           "repealed": "repeal", "expired": "repeal"}


def frbr_work_uri(act: Act) -> str:
    """``/akn/kz/act/<type>/<issuer>/<date>/<number>`` (cobalt: subtype, actor, date, number)."""
    issuer = act.root.find("meta/issuer").get("code")
    return f"/akn/kz/act/{act.type}/{issuer}/{act.date.isoformat()}/{act.id.rsplit('/', 1)[-1]}"


def frbr_expression_uri(act: Act, when: dt.date) -> str:
    """The work URI, language, and ``:<date>`` for the expression as at a date."""
    return f"{frbr_work_uri(act)}/{_LANG.get(act.root.get('lang'), 'kaz')}:{when.isoformat()}"


def _e(parent, tag: str, text: str | None = None, **attrs):
    el = etree.SubElement(parent, f"{{{AKN_NS}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _identification(meta, act: Act, when: dt.date, component: str = "") -> None:
    issuer = "#" + act.root.find("meta/issuer").get("code")
    work, expr = frbr_work_uri(act), frbr_expression_uri(act, when)
    suffix = f"/!{component}" if component else "/!main"
    ident = _e(meta, "identification", source="#lawdiff")
    w = _e(ident, "FRBRWork")
    _e(w, "FRBRthis", value=work + suffix)
    _e(w, "FRBRuri", value=work)
    _e(w, "FRBRdate", date=act.date.isoformat(), name="adopted")
    _e(w, "FRBRauthor", href=issuer)
    _e(w, "FRBRcountry", value="kz")
    _e(w, "FRBRsubtype", value=act.type)
    _e(w, "FRBRnumber", value=act.number)
    x = _e(ident, "FRBRExpression")
    _e(x, "FRBRthis", value=expr + suffix)
    _e(x, "FRBRuri", value=expr)
    _e(x, "FRBRdate", date=when.isoformat(), name="as-at")
    _e(x, "FRBRauthor", href=issuer)
    _e(x, "FRBRlanguage", language=_LANG.get(act.root.get("lang"), "kaz"))
    m = _e(ident, "FRBRManifestation")
    _e(m, "FRBRthis", value=expr + suffix + ".xml")
    _e(m, "FRBRuri", value=expr + ".akn")
    _e(m, "FRBRdate", date=when.isoformat(), name="as-at")
    _e(m, "FRBRauthor", href="#lawdiff")


def _lifecycle_and_references(meta, act: Act) -> None:
    """Events with a known date as ``<eventRef>``; the acts they come from as references."""
    events = [e for e in act.events() if e.date and e.kind in _EVENTS]
    refs: dict[str, str] = {}
    if events:
        life = _e(meta, "lifecycle", source="#lawdiff")
        for n, ev in enumerate(sorted(events, key=lambda e: e.date), 1):
            src = f"#{refs.setdefault(ev.by or act.id, f'ref_{len(refs) + 1}')}"
            _e(life, "eventRef", eId=f"evt_{n}", date=ev.date.isoformat(), source=src, type=_EVENTS[ev.kind])
    references = _e(meta, "references", source="#lawdiff")
    for work, rid in refs.items():
        _e(references, "passiveRef" if work != act.id else "original", eId=rid,
           href=f"/akn/{work}" if work != act.id else frbr_work_uri(act), showAs=work)
    issuer = act.root.find("meta/issuer")
    _e(references, "TLCOrganization", eId=issuer.get("code"), href=f"/ontology/organization/kz/{issuer.get('code')}",
       showAs=(issuer.text or issuer.get("code")).strip())
    _e(references, "TLCOrganization", eId="lawdiff", href="/ontology/organization/lawdiff", showAs="lawdiff")


def to_akn(act: Act, when: dt.date, in_force: set) -> etree._Element:
    """AKN document of ``act`` on ``when``; ``in_force`` holds the version elements (the lxml
    elements themselves) that are in force then, as computed by :mod:`lawdiff.time`."""
    root = etree.Element(f"{{{AKN_NS}}}akomaNtoso", nsmap={None: AKN_NS})
    doc = _e(root, "act", name=act.type, contains="singleVersion")
    meta = _e(doc, "meta")
    _identification(meta, act, when)
    _lifecycle_and_references(meta, act)
    missing: list[str] = []
    src_body = act.root.find("body")
    title = next((t for t in src_body.iterfind("title") if t in in_force), None)
    if title is not None:
        _e(_e(_e(doc, "preface"), "longTitle"), "p", title.text)
    preamble = None
    for pre in src_body.iterfind("preamble"):
        if V.marked_absent(pre):
            if pre in in_force:
                missing.append("preamble")
        elif pre in in_force:
            preamble = preamble if preamble is not None else _e(doc, "preamble")
            _units(preamble, list(pre), in_force, missing, blocks_only=True)
    body = _e(doc, "body")
    _units(body, [c for c in src_body if c.tag not in ("title", "preamble", "signature")], in_force, missing,
           top=True)
    if not len(body):
        _e(_e(_e(body, "hcontainer", eId="hcontainer_no_text", name="noTextInForce"), "content"), "p")
    apps = [a for a in act.root.iterfind("appendix") if a in in_force or any(d in in_force for d in a.iter())]
    attachments = _e(doc, "attachments")
    for app in apps:
        _attachment(attachments, act, when, app, in_force, missing)
    if not len(attachments):
        doc.remove(attachments)
    _notes(meta, missing, _competing(in_force))
    _unique_eids(root)
    return root


def _competing(in_force: set) -> list[str]:
    """Units with more than one wording that may apply (a change whose date is undetermined):
    both are exported, and a note says so."""
    seen: dict[str, int] = {}
    for el in in_force:
        if el.get("eId"):
            seen[el.get("eId")] = seen.get(el.get("eId"), 0) + 1
    return sorted(e for e, n in seen.items() if n > 1)


def _unique_eids(root) -> None:
    """AKN requires eIds unique in a document; a second wording of the same unit (see
    :func:`_competing`) is exported as ``<eId>__alt2``."""
    seen: set[str] = set()
    for el in root.iter(f"{{{AKN_NS}}}*"):
        eid = el.get("eId")
        if eid is None:
            continue
        n, new = 1, eid
        while new in seen:
            n += 1
            new = f"{eid}__alt{n}"
        el.set("eId", new)
        seen.add(new)


def _notes(meta, missing: list[str], competing: list[str]) -> None:
    if not (missing or competing):
        return
    notes = _e(meta, "notes", source="#lawdiff")
    if missing:
        _e(_e(notes, "note", eId="note_coverage"), "p", "Not in the corpus: " + ", ".join(dict.fromkeys(missing)))
    if competing:
        _e(_e(notes, "note", eId="note_uncertain"), "p",
           "More than one wording may apply on this date (the date of a change is not determined); "
           "each is included: " + ", ".join(competing))


def _attachment(parent, act: Act, when: dt.date, app, in_force: set, missing: list[str]) -> None:
    eid = app.get("eId")
    if V.absent_leaf(app):
        missing.append(eid)
        return
    att = _e(parent, "attachment", eId=eid)
    doc = _e(att, "doc", name="appendix")
    _identification(_e(doc, "meta"), act, when, eid)
    marks, heads = list(app.iterfind("mark")), list(app.iterfind("heading"))
    if marks or heads:
        preface = _e(doc, "preface")
        for mark in marks:
            _e(preface, "p", mark.text, class_="approval")
        for head in heads:
            _e(_e(preface, "longTitle"), "p", head.text)
    main = _e(doc, "mainBody")
    _units(main, [c for c in app if c.tag not in ("mark", "heading", "appendix")], in_force, missing, top=True)
    if V.marked_absent(app):
        missing.append(eid)
    if not len(main):
        _e(_e(_e(main, "hcontainer", eId=f"{eid}__no_text", name="noTextInForce"), "content"), "p")


def _units(parent, children: list, in_force: set, missing: list[str], blocks_only: bool = False,
           top: bool = False) -> None:
    """The children of one unit: text before any sub-unit in ``<intro>``, alone in
    ``<content>``, or, after a sub-unit or directly in a body (``top``), each in an
    ``<hcontainer name="indent">``."""
    shown = [c for c in children if isinstance(c.tag, str) and _shown(c, in_force, missing)]
    texts = [c for c in shown if c.tag == "p"]
    if blocks_only or (len(texts) == len(shown) and not top):
        if texts:
            box = parent if blocks_only else _e(parent, "content")
            for p in texts:
                _e(box, "p", p.text, eId=p.get("eId"))
        return
    lead = []
    for c in shown:
        if c.tag != "p" or top:
            break
        lead.append(c)
    if lead:
        intro = _e(parent, "intro")
        for p in lead:
            _e(intro, "p", p.text, eId=p.get("eId"))
    for c in shown[len(lead):]:
        if c.tag == "p":
            box = _e(_e(parent, "hcontainer", eId=c.get("eId"), name="indent"), "content")
            _e(box, "p", c.text)
        elif c.tag == "tariffs":
            _table(parent, c, in_force)
        else:
            _unit(parent, c, in_force, missing)


def _shown(el, in_force: set, missing: list[str]) -> bool:
    if el.tag == "tariffs":
        return any(r in in_force for r in el.iter("row"))
    if V.absent_leaf(el):
        if el in in_force:
            missing.append(el.get("eId"))
        return False
    if el.tag == "p":
        return el in in_force
    if el.tag in _TAGS:
        return any(d in in_force for d in el.iter())
    return False


def _unit(parent, src, in_force: set, missing: list[str]) -> None:
    tag = src.tag
    unit = _e(parent, _TAGS[tag], eId=src.get("eId"), name="part" if tag == "part" else None)
    if src.get("num") and tag in _NUM_FORM:
        _e(unit, "num", _NUM_FORM[tag].format(src.get("num")))
    if src.findtext("heading"):
        _e(unit, "heading", src.findtext("heading"))
    _units(unit, [c for c in src if c.tag != "heading"], in_force, missing)
    if V.marked_absent(src):
        missing.append(src.get("eId"))


def _table(parent, src, in_force: set) -> None:
    box = _e(_e(parent, "hcontainer", eId=src.get("eId"), name="tariffs"), "content")
    table = _e(box, "table", eId=f"{src.get('eId')}__table", class_=src.get("unit"))
    head = _e(table, "tr")
    for col in src.iterfind("column"):
        _e(_e(head, "th"), "p", col.text)
    for group in src.iterfind("group"):
        rows = [r for r in group.iterfind("row") if r in in_force]
        if not rows:
            continue
        _e(_e(_e(table, "tr", class_="category"), "td", colspan="4"), "p", group.findtext("heading"))
        for row in rows:
            tr = _e(table, "tr", eId=row.get("eId"))
            for value in (row.get("num"), row.findtext("service"), row.findtext("position"), row.get("price")):
                _e(_e(tr, "td"), "p", value)
