"""The git text conversion of a work file: readable text, one provision per line."""

from __future__ import annotations

from lxml import etree

from lawdiff import LawdiffError
from lawdiff.model import xmlio
from lawdiff.model import version as V

# =============================================================================== textconv


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _bracket(el: etree._Element) -> str:
    v = V.of(el)
    parts = []
    if v.start:
        parts.append(f"from {v.start}")
    if v.until:
        parts.append(f"until {v.until}")
    if v.by:
        parts.append(f"by {v.by}")
    if v.ended_by:
        parts.append(f"ended by {v.ended_by}")
    if V.wording_absent(el):
        parts.append("not in the corpus")
    return f" [{', '.join(parts)}]" if parts else ""


_CONTAINERS = ("preamble", "appendix", "section", "chapter", "subchapter", "article", "clause",
               "subclause", "part")


def _meta_lines(meta: etree._Element) -> list[str]:
    out = []
    for el in meta:
        tag, text = el.tag, _one_line(el.text)
        if tag == "issuer":
            out.append(f"issuer: {text} ({el.get('code')})")
        elif tag == "registration":
            out.append(f"registration: № {el.get('number')}" + (f", {el.get('date')}" if el.get("date") else ""))
        elif tag == "place":
            extra = ", ".join(v for v in (el.get("kind"), el.get("latin"), el.get("region")) if v)
            out.append(f"place: {text} ({extra})")
        elif tag == "period":
            out.append(_period_line(el))
        elif tag == "alias":
            out.append(f"alias {el.get('scheme')}: {text}")
        elif tag == "coverage":
            out.append("coverage: complete" if el.get("complete") == "true" else f"coverage: partial — {text}")
        elif tag == "source":
            layout = f" ({el.get('layout')})" if el.get("layout") else ""
            out.append(f"source: {el.get('file')}{layout} sha256 {el.get('sha256')}")
        else:
            attrs = " ".join(f"{k}={v}" for k, v in el.attrib.items())
            out.append(f"{tag}: {text}" + (f" [{attrs}]" if attrs else ""))
    return out


def _period_line(period: etree._Element) -> str:
    return f"period: from {period.get('from')} until {period.get('until')} (\"{period.get('source')}\")"


def _event_line(event: etree._Element) -> str:
    parts = [event.get("kind")]
    if event.get("date"):
        parts.append(event.get("date"))
    if event.get("rule"):
        parts.append(f"rule {event.get('rule')}")
    if event.get("by"):
        parts.append(f"by {event.get('by')}" + (f" of {event.get('by-date')}" if event.get("by-date") else ""))
    if event.get("target"):
        parts.append(f"target {event.get('target')}")
    return f"event {' '.join(parts)} [{event.get('origin')}]: {_one_line(event.get('source'))}"


def _attr_list(el: etree._Element, skip: tuple[str, ...] = ("eId",)) -> str:
    return ", ".join(f"{k} {v}" for k, v in el.attrib.items() if k not in skip)


def _unit_lines(child: etree._Element, parent_eid: str, indent: str) -> list[str]:
    """The lines of one element of a work's text (and of what it holds)."""
    tag = child.tag
    if not isinstance(tag, str):
        return []
    eid = child.get("eId", "")
    if tag in ("title", "p"):
        return [f"{indent}{eid}{_bracket(child)}: {_one_line(child.text)}".rstrip()]
    if tag in _CONTAINERS:
        if V.absent_leaf(child):
            return [f"{indent}{eid}{_bracket(child)}"]
        out = []
        for sub in child:
            if sub.tag == "heading":
                out.append(f"{indent}{eid}{_bracket(child)} heading: {_one_line(sub.text)}")
            else:
                out += _unit_lines(sub, eid, indent)
        return out
    if tag == "mark":
        return [f"{indent}{parent_eid} mark: {_one_line(child.text)}"]
    if tag == "heading":
        return [f"{indent}{parent_eid} heading: {_one_line(child.text)}"]
    if tag == "tariffs":
        cols = " | ".join(_one_line(c.text) for c in child.iterfind("column"))
        info = ", ".join(v for v in (child.get("unit"), child.get("currency"), child.get("setting")) if v)
        out = [f"{indent}{eid} table [{info}]" + (f": {cols}" if cols else "")]
        for group in child.iterfind("group"):
            out.append(f"{indent}{group.get('eId')} group: {_one_line(group.findtext('heading'))}")
            for row in group.iterfind("row"):
                out.append(f"{indent}row {row.get('num')}{_bracket(row)} | {_one_line(row.findtext('service'))}"
                           f" | {_one_line(row.findtext('position'))} | {row.get('price')}")
        return out
    if tag == "signature":
        return [f"{indent}signature: " + " / ".join(_one_line(line.text) for line in child.iterfind("line"))]
    if tag == "body":
        out = [f"{indent}body{_bracket(child)}"] if _bracket(child) else []
        for sub in child:
            out += _unit_lines(sub, "", indent)
        return out
    return []


