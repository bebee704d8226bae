"""Import, apply and read back as a user does: the installed script in a subprocess, the
default corpus found from the repository root, from a subdirectory and through LAWDIFF_CORPUS.
The two acts are synthetic (tests/data/ingest/README.md): Rules with chapters, and an act
amending them pasted from a web page, whose "3-тармақ" is clause 3 inside chapter 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, run_script

RULES = DATA / "ingest" / "synthetic_kk_rules_with_chapters.txt"
AMENDING = DATA / "ingest" / "synthetic_kk_web_amending_act.txt"
BASE, AMEND = "kz/terekti-maslikhat/decision/2024/14-3", "kz/terekti-maslikhat/decision/2025/31-2"


def _ok(done):
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.parametrize("where", ["root", "subdirectory", "env"])
def test_import_apply_show_as_a_user(scratch_corpus: Path, where: str):
    repo = scratch_corpus.parent
    cwd, env = repo, None
    if where == "subdirectory":
        cwd = repo / "docs"
        cwd.mkdir()
    elif where == "env":
        cwd, env = repo.parent, {"LAWDIFF_CORPUS": f"{repo.name}/corpus"}
    _ok(run_script("import", str(RULES), cwd=cwd, env=env))
    done = _ok(run_script("import", str(AMENDING), cwd=cwd, env=env))
    assert AMEND in done.stdout and done.stderr == ""
    _ok(run_script("apply", AMEND, cwd=cwd, env=env))
    shown = _ok(run_script("show", BASE, "--at", "2030-01-01", "--json", cwd=cwd, env=env)).stdout
    assert "7 (жеті)" in shown and "бюджет қаражаты есебінен" in shown
    assert "att_1__chp_2__para_3__subpara_2" in shown
    _ok(run_script("validate", cwd=cwd, env=env))
    data = (scratch_corpus / f"{AMEND}.xml").read_text(encoding="utf-8")
    assert 'layout="web"' in data and "<signature>" in data


def test_unplaced_text_is_kept_with_a_warning(scratch_corpus: Path, tmp_path: Path):
    """Synthetic: a sentence after the signature that is no appendix is kept unstructured."""
    text = RULES.read_text(encoding="utf-8").split("\nТеректі аудандық мәслихатының 2024 жылғы 12 наурыздағы № 14-3 шешімімен")[0]
    src = tmp_path / "synthetic_trailing_text.txt"
    src.write_text(text + "\nБұл мәтін ешбір қосымшаға жатпайтын түсініктеме болып табылады және құрылымға сыймайды.\n",
                   encoding="utf-8")
    done = _ok(run_script("import", str(src), cwd=scratch_corpus.parent))
    assert done.stderr.count("\n") == 1 and "warning" in done.stderr and "unstructured" in done.stderr
    line = text.count("\n") + 2
    assert f"synthetic_trailing_text.txt:{line}:" in done.stderr
    data = (scratch_corpus / f"{BASE}.xml").read_text(encoding="utf-8")
    assert '<coverage complete="false">' in data and f'<unstructured line="{line}">' in data
    assert "құрылымға сыймайды" in data


def test_refused_import_is_one_line_and_writes_nothing(scratch_corpus: Path, tmp_path: Path):
    src = tmp_path / "synthetic_body_only.txt"
    src.write_text("Ескерту. Күші жойылды.\n1. Бірінші тармақ.\n", encoding="utf-8")
    before = sorted(p.relative_to(scratch_corpus) for p in scratch_corpus.rglob("*"))
    done = run_script("import", str(src), cwd=scratch_corpus.parent)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "not an act" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.relative_to(scratch_corpus) for p in scratch_corpus.rglob("*")) == before
    assert json.loads(_ok(run_script("ls", "--json", cwd=scratch_corpus.parent)).stdout)
