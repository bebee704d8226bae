"""Shared helpers for the amendment tests: where the golden data lives."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from lawdiff.model import xmlio

DATA = Path(__file__).resolve().parent.parent / "data" / "amend"
REPO = Path(__file__).resolve().parent.parent.parent
A308, W379 = "kz/mlsp/order/2022/308", "kz/mlsp/order/2018/379"


def unapplied_308_corpus(tmp_path: Path) -> Path:
    """The synthetic Rules base and order 308 as imported (its stored operations removed, so
    it is an amending act not yet parsed or applied)."""
    root = tmp_path / "corpus"
    for wid, src in ((W379, DATA / "synthetic_rules_379.xml"), (A308, REPO / "corpus" / f"{A308}.xml")):
        dest = root / f"{wid}.xml"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dest)
    act = xmlio.parse_file(root / f"{A308}.xml").getroot()
    for stored in act.findall("amendments"):
        act.remove(stored)
    (root / f"{A308}.xml").write_bytes(xmlio.serialise(act))
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base"]):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True)
    return root


@pytest.fixture
def amend_data() -> Path:
    return DATA
