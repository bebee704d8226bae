"""The command line imports a command's module only when that command runs."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import lawdiff.cli
from lawdiff.cli.group import COMMAND_MODULES, cli


def test_every_command_is_in_the_lazy_map():
    """A command added to a module but not to COMMAND_MODULES would be unreachable."""
    for info in pkgutil.iter_modules(lawdiff.cli.__path__):
        if info.name.endswith("_cmds"):
            importlib.import_module(f"lawdiff.cli.{info.name}")
    defined = {name: cmd.callback.__module__.rsplit(".", 1)[-1] for name, cmd in cli.commands.items()}
    assert defined == COMMAND_MODULES


def _modules_after(*argv: str) -> set[str]:
    code = ("import sys\nfrom lawdiff.cli.main import run\nrun(sys.argv[1:])\n"
            "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)
    return set(proc.stderr.split())


def test_query_commands_import_only_what_they_run():
    heavy = {"git", "lawdiff.amend.grammar", "lawdiff.ingest.importer", "rich.table", "lawdiff.review",
             "lawdiff.render.document_html", "xmldiff", "lawdiff.transaction", "importlib.metadata"}
    for argv in (["tariff", "--at", "2026-03-01", "--place", "Oral", "--json"], ["show", "2999", "--json"],
                 ["at", "2026-03-01", "--json"], ["ls", "--json"]):
        loaded = _modules_after(*argv)
        assert "lawdiff.api" in loaded, argv      # the command did run
        assert not heavy & loaded, (argv, sorted(heavy & loaded))


def test_help_lists_every_command(capsys):
    from lawdiff.cli.main import run

    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMAND_MODULES)
