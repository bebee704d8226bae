"""Crash harness: every writing command killed at random moments, the corpus checked after the
next lawdiff command.

    python -m benchmarks.crashes                 # 300 kills: the figures in docs/reliability.md
    python -m benchmarks.crashes --kills 60 --seed 7

Each trial resets a scratch repository to its base commit, starts one writing command
(``event add``, ``import``, ``apply``, ``amendments --store``, ``build``), stops it — kill -9 of
the process (its git children run on), kill -9 of its whole process group, or Ctrl-C (SIGINT
to the group) — either after a random delay or the moment its staged files or its journal
appear (between writing and committing), then runs ``lawdiff ls`` (a read-only command, which
completes or rolls back an interrupted write) and checks: HEAD and the files are exactly the
old state or exactly the new one (one commit, the intended tree, its trailers), ``git status``
is clean, no lock or journal is left, and ``lawdiff validate`` passes. The tests run a few
dozen trials (tests/test_transaction.py); this script runs the full set and prints figures.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SEED_2999 = CORPUS / "sources" / "seeds" / "001_f45ab0f2d5c50f09.txt"
W2999, W330 = "kz/oral-akimat/resolution/2025/2999", "kz/government/decree/2009/330"
A308, W379 = "kz/mlsp/order/2022/308", "kz/mlsp/order/2018/379"
RULES_379 = REPO / "tests" / "data" / "amend" / "synthetic_rules_379.xml"
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
COMMANDS = ("event add", "import", "apply", "amendments --store", "build")
SIGNALS = ("kill-9", "kill-9-group", "ctrl-c")
MOMENTS = ("random", "staged", "journal", "branch moved")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_ENV}).stdout


def lawdiff_argv(corpus: Path, argv: list[str]) -> list[str]:
    return [sys.executable, "-m", "lawdiff", "--corpus", str(corpus), *argv]


def files(repo: Path) -> dict[str, bytes]:
    """Every file of the working tree but git's own and lawdiff's runtime folder."""
    out = {}
    for p in repo.rglob("*"):
        rel = p.relative_to(repo).as_posix()
        if rel.startswith(".git/") or "/.lawdiff/" in f"/{rel}" or not p.is_file():
            continue
        out[rel] = p.read_bytes()
    return out


def _commit_repo(repo: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo


def make_repo(name: str, where: Path) -> tuple[Path, list[str]]:
    """A scratch repository for one writing command, and the command's arguments."""
    from lawdiff.model import xmlio

    repo = where / name.replace(" ", "-").replace("--", "")
    corpus = repo / "corpus"
    if name in ("apply", "amendments --store"):
        # The synthetic Rules of order 379 and order 308 as imported, operations not stored.
        for wid, src in ((W379, RULES_379), (A308, CORPUS / f"{A308}.xml")):
            dest = corpus / f"{wid}.xml"
            dest.parent.mkdir(parents=True)
            act = xmlio.parse_file(src).getroot()
            for stored in act.findall("amendments"):
                act.remove(stored)
            dest.write_bytes(xmlio.serialise(act))
        _commit_repo(repo)
        return repo, (["apply", A308] if name == "apply" else ["amendments", A308, "--store"])
    shutil.copytree(CORPUS, corpus, ignore=shutil.ignore_patterns(".lawdiff"))
    if name == "import":
        (corpus / f"{W2999}.xml").unlink()
    if name == "build":   # two works out of date: the build rewrites both in one commit
        for wid in (W2999, W330):
            path = corpus / f"{wid}.xml"
            path.write_bytes(path.read_bytes().replace(b"</title>", b" (stale)</title>", 1))
    _commit_repo(repo)
    return repo, {"event add": ["event", "add", W330, "published", "2009-03-20", "--source", "crash harness"],
                  "import": ["import", str(SEED_2999)], "build": ["build"]}[name]


@dataclass
class Reference:
    """What the command does when it runs to its end."""

    base: str
    before: dict[str, bytes]
    after: dict[str, bytes]
    tree: str
    subject: str
    duration: float


