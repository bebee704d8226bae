"""adilet plain-text export -> one schema-valid work document.

The steps, in order: read and check the bytes; normalise characters; read the head (title,
issuer, type, date, number, registration, repeal) to know the work id; apply the work's errata
and put displaced hyperlink fragments back; repair letter-spacing; cut the document into
head, body, signature and appendices; read notes, the entry-into-force clause, the period of
application and cited acts; parse the body and each appendix (tariff tables as typed rows).
Every repair is logged in the document's <repairs>.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from lawdiff import LawdiffError
from lawdiff.dates import parse_period
from lawdiff.ingest import coverage, eif, fragments, laws, layout, notes, page
from lawdiff.ingest.head import Head, fix_glued_status, read_head
from lawdiff.ingest.references import find_refs
from lawdiff.ingest.repair import (Repair, RepairLog, fix_latin_i, fix_letter_spacing,
                                   fix_space_before_punct, join_wrapped, normalise_chars,
                                   remove_invisible)
from lawdiff.ingest.structure import Para, assign_eids, build_units, classify
from lawdiff.model import version as V
from lawdiff.model import xmlio
from lawdiff.model.ids import eid, work_id

MAX_SOURCE_BYTES = 8 * 1024 * 1024
#: Characters XML 1.0 cannot hold (\x0b, \x0c and \x1c-\x1e end lines, so they never reach it).
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1b\x1f\ufffe\uffff]")
_HEADING_MAX = 250
_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")

#: A tariff table's header names the services and a price column ("құны", "стоимость").
_TARIFF_HEADER = re.compile(r"Қызмет\s+түрлері|Наименование\s+(?:специальных\s+социальных\s+)?услуг", re.I)
_PRICE_HEADER = re.compile(r"құны|стоимость|тариф", re.I)
_AMENDING = re.compile(r"енгізілсін|жазылсын|толықтырылсын|алып\s+тасталсын|ауыстырылсын|внести\s+(?:следующие\s+)?изменени|изложить\s+в", re.I)
_SETTINGS = [
    (re.compile(r"жартылай\s+стационар|полустационар", re.I), "semi-stationary"),
    (re.compile(r"үй\s+жағдайында|на\s+дому", re.I), "home"),
    (re.compile(r"стационар", re.I), "stationary"),
]
@dataclass
class Redaction:
    """An earlier wording of one unit, known from another source (e.g. a commercial database
    excerpt): the text, the unit it is a version of, and the act whose wording replaced it."""

    unit: str                 # "preamble" (the unit kinds the notes name)
    text: str
    ended_by: str
    source: str


@dataclass
class ImportOptions:
    errata_dir: Path | None = None     # the corpus directory holding errata/
    coverage_note: str | None = None   # set for a partial text: what is missing and why
    excerpt: bool = False              # the file is an excerpt with SOURCE:/"excerpt ends" lines
    redactions: list[Redaction] = field(default_factory=list)
    source_name: str | None = None
    aliases: dict[str, str] = field(default_factory=dict)      # scheme -> id, e.g. adilet
    absent_appendices: list[str] = field(default_factory=list)  # appendices whose text is missing


@dataclass
class Imported:
    work: str
    root: etree._Element
    log: RepairLog
    warnings: list[str] = field(default_factory=list)   # one line each, for the user


def language(text: str) -> str:
    """"kk" when the letters only Kazakh has (ә, ғ, қ, ң, ө, ұ, ү, һ, і) occur, else "ru"."""
    return "kk" if len(_KAZAKH_LETTERS.findall(text)) >= 2 else "ru"


def read_source(data: bytes, name: str) -> list[str]:
    """Decode and check a source file: not empty, not binary, not too large."""
    if len(data) > MAX_SOURCE_BYTES:
        raise LawdiffError(f"{name}: file is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise LawdiffError(f"{name}: file is empty")
    if b"\x00" in data[:65536]:
        raise LawdiffError(f"{name}: binary file, expected the plain text of an act")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LawdiffError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    if sum(ch.isprintable() or ch in "\t\r\n" for ch in text[:65536]) < 0.95 * len(text[:65536]):
        raise LawdiffError(f"{name}: binary file, expected the plain text of an act")
    lines = text.splitlines()
    if _NOT_XML.search(text):
        n, line = next((n, t) for n, t in enumerate(lines, 1) if _NOT_XML.search(t))
        raise LawdiffError(f"{name}:{n}: character U+{ord(_NOT_XML.search(line).group()):04X} in the text: "
                           f"a control character XML cannot hold")
    return lines


def _excerpt_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The act text of a reference excerpt: provenance lines and the cut-off mark dropped."""
    out = []
    for i, t in enumerate(lines, 1):
        if re.match(r"^\s*(SOURCE|USE|NOTE|DIFF):", t):
            continue
        if "excerpt ends here" in t:
            break   # the line the excerpt cuts off is incomplete: drop it
        out.append((i, t))
    return out


