"""The act as a document in HTML: one printable, self-contained page (``show --html``), or the
``<article>`` the web reader places in its own page.

Interface words are in the reader's language (``lang`` on ``<html>``); the act's own text
carries the act's language (``lang`` on the article when it differs), so a screen reader or
a browser's hyphenation reads each in its own language.
"""

from __future__ import annotations

from importlib import resources

import lxml.html
from lxml.html import builder as E

from lawdiff.render.document_text import heading_text, mark_text, requisite_lines, status_sentences
from lawdiff.render.labels import label
from lawdiff.review.document import Block, Document


def stylesheet(name: str = "document.css") -> str:
    """A stylesheet shipped with the package (``lawdiff/render/static/``)."""
    return resources.files("lawdiff.render").joinpath("static", name).read_text(encoding="utf-8")


def _ids(el, block: Block, ids: bool):
    if block.eid:
        el.set("id", block.eid)
        if ids:
            el.append(E.SPAN(block.eid, E.CLASS("eid")))
    return el


def _table(block: Block, lang: str, ids: bool):
    t = block.table
    head = E.TR(*(E.TH(label(lang, k)) for k in ("num", "service", "position", "price")))
    body = []
    for group in t["groups"]:
        body.append(E.TR(E.TD(group["heading"] or "", colspan="4"), E.CLASS("category")))
        for row in group["rows"]:
            tr = E.TR(E.TD(row["num"], E.CLASS("num")), E.TD(row["service"] or ""), E.TD(row["position"] or ""),
                      E.TD(row["price"], E.CLASS("price")), id=row["eId"])
            if ids:
                tr[1].append(E.SPAN(row["eId"], E.CLASS("eid")))
            if row.get("by_citation"):
                tr[1].append(E.BR())
                tr[1].append(E.SMALL(label(lang, "wording-conditional", citation=row["by_citation"])))
            body.append(tr)
    return [E.P(label(lang, t["unit"]), E.CLASS("unit-note")),
            E.TABLE(E.THEAD(head), E.TBODY(*body), E.CLASS("tariffs"), **{"data-unit": t["unit"]})]


def _block(b: Block, lang: str, ids: bool) -> list:
    if b.kind == "heading":
        if b.unit == "title":
            return [_ids(E.H1(b.text or "", E.CLASS("title")), b, ids)]
        return [_ids(E.H3(heading_text(b, lang), E.CLASS("heading")), b, ids)]
    if b.kind == "appendix":
        return [_ids(E.H2(label(lang, "appendix", n=b.label), E.CLASS("appendix")), b, ids)]
    if b.kind == "mark":
        return [E.P(b.text or "", E.CLASS("mark"))]
    if b.kind in ("text", "missing"):
        p = E.P(E.CLASS(f"unit level-{min(b.level, 3)}" + (" missing" if b.kind == "missing" else "")))
        if b.label:
            p.append(E.SPAN(b.label, E.CLASS("num")))
        span = E.SPAN(b.text if b.kind == "text" else label(lang, "missing"))
        p.append(span)
        if b.status:
            p.set("data-status", b.status)
        return [_ids(p, b, ids)]
    if b.kind in ("history", "earlier"):
        return [E.P(mark_text(b, lang), E.CLASS(f"history {b.kind}"))]
    if b.kind == "table":
        return _table(b, lang, ids)
    if b.kind == "signature":
        return [E.P(b.text or "", E.CLASS("signature"))]
    return []


def document_article(doc: Document, lang: str, ids: bool = False):
    """The ``<article>`` element: citation, requisites, status banner, then the text."""
    head = [E.P(doc.citation, E.CLASS("citation"))]
    req = []
    for line in requisite_lines(doc, lang):
        if doc.url and line.endswith(doc.url):
            req.append(E.P(line[: -len(doc.url)], E.A(doc.url, href=doc.url, rel="noopener")))
        else:
            req.append(E.P(line))
    banner = [E.P(s) for s in status_sentences(doc, lang)]
    if not doc.complete and doc.coverage:
        banner.append(E.P(label(lang, "partial", note=doc.coverage)))
    parts = [*head, E.DIV(*req, E.CLASS("requisites")),
             E.SECTION(*banner, E.CLASS(f"banner {doc.status}"), id="status", **{"data-status": doc.status})]
    text = []
    for b in doc.blocks:
        text += _block(b, lang, ids)
    art = E.ARTICLE(*parts, E.DIV(*text, E.CLASS("act-text"), lang=doc.lang), E.CLASS("act"))
    art.set("data-work", doc.work)
    art.set("data-at", doc.at.isoformat())
    return art


def render_document_html(doc: Document, lang: str, ids: bool = False) -> str:
    """One self-contained printable page (inline CSS, no scripts, nothing fetched)."""
    page = E.HTML(
        E.HEAD(E.META(charset="utf-8"), E.META(name="viewport", content="width=device-width, initial-scale=1"),
               E.TITLE(f"{doc.title} — {doc.at.isoformat()}"), E.STYLE(stylesheet())),
        E.BODY(document_article(doc, lang, ids)),
        lang=lang)
    return lxml.html.tostring(page, doctype="<!DOCTYPE html>", encoding="unicode", method="html") + "\n"
