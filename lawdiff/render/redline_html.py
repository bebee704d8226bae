"""HTML redline: one self-contained page (inline CSS, no scripts, nothing fetched).

The page can be mailed, archived or printed as it is: deletions are ``<del>`` (struck
through), insertions ``<ins>`` (underlined), so the redline survives black-and-white print.
Every change is a ``<section>`` whose id is the provision's eId (or ``row_<num>``), so a
link such as ``redline.html#para_2__subpara_1`` opens at the provision.
"""

from __future__ import annotations

from html import escape
from collections.abc import Iterable

from lawdiff.diff import ADDED, CHANGED, DELETE, EQUAL, INSERT, REMOVED, Change, format_decimal, format_signed, summarise

KIND_TEXT = {ADDED: "Қосылды", REMOVED: "Алып тасталды", CHANGED: "Өзгертілді"}
UNIT_TEXT = {"per-service": "бір қызмет үшін", "per-recipient-per-day": "бір қызмет алушыға бір күнге"}
UNITS_DIFFER = "Өлшем бірліктері әртүрлі: салыстырылмайды"

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


def _price_cells(change: Change) -> str:
    old, new = format_decimal(change.price_old), format_decimal(change.price_new)
    delta, pct = change.price_delta, change.price_percent
    if change.units_differ:
        return (f'<td class="num">{escape(old or "—")} <small>{escape(UNIT_TEXT.get(change.unit_old, change.unit_old))}</small></td>'
                f'<td class="num">{escape(new or "—")} <small>{escape(UNIT_TEXT.get(change.unit_new, change.unit_new))}</small></td>'
                f'<td class="units-differ" colspan="2">{UNITS_DIFFER}</td>')
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


def _price_table(changes: list[Change], ids: list[str]) -> str:
    rows = []
    for ch, sid in zip(changes, ids):
        if not ch.is_tariff or (ch.price_old is not None and ch.price_old == ch.price_new and not ch.units_differ):
            continue
        num = ch.row_new if ch.row_new is not None else ch.row_old
        text = ch.new if ch.new is not None else ch.old
        rows.append(
            f'<tr class="{escape(ch.kind)}"><td><a href="#{escape(sid)}">{escape(str(num))}</a></td>'
            f"<td>{escape(text or '')}</td>{_price_cells(ch)}</tr>"
        )
    if not rows:
        return ""
    head = (
        "<tr><th>Жол</th><th>Қызмет</th><th>Бұрынғы баға</th><th>Жаңа баға</th>"
        "<th>Айырма</th><th>%</th></tr>"
    )
    return (
        '<section class="prices" id="prices"><h2>Бағалардың өзгеруі</h2>'
        f'<table class="prices"><thead>{head}</thead><tbody>\n' + "\n".join(rows) + "\n</tbody></table></section>"
    )


def _summary(changes: list[Change]) -> str:
    counts = summarise(changes)
    items = [
        f'<li class="{kind}" data-count="{counts[kind]}">{KIND_TEXT[kind]}: <strong>{counts[kind]}</strong></li>'
        for kind in (ADDED, REMOVED, CHANGED)
    ]
    if counts["tariff"]:
        items.append(f'<li class="rose" data-count="{counts["rose"]}">Баға өсті: <strong>{counts["rose"]}</strong></li>')
        items.append(f'<li class="fell" data-count="{counts["fell"]}">Баға төмендеді: <strong>{counts["fell"]}</strong></li>')
    empty = "" if changes else '<p class="none">Өзгерістер жоқ.</p>'
    return (
        '<section class="summary" id="summary"><h2>Қорытынды</h2><ul>'
        + "".join(items) + f"</ul>{empty}</section>"
    )


def _renumbered(change: Change) -> str:
    if change.row_old is not None and change.row_new is not None and change.row_old != change.row_new:
        return f" (бұрын {change.row_old}-жол)"
    return ""


def _section(change: Change, sid: str) -> str:
    kind = escape(change.kind)
    label = escape(change.label or change.eid)
    out = [
        f'<section class="change {kind}" id="{escape(sid)}">',
        f'<h2>{label}<span class="kind">{escape(KIND_TEXT.get(change.kind, change.kind))}</span></h2>',
        f'<p class="meta">{escape(change.eid)}{_renumbered(change)}</p>',
    ]
    if change.ops:
        out.append(f'<p class="text">{_ops_html(change)}</p>')
    if change.is_tariff and (change.price_old is not None or change.price_new is not None):
        out.append(
            '<table class="prices price"><thead><tr><th>Бұрынғы баға</th><th>Жаңа баға</th>'
            f"<th>Айырма</th><th>%</th></tr></thead><tbody><tr>{_price_cells(change)}</tr></tbody></table>"
        )
    out.append("</section>")
    return "\n".join(out)


def render_html(changes: Iterable[Change], title: str, subtitle: str = "") -> str:
    """One self-contained HTML page showing ``changes`` as a redline."""
    changes = list(changes)
    ids = _unique_ids(changes)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="kk">',
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
    parts.append(_summary(changes))
    table = _price_table(changes, ids)
    if table:
        parts.append(table)
    parts.append("<main>")
    parts.extend(_section(ch, sid) for ch, sid in zip(changes, ids))
    parts.append("</main>")
    parts.append("</body>")
    parts.append("</html>")
    return "\n".join(parts) + "\n"
