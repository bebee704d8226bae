"""Cited acts: "<issuer> <date> № <number> "<title>" <act type>" in running text.

Used for the references of an act (its preamble cites the acts it is based on), for the
amending acts named in "Ескерту" notes, and for the act an amending act amends.
"""

from __future__ import annotations

import datetime as dt
import re

from lawdiff import LawdiffError
from lawdiff.dates import find_dates
from lawdiff.frozen import frozen
from lawdiff.ingest.issuers import act_type, recognise_issuer
from lawdiff.lang import ACT_NUMBER
from lawdiff.model.ids import work_id

_NUMBER = re.compile(rf"(?:№|N)\s*(?P<num>{ACT_NUMBER})")
_TYPE_WORD = re.compile(
    r"(?P<w>[Ққ]аулы\w*|[Бб]ұйры\w*|[Шш]ешім\w*|[Жж]арлы\w*|[Пп]остановлени\w*|[Пп]риказ\w*|[Рр]ешени\w*|[Уу]каз\w*)"
)
_REGISTRATION = re.compile(r"№\s*(?P<reg>\d[\d-]*)\s+болып\s+тіркел|за\s+№\s*(?P<rreg>\d[\d-]*)")
_AND = re.compile(r"(?<!\w)(?:и|және|мен)(?!\w)")
_QUOTED = re.compile(r"[\"«](?P<t>[^\"«»]{5,}?)[\"»]")


@frozen
class ActRef:
    """One cited act; ``work`` is set when issuer, type, year and number are all known."""

    text: str
    number: str
    date: dt.date | None
    type: str | None
    issuer: str | None
    issuer_code: str | None
    registration: str | None
    title: str | None
    work: str | None


def _issuer_window(text: str, end: int) -> str:
    """The words before a date that can name the issuer: back to the previous clause break
    or the dash after "Күші жойылды -" (an issuer's own " - " is kept: "орынбасары - Еңбек").
    A quoted title between the issuer and the date ("<issuer> "<title>" <date> № N") is stepped
    over, so the issuer is found on either side of the title."""
    title = next((q for q in _QUOTED.finditer(text, 0, end) if not text[q.end():end].strip()), None)
    if title is not None:
        end = title.start()
    start = max(text.rfind(sep, 0, end) for sep in (";", ".", ",", "(", ")", "\n", "\"")) + 1
    window = text[max(start, end - 200):end]
    # Two acts cited together ("… № 50 қаулысы және … мәслихатының", "… № 50 и решение …"):
    # the second one's issuer starts after the first one's act word and the conjunction.
    window = re.sub(rf"^.*{_TYPE_WORD.pattern}\s+(?:және|мен|и)\s+", "", window, flags=re.S)
    # "Бірлескен Ақтөбе облысының әкімдігінің …": "joint" says how the act was adopted, it is
    # no part of the place's name.
    window = re.sub(r"(?<!\w)(?:[Бб]ірлескен|[Сс]овместн\w*)\s+", "", window)
    return re.sub(r"^.*?(?:жойылды|редакцияда|силу)\s*[-–—]\s*", "", window)


def find_refs(text: str) -> list[ActRef]:
    """Every act citation with a number and a date in ``text``, in order."""
    refs: list[ActRef] = []
    dates = find_dates(text)
    for m in _NUMBER.finditer(text):
        before = [(off, d) for off, d in dates if off < m.start() and m.start() - off < 60]
        if not before:
            continue
        d_off, d = before[-1]
        after = text[m.end(): m.end() + 600]
        # The act type word follows the number, possibly after a quoted title or a bracket
        # (a registration note may run to a few hundred characters).
        stripped = re.sub(r"\([^()]*\)", " ", after)
        stripped = _QUOTED.sub(" ", stripped)
        tm = _TYPE_WORD.search(stripped[:80])
        if tm and _AND.search(stripped[:tm.start()]):
            tm = None   # "№ 50 и решение маслихата …": the act word is the next act's
        issuer_text = _issuer_window(text, d_off)
        if not tm:
            # Russian puts the act word first: "решением маслихата ... от 11.12.2015 № 351".
            before_text = text[max(0, d_off - 160): d_off]
            words = list(_TYPE_WORD.finditer(before_text))
            if not words:
                continue
            tm = words[-1]
            issuer_text = before_text[tm.end():]
        try:
            issuer = recognise_issuer(issuer_text)
        except LawdiffError:   # a place name two regions share: the citation stays unresolved
            issuer = None
        kind = act_type(tm["w"], issuer.kind if issuer else None)
        reg = _REGISTRATION.search(after[:300])
        title_m = _QUOTED.search(after[: after.find(tm["w"]) + 1] if tm["w"] in after else "")
        if not title_m:
            # "<"title"> <issuer> <date> № N <type>": the title stands right before the issuer.
            prior = text[max(0, d_off - 300): d_off]
            quoted = list(_QUOTED.finditer(prior))
            between = prior[quoted[-1].end():] if quoted else ""
            title_m = quoted[-1] if quoted and len(between.split()) <= 16 and not re.search(r"[;.]", between) else None
        wid = None
        if issuer and kind:
            try:
                wid = work_id(issuer.code, kind, d.year, m["num"])
            except LawdiffError:
                wid = None
        refs.append(ActRef(
            text=text[d_off: m.end()].strip(), number=m["num"], date=d, type=kind,
            issuer=issuer.text if issuer else None, issuer_code=issuer.code if issuer else None,
            registration=(reg["reg"] or reg["rreg"]) if reg else None,
            title=title_m["t"].strip() if title_m else None, work=wid,
        ))
    return refs
