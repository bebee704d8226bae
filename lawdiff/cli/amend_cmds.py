"""Amendments: list an amending act's operations, apply it."""

from __future__ import annotations

import sys

import click

from lawdiff import LawdiffError
from lawdiff.cli.common import console, escape, get_corpus, progress_bar, shorten
from lawdiff.cli.group import cli, emit_json
from lawdiff.workref import resolve as resolve_work


@cli.command("amendments")
@click.argument("work")
@click.option("--store", "do_store", is_flag=True,
              help="Write the parsed operations into the act's XML (<amendments>) for review.")
@click.option("--reparse", is_flag=True, help="Parse the act's text again, ignoring stored operations.")
@click.option("--json", "as_json", is_flag=True, help="One object per operation (unparsed sentences too).")
@click.pass_context
def amendments_cmd(ctx, work, do_store, reparse, as_json):
    """The typed operations of the amending act WORK: stored ones, else parsed from its text."""
    from rich.table import Table

    from lawdiff import writes
    from lawdiff.amend import store
    from lawdiff.model.ids import check_work_id

    corpus = get_corpus(ctx)
    wid = resolve_work(corpus, work)
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
@click.argument("amending", required=False)
@click.option("--pending", "pending", is_flag=True,
              help="Apply every pending amending act (see `lawdiff pending`) in effective-date order, one commit each.")
@click.option("--to", "to", metavar="WORK", help="Apply only the operations on this work.")
@click.option("--dry-run", is_flag=True, help="Check and show the changes; write nothing.")
@click.option("--accept-warnings", is_flag=True,
              help="Also apply operations parsed with a warning (see `lawdiff amendments`).")
@click.option("--json", "as_json", is_flag=True, help="The result as JSON.")
@click.pass_context
def apply_cmd(ctx, amending, pending, to, dry_run, accept_warnings, as_json):
    """Apply the amending act AMENDING: every operation or none, validated, one git commit.
    With --pending, every amending act not applied yet, in the order of their effective dates."""
    if pending:
        if amending or to or dry_run:
            what = "AMENDING" if amending else "--to" if to else "--dry-run"
            hint = "; `lawdiff pending` shows what it would apply" if dry_run else ""
            raise click.UsageError(f"--pending applies every pending act: it takes no {what}{hint}")
        _apply_pending(ctx, accept_warnings, as_json)
        return
    if not amending:
        raise click.UsageError("missing argument AMENDING: the amending act to apply (or --pending for every act not applied yet)")
    from lawdiff.amend.apply import apply_act
    from lawdiff.render.redline_text import render_text

    corpus = get_corpus(ctx)
    wid = resolve_work(corpus, amending)
    to_id = resolve_work(corpus, to) if to else None
    result = apply_act(corpus, wid, to_id, dry_run=dry_run, accept_warnings=accept_warnings)
    if as_json:
        emit_json(result)
        return
    # Plain lines through click (styled on a terminal only): printing them needs no rich.
    if result.already:
        click.echo(f"{wid} is already applied to {', '.join(result.works)}: nothing to do.")
        return
    verb = "Would apply" if dry_run else "Applied"
    click.echo(click.style(f"{verb} {wid}", bold=True) + f" to {', '.join(result.works)}: "
               f"{len(result.operations)} operation(s), effective {result.effective_text}")
    for note in result.notes:
        click.echo(click.style("note", fg="yellow") + f": {note}")
    click.echo(render_text(result.changes, color=sys.stdout.isatty()), nl=False)
    if dry_run:
        click.echo("Dry run: nothing written.")
    elif result.commit:
        click.echo(f"Committed {result.commit[:12]}.")
    else:
        click.echo("Written (the corpus is not under git: no commit).")


def _effective(bound) -> str:
    """An effective date in a few words: the date, or its earliest possible date."""
    if bound.determined:
        return bound.date.isoformat()
    return f"undetermined, not before {bound.earliest.isoformat()}" if bound.earliest else "undetermined"


@cli.command("pending")
@click.option("--json", "as_json", is_flag=True, help="One object per act, in the order apply --pending takes them.")
@click.pass_context
def pending_cmd(ctx, as_json):
    """The amending acts whose operations are not (all) applied yet: what they amend, when they
    take effect, in the order `lawdiff apply --pending` applies them."""
    from lawdiff.amend.pending import find_pending

    acts = find_pending(get_corpus(ctx))
    if as_json:
        emit_json([p.to_json() for p in acts])
        return
    out = console()
    if not acts:
        out.print("No amending act is waiting: every operation in the corpus is applied.")
        return
    for i, p in enumerate(acts, 1):
        out.print(f"[bold]{i}. {escape(p.work)}[/] — {escape(shorten(p.title, 100))}", soft_wrap=True)
        out.print(f"   effective: {escape(_effective(p.effective))}"
                  + ("" if p.effective.determined else f" ({escape(p.effective.reason)})"), soft_wrap=True)
        for t in p.targets:
            units = ", ".join(e or "the whole work" for e in t.eids)
            missing = "" if t.in_corpus else " [red](not in the corpus)[/]"
            out.print(f"   amends {escape(t.work)}{missing}: {escape(units)}", soft_wrap=True)
        out.print(f"   {len(p.ops)} operation(s) pending" + (f", {p.unparsed} instruction(s) unparsed" if p.unparsed else "")
                  + (f"; already applied to {escape(', '.join(p.applied_works))}" if p.applied_works else ""))
        if p.problem:
            out.print(f"   [red]cannot be applied[/]: {escape(p.problem)}", soft_wrap=True)
        if p.uncertain_with:
            out.print(f"   [magenta]order uncertain[/] with {escape(', '.join(p.uncertain_with))}: same unit, "
                      "effective dates that do not order them", soft_wrap=True)
    out.print(f"{len(acts)} amending act(s) pending")


def _apply_pending(ctx, accept_warnings: bool, as_json: bool) -> None:
    """``apply --pending``: the outcome of every act; exit code 1 if any was not applied."""
    from lawdiff.amend.pending import apply_pending

    corpus = get_corpus(ctx)
    with progress_bar("applying", enabled=not as_json) as tell:
        outcomes = apply_pending(corpus, accept_warnings=accept_warnings, progress=tell)
    if as_json:
        emit_json([o.to_json() for o in outcomes])
    else:
        out = console()
        style = {"applied": "green", "refused": "red", "uncertain": "magenta", "blocked": "yellow"}
        for o in outcomes:
            if o.status == "applied":
                what = (f"to {', '.join(o.works)}: {o.operations} operation(s), effective {_effective(o.effective)}"
                        f"{'; committed ' + o.commit[:10] if o.commit else ''}")
            else:
                what = o.reason or ""
            out.print(f"[{style[o.status]}]{o.status:9}[/] {escape(o.work)} {escape(what)}", soft_wrap=True)
        counts = {s: sum(o.status == s for o in outcomes) for s in style}
        out.print(f"{len(outcomes)} pending act(s): " + (", ".join(f"{n} {s}" for s, n in counts.items() if n)
                                                         or "nothing to do"))
    left = [o for o in outcomes if o.status != "applied"]
    if left:
        if not as_json:
            click.echo(f"lawdiff: error: {len(left)} of {len(outcomes)} pending act(s) not applied "
                       "(reasons above)", err=True)
        raise click.exceptions.Exit(1)