class Case:
    """One writing command on its scratch repository."""

    def __init__(self, name: str, where: Path):
        self.name = name
        self.repo, self.argv = make_repo(name, where)
        self.corpus = self.repo / "corpus"
        self.ref = self._reference()

    def _reference(self) -> Reference:
        base, before = git(self.repo, "rev-parse", "HEAD").strip(), files(self.repo)
        copy = self.repo.parent / f"{self.repo.name}-ref"
        shutil.copytree(self.repo, copy, symlinks=True)
        t0 = time.monotonic()
        proc = subprocess.run(lawdiff_argv(copy / "corpus", self.argv), capture_output=True, text=True,
                              env={**os.environ, **GIT_ENV})
        duration = time.monotonic() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"{self.name}: {proc.stderr}")
        ref = Reference(base, before, files(copy), git(copy, "rev-parse", "HEAD^{tree}").strip(),
                        git(copy, "log", "-1", "--format=%s").strip(), duration)
        shutil.rmtree(copy)
        if ref.after == before:
            raise RuntimeError(f"{self.name}: the command changed nothing")
        return ref

    def reset(self) -> None:
        # After an inconsistent trial (already counted), clear what it left for the next one.
        for stale in [*_git_locks(self.repo), *(self.repo / ".git").glob("lawdiff-*.token*")]:
            stale.unlink(missing_ok=True)
        git(self.repo, "reset", "-q", "--hard", self.ref.base)
        git(self.repo, "clean", "-q", "-fdx")

    def trial(self, sig: str, moment: str, rng: random.Random) -> str:
        """Interrupt the command once; return the state found after the next command (raises
        AssertionError when the corpus is not consistent)."""
        self.reset()
        proc = subprocess.Popen(lawdiff_argv(self.corpus, self.argv), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env={**os.environ, **GIT_ENV}, start_new_session=True)
        _wait_for(proc, self.repo, moment, rng.uniform(0.0, 1.1) * self.ref.duration)
        if proc.poll() is None:
            if sig == "kill-9":
                proc.kill()                             # the command only: a git child runs on
            else:
                with _gone():
                    os.killpg(proc.pid, signal.SIGKILL if sig == "kill-9-group" else signal.SIGINT)
        proc.communicate(timeout=120)
        _wait_for_group(proc.pid)
        journal = (self.corpus / ".lawdiff" / "journal.json").exists()
        code, err = _run_in_process(self.corpus, ["ls"])      # the next command: read-only
        assert code == 0, err
        return self.check() + ("+journal" if journal else "")

    def check(self) -> str:
        repo, ref = self.repo, self.ref
        assert not _git_locks(repo), f"git lock files left behind: {_git_locks(repo)}"
        assert not (self.corpus / ".lawdiff" / "journal.json").exists(), "journal left behind"
        assert not list((repo / ".git").glob("lawdiff-*.token*")), "index lock token left behind"
        status = git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()
        assert status == [], f"git status not clean: {status}"
        now, head = files(repo), git(repo, "rev-parse", "HEAD").strip()
        if head == ref.base:
            assert now == ref.before, "HEAD is the old commit but the files changed"
            state = "untouched"
        else:
            assert git(repo, "rev-parse", "HEAD^").strip() == ref.base, "more than one commit"
            assert git(repo, "rev-parse", "HEAD^{tree}").strip() == ref.tree, "the commit is not the intended change"
            assert git(repo, "log", "-1", "--format=%s").strip() == ref.subject, "not the command's commit message"
            assert now == ref.after, "the files are not the committed state"
            state = "committed"
        code, err = _run_in_process(self.corpus, ["validate"])
        assert code == 0, err
        return state


def _git_locks(repo: Path) -> list[Path]:
    """git's lock files (index.lock, HEAD.lock, a branch's .lock)."""
    git_dir = repo / ".git"
    return [p for p in (git_dir / "index.lock", git_dir / "HEAD.lock", *git_dir.glob("refs/heads/*.lock")) if p.exists()]


def _run_in_process(corpus: Path, argv: list[str]) -> tuple[int, str]:
    """Run a lawdiff command in this process, its output captured; (exit code, stderr)."""
    import contextlib
    import io

    from lawdiff.cli.main import run

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = run(["--corpus", str(corpus), *argv])
    return code, err.getvalue()


def _wait_for(proc: subprocess.Popen, repo: Path, moment: str, delay: float) -> None:
    """Return at the moment to interrupt: after ``delay``; when the staged files or the journal
    appear; or right after the branch moved (the commit point), while the working files are
    being brought to it. Or when the command has ended."""
    if moment == "random":
        time.sleep(delay)
        return
    head = (repo / ".git" / "HEAD").read_text().split(": ", 1)[-1].strip()
    ref = repo / ".git" / head
    base = ref.read_text()

    def reached() -> bool:
        if moment == "branch moved":
            try:
                return ref.read_text() != base
            except OSError:
                return False
        return (repo / "corpus" / ".lawdiff" / ("staged" if moment == "staged" else "journal.json")).exists()

    end = time.monotonic() + 120
    while proc.poll() is None and not reached() and time.monotonic() < end:
        time.sleep(0.0002)


class _gone:
    """Ignore a process group that has already exited."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        return kind is ProcessLookupError


def _wait_for_group(pgid: int, timeout: float = 30) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError("a child of the killed command is still running")


def run_trials(where: Path, kills: int, seed: int, commands=COMMANDS) -> tuple[Counter, list[str]]:
    """``kills`` trials spread over every command, signal and moment; (states, failures)."""
    rng = random.Random(seed)
    cases = {name: Case(name, where) for name in commands}
    states: Counter = Counter()
    failures: list[str] = []
    plan = [(c, s, m) for c in commands for s in SIGNALS for m in MOMENTS]
    for i in range(kills):
        name, sig, moment = plan[i % len(plan)]
        try:
            state = cases[name].trial(sig, moment, rng)
            states[(name, state)] += 1
        except AssertionError as exc:
            failures.append(f"{name} / {sig} / {moment}: {exc}")
    return states, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        states, failures = run_trials(Path(tmp), args.kills, args.seed)
    print(f"{'command':22} {'state after the next command':34} trials")
    for (name, state), n in sorted(states.items()):
        print(f"{name:22} {state:34} {n}")
    total = sum(states.values()) + len(failures)
    print(f"\nkills tried: {total}; consistent after the next command: {sum(states.values())}; "
          f"inconsistent: {len(failures)}; journals completed or rolled back: "
          f"{sum(n for (_, s), n in states.items() if s.endswith('+journal'))} "
          f"({time.monotonic() - t0:.0f} s)")
    for f in failures:
        print("INCONSISTENT:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
