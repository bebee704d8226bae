"""The derived index: bring it up to date, or rebuild it from the XML."""

from __future__ import annotations

import click

from lawdiff import LawdiffError
from lawdiff.cli.common import get_corpus
from lawdiff.cli.group import cli, emit_json


@cli.command("index")
@click.option("--rebuild", is_flag=True, help="Index every work file again from scratch.")
@click.option("--json", "as_json", is_flag=True, help="What the index holds, as JSON.")
@click.pass_context
def index_cmd(ctx, rebuild, as_json):
    """Update the derived SQLite index (.lawdiff/index.sqlite) from the work files.

    Every query keeps it current by itself; deleting it changes no answer, only speed. This
    command also compares every work file's stamp, so it sees a file added or edited by hand
    that git does not know of yet (queries see those once staged, or when they read the file)."""
    from lawdiff.index import open_index
    from lawdiff.index.store import stats

    corpus = get_corpus(ctx)
    index = open_index(corpus, rebuild=rebuild, full=True)
    if index is None:
        raise LawdiffError(f"no index for {corpus.root}: it has no kz/ folder, cannot be written, "
                           "or LAWDIFF_INDEX=off is set")
    info = stats(index)
    if as_json:
        emit_json(info)
        return
    click.echo(f"{info['index']}: {info['works']} works, {info['versions']} versions, "
               f"{info['tariff_rows']} tariff rows, {info['events']} events ({info['bytes']:,} bytes)")
    for f in info["unreadable"]:
        click.echo(f"unreadable: {f}", err=True)
