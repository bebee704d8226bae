"""The corpus is found as git finds its repository, and every command runs as a user types it:
the installed script, from the repository root, from a subdirectory, with LAWDIFF_CORPUS."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run_script
from lawdiff.cli.group import find_corpus

MAIN_JOB = ("tariff", "--at", "2026-03-01", "--place", "Oral", "--setting", "home", "--json")


def test_main_job_from_the_repository_root():
    done = run_script(*MAIN_JOB, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 76


def test_main_job_from_a_subdirectory():
    done = run_script(*MAIN_JOB, cwd=ROOT / "docs")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 76


def test_lawdiff_corpus_variable_relative_to_the_current_directory(tmp_path):
    done = run_script("ls", "--json", cwd=ROOT.parent, env={"LAWDIFF_CORPUS": f"{ROOT.name}/corpus"})
    assert done.returncode == 0, done.stderr
    assert any(w["work"] == "kz/mlsp/order/2018/379" for w in json.loads(done.stdout))


def test_no_corpus_anywhere_is_one_line_naming_what_was_tried(tmp_path):
    done = run_script("ls", cwd=tmp_path)
    assert done.returncode == 3     # the corpus state, not the input, is at fault
    assert done.stderr.count("\n") == 1
    assert "LAWDIFF_CORPUS" in done.stderr and str(tmp_path) in done.stderr


def test_an_explicit_relative_corpus_is_absolute_against_the_current_directory(tmp_path):
    assert find_corpus(Path("x/corpus"), "ignored", tmp_path) == tmp_path / "x" / "corpus"
    assert find_corpus(None, "y", tmp_path) == tmp_path / "y"
    (tmp_path / "corpus" / "kz").mkdir(parents=True)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_corpus(None, None, deep) == tmp_path / "corpus"


@pytest.mark.parametrize("where", ["root", "subdirectory"])
def test_build_and_event_add_with_the_default_relative_corpus(scratch_corpus, where):
    """build used to crash on the relative default path and leave 379.xml and 308.xml damaged."""
    repo = scratch_corpus.parent
    cwd = repo if where == "root" else repo / "corpus" / "kz"
    done = run_script("build", cwd=cwd)
    assert done.returncode == 0, done.stderr
    status = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", "*.xml"],
                            capture_output=True, text=True, check=True).stdout
    assert status == ""
    done = run_script("event", "add", "kz/oral-akimat/resolution/2025/2999", "published", "2025-12-20",
                      "--source", "test", cwd=cwd)
    assert done.returncode == 0, done.stderr