def _log_repairs(root: etree._Element, log: RepairLog) -> None:
    if not log:
        return
    el = etree.SubElement(root, "repairs")
    for r in log:
        etree.SubElement(el, "repair", kind=r.kind, line=str(max(r.line, 1)), before=r.before, after=r.after)


def _repair_lines(lines: list[tuple[int, str]], log: RepairLog) -> list[tuple[int, str]]:
    out = []
    for n, t in lines:
        t = fix_letter_spacing(t, n, log)
        t = fix_latin_i(t, n, log)
        out.append((n, t))
    return out


def _repair_head(lines: list[tuple[int, str]], log: RepairLog) -> list[tuple[int, str]]:
    return [(n, fix_glued_status(t, n, log)) for n, t in _repair_lines(lines, log)]


def _paras(lines: list[tuple[int, str]], lay: str, log: RepairLog) -> list[Para]:
    out: list[Para] = []
    for num, raw in layout.paragraphs(lines, lay):
        text = join_wrapped(raw, num, log)
        text = fix_space_before_punct(text, num, log)
        for piece in notes.split_glued(text):
            if piece != text:
                log.append(Repair("glued-note", num, text[:80], piece[:80]))
            out.append(Para(num, piece))
    return out


class _Builder:
    """Assembles the XML document from what the reading steps found."""

    def __init__(self, head: Head, wid: str, lang: str):
        self.head, self.wid = head, wid
        self.root = etree.Element("act", id=wid, lang=lang)
        self.meta = etree.SubElement(self.root, "meta")
        self.lifecycle = etree.Element("lifecycle")
        self.notes_el = etree.Element("notes")
        self.refs_el = etree.Element("references")
        self.body = etree.Element("body")
        self.appendices: list[etree._Element] = []
        self.unstructured: etree._Element | None = None

    def event(self, kind: str, origin: str, source: str, **attrs) -> None:
        el = etree.SubElement(self.lifecycle, "event", kind=kind)
        for k, v in attrs.items():
            if v is not None:
                el.set(k.replace("_", "-"), v.isoformat() if isinstance(v, dt.date) else str(v))
        el.set("origin", origin)
        el.set("source", source)

    def note(self, n: notes.Note) -> None:
        el = etree.SubElement(self.notes_el, "note", eId=f"note_{len(self.notes_el) + 1}", kind=n.kind)
        el.text = n.text
        if n.target:
            el.set("target", n.target)
        if n.act:
            if n.act.work:
                el.set("by", n.act.work)
            if n.act.date:
                el.set("by-date", n.act.date.isoformat())
            el.set("by-number", n.act.number)
        if n.eif_rule:
            el.set("eif", n.eif_date.isoformat() if n.eif_date else n.eif_rule)


