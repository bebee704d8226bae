"""The command line imports a command's module only when that command runs."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import lawdiff.cli
from lawdiff.cli.group import COMMAND_MODULES, cli

from tests.amend.conftest import A308, unapplied_308_corpus


def test_every_command_is_in_the_lazy_map():
    """A command added to a module but not to COMMAND_MODULES would be unreachable."""
    for info in pkgutil.iter_modules(lawdiff.cli.__path__):
        if info.name.endswith("_cmds"):
            importlib.import_module(f"lawdiff.cli.{info.name}")
    defined = {name: cmd.callback.__module__.rsplit(".", 1)[-1] for name, cmd in cli.commands.items()}
    assert defined == COMMAND_MODULES


def _modules_after(*argv: str) -> set[str]:
    """The modules a command run imported (the command must succeed). Those the interpreter
    had loaded before the command started are not the command's: a site's ``.pth`` file may
    import ``importlib.resources`` at start-up, for every Python program alike."""
    code = ("import sys\nat_start = set(sys.modules)\nfrom lawdiff.cli.main import run\ncode = run(sys.argv[1:])\n"
            "print('\\n'.join(sorted(set(sys.modules) - at_start)), file=sys.stderr)\nsys.exit(code)")
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, (argv, proc.stderr[-2000:])
    return set(proc.stderr.split())


def test_query_commands_import_only_what_they_run():
    heavy = {"git", "lawdiff.amend.grammar", "lawdiff.ingest.importer", "rich", "lawdiff.review",
             "lawdiff.render.document_html", "xmldiff", "lawdiff.transaction", "importlib.metadata",
             "diff_match_patch", "lawdiff.render.timeline_text"}
    for argv in (["tariff", "--at", "2026-03-01", "--place", "Oral", "--json"], ["show", "2999", "--json"],
                 ["at", "2026-03-01", "--json"], ["ls", "--json"]):
        loaded = _modules_after(*argv)
        assert "lawdiff.api" in loaded, argv      # the command did run
        assert not heavy & loaded, (argv, sorted(heavy & loaded))


def test_a_work_shown_loads_no_vocabulary_of_citations_places_or_redlines():
    """``show`` of a work (no provision cited), and ``at``, name acts by their official citation:
    they load neither the grammar's vocabulary (citing a provision does), nor the gazetteer
    (naming a place does), nor the word diff (a redline does)."""
    for argv in (["show", "2999", "--json"], ["at", "2026-03-01", "--json"]):
        loaded = _modules_after(*argv)
        assert "lawdiff.api" in loaded and ("lawdiff.citation" in loaded or argv[0] == "at"), argv
        assert not {"lawdiff.amend.vocab", "lawdiff.ingest.issuers", "lawdiff.diff"} & loaded, argv
    assert "lawdiff.amend.vocab" in _modules_after("show", "2999", "--provision", "1-тармақ", "--json")


def test_help_lists_every_command(capsys):
    from lawdiff.cli.main import run

    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMAND_MODULES)


#: What applying an act does not run: the importer and its text pipeline, the query API and its
#: result types, GitPython (a write commits with git's plumbing), rich (apply prints no table)
#: and the renderers of other commands. The grammar's own language modules under
#: lawdiff.ingest (issuers, references, eif, structure) do run: they read the act's citations,
#: entry-into-force sentences and new wordings.
NOT_FOR_APPLY = {"lawdiff.ingest.importer", "lawdiff.ingest.coverage", "lawdiff.ingest.layout",
                 "lawdiff.ingest.head", "lawdiff.ingest.repair", "lawdiff.ingest.fragments",
                 "lawdiff.ingest.appendix_heads", "lawdiff.ingest.notes", "lawdiff.api", "lawdiff.results",
                 "lawdiff.records", "lawdiff.writes", "git", "rich", "lawdiff.review",
                 "lawdiff.render.document_html", "xmldiff", "importlib.metadata",
                 # the writer lock is flock itself, not the filelock package (10 ms to import)
                 "filelock",
                 # package data (the schema, the gazetteer) is found beside the modules, so
                 # importlib.resources and what it pulls in are not loaded; nor is tempfile,
                 # which only an export's atomic write uses
                 "importlib.resources", "zipfile", "tempfile",
                 # the library's warnings import logging when one is issued (lawdiff.warn)
                 "logging"}


def test_apply_imports_only_what_it_runs(tmp_path):
    root = unapplied_308_corpus(tmp_path)
    loaded = _modules_after("--corpus", str(root), "apply", A308)
    assert "lawdiff.amend.grammar" in loaded and "lawdiff.transaction" in loaded   # it parsed and wrote
    assert not NOT_FOR_APPLY & loaded, sorted(NOT_FOR_APPLY & loaded)
    ingest = {m for m in loaded if m.startswith("lawdiff.ingest.")}
    assert ingest <= {"lawdiff.ingest.issuers", "lawdiff.ingest.references", "lawdiff.ingest.eif",
                      "lawdiff.ingest.structure"}, sorted(ingest)
    log = subprocess.run(["git", "-C", str(tmp_path), "log", "--format=%s"], capture_output=True, text=True)
    assert log.stdout.splitlines()[0].startswith("Apply"), log.stdout     # one commit, made by apply


#: What reads an act's sentences: the grammar, its vocabulary and noun phrases, and the
#: citation and entry-into-force readers it calls. Operations stored in the act
#: (``amendments --store``, then reviewed) are applied as stored, so none of it is imported.
SENTENCE_READING = {"lawdiff.amend.grammar", "lawdiff.amend.vocab", "lawdiff.amend.nouns",
                    "lawdiff.amend.blocks", "lawdiff.amend.targets", "lawdiff.amend.verbs",
                    "lawdiff.amend.effective", "lawdiff.amend.wording", "lawdiff.ingest.issuers",
                    "lawdiff.ingest.references", "lawdiff.ingest.eif"}


def test_applying_stored_operations_reads_no_sentence(tmp_path):
    root = unapplied_308_corpus(tmp_path)
    stored = subprocess.run([sys.executable, "-m", "lawdiff", "--corpus", str(root), "amendments", A308, "--store"],
                            capture_output=True, text=True, timeout=120)
    assert stored.returncode == 0, stored.stderr
    loaded = _modules_after("--corpus", str(root), "apply", A308)
    assert "lawdiff.transaction" in loaded                       # it wrote
    assert not (SENTENCE_READING | NOT_FOR_APPLY) & loaded, sorted((SENTENCE_READING | NOT_FOR_APPLY) & loaded)
    log = subprocess.run(["git", "-C", str(tmp_path), "log", "--format=%s"], capture_output=True, text=True)
    assert log.stdout.splitlines()[:2] == [f"Apply {A308} to kz/mlsp/order/2018/379",
                                           f"Store the operations of {A308}"], log.stdout


def test_applying_unparsed_operations_reads_the_sentences(tmp_path):
    """The other side of the same cut: an act whose operations are not stored is parsed."""
    loaded = _modules_after("--corpus", str(unapplied_308_corpus(tmp_path)), "apply", A308)
    assert SENTENCE_READING <= loaded, sorted(SENTENCE_READING - loaded)
