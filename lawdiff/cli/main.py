"""Entry point: the root group; each command's module is imported when the command runs
(see ``COMMAND_MODULES`` in :mod:`lawdiff.cli.group`)."""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

from lawdiff import EXIT_BAD_INPUT
from lawdiff.cli.group import cli, run


def main() -> NoReturn:
    """The ``lawdiff`` script."""
    leave(run())


def leave(code: int) -> NoReturn:
    """End the process with ``code``, the command being done.

    When :func:`run` returns, every file a command wrote is closed and every commit made; a
    normal exit would then free each object and module one by one, some 15-25 ms of every
    command for nothing (an eighth of a query's time). So, when nothing else runs (no other
    thread, no pool of worker processes), the exit handlers run, the output is flushed and
    the process ends there, as ``os._exit`` ends it; otherwise it exits normally."""
    if threading.active_count() > 1 or "multiprocessing" in sys.modules:
        sys.exit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except BrokenPipeError:           # the reader went away (``lawdiff ls | head``): as in run()
        code = code or EXIT_BAD_INPUT
    try:
        sys.stderr.flush()
    except OSError:
        pass
    os._exit(code)


__all__ = ["cli", "main"]
