"""The act an instruction changes or repeals, from its citation in the sentence.

The citation reader (:mod:`lawdiff.ingest.references`, :mod:`lawdiff.ingest.issuers`) is
imported by the functions that read a sentence: applying stored operations needs only
:func:`settle_joint` and does not load it.
"""

from __future__ import annotations

from lawdiff import LawdiffError
from lawdiff.amend.context import what
from lawdiff.amend.ops import Operation
from lawdiff.dates import find_dates
from lawdiff.model.ids import work_id
from lawdiff.patterns import lazy

_RU_LOCAL_ADJ = lazy(
    r"(?P<adj>[А-ЯЁ][а-яё-]+?)(?:ского|ского|цкого|ского)\s+(?P<level>районного|городского|областного)\s+"
    r"(?P<body>маслихата|акимата)\b"
)
_RU_NUMBER = lazy(r"№\s*(?P<num>\d[\w/-]*)")


_JOINED = lazy(r"^[^();]{0,160}?(?<!\w)(?:және|мен|и)(?!\w)[^();]{0,160}$")


def resolve_amended(text: str, own_issuer: str | None = None) -> tuple[str | None, list[str]]:
    """The amended act of an umbrella sentence, and its other ids when it is a joint act.

    A joint act is an akimat resolution and a maslikhat decision adopted as one ("… әкімдігінің
    … № 50 қаулысы және … мәслихатының … № 27-3 шешімі", "совместное постановление акимата …
    № 50 и решение … маслихата … № 27-3"): two citations of different bodies joined by "және",
    "мен" or "и". Which id the corpus holds it under is settled when it is applied
    (:func:`settle_joint`)."""
    from lawdiff.ingest.references import find_refs

    refs = [r for r in find_refs(text) if r.work]
    if len(refs) >= 2:
        first, second = refs[0], refs[1]
        bodies = {r.issuer_code.rsplit("-", 1)[-1] for r in (first, second) if r.issuer_code}
        a, b = text.find(first.text) + len(first.text), text.find(second.text)
        if bodies == {"akimat", "maslikhat"} and 0 <= a <= b and _JOINED.match(text[a:b]):
            return first.work, [second.work]
    return resolve_act(text, own_issuer), []


def settle_joint(op: Operation, exists) -> None:
    """Point an operation on a joint act at the id the corpus holds it under (``exists``:
    does the corpus hold this id?). Held under neither, or under both, is refused."""
    if not op.joint:
        return
    ids = [op.work, *op.joint]
    held = [w for w in ids if w and exists(w)]
    if not held:
        raise LawdiffError(f"{what(op)}: the joint act {' / '.join(ids)} is in the corpus under neither id")
    if len(held) > 1:
        raise LawdiffError(f"{what(op)}: the joint act is in the corpus twice, as {' and '.join(held)}; "
                           "keep one of them")
    op.work, op.joint = held[0], [w for w in ids if w != held[0]]


def resolve_act(text: str, own_issuer: str | None = None) -> str | None:
    """The work id of the first act cited in ``text`` (type, issuer, date, number), or None.

    ``own_issuer``: the amending act's issuer code, for a citation that names its body without
    a place ("решение маслихата от … № 471" in a maslikhat's own decision).
    """
    from lawdiff.ingest.issuers import act_type, find_place, issuer_code, place
    from lawdiff.ingest.references import find_refs

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
