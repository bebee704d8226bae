"""Amendments: list an amending act's operations, apply it."""

from __future__ import annotations

import sys

import click
from rich.markup import escape
from rich.table import Table

from lawdiff import LawdiffError, api, writes
from lawdiff.amend import store
from lawdiff.amend.apply import apply_act
from lawdiff.cli.common import console, get_corpus, shorten
from lawdiff.cli.group import cli, emit_json
from lawdiff.model.ids import check_work_id
from lawdiff.render.redline_text import render_text


@cli.command("amendments")
@click.argument("work")
@click.option("--store", "do_store", is_flag=True,
              help="Write the parsed operations into the act's XML (<amendments>) for review.")
@click.option("--reparse", is_flag=True, help="Parse the act's text again, ignoring stored operations.")
@click.option("--json", "as_json", is_flag=True, help="One object per operation (unparsed sentences too).")
@click.pass_context
def amendments_cmd(ctx, work, do_store, reparse, as_json):
    """The typed operations of the amending act WORK: stored ones, else parsed from its text."""
    corpus = get_corpus(ctx)
    wid = api.resolve(corpus, work)
    act = corpus.load(check_work_id(wid))
    if reparse:
        result, stored = store.parse_act(act), False
    else:
        result, stored = store.operations(act)
    if not result.ops and not result.unparsed:
        raise LawdiffError(f"{wid} holds no amendment instructions")
    if do_store:
        writes.store_operations(corpus, wid, result)
        stored = True
    if as_json:
        emit_json(result)
        return
    out = console()
    origin = "stored in the act" if stored else "parsed from its text (not stored; --store to keep them)"
    out.print(f"[bold]{escape(wid)}[/]: {len(result.ops)} operation(s), {len(result.unparsed)} unparsed — {origin}")
    table = Table(box=None, pad_edge=False, expand=True)
    for col, kw in (("#", {"justify": "right", "no_wrap": True}), ("op", {"no_wrap": True}),
                    ("target", {"ratio": 2}), ("change", {"ratio": 3}), ("status", {"no_wrap": True})):
        table.add_column(col, **kw)
    for i, op in enumerate(result.ops, 1):
        if op.words:
            change = f"«{op.words[0]}» → «{op.words[1]}»"
        elif op.source_appendix:
            change = f"= appendix {op.source_appendix} of the act"
        else:
            change = shorten("\n".join(op.text), 70)
        target = f"{op.work} {op.eid or ''}".strip()
        table.add_row(str(i), op.op, escape(target), escape(change), op.status)
    out.print(table)
    for i, op in enumerate(result.ops, 1):
        if op.status == "parsed-with-warning":
            out.print(f"[yellow]warning[/] op_{i}: {escape(op.reason or '')}")
    for u in result.unparsed:
        out.print(f"[red]unparsed[/]: {escape(shorten(u.source, 120))} — {escape(u.reason)}")


@cli.command("apply")
@click.argument("amending")
@click.option("--to", "to", metavar="WORK", help="Apply only the operations on this work.")
@click.option("--dry-run", is_flag=True, help="Check and show the changes; write nothing.")
@click.option("--accept-warnings", is_flag=True,
              help="Also apply operations parsed with a warning (see `lawdiff amendments`).")
@click.option("--json", "as_json", is_flag=True, help="The result as JSON.")
@click.pass_context
def apply_cmd(ctx, amending, to, dry_run, accept_warnings, as_json):
    """Apply the amending act AMENDING: every operation or none, validated, one git commit."""
    corpus = get_corpus(ctx)
    wid = api.resolve(corpus, amending)
    to_id = api.resolve(corpus, to) if to else None
    result = apply_act(corpus, wid, to_id, dry_run=dry_run, accept_warnings=accept_warnings)
    if as_json:
        emit_json(result)
        return
    out = console()
    if result.already:
        out.print(f"{escape(wid)} is already applied to {escape(', '.join(result.works))}: nothing to do.")
        return
    verb = "Would apply" if dry_run else "Applied"
    out.print(f"[bold]{verb} {escape(wid)}[/] to {escape(', '.join(result.works))}: "
              f"{len(result.operations)} operation(s), effective {escape(result.effective_text)}")
    for note in result.notes:
        out.print(f"[yellow]note[/]: {escape(note)}")
    click.echo(render_text(result.changes, color=sys.stdout.isatty()), nl=False)
    if dry_run:
        out.print("Dry run: nothing written.")
    elif result.commit:
        out.print(f"Committed {result.commit[:12]}.")
    else:
        out.print("Written (the corpus is not under git: no commit).")
