"""Warnings of the library (a bad file skipped, an interrupted write completed or rolled back):
records of the standard ``lawdiff`` logger, with :mod:`logging` imported when the first one is
issued. Importing logging (and the traceback, threading and string modules it loads) costs
some 5 ms of every command's start, and a command almost never warns."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging


class _Log:
    """``logging.getLogger("lawdiff")`` for its one use here, ``warning``, loaded on that use."""

    def __init__(self) -> None:
        self._setups: list[Callable[[logging.Logger], None]] = []

    def on_first_use(self, setup: Callable[[logging.Logger], None]) -> None:
        """Run ``setup(logger)`` on the ``lawdiff`` logger before its next record (the command
        line installs its warning line so, without importing logging for it)."""
        if setup not in self._setups:
            self._setups.append(setup)

    def warning(self, message: str, *args: object) -> None:
        import logging

        logger = logging.getLogger("lawdiff")
        while self._setups:
            self._setups.pop(0)(logger)
        logger.warning(message, *args)


#: The library's warning channel: ``log.warning(message, *args)``, as on a logger.
log = _Log()
