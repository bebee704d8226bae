"""A review (``lawdiff diff``) as one self-contained HTML page, in one language.

The interface words (counts, kinds, notes, statuses, conditions) are in the reader's language
(``lang`` on ``<html>``); the act's wording keeps the act's language, marked with ``lang``
where it differs from the page's."""

from __future__ import annotations

import dataclasses

from lawdiff.diff import ADDED, CHANGED, EQUAL, REMOVED, Change, WordOp
from lawdiff.render.labels import label
from lawdiff.render.review_text import entry_reason, known_text, side_names, side_reason, wording_source
from lawdiff.review.compare import Alternative, Entry, Review
from lawdiff.review.readings import NOT_IN_CORPUS, UNCERTAIN, UNCHANGED

_REVIEW_CSS = """
.review-notes p { margin: .15rem 0; }
.review-notes .note { color: #7a4d00; }
section.change.uncertain .kind { color: #6f42c1; }
section.change.not-in-corpus .kind { color: #555; }
.status { font-family: sans-serif; font-size: .8rem; color: #444; margin: .3rem 0 0; }
.missing { color: #555; font-style: italic; }
""".strip()


def _plan(review: Review, lang: str) -> tuple[list[Change], list[tuple[Entry, Alternative]]]:
    """The changes the page shows, one per reading that differs, with the entry each belongs to."""
    changes: list[Change] = []
    plan: list[tuple[Entry, Alternative]] = []
    for e in review.entries:
        for alt, cond in zip(e.alternatives, e.conditions or [None]):
            if alt.kind == UNCHANGED:
                continue
            ch = alt.change
            if ch.kind == NOT_IN_CORPUS:
                known = ch.new if ch.new is not None else ch.old
                ch = dataclasses.replace(ch, ops=[WordOp(EQUAL, known)] if known else [])
            if cond:
                ch = dataclasses.replace(ch, label=f"{ch.label} — {cond.text(lang)}")
            changes.append(ch)
            plan.append((e, alt))
    return changes, plan


def _extra(review: Review, entry: Entry, alt: Alternative, lang: str) -> list:
    """What a section says beyond its redline: a wording not in the corpus, why a reading is
    uncertain, which act gave each wording."""
    from lxml.html import builder as E

    where_old, where_new = (w.text(lang) for w in side_names(review))
    extra = []
    ch = alt.change
    if ch.kind == NOT_IN_CORPUS:
        side, other = (where_old, where_new) if ch.old is None else (where_new, where_old)
        extra.append(E.P(label(lang, "missing-side", side=side, other=other), E.CLASS("missing")))
    elif ch.kind in (ADDED, REMOVED) and (ch.new if ch.kind == ADDED else ch.old) is None:
        extra.append(E.P(label(lang, "missing-wording"), E.CLASS("missing")))
    if entry.kind == UNCERTAIN:
        others = [c.text(lang) for a, c in zip(entry.alternatives, entry.conditions) if a.kind == UNCHANGED and c]
        text = label(lang, "uncertain-status", reason=entry_reason(entry, lang))
        if others:
            text += " " + label(lang, "otherwise-unchanged", others="; ".join(others))
        extra.append(E.P(text, E.CLASS("status")))
    if alt.old is not None and alt.new is not None and alt.old.by != alt.new.by:
        extra.append(E.P(label(lang, "wording-html", old=wording_source(alt.old, lang), new=wording_source(alt.new, lang)),
                         E.CLASS("status")))
    elif ch.kind == ADDED and alt.new is not None and alt.new.by:
        extra.append(E.P(label(lang, "wording-html-one", new=wording_source(alt.new, lang)), E.CLASS("status")))
    return extra


def render_review_html(review: Review, lang: str = "en") -> str:
    """One self-contained HTML page: the redline engine's page (:func:`render_html`) with what
    it cannot say by itself added — the two sides and their status, notes, wordings not in the
    corpus, and each possible reading of an uncertain provision as a redline of its own."""
    import lxml.html
    from lxml.html import builder as E

    from lawdiff.render.redline_html import render_html

    changes, plan = _plan(review, lang)
    page = render_html(changes, review.title_in(lang), f"{review.old.describe(lang)} → {review.new.describe(lang)}",
                       lang=lang, text_lang=review.new.lang)
    doc = lxml.html.document_fromstring(page.encode("utf-8"))
    doc.find("head").append(E.STYLE("\n" + _REVIEW_CSS + "\n"))
    notes = []
    for key, side in (("side-from", review.old), ("side-to", review.new)):
        why = side_reason(side, lang)
        notes.append(E.P(label(lang, key, side=side.describe(lang)) + (f" — {why}" if why else "")))
    known = known_text(review, lang)
    if known:
        notes.append(E.P(known, E.CLASS("note")))
    notes += [E.P(n.text(lang), E.CLASS("note")) for n in review.notes]
    doc.find(".//header").append(E.SECTION(*notes, E.CLASS("review-notes"), id="review-notes"))
    ul = doc.get_element_by_id("summary").find("ul")
    counts = review.summary()
    for li in list(ul):
        ul.remove(li)
    for key in (ADDED, REMOVED, CHANGED, UNCERTAIN, NOT_IN_CORPUS, "rose", "fell"):
        if key in ("rose", "fell") and not (counts["rose"] or counts["fell"]):
            continue
        words = label(lang, key) if key in ("rose", "fell") else label(lang, f"kind-{key}")
        li = E.LI(f"{words}: ", E.STRONG(str(counts[key])), E.CLASS(key))
        li.set("data-count", str(counts[key]))
        ul.append(li)
    for sec, (entry, alt) in zip(doc.xpath("//main/section"), plan):
        badge = sec.find(".//span[@class='kind']")
        if entry.kind == UNCERTAIN:
            sec.set("class", sec.get("class") + " uncertain")
            sec.set("data-provision", entry.eid)
            badge.text = label(lang, "kind-uncertain")
        elif alt.kind == NOT_IN_CORPUS:
            badge.text = label(lang, "kind-not-in-corpus")
        for el in _extra(review, entry, alt, lang):
            sec.append(el)
    return lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="unicode", method="html") + "\n"
