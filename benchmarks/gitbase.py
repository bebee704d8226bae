"""The naive baseline: every version of every work as a git commit, dated with its legal date.

"What did provision X say on date D" is then answered the way one would with git alone:
``git log -1 --before=D -- <file>`` finds the last commit that touched the work's file up to
D, ``git show <commit>:<file>`` reads the snapshot, and the provision is looked up in it.
A tariff query finds the commit in force on D (``git rev-list -1 --before=D``), the files of
the place with ``git grep -l``, and reads each with ``git show``.

Snapshots hold one wording per provision (the one in force), without version attributes.
The history is written with ``git fast-import``, one commit per legal date (see :func:`build`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from lxml import etree

from . import synth

REF = "refs/heads/bench"
_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    return subprocess.run(["git", "-C", str(repo), *args], input=data, capture_output=True, check=True,
                          env=_ENV).stdout


def _bytes(el: etree._Element) -> bytes:
    return etree.tostring(el, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _stamp(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def build(truth: synth.Truth, repo: Path) -> int:
    """Write the history into a new bare repository at ``repo``; returns the number of commits.

    One commit per legal date, holding every wording that comes into force that day (works
    adopted, amending acts, the price change), dated with it. A commit per act would make
    each commit rewrite the top directory of N entries, so writing the history grows with
    N² (hours at 100,000 works), and each ``git log -- FILE`` would compare that directory
    in 120,000 commits; one commit per day answers every question the same way."""
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True, env=_ENV)
    days: dict[dt.date, tuple[list[str], list[tuple[str, synth.Work, str]]]] = {}

    def event(day: dt.date, message: str, files: list[tuple[str, synth.Work, str]]) -> None:
        messages, changed = days.setdefault(day, ([], []))
        messages.append(message)
        changed += files

    for w in truth.works.values():
        event(w.eif, f"{w.id}: adopted {w.date}, in force {w.eif}", [(w.id, w, "old")])
    for a in truth.amending.values():
        changed = sorted({wid for wid, _ in a.targets})
        event(a.eif, f"{a.id} amends {', '.join(changed)} from {a.eif}",
              [(wid, truth.works[wid], "new") for wid in changed])
    priced = [w for w in truth.works.values() if any(r.new_price for r in w.rows)]
    if priced:
        event(synth.PRICE_CHANGE, f"new prices from {synth.PRICE_CHANGE}", [(w.id, w, "new") for w in priced])
    proc = subprocess.Popen(["git", "-C", str(repo), "fast-import", "--quiet"], stdin=subprocess.PIPE, env=_ENV)
    try:
        for day in sorted(days):
            messages, files = days[day]
            msg = "\n".join(messages).encode("utf-8")
            proc.stdin.write(b"commit %s\ncommitter Synthetic Benchmark <bench@example.org> %d +0000\ndata %d\n%s\n"
                             % (REF.encode(), _stamp(day), len(msg), msg))
            for wid, w, state in files:
                data = _bytes(synth.work_xml(w, versioned=False, state=state))
                proc.stdin.write(b"M 100644 inline %s.xml\ndata %d\n%s\n" % (wid.encode(), len(data), data))
            proc.stdin.write(b"\n")
    finally:
        proc.stdin.close()
        if proc.wait():
            raise subprocess.CalledProcessError(proc.returncode, "git fast-import")
    return len(days)


def _until(day: dt.date) -> str:
    return f"{day.isoformat()}T23:59:59Z"


def provision_text(repo: Path, work: str, eid: str, day: dt.date) -> list[str] | None:
    """The paragraphs of provision ``eid`` of ``work`` on ``day``, by walking the history."""
    path = f"{work}.xml"
    sha = _git(repo, "log", "-1", "--format=%H", f"--before={_until(day)}", REF, "--", path).decode().strip()
    if not sha:
        return None
    root = etree.fromstring(_git(repo, "show", f"{sha}:{path}"))
    el = root.find(f".//*[@eId='{eid}']")
    return None if el is None else [p.text for p in el.iter("p")]


def tariff_rows(repo: Path, latin: str, day: dt.date) -> list[tuple[int, str]]:
    """(row number, price) of every tariff row of the place's acts as they stood on ``day``."""
    sha = _git(repo, "rev-list", "-1", f"--before={_until(day)}", REF).decode().strip()
    if not sha:
        return []
    try:
        hits = _git(repo, "grep", "-l", "-F", f'latin="{latin}"', sha).decode().split()
    except subprocess.CalledProcessError:        # no match
        return []
    rows = []
    for hit in hits:
        root = etree.fromstring(_git(repo, "show", hit))
        if root.find("meta/period") is not None:
            p = root.find("meta/period")
            if not (p.get("from") <= day.isoformat() < p.get("until")):
                continue
        rows += [(int(r.get("num")), r.get("price")) for r in root.iter("row")]
    return rows


def snapshot(repo: Path, work: str, day: dt.date) -> bytes:
    """The bytes of a work's snapshot in force on ``day``."""
    path = f"{work}.xml"
    sha = _git(repo, "log", "-1", "--format=%H", f"--before={_until(day)}", REF, "--", path).decode().strip()
    return _git(repo, "show", f"{sha}:{path}")