def import_source(data: bytes, name: str, options: ImportOptions | None = None) -> Imported:
    """Import one adilet text export; raises LawdiffError (one line) on input it cannot read."""
    options = options or ImportOptions()
    raw_lines = read_source(data, name)
    log: RepairLog = []
    numbered = _excerpt_lines(raw_lines) if options.excerpt else list(enumerate(raw_lines, 1))
    lines = [(n, remove_invisible(normalise_chars(t), n, log)) for n, t in numbered]
    lay = layout.detect_layout(lines)
    doc = layout.split_document(lines, lay)
    if lay == "web":
        page.check_head_start(doc.head, name)
    head = read_head(layout.head_blocks(_repair_head(doc.head, []), lay), name)
    head.status = head.status or doc.chrome.status
    wid = work_id(head.issuer.code, head.type, head.date.year, laws.number_for_id(head.number))

    errata = fragments.load_errata(options.errata_dir, wid) if options.errata_dir else None
    lines = fragments.apply_errata(lines, errata, log)
    if lay == "pdf":
        lines = fragments.repair_displaced_fragments(lines, log)
    doc = layout.split_document(lines, lay)
    lang = language(head.title + " " + head.sentence)

    b = _Builder(head, wid, lang)
    log.extend(Repair("page-furniture", n, t.strip(), "") for n, t in doc.chrome.skipped)
    head_lines = _repair_head(doc.head, log)
    body_lines = _repair_lines(doc.body, log)
    paras = _paras(body_lines, lay, log)
    amending = any(_AMENDING.search(p.text) for p in paras)
    _read_body(b, paras, amending)
    _read_signature(b, doc.signature)
    warnings = _read_unstructured(b, doc.unstructured, name) + page.skipped_warning(doc.chrome, name)
    for app in doc.appendices:
        if app.nested:   # an appendix of the approved Rules: inside the Rules' appendix
            holder = b.appendices[-1]
            holder.append(_read_appendix(b, app, lay, log, [("appendix", holder.get("num"))]))
        else:
            b.appendices.append(_read_appendix(b, app, lay, log))
    for num in options.absent_appendices:
        if any(a.get("num") == num for a in b.appendices):
            raise LawdiffError(f"{name}: appendix {num} is in the text, it cannot be marked absent")
        b.appendices.append(etree.Element("appendix", eId=f"att_{num}", num=num, absent="true"))
    _read_lifecycle(b, head, paras, partial=bool(options.coverage_note))
    b.lifecycle[:] = sorted(b.lifecycle, key=lambda e: _EVENT_ORDER.index(e.get("kind")))
    _versions_from_notes(b)
    _apply_redactions(b, options.redactions)
    _fill_meta(b, head, wid, options, data, name, lay)
    root = _assemble(b, log)
    tree = xmlio.reparse(root)
    xmlio.check_valid(tree, name)
    coverage.check_nothing_lost(doc, head_lines, tree.getroot(), name)
    return Imported(wid, tree.getroot(), log, warnings)


def _read_body(b: _Builder, paras: list[Para], amending: bool) -> None:
    title = etree.SubElement(b.body, "title", eId="title")
    title.text = b.head.title
    text_paras: list[Para] = []
    for p in paras:
        if notes.is_note(p.text):
            n = notes.parse_note(p.text)
            b.note(n)
            _note_event(b, n)
        else:
            text_paras.append(p)
    first_unit = next((i for i, p in enumerate(text_paras) if classify(p.text)[0] in
                       ("clause", "article", "chapter", "section", "subchapter")), len(text_paras))
    if first_unit:
        pre = etree.SubElement(b.body, "preamble", eId="preamble")
        for p in text_paras[:first_unit]:
            etree.SubElement(pre, "p").text = p.text
        assign_eids(pre, [("preamble", None)])
    for el in build_units(text_paras[first_unit:], quoted_blocks=amending):
        b.body.append(el)
    assign_eids(b.body, [])


