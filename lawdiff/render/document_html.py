"""The act as a document in HTML: one printable, self-contained page (``show --html``), or the
``<article>`` the web reader places in its own page.

Interface words are in the reader's language (``lang`` on ``<html>``); the act's own text
carries the act's language (``lang`` on the act's text when it differs), and the interface
words placed inside the act's text (appendix and chapter labels, history marks, table heads)
carry the reader's again, so a screen reader or a browser's hyphenation reads each in its own
language.
"""

from __future__ import annotations

from importlib import resources

import lxml.html
from lxml.html import builder as E

from lawdiff.render.document_text import heading_text, mark_text, requisite_lines, status_sentences
from lawdiff.lang import script_lang
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


def marked(words: str, inner: list[str], inner_lang: str, lang: str, *children) -> list:
    """``words`` (in ``lang``) as element content, each of the strings ``inner`` found in it
    (a citation, a note: text in ``inner_lang``) in a ``<span lang>`` when the languages differ."""
    parts: list = [words]
    for text in inner:
        if not text or inner_lang == lang:
            continue
        out = []
        for part in parts:
            if isinstance(part, str) and text in part:
                before, _, after = part.partition(text)
                out += [before, E.SPAN(text, lang=inner_lang), after]
            else:
                out.append(part)
        parts = out
    return [p for p in parts if not (isinstance(p, str) and not p)] + list(children)


def _ui(el, lang: str, text_lang: str):
    """Interface words inside the act's text: marked with the reader's language."""
    if lang != text_lang:
        el.set("lang", lang)
    return el


def _table(block: Block, lang: str, ids: bool, text_lang: str):
    t = block.table
    head = _ui(E.TR(*(E.TH(label(lang, k)) for k in ("num", "service", "position", "price"))), lang, text_lang)
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
                words = label(lang, "wording-conditional", citation=row["by_citation"])
                tr[1].append(_ui(E.SMALL(*marked(words, [row["by_citation"]], text_lang, lang)), lang, text_lang))
            body.append(tr)
    return [_ui(E.P(label(lang, t["unit"]), E.CLASS("unit-note")), lang, text_lang),
            E.TABLE(E.THEAD(head), E.TBODY(*body), E.CLASS("tariffs"), **{"data-unit": t["unit"]})]


def _block(b: Block, lang: str, ids: bool, text_lang: str) -> list:
    if b.kind == "heading":
        if b.unit == "title":
            return [_ids(E.H1(b.text or "", E.CLASS("title")), b, ids)]
        if b.unit in ("section", "chapter", "subchapter", "article"):
            head = _ui(E.SPAN(label(lang, b.unit, n=b.label)), lang, text_lang)
            return [_ids(E.H3(head, *([f". {b.text}"] if b.text else []), E.CLASS("heading")), b, ids)]
        return [_ids(E.H3(heading_text(b, lang), E.CLASS("heading")), b, ids)]
    if b.kind == "appendix":
        return [_ids(_ui(E.H2(label(lang, "appendix", n=b.label), E.CLASS("appendix")), lang, text_lang), b, ids)]
    if b.kind == "mark":
        return [E.P(b.text or "", E.CLASS("mark"))]
    if b.kind in ("text", "missing"):
        p = E.P(E.CLASS(f"unit level-{min(b.level, 3)}" + (" missing" if b.kind == "missing" else "")))
        if b.label:
            p.append(E.SPAN(b.label, E.CLASS("num")))
        span = E.SPAN(b.text) if b.kind == "text" else _ui(E.SPAN(label(lang, "missing")), lang, text_lang)
        p.append(span)
        if b.status:
            p.set("data-status", b.status)
        return [_ids(p, b, ids)]
    if b.kind in ("history", "earlier"):
        words = mark_text(b, lang)
        return [_ui(E.P(*marked(words, [b.by_citation], text_lang, lang), E.CLASS(f"history {b.kind}")), lang, text_lang)]
    if b.kind == "table":
        return _table(b, lang, ids, text_lang)
    if b.kind == "signature":
        return [E.P(b.text or "", E.CLASS("signature"))]
    return []


def document_article(doc: Document, lang: str, ids: bool = False):
    """The ``<article>`` element: citation, requisites, status banner, then the text."""
    head = [E.P(doc.citation, E.CLASS("citation"), **({"lang": doc.lang} if doc.lang != lang else {}))]
    req = []
    for line in requisite_lines(doc, lang):
        if doc.url and line.endswith(doc.url):
            req.append(E.P(line[: -len(doc.url)], E.A(doc.url, href=doc.url, rel="noopener")))
        else:
            req.append(E.P(line))
    citations = [c.citation for c in doc.conditions]
    banner = [E.P(*marked(s, citations, doc.lang, lang)) for s in status_sentences(doc, lang)]
    if not doc.complete and doc.coverage:
        banner.append(E.P(*marked(label(lang, "partial", note=doc.coverage), [doc.coverage],
                                  script_lang(doc.coverage), lang)))
    parts = [*head, E.DIV(*req, E.CLASS("requisites")),
             E.SECTION(*banner, E.CLASS(f"banner {doc.status}"), id="status", **{"data-status": doc.status})]
    text = []
    for b in doc.blocks:
        text += _block(b, lang, ids, doc.lang)
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
