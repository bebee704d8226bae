"""Who issued an act, and what type of act it is, from the words of its heading.

Named bodies (the Government, ministries) come from ``lawdiff/data/issuers.json``; local
bodies (akimats, maslikhats) are recognised from the place in front of "әкімдігі" /
"мәслихаты" ("акимат", "маслихат"), so any city or district works without a list.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from lawdiff.model.ids import slug

_KK = "А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі"
# "<Name> қаласы|ауданы|облысы ... әкімдігі|мәслихаты" — the last place-word before the body.
_KIND_WORD = r"(?:қаласы|ауданы|облысы|облыстық|аудандық|қалалық)\b"
_LOCAL = re.compile(
    rf"(?<![{_KK}-])(?P<name>(?!{_KIND_WORD})[{_KK}][{_KK}-]*(?: (?!{_KIND_WORD})[{_KK}][{_KK}-]*)?) (?P<kind>қаласы|ауданы|облысы|облыстық|аудандық|қалалық)(?:ның|нің|ның)?"
    rf"(?: [{_KK}]+)? (?P<body>әкімдіг\w*|мәслихат\w*)",
)
_LOCAL_RU = re.compile(
    r"(?P<body>акимат\w*|маслихат\w*)\s+(?:города|района|области)\s+(?P<name>[А-ЯЁ][\w-]+)"
    r"|(?P<name2>[А-ЯЁ][\w-]+?)(?:ского|ской|ого)\s+(?:районного|областного|городского)\s+(?P<body2>маслихат\w*|акимат\w*)"
    r"|(?P<body3>акимат\w*|маслихат\w*)\s+(?P<name3>[А-ЯЁ][\w-]+?)(?:ского|ской)\s+(?:района|области)")
_PLACE_KIND = {"қаласы": "city", "қалалық": "city", "ауданы": "district", "аудандық": "district",
               "облысы": "region", "облыстық": "region"}
_REGION = re.compile(rf"(?P<region>[{_KK}]+(?: [{_KK}]+)? облысы)")


@functools.cache
def _data(name: str) -> dict:
    return json.loads((resources.files("lawdiff") / "data" / name).read_text("utf-8"))


@dataclass(frozen=True)
class Place:
    name: str            # Kazakh name as in the acts, without "қаласы"
    kind: str            # city | district | region | country
    latin: str
    region: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Issuer:
    code: str            # path-safe code used in work ids
    kind: str            # government | ministry | akimat | maslikhat | ...
    text: str            # the issuer as written
    place: Place | None = None


def place(name: str, kind: str, region: str | None = None) -> Place:
    """A place by its Kazakh name, with the Latin and other names the gazetteer knows."""
    for p in _data("places.json")["places"]:
        if p["kk"].lower() == name.lower():
            return Place(p["kk"], kind, p["latin"], p.get("region", region), tuple(p.get("aliases", ())))
    latin = slug(name).replace("-", " ").title()
    return Place(name, kind, latin, region)


def place_names(p: Place) -> set[str]:
    """Every name a user may type for the place, case-folded."""
    return {n.casefold() for n in (p.name, p.latin, *p.aliases)}


def _name_forms(name: str) -> list[str]:
    """The name and its nominative if it is a Russian genitive ("Уральска" -> "Уральск",
    "Костаная" -> "Костанай"), so a Russian text finds the same place as a Kazakh one."""
    forms = [name]
    if re.search(r"[а-яё]а$", name):
        forms.append(name[:-1])
    if name.endswith("ая"):
        forms.append(name[:-1] + "й")
    return forms


def find_place(query: str) -> Place | None:
    """Resolve a user's place ("Орал", "Орал қаласы", "Oral", "Uralsk") via the gazetteer."""
    q = re.sub(r"\s+(қаласы|ауданы|облысы|city|district|region|г\.)$", "", query.strip(), flags=re.IGNORECASE)
    for p in _data("places.json")["places"]:
        pl = Place(p["kk"], p.get("kind", "city"), p["latin"], p.get("region"), tuple(p.get("aliases", ())))
        if any(form.casefold() in place_names(pl) for form in _name_forms(q)):
            return pl
    return None


def recognise_issuer(text: str) -> Issuer | None:
    """The issuing body named in a heading phrase, or None if it is not recognised."""
    found = list(_LOCAL.finditer(text))
    m = found[-1] if found else None     # the last body named is the issuer
    if m:
        region = _REGION.search(text)
        pl = place(m["name"], _PLACE_KIND[m["kind"]], region["region"] if region and region["region"] != f"{m['name']} облысы" else None)
        body = "akimat" if m["body"].startswith("әкім") else "maslikhat"
        return Issuer(f"{slug(pl.latin)}-{body}", body, m.group(0), pl)
    m = _LOCAL_RU.search(text)
    if m:
        name = m["name"] or m["name2"] or m["name3"]
        body_word = m["body"] or m["body2"] or m["body3"]
        pl = find_place(name) or place(name, "city")
        body = "akimat" if body_word.startswith("акимат") else "maslikhat"
        return Issuer(f"{slug(pl.latin)}-{body}", body, m.group(0), pl)
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
