"""One reader per operation verb: the sentence, its quotes and the context into operations.

"редакцияда жазылсын" / "изложить в … редакции" (replace), "толықтырылсын" / "дополнить"
(insert a unit, or words next to words), "алып тасталсын" / "исключить" (delete),
"ауыстырылсын", "өзгертілсін" / "заменить" (words or numbers), "күші жойылды деп танылсын" /
"признать утратившим силу" (repeal).
"""

from __future__ import annotations

import re

from lawdiff.amend import vocab
from lawdiff.amend.blocks import Block
from lawdiff.amend.cited import resolve_act
from lawdiff.amend.nouns import NP, find_nps
from lawdiff import LawdiffError
from lawdiff.amend.ops import Operation, Path, Unparsed
from lawdiff.amend.targets import State, chain, merge, unit_num, sentence_scope, target_paths
from lawdiff.amend.wording import mask_quotes, number_warning, split_wording, strip_wording
from lawdiff.patterns import lazy

def _ops(kind: str, paths: list[Path], texts: list[list[str]] | None, source: str, state: State,
         **extra) -> list[Operation]:
    out = []
    for i, path in enumerate(paths):
        text = texts[i] if texts else []
        warning = number_warning(text, path) if len(paths) == 1 and kind in ("replace", "insert") else None
        out.append(Operation(kind, state.work, path, source, text=text, **extra,
                             status="parsed-with-warning" if warning else "parsed", reason=warning))
    return out


def replace(source: str, masked: str, block: Block, state: State) -> list[Operation] | Unparsed:
    scope = sentence_scope(masked, state)
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
    paths = target_paths(nps, state, scope)
    head_kind = paths[0][-1][0]
    if src_nps:
        if head_kind != "appendix":
            return Unparsed(source, "only an appendix can be replaced by the amending act's appendix")
        sources = [unit_num(src_nps[0], n) for n in src_nps[0].nums]
        if len(sources) != len(paths):
            return Unparsed(source, f"{len(paths)} appendices replaced by {len(sources)} appendices")
        return [Operation("replace-appendix", state.work, p, source, source_appendix=s)
                for p, s in zip(paths, sources)]
    if not block.wording:
        if acc:
            return Unparsed(source, "the appendix holding the new text is not named")
        return Unparsed(source, "no quoted new wording follows the instruction")
    wording = strip_wording(block.wording)
    texts = split_wording(wording, paths, source)
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


_NUMBER_WORDS = lazy(r"\bсан(?:ы|ына|ын|дары|дарын)\b|цифр\w*|\bчисл\w*", re.I)
_WORD_WORDS = lazy(r"сөз\w*|слов\w*", re.I)


def _words_target(masked: str, state: State, first_quote: int) -> tuple[list[Path], bool]:
    everywhere = bool(vocab.EVERYWHERE.search(masked))
    head_text = masked[:first_quote]
    scope = sentence_scope(head_text, state)
    nps = [n for n in find_nps(head_text)]
    base_scope = scope if scope is not None else state.scope
    if everywhere:
        if nps:
            prefix, head = chain(nps)
            if len(head.nums) != 1:
                raise LawdiffError("words replaced throughout several units")
            return [base_scope + merge(state.context, prefix + [(head.kind, unit_num(head, head.nums[0]))])], True
        return [list(base_scope)], True
    if not nps:
        if not state.context:
            raise LawdiffError("no unit named for the words (and not 'throughout the text')")
        return [base_scope + list(state.context)], False
    return target_paths(nps, state, scope), False


def substitute(source: str, masked: str, quotes: list[str], state: State) -> list[Operation] | Unparsed:
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


_AFTER_KK = lazy(r"кейін", re.I)
_WORD_ANCHOR = re.compile(
    r"⟦(?P<q>\d+)⟧\s*(?:деген\s+)?(?:сөз|сан|цифр)\w*\s+(?P<where>кейін|алдынан|алдында)", re.I)
_WORD_ANCHOR_RU = re.compile(r"(?P<where>после|перед)\s+(?:слов|слова|цифр)\w*\s*⟦(?P<q>\d+)⟧", re.I)


def insert(source: str, masked: str, masked_np: str, quotes: list[str], block: Block,
            state: State) -> list[Operation] | Unparsed:
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
    scope = sentence_scope(masked_np, state)
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
    paths = target_paths(others + [new], state, scope)
    after = None
    if after_np is not None:
        if len(after_np.nums) != 1:
            return Unparsed(source, "insertion after several units")
        after = paths[0][:-1] + [(after_np.kind, unit_num(after_np, after_np.nums[0]))]
        if after_np.kind != new.kind:
            return Unparsed(source, "inserted after a unit of another kind")
    if not block.wording:
        return Unparsed(source, "no quoted new wording follows the instruction")
    texts = split_wording(strip_wording(block.wording), paths, source)
    return _ops("insert", paths, texts, source, state, after=after)


def delete(source: str, masked: str, masked_np: str, quotes: list[str], state: State) -> list[Operation] | Unparsed:
    if "⟦" in masked:
        runs = _word_runs(masked)
        if len(runs) != 1:
            return Unparsed(source, "expected the quoted words to delete")
        paths, everywhere = _words_target(masked, state, masked.find("⟦"))
        kind = "replace-words-everywhere" if everywhere else "replace-words"
        return [Operation(kind, state.work, p, source, words=(quotes[i].strip(), ""))
                for p in paths for i in runs[0]]
    scope = sentence_scope(masked_np, state)
    nps = find_nps(masked_np)
    if not nps:
        return Unparsed(source, "no target named")
    return _ops("delete", target_paths(nps, state, scope), None, source, state)


def repeal(source: str, sentence: str, masked: str, block: Block, state: State) -> list[Operation] | Unparsed:
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
            scope = sentence_scope(m_text, state)
            for p in target_paths(nps, state, scope):
                out.append(Operation("repeal", state.work, p, source))
            continue
        if nps:
            ref_state = State(work=work)
            for p in target_paths(nps, ref_state, []):
                out.append(Operation("repeal", work, p, source))
        else:
            out.append(Operation("repeal", work, [], source))
    return out
