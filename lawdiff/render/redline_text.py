"""Terminal redline: deletions red and struck through, insertions green and underlined.

Without colour (pipes, files, ``--no-color``) the same redline is written with the markers
of ``git diff --word-diff``: ``[-deleted-]`` and ``{+inserted+}``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from lawdiff.diff import DELETE, INSERT, Change, format_decimal, format_signed
from lawdiff.render.labels import LABELS, label, unit_label

_STYLE = {DELETE: "red strike", INSERT: "green underline"}
_MARK = {DELETE: ("[-", "-]"), INSERT: ("{+", "+}")}


def price_line(change: Change, lang: str = "en") -> str | None:
    """``948.30 → 1000.00 (+51.70, +5.45%)``; None for rows without a price or provisions."""
    old, new = change.price_old, change.price_new
    if old is not None and new is not None and change.units_differ:
        return label(lang, "units-differ-line", old=format_decimal(old), old_unit=unit_label(lang, change.unit_old),
                     new=format_decimal(new), new_unit=unit_label(lang, change.unit_new))
    if old is not None and new is not None:
        if old == new:
            return label(lang, "price-unchanged", price=format_decimal(new))
        pct = change.price_percent
        tail = f", {format_signed(pct)}%" if pct is not None else ""
        return f"{format_decimal(old)} → {format_decimal(new)} ({format_signed(new - old)}{tail})"
    if new is not None:
        return label(lang, "price-new-row", price=format_decimal(new))
    if old is not None:
        return label(lang, "price-row-removed", price=format_decimal(old))
    return None


def header(change: Change, lang: str = "en") -> str:
    """"2-тармақ 1) тармақша [para_2__subpara_1] changed"; a renumbered row adds "(was row 3)"."""
    head = f"{change.label} [{change.eid}]" if change.label and change.label != change.eid else change.eid
    if change.row_old is not None and change.row_new is not None and change.row_old != change.row_new:
        head += f" ({label(lang, 'was-row', n=change.row_old)})"
    kind = f"kind-{change.kind}"
    return f"{head} {label(lang, kind) if kind in LABELS[lang] else change.kind}"


def _plain(change: Change, lang: str) -> list[str]:
    lines = [header(change, lang)]
    body = []
    for op in change.ops:
        if op.kind in _MARK:
            start, end = _MARK[op.kind]
            body.append(f"{start}{op.text}{end}")
        else:
            body.append(op.text)
    if body:
        lines.extend("  " + line for line in "".join(body).split("\n"))
    price = price_line(change, lang)
    if price:
        lines.append("  " + label(lang, "price-line", price=price))
    return lines


def render_text(changes: Iterable[Change], color: bool, lang: str = "en") -> str:
    """The redline of ``changes`` as terminal text, one block per change, blank-line separated,
    its words in ``lang``."""
    changes = list(changes)
    if not changes:
        return label(lang, "no-changes") + "\n"
    if not color:
        return "\n\n".join("\n".join(_plain(ch, lang)) for ch in changes) + "\n"
    from rich.console import Console   # colour only: the plain redline needs no rich
    from rich.text import Text

    buf = io.StringIO()
    console = Console(
        file=buf, force_terminal=True, color_system="standard", width=100_000, soft_wrap=True,
        highlight=False, markup=False, emoji=False, legacy_windows=False,
    )
    for n, change in enumerate(changes):
        if n:
            console.print()
        console.print(Text(header(change, lang), style="bold"))
        body = Text("  ")
        for op in change.ops:
            body.append(op.text.replace("\n", "\n  "), style=_STYLE.get(op.kind, ""))
        if change.ops:
            console.print(body)
        price = price_line(change, lang)
        if price:
            console.print(Text("  " + label(lang, "price-line", price=price)))
    return buf.getvalue()
