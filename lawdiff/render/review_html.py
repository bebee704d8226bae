"""A review (``lawdiff diff``) as one self-contained HTML page."""

from __future__ import annotations

import dataclasses

from lawdiff.diff import ADDED, CHANGED, EQUAL, REMOVED, Change, WordOp
from lawdiff.render.review_text import known_text, side_names, wording_source
from lawdiff.review.compare import Alternative, Entry, Review
from lawdiff.review.readings import NOT_IN_CORPUS, UNCERTAIN, UNCHANGED

_REVIEW_KIND_TEXT = {NOT_IN_CORPUS: "Корпуста жоқ", UNCERTAIN: "Анық емес"}
_REVIEW_CSS = """
.review-notes p { margin: .15rem 0; }
.review-notes .note { color: #7a4d00; }
section.change.uncertain .kind { color: #6f42c1; }
section.change.not-in-corpus .kind { color: #555; }
.status { font-family: sans-serif; font-size: .8rem; color: #444; margin: .3rem 0 0; }
.missing { color: #555; font-style: italic; }
""".strip()


def render_review_html(review: Review) -> str:
    """One self-contained HTML page: the redline engine's page (:func:`render_html`) with what
    it cannot say by itself added — the two sides and their status, notes, wordings not in the
    corpus, and each possible reading of an uncertain provision as a redline of its own."""
    import lxml.html
    from lxml.html import builder as E

    from lawdiff.render.redline_html import render_html

    where_old, where_new = side_names(review)
    changes: list[Change] = []
    plan: list[tuple[Entry, Alternative, str]] = []
    for e in review.entries:
        alts = list(zip(e.alternatives, e.conditions or [""]))
        for alt, cond in alts:
            if alt.kind == UNCHANGED:
                continue
            ch = alt.change
            if ch.kind == NOT_IN_CORPUS:
                known = ch.new if ch.new is not None else ch.old
                ch = dataclasses.replace(ch, ops=[WordOp(EQUAL, known)] if known else [])
            if cond:
                ch = dataclasses.replace(ch, label=f"{ch.label} — {cond}")
            changes.append(ch)
            plan.append((e, alt, cond))
    page = render_html(changes, review.title, f"{review.old.describe()} → {review.new.describe()}")
    doc = lxml.html.document_fromstring(page.encode("utf-8"))
    style = E.STYLE("\n" + _REVIEW_CSS + "\n")
    doc.find("head").append(style)
    notes = []
    for word, side in (("From", review.old), ("To", review.new)):
        notes.append(E.P(f"{word}: {side.describe()}" + (f" — {side.reason}" if side.status else "")))
    known = known_text(review)
    if known:
        notes.append(E.P(known, E.CLASS("note")))
    notes += [E.P(n, E.CLASS("note")) for n in review.notes]
    doc.find(".//header").append(E.SECTION(*notes, E.CLASS("review-notes"), id="review-notes"))
    summary = doc.get_element_by_id("summary")
    ul = summary.find("ul")
    counts = review.summary()
    for li in list(ul):
        ul.remove(li)
    names = {ADDED: "Қосылды", REMOVED: "Алып тасталды", CHANGED: "Өзгертілді", UNCERTAIN: "Анық емес",
             NOT_IN_CORPUS: "Корпуста жоқ", "rose": "Баға өсті", "fell": "Баға төмендеді"}
    for key in (ADDED, REMOVED, CHANGED, UNCERTAIN, NOT_IN_CORPUS, "rose", "fell"):
        if key in ("rose", "fell") and not (counts["rose"] or counts["fell"]):
            continue
        li = E.LI(f"{names[key]}: ", E.STRONG(str(counts[key])), E.CLASS(key))
        li.set("data-count", str(counts[key]))
        ul.append(li)
    sections = doc.xpath("//main/section")
    for sec, (entry, alt, _cond) in zip(sections, plan):
        if entry.kind == UNCERTAIN:
            sec.set("class", sec.get("class") + " uncertain")
            sec.set("data-provision", entry.eid)
            badge = sec.find(".//span[@class='kind']")
            badge.text = _REVIEW_KIND_TEXT[UNCERTAIN]
        elif alt.kind == NOT_IN_CORPUS:
            badge = sec.find(".//span[@class='kind']")
            badge.text = _REVIEW_KIND_TEXT[NOT_IN_CORPUS]
        extra = []
        ch = alt.change
        if ch.kind == NOT_IN_CORPUS:
            side = where_old if ch.old is None else where_new
            extra.append(E.P(f"The wording {side} is not in the corpus; the text shown is the wording "
                             f"{where_new if ch.old is None else where_old}.", E.CLASS("missing")))
        elif ch.kind in (ADDED, REMOVED) and (ch.new if ch.kind == ADDED else ch.old) is None:
            extra.append(E.P("The wording is not in the corpus.", E.CLASS("missing")))
        if entry.kind == UNCERTAIN:
            others = [c for a, c in zip(entry.alternatives, entry.conditions) if a.kind == UNCHANGED]
            text = f"Uncertain: {entry.reason}."
            if others:
                text += " Otherwise (" + "; ".join(others) + ") the wording is unchanged."
            extra.append(E.P(text, E.CLASS("status")))
        if alt.old is not None and alt.new is not None and alt.old.by != alt.new.by:
            extra.append(E.P(f"Wording: {wording_source(alt.old)} → {wording_source(alt.new)}", E.CLASS("status")))
        elif ch.kind == ADDED and alt.new is not None and alt.new.by:
            extra.append(E.P(f"Wording: {wording_source(alt.new)}", E.CLASS("status")))
        for el in extra:
            sec.append(el)
    return lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="unicode", method="html") + "\n"
