"""Helpers the command modules share: date arguments, the corpus, human output."""

from __future__ import annotations

import datetime as dt
import re
import sys

import click
from rich.console import Console

from lawdiff.corpus import Corpus
from lawdiff.cli.group import corpus_dir


class DateType(click.ParamType):
    """A date as YYYY-MM-DD or DD.MM.YYYY."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        try:
            if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
                d, m, y = text.split(".")
                return dt.date(int(y), int(m), int(d))
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(f"{value!r} is not a date (use YYYY-MM-DD or DD.MM.YYYY)", param, ctx)


DATE = DateType()


def get_corpus(ctx: click.Context) -> Corpus:
    return Corpus(corpus_dir(ctx))


def console() -> Console:
    """Colour when a terminal is attached, plain text otherwise (pipes, tests)."""
    return Console(highlight=False, soft_wrap=False, force_terminal=None if sys.stdout.isatty() else False,
                   width=None if sys.stdout.isatty() else 160)


STATE_STYLE = {
    "in-force": "green", "in-force-unconfirmed": "yellow", "uncertain": "magenta",
    "not-yet-in-force": "cyan", "repealed": "red", "expired": "red", "not-in-corpus": "dim",
}
