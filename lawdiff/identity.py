"""Whether an imported act may take its work id in the corpus.

A work id is built from metadata (issuer, type, year, number), so two different acts can only
meet on one id through a fault: an issuer code shared by two places, a number misread. Import
never writes one act over another: the id's current holder must be the same act (same issuer,
type, date, number and title), and an issuer code must always stand for the same body.

Re-importing the same act must not lose history. What came from the source text is re-read;
what was added since (wordings applied by amending acts, facts recorded by a person) is kept:
recorded facts are carried over to the new document, and a text that changed under applied
amendments is refused with the reason, since the amendments were applied to the old wording.
"""

from __future__ import annotations

import copy
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lawdiff import LawdiffError
from lawdiff.corpus import Corpus
from lawdiff.lang import canonical_number
from lawdiff.model import version as V
from lawdiff.model.act import Act

#: Lifecycle origins that did not come from the act's own text and must survive a re-import.
KEPT_ORIGINS = ("user",)


@dataclass
class Placement:
    """What importing ``act`` does to the corpus: ``new``, ``update`` or ``unchanged``."""

    status: str
    act: Act
    kept_events: int = 0


def place_import(corpus: Corpus, act: Act) -> Placement:
    """Check ``act`` against the corpus and return the document to write (or that nothing
    changes); raises LawdiffError, naming the difference, if it would replace another act or
    lose history."""
    _check_issuer_code(corpus, act)
    if not corpus.exists(act.id):
        return Placement("new", act)
    old = corpus.load(act.id)
    if old.root.get("lang") != act.root.get("lang"):
        raise LawdiffError(f"{act.id} holds the {old.root.get('lang')} text of this act; the {act.root.get('lang')} "
                           f"text is another language version, and a work keeps one; nothing written")
    differences = differences_between(old, act)
    if differences:
        raise LawdiffError(f"{act.id} already holds another act ({'; '.join(differences)}); "
                           f"nothing written")
    if _source_sha(old) == _source_sha(act) and _source_sha(act):
        return Placement("unchanged", old)
    applied = sorted(V.acts_named(old.root))
    if applied:
        raise LawdiffError(
            f"{act.id}: the source text differs from the one imported before, and wordings applied by "
            f"{', '.join(applied)} rest on the old text; re-importing would drop them. Nothing written "
            f"(correct the text with errata in the corpus, or remove the work and import and apply again)")
    kept = [ev for ev in old.root.iterfind("lifecycle/event") if ev.get("origin") in KEPT_ORIGINS]
    lifecycle = act.root.find("lifecycle")
    for ev in kept:
        lifecycle.append(copy.deepcopy(ev))
    return Placement("update", act, len(kept))


def differences_between(old: Act, new: Act) -> list[str]:
    """The identifying facts in which two documents of one id disagree, worded for the user."""
    out = []
    pairs = [("issuer", _issuer(old), _issuer(new)), ("type", old.type, new.type),
             ("date", old.meta("date"), new.meta("date")),
             ("number", canonical_number(old.number), canonical_number(new.number)),
             ("title", _fold(old.title), _fold(new.title))]
    for name, a, b in pairs:
        if a != b:
            out.append(f"{name}: {a!r} in the corpus, {b!r} in the new text")
    return out


def _check_issuer_code(corpus: Corpus, act: Act) -> None:
    """An issuer code names one body: another work under the same code must name the same place
    (by kind and region), or the new act would be filed under another body's code."""
    issuer = act.root.find("meta/issuer")
    code = issuer.get("code") if issuer is not None else None
    mine = _place_key(act)
    if not code or mine is None:
        return
    folder = corpus.root / "kz" / code
    if not folder.is_dir() or folder.is_symlink():
        return
    # One other work of the code tells which body it stands for; it is read like any work
    # (regular files only, schema-checked), and a bad file is not taken as evidence.
    names = sorted(os.path.join(top, n) for top, _, files in os.walk(folder) for n in files if n.endswith(".xml"))
    for name in names[:1]:
        try:
            other = corpus.load(Path(name).relative_to(corpus.root).with_suffix("").as_posix())
        except LawdiffError:
            return
        theirs = _place_key(other)
        if theirs is not None and not _same_place(theirs, mine) and other.id != act.id:
            raise LawdiffError(
                f"issuer code {code!r} already stands for {theirs[0]} ({theirs[1]}, {theirs[2] or 'no region'}) "
                f"in {other.id}, but this act's issuer is {mine[0]} ({mine[1]}, {mine[2] or 'no region'}); "
                f"add the place to lawdiff/data/places.json with a code of its own; nothing written")


def _place_key(act: Act) -> tuple[str, str, str | None] | None:
    place = act.root.find("meta/place")
    if place is None:
        return None
    return (place.get("latin") or place.text or "", place.get("kind") or "", place.get("region"))


def _same_place(a: tuple[str, str, str | None], b: tuple[str, str, str | None]) -> bool:
    """One place: same name and kind, and the same region where both texts state one."""
    return a[:2] == b[:2] and (a[2] is None or b[2] is None or a[2] == b[2])


def _issuer(act: Act) -> str | None:
    el = act.root.find("meta/issuer")
    return el.get("code") if el is not None else None


def _source_sha(act: Act) -> str | None:
    el = act.root.find("meta/source")
    return el.get("sha256") if el is not None else None


def _fold(text: str | None) -> str:
    """A title compared for identity: case, spacing and quote style do not make another act."""
    t = unicodedata.normalize("NFC", text or "").casefold()
    t = re.sub(r"[\"«»“”„']", "", t)
    return re.sub(r"\s+", " ", t).strip()
