"""Shared fixtures: the repository's real sources and corpus, and scratch corpora."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SOURCES = CORPUS / "sources"
DATA = Path(__file__).parent / "data"


def load_cases(name: str) -> list[dict]:
    """All cases of one golden file (tests/data/<name>.json), for parametrising."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))["cases"]


@pytest.fixture
def scratch_corpus(tmp_path: Path) -> Path:
    """A copy of the shipped corpus in its own git repository, safe to write to."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest, ignore=shutil.ignore_patterns(".lawdiff.lock", ".lawdiff"))
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org",
                    "commit", "-qm", "base"], check=True)
    return dest


#: The ``lawdiff`` console script installed beside the interpreter running the tests.
SCRIPT = Path(sys.executable).with_name("lawdiff")


def run_script(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None,
               input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``lawdiff`` script as a user does: a subprocess in ``cwd``, no --corpus
    unless given, LAWDIFF_CORPUS only when ``env`` sets it."""
    base = {k: v for k, v in os.environ.items() if k != "LAWDIFF_CORPUS"}
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, env={**base, **(env or {})}, input=input,
                          capture_output=True, text=True, timeout=120)


def lawdiff(capsys, *args: str, corpus: Path = CORPUS) -> tuple[int, str, str]:
    """Run the CLI in-process on a corpus; (exit code, stdout, stderr)."""
    from lawdiff.cli.main import run

    code = run(["--corpus", str(corpus), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def as_json(capsys, *args: str, corpus: Path = CORPUS):
    """Run a query command with --json; it must succeed; its parsed output."""
    code, out, err = lawdiff(capsys, *args, "--json", corpus=corpus)
    assert code == 0, err
    return json.loads(out)


def run_script_on_a_terminal(*args: str, cwd: Path = ROOT) -> tuple[subprocess.CompletedProcess[str], bytes]:
    """Run the installed script with stderr on a pseudo-terminal (stdout stays a pipe), as a
    user at a terminal sees it: the process, and the bytes drawn on the terminal."""
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run([str(SCRIPT), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=follower, text=True,
                              timeout=120, env={k: v for k, v in os.environ.items() if k != "LAWDIFF_CORPUS"})
        os.close(follower)
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:      # the terminal is closed once everything is read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        os.close(leader)
    return done, drawn
