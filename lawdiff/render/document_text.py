"""The act as a document (:class:`lawdiff.review.document.Document`) as terminal text and as
Markdown, with the sentences every view shares (status, conditions, history marks).

Internal ids are printed only when asked (``ids``): a reader cites "2-тармақ", not
``para_2__indent_1``.
"""

from __future__ import annotations

import datetime as dt

from lawdiff.render.labels import fmt_date, label
from lawdiff.review.document import Block, Condition, Document


def status_sentences(doc: Document, lang: str) -> list[str]:
    """The status on the date in one sentence, then each condition once (the act's own, then
    one per amending act whose entry into force decides a wording on the date)."""
    own = next((c for c in doc.conditions if c.subject == doc.work), None)
    if own is not None:
        out = [condition_text(own, doc.at, lang, own_act=True)]
    else:
        out = [label(lang, doc.status, date=doc.at)]
    out += [condition_text(c, doc.at, lang, own_act=False) for c in doc.conditions if c is not own]
    return out


def condition_text(c: Condition, when: dt.date, lang: str, own_act: bool = True) -> str:
    """The condition under which the act (``own_act``) or an amending act's changes apply on
    ``when``, as one sentence."""
    values = dict(date=when, published_by=c.published_by, not_before=c.not_before, citation=c.citation)
    if c.published_by is not None:
        return label(lang, "if-published" if own_act else "changes-if-published", **values)
    return label(lang, "date-unknown" if own_act else "changes-date-unknown", **values)


def mark_text(block: Block, lang: str) -> str:
    """The short history mark after a changed unit, or the note on an earlier wording."""
    if block.kind == "earlier":
        return label(lang, "earlier", citation=block.by_citation)
    since = block.since or {}
    if since.get("date"):
        return label(lang, "wording", citation=block.by_citation, since=dt.date.fromisoformat(since["date"]))
    return label(lang, "wording-conditional", citation=block.by_citation)


def heading_text(block: Block, lang: str) -> str:
    """"2-тарау. Жалпы ережелер" / "Глава 2. Общие положения"; a title as it is."""
    if block.unit in ("section", "chapter", "subchapter", "article"):
        head = label(lang, block.unit, n=block.label)
        return f"{head}. {block.text}" if block.text else head
    return block.text or ""


def requisite_lines(doc: Document, lang: str) -> list[str]:
    out = []
    reg = doc.requisites.get("registration")
    if reg:
        out.append(label(lang, "registered", date=dt.date.fromisoformat(reg["date"]), number=reg["number"]))
    if doc.url:
        out.append(label(lang, "official-page", url=doc.url))
    return out


def _ids(block: Block, ids: bool) -> str:
    return f"  [{block.eid}]" if ids and block.eid else ""


def _row_lines(table: dict, lang: str, ids: bool, indent: str) -> list[str]:
    out = [f"{indent}({label(lang, table['unit'])})"]
    for group in table["groups"]:
        out.append(f"{indent}{group['heading']}")
        for row in group["rows"]:
            tail = f"  [{row['eId']}]" if ids else ""
            out.append(f"{indent}{row['num']:>4}. {row['service']} — {row['position']} — {row['price']}{tail}")
            if row.get("by_citation"):
                out.append(f"{indent}      ({label(lang, 'wording-conditional', citation=row['by_citation'])})")
    return out


def render_document_text(doc: Document, lang: str, ids: bool = False) -> str:
    """The act as plain text for a terminal or a file."""
    out = [doc.citation, *requisite_lines(doc, lang), *status_sentences(doc, lang)]
    if not doc.complete and doc.coverage:
        out.append(label(lang, "partial", note=doc.coverage))
    if doc.provision:
        out.append(label(lang, "provision", provision=doc.cited))
    out.append("")
    for b in doc.blocks:
        indent = "    " * b.level
        if b.kind == "heading":
            out += ["", indent + heading_text(b, lang) + _ids(b, ids)]
        elif b.kind == "appendix":
            out += ["", "", indent + label(lang, "appendix", n=b.label) + _ids(b, ids)]
        elif b.kind == "mark":
            out.append(indent + " " * 40 + (b.text or ""))
        elif b.kind in ("text", "missing"):
            text = b.text if b.kind == "text" else label(lang, "missing")
            out.append(indent + (f"{b.label} " if b.label else "") + text + _ids(b, ids))
        elif b.kind in ("history", "earlier"):
            out.append(f"{indent}    ({mark_text(b, lang)})")
        elif b.kind == "table":
            out += _row_lines(b.table, lang, ids, indent)
        elif b.kind == "signature":
            out += [""] + [indent + line for line in (b.text or "").split("\n")]
    return "\n".join(out).rstrip("\n") + "\n"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def render_document_md(doc: Document, lang: str, ids: bool = False) -> str:
    """The act as Markdown (a heading per title, appendix and chapter; tables as pipe tables)."""
    out = [f"# {doc.title}", "", f"*{doc.citation}*", ""]
    out += [f"> {line}  " for line in (*requisite_lines(doc, lang), *status_sentences(doc, lang))]
    if not doc.complete and doc.coverage:
        out.append(f"> {label(lang, 'partial', note=doc.coverage)}")
    out.append("")
    for b in doc.blocks:
        tag = f" `{b.eid}`" if ids and b.eid else ""
        if b.kind == "heading" and b.unit != "title":
            out += [f"### {heading_text(b, lang)}{tag}", ""]
        elif b.kind == "appendix":
            out += [f"## {label(lang, 'appendix', n=b.label)}{tag}", ""]
        elif b.kind == "mark":
            out += [f"<p align=\"right\">{b.text}</p>", ""]
        elif b.kind in ("text", "missing"):
            text = b.text if b.kind == "text" else label(lang, "missing")
            lead = "    " * b.level
            out += [f"{lead}{b.label + ' ' if b.label else ''}{_md_escape(text or '')}{tag}", ""]
        elif b.kind in ("history", "earlier"):
            out += [f"{'    ' * b.level}*({mark_text(b, lang)})*", ""]
        elif b.kind == "table":
            t = b.table
            out += [f"*{label(lang, t['unit'])}*", "",
                    f"| {label(lang, 'num')} | {label(lang, 'service')} | {label(lang, 'position')} | {label(lang, 'price')} |",
                    "|---:|---|---|---:|"]
            for group in t["groups"]:
                out.append(f"| | **{_md_escape(group['heading'] or '')}** | | |")
                for row in group["rows"]:
                    out.append(f"| {row['num']} | {_md_escape(row['service'] or '')} | {_md_escape(row['position'] or '')} "
                               f"| {row['price']} |")
            out.append("")
        elif b.kind == "signature":
            out += ["  \n".join(f"**{line}**" for line in (b.text or "").split("\n")), ""]
    return "\n".join(out).rstrip("\n") + "\n"


__all__ = ["fmt_date", "heading_text", "mark_text", "render_document_md", "render_document_text",
           "requisite_lines", "status_sentences"]
