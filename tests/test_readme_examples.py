"""Every `lawdiff` example in README.md runs, in the order printed, on a fresh clone of the
repository from its root, as a reader would type it: exit 0 and some output. Examples that name
a file of the reader's own (some-act.txt) or start a server are left out and listed here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

#: Examples that need something the reader brings (their own act's text) or that do not end.
NOT_RUN = ("some-act.txt", "lawdiff serve", "my-corpus")


def readme_examples() -> list[str]:
    """The `lawdiff ...` lines of README.md's sh blocks, without their trailing comments."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if command.startswith("lawdiff ") and not any(skip in command for skip in NOT_RUN):
                lines.append(command)
    return lines


def test_every_readme_example_runs_on_a_fresh_clone(tmp_path):
    clone = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    for key, value in (("user.name", "reader"), ("user.email", "reader@example.org")):
        subprocess.run(["git", "-C", str(clone), "config", key, value], check=True)
    env = {k: v for k, v in os.environ.items() if k != "LAWDIFF_CORPUS"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    examples = readme_examples()
    assert len(examples) > 25
    for command in examples:
        done = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, f"{command}: {done.stderr.strip()}"
        wrote = re.search(r">\s*(\S+)$", command)
        assert (clone / wrote.group(1)).stat().st_size if wrote else done.stdout.strip(), command
