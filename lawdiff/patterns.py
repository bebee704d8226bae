"""Regular expressions compiled when first used, not when their module is imported.

Compiling a pattern costs time in every process that imports its module, used or not: the
Russian noun phrase of the grammar (a large alternation of unit words and ordinals) is paid by
every ``lawdiff apply`` of a Kazakh act. A pattern that only some inputs or some commands need
is declared with :func:`lazy` instead of ``re.compile``: the same source and flags, so it
matches exactly what the compiled pattern would, compiled once, on first use.
"""

from __future__ import annotations

import re


class LazyPattern:
    """A ``re.Pattern`` in waiting: any pattern method (``search``, ``finditer``, ``sub``...)
    compiles it once and is then the compiled pattern's own."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name: str):
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, deferred to the first use of the pattern."""
    return LazyPattern(pattern, flags)
