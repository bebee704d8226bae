"""`lawdiff init`: a corpus repository whose plain `git diff` and `git log -p` read provision by
provision, through the interpreter that installed lawdiff, with its set-up committed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DATA, as_json, lawdiff, run_script
from lawdiff.repo_init import textconv_command

REVIEW = DATA / "review"


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True, text=True, env=env).stdout


def fails(capsys, *args: str, exit_code: int = 1) -> str:
    code, out, err = lawdiff(capsys, *args)
    assert code == exit_code, (out, err)
    assert len(err.splitlines()) == 1 and err.startswith("lawdiff: error: "), err
    return err


def outside_the_environment() -> dict[str, str]:
    """The environment of a shell where the virtual environment is not active: no lawdiff on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and not (Path(p) / "lawdiff").exists())
    assert shutil.which("lawdiff", path=env["PATH"]) is None
    return env


def test_the_driver_names_this_interpreter():
    assert textconv_command() == f"{sys.executable} -m lawdiff textconv"
    assert textconv_command("/opt/my python/bin/python3") == "'/opt/my python/bin/python3' -m lawdiff textconv"


def test_init_and_git_diff_reads_provisions_outside_the_environment(tmp_path):
    repo = tmp_path / "laws"
    result = run_script("init", str(repo), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("created lawdiff corpus repository") and "committed" in result.stdout
    assert (repo / ".git").is_dir() and (repo / "kz").is_dir()
    assert (repo / "sources").is_dir() and (repo / "errata").is_dir()
    assert "*.xml diff=lawdiff" in (repo / ".gitattributes").read_text().splitlines()
    assert git(repo, "config", "diff.lawdiff.textconv").strip() == textconv_command()
    # the set-up is committed: a clean tree, and a clone has the attributes too
    assert git(repo, "status", "--porcelain") == ""
    assert set(git(repo, "ls-files").split()) == {".gitattributes", ".gitignore", "kz/.gitkeep",
                                                  "sources/.gitkeep", "errata/.gitkeep"}
    work = repo / "kz" / "oral-akimat" / "resolution" / "2024" / "100.xml"
    work.parent.mkdir(parents=True)
    shutil.copy(REVIEW / "small.xml", work)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "import 100")
    work.write_text(work.read_text(encoding="utf-8").replace('price="948.30"', 'price="1000.00"')
                    .replace("тарифтер бекітілсін", "тарифтер мен шарттар бекітілсін"), encoding="utf-8")
    env = outside_the_environment()
    diff = git(repo, "diff", "-U0", env=env)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-para_1__indent_1: Қосымшаға сәйкес тарифтер бекітілсін.",
        "+para_1__indent_1: Қосымшаға сәйкес тарифтер мен шарттар бекітілсін.",
        "-row 1 | Жеке гигиена бойынша көмек | Әлеуметтік қызметкер | 948.30",
        "+row 1 | Жеке гигиена бойынша көмек | Әлеуметтік қызметкер | 1000.00",
    ]
    git(repo, "commit", "-qam", "amend 100")
    log = git(repo, "log", "-p", "-1", env=env)
    assert "+row 1 | Жеке гигиена бойынша көмек | Әлеуметтік қызметкер | 1000.00" in log


def test_a_second_init_only_completes_the_corpus(capsys, tmp_path):
    repo = tmp_path / "laws"
    assert lawdiff(capsys, "init", str(repo))[0] == 0
    head = git(repo, "rev-parse", "HEAD")
    code, out, _ = lawdiff(capsys, "init", str(repo))
    assert code == 0 and out.startswith("configured") and "committed" not in out
    assert (repo / ".gitattributes").read_text().count("diff=lawdiff") == 1
    assert git(repo, "rev-parse", "HEAD") == head      # nothing new to commit


def test_init_refuses_a_non_empty_directory(capsys, tmp_path):
    other = tmp_path / "photos"
    other.mkdir()
    (other / "cat.jpg").write_bytes(b"x")
    err = fails(capsys, "init", str(other))
    assert "not empty and is not a lawdiff corpus" in err
    assert not (other / ".git").exists() and not (other / ".gitattributes").exists()
    afile = tmp_path / "file"
    afile.write_text("x")
    assert "is a file" in fails(capsys, "init", str(afile), exit_code=2)     # click checks the path


def test_init_inside_an_existing_repository_configures_and_commits_there(capsys, scratch_corpus):
    top = scratch_corpus.parent
    data = as_json(capsys, "init", str(scratch_corpus))
    assert data["created"] is False and Path(data["repository"]) == top
    assert not (scratch_corpus / ".git").exists()
    assert git(top, "config", "diff.lawdiff.textconv").strip() == textconv_command()
    assert data["commit"] == git(top, "rev-parse", "HEAD").strip()
    assert "corpus/.gitattributes" in git(top, "show", "--name-only", "--format=", "HEAD").split()
    assert git(top, "status", "--porcelain", "--", "corpus/.gitattributes", "corpus/.gitignore") == ""
