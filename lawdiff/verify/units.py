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

from lawdiff.diff import CHANGED, Change, normalise_quotes, provision_label, word_diff
from lawdiff.ingest.repair import fix_latin_i, fix_space_before_punct, normalise_chars
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
        return any(r.status == "uncertain" for r in self.corpus)

    def to_json(self) -> dict:
        return {"eId": self.eid, "kind": self.kind, "label": self.label, "eIds": self.members or [self.eid],
                "corpus_eId": self.other_eid, "reason": self.reason, "official": self.official,
                "corpus": [{"text": r.text, **r.version_json()} for r in self.corpus],
                "redlines": [{"corpus": c.old, "official": c.new,
                              "ops": [{"op": op.kind, "text": op.text} for op in c.ops]} for c in self.redlines]}


def _classify(eid: str, official: Reading | None, cands: list[Reading], *, partial_corpus: str | None,
              excerpt: bool) -> Provision | None:
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
        if cands or partial_corpus is not None:
            why = partial_corpus or "the wording in force then is not in the corpus"
            return Provision(eid, NOT_IN_CORPUS, official.text, cands, reason=f"not in the corpus: {why}")
        return Provision(eid, ONLY_OFFICIAL, official.text, reason="in the official text, not in the corpus in force on the date")
    target = normalise(official.text or "")
    same = [r for r in held if normalise(r.text or "") == target]
    if same:
        reason = ""
        others = [r for r in cands if r not in same]
        if others:
            reason = ("the corpus cannot tell which wording is in force on the date; the official text "
                      f"agrees with {'the wording given by ' + same[0].by if same[0].by else 'the original wording'}")
        return Provision(eid, IDENTICAL, official.text, cands, reason=reason)
    redlines = [Change(eid, CHANGED, normalise(r.text or ""), target, word_diff(normalise(r.text or ""), target),
                       provision_label(eid)) for r in held]
    return Provision(eid, DIFFERING, official.text, cands, redlines,
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
        key_eid = next((a for a in _ancestors(p.eid) if a not in present_other), p.eid)
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


def _renumbered(items: list[Provision]) -> list[Provision]:
    """An only-official and an only-corpus provision with the same wording, each unique on its
    side: one unit renumbered (reported once, under the official eId)."""
    by_text: dict[str, dict[str, list[Provision]]] = {}
    for p in items:
        if p.kind == ONLY_OFFICIAL and p.official:
            by_text.setdefault(normalise(p.official), {}).setdefault("o", []).append(p)
        elif p.kind == ONLY_CORPUS and len(p.corpus) == 1:
            by_text.setdefault(normalise(p.corpus[0].text or ""), {}).setdefault("c", []).append(p)
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
    off_ids, cor_ids = list(off), side.order
    index = {e: j for j, e in enumerate(off_ids)}
    pairs = {i: index[e] for i, e in enumerate(cor_ids) if e in index}
    items = []
    for i, j in merge_order(len(cor_ids), len(off_ids), pairs):
        eid = off_ids[j] if j is not None else cor_ids[i]
        own = side.by_eid.get(eid, [])
        if eid not in off and own and all(r.absent and not len(r.el) for r in own) and side.has_inside(eid):
            continue    # an absent unit that stands for provisions listed on their own
        p = _classify(eid, off.get(eid), side.candidates(eid), partial_corpus=partial_corpus, excerpt=excerpt)
        if p is not None:
            items.append(p)
    items = _renumbered(items)
    grouped = _group([p for p in items if p.kind in (ONLY_CORPUS, NOT_IN_OFFICIAL)],
                     _present(official))
    grouped_off = _group([p for p in items if p.kind in (ONLY_OFFICIAL, NOT_IN_CORPUS)],
                         _present([r for r in corpus if not r.absent]))
    rest = {id(p) for p in items if p.kind in (IDENTICAL, DIFFERING, RENUMBERED)}
    order = {p.eid: n for n, p in enumerate(items)}
    merged = [p for p in items if id(p) in rest] + grouped + grouped_off
    return sorted(merged, key=lambda p: order.get(p.eid, order.get((p.members or [p.eid])[0], 0)))
