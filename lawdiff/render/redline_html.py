"""HTML redline: one self-contained page (inline CSS, no scripts, nothing fetched).

The page can be mailed, archived or printed as it is: deletions are ``<del>`` (struck
through), insertions ``<ins>`` (underlined), so the redline survives black-and-white print.
Every change is a ``<section>`` whose id is the provision's eId (or ``row_<num>``), so a
link such as ``redline.html#para_2__subpara_1`` opens at the provision.
"""

from __future__ import annotations

import re
from html import escape
from collections.abc import Iterable

from lawdiff.diff import ADDED, CHANGED, DELETE, EQUAL, INSERT, REMOVED, Change, format_decimal, format_signed, summarise
from lawdiff.render.labels import LABELS, label, unit_label

_CSS = """
:root { color-scheme: light; }
body { font-family: "Times New Roman", Georgia, serif; line-height: 1.5; color: #111;
       background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
.subtitle { color: #444; margin-top: 0; }
h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
.summary ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
.summary strong { font-size: 1.1rem; }
section.change { border-top: 1px solid #ccc; padding: .75rem 0; }
.meta { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8rem; color: #555; margin: 0 0 .4rem; }
.kind { font-family: sans-serif; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em;
        padding: 0 .35rem; border: 1px solid currentColor; border-radius: 3px; margin-left: .5rem; }
.added .kind { color: #116329; } .removed .kind { color: #a40e26; } .changed .kind { color: #7a4d00; }
.text { white-space: pre-wrap; margin: 0; }
del { color: #a40e26; background: #ffebe9; text-decoration: line-through; }
ins { color: #116329; background: #dafbe1; text-decoration: underline; }
table.prices { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1.5rem; }
table.prices th, table.prices td { border: 1px solid #bbb; padding: .2rem .4rem; vertical-align: top; }
table.prices th { background: #f3f3f3; text-align: left; }
table.prices td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.up { color: #a40e26; } .down { color: #116329; }
.price { margin: .4rem 0 0; }
a { color: inherit; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.change, table.prices tr { break-inside: avoid; page-break-inside: avoid; }
  del, ins { background: none; }
  a { text-decoration: none; }
}
""".strip()


def _ops_html(change: Change) -> str:
    parts = []
    for op in change.ops:
        text = escape(op.text, quote=False)
        if op.kind == DELETE:
            parts.append(f"<del>{text}</del>")
        elif op.kind == INSERT:
            parts.append(f"<ins>{text}</ins>")
        else:
            assert op.kind == EQUAL
            parts.append(text)
    return "".join(parts)


def _unique_ids(changes: list[Change]) -> list[str]:
    """Section ids: the eId; a repeat (a removed and an added row_5) gets "-2", "-3", ..."""
    seen: dict[str, int] = {}
    ids = []
    for ch in changes:
        base = ch.eid.replace(" ", "_") or "change"
        n = seen.get(base, 0) + 1
        seen[base] = n
        ids.append(base if n == 1 else f"{base}-{n}")
    return ids


def _in(text: str, lang: str, text_lang: str | None) -> str:
    """Escaped ``text`` of the act, marked with the act's language where the page's differs."""
    return f'<span lang="{escape(text_lang)}">{escape(text)}</span>' if text_lang and text_lang != lang else escape(text)


def change_heading(change: Change, lang: str, text_lang: str | None = None) -> str:
    """The heading of one change as HTML: a tariff row as "row N: service (position)" in the
    page's words, the service in the act's language; a provision by its Kazakh citation form
    ("2-тармақ 1) тармақша"), marked as Kazakh on a page in another language."""
    return label_html(change.label or change.eid, change.eid, lang, text_lang)


def label_html(head: str, eid: str, lang: str, text_lang: str | None = None) -> str:
    """A unit's label (as :func:`lawdiff.diff.provision_label` or ``row_label`` made it) as HTML
    in the page's language: "row N" in the page's words, a provision's Kazakh citation form
    marked as Kazakh, the act's words in the act's language."""
    row = re.fullmatch(r"row (\d+): (.*)", head, re.S)
    if row:
        return f"{escape(label(lang, 'row-label', n=row.group(1)))}: {_in(row.group(2), lang, text_lang)}"
    return _in(head, lang, "kk" if head != eid else None)


def _kind_text(kind: str, lang: str) -> str:
    key = f"kind-{kind}"
    return label(lang, key) if key in LABELS[lang] else kind