def _amendment_lines(amendments: etree._Element) -> list[str]:
    out = ["amendments:"]
    for op in amendments.iterfind("op"):
        target = " / ".join(" ".join(v for v in (s.get("kind"), s.get("num")) if v) for s in op.iterfind("target/step"))
        extra = _attr_list(op, skip=("eId", "kind", "status", "work"))
        line = f"{op.get('eId')} {op.get('kind')} ({op.get('status')}) in {op.get('work')} at {target or '(the act)'}"
        if extra:
            line += f" [{extra}]"
        words = op.find("words")
        if words is not None:
            line += f": \"{words.get('old')}\" → \"{words.get('new')}\""
        out.append(line)
        out.append(f"  source: {_one_line(op.findtext('source'))}")
        if op.find("text") is not None:
            out.append(f"  text: {_one_line(op.findtext('text'))}")
        content = op.find("content")
        if content is not None:
            for sub in content:
                out += _unit_lines(sub, "", "  ")
    for un in amendments.iterfind("unparsed"):
        out.append(f"unparsed [{un.get('reason')}]: {_one_line(un.text)}")
    return out


def textconv(data: bytes, name: str = "<file>") -> str:
    """A work file as readable text, one provision per line, for ``git diff`` and ``git log -p``:
    metadata, lifecycle, references, notes and repairs first, then the body and appendices
    ("eId [from …, until …, by …]: text"; tariff rows as "row N | service | position | price"),
    then amendment instructions. Deterministic. A file that is not a work document is returned
    as it is."""
    try:
        root = xmlio.parse_bytes(data, name).getroot()
    except LawdiffError:
        return data.decode("utf-8", errors="replace")
    if root.tag != "act":
        return data.decode("utf-8", errors="replace")
    lines = [f"work: {root.get('id')} ({root.get('lang')})"]
    meta = root.find("meta")
    if meta is not None:
        lines += _meta_lines(meta)
    lifecycle = root.find("lifecycle")
    if lifecycle is not None:
        lines += ["", "lifecycle:"] + [_event_line(e) for e in lifecycle.iterfind("event")]
    refs = root.find("references")
    if refs is not None:
        lines += ["", "references:"]
        for ref in refs.iterfind("ref"):
            lines.append(f"{ref.get('eId')} [{_attr_list(ref)}]: {_one_line(ref.text)}")
    notes = root.find("notes")
    if notes is not None:
        lines += ["", "notes:"]
        for note in notes.iterfind("note"):
            lines.append(f"{note.get('eId')} [{_attr_list(note)}]: {_one_line(note.text)}")
    repairs = root.find("repairs")
    if repairs is not None:
        lines += ["", "repairs:"]
        for rep in repairs.iterfind("repair"):
            lines.append(f"{rep.get('kind')} line {rep.get('line')}: {_one_line(rep.get('before'))} → {_one_line(rep.get('after'))}")
    lines += ["", "text:"]
    for el in root:
        if el.tag in ("body", "appendix"):
            lines += _unit_lines(el, "", "")
    amendments = root.find("amendments")
    if amendments is not None:
        lines += [""] + _amendment_lines(amendments)
    return "\n".join(lines) + "\n"
