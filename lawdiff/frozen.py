"""Immutable value types that cost less to define: ``@frozen`` instead of
``@dataclass(frozen=True)``.

Every command imports some twenty immutable dataclasses (bounds, intervals, events, answers).
On Python 3.11 a dataclass compiles each method it generates on its own, six for a frozen
class; sharing three of them halved the import of the query answers (lawdiff.results, some
4 ms of a query's 80). A class made here is the same
dataclass (frozen, fields, ``__init__``, ``dataclasses.replace``...), but its equality, hash and
repr are shared functions that behave exactly as the generated ones would: equal when of the
same class with equal compared fields, hashed on the fields a dataclass hashes, printed as
``Name(field=value, ...)``. tests/test_frozen.py holds every such class to that.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

_T = TypeVar("_T")
Getter = Callable[[Any], tuple[Any, ...]]

#: Per class: the getters of its compared, hashed and printed fields (as a tuple).
_GETTERS: dict[type, tuple[Getter, Getter, tuple[str, ...]]] = {}


def _getters(cls: type) -> tuple[Getter, Getter, tuple[str, ...]]:
    found = _GETTERS.get(cls)
    if found is None:
        fields = dataclasses.fields(cls)
        compared = [f.name for f in fields if f.compare]
        hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
        found = _GETTERS[cls] = (_as_tuple(compared), _as_tuple(hashed), tuple(f.name for f in fields if f.repr))
    return found


def _as_tuple(names: list[str]) -> Getter:
    """A getter of ``names`` that always answers a tuple (attrgetter of one name does not)."""
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return operator.attrgetter(*names) if names else (lambda obj: ())


def _eq(self: Any, other: object) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = _getters(self.__class__)[0]
    return compared(self) == compared(other)


def _hash(self: Any) -> int:
    return hash(_getters(self.__class__)[1](self))


def _repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _getters(self.__class__)[2])
    return f"{self.__class__.__qualname__}({shown})"


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[_T] | None = None, /, *, kw_only: bool = False) -> Any:
    """``@frozen`` or ``@frozen(kw_only=True)``: ``@dataclass(frozen=True)`` (see the module
    docstring). A class that defines its own equality, hash or repr keeps it."""

    def make(cls: type[_T]) -> type[_T]:
        own = set(vars(cls))
        if vars(cls).get("__hash__", 0) is None and "__eq__" in own:
            own.discard("__hash__")            # Python's own None for a class with __eq__, as dataclasses read it
        made = dataclasses.dataclass(frozen=True, kw_only=kw_only, eq=False, repr=False)(cls)
        for name, method in (("__eq__", _eq), ("__hash__", _hash), ("__repr__", _repr)):
            if name not in own:
                setattr(made, name, method)
        return made

    return make if cls is None else make(cls)
