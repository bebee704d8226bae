"""Importing many texts in one run (`lawdiff import FILE... | DIR`), as an editor does with a
batch of acts: the installed script from the repository root and from a subdirectory, on real
texts of tests/data/real/ (verbatim pages, pasted without their SOURCE line as a user pastes
them). The batch mixes texts that import with texts copied without their head, which must be
refused with their one-line reason while the others go on."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import run_script, run_script_on_a_terminal
from real_acts import acts, known_failures, source_text


def _real_batch(folder: Path, importing: int = 3, refused: int = 2) -> tuple[list[str], list[str]]:
    """Real texts written into ``folder`` as a user saves pasted pages: the first ``importing``
    texts the set expects to import and the first ``refused`` copied without their head."""
    known = known_failures()
    good = [a for a in acts() if a.get("title") is not None and a["file"] not in known][:importing]
    bad = [a for a in acts() if a.get("title") is None][:refused]
    folder.mkdir(exist_ok=True)
    for a in good + bad:
        (folder / a["file"]).write_text(source_text(a), encoding="utf-8")
    return [a["file"] for a in good], [a["file"] for a in bad]


def _commits(repo: Path) -> list[str]:
    return subprocess.run(["git", "-C", str(repo), "rev-list", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.split()


def _tree(corpus: Path) -> dict[str, bytes]:
    return {p.relative_to(corpus).as_posix(): p.read_bytes() for p in sorted((corpus / "kz").rglob("*.xml"))}


@pytest.mark.parametrize("where", ["root", "subdirectory"])
def test_folder_of_real_texts(scratch_corpus: Path, tmp_path: Path, where: str):
    repo = scratch_corpus.parent
    good, bad = _real_batch(tmp_path / "batch")
    (tmp_path / "batch" / "README.md").write_text("not an act\n", encoding="utf-8")
    cwd = repo
    if where == "subdirectory":
        cwd = repo / "docs"
        cwd.mkdir()
    before = _commits(repo)
    done = run_script("import", os.path.relpath(tmp_path / "batch", cwd), cwd=cwd)    # as typed: relative
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == f"lawdiff: error: {len(bad)} of {len(good) + len(bad)} file(s) refused (reasons above)"
    lines = done.stdout.splitlines()
    for name in good:
        assert any(line.startswith("imported") and name in line for line in lines), name
    for name in bad:
        assert any(line.startswith("refused") and name in line for line in lines), name
    assert any(line.startswith("not read") and "README.md" in line for line in lines)
    assert lines[-1] == f"{len(good) + len(bad)} file(s): {len(good)} imported, {len(bad)} refused"
    assert len(_commits(repo)) == len(before) + len(good)      # one commit per act
    assert run_script("validate", cwd=cwd).returncode == 0


def test_json_gives_every_file(scratch_corpus: Path, tmp_path: Path):
    repo = scratch_corpus.parent
    good, bad = _real_batch(tmp_path / "batch")
    files = [str(tmp_path / "batch" / n) for n in (bad[0], *good)]      # named one by one, in this order
    done = run_script("import", *files, "--json", cwd=repo)
    assert done.returncode == 1 and done.stderr == ""
    result = json.loads(done.stdout)
    assert [f["file"] for f in result["files"]] == files
    assert [f["status"] for f in result["files"]] == ["refused"] + ["imported"] * len(good)
    assert result["summary"]["imported"] == len(good) and result["summary"]["refused"] == 1
    refused = result["files"][0]
    assert refused["work"] is None and refused["reason"] and "\n" not in refused["reason"]
    for f in result["files"][1:]:
        assert (scratch_corpus / f"{f['work']}.xml").is_file()
        assert f["commit"] in _commits(repo)
    # The same batch again: every imported text is unchanged, nothing committed.
    head = _commits(repo)
    again = json.loads(run_script("import", *files[1:], "--json", cwd=repo).stdout)
    assert [f["status"] for f in again["files"]] == ["unchanged"] * len(good)
    assert _commits(repo) == head


def test_one_commit_is_all_or_nothing(scratch_corpus: Path, tmp_path: Path):
    repo = scratch_corpus.parent
    good, bad = _real_batch(tmp_path / "batch")
    before, files_before = _commits(repo), _tree(scratch_corpus)
    done = run_script("import", "--one-commit", "--json", str(tmp_path / "batch"), cwd=repo)
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert {f["status"] for f in result["files"]} == {"refused", "held-back"}
    assert result["summary"]["held-back"] == len(good) and result["commit"] is None
    assert _commits(repo) == before and _tree(scratch_corpus) == files_before    # nothing written

    for name in bad:
        (tmp_path / "batch" / name).unlink()
    done = run_script("import", "--one-commit", str(tmp_path / "batch"), cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    after = _commits(repo)
    assert len(after) == len(before) + 1                      # one commit for the whole batch
    message = subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%B"], capture_output=True,
                             text=True, check=True).stdout
    assert f"Import {len(good)} act(s)" in message and f"Files: {len(good)}" in message
    assert run_script("validate", cwd=repo).returncode == 0


def test_one_commit_refuses_one_act_twice(scratch_corpus: Path, tmp_path: Path):
    """Two files holding the same act (real text, saved twice) cannot both go into one commit."""
    good, _ = _real_batch(tmp_path / "batch", importing=1, refused=0)
    first = tmp_path / "batch" / good[0]
    second = tmp_path / "batch" / ("copy_of_" + good[0])
    second.write_bytes(first.read_bytes())
    done = run_script("import", "--one-commit", "--json", str(first), str(second), cwd=scratch_corpus.parent)
    result = json.loads(done.stdout)
    assert done.returncode == 1
    assert [f["status"] for f in result["files"]] == ["held-back", "refused"]
    assert "also the work of" in result["files"][1]["reason"]
    # One commit per act: the second is the same text, so it is unchanged.
    done = run_script("import", "--json", str(first), str(second), cwd=scratch_corpus.parent)
    assert done.returncode == 0
    assert [f["status"] for f in json.loads(done.stdout)["files"]] == ["imported", "unchanged"]


def test_bad_arguments_are_one_line(scratch_corpus: Path, tmp_path: Path):
    repo = scratch_corpus.parent
    _real_batch(tmp_path / "batch")
    before = _commits(repo)
    for args, words in [((str(tmp_path / "batch"), "--alias", "adilet=V1"), "--alias describes one act"),
                        ((str(tmp_path / "batch"), str(tmp_path / "missing.txt")), "missing.txt: no such file"),
                        ((str(tmp_path / "empty"),), "no text to import")]:
        (tmp_path / "empty").mkdir(exist_ok=True)
        done = run_script("import", *args, cwd=repo)
        assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
        assert words in done.stderr and "Traceback" not in done.stderr
    assert _commits(repo) == before


def test_dry_run_checks_every_file(scratch_corpus: Path, tmp_path: Path):
    repo = scratch_corpus.parent
    good, bad = _real_batch(tmp_path / "batch")
    before, files_before = _commits(repo), _tree(scratch_corpus)
    done = run_script("import", "--dry-run", str(tmp_path / "batch"), cwd=repo)
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1] == (f"{len(good) + len(bad)} file(s): {len(good)} checked, "
                                            f"{len(bad)} refused; nothing written")
    assert _commits(repo) == before and _tree(scratch_corpus) == files_before


def test_progress_bar_only_on_a_terminal(scratch_corpus: Path, tmp_path: Path):
    """On a terminal (stderr a pseudo-terminal) a progress bar is drawn there; the summary on
    stdout (a pipe here) holds no trace of it."""
    good, _ = _real_batch(tmp_path / "batch", importing=2, refused=0)
    done, drawn = run_script_on_a_terminal("import", str(tmp_path / "batch"), cwd=scratch_corpus.parent)
    assert done.returncode == 0
    assert b"importing" in drawn and f"{len(good)}/{len(good)}".encode() in drawn
    assert "importing" not in done.stdout and "\x1b" not in done.stdout
