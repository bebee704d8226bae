"""History and blame: every version of a provision, and who gave the wording in force."""

from __future__ import annotations

import datetime as dt

from lawdiff import LawdiffError, api
from lawdiff.corpus import Corpus
from lawdiff.diff import format_decimal, provision_label, row_label
from lawdiff.citation import resolve_provision
from lawdiff.model import version as V
from lawdiff.review.compare import (
    _compare,  # noqa
    under_provision,
)
from lawdiff.review.readings import Side, WorkReader, is_under

# =============================================================================== history


def history(corpus: Corpus, work: str, provision: str | None = None, *, every: bool = False) -> dict:
    """Every version of the provisions of ``work`` (of one provision and what it holds, with
    ``provision``), each with its interval, the act that made it, and its redline against the
    version before. Without ``provision`` only provisions with a history are listed (more than
    one version, or a wording given by another act), unless ``every``."""
    reader = WorkReader(corpus, work)
    provision = resolve_provision(reader.act, provision) if provision else None
    act = reader.act
    leaves = reader.leaves
    if provision:
        leaves = [el for el in leaves if is_under(el.get("eId"), provision)
                  or (V.absent_leaf(el) and is_under(provision, el.get("eId")))]
        if not leaves:
            if not act.complete:
                raise LawdiffError(f"{provision} is not in the corpus: {act.coverage_note}")
            raise LawdiffError(f"{act.id} has no provision {provision}")
    readings = [reader.reading(el, None) for el in leaves]
    side = Side(readings)
    provisions = []
    for eid in side.order:
        if all(r.absent and not len(r.el) for r in side.by_eid[eid]) and side.has_inside(eid):
            continue  # shown as the first version of each provision inside it
        versions = side.candidates(eid)
        if not (provision or every) and len(versions) < 2 and not any(v.by for v in versions):
            continue
        out, prev = [], None
        for n, v in enumerate(versions, 1):
            vi = v.interval
            item = {"n": n, "act": v.by or act.id, "by": v.by, "ended_by": V.of(v.el).ended_by,
                    "absent": v.absent, "text": v.text,
                    "price": format_decimal(v.row.price) if v.row and not v.absent else None,
                    "from": vi.start.to_json(), "until": vi.end.to_json() if vi.end else None,
                    "ends_by": vi.end_state if vi.end else None, "redline": None}
            if prev is not None:
                item["redline"] = _compare(eid, prev, v, tariff_ids=False, ignore_quotes=False).to_json()
            out.append(item)
            prev = v
        label = row_label(versions[-1].row) if versions[-1].row else provision_label(eid)
        provisions.append({"provision": eid, "label": label, "versions": out})
    return {"work": act.id, "title": act.title, "complete": act.complete, "coverage": act.coverage_note,
            "provisions": provisions}


# =============================================================================== blame


def blame(corpus: Corpus, work: str, when: dt.date | None = None, provision: str | None = None) -> dict:
    """For each provision in force on ``when`` (today if None): the act that gave its current
    wording and the date it took effect. Competing versions (status uncertain) are both listed."""
    when = when or dt.date.today()
    reader = WorkReader(corpus, work)
    provision = resolve_provision(reader.act, provision) if provision else None
    act = reader.act
    readings = under_provision(reader.at(when), provision)
    if provision and not readings:
        api.show(corpus, act.id, when, provision)   # raises for an unknown provision
    st = reader.status(when)
    rows = []
    for r in readings:
        vi = r.interval
        rows.append({"provision": r.eid, "label": row_label(r.row) if r.row else provision_label(r.eid),
                     "text": r.text, "price": format_decimal(r.row.price) if r.row and not r.absent else None,
                     "status": r.status, "reason": r.reason, "act": r.by or act.id, "by": r.by,
                     "since": vi.start.to_json(), "until": vi.end.to_json() if vi.end else None})
    return {"work": act.id, "title": act.title, "at": when.isoformat(), **st.to_json(),
            "complete": act.complete, "coverage": act.coverage_note, "provisions": rows}
