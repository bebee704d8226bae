"""The derived SQLite index: same answers as the XML, and never trusted when it may be wrong.

Every test compares against the answers computed from the XML alone (``LAWDIFF_INDEX=off``),
on the shipped corpus (real acts) and on a small synthetic corpus from the benchmarks'
generator (made-up acts that say so, with amending acts whose entry into force bounds the
versions of other works).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from lawdiff import api
from lawdiff.corpus import Corpus
from lawdiff.index import index_path, open_index
from lawdiff.index.schema import PER_FILE
from lawdiff.model import xmlio
from lawdiff.results import to_json
from tests.conftest import ROOT, run_script

sys.path.insert(0, str(ROOT))   # the synthetic corpus generator lives in benchmarks/
from benchmarks import synth  # noqa: E402

DATES = [dt.date(2022, 9, 1), dt.date(2026, 1, 5), dt.date(2026, 3, 1), dt.date(2026, 7, 15), dt.date(2027, 2, 1)]
#: (place, setting): the gazetteer's names, a place it does not know, Latin names in any case
PLACES = [("Орал", None), ("Уральск", "home"), ("Орал қаласы", "stationary"), ("Бәйтерек", None),
          ("Atyrau", None), ("Sintetika-0003", None), ("Синтетика-0006", "home"), ("sintetika-0009", None)]


def _answer(fn, *args):
    """The result, or the error the user would see (it is part of the answer too)."""
    try:
        return to_json(fn(*args))
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"


def answers(corpus: Path) -> dict:
    """The query suite: every cross-corpus question the index answers, as plain data."""
    c = Corpus(corpus)
    out: dict = {"ls": _answer(api.list_works, c)}
    for d in DATES:
        out[f"at {d}"] = _answer(api.works_at, c, d)
        for place, setting in PLACES:
            out[f"tariff {d} {place} {setting}"] = _answer(api.tariffs_at, c, d, place, setting)
        out[f"tariff {d} service"] = _answer(api.tariffs_at, c, d, "Орал", None, "жерлеу", "күтім")
    for q in ("308", "379", "330", "2999", "1971", "668", "V1800017467", "8", "3", "9999", "kz/mlsp/order/2018/379"):
        out[f"resolve {q}"] = _answer(api.resolve, c, q)
    return out


def without_index(monkeypatch, corpus: Path) -> dict:
    monkeypatch.setenv("LAWDIFF_INDEX", "off")
    try:
        return answers(corpus)
    finally:
        monkeypatch.delenv("LAWDIFF_INDEX")


def dump(corpus: Path) -> dict:
    """Every row of the index but the stamps, to compare an updated index with a rebuilt one."""
    conn = sqlite3.connect(index_path(corpus))
    out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in PER_FILE if t != "files"}
    out["files"] = sorted(conn.execute("SELECT file, sha, error, tariff_marker FROM files").fetchall())
    conn.close()
    return out


def rebuilt(corpus: Path, tmp_path: Path) -> dict:
    """The dump of an index built from nothing over a copy of the same files."""
    import shutil

    copy = tmp_path / "rebuilt" / "corpus"
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns(".lawdiff"))
    open_index(Corpus(copy)).close()
    return dump(copy)


@pytest.fixture
def synthetic_corpus(tmp_path: Path) -> Path:
    """60 synthetic works and their amending acts (made up by benchmarks/synth.py)."""
    root = tmp_path / "synthetic" / "corpus"
    synth.write_corpus(synth.generate(30), root)
    return root


@pytest.fixture
def both(scratch_corpus: Path, synthetic_corpus: Path) -> Path:
    """The shipped real acts and the synthetic ones in one corpus."""
    import shutil

    shutil.copytree(synthetic_corpus / "kz", scratch_corpus / "kz", dirs_exist_ok=True)
    return scratch_corpus


def test_same_answers_with_and_without_the_index(both, monkeypatch):
    expected = without_index(monkeypatch, both)
    assert any(rows for key, (rows, _) in ((k, v) for k, v in expected.items() if k.startswith("tariff")))
    assert not index_path(both).exists()
    assert answers(both) == expected            # builds the index
    assert index_path(both).exists()
    assert answers(both) == expected            # reads it
    index_path(both).unlink()
    assert answers(both) == expected            # deleted: rebuilt, same answers


def test_index_is_git_ignored(scratch_corpus):
    api.list_works(Corpus(scratch_corpus))
    assert index_path(scratch_corpus).exists()
    status = subprocess.run(["git", "-C", str(scratch_corpus), "status", "--porcelain", "--ignored=no"],
                            capture_output=True, text=True, check=True).stdout
    assert status == ""


@pytest.mark.parametrize("garbage", [b"not a database at all\n" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_corrupt_index_is_rebuilt(scratch_corpus, monkeypatch, garbage):
    expected = without_index(monkeypatch, scratch_corpus)
    answers(scratch_corpus)
    path = index_path(scratch_corpus)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(garbage)
    assert answers(scratch_corpus) == expected
    assert sqlite3.connect(path).execute("SELECT count(*) FROM works").fetchone()[0] == 6


def test_index_of_another_version_is_rebuilt(scratch_corpus, monkeypatch):
    expected = without_index(monkeypatch, scratch_corpus)
    answers(scratch_corpus)
    conn = sqlite3.connect(index_path(scratch_corpus))
    conn.execute("UPDATE meta SET value = 'old' WHERE key = 'version'")
    conn.execute("DELETE FROM tariff_rows")
    conn.commit()
    conn.close()
    assert answers(scratch_corpus) == expected


def _edit_price(path: Path, old: bytes, new: bytes) -> None:
    """A hand edit in place (same inode, same size), as an editor that rewrites the file does."""
    data = path.read_bytes()
    assert data.count(old) >= 1 and len(old) == len(new)
    with open(path, "r+b") as fh:
        fh.write(data.replace(old, new, 1))


def test_hand_edit_is_noticed(scratch_corpus, monkeypatch, tmp_path):
    c = Corpus(scratch_corpus)
    when = dt.date(2026, 3, 1)
    rows, _ = api.tariffs_at(c, when, "Орал", "home")
    assert rows[0].record.price == Decimal("948.30")
    _edit_price(c.path("kz/oral-akimat/resolution/2025/2999"), b'price="948.30"', b'price="948.31"')
    rows, _ = api.tariffs_at(c, when, "Орал", "home")
    assert rows[0].record.price == Decimal("948.31")
    assert answers(scratch_corpus) == without_index(monkeypatch, scratch_corpus)
    assert dump(scratch_corpus) == rebuilt(scratch_corpus, tmp_path)


def test_same_second_edit_with_the_old_stamp_is_noticed(scratch_corpus):
    """A file changed within the instant it was indexed, its mtime put back: the stamp is not
    trusted while it is young, so the bytes are compared."""
    c = Corpus(scratch_corpus)
    path = c.path("kz/oral-akimat/resolution/2025/2999")
    os.utime(path, ns=(time.time_ns(), time.time_ns()))
    st = path.stat()
    assert api.tariffs_at(c, dt.date(2026, 3, 1), "Орал", "home")[0][0].record.price == Decimal("948.30")
    _edit_price(path, b'price="948.30"', b'price="948.32"')
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert api.tariffs_at(c, dt.date(2026, 3, 1), "Орал", "home")[0][0].record.price == Decimal("948.32")


def test_added_removed_and_moved_files(both, monkeypatch, tmp_path):
    c = Corpus(both)
    answers(both)
    one = c.path(synth.work_id(3))
    gone = c.path(synth.work_id(6))
    gone.unlink()
    one.rename(one.with_name("3-copy.xml"))        # a file whose id no longer matches its name
    subprocess.run(["git", "-C", str(both), "add", "-A"], check=True)   # git sees it: so does the index
    assert answers(both) == without_index(monkeypatch, both)
    assert dump(both) == rebuilt(both, tmp_path)


def test_amending_act_edit_reindexes_the_works_it_amended(synthetic_corpus, monkeypatch, tmp_path):
    """The versions an amending act gave start with its entry into force: editing its lifecycle
    changes the intervals stored for the works it amended."""
    c = Corpus(synthetic_corpus)
    answers(synthetic_corpus)
    amending = c.path(synth.amending_id(1))
    tree = xmlio.parse_file(amending)
    event = tree.getroot().find("lifecycle/event[@kind='entry-into-force']")
    old = event.get("date")
    event.set("date", (dt.date.fromisoformat(old) + dt.timedelta(days=40)).isoformat())
    amending.write_bytes(xmlio.serialise(tree.getroot()))
    conn = sqlite3.connect(index_path(synthetic_corpus))
    dependents = {r[0] for r in conn.execute("SELECT file FROM deps WHERE needs = ?", (synth.amending_id(1),))}
    assert dependents
    before = dump(synthetic_corpus)
    assert answers(synthetic_corpus) == without_index(monkeypatch, synthetic_corpus)
    after = dump(synthetic_corpus)
    assert after == rebuilt(synthetic_corpus, tmp_path)
    changed = {row[0] for row in set(after["intervals"]) ^ set(before["intervals"])}
    assert dependents <= changed


def test_unreadable_file_gives_the_same_error(scratch_corpus, monkeypatch):
    bad = scratch_corpus / "kz" / "mlsp" / "order" / "2018" / "999.xml"
    bad.write_bytes(b"<act id='kz/mlsp/order/2018/999'><unclosed></act>")
    expected = without_index(monkeypatch, scratch_corpus)
    # One bad file is reported and skipped, not fatal to the corpus (docs/reliability.md).
    assert expected["resolve 308"] == "kz/mlsp/order/2022/308"
    assert answers(scratch_corpus) == expected
    bad.unlink()
    assert answers(scratch_corpus) == without_index(monkeypatch, scratch_corpus)


def _rebuild_loop(corpus: Path, seconds: float) -> subprocess.Popen:
    code = ("import sys, time\nfrom lawdiff.corpus import Corpus\nfrom lawdiff.index import open_index\n"
            f"end = time.monotonic() + {seconds}\n"
            "while time.monotonic() < end:\n    open_index(Corpus(sys.argv[1]), rebuild=True).close()\n")
    return subprocess.Popen([sys.executable, "-c", code, str(corpus)])


def test_reader_during_a_write_sees_a_whole_index(synthetic_corpus, monkeypatch):
    expected = without_index(monkeypatch, synthetic_corpus)
    c = Corpus(synthetic_corpus)
    open_index(c).close()
    writer = _rebuild_loop(synthetic_corpus, 2)
    try:
        reads = 0
        while writer.poll() is None:
            for key in ("ls", f"at {DATES[2]}"):
                got = api.list_works(c) if key == "ls" else api.works_at(c, DATES[2])
                assert to_json(got) == expected[key]
            assert to_json(api.tariffs_at(c, DATES[3], "Sintetika-0003")) == expected[f"tariff {DATES[3]} Sintetika-0003 None"]
            reads += 1
    finally:
        writer.wait()
    assert writer.returncode == 0 and reads > 0


@pytest.mark.parametrize("delay", [0.1, 0.6])
def test_killed_write_leaves_a_usable_index(synthetic_corpus, monkeypatch, tmp_path, delay):
    expected = without_index(monkeypatch, synthetic_corpus)
    writer = _rebuild_loop(synthetic_corpus, 30)
    time.sleep(delay)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert answers(synthetic_corpus) == expected
    assert dump(synthetic_corpus) == rebuilt(synthetic_corpus, tmp_path)


def test_index_command(scratch_corpus, tmp_path):
    proc = run_script("--corpus", str(scratch_corpus), "index", "--json")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert (info["works"], info["tariff_rows"], info["unreadable"]) == (6, 275, [])
    proc = run_script("index", "--rebuild", cwd=scratch_corpus / "kz")       # found upward, from a subfolder
    assert proc.returncode == 0, proc.stderr
    assert "6 works" in proc.stdout and str(index_path(scratch_corpus)) in proc.stdout
    proc = run_script("index", env={"LAWDIFF_INDEX": "off"}, cwd=scratch_corpus.parent)
    assert proc.returncode == 1 and proc.stderr.startswith("lawdiff: error: no index for")


def test_cli_answers_with_and_without_the_index(scratch_corpus):
    for argv in (["tariff", "--at", "2026-03-01", "--place", "Oral", "--json"], ["at", "2026-03-01", "--json"],
                 ["ls", "--json"], ["show", "379", "--at", "2026-03-01", "--json"], ["timeline", "308", "--json"],
                 ["log", "2999", "--json"], ["blame", "V1800017467", "--at", "2026-03-01", "--json"]):
        off = run_script(*argv, cwd=scratch_corpus.parent, env={"LAWDIFF_INDEX": "off"})
        on = run_script(*argv, cwd=scratch_corpus.parent)
        assert off.returncode == on.returncode == 0, on.stderr
        assert json.loads(on.stdout) == json.loads(off.stdout)
    assert index_path(scratch_corpus).exists()
