"""Hostile files in the corpus and hostile input: reported and skipped, never followed out of
the corpus, never an internal error.

Every hostile file is made up here (a copy of a real work under another path, a link, a pipe);
no legal text is invented.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SOURCES, lawdiff
from lawdiff.corpus import Corpus

W2999, W330 = "kz/oral-akimat/resolution/2025/2999", "kz/government/decree/2009/330"
SEED_2999 = SOURCES / "seeds" / "001_f45ab0f2d5c50f09.txt"
QUERIES = (["ls"], ["at", "2026-03-01"], ["tariff", "--at", "2026-03-01", "--place", "Орал"],
           ["show", W330, "--at", "2020-01-01"], ["validate"])


def _hostile(kind: str, corpus: Path, outside: Path) -> tuple[Path, str]:
    """Put one hostile file into ``corpus``; returns it and the work id its path names."""
    wid = f"kz/hostile-{kind}/resolution/2025/1"
    path = corpus / f"{wid}.xml"
    path.parent.mkdir(parents=True, exist_ok=True)
    real = (corpus / f"{W2999}.xml").read_bytes()
    if kind == "symlink-out":
        outside.write_bytes(real.replace(W2999.encode(), wid.encode()).replace(b"</title>", b" OUTSIDE</title>", 1))
        path.symlink_to(outside)
    elif kind == "symlink-in":
        path.symlink_to(corpus / f"{W2999}.xml")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "schema-invalid":
        path.write_bytes(real.replace(W2999.encode(), wid.encode()).replace(b"<type>resolution</type>",
                                                                             b"<type>edict</type>", 1))
    elif kind == "id-mismatch":
        path.write_bytes(real)                      # holds 2999 under another path
    elif kind == "huge-attribute":
        path.write_bytes(real.replace(W2999.encode(), wid.encode())
                         .replace(b"<act ", b'<act x="' + b"a" * (12 * 1024 * 1024) + b'" ', 1))
    return path, wid


def _run(corpus: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawdiff", "--corpus", str(corpus), *argv],
                          capture_output=True, text=True, timeout=120)


KINDS = ("symlink-out", "symlink-in", "fifo", "device", "schema-invalid", "id-mismatch", "huge-attribute")


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_file_is_reported_and_skipped(scratch_corpus, tmp_path, kind):
    baseline = json.loads(_run(scratch_corpus, "tariff", "--at", "2026-03-01", "--place", "Орал", "--json").stdout)
    path, wid = _hostile(kind, scratch_corpus, tmp_path / "outside.xml")
    for argv in QUERIES:
        proc = _run(scratch_corpus, *argv)
        assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr, (argv, proc.stderr)
        assert "OUTSIDE" not in proc.stdout + proc.stderr
        if argv[0] == "validate":
            assert proc.returncode == 1 and str(path) in proc.stdout
            continue
        assert proc.returncode == 0, (argv, proc.stderr)
        if argv[0] in ("ls", "at", "tariff"):
            assert proc.stderr.startswith(f"lawdiff: warning: skipped {path}")      # reported once
            assert proc.stderr.count("lawdiff: warning: skipped") == 1
            assert wid not in proc.stdout
    rows = json.loads(_run(scratch_corpus, "tariff", "--at", "2026-03-01", "--place", "Орал", "--json").stdout)
    assert rows == baseline                         # never doubled by a copy under another path
    for argv in (["show", wid, "--at", "2026-03-01"],
                 ["event", "add", wid, "published", "2025-12-30", "--source", "hostile"]):
        proc = _run(scratch_corpus, *argv)
        assert proc.returncode == 1 and proc.stderr.startswith("lawdiff: error:") and proc.stderr.count("\n") == 1, \
            (argv, proc.stderr)
    if kind == "symlink-out":
        assert b"OUTSIDE" in (tmp_path / "outside.xml").read_bytes()   # never written through
        assert not (tmp_path / "outside.xml").with_suffix(".xml.lock").exists()


def test_a_linked_runtime_folder_is_refused(scratch_corpus, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    (scratch_corpus / ".lawdiff").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = lawdiff(capsys, "event", "add", W330, "published", "2009-03-20", "--source", "s",
                           corpus=scratch_corpus)
    assert code == 1 and "not a directory" in err and err.count("\n") == 1
    assert not elsewhere.exists()


def test_invisible_characters_in_a_heading_are_removed_as_a_logged_repair(tmp_path, capsys):
    """A zero-width space inside the act number and a bidi override in the title: the work is
    2999, not 29, and the repairs are recorded in the document."""
    text = SEED_2999.read_text(encoding="utf-8")
    hostile = text.replace("№ 2999 қаулысы", "№ 29\u200b99 қаулысы", 1).replace("Орал", "\u202eОрал", 1)
    assert hostile != text
    src = tmp_path / "hostile.txt"
    src.write_text(hostile, encoding="utf-8")
    corpus = tmp_path / "corpus"
    code, out, err = lawdiff(capsys, "import", str(src), corpus=corpus)
    assert code == 0, err
    act = Corpus(corpus).load(W2999)
    stored = (corpus / f"{W2999}.xml").read_text(encoding="utf-8")
    assert "\u200b" not in stored and "\u202e" not in stored and act.number == "2999"
    assert stored.count('kind="invisible-characters"') >= 2 and "&lt;U+200B&gt;" in stored


def test_a_number_too_long_for_a_file_name_is_one_line(tmp_path, capsys):
    src = tmp_path / "long.txt"
    src.write_text(SEED_2999.read_text(encoding="utf-8").replace("№ 2999 қаулысы", "№ " + "9" * 300 + " қаулысы", 1),
                   encoding="utf-8")
    code, _, err = lawdiff(capsys, "import", str(src), corpus=tmp_path / "corpus")
    assert code == 1 and "more than a file name may be" in err and err.count("\n") == 1
    assert not list((tmp_path / "corpus").rglob("*.xml"))


def test_an_import_from_a_pipe_or_device_is_refused_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "act.txt"
    os.mkfifo(fifo)
    for source in (fifo, Path("/dev/zero")):
        proc = _run(tmp_path / "corpus", "import", str(source))
        assert proc.returncode == 1 and "not a regular file" in proc.stderr and proc.stderr.count("\n") == 1


def test_out_of_memory_is_one_line(scratch_corpus, capsys, monkeypatch):
    from lawdiff.ingest import importer

    def exhausted(*a, **k):
        raise MemoryError

    monkeypatch.setattr(importer, "import_source", exhausted)
    code, _, err = lawdiff(capsys, "import", str(SEED_2999), corpus=scratch_corpus)
    assert code == 1 and err.startswith("lawdiff: error: out of memory") and err.count("\n") == 1