def _price_cells(change: Change, lang: str) -> str:
    old, new = format_decimal(change.price_old), format_decimal(change.price_new)
    delta, pct = change.price_delta, change.price_percent
    if change.units_differ:
        return (f'<td class="num">{escape(old or "—")} <small>{escape(unit_label(lang, change.unit_old))}</small></td>'
                f'<td class="num">{escape(new or "—")} <small>{escape(unit_label(lang, change.unit_new))}</small></td>'
                f'<td class="units-differ" colspan="2">{escape(label(lang, "units-differ"))}</td>')
    cls = ""
    if delta is not None and delta > 0:
        cls = " up"
    elif delta is not None and delta < 0:
        cls = " down"
    cells = [
        f'<td class="num">{escape(old or "—")}</td>',
        f'<td class="num">{escape(new or "—")}</td>',
        f'<td class="num{cls}">{escape(format_signed(delta)) if delta is not None else "—"}</td>',
        f'<td class="num{cls}">{escape(format_signed(pct)) + "%" if pct is not None else "—"}</td>',
    ]
    return "".join(cells)


def _price_heads(lang: str) -> str:
    return "".join(f"<th>{escape(label(lang, k))}</th>" for k in ("old-price", "new-price", "difference")) + "<th>%</th>"


def _price_table(changes: list[Change], ids: list[str], lang: str, text_lang: str | None) -> str:
    rows = []
    for ch, sid in zip(changes, ids):
        if not ch.is_tariff or (ch.price_old is not None and ch.price_old == ch.price_new and not ch.units_differ):
            continue
        num = ch.row_new if ch.row_new is not None else ch.row_old
        text = ch.new if ch.new is not None else ch.old
        rows.append(
            f'<tr class="{escape(ch.kind)}"><td><a href="#{escape(sid)}">{escape(str(num))}</a></td>'
            f"<td>{_in(text or '', lang, text_lang)}</td>{_price_cells(ch, lang)}</tr>"
        )
    if not rows:
        return ""
    head = f"<tr><th>{escape(label(lang, 'row'))}</th><th>{escape(label(lang, 'service'))}</th>{_price_heads(lang)}</tr>"
    return (
        f'<section class="prices" id="prices"><h2>{escape(label(lang, "price-changes"))}</h2>'
        f'<table class="prices"><thead>{head}</thead><tbody>\n' + "\n".join(rows) + "\n</tbody></table></section>"
    )


def _summary(changes: list[Change], lang: str) -> str:
    counts = summarise(changes)
    items = [
        f'<li class="{kind}" data-count="{counts[kind]}">{escape(_kind_text(kind, lang))}: <strong>{counts[kind]}</strong></li>'
        for kind in (ADDED, REMOVED, CHANGED)
    ]
    if counts["tariff"]:
        for key in ("rose", "fell"):
            items.append(f'<li class="{key}" data-count="{counts[key]}">{escape(label(lang, key))}: '
                         f'<strong>{counts[key]}</strong></li>')
    empty = "" if changes else f'<p class="none">{escape(label(lang, "no-changes"))}</p>'
    return (
        f'<section class="summary" id="summary"><h2>{escape(label(lang, "summary"))}</h2><ul>'
        + "".join(items) + f"</ul>{empty}</section>"
    )


def _renumbered(change: Change, lang: str) -> str:
    if change.row_old is not None and change.row_new is not None and change.row_old != change.row_new:
        return f" ({escape(label(lang, 'was-row', n=change.row_old))})"
    return ""


def _section(change: Change, sid: str, lang: str, text_lang: str | None) -> str:
    kind = escape(change.kind)
    heading = change_heading(change, lang, text_lang)
    out = [
        f'<section class="change {kind}" id="{escape(sid)}">',
        f'<h2>{heading}<span class="kind">{escape(_kind_text(change.kind, lang))}</span></h2>',
        f'<p class="meta">{escape(change.eid)}{_renumbered(change, lang)}</p>',
    ]
    if change.ops:
        mark = f' lang="{escape(text_lang)}"' if text_lang and text_lang != lang else ""
        out.append(f'<p class="text"{mark}>{_ops_html(change)}</p>')
    if change.is_tariff and (change.price_old is not None or change.price_new is not None):
        out.append(
            f'<table class="prices price"><thead><tr>{_price_heads(lang)}</tr></thead>'
            f"<tbody><tr>{_price_cells(change, lang)}</tr></tbody></table>"
        )
    out.append("</section>")
    return "\n".join(out)


def render_html(changes: Iterable[Change], title: str, subtitle: str = "", lang: str = "kk",
                text_lang: str | None = None) -> str:
    """One self-contained HTML page showing ``changes`` as a redline: its interface words in
    ``lang`` (``lang`` of the page); the act's wording in ``text_lang`` (marked on ``main``,
    the price table and the headings when it differs)."""
    changes = list(changes)
    ids = _unique_ids(changes)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
    ]
    if subtitle:
        parts.append(f'<p class="subtitle">{escape(subtitle)}</p>')
    parts.append("</header>")
    parts.append(_summary(changes, lang))
    table = _price_table(changes, ids, lang, text_lang)
    if table:
        parts.append(table)
    parts.append("<main>")
    parts.extend(_section(ch, sid, lang, text_lang) for ch, sid in zip(changes, ids))
    parts.append("</main>")
    parts.append("</body>")
    parts.append("</html>")
    return "\n".join(parts) + "\n"
