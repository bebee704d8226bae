"""Point-in-time queries: tariff, show, at, timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from lawdiff import LawdiffError, api
from lawdiff.cli.common import DATE, as_known_on_option, console, escape, get_corpus, output_file, shorten, state_label, write_output
from lawdiff.cli.group import cli, emit_json
from lawdiff.render.labels import LABELS, LANGS, check_lang, coded, label, unit_label
from lawdiff.render.labels import state_label as state_words
from lawdiff.results import to_json



@cli.command("tariff")
@click.option("--work", metavar="WORK", help="All rows of one work, as printed.")
@click.option("--at", "when", type=DATE, help="The date the tariffs must be in force on.")
@click.option("--place", metavar="PLACE", help="Орал, Орал қаласы, Oral, Uralsk, Бәйтерек...")
@click.option("--setting", type=click.Choice(api.SETTINGS), help="Where the service is given.")
@click.option("--service", metavar="TEXT", help="Words of the service (case-insensitive).")
@click.option("--position", metavar="TEXT", help="Words of the position (case-insensitive).")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the interface words (default: the act's).")
@click.option("--json", "as_json", is_flag=True, help="One object per row.")
@as_known_on_option
@click.pass_context
def tariff_cmd(ctx, work, when, place, setting, service, position, lang, as_json):
    """Tariff rows: of one work (--work), or in force at a date in a place (--at --place)."""
    corpus = get_corpus(ctx)
    if work:
        if when or place:
            raise LawdiffError("use either --work, or --at with --place")
        rows, reasons = api.tariff_rows(corpus, api.resolve(corpus, work), service, position), []
    elif when and place:
        rows, reasons = api.tariffs_at(corpus, when, place, setting, service, position)
    else:
        raise LawdiffError("give --work WORK, or --at DATE and --place PLACE")
    if as_json:
        emit_json(rows)
    else:
        data = to_json(rows)     # printed from the same records --json gives
        acts = {wid: corpus.load(wid) for wid in dict.fromkeys(r["work"] for r in data)}
        first = next(iter(acts.values()), None)
        lang = check_lang(lang, first.root.get("lang") or "kk" if first is not None else "kk")
        _print_tariff_tables(data, when, lang, acts)
    for reason in reasons:     # messages about the answer: stderr, in both forms (docs/json.md)
        click.echo(f"{'note' if rows else 'no rows'}: {reason}", err=True)


def _tariff_status(head: dict, when: dt.date, lang: str, act) -> str:
    """The status of a tariff's act on the date: in English with the full reasoning; in Kazakh
    and Russian as the status sentence, or the condition an undetermined date puts on it."""
    if lang == "en":
        return f"{state_words(lang, head['status'])} on {when.isoformat()}: {head['reason']}"
    from lawdiff.render.document_text import condition_text
    from lawdiff.review.document import work_condition

    cond = work_condition(act, when)
    key = head["status"] if head["status"] in LABELS[lang] else None
    return condition_text(cond, when, lang) if cond else label(lang, key, date=when) if key else \
        label(lang, "tariff-status", date=when, state=state_words(lang, head["status"]))


def _print_tariff_tables(rows: list[dict], when: dt.date | None, lang: str, acts: dict) -> None:
    """One table per work, as the act prints it: its category headings between the rows."""
    from rich.table import Table

    out = console()
    if not rows:
        out.print(label(lang, "no-tariff-rows"))
        return
    for wid in dict.fromkeys(r["work"] for r in rows):
        mine = [r for r in rows if r["work"] == wid]
        head = mine[0]
        out.print(f"[bold]{wid}[/] — " + escape(label(lang, "tariff-head", work="", setting=coded(lang, "setting", head["setting"]),
                                                      unit=unit_label(lang, head["unit"]))[3:]))
        if when:
            out.print(escape(_tariff_status(head, when, lang, acts[wid])))
        table = Table(box=None, pad_edge=False, expand=True)
        table.add_column(label(lang, "num"), justify="right", no_wrap=True)
        table.add_column(label(lang, "service"), ratio=3)
        table.add_column(label(lang, "position"), ratio=1)
        table.add_column(label(lang, "price"), justify="right", no_wrap=True)
        category = None
        for r in mine:
            if r.get("category") and r["category"] != category:
                category = r["category"]
                table.add_row("", f"[bold]{escape(category)}[/]", "", "")
            table.add_row(str(r["row"]), escape(r["service"]), escape(r["position"]), r["price"])
        out.print(table)


@cli.command("show")
@click.argument("work")
@click.option("--at", "when", type=DATE, help="Date (default today).")
@click.option("--provision", metavar="CITATION",
              help='One provision and what it holds: "3-тармақ", "1-қосымша 2-тармақ 3) тармақша", '
                   '"пункт 3 Правил", "кіріспе", or an eId.')
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html"]), default="text", show_default=True,
              help="The act as a document: terminal text, Markdown, or one printable HTML page.")
@click.option("--html", "as_html", is_flag=True, help="Same as --format html.")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the interface words (default: the act's).")
@click.option("--ids", is_flag=True, help="Print the internal eIds beside the units.")
@click.option("--json", "as_json", is_flag=True, help="The provisions in force as data (the API's show).")
@as_known_on_option
@click.pass_context
def show_cmd(ctx, work, when, provision, fmt, as_html, lang, ids, as_json):
    """WORK as in force on a date, as published: numbering, headings, appendices, signature."""
    corpus = get_corpus(ctx)
    when = when or dt.date.today()
    if as_json:
        emit_json(api.show(corpus, api.resolve(corpus, work), when, provision))
        return
    # imported here: the document reader and renderers are not needed for --json
    from lawdiff.render.document_html import render_document_html
    from lawdiff.render.document_text import render_document_md, render_document_text
    from lawdiff.review.document import read_document

    doc = read_document(corpus, api.resolve(corpus, work), when, provision)
    lang = check_lang(lang, doc.lang)
    if as_html or fmt == "html":
        click.echo(render_document_html(doc, lang, ids), nl=False)
    elif fmt == "md":
        click.echo(render_document_md(doc, lang, ids), nl=False)
    else:
        click.echo(render_document_text(doc, lang, ids), nl=False)


@cli.command("at")
@click.argument("date", type=DATE)
@click.option("--json", "as_json", is_flag=True)
@as_known_on_option
@click.pass_context
def at_cmd(ctx, date: dt.date, as_json):
    """The works in force on DATE, with their status."""
    works = api.works_at(get_corpus(ctx), date)
    if as_json:
        emit_json(works)
        return
    from rich.table import Table

    table = Table("work", "status", "title", "why", box=None)
    for w in works:
        table.add_row(w.summary.work, state_label(w.status.state), escape(shorten(w.summary.title, 60)),
                      escape(shorten(w.status.reason, 110)))
    console().print(table)


@cli.command("timeline")
@click.argument("work")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the interface words (default: the act's).")
@click.option("--json", "as_json", is_flag=True)
@as_known_on_option
@click.pass_context
def timeline_cmd(ctx, work, lang, as_json):
    """WORK's events, the dates computed from them, and where each came from."""
    corpus = get_corpus(ctx)
    wid = api.resolve(corpus, work)
    t = api.timeline(corpus, wid)
    if as_json:
        emit_json(t)
        return
    from lawdiff.render.timeline_text import timeline_lines

    out = console()
    lines = timeline_lines(t.to_json(), check_lang(lang, corpus.load(wid).root.get("lang") or "kk"))
    out.print(f"[bold]{escape(lines[0][0])}[/]")
    for text, tail in lines[1:]:
        out.print(escape(text) + (f"  [dim]{escape(tail)}[/]" if tail and text.startswith("  ") else
                                  f" — {escape(tail)}" if tail else ""))


@cli.command("export")
@click.argument("work")
@click.option("--at", "when", type=DATE, required=True, help="The date of the expression.")
@click.option("--format", "fmt", type=click.Choice(["akn"]), default="akn", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file instead of stdout.")
@click.pass_context
def export_cmd(ctx, work, when, fmt, output):
    """WORK as in force on a date, as Akoma Ntoso XML with FRBR identifiers."""
    corpus = get_corpus(ctx)
    if output:
        output_file(Path(output), "--output")
    data = api.export_akn(corpus, api.resolve(corpus, work), when)
    if output:
        write_output(Path(output), data, "--output")
    else:
        click.echo(data.decode("utf-8"), nl=False)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (local by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def serve_cmd(ctx, host, port):
    """A local, read-only web reader of the corpus (needs the [serve] extra)."""
    from lawdiff.cli.group import corpus_dir
    from lawdiff.serve import serve

    serve(corpus_dir(ctx), host=host, port=port)
