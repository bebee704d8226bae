"""Measured processes: every command the benchmarks time runs as a user's installed lawdiff does.

``pip install`` compiles the package to bytecode, so a user's ``lawdiff`` reads cached
bytecode on each start. An environment may set ``PYTHONDONTWRITEBYTECODE`` (then every start
recompiles every module it imports, some 80-100 ms more): every measured process, lawdiff and
the ``python -c pass`` baseline alike, runs without it, after the package is compiled once and
each command has run once untimed (:func:`prepare`, :func:`warm_up`).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HEADER = "CLI figures with Python's bytecode cache, as after pip install"

def env() -> dict[str, str]:
    """The environment of every measured process and of the corpus repositories' git: the
    bytecode cache on, git's identity set and no user or system git configuration read."""
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "GIT_AUTHOR_NAME": "Synthetic Benchmark", "GIT_AUTHOR_EMAIL": "bench@example.org",
            "GIT_COMMITTER_NAME": "Synthetic Benchmark", "GIT_COMMITTER_EMAIL": "bench@example.org",
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def lawdiff_cmd() -> list[str]:
    exe = shutil.which("lawdiff", path=str(Path(sys.executable).parent)) or shutil.which("lawdiff")
    return [exe] if exe else [sys.executable, "-m", "lawdiff"]


def prepare() -> None:
    """Compile the lawdiff package to bytecode as ``pip install`` does (its dependencies were
    compiled when they were installed), then start the bare interpreter once."""
    import lawdiff

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(lawdiff.__file__).parent)],
                   env=env(), check=True, stdout=subprocess.DEVNULL)
    warm_up([sys.executable, "-c", "pass"])


def warm_up(argv: list[str]) -> None:
    """One untimed run, so that the timed ones find every module it imports compiled."""
    subprocess.run(argv, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_measured(argv: list[str]) -> tuple[float, int, str]:
    """(seconds, exit code, stdout) of one run of ``argv`` in a new process."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - t
    return elapsed, proc.returncode, out


def peak_mb(argv: list[str], timeout: float | None = None) -> tuple[float, float, int | None]:
    """(seconds, peak resident MB, exit code) of one run of ``argv``; the exit code is None
    when it was stopped after ``timeout`` seconds."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env())
    stopped = threading.Event()

    def stop():
        stopped.set()
        proc.kill()

    timer = threading.Timer(timeout, stop) if timeout else None
    if timer:
        timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        if timer:
            timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t, usage.ru_maxrss / 1024, None if stopped.is_set() else proc.returncode


def python_pass(reps: int) -> float:
    """Median time to start and stop a bare interpreter (the unit of the CLI budgets)."""
    argv = [sys.executable, "-c", "pass"]
    warm_up(argv)
    return statistics.median(run_measured(argv)[0] for _ in range(reps))
