"""Helpers the command modules share: date arguments, the corpus, human output."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawdiff import LawdiffError
from lawdiff.corpus import Corpus
from lawdiff.dates import ACCEPTED_FORMS, parse_user_date
from lawdiff.cli.group import corpus_dir

if TYPE_CHECKING:
    from rich.console import Console

    from lawdiff.results import Blame, History
    from lawdiff.time import Bound


class DateType(click.ParamType):
    """A date in one of :data:`lawdiff.dates.ACCEPTED_FORMS` (ISO, DD.MM.YYYY, month names in
    Kazakh, Russian or English); anything else, a two-digit year too, is refused with the forms."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return parse_user_date(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def describe_date_parameters(group: click.Group) -> None:
    """Add the accepted date forms to the help of every DATE option, and to the help of every
    command taking a DATE argument, so that ``--help`` says how to write a date."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            describe_date_parameters(command)
            continue
        for param in command.params:
            if not isinstance(param.type, DateType):
                continue
            if isinstance(param, click.Option):
                param.help = f"{param.help or ''} DATE: {ACCEPTED_FORMS}.".strip()
            elif command.help and ACCEPTED_FORMS not in command.help:
                command.help = f"{command.help}\n\nDATE: {ACCEPTED_FORMS}."


DATE = DateType()


_AS_KNOWN_ON = "lawdiff.as_known_on"


def _remember_as_known_on(ctx: click.Context, param, value):
    if value is not None:
        ctx.meta[_AS_KNOWN_ON] = value
    return value


#: ``--as-known-on DATE`` for query commands: :func:`get_corpus` then reads the corpus as
#: committed on DATE (what was known then) instead of the working tree.
as_known_on_option = click.option(
    "--as-known-on", type=DateType(), metavar="DATE", expose_value=False, callback=_remember_as_known_on,
    help="Answer from the corpus as committed on DATE (what was known then).")


def get_corpus(ctx: click.Context) -> Corpus:
    """The corpus to answer from: the directory, or its last commit on the --as-known-on date."""
    when = ctx.meta.get(_AS_KNOWN_ON)
    if when is None:
        corpus = Corpus(corpus_dir(ctx))
        corpus.recover()
        return corpus
    from lawdiff.snapshot import corpus_as_known_on

    corpus = corpus_as_known_on(corpus_dir(ctx), when)
    info = corpus.known_as_of
    click.echo(f"lawdiff: as known on {info['date']}: commit {info['commit'][:12]} of {info['committed']}", err=True)
    return corpus


def output_file(path: Path, option: str) -> Path:
    """``path`` for writing a file the user asked for (``--html``, ``-o``), checked before any
    work: its folder must exist (a mistyped folder is refused, not created) and it must not be
    a folder itself."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise LawdiffError(f"{option} {path}: folder {folder} does not exist (create it first)")
    if path.is_dir():
        raise LawdiffError(f"{option} {path}: is a folder, give a file name")
    return path


def write_output(path: Path, data: bytes, option: str) -> None:
    """Write a file the user asked for (already checked by :func:`output_file`) atomically; an
    operating-system failure is one line naming the file."""
    from lawdiff.corpus import atomic_write

    try:
        atomic_write(path, data)
    except OSError as exc:
        raise LawdiffError(f"{option} {path}: cannot write: {exc.strerror}") from None


def shorten(text: str | None, width: int) -> str:
    """``text`` on one line in at most ``width`` characters: cut at the last word boundary that
    fits and marked with "…", so a title never ends mid-word ("...арнаулы әле")."""
    one = " ".join((text or "").replace("\n", " ⏎ ").split())
    if len(one) <= width:
        return one
    cut = one[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:       # a very long word is cut inside rather than dropped whole
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—«\"(") + "…"


def escape(text: str) -> str:
    """``text`` with rich's markup escaped, for a line printed through :func:`console`; rich is
    imported only when human output is printed (``--json`` and plain lines never load it)."""
    from rich.markup import escape as escape_markup

    return escape_markup(text)


def console() -> Console:
    """Colour when a terminal is attached, plain text otherwise (pipes, tests)."""
    from rich.console import Console   # only for human output: --json never loads it

    return Console(highlight=False, soft_wrap=False, force_terminal=None if sys.stdout.isatty() else False,
                   width=None if sys.stdout.isatty() else 160)


@contextlib.contextmanager
def progress_bar(label: str, enabled: bool = True) -> Iterator[Callable[[int, int, str], None] | None]:
    """A progress bar on stderr while a long command runs (``import DIR``, ``apply --pending``),
    only when stderr is a terminal: never in pipes, logs or ``--json`` runs (``enabled``
    False). Yields the callback ``(done, total, name)`` the library calls, or None."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)

        def tell(done: int, total: int, name: str) -> None:
            bar.update(task, total=total, completed=done, description=escape(name))

        yield tell


STATE_STYLE = {
    "in-force": "green", "in-force-unconfirmed": "yellow", "uncertain": "magenta",
    "not-yet-in-force": "cyan", "repealed": "red", "cancelled": "red", "expired": "red", "not-in-corpus": "dim",
}


def bound_text(bound: Bound | None, open_end: str = "open") -> str:
    """A bound for people: its date, or "undetermined, not before …" (``open_end`` for None)."""
    if bound is None:
        return open_end
    if bound.date is not None:
        return bound.date.isoformat()
    return f"undetermined, not before {bound.earliest.isoformat()}" if bound.earliest else "undetermined"


def state_label(state: str | None) -> str:
    """A status as coloured words ("in force (unconfirmed)")."""
    from lawdiff.time import STATE_LABELS

    if not state:
        return ""
    return f"[{STATE_STYLE.get(state, 'white')}]{STATE_LABELS.get(state, state)}[/]"


def print_work_header(out: Console, result: History | Blame) -> None:
    """The lines that open every per-work answer: id and title, status on the date, coverage."""
    from lawdiff.results import Blame

    out.print(f"[bold]{escape(result.work)}[/] — {escape(result.title)}")
    if isinstance(result, Blame):
        out.print(f"on {result.at.isoformat()}: {state_label(result.status.state)} — {escape(result.status.reason)}")
    if not result.complete:
        out.print(f"[dim]partial text: {escape(result.coverage or '')}[/]")