def _read_unstructured(b: _Builder, lines: list[tuple[int, str]], name: str) -> list[str]:
    """Text the layout could not place (after the signature, and no appendix mark): kept as
    it was in an <unstructured> block, which makes the coverage incomplete."""
    texts = [(n, layout.cells_text(t)) for n, t in lines if t.strip()]
    if not texts:
        return []
    b.unstructured = etree.Element("unstructured", line=str(texts[0][0]))
    for _, t in texts:
        etree.SubElement(b.unstructured, "p").text = t
    return [f"{name}:{texts[0][0]}: text after the signature that is not an appendix is kept unstructured "
            f"(coverage marked incomplete): {texts[0][1][:80]!r}"]


def _read_signature(b: _Builder, signature: list[str]) -> None:
    if signature:
        sig = etree.SubElement(b.body, "signature")
        for line in signature:
            etree.SubElement(sig, "line").text = line


def _note_event(b: _Builder, n: notes.Note) -> None:
    """A note that changes the act's life becomes a lifecycle event with the note as source."""
    act = n.act
    by = act.work if act else None
    if n.kind in ("repealed", "cancelled") and n.target is None:
        b.event(n.kind, "note", n.text, date=n.eif_date, rule=None if n.eif_date else n.eif_rule,
                by=by, by_date=act.date if act else None)
    elif n.kind == "expired":
        # The note gives no date of expiry (the letter it cites is dated later): the date stays
        # undetermined until recorded.
        b.event("expired", "note", n.text, by_date=act.date if act else None)
    elif n.kind in ("replaced", "inserted", "deleted", "amended", "repealed"):
        b.event("amended", "note", n.text, date=n.eif_date, rule=None if n.eif_date else n.eif_rule,
                by=by, by_date=act.date if act else None, target=n.target or n.target_words or None)


def _read_appendix(b: _Builder, app: layout.Appendix, lay: str, log: RepairLog,
                   holder: list[tuple[str, str | None]] | None = None) -> etree._Element:
    el = etree.Element("appendix", num=app.num)
    mark_blocks: list[list[str]] = [[]]
    for _, t in _repair_lines(app.mark, log):
        if not t.strip():
            if mark_blocks[-1]:
                mark_blocks.append([])
            continue
        mark_blocks[-1].append(t)
    for block in mark_blocks:
        if block:
            # Mark lines are right-aligned pieces of one line: joined with a space, never as a
            # broken word ("Приложение" / "к решению").
            etree.SubElement(el, "mark").text = " ".join(layout.cells_text(t) for t in block)
    header_at = next((i for i, (_, t) in enumerate(app.lines) if _TARIFF_HEADER.search(t)
                      and any(_PRICE_HEADER.search(u) for _, u in app.lines[i:i + 12])), None)
    if header_at is not None:
        from lawdiff.ingest.tables import parse_tariff_table
        # The header row starts at the "№" cell just above the services header.
        start = next((i for i in range(header_at, max(header_at - 8, -1), -1)
                      if app.lines[i][1].strip() == "№" or app.lines[i][1].strip().startswith("№ ")), header_at)
        heading_lines = _repair_lines([(n, t) for n, t in app.lines[:start] if t.strip()], log)
        if heading_lines:
            etree.SubElement(el, "heading").text = join_wrapped([t for _, t in heading_lines])
        if lay == "web":
            table = parse_tariff_table(layout.web_rows_as_cells(app.lines), "cells", log)
        else:
            table = parse_tariff_table(app.lines, lay, log)
        el.append(_tariffs_xml(table, app.num))
    else:
        paras = _paras(_repair_lines(app.lines, log), lay, log)
        body_paras = []
        for p in paras:
            if notes.is_note(p.text):
                n = notes.parse_note(p.text)
                if n.target == "appendix" or n.target is None:
                    n = notes.Note(n.kind, n.target_words, f"appendix:{app.num}", n.text, n.act, n.eif_rule, n.eif_date)
                b.note(n)
                _note_event(b, n)
            else:
                body_paras.append(p)
        # A short first paragraph is the appendix's heading; the rest is its text.
        if body_paras and len(body_paras[0].text) < _HEADING_MAX and not body_paras[0].text.endswith((";", ":")):
            etree.SubElement(el, "heading").text = body_paras.pop(0).text
        for unit in build_units(body_paras):
            el.append(unit)
    path = (holder or []) + [("appendix", app.num)]
    el.set("eId", eid(path))
    assign_eids(el, path)
    return el


