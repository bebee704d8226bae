"""The root click group and the options every command shares."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from lawdiff import LawdiffError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path),
              envvar="LAWDIFF_CORPUS", default="corpus", show_default=True,
              help="Corpus directory (or set LAWDIFF_CORPUS).")
@click.pass_context
def cli(ctx: click.Context, corpus_dir: Path) -> None:
    """lawdiff: Kazakh normative acts as versioned XML — what was in force on a date."""
    ctx.obj = {"corpus": corpus_dir}


def corpus_dir(ctx: click.Context) -> Path:
    """The corpus directory chosen with --corpus / LAWDIFF_CORPUS."""
    return ctx.find_root().obj["corpus"]


def emit_json(data) -> None:
    """Write JSON for scripts: UTF-8, stable key order as built, one document."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def fail(message: str) -> None:
    """Raise the one-line user error the entry point prints."""
    raise LawdiffError(message)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors become one line on stderr and exit code 1, never a traceback."""
    try:
        code = cli.main(args=argv, standalone_mode=False, prog_name="lawdiff")
        if isinstance(code, int):
            return code
    except LawdiffError as exc:
        click.echo(f"lawdiff: error: {exc}", err=True)
        return 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo("lawdiff: aborted", err=True)
        return 1
    except click.ClickException as exc:
        click.echo(f"lawdiff: error: {exc.format_message()}", err=True)
        return 1 if exc.exit_code != 0 else 0
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        click.echo("lawdiff: interrupted", err=True)
        return 130
    except Exception as exc:  # a bug, not bad input: still one line unless asked for more
        if os.environ.get("LAWDIFF_DEBUG"):
            raise
        click.echo(f"lawdiff: internal error: {type(exc).__name__}: {exc} (LAWDIFF_DEBUG=1 shows the traceback)", err=True)
        return 2
    return 0
