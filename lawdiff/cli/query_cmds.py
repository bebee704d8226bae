"""Point-in-time queries: tariff, show, at, timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from rich.markup import escape

from lawdiff import LawdiffError, api
from lawdiff.cli.common import DATE, as_known_on_option, bound_text, console, get_corpus, output_file, shorten, state_label, write_output
from lawdiff.cli.group import cli, emit_json
from lawdiff.render.labels import LANGS, check_lang
from lawdiff.results import TariffRow, TariffRowAt



@cli.command("tariff")
@click.option("--work", metavar="WORK", help="All rows of one work, as printed.")
@click.option("--at", "when", type=DATE, help="The date the tariffs must be in force on.")
@click.option("--place", metavar="PLACE", help="Орал, Орал қаласы, Oral, Uralsk, Бәйтерек...")
@click.option("--setting", type=click.Choice(api.SETTINGS), help="Where the service is given.")
@click.option("--service", metavar="TEXT", help="Words of the service (case-insensitive).")
@click.option("--position", metavar="TEXT", help="Words of the position (case-insensitive).")
@click.option("--json", "as_json", is_flag=True, help="One object per row.")
@as_known_on_option
@click.pass_context
def tariff_cmd(ctx, work, when, place, setting, service, position, as_json):
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
        _print_tariff_tables(rows, when)
    for reason in reasons:     # messages about the answer: stderr, in both forms (docs/json.md)
        click.echo(f"{'note' if rows else 'no rows'}: {reason}", err=True)


def _print_tariff_tables(rows: list[TariffRow] | list[TariffRowAt], when: dt.date | None) -> None:
    """One table per work, as the act prints it: its category headings between the rows."""
    from rich.table import Table

    out = console()
    if not rows:
        out.print("No tariff rows.")
        return
    records = [r.record if isinstance(r, TariffRowAt) else r for r in rows]
    for wid in dict.fromkeys(r.work for r in records):
        mine = [r for r in records if r.work == wid]
        head = mine[0]
        unit = "per service" if head.unit == "per-service" else "per recipient per day"
        out.print(f"[bold]{wid}[/] — {head.setting or ''}, KZT {unit}")
        status = next((r.status for r in rows if isinstance(r, TariffRowAt) and r.record.work == wid), None)
        if when and status is not None:
            out.print(f"{state_label(status.state)} on {when.isoformat()}: {escape(status.reason)}")
        table = Table(box=None, pad_edge=False, expand=True)
        table.add_column("№", justify="right", no_wrap=True)
        table.add_column("service", ratio=3)
        table.add_column("position", ratio=1)
        table.add_column("price", justify="right", no_wrap=True)
        category = None
        for r in mine:
            if r.category and r.category != category:
                category = r.category
                table.add_row("", f"[bold]{escape(category)}[/]", "", "")
            table.add_row(str(r.row), escape(r.service), escape(r.position), f"{r.price:f}")
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
@click.option("--json", "as_json", is_flag=True)
@as_known_on_option
@click.pass_context
def timeline_cmd(ctx, work, as_json):
    """WORK's events, the dates computed from them, and where each came from."""
    corpus = get_corpus(ctx)
    t = api.timeline(corpus, api.resolve(corpus, work))
    if as_json:
        emit_json(t)
        return
    out = console()
    out.print(f"[bold]{t.work}[/] — {escape(t.title)}")
    for e in t.events:
        what = e.date.isoformat() if e.date else (f"rule {e.rule}" if e.rule else "date not stated")
        extra = f" by {e.by}" if e.by else ""
        target = f" ({e.target})" if e.target else ""
        out.print(f"  {e.kind:<18} {what:<22}{extra}{escape(target)}  [dim]{escape('[' + e.origin + '] ' + shorten(e.source, 100))}[/]")
    eif = t.interval.start
    out.print(f"entry into force: {bound_text(eif)} — {escape(eif.reason)}")
    end = t.interval.end
    if end is not None:
        out.print(f"{t.interval.end_state}: {bound_text(end)} — {escape(end.reason)}")
    for c in t.changes:
        out.print(f"  {c.eid}: new wording by {c.by} from {bound_text(c.start)}")


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
