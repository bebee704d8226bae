"""The version core (lawdiff.model.version): bounds read in one place, one definition of absent,
and the states with the questions callers ask of them.

The absent cases are read from the shipped corpus: order 379's Rules are not in the corpus
(``att_1`` is marked absent), but the wordings order 308 gave some of their subclauses are.
"""

from __future__ import annotations

import datetime as dt
import json

from lxml import etree

from conftest import CORPUS
from lawdiff.model import version as V
from lawdiff.model.act import Act
from lawdiff.model.version import State

ORDER_379 = CORPUS / "kz/mlsp/order/2018/379.xml"
GIVEN_BY_308 = "att_1__para_2__part_1__subpara_1"


def _act() -> Act:
    return Act(etree.parse(str(ORDER_379)).getroot(), ORDER_379)


def _versions(act: Act, eid: str) -> list[etree._Element]:
    return [el for el in act.units() if el.get("eId") == eid]


def test_a_wording_given_inside_absent_rules_is_known_but_its_surroundings_are_not():
    act = _act()
    earlier, given = _versions(act, GIVEN_BY_308)
    assert V.own(earlier) == V.Version(None, None, None, "kz/mlsp/order/2022/308", True)
    assert V.own(given).by == "kz/mlsp/order/2022/308" and not V.own(given).absent
    assert V.wording_absent(earlier) and not V.wording_absent(given)
    # the Rules around it are not in the corpus: an amendment cannot check its neighbours
    assert V.within_absent(given) and V.within_absent(earlier)
    line = given.find("p")
    assert V.holder(line) is given
    assert V.of(line).by == "kz/mlsp/order/2022/308"
    assert not V.wording_absent(line) and V.within_absent(line)


def test_an_element_without_bounds_lives_by_the_work():
    act = _act()
    title = act.root.find("body/title")
    assert title is not None
    assert not V.bounded(title) and V.holder(title) is title
    assert not V.of(title).bounded and not V.of(title).has_end and V.of(title).start_point == ""


def test_dates_are_read_not_computed():
    el = etree.fromstring('<p eId="x" from="2024-01-01" until="2025-01-01"/>')
    v = V.own(el)
    assert (v.start_date, v.until_date) == (dt.date(2024, 1, 1), dt.date(2025, 1, 1))
    assert v.has_end and v.start_point == "2024-01-01"
    assert V.absent_leaf(etree.fromstring('<clause eId="c" absent="true"/>'))
    assert not V.absent_leaf(etree.fromstring('<clause eId="c" absent="true"><p eId="c__p"/></clause>'))


def test_acts_named_are_those_of_versions_not_of_events():
    act = _act()
    assert V.acts_named(act.root) == {"kz/mlsp/order/2021/488", "kz/mlsp/order/2022/308", "kz/mlsp/order/2023/230"}
    body = act.root.find("body")
    assert V.acts_named(body) == {"kz/mlsp/order/2021/488"}


def test_states_answer_the_questions_callers_ask():
    applies = {s for s in State if s.applies}
    assert applies == {State.IN_FORCE, State.IN_FORCE_UNCONFIRMED}
    assert {s for s in State if s.may_apply} == applies | {State.UNCERTAIN}
    assert {s for s in State if s.shown} == applies | {State.UNCERTAIN, State.NOT_IN_CORPUS}
    assert {s for s in State if s.ended} == {State.REPEALED, State.EXPIRED, State.CANCELLED}
    assert {s for s in State if not s.certain} == {State.UNCERTAIN, State.IN_FORCE_UNCONFIRMED}
    assert State.EXPIRED.label == "period ended"
    assert min(State, key=lambda s: s.strength) is State.NOT_IN_CORPUS
    assert max(State, key=lambda s: s.strength) is State.IN_FORCE


def test_a_state_is_its_json_string():
    assert json.dumps({"status": State.NOT_YET_IN_FORCE}) == '{"status": "not-yet-in-force"}'
    assert State("in-force") is State.IN_FORCE and f"{State.REPEALED}" == "repealed"
