"""The root click group and the options every command shares."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import click

from lawdiff import EXIT_BAD_INPUT, EXIT_CORPUS_STATE, EXIT_INTERNAL, EXIT_USAGE, CorpusStateError, LawdiffError
from lawdiff.warn import log


#: Which module defines each command. A command's module is imported only when that command
#: runs (or for --help), so a query does not pay for importing the grammar, the importer, git
#: or the renderers of the other commands. tests/test_cli_lazy.py checks this map is complete.
COMMAND_MODULES = {
    "amendments": "amend_cmds", "apply": "amend_cmds", "pending": "amend_cmds",
    "import": "corpus_cmds", "build": "corpus_cmds", "validate": "corpus_cmds", "ls": "corpus_cmds",
    "event": "corpus_cmds",
    "index": "index_cmds",
    "tariff": "query_cmds", "show": "query_cmds", "at": "query_cmds", "timeline": "query_cmds",
    "export": "query_cmds", "serve": "query_cmds",
    "diff": "review_cmds", "log": "review_cmds", "blame": "review_cmds", "textconv": "review_cmds",
    "init": "review_cmds",
    "verify": "verify_cmds",
}


class LazyGroup(click.Group):
    """A group whose commands register themselves when their module is first imported."""

    _described: set[str] = set()

    def get_command(self, ctx, cmd_name):
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            import importlib

            importlib.import_module(f"lawdiff.cli.{COMMAND_MODULES[cmd_name]}")
        command = self.commands.get(cmd_name)
        if command is not None and cmd_name not in self._described:
            from lawdiff.cli.common import describe_date_parameters

            describe_date_parameters(click.Group(commands={cmd_name: command}))
            self._described.add(cmd_name)
        return command

    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(COMMAND_MODULES))


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """``--version``: the version is read only when asked for (see lawdiff.__getattr__)."""
    if value and not ctx.resilient_parsing:
        from lawdiff import __version__

        click.echo(f"lawdiff {__version__}")
        ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, is_eager=True, expose_value=False, callback=_print_version,
              help="Show the version and exit.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Corpus directory. Default: $LAWDIFF_CORPUS, else the nearest corpus/ folder "
                   "in the current directory or above it.")
@click.pass_context
def cli(ctx: click.Context, corpus_dir: Path | None) -> None:
    """lawdiff: Kazakh normative acts as versioned XML — what was in force on a date."""
    ctx.obj = {"corpus": corpus_dir}


def corpus_dir(ctx: click.Context) -> Path:
    """The corpus directory, absolute: --corpus, else LAWDIFF_CORPUS, else found upward."""
    return find_corpus(ctx.find_root().obj["corpus"], os.environ.get("LAWDIFF_CORPUS"), Path.cwd())


def find_corpus(option: Path | None, env: str | None, cwd: Path) -> Path:
    """Find the corpus the way git finds its repository, so every command works from any folder.

    An explicit ``--corpus`` or ``LAWDIFF_CORPUS`` is taken as given (made absolute against
    ``cwd``; it may not exist yet, e.g. for ``init`` or a first ``import``). Otherwise the nearest
    ``corpus/`` folder in ``cwd`` or one of its parents is the corpus. When there is none, the
    error names every place that was tried."""
    if option is not None:
        return _absolute(Path(option), cwd)
    if env:
        return _absolute(Path(env), cwd)
    for folder in (cwd, *cwd.parents):
        candidate = folder / "corpus"
        if candidate.is_dir():
            return candidate
    raise CorpusStateError(f"no corpus found: no --corpus option, LAWDIFF_CORPUS is not set, and there is no "
                       f"corpus/ folder in {cwd} or any folder above it")


def _absolute(path: Path, cwd: Path) -> Path:
    """``path`` made absolute against ``cwd`` without resolving symlinks the user named."""
    return path if path.is_absolute() else Path(os.path.normpath(cwd / path))


def emit_json(data: object) -> None:
    """Write an API result (or a list of them) as JSON for scripts: UTF-8, one document, the
    shapes of :mod:`lawdiff.results` (docs/json.md)."""
    from lawdiff.results import to_json

    click.echo(json.dumps(to_json(data), ensure_ascii=False, indent=2))


def fail(message: str) -> None:
    """Raise the one-line user error the entry point prints."""
    raise LawdiffError(message)


def _warning_line(logger) -> None:
    """Warnings of the library as one ``lawdiff: warning:`` line each on stderr."""
    from lawdiff.cli.warning_line import install

    install(logger)


#: What the operating system said, in words a user can act on (errno -> message).
_OS_ERRORS = {
    errno.ENOSPC: "no space left on the device", errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied", errno.EPERM: "operation not permitted",
    errno.ENAMETOOLONG: "file name too long", errno.EDQUOT: "disk quota exceeded",
}


#: The place written to cannot take it (read-only, full, over quota): the corpus state, exit 3.
#: A name too long or a permission refused may be the user's own input file: exit 1.
_PLACE_ERRORS = (errno.EROFS, errno.ENOSPC, errno.EDQUOT)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI; errors become one line on stderr, never a traceback, with the exit code of
    their kind: 1 bad input, 2 usage (click's convention), 3 corpus state, 4 conflict,
    70 internal error, 130 interrupted (docs/json.md, "Exit codes")."""
    log.on_first_use(_warning_line)
    try:
        code = cli.main(args=argv, standalone_mode=False, prog_name="lawdiff")
        if isinstance(code, int):
            return code
    except LawdiffError as exc:
        click.echo(f"lawdiff: error: {exc}", err=True)
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_BAD_INPUT
    except OSError as exc:
        if exc.errno not in _OS_ERRORS:
            raise_or_report(exc)
            return EXIT_INTERNAL
        name = exc.filename2 or exc.filename      # a rename names its destination second
        where = f"{name}: " if name else ""
        click.echo(f"lawdiff: error: {where}{_OS_ERRORS[exc.errno]}", err=True)
        return EXIT_CORPUS_STATE if exc.errno in _PLACE_ERRORS else EXIT_BAD_INPUT
    except MemoryError:
        click.echo("lawdiff: error: out of memory (is an input far larger than an act?)", err=True)
        return EXIT_BAD_INPUT
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo("lawdiff: aborted", err=True)
        return EXIT_BAD_INPUT
    except click.UsageError as exc:
        hint = f" (lawdiff {exc.ctx.command_path.partition(' ')[2]} --help)".replace("  ", " ") if exc.ctx else ""
        click.echo(f"lawdiff: error: {exc.format_message()}{hint}", err=True)
        return EXIT_USAGE
    except click.ClickException as exc:
        click.echo(f"lawdiff: error: {exc.format_message()}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("lawdiff: interrupted", err=True)
        return 130
    except Exception as exc:  # a bug, not bad input: still one line unless asked for more
        raise_or_report(exc)
        return EXIT_INTERNAL
    return 0


def raise_or_report(exc: Exception) -> None:
    """An internal error: one line, or the traceback with LAWDIFF_DEBUG=1."""
    if os.environ.get("LAWDIFF_DEBUG"):
        raise exc
    click.echo(f"lawdiff: internal error: {type(exc).__name__}: {exc} (LAWDIFF_DEBUG=1 shows the traceback)", err=True)
