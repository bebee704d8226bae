"""Repository conventions: one schema (the shipped copy is the file in schemas/), one version
source, the package lint-clean."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import resources

from conftest import ROOT
import lawdiff


def test_the_shipped_schema_is_the_schema():
    shipped = resources.files("lawdiff").joinpath("schema/lawdiff.rng").read_bytes()
    assert shipped == (ROOT / "schemas" / "lawdiff.rng").read_bytes()


def test_one_version_source():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert lawdiff.__version__ == declared


def test_ruff_is_clean_on_the_package():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "lawdiff"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict_is_clean_on_the_typed_modules():
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
