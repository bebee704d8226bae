"""Commands that write or check the corpus: import, build, validate, event add, ls."""

from __future__ import annotations

from pathlib import Path

import click
from rich.markup import escape

from lawdiff import LawdiffError, api
from lawdiff.cli.common import DATE, console, get_corpus, shorten
from lawdiff.cli.group import cli, emit_json


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--partial", "coverage", metavar="TEXT", help="The text is incomplete: say what is missing.")
@click.option("--excerpt", is_flag=True, help="The file is an excerpt with SOURCE: lines and an 'excerpt ends here' mark.")
@click.option("--alias", multiple=True, metavar="SCHEME=ID", help="Another identifier, e.g. adilet=V1800017467.")
@click.option("--dry-run", is_flag=True, help="Parse and validate, write nothing.")
@click.option("--no-commit", is_flag=True, help="Write the file but do not commit it.")
@click.pass_context
def import_cmd(ctx, file: Path, coverage, excerpt, alias, dry_run, no_commit):
    """Import the plain text of one act FILE into the corpus as one work (an adilet export, or
    text copied from the act's web page)."""
    from lawdiff import writes
    from lawdiff.ingest.importer import ImportOptions
    from lawdiff.model.xmlio import read_regular

    corpus = get_corpus(ctx)
    data = read_regular(file, follow=True)
    aliases = {}
    for a in alias:
        scheme, sep, value = a.partition("=")
        if not sep or scheme not in ("adilet", "frbr") or not value:
            raise LawdiffError(f"--alias {a!r}: expected adilet=ID")
        aliases[scheme] = value
    options = ImportOptions(errata_dir=corpus.root, coverage_note=coverage, excerpt=excerpt, aliases=aliases,
                            source_name=file.name)
    done = writes.import_text(corpus, data, str(file), options, dry_run=dry_run, commit=not no_commit)
    for warning in done.warnings:
        click.echo(f"lawdiff: warning: {warning}", err=True)
    if dry_run:
        click.echo(f"{done.work}: parsed, valid ({done.repairs} repairs, {done.tariff_rows} tariff rows); nothing written")
        return
    if done.status == "unchanged":
        click.echo(f"{done.work}: the same text is already imported; nothing to do")
        return
    kept = f", {done.kept_events} recorded fact(s) kept" if done.kept_events else ""
    click.echo(f"{'updated' if done.status == 'update' else 'imported'} {done.work} -> {done.path}"
               f" ({done.repairs} repairs logged, {done.tariff_rows} tariff rows{kept})"
               f"{'; committed ' + done.commit[:10] if done.commit else ''}")


@cli.command("build")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Write here instead of the corpus.")
@click.pass_context
def build_cmd(ctx, out):
    """Rebuild the corpus from corpus/sources/manifest.json (sources, errata, amending acts)."""
    from lawdiff.build import build as build_corpus

    corpus = get_corpus(ctx)
    written = build_corpus(corpus.root, out)
    for p in written:
        click.echo(str(p))
    click.echo(f"{len(written)} files written")


@cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def validate_cmd(ctx, paths):
    """Check work files (default: the whole corpus) against the schema and the version rules."""
    from lawdiff.validate import validate_file

    corpus = get_corpus(ctx)
    files: list[Path] = []
    for p in paths or [corpus.root]:
        if p.is_dir():
            kz = p / "kz"
            files += sorted((kz if kz.is_dir() else p).rglob("*.xml"))
        elif p.exists():
            files.append(p)
        else:
            raise LawdiffError(f"{p}: no such file or directory")
    bad = 0
    for f in files:
        problems = validate_file(f, corpus.root if corpus.root.resolve() in f.resolve().parents else None)
        for line in problems:
            click.echo(line)
        bad += bool(problems)
    click.echo(f"{len(files)} files checked, {bad} with errors", err=bool(bad))
    if bad:
        raise click.exceptions.Exit(1)


@cli.command("ls")
@click.option("--json", "as_json", is_flag=True, help="One object per work.")
@click.pass_context
def ls_cmd(ctx, as_json):
    """List the works in the corpus."""
    works = api.list_works(get_corpus(ctx))
    if as_json:
        emit_json(works)
        return
    from rich.table import Table

    table = Table("work", "type", "No.", "date", "place", "title", box=None)
    for w in works:
        table.add_row(w.work, w.type, w.number, w.date.isoformat() if w.date else "", w.place or "",
                      escape(shorten(w.title, 70) + ("" if w.complete else " [partial]")))
    console().print(table)


@cli.group("event")
def event_group():
    """Record lifecycle facts (publication, entry into force, repeal...)."""


@event_group.command("add")
@click.argument("work")
@click.argument("kind", type=click.Choice(api.EVENT_KINDS))
@click.argument("date", type=DATE)
@click.option("--source", required=True, help="Where the fact comes from (citation, URL, note).")
@click.option("--by", "by", metavar="WORK", help="The amending or repealing act, for amended/repealed.")
@click.option("--replace", is_flag=True,
              help="Record it even though it contradicts a fact already held (a second publication date...).")
@click.pass_context
def event_add(ctx, work, kind, date, source, by, replace):
    """Record that WORK was KIND (published, repealed...) on DATE; every answer follows."""
    from lawdiff import writes

    corpus = get_corpus(ctx)
    wid = api.resolve(corpus, work)
    _, sha = writes.record_event(corpus, wid, kind, date, source, by, replace=replace)
    click.echo(f"recorded {kind} {date.isoformat()} for {wid}{'; committed ' + sha[:10] if sha else ''}")


@event_group.command("list")
@click.argument("work")
@click.option("--json", "as_json", is_flag=True, help="One object per event, with its id and origin.")
@click.pass_context
def event_list(ctx, work, as_json):
    """The lifecycle facts of WORK: each with its id, and whether the text, a note or a person gave it."""
    corpus = get_corpus(ctx)
    events = api.list_events(corpus, api.resolve(corpus, work))
    if as_json:
        emit_json(events)
        return
    from rich.table import Table

    table = Table("id", "kind", "date", "rule", "by", "given by", "source", box=None)
    for entry in events:
        e = entry.event
        table.add_row(entry.id, e.kind, e.date.isoformat() if e.date else "", e.rule or "", e.by or "",
                      entry.given_by, escape((e.source or "")[:70]))
    console().print(table)


@event_group.command("remove")
@click.argument("work")
@click.argument("event_id", metavar="EVENT-ID")
@click.pass_context
def event_remove(ctx, work, event_id):
    """Remove a fact a person recorded (EVENT-ID as `lawdiff event list` shows it)."""
    from lawdiff import writes

    corpus = get_corpus(ctx)
    wid = api.resolve(corpus, work)
    event, sha = writes.remove_event(corpus, wid, event_id)
    when = event.date.isoformat() if event.date else "no date"
    click.echo(f"removed {event.kind} {when} from {wid}{'; committed ' + sha[:10] if sha else ''}")
