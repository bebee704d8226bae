"""Acts whose order the known dates do not decide (an entry into force undetermined): the
corpus keeps the order of their earliest dates, the same whatever order they were applied in,
and the answers on the days both may have taken effect are "uncertain", with both wordings.
Where the known bounds decide the order, the answers stay certain. All acts are SYNTHETIC.
"""

from __future__ import annotations

import datetime as dt
import json

from lawdiff import api
from lawdiff.amend.apply import apply_act
from lawdiff.writes import record_event
from tests.conftest import run_script

from .cases import build_corpus, read_case
from .conftest import DATA

COMPETING = DATA / "order" / "synthetic_undetermined_competing.txt"
ORDERED = DATA / "order" / "synthetic_undetermined_ordered.txt"


def _answers(corpus, work, when):
    """{text: status} of clause 2's wordings that may be in force on ``when``."""
    return {p["text"]: p["status"] for p in api.show(corpus, work, when)["provisions"]}


def _applied(path, tmp_path, reverse=False):
    case = read_case(path)
    corpus = build_corpus(case, tmp_path / "corpus")
    for act in (reversed(case.acts) if reverse else case.acts):
        apply_act(corpus, act.work)
    return case, corpus


ONCE, TWICE, QUARTER = ("Әлеуметтік көмек жылына бір рет көрсетіледі.",
                        "Әлеуметтік көмек жылына екі рет көрсетіледі.",
                        "Әлеуметтік көмек тоқсан сайын көрсетіледі.")


def test_unknown_order_answers_uncertain_with_both_wordings(tmp_path):
    case, corpus = _applied(COMPETING, tmp_path, reverse=True)
    assert _answers(corpus, case.base, dt.date(2024, 2, 1)) == {ONCE: "in-force"}
    early = _answers(corpus, case.base, dt.date(2024, 3, 1))
    assert early == {ONCE: "uncertain", TWICE: "uncertain"}
    late = _answers(corpus, case.base, dt.date(2024, 7, 1))
    assert late[TWICE] == "uncertain" and late[QUARTER] == "uncertain", late
    assert "in-force" not in late.values()
    reason = next(p["reason"] for p in api.show(corpus, case.base, dt.date(2024, 7, 1))["provisions"]
                  if p["text"] == QUARTER)
    assert "which took effect first is not known" in reason and case.acts[0].work in reason


def test_a_recorded_publication_decides_the_order(tmp_path):
    case, corpus = _applied(COMPETING, tmp_path, reverse=True)
    record_event(corpus, case.acts[0].work, "published", dt.date(2024, 2, 20), "synthetic: published 20.02.2024")
    # ten days after 20.02.2024: in force from 02.03.2024
    assert _answers(corpus, case.base, dt.date(2024, 3, 1)) == {ONCE: "in-force"}
    assert _answers(corpus, case.base, dt.date(2024, 4, 1)) == {TWICE: "in-force"}
    assert _answers(corpus, case.base, dt.date(2024, 7, 1)) == {QUARTER: "in-force"}


def test_known_bounds_keep_the_order_and_the_answer_certain(tmp_path):
    case, corpus = _applied(ORDERED, tmp_path, reverse=True)
    assert _answers(corpus, case.base, dt.date(2024, 6, 15)) == {QUARTER: "in-force"}
    late = _answers(corpus, case.base, dt.date(2024, 8, 1))
    assert late == {QUARTER: "uncertain", "Әлеуметтік көмек ай сайын көрсетіледі.": "uncertain"}


def test_the_installed_command_says_uncertain(tmp_path):
    case, corpus = _applied(COMPETING, tmp_path)
    done = run_script("show", case.base, "--at", "2024-07-01", "--json", cwd=tmp_path,
                      env={"LAWDIFF_CORPUS": str(tmp_path / "corpus")})
    assert done.returncode == 0, done.stderr
    provisions = json.loads(done.stdout)["provisions"]
    assert {p["text"]: p["status"] for p in provisions}[QUARTER] == "uncertain"


def test_dates_that_contradict_the_order_held_are_not_answered_as_certain(tmp_path):
    case, corpus = _applied(COMPETING, tmp_path)
    # published 20.06.2024: in force 01.07.2024, after act 6 (01.06.2024), though the
    # corpus holds act 5's wording before act 6's
    record_event(corpus, case.acts[0].work, "published", dt.date(2024, 6, 20), "synthetic: published 20.06.2024")
    provisions = api.show(corpus, case.base, dt.date(2024, 7, 15))["provisions"]
    assert {p["status"] for p in provisions} == {"uncertain"}
    assert any("applied again in date order" in p["reason"] for p in provisions), provisions
