"""Entry point: the root group; each command's module is imported when the command runs
(see ``COMMAND_MODULES`` in :mod:`lawdiff.cli.group`)."""

from __future__ import annotations

import sys

from lawdiff.cli.group import cli, run


def main() -> None:
    sys.exit(run())


__all__ = ["cli", "main"]
