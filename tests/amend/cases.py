"""Golden amendment cases (tests/data/amend/cases/*.txt): read a case, build its corpus.

A case file holds, in sections:

    # what the case shows (comment lines, anywhere)
    === base [WORK [LANG]]        paragraphs of the base act's body, one per line (LANG: kk, ru)
    === base corpus WORK          the real base act WORK as the shipped corpus holds it
    === base appendix N           paragraphs of an appendix of the base act
    === act WORK effective DATE [accept-warnings]
    === act WORK adopted DATE     an act in force ten days after its publication, whose date is
                                  not recorded (its entry into force is undetermined)
                                  paragraphs of an amending act (applied in file order)
    === appendix N                paragraphs of an appendix of the act above
    === expected DATE             "eId | text" of every provision in force on DATE
    === error                     a fragment of the error the last act must fail with
    === note                      fragments the notes of the last application must hold

The base is parsed by the structure parser like any imported body; each act takes effect
on its DATE (its text fixes it), so every answer is determinate.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from lawdiff.corpus import Corpus
from lawdiff.ingest.structure import Para, assign_eids, build_units
from lawdiff.model.act import Act

BASE = "kz/oral-akimat/resolution/2020/1"


@dataclass
class AmendingAct:
    work: str
    effective: dt.date | None
    accept_warnings: bool = False
    paragraphs: list[str] = field(default_factory=list)
    appendices: dict[str, list[str]] = field(default_factory=dict)
    adopted: dt.date | None = None

    @property
    def earliest(self) -> dt.date:
        """The effective date, or the adoption date when that is undetermined."""
        return self.effective or self.adopted


@dataclass
class Case:
    name: str
    base: str = BASE
    base_lang: str = "kk"
    base_from_corpus: bool = False
    base_paragraphs: list[str] = field(default_factory=list)
    base_appendices: dict[str, list[str]] = field(default_factory=dict)
    acts: list[AmendingAct] = field(default_factory=list)
    expected: dict[dt.date, list[tuple[str, str]]] = field(default_factory=dict)
    error: str | None = None
    notes: list[str] = field(default_factory=list)


def read_case(path: Path) -> Case:
    case = Case(path.stem)
    mode, target = None, None
    for raw in path.read_text(encoding="utf-8").split("\n"):
        line = raw.rstrip()
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"^=== (\w+)(?: (.*))?$", line)
        if m:
            kind, arg = m.group(1), (m.group(2) or "").strip()
            mode = "paras"
            if kind == "base" and arg.startswith("appendix"):
                target = case.base_appendices.setdefault(arg.split()[1], [])
            elif kind == "base" and arg.startswith("corpus "):
                case.base, case.base_from_corpus, target = arg.split()[1], True, None
            elif kind == "base":
                words = arg.split()
                case.base = words[0] if words else BASE
                case.base_lang = words[1] if len(words) > 1 else "kk"
                target = case.base_paragraphs
            elif kind == "act" and " adopted " in arg:
                work, _, date = arg.partition(" adopted ")
                case.acts.append(AmendingAct(work.strip(), None, adopted=dt.date.fromisoformat(date.strip())))
                target = case.acts[-1].paragraphs
            elif kind == "act":
                work, _, date = arg.partition(" effective ")
                date, _, flag = date.strip().partition(" ")
                case.acts.append(AmendingAct(work.strip(), dt.date.fromisoformat(date),
                                             accept_warnings=flag == "accept-warnings"))
                target = case.acts[-1].paragraphs
            elif kind == "appendix":
                target = case.acts[-1].appendices.setdefault(arg, [])
            elif kind == "expected":
                mode, target = "expected", case.expected.setdefault(dt.date.fromisoformat(arg), [])
            elif kind == "error":
                mode, target = "error", None
            elif kind == "note":
                mode, target = "note", case.notes
            else:
                raise ValueError(f"{path.name}: unknown section {kind!r}")
            continue
        if mode == "expected":
            eid, _, text = line.partition(" | ")
            target.append((eid.strip(), text))
        elif mode == "error":
            case.error = line.strip()
        elif mode == "note":
            target.append(line.strip())
        elif mode == "paras":
            target.append(line.strip())
        else:
            raise ValueError(f"{path.name}: text before the first section")
    return case


def _act(work: str, date: dt.date, title: str, effective: dt.date | None, lang: str = "kk") -> etree._Element:
    _, issuer, kind, year, number = work.split("/")
    act = etree.Element("act", id=work, lang=lang)
    meta = etree.SubElement(act, "meta")
    etree.SubElement(meta, "type").text = kind
    etree.SubElement(meta, "issuer", code=issuer).text = issuer
    etree.SubElement(meta, "number").text = number
    etree.SubElement(meta, "date").text = date.isoformat()
    etree.SubElement(meta, "title").text = title
    etree.SubElement(meta, "coverage", complete="true")
    life = etree.SubElement(act, "lifecycle")
    etree.SubElement(life, "event", kind="adopted", date=date.isoformat(), origin="text", source=title)
    if effective:
        etree.SubElement(life, "event", kind="entry-into-force", date=effective.isoformat(), origin="text",
                         source=f"{effective.strftime('%d.%m.%Y')} бастап қолданысқа енгізіледі")
    else:
        etree.SubElement(life, "event", kind="entry-into-force", rule="publication+10d", origin="text",
                         source="алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң "
                                "қолданысқа енгізіледі")
    return act


def _units(parent: etree._Element, paragraphs: list[str], path) -> None:
    for el in build_units([Para(i, t) for i, t in enumerate(paragraphs, 1)]):
        parent.append(el)
    assign_eids(parent, path)


def corpus_file(work: str) -> Path:
    """The shipped corpus file of ``work``."""
    return Path(__file__).resolve().parents[2] / "corpus" / f"{work}.xml"


def build_corpus(case: Case, root: Path) -> Corpus:
    corpus = Corpus(root)
    base = _act(case.base, dt.date(2020, 1, 10), f"Синтетикалық негіз: {case.name}", dt.date(2020, 1, 20),
                case.base_lang)
    body = etree.SubElement(base, "body")
    _units(body, case.base_paragraphs, [])
    for num, paras in case.base_appendices.items():
        app = etree.SubElement(base, "appendix", eId=f"att_{num}", num=num)
        _units(app, paras, [("appendix", num)])
    if case.base_from_corpus:
        base = etree.fromstring(corpus_file(case.base).read_bytes())
    with corpus.lock():
        corpus.write(Act(base))
        for a in case.acts:
            adopted = a.adopted or a.effective - dt.timedelta(days=20)
            act = _act(a.work, adopted, f"Синтетикалық өзгерту: {case.name}", a.effective)
            body = etree.SubElement(act, "body")
            for text in a.paragraphs:
                etree.SubElement(body, "p", eId=f"indent_{len(body) + 1}").text = text
            for num, paras in a.appendices.items():
                app = etree.SubElement(act, "appendix", eId=f"att_{num}", num=num)
                _units(app, paras, [("appendix", num)])
            corpus.write(Act(act))
    git = ["git", "-C", str(root.parent)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base"], check=True)
    return corpus
