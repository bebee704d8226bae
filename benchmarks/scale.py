"""Figures of speed at scale: the derived index and the command line against `python -c pass`.

The command-line budgets are relative to starting a bare interpreter in the same run
(``python -c pass``), so they hold on a slow machine as on a fast one; the growth figures
compare the same command at the smallest and the largest corpus of the run. Peak memory is the
maximum resident set of the measured process (``wait4``), in MB.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from pathlib import Path

from lawdiff.corpus import Corpus

from . import synth
from .procs import lawdiff_cmd, peak_mb, run_measured, warm_up

#: Budgets of issue "speed at scale", held at N = 10,000 works (medians).
CLI_TARIFF_X_PYTHON = 10.0
CLI_SHOW_X_PYTHON = 8.0
GROWTH = 1.5
INDEX_BUILD = 30.0
INDEX_UPDATE = 0.050

#: A measured lawdiff command still running after this many seconds is stopped and its figure
#: reported as not measured.
PHASE_LIMIT = 1200.0


class Scale:
    """The index and command-line figures of one corpus size (see Runner.size)."""

    def __init__(self, runner, n: int, corpus_dir: Path, truth: synth.Truth):
        self.r, self.n, self.dir, self.truth = runner, n, corpus_dir, truth
        from .run import Figure

        self.Figure, self.cmd = Figure, [*lawdiff_cmd(), "--corpus", str(corpus_dir)]

    def index_build(self) -> bool:
        """The full build, stopped after :data:`PHASE_LIMIT` seconds; False if it did not finish
        (its figures then say so, and the caller measures nothing else at this size)."""
        from lawdiff.index import index_path

        t, mb, code = peak_mb([*self.cmd, "index", "--rebuild"], timeout=PHASE_LIMIT)
        if code is None:
            self.r.add(self.Figure("index: full build (lawdiff index --rebuild)", self.n, None, "s",
                                   budget=INDEX_BUILD,
                                   note=f"not measured: stopped after {PHASE_LIMIT:.0f} s"))
            return False
        self.r.check(f"N={self.n}: lawdiff index --rebuild succeeds", code == 0)
        size = index_path(self.dir).stat().st_size / 1e6
        self.r.add(self.Figure("index: full build (lawdiff index --rebuild)", self.n, t, "s", budget=INDEX_BUILD,
                               note=f"{size:.1f} MB on disk, peak memory {mb:.0f} MB"))
        self.r.add(self.Figure("index: size on disk", self.n, size, "MB"))
        self.r.add(self.Figure("index build: peak memory", self.n, mb, "MB"))
        return code == 0

    def index_update(self) -> None:
        """One work written through lawdiff (an event recorded and committed): the time the
        index takes inside the write (its hooks) plus the next open, which finds it current."""
        from lawdiff import writes
        from lawdiff.index import hooks, open_index
        from lawdiff.transaction import _BEGIN_HOOKS, _HOOKS

        corpus = Corpus(self.dir)
        open_index(corpus).close()
        spent: list[float] = []

        def timed_hook(fn):
            def run(*args):
                t = time.perf_counter()
                try:
                    return fn(*args)
                finally:
                    spent.append(time.perf_counter() - t)
            return run

        saved = list(_BEGIN_HOOKS), list(_HOOKS), hooks.before_write, hooks.after_write
        _BEGIN_HOOKS[:] = [h for h in _BEGIN_HOOKS if h is not hooks.before_write]
        _HOOKS[:] = [h for h in _HOOKS if h is not hooks.after_write]
        hooks.before_write, hooks.after_write = timed_hook(hooks.before_write), timed_hook(hooks.after_write)
        hooks.register()        # each write registers the module's hooks: now the timed ones
        times = []
        tariff = [w for w in self.truth.works.values() if w.rows]
        try:
            for k in range(3):
                w = tariff[k % len(tariff)]
                spent.clear()
                writes.record_event(corpus, w.id, "published", dt.date(2025, 12, 20 + k),
                                    "синтетикалық сынақ мәтіні (synthetic benchmark data)", replace=True)
                t = time.perf_counter()
                open_index(corpus).close()
                times.append(sum(spent) + time.perf_counter() - t)
        finally:
            _BEGIN_HOOKS[:], _HOOKS[:], hooks.before_write, hooks.after_write = saved
        self.r.add(self.Figure("index: incremental update after one write (in the write, and the next open)", self.n,
                               statistics.median(times), "s", budget=INDEX_UPDATE,
                               note="the written file re-indexed in its transaction; the next open checks one key"))

    def cli(self, pypass: float) -> None:
        rng = random.Random(self.n + 3)
        priced = [w for w in self.truth.works.values() if w.rows]
        tariff_times, show_times, mbs = [], [], []
        some = next(iter(priced))
        warm_up([*self.cmd, "tariff", "--at", synth.QUERY_FROM.isoformat(), "--place", synth.place_latin(some.index),
                 "--json"])
        warm_up([*self.cmd, "show", next(x for x in self.truth.works.values() if not x.rows).id, "--at",
                 synth.QUERY_FROM.isoformat(), "--json"])
        for _ in range(self.r.reps["cli"]):
            w = rng.choice(priced)
            d = synth.QUERY_FROM + dt.timedelta(days=rng.randint(0, 330))
            argv = [*self.cmd, "tariff", "--at", d.isoformat(), "--place", synth.place_latin(w.index), "--json"]
            t, code, out = run_measured(argv)
            self.r.check(f"N={self.n}: lawdiff tariff --at for {synth.place_latin(w.index)} answers",
                         code == 0 and out.count('"price"') == len(w.rows))
            tariff_times.append(t)
            rules = rng.choice([x for x in self.truth.works.values() if not x.rows])
            t, code, out = run_measured([*self.cmd, "show", rules.id, "--at", d.isoformat(), "--json"])
            self.r.check(f"N={self.n}: lawdiff show {rules.id} --json answers", code == 0 and '"provisions"' in out)
            show_times.append(t)
        mbs.append(peak_mb(argv)[1])
        self.r.add(self.Figure("CLI: lawdiff tariff --at --place --json", self.n, statistics.median(tariff_times), "s",
                               baseline=pypass, baseline_name="python -c pass",
                               budget=CLI_TARIFF_X_PYTHON * pypass,
                               note=f"budget {CLI_TARIFF_X_PYTHON:g}× python -c pass; peak memory {max(mbs):.0f} MB"))
        self.r.add(self.Figure("CLI: lawdiff show WORK --at --json", self.n, statistics.median(show_times), "s",
                               baseline=pypass, baseline_name="python -c pass", budget=CLI_SHOW_X_PYTHON * pypass,
                               note=f"budget {CLI_SHOW_X_PYTHON:g}× python -c pass"))


def growth(runner, sizes: list[int]) -> None:
    """Each CLI figure at the largest corpus over the same figure at the smallest."""
    lo, hi = min(sizes), max(sizes)
    if lo == hi:
        return
    for name in ("CLI: lawdiff tariff --at --place --json", "CLI: lawdiff show WORK --at --json"):
        a = [f for f in runner.figures if f.name == name and f.n == lo]
        b = [f for f in runner.figures if f.name == name and f.n == hi]
        from .run import Figure

        if a and b and not (a[0].value and b[0].value):
            runner.add(Figure(f"growth {lo:,} → {hi:,} works: {name[5:]}", None, None, "×",
                              budget=GROWTH if hi >= 100_000 else None,
                              note=f"not measured: {name[5:]} has no figure at {lo if not a[0].value else hi:,} works"))
        elif a and b:
            runner.add(Figure(f"growth {lo:,} → {hi:,} works: {name[5:]}", None, b[0].value / a[0].value, "×",
                              budget=GROWTH if hi >= 100_000 else None,
                              note="budget held from 100 to 100,000 works" if hi < 100_000 else ""))
