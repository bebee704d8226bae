"""Legal citations, both ways: a provision cited as a lawyer cites it, and an act's official
citation.

People ask for provisions as the texts cite them, not by eId: "3-тармақ", "1-қосымша
2-тармақ 3) тармақша", "2-тармақтың бірінші бөлігі", "кіріспе", "Қағидалардың 5-тармағы";
in Russian "пункт 3 Правил", "подпункт 3) пункта 2 приложения 1", "преамбула". Kazakh cites
outer to inner with the number before the unit word; Russian cites inner to outer (a genitive
chain) with the number after it. The unit words, case endings and ordinals are those of the
amendment grammar (:mod:`lawdiff.amend.vocab`), so a citation reads as an instruction's target
reads. Levels a citation may leave out (section, chapter, paragraph of a chapter, part) are
found in the act; a citation that fits two units is refused with both named.

An act is named by its official citation in its own language ("Орал қаласы әкімдігінің 2025
жылғы 18 желтоқсандағы № 2999 қаулысы"), with its page on the official system where its
adilet number is known.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from lawdiff import LawdiffError
from lawdiff.model.act import Act
from lawdiff.model.ids import norm_num, parse_eid

#: Words for "the document the act approves" (its Rules, List, Regulation...): they cite the
#: act's appendix that holds it.
_APPROVED_DOCUMENT = re.compile(
    r"^(?:қағида|тізбе|ереже|әдістеме|стандарт|правил|перечн|положени|методик|стандарт)", re.IGNORECASE)
#: Levels a citation may leave out: they are found in the act.
_IMPLICIT = {"section", "chapter", "subchapter", "part"}
_EID = re.compile(r"^[a-z]+(?:_[0-9a-z-]+)?(?:__[a-z]+(?:_[0-9a-z-]+)?)*$")


@functools.cache
def _token() -> re.Pattern[str]:
    """A citation's tokens: numbers, ordinals, words. Compiled when a provision is first cited
    (with the grammar's vocabulary), not by every command that names an act."""
    from lawdiff.amend.vocab import KK_ORDINAL_RE, RU_ORDINAL_RE

    return re.compile(rf"(?P<num>\d+(?:[-.]\d+)*)\s*(?:\)|-)?|(?P<ord>{KK_ORDINAL_RE}|{RU_ORDINAL_RE})|(?P<word>[\w-]+)",
                      re.IGNORECASE)

Step = tuple[str, str | None]


def parse_citation(text: str) -> list[Step]:
    """The (kind, number) steps of a citation, outer to inner. A step with number None is the
    appendix holding the document the act approves ("Правил", "Қағидалардың")."""
    from lawdiff.amend.vocab import kk_unit, ru_unit

    tokens = [(m.lastgroup, m.group(m.lastgroup)) for m in _token().finditer(text)]
    steps: list[Step] = []
    russian = False
    pending: str | None = None          # a number or ordinal waiting for its Kazakh unit word
    i = 0
    while i < len(tokens):
        kind_of, value = tokens[i]
        if kind_of in ("num", "ord"):
            pending = _number(kind_of, value)
            i += 1
            continue
        unit = kk_unit(value) if pending is not None else None
        if unit is not None:
            steps.append((unit[0], pending))
            pending = None
        elif (ru := ru_unit(value)) is not None:
            russian = True
            num = None
            if i + 1 < len(tokens) and tokens[i + 1][0] in ("num", "ord"):
                num = _number(*tokens[i + 1])
                i += 1
            steps.append((ru[0], num))
        elif (kk := kk_unit(value)) is not None and kk[0] in ("preamble", "title"):
            steps.append((kk[0], None))
        elif _APPROVED_DOCUMENT.match(value):
            steps.append(("appendix", None))
        else:
            raise LawdiffError(f"cannot read the citation {text!r}: {value!r} is not a unit of an act "
                               "(write e.g. \"3-тармақ\", \"1-қосымша 2-тармақ 3) тармақша\", \"пункт 3 Правил\")")
        i += 1
    if pending is not None:
        raise LawdiffError(f"cannot read the citation {text!r}: the number {pending} names no unit")
    if not steps:
        raise LawdiffError(f"cannot read the citation {text!r}: it names no unit")
    for kind, num in steps:
        if num is None and kind not in ("preamble", "title", "appendix"):
            raise LawdiffError(f"cannot read the citation {text!r}: the {kind} has no number")
    return list(reversed(steps)) if russian else steps


def _number(kind_of: str, value: str) -> str:
    from lawdiff.amend.vocab import kk_ordinal, ru_ordinal

    if kind_of == "ord":
        n = kk_ordinal(value) or ru_ordinal(value)
        if n is None:
            raise LawdiffError(f"cannot read the ordinal {value!r}")
        return str(n)
    return value


def resolve_provision(act: Act, citation: str) -> str:
    """The eId of the unit of ``act`` that ``citation`` names (an eId is taken as it is).

    A citation no unit of a complete act fits is an error; for a partial text (coverage
    incomplete) the eId the citation would have is returned, so the answer can say the unit
    is not in the corpus rather than that it does not exist."""
    text = " ".join(citation.split())
    if _EID.match(text):
        return text
    steps = parse_citation(text)
    eids = list(dict.fromkeys(el.get("eId") for el in act.units()))
    appendices = [e for e in eids if "__" not in e and e.startswith("att_")]
    hits = [e for e in eids if _fits(steps, parse_eid(e), appendices)]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise LawdiffError(f"the citation {citation!r} fits more than one unit of {act.id}: {', '.join(hits[:5])}")
    if not act.complete:
        return _literal_eid(steps, appendices)
    raise LawdiffError(f"{act.id} has no provision {citation}")


def _fits(steps: list[Step], path: list[Step], appendices: list[str]) -> bool:
    """True when ``path`` (an eId's steps) is the unit the citation names: the cited steps in
    order, only implicit levels between them, the last cited step the unit itself."""
    if not path or not steps:
        return False
    if steps[0][0] != "appendix" and path[0][0] == "appendix":
        return False
    i = 0
    for kind, num in path:
        if i < len(steps) and _same(steps[i], (kind, num), appendices):
            i += 1
        elif i < len(steps) and kind in _IMPLICIT:
            continue
        else:
            return False
    return i == len(steps) and _same(steps[-1], path[-1], appendices)


def _same(cited: Step, step: Step, appendices: list[str]) -> bool:
    kind, num = cited
    if kind != step[0]:
        return False
    if num is None:
        # the approved document: the act's only appendix
        return kind != "appendix" or len(appendices) == 1
    try:
        return norm_num(num) == step[1]
    except LawdiffError:
        return False


def _literal_eid(steps: list[Step], appendices: list[str]) -> str:
    from lawdiff.model.ids import eid

    path = []
    for kind, num in steps:
        if kind == "appendix" and num is None:
            if len(appendices) != 1:
                raise LawdiffError("the act has no single appendix for the document it approves: cite it by number")
            num = appendices[0].split("_", 1)[1]
        path.append((kind, num))
    return eid(path)


# ------------------------------------------------------------------------- official citation

_KK_MONTHS_OF = ("қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы",
                 "шілдедегі", "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы")
_RU_MONTHS_OF = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                 "октября", "ноября", "декабря")
#: The act's kind as its citation ends ("… № 2999 қаулысы") and as a Russian citation begins.
_KK_TYPE = {"resolution": "қаулысы", "decree": "қаулысы", "order": "бұйрығы", "decision": "шешімі",
            "law": "Заңы", "code": "Кодексі", "constitution": "Конституциясы", "act": "актісі"}
