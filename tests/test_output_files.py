"""Files written for the user: the usual mode (umask respected), and no folder made up for a
mistyped path."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SCRIPT

W2999 = "kz/oral-akimat/resolution/2025/2999"


def run_with_umask(umask: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LAWDIFF_CORPUS"}
    return subprocess.run([str(SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, umask=umask)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_html_and_export_files_get_the_usual_mode(tmp_path, umask, expected):
    page = tmp_path / "2999.html"
    done = run_with_umask(umask, "diff", "2999", "668", "--html", str(page), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert mode(page) == expected
    akn = tmp_path / "2999.akn.xml"
    done = run_with_umask(umask, "export", "2999", "--at", "2026-03-01", "-o", str(akn),
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert mode(akn) == expected


def test_build_and_event_add_write_corpus_files_with_the_usual_mode(scratch_corpus):
    repo = scratch_corpus.parent
    done = run_with_umask(0o022, "build", cwd=repo)
    assert done.returncode == 0, done.stderr
    written = [Path(line) for line in done.stdout.splitlines() if line.endswith(".xml")]
    assert written and {mode(p) for p in written} == {0o644}
    done = run_with_umask(0o022, "event", "add", W2999, "published", "2025-12-20", "--source", "test", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert mode(scratch_corpus / f"{W2999}.xml") == 0o644


@pytest.mark.parametrize("args", [["diff", "2999", "668", "--html"], ["export", "2999", "--at", "2026-03-01", "-o"]])
def test_a_missing_folder_is_refused_in_one_line(tmp_path, args):
    target = tmp_path / "no-such-folder" / "out.file"
    done = run_with_umask(0o022, *args, str(target), cwd=ROOT)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "folder" in done.stderr and "does not exist" in done.stderr
    assert str(tmp_path / "no-such-folder") in done.stderr
    assert not (tmp_path / "no-such-folder").exists()


def test_a_folder_given_as_the_file_is_refused(tmp_path):
    done = run_with_umask(0o022, "export", "2999", "--at", "2026-03-01", "-o", str(tmp_path),
                          cwd=ROOT)
    assert done.returncode != 0 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1
