"""Who issued an act, and what type of act it is, from the words of its heading.

Named bodies (the Government, ministries) come from ``lawdiff/data/issuers.json``; local
bodies (akimats, maslikhats) are recognised from the place in front of "әкімдігі" /
"мәслихаты" ("акимат", "маслихат"), so any city or district works without a list.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from lawdiff import LawdiffError
from lawdiff.frozen import frozen
from lawdiff.lang import CYRILLIC
from lawdiff.model.ids import slug
from lawdiff.patterns import lazy

_KK = CYRILLIC
# "<Name> қаласы|ауданы|облысы ... әкімдігі|мәслихаты" — the last place-word before the body.
_KIND_WORD = r"(?:қаласы|ауданы|облысы|облыстық|аудандық|қалалық)\b"
_LOCAL = re.compile(
    rf"(?<![{_KK}-])(?P<name>(?!{_KIND_WORD})[{_KK}][{_KK}-]*(?: (?!{_KIND_WORD})[{_KK}][{_KK}-]*){{0,2}}) (?P<kind>қаласы|ауданы|облысы|облыстық|аудандық|қалалық)(?:ның|нің|ның)?"
    rf"(?: [{_KK}]+)? (?P<body>(?i:әкімдіг|мәслихат)\w*)",
)
#: Russian names a local body by an adjective ("Уральского городского маслихата", "акимата
#: Таскалинского района"), by a noun in the genitive ("маслихата города Костаная"), or by a
#: person's name ("маслихат района имени Габита Мусрепова"). The body's word and its level are
#: matched in any case: older acts capitalise them ("Решение Маслихата города Астаны",
#: "Алматинского областного Маслихата", "Мәслихатының").
_ADJ_END = r"(?:ский|ского|скому|ском|ской|ская|скую|ское|ские|ских|ый|ого|ой|ая|ое)"
_RU_LEVEL = {"районн": "district", "района": "district", "городск": "city", "города": "city",
             "областн": "region", "области": "region"}
_LOCAL_RU = re.compile(
    rf"(?P<adj>[А-ЯЁ][\w-]*?{_ADJ_END})\s+(?P<level>(?i:районн|городск|областн))\w*\s+(?P<body>(?i:маслихат|акимат)\w*)"
    rf"|(?P<body2>(?i:маслихат|акимат)\w*)\s+(?P<adj2>[А-ЯЁ][\w-]*?{_ADJ_END})\s+(?P<level2>района|области)"
    r"|(?P<body3>(?i:маслихат|акимат)\w*)\s+(?:(?P<level3>города|района|области)\s+|г\.\s*)"
    r"(?:имени\s+(?P<person>[А-ЯЁ][\w-]+\s+[А-ЯЁ][\w-]+)|(?P<noun>[А-ЯЁ][\w-]+))")
_PLACE_KIND = {"қаласы": "city", "қалалық": "city", "ауданы": "district", "аудандық": "district",
               "облысы": "region", "облыстық": "region"}
_REGION = lazy(rf"(?P<region>[{_KK}]+(?: [{_KK}]+)? облысы)")


#: The package's data folder, found beside this module: a regular install needs no
#: ``importlib.resources`` (which imports tempfile and zipfile in every command).
DATA = Path(__file__).resolve().parent.parent / "data"


@functools.cache
def _data(name: str) -> dict:
    return json.loads((DATA / name).read_text("utf-8"))


@frozen
class Place:
    name: str            # Kazakh name as in the acts, without "қаласы"
    kind: str            # city | district | region | country
    latin: str
    region: str | None
    aliases: tuple[str, ...] = ()
    ru: str | None = None        # Russian nominative ("Уральск")
    ru_adj: str | None = None    # Russian adjective ("Уральский")
    known: bool = True           # listed in the gazetteer (else named from the text alone)


@frozen
class Issuer:
    code: str            # path-safe code used in work ids
    kind: str            # government | ministry | akimat | maslikhat | ...
    text: str            # the issuer as written
    place: Place | None = None


@functools.cache
def gazetteer() -> tuple[Place, ...]:
    """Every place of lawdiff/data/places.json."""
    return tuple(Place(p["kk"], p["kind"], p["latin"], p.get("region"), tuple(p.get("aliases", ())),
                       p.get("ru"), p.get("ru_adj")) for p in _data("places.json")["places"])


def _pick(candidates: list[Place], region: str | None, what: str) -> Place | None:
    """One place among namesakes: the one in ``region`` when the text names it; a name shared
    by places of one kind in different regions and no region named is refused, not guessed."""
    if region:
        inside = [p for p in candidates if p.region in (None, region)]
        candidates = inside or candidates
    if len(candidates) > 1:
        regions = ", ".join(p.region or "?" for p in candidates)
        raise LawdiffError(f"{what} names more than one place ({regions}) and the text names no region")
    return candidates[0] if candidates else None


def place(name: str, kind: str, region: str | None = None) -> Place:
    """A place by its Kazakh name and kind, with the Latin and other names the gazetteer knows."""
    found = [p for p in gazetteer() if p.name.lower() == name.lower() and p.kind == kind]
    hit = _pick(found, region, f"{name} ({kind})")
    if hit:
        return hit
    latin = slug(name).replace("-", " ").title()
    return Place(name, kind, latin, region, known=False)


def place_names(p: Place) -> set[str]:
    """Every name a user may type for the place, case-folded."""
    return {n.casefold() for n in (p.name, p.latin, p.ru, *p.aliases) if n}


def issuer_code(p: Place, body: str) -> str:
    """The work id's issuer code of a local body (akimat, maslikhat) of place ``p``.

    The Latin name alone where it names one place ("oral-akimat"); "-region" for a region and
    "-district" for a district that shares its name with a city (Қостанай city and district
    are different bodies); the region's Latin name where two places of one kind share a name."""
    code = slug(p.latin)
    if p.kind == "region":
        code += "-region"
    elif p.kind == "district" and any(q.kind == "city" and q.latin == p.latin for q in gazetteer()):
        code += "-district"
    if sum(q.kind == p.kind and q.latin == p.latin for q in gazetteer()) > 1 and p.region:
        reg = next((q for q in gazetteer() if q.kind == "region" and f"{q.name} облысы" == p.region), None)
        code += f"-{slug(reg.latin if reg else p.region)}"
    return f"{code}-{body}"


