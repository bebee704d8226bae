"""A verification as terminal text and as one printable, self-contained HTML page.

Redlines read from the corpus to the official text: ``[-words-]`` are in the corpus and not
in the official text, ``{+words+}`` in the official text and not in the corpus. Identical
provisions are counted, not listed; a condition shared by many provisions (an amending act
whose date is undetermined) is said once.
"""

from __future__ import annotations

from lawdiff.diff import ADDED, DELETE, INSERT, REMOVED, Change, WordOp
from lawdiff.model.version import State
from lawdiff.render.redline_html import render_html
from lawdiff.render.redline_text import render_text
from lawdiff.verify import Verification
from lawdiff.verify.units import (DIFFERING, IDENTICAL, NOT_IN_CORPUS, NOT_IN_OFFICIAL, ONLY_CORPUS, ONLY_OFFICIAL,
                                  RENUMBERED, Provision, wording)

KIND_TEXT = {DIFFERING: "differs", ONLY_OFFICIAL: "only in the official text", ONLY_CORPUS: "only in the corpus",
             RENUMBERED: "renumbered", NOT_IN_CORPUS: "not in the corpus (partial coverage)",
             NOT_IN_OFFICIAL: "not in the official excerpt"}
_HTML_KIND = {DIFFERING: "Өзгеше", ONLY_OFFICIAL: "Тек ресми мәтінде", ONLY_CORPUS: "Тек корпуста",
              RENUMBERED: "Нөмірі өзгерген", NOT_IN_CORPUS: "Корпуста жоқ", NOT_IN_OFFICIAL: "Үзіндіде жоқ"}


#: How many provisions of a group the text output names (the JSON and HTML name all).
_LISTED = 8


def header_lines(v: Verification) -> list[str]:
    out = [f"{v.work} — {v.title}",
           f"official text: {v.official_file}" + (" (excerpt)" if v.excerpt else "")
           + f"; {v.repairs} repair(s) logged while reading it",
           f"compared on {v.at.isoformat()} ({v.at_source}): {v.at_reason}",
           f"the corpus on that date: {v.status.state.label} — {v.status.reason}"]
    out += [f"note: {n}" for n in v.notes]
    return out


def conditions(v: Verification) -> list[str]:
    """Each condition under which identical provisions agree, once, with how many it concerns."""
    seen: dict[str, int] = {}
    for p in v.provisions:
        if p.kind == IDENTICAL and p.uncertain:
            why = next(r.reason for r in p.corpus if r.status == State.UNCERTAIN)
            for prefix in ("may have ended: ", "may not yet apply: "):
                why = why.removeprefix(prefix)
            key = f"{p.reason or 'its wording may not apply on the date'}: {why}"
            seen[key] = seen.get(key, 0) + 1
    return [f"{n} provision(s) agree only as far as the corpus can tell: {key}" for key, n in seen.items()]


def _texts(p: Provision) -> list[str]:
    """The wording shown for a finding: none for a redline (it is shown) or for coverage
    (what one side does not hold is listed by provision, not printed)."""
    if p.kind in (DIFFERING, NOT_IN_CORPUS, NOT_IN_OFFICIAL, RENUMBERED):
        return []
    if p.kind == ONLY_OFFICIAL:
        return (p.official or "").split("\n")
    return [wording(r) for r in p.corpus if r.text is not None]


def provision_lines(p: Provision, color: bool) -> list[str]:
    head = f"{p.label} [{p.eid}]" if p.label != p.eid else p.eid
    out = [f"{head} {KIND_TEXT[p.kind]}" + (f" — {p.reason}" if p.reason else "")]
    if p.members:
        more = f" and {len(p.members) - _LISTED} more" if len(p.members) > _LISTED else ""
        out.append(f"  {len(p.members)} provisions: {', '.join(p.members[:_LISTED])}{more}")
    for change in p.redlines:
        out += render_text([change], color).rstrip("\n").split("\n")[1:]
    out += [f"  {t}" for t in _texts(p)]
    return out


def render_verification_text(v: Verification, color: bool = False) -> str:
    out = header_lines(v)
    out.append(v.summary_line())
    out += conditions(v)
    shown = [p for p in v.provisions if p.kind != IDENTICAL]
    if any(p.redlines for p in shown):
        out.append("redlines: [-in the corpus-] {+in the official text+}")
    for p in shown:
        out.append("")
        out += provision_lines(p, color)
    for kind, title in (("note-without-event", "notes without events"), ("event-without-note", "events without notes"),
                        ("event-not-checkable", "events the official text cannot show")):
        found = v.findings(kind)
        if found:
            out += ["", f"{title}:"]
            for f in found:
                item = f.item
                what = getattr(item, "text", None) or f"{item.event.kind} by {item.event.by}" + (
                    f" ({item.event.target})" if item.event.target else "") + (
                    f" of {len(item.units)} provision(s)" if item.units else "")
                out.append(f"  - {what} — {f.reason}")
    return "\n".join(out) + "\n"


def _change_for(p: Provision) -> list[Change]:
    """What the redline page shows for one provision (a redline, or the text of one side)."""
    if p.redlines:
        return p.redlines
    texts = "\n".join(_texts(p) if p.kind not in (NOT_IN_CORPUS, RENUMBERED) else (p.official or "").split("\n"))
    if p.kind in (ONLY_OFFICIAL, NOT_IN_CORPUS, RENUMBERED):
        return [Change(p.eid, ADDED, None, texts, [WordOp(INSERT, texts)] if texts else [], p.label)]
    return [Change(p.eid, REMOVED, texts, None, [WordOp(DELETE, texts)] if texts else [], p.label)]


def render_verification_html(v: Verification) -> str:
    """One printable page: what was compared, the summary, every finding with its redline."""
    import lxml.html
    from lxml.html import builder as E

    plan = [(p, ch) for p in v.provisions if p.kind != IDENTICAL for ch in _change_for(p)]
    page = render_html([ch for _, ch in plan], f"{v.work}: verification against the official text",
                       f"{v.official_file} — compared on {v.at.isoformat()}")
    doc = lxml.html.document_fromstring(page.encode("utf-8"))
    intro = [E.P(line) for line in header_lines(v)[1:]]
    intro.append(E.P(E.STRONG(v.summary_line())))
    intro += [E.P(c) for c in conditions(v)]
    if any(p.redlines for p, _ in plan):
        intro.append(E.P("Redlines: struck through — in the corpus only; underlined — in the official text only."))
    doc.find(".//header").append(E.SECTION(*intro, id="verification"))
    summary = doc.get_element_by_id("summary")
    summary.getparent().remove(summary)
    for sec, (p, _) in zip(doc.xpath("//main/section"), plan):
        badge = sec.find(".//span[@class='kind']")
        if badge is not None:
            badge.text = _HTML_KIND[p.kind]
        sec.set("data-kind", p.kind)
        if p.reason:
            sec.append(E.P(p.reason, E.CLASS("meta")))
        if p.members:
            sec.append(E.P("Provisions: " + ", ".join(p.members), E.CLASS("meta")))
    main = doc.find(".//main")
    for kind, title in (("note-without-event", "Notes without events"), ("event-without-note", "Events without notes"),
                        ("event-not-checkable", "Events the official text cannot show")):
        found = v.findings(kind)
        if found:
            items = []
            for f in found:
                item = f.item
                what = getattr(item, "text", None) or f"{item.event.kind} by {item.event.by}"
                items.append(E.LI(f"{what} — {f.reason}"))
            main.append(E.SECTION(E.H2(title), E.UL(*items), E.CLASS("change notes"), id=kind))
    return lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="unicode", method="html") + "\n"

