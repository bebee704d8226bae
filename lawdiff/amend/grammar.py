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

The parts live by what they do: :mod:`~lawdiff.amend.blocks` (paragraphs into sentences
with their wordings), :mod:`~lawdiff.amend.wording` (quotes), :mod:`~lawdiff.amend.nouns`
and :mod:`~lawdiff.amend.targets` (what is changed), :mod:`~lawdiff.amend.cited` (the act
cited), :mod:`~lawdiff.amend.verbs` (one reader per operation verb). This module walks the
sentences and keeps the state between them.
"""

from __future__ import annotations

import re

from lawdiff import LawdiffError
from lawdiff.amend import vocab
from lawdiff.amend.blocks import Block, blocks, ends_with_colon, strip_own_number, verbs_of
from lawdiff.amend.cited import resolve_amended
from lawdiff.amend.effective import own_dates
from lawdiff.amend.ops import Operation, ParseResult, Path, Unparsed
from lawdiff.amend.targets import State, context_line, umbrella_scope
from lawdiff.amend.verbs import delete, insert, repeal, replace, substitute
from lawdiff.amend.wording import mask_quotes


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
    state = State(work=default_work, own_issuer=own_issuer)
    sentence = 0
    dated: list[tuple[str, list[Path], object]] = []
    for block in blocks(paragraphs):
        try:
            out = _parse_block(block, state, default_work)
            if out is None:
                dated.extend((block.source, paths, date)
                             for paths, date in own_dates(strip_own_number(block.sentence)[0]))
        except LawdiffError as exc:
            out = Unparsed(block.source, str(exc))
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
    _date_operations(result, dated)
    return result


def _date_operations(result: ParseResult, dated: list) -> None:
    """Give the operations of the points the act puts into force on a date of their own that
    date (see :mod:`lawdiff.amend.effective`); a point named with no date of its own, or that
    holds no operation read, is reported."""
    dates: dict[tuple, tuple] = {}
    for source, paths, date in dated:
        for path in paths:
            if date is not None or tuple(path) not in dates:
                dates[tuple(path)] = (date, source)
    for key, (date, source) in dates.items():
        point = " ".join(f"{k} {n}" for k, n in key) + " of this act"
        ops = [op for op in result.ops if tuple(op.at[:len(key)]) == key]
        if not ops:
            result.unparsed.append(Unparsed(source, f"the entry into force names {point}, which holds no "
                                                    "instruction read: the date of its operations is unknown"))
        elif date is None:
            result.unparsed.append(Unparsed(source, f"{point} is excepted from the act's entry into force "
                                                    "without a date of its own"))
        else:
            for op in ops:
                op.effective = date


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


def _parse_block(block: Block, state: State, default_work: str | None) -> list[Operation] | Unparsed | None:
    out = _parse_sentence(block, state, default_work)
    if isinstance(out, list):
        masked, _ = mask_quotes(strip_own_number(block.sentence)[0])
        language = language_version(masked)[1] or state.language
        for op in out:
            op.language = language
            op.at = list(block.at)
            op.joint = list(state.joint)
            if block.unquoted:
                _warn(op, f"the new wording is not in quotes: taken as the {len(block.wording or [])} "
                          "paragraph(s) up to the next instruction")
    return out


def _warn(op: Operation, reason: str) -> None:
    """Mark ``op`` as read with a warning (applied only with --accept-warnings), saying why."""
    op.status = "parsed-with-warning"
    op.reason = f"{op.reason}; {reason}" if op.reason else f"{reason}; applied only with --accept-warnings"


def _parse_sentence(block: Block, state: State, default_work: str | None) -> list[Operation] | Unparsed | None:
    source = block.source
    sentence, own_clause = strip_own_number(block.sentence)
    masked, quotes = mask_quotes(sentence)
    masked, language = language_version(masked)
    masked_np = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), masked)
    verbs = verbs_of(masked)

    if vocab.UMBRELLA.search(masked) and not verbs:
        work, state.joint = resolve_amended(sentence, state.own_issuer)
        work = work or default_work
        state.work, state.scope, state.context, state.in_umbrella = work, [], [], True
        state.language = None
        if work is None:
            return Unparsed(source, "cannot identify the amended act (issuer, date, number)")
        doc = umbrella_scope(masked_np)
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
        if not ends_with_colon(masked):
            return Unparsed(source, "no operation verb and not a context line")
        top = (state.scope + state.context)[:1]
        out = context_line(source, masked_np, state)
        if language or (state.scope + state.context)[:1] != top:
            state.language = language   # a context line names the language, or leaves its part
        return out
    if len(verbs) > 1:
        return Unparsed(source, "several operations in one sentence: " + ", ".join(verbs))
    verb = verbs[0]
    if state.work is None and verb != "repeal":
        return Unparsed(source, "no amended act: the sentence comes before any '… енгізілсін:' and no work was given")
    if verb == "repeal":
        return repeal(source, sentence, masked_np, block, state)
    if verb == "substitute":
        return substitute(source, masked, quotes, state)
    if verb == "replace":
        return replace(source, masked_np, block, state)
    if verb == "insert":
        return insert(source, masked, masked_np, quotes, block, state)
    if verb == "delete":
        return delete(source, masked, masked_np, quotes, state)
    return Unparsed(source, f"unknown operation {verb!r}")
