"""The act an instruction changes or repeals, from its citation in the sentence."""

from __future__ import annotations

import re

from lawdiff import LawdiffError
from lawdiff.dates import find_dates
from lawdiff.ingest.issuers import act_type, find_place, issuer_code, place
from lawdiff.ingest.references import find_refs
from lawdiff.model.ids import work_id

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
