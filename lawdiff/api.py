"""The Python API: every question lawdiff answers. The CLI only formats these results.

All functions take a :class:`~lawdiff.corpus.Corpus` and return the typed results of
:mod:`lawdiff.results` (their ``to_json()`` is the ``--json`` contract, docs/json.md); dates are
``datetime.date``. Errors are :class:`~lawdiff.LawdiffError`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from lawdiff import LawdiffError
from lawdiff import time as T
from lawdiff.corpus import Corpus
from lawdiff.model import version as V
from lawdiff.model.act import Act, Event
from lawdiff.model.version import State
from lawdiff.model.ids import check_work_id
from lawdiff.records import Lookup, Record, TariffSource, row_json, work_summary
from lawdiff.results import (EventEntry, ProvisionAt, Shown, TariffRow, TariffRowAt, Timeline, WordingChange, WorkAt,
                             WorkSummary)
from lawdiff.workref import current_index as _index
from lawdiff.workref import resolve as resolve   # part of the API: a work from a user's words

if TYPE_CHECKING:
    from lawdiff.ingest.issuers import Place

SETTINGS = ("home", "semi-stationary", "stationary")
EVENT_KINDS = ("published", "entry-into-force", "repealed", "amended", "registered", "signed", "expired",
               "cancelled")
#: Facts a work has once: a second one contradicts the first and needs ``replace``.
_ONCE = ("published", "entry-into-force", "registered", "signed", "repealed", "expired", "cancelled")


def load_work(corpus: Corpus, work: str) -> Act:
    """One work, read and checked as :meth:`Corpus.load` does; the schema check is skipped for
    bytes the derived index already found valid (:func:`lawdiff.index.store.trust_reads`), for
    this work and the amending acts read with it."""
    from lawdiff.index.store import trust_reads

    trust_reads(corpus)
    return corpus.load(check_work_id(work))


def _work_rows(corpus: Corpus) -> list[tuple[Record, T.WorkInterval]]:
    """(summary, interval) of every work in corpus order: from the index, else the XML."""
    index = _index(corpus, full=True)
    if index is not None:
        from lawdiff.index.query import work_rows

        return work_rows(index)
    return [(work_summary(a), T.work_interval(a)) for a in corpus.works()]


def list_works(corpus: Corpus) -> list[WorkSummary]:
    """One summary per work, sorted by work file."""
    return [WorkSummary.from_record(summary) for summary, _ in _work_rows(corpus)]


# -- tariffs ------------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"[\w-]+", text.casefold())


def _matches(query: str | None, text: str | None) -> bool:
    """Every word of the query occurs in the text as the start of a word (case-insensitive)."""
    if not query:
        return True
    words = _words(text or "")
    return all(any(w.startswith(q) for w in words) for q in _words(query))


def tariff_rows(corpus: Corpus, work: str, service: str | None = None,
                position: str | None = None) -> list[TariffRow]:
    """Every tariff row of one work, as printed (all versions of amended rows), or those whose
    service and position hold the words given."""
    act = load_work(corpus, work)
    rows = [TariffRow.from_record(row_json(act, row, table)) for table in act.tariff_tables() for row in table.iter("row")]
    if not rows:
        raise LawdiffError(f"work {work} has no tariff table")
    return [r for r in rows if _matches(service, r.service) and _matches(position, r.position)]


@functools.lru_cache(maxsize=64)
def _known_place(query: str) -> Place | None:
    """The gazetteer's place for a user's words (asked once per query, not once per work; the
    gazetteer and its patterns are loaded by the first query that names a place)."""
    from lawdiff.ingest.issuers import find_place

    return find_place(query)


def place_matches(act: Act, query: str) -> bool:
    """"Орал", "Орал қаласы", "Oral", "Uralsk" all match the work whose place is Орал."""
    place = act.place
    if place is None:
        return False
    known = _known_place(query)
    if known is not None:
        return known.name.casefold() == (place.text or "").casefold()
    q = re.sub(r"\s+(қаласы|ауданы|облысы)$", "", query.strip(), flags=re.I).casefold()
    return q in {(place.text or "").casefold(), (place.get("latin") or "").casefold()}


def _tariff_sources(corpus: Corpus, place: str) -> list[TariffSource]:
    """(work id, setting, work interval, [(row record, version interval)]) of every tariff act
    of ``place``, in corpus order: from the index, else from the XML."""
    index = _index(corpus)
    if index is not None:
        from lawdiff.index.query import tariff_sources

        known = _known_place(place)
        return tariff_sources(index, place, known.name if known is not None else None)
    lookup = Lookup(corpus)
    out: list[TariffSource] = []
    for act in corpus.works_containing(b"<tariffs"):
        if not (act.tariff_tables() and place_matches(act, place)):
            continue
        wi = T.work_interval(act)
        rows = [(row_json(act, row, table), T.version_interval(act, row, lookup, wi))
                for table in act.tariff_tables() for row in table.iter("row")]
        out.append((act.id, act.setting, wi, rows))
    return out


def tariffs_at(corpus: Corpus, when: dt.date, place: str, setting: str | None = None,
               service: str | None = None, position: str | None = None) -> tuple[list[TariffRowAt], list[str]]:
    """Tariff rows in force on ``when`` for a place (and setting), with status and interval.

    Returns (rows, reasons): when there are no rows, the reasons say why (no act for the
    place, not yet in force, period ended...)."""
    if setting and setting not in SETTINGS:
        raise LawdiffError(f"unknown setting {setting!r}: use one of {', '.join(SETTINGS)}")
    rows: list[TariffRowAt] = []
    reasons: list[str] = []
    candidates = _tariff_sources(corpus, place)
    if not candidates:
        reasons.append(f"no tariff act for {place!r} in the corpus")
    for work_id, work_setting, work, versions in candidates:
        if setting and work_setting != setting:
            reasons.append(f"{work_id} is for the {work_setting} setting, not {setting}")
            continue
        for record, vi in versions:
            st = T.interval_status(vi, work, when)
            if not st.state.may_apply:
                continue
            if not (_matches(service, record["service"]) and _matches(position, record["position"])):
                continue
            rows.append(TariffRowAt(record=TariffRow.from_record(record), status=st, version=vi))
        if not any(r.record.work == work_id for r in rows):
            st = T.status_at(work.start, work.end, when, end_state=work.end_state)
            if st.state.may_apply:
                reasons.append(f"{work_id}: no row matches the service/position given")
            else:
                reasons.append(f"{work_id} ({work_setting}): {st.state.label} on {when.isoformat()}: {st.reason}")
    return rows, reasons


# -- provisions -----------------------------------------------------------------------------------

def _text_of(el: etree._Element) -> str:
    if el.tag == "row":
        return f"{el.findtext('service')} — {el.findtext('position')}: {el.get('price')}"
    return (el.text or "").strip()


def _leaves(act: Act) -> Iterator[etree._Element]:
    """Text-bearing versions in document order: paragraphs, titles, tariff rows."""
    for el in act.units():
        if el.tag in ("p", "title", "row"):
            yield el
        elif V.absent_leaf(el):
            yield el


def show(corpus: Corpus, work: str, when: dt.date | None = None, provision: str | None = None) -> Shown:
    """The text of a work in force on ``when`` (today if None), provision by provision."""
    from lawdiff.citation import adilet_url, official_citation, resolve_provision

    when = when or dt.date.today()
    act = load_work(corpus, work)
    provision = resolve_provision(act, provision) if provision else None
    lookup = Lookup(corpus)
    wi = T.work_interval(act)
    work_status = T.status_at(wi.start, wi.end, when, end_state=wi.end_state)
    provisions: list[ProvisionAt] = []
    for el in _leaves(act):
        eid = el.get("eId")
        if provision and not (eid == provision or eid.startswith(provision + "__")):
            continue
        st, vi = T.version_status(act, el, when, lookup, wi)
        if not st.state.shown:
            # keep the history out: only versions that could be in force are shown
            continue
        provisions.append(ProvisionAt(eid=eid, text=None if vi.absent else _text_of(el), status=st, version=vi))
    result = Shown(work=act.id, title=act.title, citation=official_citation(act), url=adilet_url(act), at=when,
                   status=work_status, interval=wi, complete=act.complete, coverage=act.coverage_note,
                   provisions=provisions)
    if provision and not provisions:
        if any(el.get("eId") == provision or el.get("eId", "").startswith(provision + "__") for el in act.units()):
            result.status = T.Status(work_status.state, f"{provision} has no wording in force on {when.isoformat()}")
        elif not act.complete:
            result.status = T.Status(State.NOT_IN_CORPUS, f"{provision} is not in the corpus: {act.coverage_note}")
        else:
            raise LawdiffError(f"{act.id} has no provision {provision}")
    return result


def export_akn(corpus: Corpus, work: str, when: dt.date) -> bytes:
    """The work as in force on ``when``, as an Akoma Ntoso document."""
    from lawdiff.render.akn import to_akn

    act = load_work(corpus, work)
    lookup = Lookup(corpus)
    wi = T.work_interval(act)
    in_force = set()
    for el in act.units():
        st, _ = T.version_status(act, el, when, lookup, wi)
        if st.state.shown:
            in_force.add(el)
    data: bytes = etree.tostring(to_akn(act, when, in_force), encoding="UTF-8", xml_declaration=True,
                                 pretty_print=True)
    return data


def works_at(corpus: Corpus, when: dt.date) -> list[WorkAt]:
    """Every work with its status on ``when``."""
    out = []
    for summary, wi in _work_rows(corpus):
        st = T.status_at(wi.start, wi.end, when, end_state=wi.end_state)
        out.append(WorkAt(summary=WorkSummary.from_record(summary), status=st, interval=wi))
    return out


def timeline(corpus: Corpus, work: str) -> Timeline:
    """A work's events, the dates computed from them, and where each came from."""
    act = load_work(corpus, work)
    wi = T.work_interval(act)
    lookup = Lookup(corpus)
    changes = []
    seen = set()
    for el in act.units():
        by = V.own(el).by
        if by and (by, el.get("eId")) not in seen:
            seen.add((by, el.get("eId")))
            changes.append(WordingChange(eid=el.get("eId"), by=by, start=T.amending_act_start(act, by, lookup)))
    return Timeline(work=act.id, title=act.title, events=act.events(), interval=wi, changes=changes)


