"""The act as a document: what ``lawdiff show`` prints and the web reader displays.

A lawyer reads an act as it was published: title, requisites, preamble, numbered clauses
("1.") and subclauses ("1)"), chapter headings, appendices with their approval marks,
tariff tables under their category headings, the signature. :func:`read_document` walks one
work's XML on a date and returns that layout as plain data (blocks in reading order), with
the facts a reader needs beside it: the official citation, the status on the date, and, when
a date is not determined, the **condition** under which the act or an amendment applies,
said once per act (not once per provision). It chooses no words: :mod:`lawdiff.render`
words it in the reader's language.

Which versions are shown is what :func:`lawdiff.api.show` shows: the versions whose status on
the date is in force, in force (unconfirmed), uncertain or not in the corpus; two competing
wordings are both shown, each marked with the act it comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from lawdiff import api
from lawdiff import time as T
from lawdiff.citation import adilet_url, citation_of_work_id, official_citation, resolve_provision
from lawdiff.corpus import Corpus
from lawdiff.model.act import Act
from lawdiff.model import version as V
from lawdiff.review.readings import is_under

#: Containers whose number is printed before their first line, and how.
NUMBERED = {"clause": "{}.", "subclause": "{})"}
#: Containers printed as a heading line of their own.
HEADED = ("section", "chapter", "subchapter", "article")


@dataclass
class Condition:
    """When an undetermined date decides whether something applies on the date asked.

    ``published_by``: it applies if first officially published on or before this day (None
    when the rule does not count from publication); ``not_before``: in no case before this
    day; ``rule``: the entry-into-force rule it comes from; ``reason``: the full reasoning."""

    subject: str                  # the work id whose entry into force is undetermined
    citation: str
    published_by: dt.date | None
    not_before: dt.date | None
    rule: str | None
    reason: str

    def to_json(self) -> dict:
        d = asdict(self)
        d["published_by"] = T._iso(self.published_by)
        d["not_before"] = T._iso(self.not_before)
        return d


@dataclass
class Block:
    """One line of the document: ``kind`` is heading, text, missing (a unit whose wording is
    not in the corpus), table, mark, signature, appendix (an appendix opens; its marks and
    heading follow), history (after a unit another act worded) or earlier (after a wording
    that another act replaces on a date not determined)."""

    kind: str
    text: str | None = None
    eid: str | None = None
    label: str = ""               # "1." / "1)" for numbered units; "1" for an appendix
    level: int = 0                # nesting depth, for indentation
    unit: str = ""                # the XML element (clause, chapter, appendix, p...)
    status: str | None = None
    by: str | None = None         # history block: the act that gave the wording
    by_citation: str = ""
    since: dict | None = None     # history block: the bound from which the wording applies
    table: dict | None = None     # table block: columns, unit, currency, groups of rows

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, "", [])}


@dataclass
class Document:
    """An act as in force on one date, laid out for reading."""

    work: str
    lang: str
    citation: str
    url: str | None
    title: str
    at: dt.date
    status: str
    reason: str
    requisites: dict
    complete: bool
    coverage: str | None
    conditions: list[Condition] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    provision: str | None = None      # the eId asked for
    cited: str | None = None          # ... as the reader cited it

    def to_json(self) -> dict:
        return {"work": self.work, "lang": self.lang, "citation": self.citation, "url": self.url,
                "title": self.title, "at": self.at.isoformat(), "status": self.status, "reason": self.reason,
                "requisites": self.requisites, "complete": self.complete, "coverage": self.coverage,
                "provision": self.provision, "cited": self.cited, "conditions": [c.to_json() for c in self.conditions],
                "blocks": [b.to_json() for b in self.blocks]}


def read_document(corpus: Corpus, work: str, when: dt.date, provision: str | None = None) -> Document:
    """``work`` as in force on ``when`` (one provision and what it holds, with ``provision``,
    an eId or a legal citation)."""
    act = api.load_work(corpus, work)
    eid = resolve_provision(act, provision) if provision else None
    if eid:
        api.show(corpus, act.id, when, eid)   # the same errors as show for a unit that is not there
    walker = _Walker(act, api.Lookup(corpus), when, eid)
    walker.walk()
    st = T.status_at(walker.wi.start, walker.wi.end, when, end_state=walker.wi.end_state)
    conditions = []
    work_cond = undetermined_condition(act.id, official_citation(act), walker.wi.start, rule_of(act), when)
    if work_cond and not st.state.certain:
        conditions.append(work_cond)
    conditions += walker.amendment_conditions()
    reg = act.root.find("meta/registration")
    requisites = {"issuer": (act.root.findtext("meta/issuer") or "").strip(), "type": act.type,
                  "number": act.number, "date": T._iso(act.date),
                  "registration": {"date": reg.get("date"), "number": reg.get("number")} if reg is not None else None,
                  "adilet": act.root.findtext("meta/alias[@scheme='adilet']")}
    return Document(act.id, act.root.get("lang") or "kk", official_citation(act), adilet_url(act), act.title, when,
                    st.state, st.reason, requisites, act.complete, act.coverage_note, conditions, walker.blocks, eid,
                    provision)


def work_condition(act: Act, when: dt.date) -> Condition | None:
    """The condition on ``act`` applying on ``when`` when its entry into force is undetermined
    and decides the answer (status in force unconfirmed, or uncertain); else None."""
    wi = T.work_interval(act)
    st = T.status_at(wi.start, wi.end, when, end_state=wi.end_state)
    if st.state.certain:
        return None
    return undetermined_condition(act.id, official_citation(act), wi.start, rule_of(act), when)


def rule_of(act: Act) -> T.Rule | None:
    eif = next((e for e in reversed(act.events()) if e.kind == "entry-into-force"), None)
    if eif is None or eif.date:
        return None
    return T.RULES.get(eif.rule or "default")


def undetermined_condition(subject: str, citation: str, start: T.Bound, rule: T.Rule | None, when: dt.date) -> Condition | None:
    """The condition under which something whose start is ``start`` applies on ``when``."""
    if start.determined:
        return None
    published_by = None
    if rule is not None and rule.counts_from == "published":
        published_by = when - dt.timedelta(days=rule.days)
    return Condition(subject, citation, published_by, start.earliest, rule.name if rule else None, start.reason)


class _Walker:
    """Walks the XML in reading order and collects the blocks shown on the date."""

    def __init__(self, act: Act, lookup: api.Lookup, when: dt.date, provision: str | None):
        self.act, self.lookup, self.when, self.provision = act, lookup, when, provision
        self.wi = T.work_interval(act)
        self.blocks: list[Block] = []
        self.pending: list[str] = []       # numbers waiting for the first line of their unit
        self.amending: dict[str, T.Bound] = {}

    def walk(self) -> None:
        body = self.act.root.find("body")
        for child in body:
            if child.tag == "signature":
                if not self.provision:
                    self.blocks.append(Block("signature", "\n".join(ln.text or "" for ln in child), unit="signature"))
            else:
                self.element(child, 0)
        for app in self.act.root.iterfind("appendix"):
            self.element(app, 0)

    def shown(self, el) -> tuple[bool, str | None]:
        """Whether the version ``el`` is part of the text on the date, and its status."""
        st, vi = T.version_status(self.act, el, self.when, self.lookup, self.wi)
        if vi.by and not vi.start.determined:
            self.amending.setdefault(vi.by, vi.start)
        return st.state.shown, st.state

    def wanted(self, eid: str | None) -> bool:
        if not self.provision or eid is None:
            return True
        return is_under(eid, self.provision) or is_under(self.provision, eid)

    def element(self, el, level: int) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in ("mark", "heading", "column"):
            return
        eid = el.get("eId")
        if not self.wanted(eid):
            return
        if eid:
            ok, status = self.shown(el)
            if not ok:
                return
        else:
            status = None
        inside = self.provision is None or (eid is not None and is_under(eid, self.provision))
        absent = V.marked_absent(el)
        if tag == "title":
            if inside:
                self.blocks.append(Block("heading", el.text, eid, unit="title", status=status))
        elif tag == "p":
            if inside:
                self.text(el, level, status, absent)
        elif tag == "tariffs":
            self.tariffs(el, level)
        else:
            self.container(el, level, status, absent, inside)
        if inside and tag != "tariffs" and (V.own(el).by or V.own(el).ended_by):
            self.history(el, level, status)

    def text(self, el, level: int, status: str | None, absent: bool) -> None:
        label, self.pending = " ".join(self.pending), []
        kind = "missing" if absent else "text"
        self.blocks.append(Block(kind, None if absent else " ".join((el.text or "").split()), el.get("eId"),
                                 label, level, "p", status))

    def container(self, el, level: int, status: str | None, absent: bool, inside: bool) -> None:
        tag, num = el.tag, el.get("num")
        heading = el.findtext("heading")
        if tag == "appendix":
            self.pending = []
            if inside:
                self.blocks.append(Block("appendix", None, el.get("eId"), num or "", level, "appendix", status))
                for mark in el.iterfind("mark"):
                    self.blocks.append(Block("mark", mark.text, level=level, unit="mark"))
                for head in el.iterfind("heading"):
                    self.blocks.append(Block("heading", head.text, level=level, unit="appendix"))
        elif tag in HEADED and inside:
            self.blocks.append(Block("heading", heading, el.get("eId"), num or "", level, tag, status))
        elif tag in NUMBERED and num:
            if not inside:
                self.pending = []
            else:
                self.pending.append(NUMBERED[tag].format(num))
        if absent and not len(el) and inside:
            self.blocks.append(Block("missing", None, el.get("eId"), " ".join(self.pending), level, tag, status))
            self.pending = []
            return
        child_level = level + (1 if tag == "subclause" else 0)
        for child in el:
            self.element(child, child_level)
        self.pending = []

    def tariffs(self, el, level: int) -> None:
        groups = []
        for group in el.iterfind("group"):
            rows = []
            for row in group.iterfind("row"):
                if not self.wanted(row.get("eId")):
                    continue
                ok, status = self.shown(row)
                if not ok:
                    continue
                rows.append({"eId": row.get("eId"), "num": row.get("num"), "service": row.findtext("service"),
                             "position": row.findtext("position"), "price": row.get("price"), "status": status,
                             "by": V.own(row).by, "by_citation": self.cite(V.own(row).by) if V.own(row).by else None})
            if rows:
                groups.append({"eId": group.get("eId"), "heading": group.findtext("heading"), "rows": rows})
        if groups:
            columns = {c.get("name"): c.text for c in el.iterfind("column")}
            self.blocks.append(Block("table", eid=el.get("eId"), level=level, unit="tariffs",
                                     table={"unit": el.get("unit"), "currency": el.get("currency"),
                                            "columns": columns, "groups": groups}))

    def history(self, el, level: int, status: str | None) -> None:
        """The mark after a changed unit: the act that gave its wording and since when; or, for
        a wording another act replaces on a date not determined, that it is the earlier one."""
        vi = T.version_interval(self.act, el, self.lookup, self.wi)
        v = V.own(el)
        if v.by:
            self.blocks.append(Block("history", eid=el.get("eId"), level=level, unit=el.tag, by=v.by,
                                     by_citation=self.cite(v.by), since=vi.start.to_json(), status=status))
        elif vi.end is not None and not vi.end.determined:
            self.blocks.append(Block("earlier", eid=el.get("eId"), level=level, unit=el.tag, by=v.ended_by,
                                     by_citation=self.cite(v.ended_by), status=status))

    def cite(self, work: str) -> str:
        other = self.lookup(work)
        if other is not None:
            return official_citation(other)
        event = next((e for e in self.act.events() if e.by == work), None)
        return citation_of_work_id(work, event.by_date if event else None, self.act.root.get("lang") or "kk")

    def amendment_conditions(self) -> list[Condition]:
        """One condition per amending act whose entry into force is undetermined and matters on
        the date (it lies at or after the earliest day it could take effect)."""
        out = []
        for by, start in self.amending.items():
            if start.earliest and self.when < start.earliest:
                continue
            other = self.lookup(by)
            if other is not None:
                rule = rule_of(other)
            else:
                event = next((e for e in self.act.events() if e.by == by and e.rule), None)
                rule = T.RULES.get(event.rule) if event else None
            cond = undetermined_condition(by, self.cite(by), start, rule, self.when)
            if cond:
                out.append(cond)
        return out

