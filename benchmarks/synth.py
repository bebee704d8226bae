"""Synthetic corpora for the benchmarks: made-up acts in the shape of the real ones.

Everything here is invented and says so: issuers are ``synthetic-akimat-NNNN`` and
``synthetic-maslikhat-NNNN`` (500 of each, the acts spread over them), places are
"Синтетика-NNNN", and every text carries the words "синтетикалық сынақ мәтіні" (synthetic test
text). The documents have the structure of the real corpus files (``corpus/kz/**``):
metadata, a lifecycle with sources, a body of clauses with subclauses and parts, tariff
tables in appendices (like Oral's resolution 2999), and versioned provisions bounded by
``by``/``ended-by`` (an amending act in the corpus) or by ``from``/``until`` (a price change
on a fixed date).

Every date is determined (entry into force is a fixed date), so each query has one right
answer, which the generator knows (:class:`Truth`) and both the library and the git baseline
are checked against.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from lawdiff.model import xmlio

SYNTH = "синтетикалық сынақ мәтіні"
SOURCE = f"{SYNTH.capitalize()}: өнімділікті өлшеуге арналған ойдан шығарылған дерек (synthetic benchmark data)"

_WORDS = (
    "синтетикалық сынақ мәтіні қызмет көрсету тәртібі ереже тармақ бойынша ұйым алушы өтініш "
    "құжат мерзім жұмыс күн ішінде қарау шешім қабылдау тізбе нысан есеп беру бақылау уәкілетті "
    "орган жергілікті атқарушы бөлім маман жауапты тіркеу мәліметтер электрондық журнал кезек "
    "тарату хабарлама жеке сәйкес көзделген жағдайда белгіленген тәртіппен ұсынылады жүргізіледі"
).split()
_POSITIONS = ("Синтетикалық күтім жөніндегі қызметкер", "Синтетикалық әлеуметтік қызметкер",
              "Синтетикалық психолог", "Синтетикалық медбике")
_GROUPS = ("Синтетикалық тұрмыстық қызметтер", "Синтетикалық медициналық қызметтер",
           "Синтетикалық психологиялық қызметтер", "Синтетикалық педагогикалық қызметтер",
           "Синтетикалық еңбек қызметтері")

BASE_YEAR = 2025
QUERY_FROM, QUERY_UNTIL = dt.date(2026, 1, 15), dt.date(2026, 12, 20)
PRICE_CHANGE = dt.date(2026, 7, 1)


def sentence(rng: random.Random, n: int | None = None, end: str = ".") -> str:
    words = rng.choices(_WORDS, k=n or rng.randint(8, 24))     # one call: 100,000 works need tens of millions of words
    return (" ".join(words)).capitalize() + end


#: Issuers the acts are spread over. A real corpus has one folder per issuer (some 500
#: akimats and maslikhats in the country), each holding many acts, and a larger corpus has
#: more acts to an issuer, not more issuers; a folder per act would make every commit rewrite
#: a top folder as large as the corpus, which no real corpus has.
ISSUERS = 500


def issuer_number(i: int) -> int:
    return (i - 1) % ISSUERS + 1


def work_id(i: int) -> str:
    return f"kz/synthetic-akimat-{issuer_number(i):04d}/resolution/{BASE_YEAR}/{i}"


def amending_id(j: int) -> str:
    return f"kz/synthetic-maslikhat-{issuer_number(j):04d}/decision/{BASE_YEAR + 1}/{j}"


def place(i: int) -> str:
    return f"Синтетика-{i:04d}"


def place_latin(i: int) -> str:
    return f"Sintetika-{i:04d}"


@dataclass
class Clause:
    num: int
    paras: list[str]                      # one paragraph per indent (no subclauses)
    subclauses: list[list[str]] = field(default_factory=list)
    parts: list[list[str]] = field(default_factory=list)
    new_paras: list[str] | None = None    # the wording given by an amending act
    by: str | None = None


@dataclass
class Row:
    num: int
    group: int
    service: str
    position: str
    price: str
    new_price: str | None = None          # from PRICE_CHANGE


@dataclass
class Work:
    id: str
    index: int
    kind: str                             # "rules" | "tariffs"
    date: dt.date
    eif: dt.date
    title: str
    clauses: list[Clause]
    rows: list[Row] = field(default_factory=list)


@dataclass
class Amending:
    id: str
    index: int
    date: dt.date
    eif: dt.date
    targets: list[tuple[str, int]]        # (work id, clause number)


@dataclass
class Truth:
    """What each provision says on each date, as generated (the answers to check against)."""

    works: dict[str, Work]
    amending: dict[str, Amending]

    def clause_text(self, work: str, num: int, when: dt.date) -> list[str]:
        w = self.works[work]
        c = next(c for c in w.clauses if c.num == num)
        if c.by and when >= self.amending[c.by].eif:
            return list(c.new_paras)
        return _clause_texts(c)


def _clause_texts(c: Clause) -> list[str]:
    out = list(c.paras)
    for sub in c.subclauses:
        out += sub
    for part in c.parts:
        out += part
    return out


def generate(n_works: int, seed: int = 20260101) -> Truth:
    """N works (a third of them tariff resolutions) and N/5 amending acts, each amending
    one to three clauses of two works (all in memory; see :func:`write_corpus`)."""
    rng = random.Random(seed + n_works)
    works: dict[str, Work] = {}
    for i in range(1, n_works + 1):
        kind = "tariffs" if i % 3 == 0 else "rules"
        date = dt.date(BASE_YEAR, rng.randint(1, 11), rng.randint(1, 28))
        eif = date + dt.timedelta(days=11)
        if kind == "tariffs":
            title = f"{BASE_YEAR + 1} жылға {place(i)} қаласы бойынша арнаулы әлеуметтік қызметтерге тарифтерді бекіту туралы ({SYNTH})"
            clauses = [Clause(k, [sentence(rng)]) for k in range(1, 5)]
            rows, num = [], 0
            for g in range(rng.randint(3, 5)):
                for _ in range(rng.randint(6, 12)):
                    num += 1
                    price = f"{rng.randint(150, 2500)}.{rng.choice(('00', '10', '15', '30', '60'))}"
                    new = f"{float(price) * 1.07:.2f}" if rng.random() < 0.3 else None
                    rows.append(Row(num, g, sentence(rng, rng.randint(5, 14)), rng.choice(_POSITIONS), price, new))
            works[work_id(i)] = Work(work_id(i), i, kind, date, eif, title, clauses, rows)
        else:
            title = f"Синтетикалық қызметтер көрсету қағидаларын бекіту туралы № {i} ({SYNTH})"
            clauses = []
            for k in range(1, rng.randint(12, 20) + 1):
                shape = rng.random()
                if shape < 0.25:
                    c = Clause(k, [sentence(rng, end=":")],
                               subclauses=[[sentence(rng, end=";")] for _ in range(rng.randint(3, 7))])
                elif shape < 0.4:
                    c = Clause(k, [], parts=[[sentence(rng) for _ in range(rng.randint(1, 3))] for _ in range(2)])
                else:
                    c = Clause(k, [sentence(rng) for _ in range(rng.randint(1, 3))])
                clauses.append(c)
            works[work_id(i)] = Work(work_id(i), i, kind, date, eif, title, clauses)
    rules = [w for w in works.values() if w.kind == "rules"]
    amending: dict[str, Amending] = {}
    free = rules[:]
    rng.shuffle(free)
    for j in range(1, max(1, n_works // 5) + 1):
        if len(free) < 2:
            break
        date = dt.date(BASE_YEAR + 1, rng.randint(1, 10), rng.randint(1, 28))
        eif = date + dt.timedelta(days=rng.randint(10, 30))
        a = Amending(amending_id(j), j, date, eif, [])
        for w in (free.pop(), free.pop()):
            simple = [c for c in w.clauses if not c.subclauses and not c.parts]
            for c in rng.sample(simple, k=min(len(simple), rng.randint(1, 3))):
                c.new_paras = [p.replace(".", f" ({SYNTH}, {j}-өзгеріс).", 1) for p in c.paras]
                c.by = a.id
                a.targets.append((w.id, c.num))
        amending[a.id] = a
    return Truth(works, amending)


# -- XML -------------------------------------------------------------------------------------------

def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag)
    for k, v in attrs.items():
        el.set(k.replace("_", "-"), v)
    if text is not None:
        el.text = text
    return el


def _meta(root, w_id: str, type_: str, number: str, date: dt.date, title: str, issuer: str) -> etree._Element:
    meta = _sub(root, "meta")
    _sub(meta, "type", type_)
    _sub(meta, "issuer", f"{issuer} ({SYNTH})", code=w_id.split("/")[1])
    _sub(meta, "number", number)
    _sub(meta, "date", date.isoformat())
    _sub(meta, "title", title)
    return meta


def _lifecycle(root, date: dt.date, eif: dt.date) -> None:
    life = _sub(root, "lifecycle")
    _sub(life, "event", kind="adopted", date=date.isoformat(), origin="text", source=SOURCE)
    _sub(life, "event", kind="entry-into-force", date=eif.isoformat(), origin="text",
         source=f"Осы {SYNTH} {eif.strftime('%d.%m.%Y')} бастап қолданысқа енгізіледі.")


def _clause_xml(parent, c: Clause, versioned: bool, state: str) -> None:
    """``versioned``: both versions with by/ended-by (the corpus); else the one in force in
    ``state`` ("old" or "new"), without version attributes (a git snapshot)."""
    if c.by and versioned:
        _clause_el(parent, c, ended_by=c.by)
        _clause_el(parent, c, by=c.by, paras=c.new_paras)
    elif c.by and state == "new":
        _clause_el(parent, c, paras=c.new_paras)
    else:
        _clause_el(parent, c)


def _clause_el(parent, c: Clause, *, by: str | None = None, ended_by: str | None = None,
               paras: list[str] | None = None) -> None:
    base = f"para_{c.num}"
    el = _sub(parent, "clause", eId=base, num=str(c.num))
    if by:
        el.set("by", by)
    if ended_by:
        el.set("ended-by", ended_by)
    if paras is not None:
        for n, p in enumerate(paras, 1):
            _sub(el, "p", p, eId=f"{base}__indent_{n}")
        return
    for n, p in enumerate(c.paras, 1):
        _sub(el, "p", p, eId=f"{base}__indent_{n}")
    for s, sub in enumerate(c.subclauses, 1):
        sc = _sub(el, "subclause", eId=f"{base}__subpara_{s}", num=str(s))
        for n, p in enumerate(sub, 1):
            _sub(sc, "p", p, eId=f"{base}__subpara_{s}__indent_{n}")
    for k, part in enumerate(c.parts, 1):
        pt = _sub(el, "part", eId=f"{base}__part_{k}")
        for n, p in enumerate(part, 1):
            _sub(pt, "p", p, eId=f"{base}__part_{k}__indent_{n}")


def work_xml(w: Work, *, versioned: bool = True, state: str = "old") -> etree._Element:
    """The document of one synthetic work (``versioned=False``: the snapshot for ``state``)."""
    root = etree.Element("act", id=w.id, lang="kk")
    meta = _meta(root, w.id, "resolution", str(w.index), w.date, w.title,
                 f"Синтетика-{issuer_number(w.index):04d} облысы әкімдігінің")
    if w.kind == "tariffs":
        _sub(meta, "place", place(w.index), kind="city", latin=place_latin(w.index))
        _sub(meta, "setting", "home")
        _sub(meta, "period", **{"from": f"{BASE_YEAR + 1}-01-01", "until": f"{BASE_YEAR + 2}-01-01",
                                "source": f"{BASE_YEAR + 1} жылға"})
    _sub(meta, "coverage", complete="true")
    _lifecycle(root, w.date, w.eif)
    if w.kind == "tariffs":
        life = root.find("lifecycle")
        _sub(life, "event", kind="application-period", date=f"{BASE_YEAR + 1}-01-01", origin="text",
             target=f"{BASE_YEAR + 1} жылға", source=w.title)
    body = _sub(root, "body")
    _sub(body, "title", w.title, eId="title")
    pre = _sub(body, "preamble", eId="preamble")
    _sub(pre, "p", f"Синтетикалық заңнамаға сәйкес ({SYNTH}) {place(w.index)} қаласының әкімдігі ҚАУЛЫ ЕТЕДІ:",
         eId="preamble__indent_1")
    for c in w.clauses:
        _clause_xml(body, c, versioned, state)
    sig = _sub(body, "signature")
    _sub(sig, "line", "Синтетикалық әкім")
    if w.kind == "tariffs":
        app = _sub(root, "appendix", eId="att_1", num="1")
        _sub(app, "mark", f"{place(w.index)} қаласы әкімдігінің № {w.index} қаулысына қосымша")
        _sub(app, "heading", f"Синтетикалық тарифтер ({SYNTH})")
        tbl = _sub(app, "tariffs", eId="att_1__tbl", currency="KZT", unit="per-service", setting="home")
        for name, text in (("num", "№"), ("service", "Қызмет түрлері"), ("position", "Лауазым"),
                           ("price", "Бір қызметтің құны (теңгемен)")):
            _sub(tbl, "column", text, name=name)
        groups: dict[int, etree._Element] = {}
        for r in w.rows:
            if r.group not in groups:
                g = _sub(tbl, "group", eId=f"att_1__grp_{len(groups) + 1}")
                _sub(g, "heading", _GROUPS[r.group % len(_GROUPS)])
                groups[r.group] = g
            g = groups[r.group]
            versions = [(r.price, None, None)]
            if r.new_price and versioned:
                versions = [(r.price, None, PRICE_CHANGE), (r.new_price, PRICE_CHANGE, None)]
            elif r.new_price and state == "new":
                versions = [(r.new_price, None, None)]
            for price, since, until in versions:
                row = _sub(g, "row", eId=f"att_1__row_{r.num}", num=str(r.num), price=price)
                if since:
                    row.set("from", since.isoformat())
                if until:
                    row.set("until", until.isoformat())
                _sub(row, "service", r.service)
                _sub(row, "position", r.position)
    return root


def amending_xml(a: Amending) -> etree._Element:
    root = etree.Element("act", id=a.id, lang="kk")
    title = f"Синтетикалық қаулыларға өзгерістер енгізу туралы № {a.index} ({SYNTH})"
    meta = _meta(root, a.id, "decision", str(a.index), a.date, title, "Синтетика аудандық мәслихатының")
    _sub(meta, "coverage", complete="true")
    _lifecycle(root, a.date, a.eif)
    body = _sub(root, "body")
    _sub(body, "title", title, eId="title")
    for k, (work, num) in enumerate(a.targets, 1):
        c = _sub(body, "clause", eId=f"para_{k}", num=str(k))
        _sub(c, "p", f"{work} {num}-тармағы жаңа редакцияда жазылсын ({SYNTH}).", eId=f"para_{k}__indent_1")
    return root


def write_corpus(truth: Truth, root: Path) -> list[Path]:
    """Write every work and amending act under ``root`` (a corpus directory); returns the files.

    Large corpora are written by one forked process per CPU (building and serialising the
    documents is what takes the time: minutes for 100,000 works in one process)."""
    jobs = min(os.cpu_count() or 1, 4)
    if len(truth.works) < 2000 or jobs < 2:
        return _write_part(truth, root, 0, 1)
    _FORKED.update(truth=truth, root=root, jobs=jobs)      # inherited by the forked workers, not pickled
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_write_forked, range(jobs), chunksize=1)
    finally:
        _FORKED.clear()
    return [p for part in parts for p in part]


_FORKED: dict = {}


def _write_forked(k: int) -> list[Path]:
    return _write_part(_FORKED["truth"], _FORKED["root"], k, _FORKED["jobs"])


def _write_part(truth: Truth, root: Path, k: int, jobs: int) -> list[Path]:
    """Every ``jobs``-th document from the ``k``-th, written."""
    out = []
    for w in list(truth.works.values())[k::jobs]:
        out.append(_write(root, w.id, work_xml(w)))
    for a in list(truth.amending.values())[k::jobs]:
        out.append(_write(root, a.id, amending_xml(a)))
    return out


def _write(root: Path, wid: str, el: etree._Element) -> Path:
    path = root / f"{wid}.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xmlio.serialise(el))
    return path


# -- pending amending acts (for apply) -----------------------------------------------------------

def pending_amending_xml(j: int, targets: list[tuple[Work, Clause]], eif: dt.date) -> etree._Element:
    """An amending act whose operations are stored but not applied: per target clause one
    ``replace`` of its first paragraph's clause wording and one ``replace-words``."""
    wid = f"kz/synthetic-maslikhat-{issuer_number(j):04d}/decision/{BASE_YEAR + 1}/p{j}"
    root = amending_xml(Amending(wid, j, eif - dt.timedelta(days=15), eif, [(w.id, c.num) for w, c in targets]))
    holder = _sub(root, "amendments")
    n = 0
    for w, c in targets:
        n += 1
        op = _sub(holder, "op", eId=f"op_{n}", kind="replace", status="parsed", work=w.id)
        tgt = _sub(op, "target")
        _sub(tgt, "step", kind="clause", num=str(c.num))
        _sub(op, "text", f"{c.num}. " + "\n".join(p.replace(".", f" ({SYNTH}, p{j}).", 1) for p in c.paras))
        _sub(op, "source", f"{c.num}-тармақ мынадай редакцияда жазылсын ({SYNTH}):")
        n += 1
        word = c.paras[0].split()[1]
        op = _sub(holder, "op", eId=f"op_{n}", kind="replace-words", status="parsed", work=w.id)
        tgt = _sub(op, "target")
        _sub(tgt, "step", kind="clause", num=str(c.num))
        _sub(op, "words", old=word, new=f"{word}-{j}")
        _sub(op, "source", f"{c.num}-тармақта \"{word}\" деген сөз \"{word}-{j}\" деген сөзбен ауыстырылсын ({SYNTH}).")
    return root


