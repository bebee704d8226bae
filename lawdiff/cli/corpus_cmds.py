"""Commands that write or check the corpus: import, build, validate, event add, ls."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawdiff import LawdiffError, api
from lawdiff.cli.common import DATE, console, escape, get_corpus, progress_bar, shorten
from lawdiff.cli.group import cli, emit_json

if TYPE_CHECKING:
    from lawdiff.import_batch import BatchResult
    from lawdiff.ingest.importer import ImportOptions


@cli.command("import")
@click.argument("files", nargs=-1, required=True, metavar="FILE... | DIR",
                type=click.Path(path_type=Path))
@click.option("--partial", "coverage", metavar="TEXT", help="The text is incomplete: say what is missing (one file).")
@click.option("--excerpt", is_flag=True, help="The file is an excerpt with SOURCE: lines and an 'excerpt ends here' mark.")
@click.option("--alias", multiple=True, metavar="SCHEME=ID", help="Another identifier, e.g. adilet=V1800017467 (one file).")
@click.option("--dry-run", is_flag=True, help="Parse and validate, write nothing.")
@click.option("--no-commit", is_flag=True, help="Write the file but do not commit it.")
@click.option("--one-commit", is_flag=True,
              help="Many files: one commit for the whole batch, written only if no file is refused.")
@click.option("--json", "as_json", is_flag=True, help="The result of every file as JSON.")
@click.pass_context
def import_cmd(ctx, files: tuple[Path, ...], coverage, excerpt, alias, dry_run, no_commit, one_commit, as_json):
    """Import the plain text of acts into the corpus, one work each (an adilet export, or text
    copied from the act's web page). Several FILEs, or a DIR (its .txt files in name order), are
    imported in one run: one commit per act (or --one-commit), a summary at the end, exit code 1
    if any file was refused."""
    from lawdiff import import_batch
    from lawdiff.ingest.importer import ImportOptions

    corpus = get_corpus(ctx)
    aliases = {}
    for a in alias:
        scheme, sep, value = a.partition("=")
        if not sep or scheme not in ("adilet", "frbr") or not value:
            raise LawdiffError(f"--alias {a!r}: expected adilet=ID")
        aliases[scheme] = value
    options = ImportOptions(errata_dir=corpus.root, coverage_note=coverage, excerpt=excerpt, aliases=aliases)
    single = len(files) == 1 and not files[0].is_dir()
    if single and not (one_commit or as_json):
        _import_one(corpus, files[0], options, dry_run, no_commit)
        return
    if not single and (aliases or coverage):
        raise LawdiffError(f"{'--alias' if aliases else '--partial'} describes one act: give one file, not "
                           f"{'a folder' if len(files) == 1 else f'{len(files)} paths'}; nothing imported")
    paths, not_read = import_batch.source_files(list(files))
    with progress_bar("importing", enabled=not as_json) as tell:
        batch = import_batch.import_files(corpus, paths, options, one_commit=one_commit, dry_run=dry_run,
                                          commit=not no_commit, progress=tell)
    batch.not_read = not_read
    if as_json:
        emit_json(batch.to_json())
    else:
        _print_batch(batch, dry_run)
    if batch.refused:
        if not as_json:
            click.echo(f"lawdiff: error: {len(batch.refused)} of {len(batch.files)} file(s) refused "
                       "(reasons above)", err=True)
        raise click.exceptions.Exit(1)


def _import_one(corpus, file: Path, options: ImportOptions, dry_run: bool, no_commit: bool) -> None:
    """One file, as ``lawdiff import FILE`` has always done: its error is the command's error."""
    from lawdiff import writes
    from lawdiff.model.xmlio import read_regular

    data = read_regular(file, follow=True)
    options.source_name = file.name
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


def _print_batch(batch: BatchResult, dry_run: bool) -> None:
    """One line per file, then the counts; the folder entries not read are named."""
    from lawdiff.import_batch import TEXT_SUFFIXES
    out = console()
    style = {"imported": "green", "updated": "green", "unchanged": "dim", "checked": "green",
             "refused": "red", "held-back": "yellow"}
    for f in batch.files:
        what = f"{f.file}: {f.work}"
        if f.status in ("refused", "held-back"):
            # an import error names its file already; a held-back file is named here
            what = f.reason if f.reason.startswith(f.file) else f"{f.file}: {f.reason}"
        elif f.status != "unchanged":
            what += f" ({f.repairs} repairs, {f.tariff_rows} tariff rows)"
        out.print(f"[{style[f.status]}]{f.status:9}[/] {escape(what)}", soft_wrap=True)
        for w in f.warnings:
            out.print(f"          [yellow]warning[/]: {escape(w)}", soft_wrap=True)
    for name in batch.not_read:
        out.print(f"[dim]not read [/] {escape(name)}: not a {'/'.join(TEXT_SUFFIXES)} file",
                  soft_wrap=True)
    counts = ", ".join(f"{n} {s}" for s, n in batch.counts().items() if n)
    tail = "; nothing written" if dry_run else (f"; one commit {batch.commit[:10]}" if batch.commit else "")
    out.print(f"{len(batch.files)} file(s): {counts}{tail}")


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
