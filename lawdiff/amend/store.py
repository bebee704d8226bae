"""Parsed operations stored in the amending act's own XML, as reviewable data.

``<amendments>`` holds one ``<op>`` per operation (its kind, status, the work it changes, a
``<target>`` path, ``<words>``, the new wording as ``<text>`` — authoritative — and as
``<content>`` — how the structure parser reads it, with the eIds it will get — and the
instruction sentence as ``<source>``), then one ``<unparsed>`` per sentence the grammar
could not read. A reviewer may correct an op, mark it ``overridden`` (it is then skipped),
or replace an ``<unparsed>`` by hand-written ops; ``lawdiff apply`` uses what is stored.
"""

from __future__ import annotations

import datetime as dt

from lxml import etree

from lawdiff import LawdiffError
from lawdiff.amend.ops import Operation, ParseResult, Unparsed
from lawdiff.model.act import Act
from lawdiff.model.ids import check_work_id, eid, parse_eid

_NUMBERED_TAGS = {"clause": "{}. ", "subclause": "{}) "}


_UNIT_TAGS = ("preamble", "section", "chapter", "subchapter", "article", "clause", "subclause", "part")


def act_paragraphs(act: Act) -> list[str]:
    """The paragraphs of an act's body in document order, with their own numbers restored
    ("1. …", "2) …"), as the grammar reads them. Appendices and the signature are left out."""
    body = act.root.find("body")
    out: list[str] = []

    def walk(el: etree._Element, prefix: str | None) -> None:
        for child in el:
            if child.tag == "p":
                out.append((prefix or "") + (child.text or "").strip())
                prefix = None
            elif child.tag in _UNIT_TAGS:
                own = _NUMBERED_TAGS.get(child.tag)
                own = own.format(child.get("num")) if own and child.get("num") else None
                if child.tag == "part":
                    walk(child, prefix)
                else:
                    if prefix:
                        out.append(prefix.strip())
                    walk(child, own)
                prefix = None
        if prefix:
            out.append(prefix.strip())

    if body is not None:
        walk(body, None)
    return [p for p in out if p]


def parse_act(act: Act, default_work: str | None = None) -> ParseResult:
    """Parse the instructions of an amending act from its body text.

    The grammar is imported here, not with this module: applying operations already stored
    in the act reads no sentence, and its vocabulary, noun phrases and citation reader cost
    some 10 ms of every such ``lawdiff apply``'s start."""
    from lawdiff.amend.grammar import parse_instructions

    issuer = act.root.find("meta/issuer")
    own = issuer.get("code") if issuer is not None else None
    return parse_instructions(act_paragraphs(act), default_work, own)


def has_stored(act: Act) -> bool:
    return act.root.find("amendments") is not None


def op_element(op: Operation, index: int, content: list[etree._Element] | None = None) -> etree._Element:
    """The ``<op>`` element of one operation (``content``: its wording, already structured)."""
    if op.work is None:
        raise LawdiffError(f"operation without a work: {op.source[:80]!r}")
    el = etree.Element("op", eId=f"op_{index}", kind=op.op, status=op.status, work=check_work_id(op.work))
    if op.count is not None:
        el.set("count", str(op.count))
    if op.after:
        el.set("after", eid(op.after))
    if op.source_appendix:
        el.set("from-appendix", op.source_appendix)
    if op.reason:
        el.set("reason", op.reason)
    if op.position:
        el.set("position", op.position)
    if op.language:
        el.set("language", op.language)
    if op.joint:
        el.set("joint", " ".join(op.joint))
    if op.effective:
        el.set("effective", op.effective.isoformat())
    target = etree.SubElement(el, "target")
    for kind, num in op.path:
        step = etree.SubElement(target, "step", kind=kind)
        if num is not None:
            step.set("num", num)
    if op.words:
        etree.SubElement(el, "words", old=op.words[0], new=op.words[1])
    if content:
        holder = etree.SubElement(el, "content")
        for c in content:
            holder.append(c)
    if op.text:
        etree.SubElement(el, "text").text = "\n".join(op.text)
    etree.SubElement(el, "source").text = op.source
    return el


def op_from_element(el: etree._Element, seq: int) -> Operation:
    """Read one stored ``<op>`` back (``<text>`` is the wording; ``<content>`` is derived)."""
    path = [(s.get("kind"), s.get("num")) for s in el.iterfind("target/step")]
    words = el.find("words")
    text = el.findtext("text")
    after = el.get("after")
    try:
        op = Operation(
            op=el.get("kind"), work=check_work_id(el.get("work")), path=path, source=el.findtext("source") or "",
            text=text.split("\n") if text else [],
            words=(words.get("old"), words.get("new")) if words is not None else None,
            count=int(el.get("count")) if el.get("count") else None,
            source_appendix=el.get("from-appendix"),
            after=parse_eid(after) if after else None,
            position=el.get("position"), language=el.get("language"),
            joint=[check_work_id(w) for w in (el.get("joint") or "").split()],
            effective=dt.date.fromisoformat(el.get("effective")) if el.get("effective") else None,
            status=el.get("status"), reason=el.get("reason"), seq=seq,
        )
    except ValueError as exc:
        raise LawdiffError(f"stored operation {el.get('eId')}: {exc}") from None
    return op


def load(act: Act) -> ParseResult:
    """The operations stored in ``act`` (empty result when none are stored)."""
    result = ParseResult()
    holder = act.root.find("amendments")
    if holder is None:
        return result
    for i, el in enumerate(holder.iterfind("op"), 1):
        result.ops.append(op_from_element(el, i))
    for el in holder.iterfind("unparsed"):
        result.unparsed.append(Unparsed(el.text or "", el.get("reason") or ""))
    return result


def store(act: Act, result: ParseResult, contents: list[list[etree._Element] | None] | None = None) -> None:
    """Write ``result`` into ``act`` as its ``<amendments>`` (replacing what was stored)."""
    old = act.root.find("amendments")
    if old is not None:
        act.root.remove(old)
    holder = etree.SubElement(act.root, "amendments")
    for i, op in enumerate(result.ops, 1):
        content = contents[i - 1] if contents else None
        holder.append(op_element(op, i, content))
    for u in result.unparsed:
        etree.SubElement(holder, "unparsed", reason=u.reason).text = u.source


def operations(act: Act) -> tuple[ParseResult, bool]:
    """The act's operations: the stored ones when there are any (reviewed data wins), else
    parsed from its text. Returns them and whether they were stored."""
    if has_stored(act):
        return load(act), True
    return parse_act(act), False
