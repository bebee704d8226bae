"""Classes made by ``lawdiff.frozen.frozen`` compare, hash and print as the dataclasses they
are would: their equality, hash and repr are shared functions instead of methods compiled for
each class (import time of every command). Each is checked, on values taken from the shipped
corpus where the corpus has them, against a twin made by ``dataclasses.dataclass`` itself."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import pkgutil

import pytest

import lawdiff
from lawdiff import api, frozen, time
from lawdiff.amend.ops import Unparsed
from lawdiff.corpus import Corpus
from lawdiff.diff import Change, word_diff
from lawdiff.ingest.issuers import find_place, recognise_issuer
from lawdiff.ingest.references import find_refs
from lawdiff.model import version as V
from lawdiff.model.xmlio import parse_bytes, schema_errors
from lawdiff.review.history import blame, history

from conftest import CORPUS

WHEN = dt.date(2026, 3, 1)
RULES = "kz/mlsp/order/2018/379"          # its Rules hold the wordings order 308 gave them


def _made_by_frozen() -> set[type]:
    """Every class of the package made by ``frozen``."""
    for info in pkgutil.walk_packages(lawdiff.__path__, "lawdiff."):
        if info.name != "lawdiff.__main__":          # it runs the command line
            importlib.import_module(info.name)
    made = set()
    for name, module in list(__import__("sys").modules.items()):
        if name.startswith("lawdiff."):
            made |= {c for c in vars(module).values() if isinstance(c, type) and c.__dict__.get("__eq__") is frozen._eq}
    return made


def _values() -> list[object]:
    """Values of those classes: answers of the API on the shipped corpus and what they hold,
    and values of the language modules made from real text."""
    corpus = Corpus(CORPUS)
    act = corpus.load("kz/oral-akimat/resolution/2025/2999")
    rows, _ = api.tariffs_at(corpus, WHEN, "Oral")
    found: list[object] = [
        *api.list_works(corpus)[:2], *api.works_at(corpus, WHEN)[:2], *rows[:3],
        api.timeline(corpus, act.id), *api.list_events(corpus, "kz/mlsp/order/2022/308")[:2],
        api.timeline(corpus, RULES), history(corpus, RULES), blame(corpus, RULES, dt.date(2023, 1, 1)),
        *api.show(corpus, act.id, WHEN).provisions[:2], *act.events()[:2], *time.RULES.values(),
        *(V.own(el) for el in list(act.units())[:2]),
        *word_diff("2025 жылға арналған тарифтер", "2026 жылға арналған тарифтер"),
        Change("para_1", "changed", "a", "b", word_diff("a", "b"), "1-тармақ"),
        Unparsed("5-тармақ алып тасталсын.", "no target"),
        find_place("Орал"), recognise_issuer("Орал қаласы әкімдігінің"),
        *find_refs(act.title + " Орал қаласы әкімдігінің 2025 жылғы 18 желтоқсандағы № 2999 қаулысы"),
        *schema_errors(parse_bytes(b"<act/>")),
    ]
    seen: list[object] = []

    def walk(value: object) -> None:
        if isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type) and value not in seen:
            seen.append(value)
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))

    walk(found)
    return seen


def _twin(value: object) -> object:
    """The same value as an instance of a dataclass made the standard way."""
    cls = type(value)
    params = cls.__dataclass_params__                      # type: ignore[attr-defined]
    made = dataclasses.dataclass(frozen=True, kw_only=True, order=params.order)(
        type(cls.__name__, (cls,), {"__qualname__": cls.__qualname__}))
    return made(**{f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.init})


def test_every_class_made_by_frozen_is_checked():
    checked = {type(v) for v in _values()}
    assert _made_by_frozen() <= checked, sorted(c.__qualname__ for c in _made_by_frozen() - checked)


def test_every_value_compares_hashes_and_prints_as_a_dataclass():
    values = [v for v in _values() if type(v).__dict__.get("__eq__") is frozen._eq]
    assert len(values) >= 20
    for value in values:
        twin = _twin(value)
        assert repr(value) == repr(twin)
        same = dataclasses.replace(value)
        assert same == value and not same != value and same is not value
        assert value != twin and value != object()                 # another class: not equal
        try:
            expected = hash(twin)
        except TypeError:                                          # a field holds a list or dict
            with pytest.raises(TypeError):
                hash(value)
        else:
            assert hash(value) == expected
        first = dataclasses.fields(value)[0]
        assert dataclasses.replace(value, **{first.name: "something else"}) != value
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, first.name, "x")
