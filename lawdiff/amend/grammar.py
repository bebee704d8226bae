"""The instruction grammar: paragraphs of an amending act -> typed operations.

Reading is generous (case endings, stem changes, ordinals and their typos, a missing hyphen
or space, Kazakh or Russian) and the output strict: a sentence that names an operation but
whose target, words or new wording cannot be made out exactly becomes an :class:`Unparsed`
with the reason, never a guess and never silence.

How a sentence is read (docs/amendments.md has the full grammar):

1. Quoted text is masked, so words inside quotes are never taken for targets.
2. The verb decides the operation: "редакцияда жазылсын" / "изложить в … редакции" (replace),
   "толықтырылсын" / "дополнить" (insert), "алып тасталсын" / "исключить" (delete),
   "ауыстырылсын", "өзгертілсін" / "заменить" (words or numbers), "күші жойылды деп
   танылсын" / "признать утратившим силу" (repeal). A sentence without a verb that ends in
   ":" is a context line ("6-тармақта:", "2) тармақшада:", "үшінші бөлігінде:").
3. Noun phrases name the target: numbers or ordinals (lists "1), 2) және 3)", ranges
   "1)–4)") before a unit word with its case ending (Kazakh, parent first) or after it
   (Russian, child first with genitives: "подпункт 3) пункта 1").
4. The target is merged into the current context: it replaces the context from its own
   level down ("төртінші бөлігі" after "үшінші бөлігінде:" keeps the clause and subclause).
   A context line changes the context; a target does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdiff import LawdiffError
from lawdiff.amend import vocab
from lawdiff.amend.ops import Operation, ParseResult, Path, Unparsed
from lawdiff.dates import find_dates
from lawdiff.ingest.issuers import act_type, find_place, issuer_code, place
from lawdiff.ingest.references import find_refs
from lawdiff.model.ids import norm_num, work_id

_QUOTE_PAIRS = {'"': '"', "«": "»", "“": "”", "„": "“"}
_OPEN_QUOTES = tuple(_QUOTE_PAIRS)

# -- noun phrases ------------------------------------------------------------------------------

_NUMTOK = r"\d+(?:-\d+)*\)?|[а-яәі]\)"
_KK_ITEM = rf"(?:{_NUMTOK}|{vocab.KK_ORDINAL_RE})"
_RU_ITEM = rf"(?:{_NUMTOK}|{vocab.RU_ORDINAL_RE})"
_KK_SEP = r"(?:\s*,\s*(?:және\s+)?|\s+және\s+|\s+мен\s+|\s*[–—]\s*|(?<=\))\s*-\s*)"
_RU_SEP = r"(?:\s*,\s*(?:и\s+)?|\s+и\s+|\s*[–—]\s*|(?<=\))\s*-\s*|\s+-\s+)"
_KK_NP = re.compile(
    rf"(?<![\w-])(?:(?P<items>{_KK_ITEM}(?:{_KK_SEP}{_KK_ITEM})*)(?:\s*-\s*|\s*))?"
    rf"(?P<unit>{vocab.KK_UNIT_RE})",
    re.I,
)
_RU_NP = re.compile(
    rf"(?<![\w-])(?:(?P<prep>в|во|после)\s+)?(?:(?P<pre>{_RU_ITEM}(?:{_RU_SEP}{_RU_ITEM})*)\s+)?"
    rf"(?P<unit>{vocab.RU_UNIT_RE})(?:\s*(?P<items>{_RU_ITEM}(?:{_RU_SEP}{_RU_ITEM})*))?",
    re.I,
)
_RANGE_SEP = re.compile(r"^\s*[–—-]\s*$")


@dataclass
class NP:
    """One noun phrase naming units: kind, numbers (None: unnumbered), case, position."""

    kind: str
    nums: list[str | None]
    case: str
    start: int
    end: int
    lang: str


def _item_value(item: str, kind: str, lang: str) -> str:
    item = item.strip()
    if re.fullmatch(r"\d+(?:-\d+)*\)?|[а-яәі]\)", item):
        return norm_num(item)
    value = vocab.kk_ordinal(item) if lang == "kk" else vocab.ru_ordinal(item)
    if value is None:
        value = vocab.ru_ordinal(item) or vocab.kk_ordinal(item)
    if value is None:
        raise LawdiffError(f"cannot read the number {item!r}")
    return str(value)


def _expand_items(text: str, kind: str, lang: str) -> list[str]:
    """"1), 2), 3) және 4)" -> [1, 2, 3, 4]; "1)–4)" -> [1, 2, 3, 4]; ordinals to numbers."""
    item_re = re.compile(_KK_ITEM if lang == "kk" else _RU_ITEM, re.I)
    values: list[str] = []
    pos = 0
    for m in item_re.finditer(text):
        between = text[pos:m.start()]
        value = _item_value(m.group(0), kind, lang)
        if values and _RANGE_SEP.match(between):
            lo, hi = values[-1], value
            if not (lo.isdigit() and hi.isdigit() and int(lo) < int(hi) <= int(lo) + 100):
                raise LawdiffError(f"cannot expand the range {text!r}")
            values.extend(str(n) for n in range(int(lo) + 1, int(hi) + 1))
        else:
            values.append(value)
        pos = m.end()
    return values


_KK_VERBS = re.compile(r"\w+(?:сын|сін)\b|[әғқңөұүһі]", re.I)


def language(masked: str) -> str:
    """"kk" when the sentence has a Kazakh jussive verb or a Kazakh-only letter, else "ru"."""
    return "kk" if _KK_VERBS.search(masked) else "ru"


def find_nps(masked: str) -> list[NP]:
    """Every noun phrase naming structural units in ``masked`` (quotes already masked)."""
    nps: list[NP] = []
    if language(masked) == "ru":
        return _find_ru_nps(masked, nps)
    for m in _KK_NP.finditer(masked):
        info = vocab.kk_unit(m["unit"])
        if info is None:
            continue
        kind, case = info
        nums = _expand_items(m["items"], kind, "kk") if m["items"] else [None]
        nps.append(NP(kind, nums, case, m.start(), m.end(), "kk"))
    return nps


def _find_ru_nps(masked: str, nps: list[NP]) -> list[NP]:
    for m in _RU_NP.finditer(masked):
        info = vocab.ru_unit(m["unit"], (m["prep"] or "").lower() or None)
        if info is None:
            continue
        kind, case = info
        items = m["items"] or m["pre"]
        nums = _expand_items(items, kind, "ru") if items else [None]
        if case == "nom?":  # "части": genitive after the unit it depends on, else the head
            case = "gen" if any(n.lang == "ru" and n.case == "nom" for n in nps) else "nom"
        nps.append(NP(kind, nums, case, m.start(), m.end(), "ru"))
    nps.sort(key=lambda n: n.start)
    return nps


# -- quotes and wordings -----------------------------------------------------------------------


def mask_quotes(text: str) -> tuple[str, list[str]]:
    """Replace each quoted span by a placeholder ⟦i⟧; return the masked text and the quotes."""
    quotes: list[str] = []
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _QUOTE_PAIRS:
            close = _QUOTE_PAIRS[ch]
            j = _find_close(text, i, ch, close)
            if j is not None:
                quotes.append(text[i + 1:j])
                out.append(f"⟦{len(quotes) - 1}⟧")
                i = j + 1
                continue
        out.append(ch)
        i += 1
    return "".join(out), quotes


def _find_close(text: str, i: int, open_: str, close: str) -> int | None:
    if open_ == close:
        j = text.find(close, i + 1)
        return j if j > i else None
    depth = 0
    for j in range(i, len(text)):
        if text[j] == open_:
            depth += 1
        elif text[j] == close:
            depth -= 1
            if depth == 0:
                return j
    return None


_CLOSE_TAIL = re.compile(r"[\"»”]\s*[.;,]?\s*$")


def _wording_closed(paras: list[str]) -> bool:
    joined = "\n".join(paras)
    if not _CLOSE_TAIL.search(paras[-1]):
        return False
    first = joined.lstrip()[0]
    if first == "«":
        return joined.count("«") == joined.count("»")
    if first == "“":
        return joined.count("“") <= joined.count("”")
    return joined.count('"') % 2 == 0 and len(joined.strip()) > 1


def strip_wording(paras: list[str]) -> list[str]:
    """Remove the outer quotes and the punctuation after the closing one."""
    out = [p.strip() for p in paras]
    out[0] = out[0][1:].lstrip() if out[0][:1] in _OPEN_QUOTES else out[0]
    out[-1] = re.sub(r"[\"»”]\s*[.;,]?\s*$", "", out[-1]).rstrip()
    return [p for p in out if p]


# -- act references ----------------------------------------------------------------------------

_RU_LOCAL_ADJ = re.compile(
    r"(?P<adj>[А-ЯЁ][а-яё-]+?)(?:ского|ского|цкого|ского)\s+(?P<level>районного|городского|областного)\s+"
    r"(?P<body>маслихата|акимата)\b"
)
_RU_NUMBER = re.compile(r"№\s*(?P<num>\d[\w/-]*)")


def resolve_act(text: str, own_issuer: str | None = None) -> str | None:
    """The work id of the first act cited in ``text`` (type, issuer, date, number), or None.

    ``own_issuer``: the amending act's issuer code, for a citation that names its body without
    a place ("решение маслихата от … № 471" in a maslikhat's own decision).
    """
    for ref in find_refs(text):
        if ref.work:
            return ref.work
        if own_issuer and ref.type and ref.date and ref.number and ref.issuer_code is None:
            try:
                return work_id(own_issuer, ref.type, ref.date.year, ref.number)
            except LawdiffError:
                pass
    # Russian local bodies named by adjective: "Казталовского районного маслихата от 2 ноября
    # 2023 года № 9-7" (the gazetteer finds the place by its Kazakh/Russian name).
    m = _RU_LOCAL_ADJ.search(text)
    num = _RU_NUMBER.search(text, m.end()) if m else None
    if m and num:
        dates = [d for off, d in find_dates(text) if m.start() <= off < num.start()]
        body = "maslikhat" if m["body"].startswith("маслихат") else "akimat"
        kind = act_type("решение" if body == "maslikhat" else "постановление", body)
        if dates and kind:
            level = "district" if m["level"] == "районного" else "city"
            try:   # a place two regions share, or an id that does not fit: the act stays unresolved
                pl = find_place(m["adj"], level) or place(m["adj"], level)
                return work_id(issuer_code(pl, body), kind, dates[-1].year, num["num"])
            except LawdiffError:
                return None
    return None


# -- the parser --------------------------------------------------------------------------------


@dataclass
class _State:
    work: str | None
    own_issuer: str | None = None
    scope: Path = field(default_factory=list)
    context: Path = field(default_factory=list)
    in_umbrella: bool = False


@dataclass
class _Block:
    sentence: str
    wording: list[str] | None = None
    items: list[str] | None = None
    error: str | None = None


_OWN_CLAUSE = re.compile(r"^\d+(?:-\d+)*\.\s+(?=\S)")
_OWN_ITEM = re.compile(r"^(\d+(?:-\d+)*|[а-яәі])\)\s+(?=\S)")


def _strip_own_number(text: str) -> tuple[str, bool]:
    """Drop the amending act's own numbering ("1. ", "2) ") from an instruction sentence.

    "2) тармақшада:" keeps its number: there it names the target (a Kazakh subclause).
    Returns the sentence and whether it started a clause of the amending act.
    """
    m = _OWN_CLAUSE.match(text)
    if m:
        return text[m.end():], True
    m = _OWN_ITEM.match(text)
    np_ = _KK_NP.match(text)
    if m and not (np_ and np_.group("items")):
        return text[m.end():], False
    return text, False


def _ends_with_colon(masked: str) -> bool:
    return masked.rstrip().endswith(":")


def _blocks(paragraphs: list[str]) -> list[_Block]:
    """Group paragraphs into instruction sentences with their quoted new wording."""
    blocks: list[_Block] = []
    i = 0
    n = len(paragraphs)
    while i < n:
        text = paragraphs[i].strip()
        i += 1
        if not text:
            continue
        masked, _ = mask_quotes(text)
        inline = None
        # New wording in the same paragraph: "… изложить в новой редакции: "3) …";"
        m = re.search(r":\s*(?=[\"«“])", text)
        if m and not _ends_with_colon(masked) and _verb(mask_quotes(text[:m.start()])[0]):
            inline = [text[m.end():]]
            text = text[:m.end()].rstrip()
            masked = mask_quotes(text)[0]
        block = _Block(text)
        if inline is not None:
            block.wording = inline
            if not _wording_closed(inline):
                block.error = "the quoted new wording is not closed"
            blocks.append(block)
            continue
        if (_ends_with_colon(masked) and _verb(masked) and i < n
                and paragraphs[i].strip()[:1] in _OPEN_QUOTES):
            wording: list[str] = []
            while i < n:
                wording.append(paragraphs[i].strip())
                i += 1
                if _wording_closed(wording):
                    break
            else:
                block.error = "the quoted new wording is not closed before the end of the text"
            block.wording = wording
        elif (_ends_with_colon(masked) and vocab.VERBS[0][1].search(masked)
              and i < n and _OWN_ITEM.match(paragraphs[i].strip())):
            items = []
            while i < n and _OWN_ITEM.match(paragraphs[i].strip()):
                items.append(paragraphs[i].strip())
                i += 1
            block.items = items
        blocks.append(block)
    return blocks


def _verb(masked: str) -> list[str]:
    return [name for name, rx in vocab.VERBS if rx.search(masked)]


def parse_instructions(paragraphs: list[str], default_work: str | None,
                       own_issuer: str | None = None) -> ParseResult:
    """Parse the paragraphs of an amending act (quoted new wordings included) into operations.

    ``default_work`` is the amended work when the text does not name one it can resolve;
    ``own_issuer`` the amending act's issuer, for a citation naming only a body ("маслихата").
    Paragraphs that are not instructions (the act's other clauses: registration, control,
    entry into force) are passed over; inside the list of changes ("… енгізілсін:") every
    paragraph must parse, or it is reported as unparsed.
    """
    result = ParseResult()
    state = _State(work=default_work, own_issuer=own_issuer)
    sentence = 0
    for block in _blocks(paragraphs):
        try:
            out = _parse_block(block, state, default_work)
        except LawdiffError as exc:
            out = Unparsed(block.sentence, str(exc))
        if out is None:
            continue
        if isinstance(out, Unparsed):
            result.unparsed.append(out)
            continue
        sentence += 1
        for op in out:
            op.sentence = sentence
            op.seq = len(result.ops) + 1
            result.ops.append(op)
    return result


def language_version(masked: str) -> tuple[str, str | None]:
    """The sentence without its language-version phrase, and the version it changes ("kk",
    "ru"), or None when the instruction changes every version."""
    found = None
    for rx, lang in vocab.LANGUAGE_ONLY:
        m = rx.search(masked)
        if m:
            if found not in (None, lang):
                raise LawdiffError("the instruction names both language versions")
            found = lang
            masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    return masked, found


def _parse_block(block: _Block, state: _State, default_work: str | None) -> list[Operation] | Unparsed | None:
    out = _parse_sentence(block, state, default_work)
    if isinstance(out, list):
        masked, _ = mask_quotes(_strip_own_number(block.sentence)[0])
        language = language_version(masked)[1]
        for op in out:
            op.language = language
    return out


def _parse_sentence(block: _Block, state: _State, default_work: str | None) -> list[Operation] | Unparsed | None:
    source = block.sentence
    sentence, own_clause = _strip_own_number(source)
    masked, quotes = mask_quotes(sentence)
    masked, _ = language_version(masked)
    masked_np = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), masked)
    verbs = _verb(masked)

    if vocab.UMBRELLA.search(masked) and not verbs:
        work = resolve_act(sentence, state.own_issuer) or default_work
        state.work, state.scope, state.context, state.in_umbrella = work, [], [], True
        if work is None:
            return Unparsed(source, "cannot identify the amended act (issuer, date, number)")
        doc = _document_scope(masked_np)
        if doc is not None:
            state.scope = doc
        return None
    if own_clause and not verbs:
        state.in_umbrella = False  # the act's next clause: the list of changes is over
        return None
    if block.error:
        return Unparsed(source, block.error)
    if not verbs:
        if not state.in_umbrella:
            return None
        if not _ends_with_colon(masked):
            return Unparsed(source, "no operation verb and not a context line")
        return _context_line(source, masked_np, state)
    if len(verbs) > 1:
        return Unparsed(source, "several operations in one sentence: " + ", ".join(verbs))
    verb = verbs[0]
    if state.work is None and verb != "repeal":
        return Unparsed(source, "no amended act: the sentence comes before any '… енгізілсін:' and no work was given")
    if verb == "repeal":
        return _repeal(source, sentence, masked_np, block, state)
    if verb == "substitute":
        return _substitute(source, masked, quotes, state)
    if verb == "replace":
        return _replace(source, masked_np, block, state)
    if verb == "insert":
        return _insert(source, masked, masked_np, quotes, block, state)
    if verb == "delete":
        return _delete(source, masked, masked_np, quotes, state)
    return Unparsed(source, f"unknown operation {verb!r}")


# -- targets -------------------------------------------------------------------------------------


_KK_DOC_STEMS = ("қағида", "ереже", "тізбе", "әдістеме", "стандарт", "регламент", "нұсқаулық")
_RU_DOC_SCOPE = re.compile(r"^(?:правилах?|положени[ия]|перечн[еяи]|методик[еи]|стандарт[еа]|регламент[еа]"
                           r"|инструкци[ия])$")


def _document_scope(masked: str) -> Path | None:
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


def _chain(nps: list[NP]) -> tuple[Path, NP]:
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
        path.append((n.kind, _num(n, n.nums[0])))
    return path, head


def _num(np_: NP, num: str | None) -> str | None:
    if np_.kind in vocab.UNNUMBERED:
        return None
    if num is None and np_.kind == "appendix":
        return "1"  # "қосымшасы", "приложение к решению": the act's only appendix
    return num


def _target_paths(nps: list[NP], state: _State, scope: Path | None) -> list[Path]:
    prefix, head = _chain(nps)
    base = merge(state.context, prefix) if prefix else None
    paths = []
    for num in head.nums:
        step = (head.kind, _num(head, num))
        rel = merge(state.context, prefix + [step]) if base is not None else merge(state.context, [step])
        paths.append((scope if scope is not None else state.scope) + rel)
    return paths


def _sentence_scope(masked: str, state: _State) -> Path | None:
    doc = _document_scope(masked)
    if doc is None:
        return None
    state.context = []
    return doc


def _context_line(source: str, masked: str, state: _State) -> None | Unparsed:
    doc = _document_scope(masked)
    nps = find_nps(masked)
    if doc is not None:
        state.scope, state.context = doc, []
    if not nps:
        return None if doc is not None else Unparsed(source, "a context line that names no unit")
    if any(n.case not in ("loc", "locattr", "gen") for n in nps[-1:]):
        return Unparsed(source, "a context line whose last unit is not in the locative ('…-да:', 'в …')")
    prefix, head = _chain(nps)
    if len(head.nums) != 1:
        return Unparsed(source, "a context line that names several units")
    state.context = merge(state.context, prefix + [(head.kind, _num(head, head.nums[0]))])
    return None


# -- operations ------------------------------------------------------------------------------------

_SUBCLAUSE_START = re.compile(r"^(\d+(?:-\d+)*|[а-яәі])\)\s*")
_CLAUSE_START = re.compile(r"^(\d+(?:-\d+)*)\.\s+")


def number_warning(wording: list[str], path: Path) -> str | None:
    """Why a single target's new wording disagrees with it: its own number is another one
    ("4) тармақшасы" given "5) …"). Not a guess either way, so it is a warning to review."""
    kind, num = path[-1]
    start = _SUBCLAUSE_START if kind == "subclause" else _CLAUSE_START if kind == "clause" else None
    m = start.match(wording[0]) if start and wording else None
    if m and num is not None and norm_num(m.group(1)) != num:
        return (f"the new wording is numbered {m.group(0).strip()} but the target is {num}; applied "
                f"only with --accept-warnings, as {kind} {num}")
    return None


def _split_wording(wording: list[str], paths: list[Path], source: str) -> list[list[str]]:
    """Share the new wording out among several targets of one instruction."""
    if not wording:
        raise LawdiffError("the quoted new wording is empty")
    kind = paths[0][-1][0]
    if len(paths) == 1:
        return [wording]
    if kind in ("subclause", "clause"):
        start = _SUBCLAUSE_START if kind == "subclause" else _CLAUSE_START
        chunks: list[list[str]] = []
        nums: list[str] = []
        for para in wording:
            m = start.match(para)
            if m:
                chunks.append([para])
                nums.append(norm_num(m.group(1)))
            elif chunks:
                chunks[-1].append(para)
            else:
                raise LawdiffError("the new wording does not start with a numbered unit")
        want = [p[-1][1] for p in paths]
        if nums != want:
            raise LawdiffError(f"the new wording holds units {nums}, the instruction names {want}")
        return chunks
    if kind == "part":
        groups = _group_parts(wording)
    else:
        groups = [[p] for p in wording]
    if len(groups) != len(paths):
        raise LawdiffError(f"the new wording has {len(groups)} {kind}s for {len(paths)} targets")
    return groups


def _group_parts(paras: list[str]) -> list[list[str]]:
    """Paragraphs into parts: a ':' opens a list whose items end in ';', '.' closes it."""
    groups: list[list[str]] = []
    list_open = False
    for p in paras:
        t = p.rstrip()
        if groups and list_open:
            groups[-1].append(p)
        else:
            groups.append([p])
        list_open = t.endswith(":") or (list_open and t.endswith((";", ",")))
    return groups


def _ops(kind: str, paths: list[Path], texts: list[list[str]] | None, source: str, state: _State,
         **extra) -> list[Operation]:
    out = []
    for i, path in enumerate(paths):
        text = texts[i] if texts else []
        warning = number_warning(text, path) if len(paths) == 1 and kind in ("replace", "insert") else None
        out.append(Operation(kind, state.work, path, source, text=text, **extra,
                             status="parsed-with-warning" if warning else "parsed", reason=warning))
    return out


def _replace(source: str, masked: str, block: _Block, state: _State) -> list[Operation] | Unparsed:
    scope = _sentence_scope(masked, state)
    src_nps: list[NP] = []
    acc = vocab.ACCORDING_TO.search(masked)
    nps = find_nps(masked)
    if acc:
        # "… 1, 2-қосымшаларға сәйкес" / "согласно приложениям 1, 2": the new text is the
        # amending act's own appendices; that phrase names no target.
        if any(w in masked[acc.end():].lower() for w in ("сәйкес", "согласно")):
            return Unparsed(source, "two 'according to' phrases")
        if masked[acc.start():acc.end()].lower() == "сәйкес":
            before = [n for n in nps if n.end <= acc.start()]
            src_nps = [n for n in before if n.kind == "appendix" and n.case == "dat"][-1:]
        else:
            src_nps = [n for n in nps if n.start >= acc.end() and n.kind == "appendix"][:1]
        nps = [n for n in nps if n not in src_nps]
    if not nps:
        return Unparsed(source, "no target named")
    paths = _target_paths(nps, state, scope)
    head_kind = paths[0][-1][0]
    if src_nps:
        if head_kind != "appendix":
            return Unparsed(source, "only an appendix can be replaced by the amending act's appendix")
        sources = [_num(src_nps[0], n) for n in src_nps[0].nums]
        if len(sources) != len(paths):
            return Unparsed(source, f"{len(paths)} appendices replaced by {len(sources)} appendices")
        return [Operation("replace-appendix", state.work, p, source, source_appendix=s)
                for p, s in zip(paths, sources)]
    if not block.wording:
        if acc:
            return Unparsed(source, "the appendix holding the new text is not named")
        return Unparsed(source, "no quoted new wording follows the instruction")
    wording = strip_wording(block.wording)
    texts = _split_wording(wording, paths, source)
    kind = "replace-appendix" if head_kind == "appendix" else "replace"
    return _ops(kind, paths, texts, source, state)


def _word_runs(masked: str) -> list[list[int]]:
    """Runs of quotes joined only by commas/"және"/"и" ("«X», «x'»"): old words, then new."""
    runs: list[list[int]] = []
    last_end = None
    for m in re.finditer(r"⟦(\d+)⟧", masked):
        between = masked[last_end:m.start()] if last_end is not None else None
        if between is not None and re.fullmatch(r"\s*(?:,|және|мен|и)?\s*", between):
            runs[-1].append(int(m.group(1)))
        else:
            runs.append([int(m.group(1))])
        last_end = m.end()
    return runs


_NUMBER_WORDS = re.compile(r"\bсан(?:ы|ына|ын|дары|дарын)\b|цифр\w*|\bчисл\w*", re.I)
_WORD_WORDS = re.compile(r"сөз\w*|слов\w*", re.I)


def _words_target(masked: str, state: _State, first_quote: int) -> tuple[list[Path], bool]:
    everywhere = bool(vocab.EVERYWHERE.search(masked))
    head_text = masked[:first_quote]
    scope = _sentence_scope(head_text, state)
    nps = [n for n in find_nps(head_text)]
    base_scope = scope if scope is not None else state.scope
    if everywhere:
        if nps:
            prefix, head = _chain(nps)
            if len(head.nums) != 1:
                raise LawdiffError("words replaced throughout several units")
            return [base_scope + merge(state.context, prefix + [(head.kind, _num(head, head.nums[0]))])], True
        return [list(base_scope)], True
    if not nps:
        if not state.context:
            raise LawdiffError("no unit named for the words (and not 'throughout the text')")
        return [base_scope + list(state.context)], False
    return _target_paths(nps, state, scope), False


def _substitute(source: str, masked: str, quotes: list[str], state: _State) -> list[Operation] | Unparsed:
    runs = _word_runs(masked)
    if len(runs) != 2:
        return Unparsed(source, "expected quoted old words and quoted new words")
    old, new = [quotes[i].strip() for i in runs[0]], [quotes[i].strip() for i in runs[1]]
    if len(new) == 1 and len(old) > 1:
        new = new * len(old)
    if len(old) != len(new):
        return Unparsed(source, f"{len(old)} old wordings for {len(new)} new ones")
    if any(not o for o in old):
        return Unparsed(source, "empty quoted old words")
    first_quote = masked.find("⟦")
    is_number = bool(_NUMBER_WORDS.search(masked)) and not _WORD_WORDS.search(masked)
    if is_number and not all(re.fullmatch(r"[\d\s.,]+", w) for w in old + new):
        return Unparsed(source, "a number replacement whose quoted values are not numbers")
    paths, everywhere = _words_target(masked, state, first_quote)
    kind = "replace-number" if is_number else ("replace-words-everywhere" if everywhere else "replace-words")
    out = []
    for path in paths:
        for o, n in zip(old, new):
            out.append(Operation(kind, state.work, path, source, words=(o, n),
                                 count=1 if is_number else None))
    return out


_AFTER_KK = re.compile(r"кейін", re.I)
_WORD_ANCHOR = re.compile(
    r"⟦(?P<q>\d+)⟧\s*(?:деген\s+)?(?:сөз|сан|цифр)\w*\s+(?P<where>кейін|алдынан|алдында)", re.I)
_WORD_ANCHOR_RU = re.compile(r"(?P<where>после|перед)\s+(?:слов|слова|цифр)\w*\s*⟦(?P<q>\d+)⟧", re.I)


def _insert(source: str, masked: str, masked_np: str, quotes: list[str], block: _Block,
            state: _State) -> list[Operation] | Unparsed:
    anchor = _WORD_ANCHOR.search(masked) or _WORD_ANCHOR_RU.search(masked)
    if anchor:
        # '"X" сөзінен кейін "Y" сөздерімен толықтырылсын': words inserted next to words.
        runs = _word_runs(masked)
        if len(runs) != 2 or len(runs[0]) != 1 or len(runs[1]) != 1:
            return Unparsed(source, "expected one quoted anchor and one quoted insertion")
        old, add = quotes[runs[0][0]].strip(), quotes[runs[1][0]].strip()
        if not old or not add:
            return Unparsed(source, "empty quoted anchor or inserted words")
        position = "after" if anchor["where"].lower() in ("кейін", "после") else "before"
        paths, _ = _words_target(masked, state, masked.find("⟦"))
        return [Operation("insert-words", state.work, p, source, words=(old, add), position=position)
                for p in paths]
    if "⟦" in masked:
        return Unparsed(source, "words to add without a quoted anchor ('… сөзінен кейін')")
    scope = _sentence_scope(masked_np, state)
    nps = find_nps(masked_np)
    after_np = None
    for n in nps:
        tail = masked_np[n.end:n.end + 12]
        if (n.case == "abl" and _AFTER_KK.match(tail.strip())) or (n.lang == "ru" and n.case == "abl"):
            after_np = n
    nps = [n for n in nps if n is not after_np]
    inserted = [n for n in nps if n.case == "instr"]
    if len(inserted) != 1:
        return Unparsed(source, "the inserted unit is not named ('… тармақшамен толықтырылсын', 'дополнить пунктом …')")
    new = inserted[0]
    others = [n for n in nps if n is not new]
    # "4-тармақ мынадай мазмұндағы 4-1-тармақпен": a unit of the inserted kind is its
    # predecessor, not its parent.
    same = [n for n in others if n.kind == new.kind and n.case in ("nom", "acc")]
    if same and after_np is None:
        after_np = same[-1]
        others = [n for n in others if n is not after_np]
    paths = _target_paths(others + [new], state, scope)
    after = None
    if after_np is not None:
        if len(after_np.nums) != 1:
            return Unparsed(source, "insertion after several units")
        after = paths[0][:-1] + [(after_np.kind, _num(after_np, after_np.nums[0]))]
        if after_np.kind != new.kind:
            return Unparsed(source, "inserted after a unit of another kind")
    if not block.wording:
        return Unparsed(source, "no quoted new wording follows the instruction")
    texts = _split_wording(strip_wording(block.wording), paths, source)
    return _ops("insert", paths, texts, source, state, after=after)


def _delete(source: str, masked: str, masked_np: str, quotes: list[str], state: _State) -> list[Operation] | Unparsed:
    if "⟦" in masked:
        runs = _word_runs(masked)
        if len(runs) != 1:
            return Unparsed(source, "expected the quoted words to delete")
        paths, everywhere = _words_target(masked, state, masked.find("⟦"))
        kind = "replace-words-everywhere" if everywhere else "replace-words"
        return [Operation(kind, state.work, p, source, words=(quotes[i].strip(), ""))
                for p in paths for i in runs[0]]
    scope = _sentence_scope(masked_np, state)
    nps = find_nps(masked_np)
    if not nps:
        return Unparsed(source, "no target named")
    return _ops("delete", _target_paths(nps, state, scope), None, source, state)


def _repeal(source: str, sentence: str, masked: str, block: _Block, state: _State) -> list[Operation] | Unparsed:
    texts = block.items if block.items else [sentence]
    out: list[Operation] = []
    for text in texts:
        m_text, _ = mask_quotes(text)
        m_text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), m_text)
        nps = find_nps(m_text)
        if vocab.ACCORDING_TO.search(m_text) and any(n.kind == "appendix" and n.case == "dat" for n in nps):
            # "согласно приложению 2", "қосымшаға сәйкес тізбе бойынша": the acts are listed in
            # the amending act's appendix, which is not an instruction sentence.
            return Unparsed(source, "the acts to repeal are listed in the amending act's appendix; "
                                    "record each repeal as an operation in <amendments>")
        work = resolve_act(text)
        if work is None:
            if not nps or state.work is None:
                return Unparsed(source, f"cannot identify the act to repeal in {text[:80]!r}")
            scope = _sentence_scope(m_text, state)
            for p in _target_paths(nps, state, scope):
                out.append(Operation("repeal", state.work, p, source))
            continue
        if nps:
            ref_state = _State(work=work)
            for p in _target_paths(nps, ref_state, []):
                out.append(Operation("repeal", work, p, source))
        else:
            out.append(Operation("repeal", work, [], source))
    return out