def event_id(index: int) -> str:
    """The id of a lifecycle event as ``event list`` shows it: its place in the lifecycle."""
    return f"ev_{index}"


def list_events(corpus: Corpus, work: str) -> list[EventEntry]:
    """A work's lifecycle facts with their ids and who gave each (the text, a note, a person)."""
    act = load_work(corpus, work)
    return [EventEntry(id=event_id(i), event=e, given_by=T.ORIGIN_LABELS.get(e.origin, e.origin))
            for i, e in enumerate(act.events(), 1)]


def remove_event(corpus: Corpus, work: str, ident: str) -> tuple[Act, Event]:
    """Remove a fact a person recorded. Facts read from the text stay: the text says them."""
    m = re.fullmatch(r"ev_(\d+)", ident.strip())
    if not m:
        raise LawdiffError(f"invalid event id {ident!r}: expected ev_N as `lawdiff event list` shows")
    act = load_work(corpus, work)
    events = act.events()
    index = int(m.group(1))
    if 1 <= index <= len(events) and events[index - 1].origin != "user":
        ev = events[index - 1]
        raise LawdiffError(f"{ident} ({ev.kind}) is {T.ORIGIN_LABELS.get(ev.origin, ev.origin)}, not recorded "
                           "by a person: only recorded facts can be removed")
    return act, act.remove_event(index)