def _tariffs_xml(table, app_num: str) -> etree._Element:
    base = f"att_{app_num}"
    el = etree.Element("tariffs", eId=f"{base}__tbl", currency="KZT", unit=table.unit)
    for name, text in zip(("num", "service", "position", "price"), table.columns):
        if text:
            etree.SubElement(el, "column", name=name).text = text
    group = None
    for row in table.rows:
        if group is None or group.findtext("heading") != row.category:
            group = etree.SubElement(el, "group", eId=f"{base}__grp_{len(el.findall('group')) + 1}")
            etree.SubElement(group, "heading").text = row.category or "—"
        r = etree.SubElement(group, "row", eId=f"{base}__row_{row.num}", num=str(row.num), price=str(row.price))
        etree.SubElement(r, "service").text = row.service
        etree.SubElement(r, "position").text = row.position
    return el


_EVENT_ORDER = ["adopted", "signed", "registered", "published", "entry-into-force", "application-period",
                "amended", "repealed", "expired"]


def _read_lifecycle(b: _Builder, head: Head, paras: list[Para], partial: bool) -> None:
    b.event("adopted", "text", head.sentence, date=head.date)
    if head.registration:
        num, when = head.registration
        b.event("registered", "text", head.sentence, date=when, target=f"№ {num}")
    clause = next((p for p in paras if eif.is_eif_sentence(p.text) and classify(p.text)[0] in ("clause", "article", "p")
                   and not notes.is_note(p.text)), None)
    rule = eif.recognise(clause.text) if clause else None
    if rule:
        name, fixed = rule
        b.event("entry-into-force", "text", clause.text, date=fixed, rule=None if fixed else name)
    elif not partial:
        b.event("entry-into-force", "default", "the act has no entry-into-force clause; the statutory default applies",
                rule="default")
    period = parse_period(head.title)
    if period:
        year, phrase = period
        b.event("application-period", "text", head.title, date=dt.date(year, 1, 1), target=phrase)
    if head.repeal and not any(e.get("kind") == "repealed" for e in b.lifecycle):
        refs = find_refs(head.repeal)
        act = refs[0] if refs else None
        b.event("repealed", "text", head.repeal, by=act.work if act else None, by_date=act.date if act else None,
                rule="default")


def _note_target(b: _Builder, target: str) -> etree._Element | None:
    """The unit of this act that a note's target names (preamble, title, appendix:N, clause:N)."""
    kind, _, num = target.partition(":")
    if kind == "preamble":
        return b.body.find("preamble")
    if kind == "title":
        return b.body.find("title")
    if kind == "appendix":
        return next((a for a in b.appendices if a.get("num") == (num or "1")), None)
    if kind == "clause":
        return b.body.find(f"clause[@num='{num}']")
    return None


def _versions_from_notes(b: _Builder) -> None:
    """A "new wording" note makes the text we hold the version given by the amending act,
    preceded by a version whose text is not in the corpus (unless a redaction supplies it)."""
    for note in b.notes_el.iterfind("note[@kind='replaced']"):
        target, by = note.get("target"), note.get("by")
        el = _note_target(b, target) if target and by else None
        if el is None or V.own(el).by:
            continue
        el.set("by", by)
        old = etree.Element(el.tag, eId=el.get("eId"))
        if el.get("num"):
            old.set("num", el.get("num"))
        old.set("ended-by", by)
        old.set("absent", "true")
        if el.tag == "title":
            old.text = "—"
        if el.tag == "appendix":
            b.appendices.insert(b.appendices.index(el), old)
        else:
            el.addprevious(old)


