"""Each warning of the library as one ``lawdiff: warning:`` line on stderr. Installed on the
``lawdiff`` logger before its first warning (:mod:`lawdiff.warn`), so a command that warns about
nothing does not import logging."""

from __future__ import annotations

import logging

import click


class WarningLine(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"lawdiff: warning: {' '.join(record.getMessage().split())}", err=True)


def install(logger: logging.Logger) -> None:
    """The warning line on ``logger``, once; its records go nowhere else."""
    if not any(isinstance(h, WarningLine) for h in logger.handlers):
        logger.addHandler(WarningLine(logging.WARNING))
        logger.propagate = False