def _name_forms(name: str) -> list[str]:
    """The name and its nominative if it is a Russian genitive ("Уральска" -> "Уральск",
    "Костаная" -> "Костанай", "Астаны" -> "Астана"), so a Russian text finds the same place as a Kazakh one."""
    forms = [name]
    if re.search(r"[а-яё]а$", name):
        forms.append(name[:-1])
    if name.endswith("ая") or name.endswith("ья"):
        forms.append(name[:-1] + "й")
        forms.append(name[:-1] + "ь")
    if name.endswith("ы"):
        forms.append(name[:-1])
        forms.append(name[:-1] + "а")    # "Астаны" -> "Астана", "Караганды" -> "Караганда"
    return forms


def _adj_stem(word: str) -> str:
    """"Уральского" / "Уральский" / "Актюбинская" -> "Уральск" / "Актюбинск": the adjective
    without its case ending, to compare with the gazetteer's adjective."""
    return re.sub(r"(?:ий|ый|ого|ому|ом|ой|ая|ую|ое|ие|их)$", "", word)


def find_place(query: str, kind: str | None = None, region: str | None = None) -> Place | None:
    """Resolve a place by any of its names: Kazakh, Latin, Russian nominative or genitive
    ("Орал", "Орал қаласы", "Oral", "Uralsk", "Уральска"), or a Russian adjective
    ("Уральского"). A city is preferred when no kind is asked for."""
    q = re.sub(r"\s+(қаласы|ауданы|облысы|city|district|region)$|^г\.\s*", "", query.strip(), flags=re.IGNORECASE)
    forms = {f.casefold() for f in _name_forms(q)}
    stem = _adj_stem(q).casefold()
    hits = [p for p in gazetteer()
            if (kind is None or p.kind == kind)
            and (forms & place_names(p) or (p.ru_adj and _adj_stem(p.ru_adj).casefold() == stem)
                 or any(a.casefold() == stem.removesuffix("ск") for a in p.aliases))]
    if kind is None:
        order = {"city": 0, "district": 1, "region": 2}
        hits.sort(key=lambda p: order.get(p.kind, 3))
        hits = [p for p in hits if p.kind == hits[0].kind] if hits else []
    return _pick(hits, region, query)


def _ru_region(text: str) -> str | None:
    """The Kazakh name of the region a Russian heading names ("Костанайской области")."""
    m = re.search(rf"([А-ЯЁ][\w-]*?{_ADJ_END})\s+области", text)
    reg = find_place(m.group(1), "region") if m else None
    return f"{reg.name} облысы" if reg else None


def _russian_local(text: str) -> Issuer | None:
    """A Russian heading's local body and its place, found in the gazetteer (else named from the
    text: a Russian-only name cannot be matched to the Kazakh text's id)."""
    m = _LOCAL_RU.search(text)
    if not m:
        return None
    body_word = m["body"] or m["body2"] or m["body3"]
    level = m["level"] or m["level2"] or m["level3"] or "города"
    kind = _RU_LEVEL[level.lower()]
    name = m["adj"] or m["adj2"] or m["noun"] or m["person"]
    region = _ru_region(text[m.end():]) if kind != "region" else None
    pl = find_place(name, kind, region)
    if pl is None:
        stem = _adj_stem(name) if (m["adj"] or m["adj2"]) else name
        pl = Place(stem, kind, slug(stem).replace("-", " ").title(), region, ru=name, known=False)
    body = "akimat" if body_word.lower().startswith("акимат") else "maslikhat"
    return Issuer(issuer_code(pl, body), body, m.group(0), pl)


def recognise_issuer(text: str) -> Issuer | None:
    """The issuing body named in a heading phrase, or None if it is not recognised."""
    found = list(_LOCAL.finditer(text))
    m = found[-1] if found else None     # the last body named is the issuer
    if m:
        region = _REGION.search(text)
        pl = place(m["name"], _PLACE_KIND[m["kind"]], region["region"] if region and region["region"] != f"{m['name']} облысы" else None)
        body = "akimat" if m["body"].lower().startswith("әкім") else "maslikhat"
        return Issuer(issuer_code(pl, body), body, m.group(0), pl)
    local = _russian_local(text)
    if local:
        return local
    low = text.lower()
    for body in _data("issuers.json")["bodies"]:
        if any(stem.lower() in low for stem in body["stems"]):
            return Issuer(body["code"], body["kind"], text.strip())
    return None


def act_type(word: str, issuer_kind: str | None) -> str | None:
    """"қаулысы" + government -> decree; + akimat -> resolution; "бұйрығы" -> order, ..."""
    low = word.lower()
    for entry in _data("issuers.json")["act_words"]:
        if low.startswith(entry["stem"]):
            types = entry["types"]
            return types.get(issuer_kind or "", types["default"])
    return None
