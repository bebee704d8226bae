"""Entry into force, periods, repeal and the undetermined window, on the real corpus.

Facts recorded with ``add_event`` here are test inputs (a publication date chosen to test
the boundaries), written to a scratch copy of the corpus, never to the shipped one.
"""

from __future__ import annotations

import datetime as dt

import pytest

from lawdiff import LawdiffError, api
from lawdiff import time as T
from lawdiff.corpus import Corpus

D = dt.date.fromisoformat
ORAL_2026 = "kz/oral-akimat/resolution/2025/2999"
ORAL_2025 = "kz/oral-akimat/resolution/2025/1971"
BAITEREK = "kz/baiterek-akimat/resolution/2025/668"
DECREE_330 = "kz/government/decree/2009/330"
ORDER_379 = "kz/mlsp/order/2018/379"


def record(corpus: Corpus, work: str, kind: str, when: str, by: str | None = None) -> None:
    with corpus.lock():
        act, _ = api.add_event(corpus, work, kind, D(when), "test input: boundary check", by)
        corpus.write(act)


def state(corpus: Corpus, work: str, when: str) -> str:
    act = corpus.load(work)
    wi = T.work_interval(act)
    return T.status_at(wi.start, wi.end, D(when), end_state=wi.end_state).state


def test_ten_days_rule_is_publication_plus_eleven():
    b = T.apply_rule(T.PUBLICATION_PLUS_10, published=D("2025-12-20"), signed=None,
                     earliest_publication=None, what="x")
    assert b.date == D("2025-12-31")
    assert "ten calendar days" in b.reason


@pytest.mark.parametrize("rule,expected", [(T.FROM_PUBLICATION, "2025-12-20"), (T.DEFAULT, "2025-12-31")])
def test_other_publication_rules(rule, expected):
    b = T.apply_rule(rule, published=D("2025-12-20"), signed=None, earliest_publication=None, what="x")
    assert b.date == D(expected)
    assert b.default == (rule is T.DEFAULT)


def test_from_signing():
    b = T.apply_rule(T.FROM_SIGNING, published=None, signed=D("2025-03-04"), earliest_publication=None, what="x")
    assert b.date == D("2025-03-04")


def test_undetermined_publication_has_a_lower_bound_not_a_date(scratch_corpus):
    act = Corpus(scratch_corpus).load(ORAL_2025)
    b = T.entry_into_force(act)
    assert b.date is None and b.earliest == D("2025-09-27")       # adopted 16.09 + 11 days
    assert "not recorded" in b.reason


@pytest.mark.parametrize("when,expected", [
    ("2025-09-26", "not-yet-in-force"),         # the day before the earliest possible date
    ("2025-09-27", "in-force-unconfirmed"),     # the earliest possible date
    ("2025-12-31", "in-force-unconfirmed"),
    ("2026-01-01", "expired"),                  # "2025 жылға": the period ends
])
def test_undetermined_window_oral_2025(scratch_corpus, when, expected):
    assert state(Corpus(scratch_corpus), ORAL_2025, when) == expected


@pytest.mark.parametrize("when,expected", [
    ("2025-09-30", "not-yet-in-force"), ("2025-10-01", "in-force"), ("2025-10-02", "in-force"),
    ("2025-12-31", "in-force"), ("2026-01-01", "expired"),
])
def test_recorded_publication_decides(scratch_corpus, when, expected):
    corpus = Corpus(scratch_corpus)
    record(corpus, ORAL_2025, "published", "2025-09-20")    # ten days elapse 21..30.09
    assert state(corpus, ORAL_2025, when) == expected


@pytest.mark.parametrize("when,expected", [
    ("2025-12-31", "not-yet-in-force"), ("2026-01-01", "in-force"), ("2026-12-31", "in-force"),
    ("2027-01-01", "expired"),
])
def test_period_of_application_starts_later_than_entry_into_force(scratch_corpus, when, expected):
    corpus = Corpus(scratch_corpus)
    record(corpus, ORAL_2026, "published", "2025-12-19")    # in force 30.12, applies from 01.01
    assert state(corpus, ORAL_2026, when) == expected