# -- adilet-style source text (for import) -----------------------------------------------------

def adilet_text(i: int, rng: random.Random, rows: int = 60) -> str:
    """A made-up tariff resolution as adilet exports it (the "cells" layout of
    corpus/sources/seeds/001_*.txt): a place that does not exist, synthetic services."""
    ind = "\u00a0" * 5 + " "
    day = rng.randint(1, 28)
    lines = [
        f" {BASE_YEAR + 1} жылға Синтетика қаласы бойынша үй жағдайында арнаулы әлеуметтік қызметтер көрсетуге арналған тарифтерді бекіту туралы",
        f"Синтетика облысы Синтетика қаласы әкімдігінің {BASE_YEAR} жылғы {day} желтоқсандағы № {i} қаулысы",
        "[bookmark: z2]",
        f"{ind}Синтетикалық заңнамаға сәйкес ({SYNTH}), Синтетика қаласының әкімдігі ҚАУЛЫ ЕТЕДІ:",
        "",
        f"{ind}1. Осы қаулының қосымшасына сәйкес {BASE_YEAR + 1} жылға Синтетика қаласы бойынша үй жағдайында арнаулы әлеуметтік қызметтер көрсетуге арналған тарифтері бекітілсін.",
        "",
        f"{ind}2. {sentence(rng)}",
        "",
        f"{ind}3. Осы қаулы оның алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.",
        "\t", f"{ind}Синтетикалық әкім ", "", "\t", "С. Синтетиков", "", "", "",
        "\t\u00a0", "\tСинтетика қаласы әкімдігінің ", f"{BASE_YEAR} жылғы {day} желтоқсан ",
        f"№ {i} қаулысына қосымша", "", "",
        " Үй жағдайында көрсетілетін арнаулы әлеуметтік қызметтерге тарифтер",
        "\t", "№", "\t", "Қызмет түрлері", "\t", "Лауазым", "\t", "Бір қызметтің құны (теңгемен)", "",
    ]
    num = 0
    for g in range(4):
        lines += ["\t", "", "\t", _GROUPS[g], ""]
        for _ in range(rows // 4):
            num += 1
            price = f"{rng.randint(1, 2)}\u00a0{rng.randint(100, 999)},{rng.choice(('10', '30', '60'))}" \
                if rng.random() < 0.2 else f"{rng.randint(150, 999)},{rng.choice(('10', '15', '30'))}"
            lines += ["\t", str(num), "\t", sentence(rng, rng.randint(5, 14)), "\t", rng.choice(_POSITIONS),
                      "\t", price, ""]
    return "\n".join(lines) + "\n"
