"""The shipped corpus is exactly what `lawdiff build` makes from corpus/sources and errata."""

from __future__ import annotations

import shutil

from conftest import CORPUS
from lawdiff.build import build
from lawdiff.validate import validate_file


def test_rebuild_reproduces_the_committed_corpus(tmp_path):
    out = tmp_path / "rebuilt"
    shutil.copytree(CORPUS / "sources", out / "sources")
    shutil.copytree(CORPUS / "errata", out / "errata")
    written = build(CORPUS, out)
    rebuilt = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "kz").rglob("*.xml")}
    committed = {p.relative_to(CORPUS).as_posix(): p.read_bytes() for p in (CORPUS / "kz").rglob("*.xml")}
    assert sorted(rebuilt) == sorted(committed)
    for name, data in committed.items():
        assert rebuilt[name] == data, f"{name} differs from a rebuild: run `lawdiff build` and commit"
    assert len(written) == len(committed)
    for p in (out / "kz").rglob("*.xml"):
        assert validate_file(p, out) == []


def test_order_308_applied_to_order_379():
    text = (CORPUS / "kz/mlsp/order/2018/379.xml").read_text(encoding="utf-8")
    assert 'by="kz/mlsp/order/2022/308"' in text and 'ended-by="kz/mlsp/order/2022/308"' in text
    assert "coverage complete=\"false\"" in text
