"""The full build of the derived index: in worker processes when there are many files, the
same index row for row as a build in one process.

The corpus is the shipped real acts, the synthetic works of benchmarks/synth.py (made up, and
saying so) and two bad files (one not well-formed, one whose id does not match its path), so
the rows of errors are compared too. The builds run in a subprocess, as ``lawdiff index
--rebuild`` runs, with the threshold for workers lowered so that this small corpus is spread
over them in several chunks.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from lawdiff.index import index_path
from lawdiff.index.schema import PER_FILE
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT))   # the synthetic corpus generator lives in benchmarks/
from benchmarks import synth  # noqa: E402

BUILD = """
import sys
from pathlib import Path
from lawdiff.corpus import Corpus
from lawdiff.index import indexer, open_index

indexer.PARALLEL_FROM, indexer.CHUNK = int(sys.argv[2]), 7
ran = []
parallel = indexer._parallel
indexer._parallel = lambda *args: ran.append(args[2]) or parallel(*args)
open_index(Corpus(Path(sys.argv[1])), rebuild=True).close()
print(f"workers {ran[0]}" if ran else "in-process")
"""


def build(corpus: Path, parallel_from: int) -> str:
    """Rebuild the index in a new process; how it was built ("workers N" or "in-process")."""
    proc = subprocess.run([sys.executable, "-c", BUILD, str(corpus), str(parallel_from)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "failed" not in proc.stderr, proc.stderr
    return proc.stdout.strip()


def every_row(corpus: Path) -> dict[str, list[tuple]]:
    """Every row of every table, with its rowid, in rowid order: identical means identical."""
    conn = sqlite3.connect(index_path(corpus))
    try:
        return {t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall() for t in (*PER_FILE, "meta")}
    finally:
        conn.close()


def test_parallel_build_is_the_serial_build_row_for_row(scratch_corpus: Path, tmp_path: Path):
    synth.write_corpus(synth.generate(30), tmp_path / "synthetic")
    shutil.copytree(tmp_path / "synthetic" / "kz", scratch_corpus / "kz", dirs_exist_ok=True)
    bad = scratch_corpus / "kz" / "mlsp" / "order" / "2018"
    (bad / "998.xml").write_bytes(b"<act id='kz/mlsp/order/2018/998'><unclosed></act>")
    shutil.copy(bad / "379.xml", bad / "997.xml")        # holds work .../379, not .../997
    old = time.time() - 3600          # stamps older than the racy window: stored as they are
    for top, _, names in os.walk(scratch_corpus / "kz"):
        for name in names:
            os.utime(os.path.join(top, name), (old, old))

    assert build(scratch_corpus, parallel_from=10**9) == "in-process"
    serial = every_row(scratch_corpus)
    assert build(scratch_corpus, parallel_from=1).startswith("workers ")
    parallel = every_row(scratch_corpus)

    assert len(serial["files"]) == 44 and len(serial["versions"]) > 1000 and serial["tariff_rows"]
    errors = {row[1]: row[5] for row in serial["files"] if row[5]}
    assert set(errors) == {"kz/mlsp/order/2018/998.xml", "kz/mlsp/order/2018/997.xml"}
    assert "not well-formed" in errors["kz/mlsp/order/2018/998.xml"]
    for table in serial:
        assert parallel[table] == serial[table], table
