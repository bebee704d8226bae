"""``lawdiff verify``: does the corpus say what the official consolidated text says?"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lawdiff import LawdiffError, api
from lawdiff.cli.common import DATE, console, get_corpus, output_file, write_output
from lawdiff.cli.group import cli, emit_json
from lawdiff.verify import verify
from lawdiff.verify.report import render_verification_html, render_verification_text


@cli.command("verify")
@click.argument("work")
@click.argument("official", metavar="OFFICIAL-TEXT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--at", "when", type=DATE, help="The date compared (default: the date the text states, else today).")
@click.option("--excerpt", is_flag=True, help="The official text is an excerpt with SOURCE: lines and an "
                                              "'excerpt ends here' mark: what it does not hold is not compared.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write a printable report as one self-contained HTML page.")
@click.option("--json", "as_json", is_flag=True, help="The result as JSON (see docs/json.md).")
@click.pass_context
def verify_cmd(ctx, work, official: Path, when, excerpt, html_file, as_json):
    """Compare WORK with its official consolidated text OFFICIAL-TEXT, provision by provision
    and note by note. Exit code 0 when everything both hold agrees, 1 otherwise."""
    corpus = get_corpus(ctx)
    if html_file:
        output_file(html_file, "--html")
    try:
        data = official.read_bytes()
    except OSError as exc:
        raise LawdiffError(f"{official}: cannot read: {exc.strerror}") from None
    result = verify(corpus, api.resolve(corpus, work), data, official.name, at=when, excerpt=excerpt)
    if html_file:
        write_output(html_file, render_verification_html(result).encode("utf-8"), "--html")
    if as_json:
        emit_json(result)
    else:
        out = console()
        colour = out.is_terminal and out.color_system is not None
        click.echo(render_verification_text(result, colour), nl=False)
        if html_file:
            click.echo(f"wrote {html_file}")
    if not result.agrees:
        sys.exit(1)
