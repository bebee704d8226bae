"""The immutable answers of lawdiff.results compare, hash and print as the dataclasses they
are would: their equality, hash and repr are written once in ``Result`` instead of generated
per class (import time of every query). Checked on real answers from the shipped corpus
against twins made by ``dataclasses.dataclass`` itself."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lawdiff import api, results
from lawdiff.corpus import Corpus

from conftest import CORPUS

WHEN = dt.date(2026, 3, 1)


def _answers() -> list[results.Result]:
    corpus = Corpus(CORPUS)
    rows, _ = api.tariffs_at(corpus, WHEN, "Oral")
    timeline = api.timeline(corpus, "kz/oral-akimat/resolution/2025/2999")
    shown = api.show(corpus, "kz/oral-akimat/resolution/2025/2999", WHEN)
    return [*api.list_works(corpus)[:2], *api.works_at(corpus, WHEN)[:2], *rows[:3], timeline,
            *api.list_events(corpus, "kz/mlsp/order/2022/308")[:2], *shown.provisions[:2]]


def _twin(answer: results.Result) -> object:
    """The same answer as an instance of a dataclass made the standard way."""
    cls = type(answer)
    made = dataclasses.dataclass(frozen=True, kw_only=True)(type(cls.__name__, (cls,), {"__qualname__": cls.__qualname__}))
    return made(**{f.name: getattr(answer, f.name) for f in dataclasses.fields(answer)})


def test_the_answers_checked_are_the_frozen_kinds():
    kinds = {type(a) for a in _answers()}
    frozen = {c for c in vars(results).values()
              if isinstance(c, type) and issubclass(c, results.Result) and dataclasses.is_dataclass(c)
              and c.__dataclass_params__.frozen}
    assert len(kinds & frozen) >= 6 and all(k.__dataclass_params__.frozen for k in kinds)


def test_every_answer_compares_hashes_and_prints_as_a_dataclass():
    answers = _answers()
    assert len(answers) >= 10
    for answer in answers:
        twin = _twin(answer)
        assert repr(answer) == repr(twin)
        same = dataclasses.replace(answer)
        assert same == answer and not same != answer and same is not answer
        assert answer != twin and answer != object()                  # another class: not equal
        try:
            expected = hash(twin)
        except TypeError:                                             # a field holds a list or dict
            with pytest.raises(TypeError):
                hash(answer)
        else:
            assert hash(answer) == expected
        first = dataclasses.fields(answer)[0]
        assert dataclasses.replace(answer, **{first.name: "something else"}) != answer
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(answer, first.name, "x")