def _apply_redactions(b: _Builder, redactions: list[Redaction]) -> None:
    """Earlier wordings known from elsewhere fill the version before the current one."""
    for red in redactions:
        if red.unit != "preamble":
            raise LawdiffError(f"redaction of {red.unit!r} is not supported (only preamble)")
        versions = b.body.findall("preamble")
        old = next((v for v in versions if V.own(v).ended_by == red.ended_by), None)
        if old is None:
            raise LawdiffError(f"redaction: the act has no preamble wording ended by {red.ended_by}")
        old.attrib.pop("absent", None)
        for child in list(old):
            old.remove(child)
        etree.SubElement(old, "p").text = red.text
        assign_eids(old, [("preamble", None)])


def _fill_meta(b: _Builder, head: Head, wid: str, options: ImportOptions, data: bytes, name: str, lay: str) -> None:
    m = b.meta
    etree.SubElement(m, "type").text = head.type
    etree.SubElement(m, "issuer", code=head.issuer.code).text = head.issuer.text
    etree.SubElement(m, "number").text = head.number
    etree.SubElement(m, "date").text = head.date.isoformat()
    etree.SubElement(m, "title").text = head.title
    etree.SubElement(m, "requisites").text = head.sentence
    if head.status:
        etree.SubElement(m, "status").text = head.status
    if head.registration:
        num, when = head.registration
        reg = etree.SubElement(m, "registration", number=num)
        if when:
            reg.set("date", when.isoformat())
    place = head.issuer.place
    if place:
        pl = etree.SubElement(m, "place", kind=place.kind, latin=place.latin)
        if place.region:
            pl.set("region", place.region)
        pl.text = place.name
    setting = next((s for rx, s in _SETTINGS if rx.search(head.title)), None)
    if setting and b.appendices and any(a.find("tariffs") is not None for a in b.appendices):
        etree.SubElement(m, "setting").text = setting
        for t in (t for a in b.appendices for t in a.iter("tariffs")):
            t.set("setting", setting)
    period = parse_period(head.title)
    if period:
        year, phrase = period
        etree.SubElement(m, "period", source=phrase).attrib.update(
            {"from": dt.date(year, 1, 1).isoformat(), "until": dt.date(year + 1, 1, 1).isoformat()})
    for scheme, value in sorted(options.aliases.items()):
        etree.SubElement(m, "alias", scheme=scheme).text = value
    note = options.coverage_note
    if b.unstructured is not None:
        note = ((note + " ") if note else "") + (f"Text from line {b.unstructured.get('line')} could not be placed in "
                                                 "the act's structure; it is kept as unstructured text.")
    cov = etree.SubElement(m, "coverage", complete="false" if note else "true")
    if note:
        cov.text = note
    src = etree.SubElement(m, "source", file=options.source_name or Path(name).name,
                           sha256=hashlib.sha256(data).hexdigest(), layout=lay)
    if head.requisites_first:
        src.set("head", "requisites-first")
    # references: every cited act but the act itself
    seen = set()
    text = " ".join(p.text for p in b.body.iter("p")) + " " + (b.head.repeal or "")
    for ref in find_refs(text):
        key = (ref.number, ref.date)
        if ref.work == wid or key in seen:
            continue
        seen.add(key)
        el = etree.SubElement(b.refs_el, "ref", eId=f"ref_{len(b.refs_el) + 1}")
        for attr, value in (("type", ref.type), ("issuer", ref.issuer), ("number", ref.number),
                            ("date", ref.date.isoformat() if ref.date else None),
                            ("registration", ref.registration), ("work", ref.work)):
            if value:
                el.set(attr, value)
        el.text = ref.title or ref.text


def _assemble(b: _Builder, log: RepairLog) -> etree._Element:
    root = b.root
    root.append(b.lifecycle)
    if len(b.refs_el):
        root.append(b.refs_el)
    if len(b.notes_el):
        root.append(b.notes_el)
    _log_repairs(root, log)
    root.append(b.body)
    for app in b.appendices:
        root.append(app)
    if b.unstructured is not None:
        root.append(b.unstructured)
    return root
