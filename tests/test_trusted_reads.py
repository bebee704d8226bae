"""Reads that trust the index's schema check: the bytes the index checked and found valid
are not checked against the RELAX NG schema again, any other bytes are.

The check is by content: the hash of the bytes just read must be the one the index recorded
for that file with no error. Each test compares with the reader that checks every file
(``LAWDIFF_INDEX=off``) and counts the schema checks the reader makes. The corpus is the
shipped real acts; the edits are made here and are no real text.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from lawdiff import LawdiffError, api
from lawdiff.corpus import Corpus
from lawdiff.index import index_path, open_index
from lawdiff.model import xmlio
from lawdiff.results import to_json
from tests.conftest import run_script

RULES, ORDER_308, TARIFFS = "kz/mlsp/order/2018/379", "kz/mlsp/order/2022/308", "kz/oral-akimat/resolution/2025/2999"
WHEN = dt.date(2026, 3, 1)


@pytest.fixture
def checked(monkeypatch) -> list[str]:
    """The files the reader checks against the schema, in the order it checks them."""
    seen: list[str] = []
    real = xmlio.check_valid

    def spy(tree, name="<document>"):
        seen.append(Path(name).relative_to(Path(name).parents[4]).as_posix() if name.endswith(".xml") else name)
        return real(tree, name)

    monkeypatch.setattr(xmlio, "check_valid", spy)
    return seen


def shown(corpus: Path, work: str = RULES) -> object:
    """What ``show`` answers for ``work`` on WHEN, or the error it gives, as plain data."""
    try:
        return to_json(api.show(Corpus(corpus), work, WHEN))
    except LawdiffError as exc:
        return f"error: {exc}"


def without_index(monkeypatch, corpus: Path, work: str = RULES) -> object:
    monkeypatch.setenv("LAWDIFF_INDEX", "off")
    try:
        return shown(corpus, work)
    finally:
        monkeypatch.delenv("LAWDIFF_INDEX")


def indexed(corpus: Path) -> None:
    open_index(Corpus(corpus)).close()


def test_a_work_the_index_checked_is_read_without_the_schema_check(scratch_corpus, monkeypatch, checked):
    expected = without_index(monkeypatch, scratch_corpus)
    assert {"kz/mlsp/order/2018/379.xml", "kz/mlsp/order/2022/308.xml"} <= set(checked)   # the Rules and the act amending them
    indexed(scratch_corpus)
    checked.clear()
    assert shown(scratch_corpus) == expected
    assert checked == []


def test_no_index_or_index_off_checks_every_file(scratch_corpus, monkeypatch, checked):
    assert "provisions" in shown(scratch_corpus)          # no index: none is made for one work
    assert not index_path(scratch_corpus).exists() and "kz/mlsp/order/2018/379.xml" in checked
    indexed(scratch_corpus)
    checked.clear()
    without_index(monkeypatch, scratch_corpus)
    assert "kz/mlsp/order/2018/379.xml" in checked


def _edit(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


def test_a_file_edited_since_it_was_indexed_is_checked(scratch_corpus, monkeypatch, checked):
    indexed(scratch_corpus)
    path = scratch_corpus / f"{TARIFFS}.xml"
    _edit(path, b'price="948.30"', b'price="948.31"')        # valid, same size
    checked.clear()
    got = shown(scratch_corpus, TARIFFS)
    assert checked == [f"{TARIFFS}.xml"]
    assert got == without_index(monkeypatch, scratch_corpus, TARIFFS)
    assert "948.31" in str(api.tariff_rows(Corpus(scratch_corpus), TARIFFS)[0].to_json())


def test_a_file_edited_into_a_schema_violation_is_refused_as_without_the_index(scratch_corpus, monkeypatch):
    indexed(scratch_corpus)
    _edit(scratch_corpus / f"{ORDER_308}.xml", b"<meta>", b'<meta made-up="synthetic edit">')
    got = shown(scratch_corpus)          # the Rules read their amending act 308
    assert got == without_index(monkeypatch, scratch_corpus)
    assert isinstance(got, str) and "schema violation" in got and "308.xml" in got


def test_a_file_the_index_recorded_as_invalid_is_refused_with_the_same_message(scratch_corpus, monkeypatch, checked):
    bad = scratch_corpus / "kz" / "mlsp" / "order" / "2018" / "996.xml"
    data = (scratch_corpus / f"{RULES}.xml").read_bytes().replace(b'id="kz/mlsp/order/2018/379"', b'id="kz/mlsp/order/2018/996"', 1)
    bad.write_bytes(data.replace(b"<meta>", b'<meta made-up="synthetic edit">', 1))
    indexed(scratch_corpus)
    row = sqlite3.connect(index_path(scratch_corpus)).execute(
        "SELECT error FROM files WHERE file = 'kz/mlsp/order/2018/996.xml'").fetchone()
    assert row is not None and "schema violation" in row[0]
    checked.clear()
    got = shown(scratch_corpus, "kz/mlsp/order/2018/996")
    assert checked == ["kz/mlsp/order/2018/996.xml"]
    assert got == without_index(monkeypatch, scratch_corpus, "kz/mlsp/order/2018/996")
    assert "schema violation" in got


def test_an_index_made_under_another_schema_is_not_trusted(scratch_corpus, checked):
    indexed(scratch_corpus)
    conn = sqlite3.connect(index_path(scratch_corpus))
    conn.execute("UPDATE meta SET value = 'another schema' WHERE key = 'schema'")
    conn.commit()
    conn.close()
    checked.clear()
    shown(scratch_corpus)
    assert "kz/mlsp/order/2018/379.xml" in checked
    checked.clear()
    indexed(scratch_corpus)          # opened for a query: rebuilt under this schema, trusted again
    assert "kz/mlsp/order/2018/379.xml" in checked
    checked.clear()
    shown(scratch_corpus)
    assert checked == []


def test_show_from_the_command_line_is_the_same_with_and_without_the_index(scratch_corpus):
    assert run_script("index", cwd=scratch_corpus.parent).returncode == 0
    for argv in (["show", "379", "--at", "2026-03-01", "--json"], ["show", RULES, "--at", "2022-09-01", "--json"]):
        on = run_script(*argv, cwd=scratch_corpus / "kz")
        off = run_script(*argv, cwd=scratch_corpus / "kz", env={"LAWDIFF_INDEX": "off"})
        assert on.returncode == off.returncode == 0, on.stderr
        assert on.stdout == off.stdout
