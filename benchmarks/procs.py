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
import signal
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


#: Runs a command (its output discarded) and prints its peak resident memory in KB. Linux
#: gives a process the memory high-water mark of the one it was forked from, so a command
#: started straight from the benchmark process (which holds the generated corpus: gigabytes at
#: 100,000 works) would report the benchmark's size; started from this small launcher, it
#: reports its own.
_LAUNCH = ("import os, sys\n"
           "pid = os.fork()\n"
           "if pid == 0:\n"
           "    null = os.open(os.devnull, os.O_WRONLY)\n"
           "    os.dup2(null, 1)\n"
           "    os.dup2(null, 2)\n"
           "    os.execvp(sys.argv[1], sys.argv[1:])\n"
           "_, status, usage = os.wait4(pid, 0)\n"
           "print(usage.ru_maxrss)\n"
           "sys.exit(os.waitstatus_to_exitcode(status))\n")


def peak_mb(argv: list[str], timeout: float | None = None) -> tuple[float, float | None, int | None]:
    """(seconds, peak resident MB, exit code) of one run of ``argv``; the exit code and the
    memory are None when it was stopped after ``timeout`` seconds."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _LAUNCH, *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env(), start_new_session=True)
    stopped = threading.Event()

    def stop():
        stopped.set()
        os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, stop) if timeout else None
    if timer:
        timer.start()
    try:
        out, _ = proc.communicate()
    finally:
        if timer:
            timer.cancel()
    elapsed = time.perf_counter() - t
    if stopped.is_set():
        return elapsed, None, None
    return elapsed, int(out.split()[-1]) / 1024, proc.returncode


def python_pass(reps: int) -> float:
    """Median time to start and stop a bare interpreter (the unit of the CLI budgets)."""
    argv = [sys.executable, "-c", "pass"]
    warm_up(argv)
    return statistics.median(run_measured(argv)[0] for _ in range(reps))
