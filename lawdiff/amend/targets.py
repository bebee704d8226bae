"""What a sentence's noun phrases point at: paths from the top of the amended work.

A sentence's units are merged into the current context (set by context lines such as
"6-тармақта:", "в пункте 7:"): a unit replaces the context from its own level down. A
document approved by the act ("… бекітілген Қағидаларда", "в Правилах …, утвержденных …")
scopes the sentence to that appendix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff import LawdiffError
from lawdiff.amend import vocab
from lawdiff.amend.nouns import NP, find_nps
from lawdiff.amend.ops import Path, Unparsed
from lawdiff.patterns import lazy

@dataclass
class State:
    work: str | None
    own_issuer: str | None = None
    scope: Path = field(default_factory=list)
    context: Path = field(default_factory=list)
    in_umbrella: bool = False
    #: the language version the current context line names ("мемлекеттік тілдегі 1-қосымшасында:")
    language: str | None = None
    #: the amended act's other ids when it is a joint act
    joint: list[str] = field(default_factory=list)


_KK_DOC_STEMS = ("қағида", "ереже", "тізбе", "әдістеме", "стандарт", "регламент", "нұсқаулық")
_RU_DOC_SCOPE = lazy(r"^(?:правилах?|положени[ия]|перечн[еяи]|методик[еи]|стандарт[еа]|регламент[еа]"
                           r"|инструкци[ия])$")


def document_scope(masked: str) -> Path | None:
    """[("appendix", N)] when the sentence names a document approved by the act, [] when it
    names the amended act itself, None when it names neither.

    "көрсетілген бұйрықпен бекітілген … қағидаларында", "в Правилах …, утвержденных указанным
    решением": the Rules are the act's appendix (its only one unless a number is given:
    "1-қосымшамен бекітілген"). A dative mention ("осы Қағидаларға … сәйкес") is no scope.
    """
    for m in vocab.DOCUMENT.finditer(masked):
        word = m["word"].lower()
        stem = next((s for s in _KK_DOC_STEMS if word.startswith(s)), None)
        if stem is not None:
            if vocab.kk_case(word[len(stem):]) not in ("loc", "gen", "locattr"):
                continue
        elif not _RU_DOC_SCOPE.match(word):
            continue
        num = re.search(r"(\d+)-қосымша\w*\s+бекітілген|приложени\w+\s+(\d+)", masked)
        return [("appendix", (num.group(1) or num.group(2)) if num else "1")]
    if vocab.SAME_WORK.search(masked):
        return []
    return None


def merge(context: Path, steps: Path) -> Path:
    """Put ``steps`` under ``context``: the context is cut where a step of the same kind, or
    of a lower level, begins ("төртінші бөлігі" after [clause 11, subclause 2, part 3] gives
    [clause 11, subclause 2, part 4]). Parts and subclauses share a level and may hold each
    other, so one does not cut the other."""
    if not steps:
        return list(context)
    kind = steps[0][0]
    rank = vocab.RANK[kind]
    for i, (k, _) in enumerate(context):
        if k == kind or vocab.RANK[k] > rank:
            return list(context[:i]) + list(steps)
    return list(context) + list(steps)


def chain(nps: list[NP]) -> tuple[Path, NP]:
    """The path of the non-head phrases and the head phrase (the one with the target numbers).

    Kazakh names the parent first ("2-тармақтың бірінші бөлігінің 1) тармақшалары"); Russian
    the target first, then its parents in the genitive ("подпункт 3) пункта 1"), after any
    locative context ("в пункте 7 подпункт 1)").
    """
    if not nps:
        raise LawdiffError("no target named")
    if all(n.lang == "kk" for n in nps):
        ordered = nps
    else:
        # Each Russian phrase is followed by the genitives of its parents ("в подпункте 2)
        # пункта 3", "подпункт 3) пункта 1"): a group reads parent-first once reversed.
        groups: list[list[NP]] = []
        for n in nps:
            if n.case == "gen" and groups:
                groups[-1].insert(0, n)
            else:
                groups.append([n])
        loc = [g for g in groups if g[-1].case == "loc"]
        instr = [g for g in groups if g[-1].case == "instr"]
        rest = [g for g in groups if g[-1].case not in ("loc", "instr")]
        ordered = [n for g in loc + rest + instr for n in g]
    head = ordered[-1]
    path: Path = []
    for n in ordered[:-1]:
        if len(n.nums) != 1:
            raise LawdiffError("a list of numbers names a unit that is not the target")
        path.append((n.kind, unit_num(n, n.nums[0])))
    return path, head


def unit_num(np_: NP, num: str | None) -> str | None:
    if np_.kind in vocab.UNNUMBERED:
        return None
    if num is None and np_.kind == "appendix":
        return "1"  # "қосымшасы", "приложение к решению": the act's only appendix
    return num


def target_paths(nps: list[NP], state: State, scope: Path | None) -> list[Path]:
    prefix, head = chain(nps)
    base = merge(state.context, prefix) if prefix else None
    paths = []
    for num in head.nums:
        step = (head.kind, unit_num(head, num))
        rel = merge(state.context, prefix + [step]) if base is not None else merge(state.context, [step])
        paths.append((scope if scope is not None else state.scope) + rel)
    return paths


def sentence_scope(masked: str, state: State) -> Path | None:
    doc = document_scope(masked)
    if doc is None:
        return None
    state.context = []
    return doc


#: The umbrella names an appendix of the amended act: "Внести … в приложение № 3 решения …",
#: "… шешімнің 3-қосымшасына … енгізілсін".
_UMBRELLA_APPENDIX = re.compile(r"(?<!\w)в\s+приложени[еия]\s*(?:№\s*)?(?P<ru>\d+)?(?=[\s,])"
                                r"|(?P<kk>\d+)\s*-?\s*қосымшасына(?!\w)", re.I)


def umbrella_scope(masked: str) -> Path | None:
    """The part of the amended act the umbrella sentence opens: a document it approved
    (:func:`document_scope`) or one of its appendices, None when it names neither."""
    doc = document_scope(masked)
    if doc:
        return doc
    m = _UMBRELLA_APPENDIX.search(masked)
    if m:
        return [("appendix", m["ru"] or m["kk"] or "1")]
    return doc


def context_line(source: str, masked: str, state: State) -> None | Unparsed:
    doc = document_scope(masked)
    nps = find_nps(masked)
    if doc is not None:
        state.scope, state.context = doc, []
    if not nps:
        return None if doc is not None else Unparsed(source, "a context line that names no unit")
    if any(n.case not in ("loc", "locattr", "gen") for n in nps[-1:]):
        return Unparsed(source, "a context line whose last unit is not in the locative ('…-да:', 'в …')")
    prefix, head = chain(nps)
    if len(head.nums) != 1:
        return Unparsed(source, "a context line that names several units")
    state.context = merge(state.context, prefix + [(head.kind, unit_num(head, head.nums[0]))])
    return None
