"""Every `lawdiff` command line in the code blocks of docs/*.md runs, in the order printed, on a
fresh clone of the repository from its root, as a reader would type it: exit 0 and some output
(or the file it writes). Each page gets its own clone, so one page's examples (recording an
event, say) do not change another's answers.

A synopsis line, one that names what the reader fills in (WORK, DATE, [--json], ev_N), is not
an example and is not run; every other command line is."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

DOCS = ROOT / "docs"
#: A word the reader replaces (WORK, D1, OFFICIAL-TEXT, ev_N) or an optional part ([--to D2]).
_PLACEHOLDER = re.compile(r"(?<![\w/.-])(?:[A-Z][A-Z0-9_]*(?:-[A-Z0-9_]+)*|ev_N)(?![\w/.-])|\[")


def _command(line: str) -> str | None:
    """The command of a code line that runs lawdiff (an environment prefix allowed), without
    its trailing comment; None for other lines (output, prose, git)."""
    command = re.sub(r"\s+#\s.*$", "", line).strip()
    return command if re.match(r"(?:[A-Z_]+=\S+\s+)*lawdiff\s", command) else None


def is_synopsis(command: str) -> bool:
    body = re.sub(r"^(?:[A-Z_]+=\S+\s+)*", "", command)
    body = re.sub(r'"[^"]*"', '""', body)                 # quoted arguments are the reader's text
    return bool(_PLACEHOLDER.search(body))


def doc_examples(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```[\w-]*\n(.*?)```", text, re.S):
        lines += [c for c in map(_command, block.splitlines()) if c and not is_synopsis(c)]
    return lines


PAGES = sorted(p for p in DOCS.glob("*.md") if doc_examples(p))


def test_the_synopsis_rule():
    assert is_synopsis("lawdiff diff WORK --from D1 [--to D2]") and is_synopsis("lawdiff event remove WORK ev_N")
    assert is_synopsis("lawdiff verify WORK OFFICIAL-TEXT [--at DATE] [--excerpt] [--json] [--html FILE]")
    assert not is_synopsis('lawdiff show 379 --at 2023-01-01 --provision "подпункт 3) пункта 2 Правил"')
    assert not is_synopsis("LAWDIFF_INDEX=off lawdiff tariff --at 2026-03-01 --place Орал")
    assert not is_synopsis("lawdiff verify 379 corpus/sources/reference/order379_V1800017467_head_kaz.txt --excerpt")
    assert len(PAGES) >= 5 and sum(len(doc_examples(p)) for p in PAGES) >= 20


def _clone(tmp_path: Path) -> tuple[Path, dict]:
    clone = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    for key, value in (("user.name", "reader"), ("user.email", "reader@example.org")):
        subprocess.run(["git", "-C", str(clone), "config", key, value], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("LAWDIFF_CORPUS", "LAWDIFF_INDEX")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return clone, env


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_docs_example_runs_on_a_fresh_clone(page, tmp_path):
    clone, env = _clone(tmp_path)
    for command in doc_examples(page):
        done = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, f"{page.name}: {command}: {done.stderr.strip()}"
        wrote = re.search(r"(?:>|--html|--output|-o)\s+(\S+\.(?:html|xml|md|txt))(?:\s|$)", command)
        if wrote:
            assert (clone / wrote.group(1)).stat().st_size, command
        else:
            assert done.stdout.strip(), f"{page.name}: {command}: no output"