def _contradiction(act: Act, kind: str, when: dt.date) -> str | None:
    """Why recording ``kind`` on ``when`` contradicts what ``act`` already holds, or None."""
    same = [(e, e.date) for e in act.events() if e.kind == kind and e.date is not None] if kind in _ONCE else []
    if same:
        prior, prior_date = same[-1]
        if prior_date == when:
            return f"{kind} on {when.isoformat()} is already recorded ({T.said_by(prior)})"
        return f"{kind} is already recorded on {prior_date.isoformat()} ({T.said_by(prior)})"
    if kind == "entry-into-force":
        bound = T.entry_into_force(act)
        if bound.date is not None and bound.date != when:
            return f"the act's rule gives entry into force on {bound.date.isoformat()} ({bound.reason})"
        if not bound.determined and bound.earliest and when < bound.earliest:
            return f"the act's rule gives entry into force not before {bound.earliest.isoformat()} ({bound.reason})"
    return None


def add_event(corpus: Corpus, work: str, kind: str, when: dt.date, source: str, by: str | None = None,
              replace: bool = False) -> tuple[Act, Event]:
    """Record a fact in a work's lifecycle (a user's fact wins over one read from the text).

    A fact that contradicts one already held (a second publication date, an entry into force
    the act's rule does not give) is refused unless ``replace``; then the earlier facts a
    person recorded of that kind are removed, and the new one wins over the text's."""
    if kind not in EVENT_KINDS:
        raise LawdiffError(f"unknown event kind {kind!r}: use one of {', '.join(EVENT_KINDS)}")
    if not source or not source.strip():
        raise LawdiffError("an event needs --source: where the fact comes from")
    if by:
        check_work_id(by)
    if kind == "amended" and not by:
        raise LawdiffError("an 'amended' event needs --by: the amending act")
    act = load_work(corpus, work)
    if act.date and when < act.date and kind in ("published", "entry-into-force", "repealed"):
        raise LawdiffError(f"{kind} on {when.isoformat()} is before the act was adopted ({act.date.isoformat()})")
    problem = _contradiction(act, kind, when)
    if problem and not replace:
        raise LawdiffError(f"{act.id}: {problem}; use --replace to record {kind} on {when.isoformat()} instead")
    if replace:
        for i in reversed([i for i, e in enumerate(act.events(), 1) if e.kind == kind and e.origin == "user"]):
            act.remove_event(i)
    event = Event(kind=kind, origin="user", source=source.strip(), date=when, by=by)
    act.add_event(event)
    return act, event