def test_act_without_clause_falls_under_the_default_rule(scratch_corpus):
    act = Corpus(scratch_corpus).load(BAITEREK)
    eif = [e for e in act.events() if e.kind == "entry-into-force"]
    assert eif and eif[0].origin == "default" and eif[0].rule == "default"
    b = T.entry_into_force(act)
    assert b.default and b.earliest == D("2026-01-06")
    corpus = Corpus(scratch_corpus)
    record(corpus, BAITEREK, "published", "2026-01-05")
    st = T.status_at(*[getattr(T.work_interval(corpus.load(BAITEREK)), a) for a in ("start", "end")], D("2026-01-16"))
    assert st.state == "in-force" and "statutory default" in st.reason


@pytest.mark.parametrize("when,expected", [
    ("2023-06-30", "in-force-unconfirmed"), ("2023-07-01", "repealed"), ("2023-07-02", "repealed"),
])
def test_repeal_from_a_fixed_date(scratch_corpus, when, expected):
    assert state(Corpus(scratch_corpus), DECREE_330, when) == expected


def test_partial_text_without_its_entry_into_force_clause(scratch_corpus):
    act = Corpus(scratch_corpus).load(ORDER_379)
    b = T.entry_into_force(act)
    assert b.date is None and b.earliest == D("2018-10-02")          # registration
    assert "not in the corpus" in b.reason


def _preamble_texts(corpus: Corpus, when: str) -> list[tuple[str, str]]:
    res = api.show(corpus, DECREE_330, D(when), "preamble")
    return [(p.status.state, p.text[:30]) for p in res.provisions]


def test_new_wording_with_undetermined_date_is_uncertain_then_decided(scratch_corpus):
    corpus = Corpus(scratch_corpus)
    old = "«Арнаулы әлеуметтік қызметтер "
    new = '"Арнаулы әлеуметтік қызметтер '
    # Decree 850 of 26.10.2022 enters into force ten days after publication: not before 06.11.2022.
    assert _preamble_texts(corpus, "2022-11-05") == [("in-force-unconfirmed", old)]
    assert {s for s, _ in _preamble_texts(corpus, "2022-11-06")} == {"uncertain"}
    assert len(_preamble_texts(corpus, "2022-11-06")) == 2
    record(corpus, DECREE_330, "amended", "2022-11-08", by="kz/government/decree/2022/850")
    assert _preamble_texts(corpus, "2022-11-07") == [("in-force-unconfirmed", old)]
    assert _preamble_texts(corpus, "2022-11-08") == [("in-force-unconfirmed", new)]
    assert _preamble_texts(corpus, "2023-07-01") == []                   # repealed with the act


def test_event_add_rejects_bad_facts(scratch_corpus):
    corpus = Corpus(scratch_corpus)
    with pytest.raises(LawdiffError, match="before the act was adopted"):
        api.add_event(corpus, ORAL_2025, "published", D("2025-01-01"), "x")
    with pytest.raises(LawdiffError, match="--source"):
        api.add_event(corpus, ORAL_2025, "published", D("2025-10-01"), " ")
    with pytest.raises(LawdiffError, match="unknown event kind"):
        api.add_event(corpus, ORAL_2025, "born", D("2025-10-01"), "x")


def test_an_unknown_entry_into_force_rule_is_refused_by_name(scratch_corpus, capsys):
    """A rule name the time module does not know (here a synthetic one written into a scratch
    copy) is an error naming it, not a failure inside the computation."""
    path = scratch_corpus / f"{ORAL_2026}.xml"
    data = path.read_text(encoding="utf-8")
    assert data.count('rule="publication+10d"') == 1
    path.write_text(data.replace('rule="publication+10d"', 'rule="after-the-harvest"'), encoding="utf-8")
    with pytest.raises(LawdiffError, match="unknown entry-into-force rule 'after-the-harvest'"):
        T.entry_into_force(Corpus(scratch_corpus).load(ORAL_2026))
    from lawdiff.cli.main import run

    assert run(["--corpus", str(scratch_corpus), "show", ORAL_2026, "--json"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lawdiff: error:") and "after-the-harvest" in err and "Traceback" not in err
