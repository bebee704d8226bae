"""Review commands: diff, log, blame (redlines and history), textconv and init (git)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from lawdiff import LawdiffError, api
from lawdiff import review as R
from lawdiff.render.review_html import render_review_html
from lawdiff.render.review_text import redline_body, render_review_text, summary_line
from lawdiff.render.textconv import textconv
from lawdiff.repo_init import init_corpus
from lawdiff.results import HistoryVersion
from lawdiff.render.labels import LANGS, check_lang
from lawdiff.cli.common import (DATE, as_known_on_option, bound_text, console, escape, get_corpus, output_file, print_work_header,
                                state_label, write_output)
from lawdiff.cli.group import cli, emit_json



def _colour() -> bool:
    out = console()
    return out.is_terminal and out.color_system is not None


@cli.command("diff")
@click.argument("works", nargs=-1, required=True, metavar="WORK [WORK_B]")
@click.option("--from", "d1", type=DATE, help="One work: the earlier date.")
@click.option("--to", "d2", type=DATE, help="One work: the later date (default today).")
@click.option("--at", "when", type=DATE, help="Two works: compare the texts in force on DATE (default: their latest wording).")
@click.option("--provision", metavar="EID", help="Only this provision and what it contains.")
@click.option("--ignore-quotes", is_flag=True, help="Treat «» “” and \" as the same mark.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Also write the redline as one self-contained HTML page.")
@click.option("--json", "as_json", is_flag=True, help="Structured change data.")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the interface words (default: the act's).")
@click.option("--full", is_flag=True, help="One work: list every provision even when the act itself ended "
                                           "(was repealed, cancelled or expired) between the dates.")
@as_known_on_option
@click.pass_context
def diff_cmd(ctx, works, d1, d2, when, provision, ignore_quotes, html_file, as_json, lang, full):
    """Word-level redline of WORK between two dates (--from, --to), or from WORK to WORK_B."""
    corpus = get_corpus(ctx)
    if html_file:
        output_file(html_file, "--html")
    if len(works) > 2:
        raise LawdiffError("give one work with --from/--to, or two works")
    if len(works) == 1:
        if d1 is None:
            raise LawdiffError("give --from DATE (and --to DATE, default today), or a second work to compare with")
        if when:
            raise LawdiffError("--at compares two works; for one work use --from and --to")
        result = R.diff_dates(corpus, api.resolve(corpus, works[0]), d1, d2 or dt.date.today(),
                              provision=provision, ignore_quotes=ignore_quotes, full=full)
    else:
        if d1 or d2:
            raise LawdiffError("--from/--to compare one work on two dates; for two works use --at")
        result = R.diff_works(corpus, api.resolve(corpus, works[0]), api.resolve(corpus, works[1]), at=when,
                              provision=provision, ignore_quotes=ignore_quotes)
    lang = check_lang(lang, result.new.lang)
    if html_file:
        write_output(html_file, render_review_html(result, lang).encode("utf-8"), "--html")
    if as_json:
        emit_json(result)
    elif html_file:
        click.echo(f"wrote {html_file}: {summary_line(result, lang)}")
    else:
        click.echo(render_review_text(result, _colour(), lang), nl=False)


@cli.command("log")
@click.argument("work")
@click.option("--provision", metavar="EID", help="One provision (and what it contains).")
@click.option("--all", "every", is_flag=True, help="Every provision, not only those with a history.")
@click.option("--json", "as_json", is_flag=True)
@as_known_on_option
@click.pass_context
def log_cmd(ctx, work, provision, every, as_json):
    """Every version of WORK's provisions: interval, the act that made it, and the redline."""
    corpus = get_corpus(ctx)
    result = R.history(corpus, api.resolve(corpus, work), provision, every=every)
    if as_json:
        emit_json(result)
        return
    out = console()
    print_work_header(out, result)
    if not result.provisions:
        out.print("No provision has more than one version (--all lists every provision).")
    for p in result.provisions:
        out.print(f"\n[bold]{escape(p.label)}[/] [cyan]\\[{escape(p.eid)}][/]")
        for v in p.versions:
            _print_version(out, v, result.work)


def _print_version(out, v: HistoryVersion, work: str) -> None:
    """One version of a provision in ``log``: who gave it, its bounds, its text or redline."""
    who = f"by {v.by}" if v.by else f"original wording of {work}"
    if v.absent:
        who += " (not in the corpus)"
    out.print(f"  {v.n}. {escape(who)}")
    out.print(f"     from  {escape(bound_text(v.start))} — [dim]{escape(v.start.reason)}[/]")
    why = f" ({v.ends_by})" if v.end and v.ends_by else ""
    if v.ended_by:
        why = f" (replaced: {v.ended_by})"
    reason = f" — [dim]{escape(v.end.reason)}[/]" if v.end else ""
    out.print(f"     until {escape(bound_text(v.end, 'open'))}{why}{reason}")
    change = v.redline
    if change is None:
        text = v.text if v.text is not None else "<wording not in the corpus>"
        price = f" | {v.price:f}" if v.price is not None else ""
        out.print(f"     {escape(text)}{price}", soft_wrap=True)
    elif change.kind == R.NOT_IN_CORPUS:
        out.print("     (the wording before is not in the corpus)")
        out.print(f"     {escape(v.text or '<wording not in the corpus>')}", soft_wrap=True)
    elif change.kind == R.UNCHANGED:
        out.print("     (same wording as before)")
    else:
        click.echo("\n".join("   " + line for line in redline_body(change, _colour())))


@cli.command("blame")
@click.argument("work")
@click.option("--at", "when", type=DATE, help="Date (default today).")
@click.option("--provision", metavar="EID", help="One provision (and what it contains).")
@click.option("--json", "as_json", is_flag=True)
@as_known_on_option
@click.pass_context
def blame_cmd(ctx, work, when, provision, as_json):
    """Each provision of WORK in force at a date, with the act and date of its current wording."""
    corpus = get_corpus(ctx)
    result = R.blame(corpus, api.resolve(corpus, work), when, provision)
    if as_json:
        emit_json(result)
        return
    out = console()
    print_work_header(out, result)
    for p in result.provisions:
        state = "" if p.status.state == result.status.state else f"  ({state_label(p.status.state)})"
        out.print(f"[cyan]{escape(p.eid)}[/]  {escape(p.act)}  since {escape(bound_text(p.start))}{state}")
        text = p.text if p.text is not None else "<wording not in the corpus>"
        price = f" | {p.price:f}" if p.price is not None else ""
        out.print(f"    {escape(text)}{price}", soft_wrap=True)
    if any(p.status.state == "uncertain" for p in result.provisions):
        out.print("[magenta]uncertain[/]: two wordings compete where the date of a change is undetermined; both are listed.")


@cli.command("textconv")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def textconv_cmd(file: Path):
    """Print a work file as readable text, one provision per line (git's diff driver)."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise LawdiffError(f"{file}: cannot read: {exc.strerror}") from None
    stream = click.get_binary_stream("stdout")
    stream.write(textconv(data, str(file)).encode("utf-8"))
    stream.flush()


@cli.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def init_cmd(directory: Path, as_json):
    """Create a corpus repository in DIRECTORY whose git diff reads provision by provision."""
    result = init_corpus(directory)
    if as_json:
        emit_json(result)
        return
    what = "created" if result["created"] else "configured"
    done = f"; committed {result['commit'][:10]}" if result["commit"] else ""
    click.echo(f"{what} lawdiff corpus repository {result['repository']} "
               f"(.gitattributes: {result['gitattributes']}; diff.lawdiff.textconv = {result['textconv']}){done}")

