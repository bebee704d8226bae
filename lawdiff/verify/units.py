"""Provision-by-provision comparison of an official consolidated text with the corpus.

Both sides are read by the same version reader (:class:`lawdiff.review.WorkReader`): the corpus
side is the text of the work in force on the date (every wording that may apply on it, so a
change whose date is undetermined gives two competing wordings); the official side is the
consolidated text as printed (its latest wording of every unit). They are aligned by eId.

Only what is not law is normalised before comparing (:func:`normalise`): runs of whitespace,
quote style, soft hyphens and odd spaces, and the repairs the importer logs for such texts
(Latin "i" inside Kazakh words, a comma split off its word). Letter-spacing and displaced
fragments are repaired by the importer on both sides alike. Everything else, dashes and
numbers included, is wording and is compared as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from lawdiff.diff import CHANGED, Change, format_decimal, normalise_quotes, provision_label, word_diff
from lawdiff.ingest.repair import fix_latin_i, fix_space_before_punct, normalise_chars
from lawdiff.model.version import State
from lawdiff.review.readings import Reading, Side, _ancestors
from lawdiff.diff import merge_order

IDENTICAL = "identical"
DIFFERING = "differing"
ONLY_OFFICIAL = "only-official"
ONLY_CORPUS = "only-corpus"
RENUMBERED = "renumbered"
NOT_IN_CORPUS = "not-in-corpus"
NOT_IN_OFFICIAL = "not-in-official"

#: Kinds that mean the corpus and the official text disagree on something both hold.
DISAGREEING = (DIFFERING, ONLY_OFFICIAL, ONLY_CORPUS, RENUMBERED)
KINDS = (IDENTICAL, DIFFERING, ONLY_OFFICIAL, ONLY_CORPUS, RENUMBERED, NOT_IN_CORPUS, NOT_IN_OFFICIAL)


def normalise(text: str) -> str:
    """The text with what is not law made uniform (see the module docstring)."""
    text = normalise_quotes(normalise_chars(text))
    text = fix_space_before_punct(fix_latin_i(text))
    return " ".join(text.split())


def _key(r: Reading) -> tuple[str, Decimal | None]:
    """What must be equal for two wordings to agree: the normalised text, and for a tariff row
    its price as a number (948.30 and 948.3 are one price; 948.30 and 958.30 are not)."""
    return normalise(r.text or ""), (r.row.price if r.row else None)


def wording(r: Reading) -> str:
    """The wording shown and redlined: the normalised text, a tariff row with its price."""
    text = normalise(r.text or "")
    return f"{text} | {format_decimal(r.row.price)}" if r.row else text


@dataclass
class Provision:
    """One unit of the comparison (a provision, or a group of them missing on one side)."""

    eid: str
    kind: str
    official: str | None
    corpus: list[Reading] = field(default_factory=list)
    redlines: list[Change] = field(default_factory=list)
    reason: str = ""
    members: list[str] = field(default_factory=list)   # the provisions a group stands for
    other_eid: str | None = None                         # renumbered: the eId in the corpus

    @property
    def label(self) -> str:
        return provision_label(self.eid)

    @property
    def uncertain(self) -> bool:
        return any(r.status == State.UNCERTAIN for r in self.corpus)

    def to_json(self) -> dict:
        return {"eId": self.eid, "kind": self.kind, "label": self.label, "eIds": self.members or [self.eid],
                "corpus_eId": self.other_eid, "reason": self.reason, "official": self.official,
                "corpus": [{"text": r.text, "price": format_decimal(r.row.price) if r.row and not r.absent else None,
                            **r.version_json()} for r in self.corpus],
                "redlines": [{"corpus": c.old, "official": c.new,
                              "ops": [{"op": op.kind, "text": op.text} for op in c.ops]} for c in self.redlines]}


def _classify(eid: str, official: Reading | None, cands: list[Reading], *, partial_corpus: str | None,
              excerpt: bool, present_corpus: set[str]) -> Provision | None:
    """What one eId is: identical, differing (with a redline per competing wording), or missing."""
    held = [r for r in cands if not r.absent]
    if official is None:
        if not held:
            return None     # nothing either side holds
        if excerpt:
            return Provision(eid, NOT_IN_OFFICIAL, None, held,
                             reason="the official text is an excerpt that does not hold this provision")
        return Provision(eid, ONLY_CORPUS, None, held, reason="in the corpus, not in the official text")
    if not held:
        covering = [r for r in cands if r.eid != eid]
        if partial_corpus is None and covering and len(covering) == len(cands) and any(
                r.eid in present_corpus for r in covering):
            # the unit that holds it has a wording in the corpus that may apply, without it
            return Provision(eid, ONLY_OFFICIAL, wording(official), reason=(
                "not in the corpus wording that may be in force on the date (the other possible wording "
                "is not in the corpus)"))
        if cands or partial_corpus is not None:
            why = partial_corpus or "the wording in force then is not in the corpus"
            return Provision(eid, NOT_IN_CORPUS, wording(official), cands, reason=f"not in the corpus: {why}")
        return Provision(eid, ONLY_OFFICIAL, wording(official), reason="in the official text, not in the corpus in force on the date")
    same = [r for r in held if _key(r) == _key(official)]
    if same:
        reason = ""
        if [r for r in cands if r not in same]:
            reason = ("the corpus cannot tell which wording is in force on the date; the official text "
                      f"agrees with {'the wording given by ' + same[0].by if same[0].by else 'the original wording'}")
        return Provision(eid, IDENTICAL, wording(official), cands, reason=reason)
    target = wording(official)
    redlines = [Change(eid, CHANGED, wording(r), target, word_diff(wording(r), target), provision_label(eid))
                for r in held]
    return Provision(eid, DIFFERING, target, cands, redlines,
                     reason="the wording differs" + (" from every wording that may be in force" if len(held) > 1 else ""))


def _present(readings: list[Reading]) -> set[str]:
    out = set()
    for r in readings:
        out.add(r.eid)
        out.update(_ancestors(r.eid))
    return out


def _group(items: list[Provision], present_other: set[str]) -> list[Provision]:
    """Provisions missing on one side, collapsed to the largest unit missing there as a whole
    (a clause removed with its paragraphs is one finding, not one per paragraph)."""
    out: list[Provision] = []
    index: dict[tuple[str, str], Provision] = {}
    for p in items:
        if p.kind not in (ONLY_OFFICIAL, ONLY_CORPUS, NOT_IN_CORPUS, NOT_IN_OFFICIAL):
            out.append(p)
            continue
        key_eid = _top_missing(p.eid, present_other)
        key = (p.kind, key_eid)
        if key not in index:
            group = Provision(key_eid, p.kind, p.official, list(p.corpus), reason=p.reason, members=[p.eid])
            index[key] = group
            out.append(group)
            continue
        group = index[key]
        group.members.append(p.eid)
        if p.official is not None:
            group.official = f"{group.official}\n{p.official}" if group.official is not None else p.official
        group.corpus += p.corpus
    for p in out:
        if p.members == [p.eid]:
            p.members = []
    return out


def _top_missing(eid: str, present: set[str]) -> str:
    """The largest unit holding ``eid`` that the other side does not hold at all."""
    return next((a for a in _ancestors(eid) if a not in present), eid)


def _group_renumbered(items: list[Provision], present_corpus: set[str], present_official: set[str]) -> list[Provision]:
    """Renumbered provisions collapsed to the renumbered unit: clause 10 that became clause 11
    is one finding, listing its provisions."""
    out: dict[tuple[str, str], Provision] = {}
    for p in items:
        key = (_top_missing(p.eid, present_corpus), _top_missing(p.other_eid, present_official))
        if key not in out:
            out[key] = Provision(key[0], RENUMBERED, p.official, list(p.corpus), reason=f"the same wording is "
                                 f"{key[1]} in the corpus", members=[p.eid], other_eid=key[1])
            continue
        group = out[key]
        group.members.append(p.eid)
        group.official = f"{group.official}\n{p.official}"
        group.corpus += p.corpus
    for p in out.values():
        if p.members == [p.eid]:
            p.members = []
    return list(out.values())


def _renumbered(items: list[Provision]) -> list[Provision]:
    """An only-official and an only-corpus provision with the same wording, each unique on its
    side: one unit renumbered (reported once, under the official eId)."""
    by_text: dict[str, dict[str, list[Provision]]] = {}
    for p in items:
        if p.kind == ONLY_OFFICIAL and p.official:
            by_text.setdefault(p.official, {}).setdefault("o", []).append(p)
        elif p.kind == ONLY_CORPUS and len(p.corpus) == 1:
            by_text.setdefault(wording(p.corpus[0]), {}).setdefault("c", []).append(p)
    drop = set()
    for sides in by_text.values():
        if len(sides.get("o", [])) == 1 and len(sides.get("c", [])) == 1:
            o, c = sides["o"][0], sides["c"][0]
            o.kind, o.corpus, o.other_eid = RENUMBERED, c.corpus, c.eid
            o.reason = f"the same wording is {c.eid} in the corpus"
            drop.add(id(c))
    return [p for p in items if id(p) not in drop]


def compare(official: list[Reading], corpus: list[Reading], *, partial_corpus: str | None,
            excerpt: bool) -> list[Provision]:
    """Every provision of either side, in the official text's order (corpus-only ones where
    they stand in the corpus), classified; missing ones grouped by the largest missing unit."""
    off = {r.eid: r for r in official}
    side = Side(corpus)
    present_official = _present(official)
    present_corpus = _present([r for r in corpus if not r.absent])
    off_ids, cor_ids = list(off), side.order
    index = {e: j for j, e in enumerate(off_ids)}
    pairs = {i: index[e] for i, e in enumerate(cor_ids) if e in index}
    items = []
    for i, j in merge_order(len(cor_ids), len(off_ids), pairs):
        eid = off_ids[j] if j is not None else cor_ids[i]
        own = side.by_eid.get(eid, [])
        if eid not in off and own and all(r.absent and not len(r.el) for r in own) and side.has_inside(eid):
            continue    # an absent unit that stands for provisions listed on their own
        p = _classify(eid, off.get(eid), side.candidates(eid), partial_corpus=partial_corpus, excerpt=excerpt,
                      present_corpus=present_corpus)
        if p is not None:
            items.append(p)
    items = _renumbered(items)
    grouped = _group([p for p in items if p.kind in (ONLY_CORPUS, NOT_IN_OFFICIAL)], present_official)
    grouped += _group([p for p in items if p.kind in (ONLY_OFFICIAL, NOT_IN_CORPUS)], present_corpus)
    grouped += _group_renumbered([p for p in items if p.kind == RENUMBERED], present_corpus, present_official)
    order = {p.eid: n for n, p in enumerate(items)}
    merged = [p for p in items if p.kind in (IDENTICAL, DIFFERING)] + grouped
    return sorted(merged, key=lambda p: order.get(p.eid, order.get((p.members or [p.eid])[0], 0)))