_RU_TYPE = {"resolution": "Постановление", "decree": "Постановление", "order": "Приказ", "decision": "Решение",
            "law": "Закон", "code": "Кодекс", "constitution": "Конституция", "act": "Акт"}


def date_phrase(d: dt.date, lang: str) -> str:
    """"2025 жылғы 18 желтоқсандағы" / "18 декабря 2025 года" / "18 December 2025"."""
    if lang == "kk":
        return f"{d.year} жылғы {d.day} {_KK_MONTHS_OF[d.month - 1]}"
    if lang == "ru":
        return f"{d.day} {_RU_MONTHS_OF[d.month - 1]} {d.year} года"
    return d.strftime("%d %B %Y").lstrip("0")


def citation_of(act_type: str, number: str, date: dt.date | None, lang: str, issuer: str = "") -> str:
    """The official citation from its parts, in the act's language: Kazakh "<issuer> <date> №
    <number> <kind>", Russian "<Kind> <issuer> от <date> № <number>"."""
    if lang == "ru":
        parts = [_RU_TYPE.get(act_type, act_type.capitalize()), issuer, f"от {date_phrase(date, 'ru')}" if date else "",
                 f"№ {number}"]
    else:
        parts = [issuer, date_phrase(date, "kk") if date else "", f"№ {number}", _KK_TYPE.get(act_type, act_type)]
    return " ".join(p for p in parts if p)


def official_citation(act: Act) -> str:
    """The act's official citation in its own language."""
    issuer = act.root.find("meta/issuer")
    return citation_of(act.type, act.number, act.date, act.root.get("lang") or "kk",
                       (issuer.text or "").strip() if issuer is not None else "")


def citation_of_work_id(work: str, date: dt.date | None, lang: str) -> str:
    """A citation for an act known only by its work id and date (not in the corpus): its kind,
    date and number, without the issuer's name that only its text gives."""
    parts = work.split("/")
    return citation_of(parts[2], parts[-1], date, lang)


def adilet_url(act: Act, lang: str | None = None) -> str | None:
    """The act's page on the official system, when its adilet number is known."""
    alias = act.root.find("meta/alias[@scheme='adilet']")
    if alias is None or not (alias.text or "").strip():
        return None
    section = "rus" if (lang or act.root.get("lang")) == "ru" else "kaz"
    return f"https://adilet.zan.kz/{section}/docs/{alias.text.strip()}"
