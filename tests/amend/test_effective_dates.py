"""Points of an amending act that take effect on a date of their own (parse level; the golden
cases own_effective_date*.txt apply them and read the text on both dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from lawdiff.amend.grammar import parse_instructions
from lawdiff.ingest.eif import recognise

WORK = "kz/oral-akimat/resolution/2020/1"
KK = ["1. Қаулыға мынадай өзгерістер енгізілсін:", "1) 3-тармақ алып тасталсын;", "2) 4-тармақ алып тасталсын."]
RU = ["1. Внести в решение следующие изменения:", "1) пункт 3 исключить;", "2) пункт 4 исключить."]
JULY = dt.date(2024, 7, 1)


@pytest.mark.parametrize("paras,dates", [
    (KK + ["2. Осы қаулы 2024 жылғы 1 наурыздан бастап қолданысқа енгізіледі, 1-тармақтың 2) тармақшасын "
           "қоспағанда, ол 2024 жылғы 1 шілдеден бастап қолданысқа енгізіледі."], [None, JULY]),
    (KK + ["2. 1-тармақтың 2) тармақшасын қоспағанда, осы қаулы 2024 жылғы 1 наурыздан бастап қолданысқа енгізіледі.",
           "3. 1-тармақтың 2) тармақшасы 2024 жылғы 1 шілдеден бастап қолданысқа енгізіледі."], [None, JULY]),
    (RU + ["2. Настоящее решение вводится в действие с 1 марта 2024 года, за исключением подпункта 2) пункта 1, "
           "который вводится в действие с 1 июля 2024 года."], [None, JULY]),
    (RU + ["2. Подпункт 1) пункта 1 настоящего решения вводится в действие с 1 июля 2024 года."], [JULY, None]),
    (KK + ["2. Осы қаулы 2024 жылғы 1 наурыздан бастап қолданысқа енгізіледі, 1-тармақты қоспағанда, ол 2024 "
           "жылғы 1 шілдеден бастап қолданысқа енгізіледі."], [JULY, JULY]),
    # no point of its own: every operation takes the act's date
    (KK + ["2. Осы қаулы 2024 жылғы 1 наурыздан бастап қолданысқа енгізіледі."], [None, None]),
])
def test_points_with_a_date_of_their_own(paras, dates):
    result = parse_instructions(paras, WORK)
    assert result.unparsed == []
    assert [op.effective for op in result.ops] == dates


@pytest.mark.parametrize("paras,reason", [
    (KK + ["2. 1-тармақтың 2) тармақшасын қоспағанда, осы қаулы 2024 жылғы 1 наурыздан бастап қолданысқа енгізіледі."],
     "without a date of its own"),
    (RU + ["2. Настоящее решение вводится в действие с 1 марта 2024 года, за исключением подпункта 5) пункта 1, "
           "который вводится в действие с 1 июля 2024 года."], "holds no instruction read"),
])
def test_a_point_whose_date_is_unknown_is_refused(paras, reason):
    result = parse_instructions(paras, WORK)
    assert len(result.unparsed) == 1 and reason in result.unparsed[0].reason
    assert result.unparsed[0].source == paras[-1]


def test_the_acts_own_date_is_not_the_exceptions():
    text = ("Настоящее решение вводится в действие с 1 марта 2024 года, за исключением подпункта 2) пункта 1, "
            "который вводится в действие с 1 июля 2024 года.")
    assert recognise(text) == ("fixed-date", dt.date(2024, 3, 1))
    kk = ("Осы қаулы 2024 жылғы 1 наурыздан бастап қолданысқа енгізіледі, 1-тармақтың 2) тармақшасын "
          "қоспағанда, ол 2024 жылғы 1 шілдеден бастап қолданысқа енгізіледі.")
    assert recognise(kk) == ("fixed-date", dt.date(2024, 3, 1))


def test_an_operations_own_date_and_joint_ids_are_stored_and_read_back():
    from lawdiff.amend.store import op_element, op_from_element

    [op] = parse_instructions(["1. Қаулыға мынадай өзгерістер енгізілсін:", "1) 3-тармақ алып тасталсын.",
                               "2. 1-тармақ 2024 жылғы 1 шілдеден бастап қолданысқа енгізіледі."], WORK).ops
    op.joint = ["kz/oral-maslikhat/decision/2020/7"]
    back = op_from_element(op_element(op, 1), 1)
    assert (back.effective, back.joint) == (JULY, op.joint)
