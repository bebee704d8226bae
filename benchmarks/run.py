"""Run the benchmarks and print each figure beside its baseline and budget.

    python -m benchmarks            # N = 100, 1,000, 10,000 and 100,000 works (an hour or more)
    python -m benchmarks --quick    # N = 100 and 1,000, fewer repetitions (under a minute)

Everything runs on synthetic corpora written to a temporary directory (see synth.py); the
shipped corpus is only read (order 308, for the order-308-sized apply). See
docs/benchmarks.md for what each figure measures and why the baselines are what they are.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from lawdiff import api, review
from lawdiff.corpus import Corpus
from lawdiff.diff import tokenise, word_diff
from lawdiff.ingest.importer import import_source
from lawdiff.model import xmlio

from . import gitbase, procs, scale, synth
from .corpusrepo import commit_corpus, git
from .procs import lawdiff_cmd, warm_up

REPO = Path(__file__).resolve().parents[1]
A308, W379 = "kz/mlsp/order/2022/308", "kz/mlsp/order/2018/379"
RULES_379 = REPO / "tests" / "data" / "amend" / "synthetic_rules_379.xml"

#: The budgets the output is held to (seconds), and the corpus size they are set for.
BUDGET_LOOKUP_LIBRARY = 0.002
BUDGET_LOOKUP_CLI = 0.3
BUDGET_APPLY_308 = 0.3
BUDGET_AT = 10_000
BUDGET_TARIFF_LIBRARY = 0.010
TARIFF_MIN_RATIO = 50.0

#: The git-log baseline walks the history comparing trees of N entries (seconds per query at
#: 100,000 works): its queries stop once they have taken this long, after at least MIN_GIT_REPS.
GIT_SECONDS = 30.0
MIN_GIT_REPS = 5

#: The figures measured at each corpus size, in their order (for a size cut short).
SIZE_FIGURES = (
    ("index: full build (lawdiff index --rebuild)", "s"), ("index: size on disk", "MB"),
    ("index build: peak memory", "MB"), ("provision at a date: library (api.show)", "s"),
    ("provision at a date: CLI (lawdiff show --json)", "s"),
    ("tariff rows in force at a date, one place, whole corpus (library)", "s"),
    ("CLI: lawdiff tariff --at --place --json", "s"), ("CLI: lawdiff show WORK --at --json", "s"),
    ("index: incremental update after one write (in the write, and the next open)", "s"),
    ("apply: operations per second (library, validated, written)", "/s"),
    ("apply order 308 (47 operations): CLI end to end, validated and committed", "s"),
    ("apply order 308 (47 operations): library, validated and committed", "s"),
)



@dataclass
class Figure:
    name: str
    n: int | None
    value: float | None            # seconds (times) or per second (rates)
    unit: str                      # "s" or "/s"
    p99: float | None = None
    baseline: float | None = None
    baseline_p99: float | None = None
    baseline_name: str = ""
    budget: float | None = None
    note: str = ""
    min_ratio: float | None = None     # the baseline must be at least this many times slower
    #: The budget holds at every corpus size (apply), not only at the size it is set for.
    every_size: bool = False
    #: Is the budget held at this figure's size? Elsewhere the figure is only compared with it.
    held: bool = True

    @property
    def ratio(self) -> float | None:
        if self.value is None or self.baseline is None or not self.value or not self.baseline:
            return None
        return self.baseline / self.value if self.unit == "s" else self.value / self.baseline

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "not measured"
        if self.budget is None and self.min_ratio is None:
            return ""
        ok = (self.budget is None or self.value <= self.budget) and \
            (self.min_ratio is None or (self.ratio or 0) >= self.min_ratio)
        if not self.held:
            return "(within)" if ok else "(over)"
        return "pass" if ok else "FAIL"

    def budget_text(self) -> str:
        parts = [f"≤ {fmt_value(self.budget, self.unit)}"] if self.budget is not None else []
        if self.min_ratio is not None:
            parts.append(f"≥ {self.min_ratio:g}× faster")
        return ", ".join(parts) or "—"


def fmt_time(s: float | None) -> str:
    if s is None:
        return "—"
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.2f} ms" if s < 0.01 else f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def fmt_value(v: float | None, unit: str, p99: float | None = None) -> str:
    if v is None:
        return "—"
    if unit in ("×", "MB"):
        return f"{v:,.2f}×" if unit == "×" else f"{v:,.1f} MB"
    text = fmt_time(v) if unit == "s" else f"{v:,.0f}/s" if v >= 10 else f"{v:.1f}/s"
    if p99 is not None:
        text += f" (p99 {fmt_time(p99)})"
    return text


def pct(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (p99 of fewer than 100 samples is their maximum)."""
    s = sorted(samples)
    return s[min(len(s) - 1, max(0, int(round(q / 100 * len(s) + 0.5)) - 1))]


def timed(fn, *args, **kw) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t, out


class Runner:
    def __init__(self, quick: bool, sizes: list[int], work: Path, log=print, baseline_up_to: int | None = None):
        self.quick, self.sizes, self.work, self.log = quick, sizes, work, log
        self.baseline_up_to = baseline_up_to
        self.figures: list[Figure] = []
        self.checks: list[str] = []
        self.reps = dict(lib=300, git=15, cli=10, tariff=3, imports=20, pending=10, apply=3, diff=5) if quick else \
            dict(lib=1000, git=40, cli=30, tariff=3, imports=100, pending=30, apply=5, diff=10)

    @property
    def judged_at(self) -> int | None:
        """The corpus size at which the budgets are held: the size they are set for, or the
        largest of a run that stops below it; None for a run that skips it."""
        if BUDGET_AT in self.sizes:
            return BUDGET_AT
        return max(self.sizes) if max(self.sizes) < BUDGET_AT else None

    def add(self, fig: Figure) -> None:
        fig.held = fig.n is None or fig.every_size or fig.n == self.judged_at
        self.figures.append(fig)
        self.log(f"  {fig.name}{f' [N={fig.n:,}]' if fig.n else ''}: {fmt_value(fig.value, fig.unit, fig.p99)}"
                 + (f"  vs {fig.baseline_name} {fmt_value(fig.baseline, fig.unit, fig.baseline_p99)}" if fig.baseline_name else ""))

    def check(self, what: str, ok: bool) -> None:
        self.checks.append(f"{'ok' if ok else 'MISMATCH'}: {what}")
        if not ok:
            self.log(f"  MISMATCH: {what}")

    # -- size-independent figures ----------------------------------------------------------
    def imports(self) -> None:
        self.log("import")
        rng = random.Random(7)
        texts = [synth.adilet_text(1000 + i, rng).encode("utf-8") for i in range(self.reps["imports"])]
        import_source(texts[0], "warm-up.txt")
        t = time.perf_counter()
        rows = 0
        for i, data in enumerate(texts):
            rows += len(import_source(data, f"synthetic-{i}.txt").root.findall(".//row"))
        elapsed = time.perf_counter() - t
        self.check(f"every synthetic text imported with its {rows // len(texts)} tariff rows",
                   rows == len(texts) * 60)
        self.add(Figure("import adilet text (cells layout, 60 tariff rows)", None, len(texts) / elapsed, "/s",
                        note=f"{len(texts)} acts, {sum(map(len, texts)) // len(texts) // 1024} KB each"))

    def word_diffs(self, truth: synth.Truth) -> None:
        pairs = []
        for w in truth.works.values():
            for c in w.clauses:
                if c.by:
                    pairs += list(zip(c.paras, c.new_paras))
        pairs = pairs[:400]

        def ours():
            for a, b in pairs:
                word_diff(a, b)

        def base():
            for a, b in pairs:
                difflib.SequenceMatcher(None, tokenise(a), tokenise(b), autojunk=False).get_opcodes()

        t_ours = statistics.median(timed(ours)[0] for _ in range(self.reps["diff"]))
        t_base = statistics.median(timed(base)[0] for _ in range(self.reps["diff"]))
        self.add(Figure("word diff of one changed paragraph (word_diff)", None, t_ours / len(pairs), "s",
                        baseline=t_base / len(pairs), baseline_name="difflib on the same tokens",
                        note=f"median of {len(pairs)} pairs"))

    def act_diff(self, corpus: Corpus, base_repo: Path, truth: synth.Truth) -> None:
        from xmldiff import main as xmldiff

        w = next(w for w in truth.works.values() if any(c.by for c in w.clauses))
        eif = truth.amending[next(c.by for c in w.clauses if c.by)].eif
        d1, d2 = eif - dt.timedelta(days=1), eif
        old = xmlio.parse_bytes(gitbase.snapshot(base_repo, w.id, d1)).getroot()
        new = xmlio.parse_bytes(gitbase.snapshot(base_repo, w.id, d2)).getroot()
        ours = [timed(review.diff_dates, corpus, w.id, d1, d2)[0] for _ in range(self.reps["diff"])]
        base = [timed(xmldiff.diff_trees, old, new)[0] for _ in range(self.reps["diff"])]
        changed = [c for c in w.clauses if c.by]
        self.add(Figure(f"diff of two versions of a synthetic act ({len(w.clauses)} clauses, {len(changed)} changed)",
                        None, statistics.median(ours), "s", baseline=statistics.median(base),
                        baseline_name="xmldiff on the two snapshots"))

    # -- per corpus size ----------------------------------------------------------------------
    def phase(self, label: str, fn, *args):
        """Run one phase of a size and log how long it took (to stderr, with the figures)."""
        t, out = timed(fn, *args)
        self.log(f"  [{t:.1f} s] {label}")
        return out

    def size(self, n: int) -> None:
        self.log(f"N = {n:,} works")
        root = self.work / f"n{n}"
        corpus_dir = root / "corpus"
        truth = self.phase("synthetic works generated", synth.generate, n)
        files = self.phase(f"{len(truth.works) + len(truth.amending):,} files written ({len(truth.amending):,} "
                           "amending acts)", synth.write_corpus, truth, corpus_dir)
        sample = files[:: max(1, len(files) // 50)]
        from lawdiff.validate import validate_file
        bad = self.phase(f"{len(sample)} sampled files validated",
                         lambda: [f for f in sample if validate_file(f, corpus_dir)])
        self.check(f"N={n}: {len(sample)} sampled synthetic files are schema-valid with no overlapping versions", not bad)
        base_repo: Path | None = root / "baseline.git"
        if self.baseline_up_to is not None and n > self.baseline_up_to:
            base_repo = None
            self.log(f"  git baseline not built above {self.baseline_up_to:,} works (--baseline-up-to)")
        else:
            commits = self.phase("baseline history written (git fast-import, one commit per legal date)",
                                 gitbase.build, truth, base_repo)
            self.log(f"  baseline history: {commits:,} commits")
        self.phase("corpus committed to its own git repository (git fast-import, read-tree, refresh)",
                   commit_corpus, corpus_dir, "synthetic corpus")
        corpus = Corpus(corpus_dir)
        at_scale = scale.Scale(self, n, corpus_dir, truth)
        if not self.phase("lawdiff index --rebuild", at_scale.index_build):
            self.not_measured(n, "the index build did not finish (see its row)")
        else:
            self.phase("provision lookups (library, git baseline, CLI)", self.lookups, n, corpus, truth, base_repo)
            self.phase("tariff queries (library, git baseline)", self.tariffs, n, corpus, truth, base_repo)
            self.phase("CLI tariff and show against python -c pass", lambda: at_scale.cli(procs.python_pass(self.reps["cli"])))
            self.phase("index update after one write", at_scale.index_update)
            if n == min(self.sizes):
                self.phase("word diffs", self.word_diffs, truth)
                if base_repo is not None:
                    self.phase("act diff", self.act_diff, corpus, base_repo, truth)
            self.phase("apply of pending acts (library)", self.pending_apply, n, corpus, truth)
            self.phase("apply of order 308 (CLI and library)", self.apply_308, n, corpus_dir)

    def not_measured(self, n: int, reason: str) -> None:
        """Every figure of size ``n`` not yet measured, in the table with ``reason``."""
        have = {f.name for f in self.figures if f.n == n}
        for name, unit in SIZE_FIGURES:
            if name not in have:
                self.add(Figure(name, n, None, unit, note=f"not measured: {reason}"))

    def _queries(self, truth: synth.Truth, k: int, seed: int) -> list[tuple[str, int, dt.date]]:
        rng = random.Random(seed)
        rules = [w for w in truth.works.values() if w.kind == "rules"]
        amended = [w for w in rules if any(c.by for c in w.clauses)]
        out = []
        for i in range(k):
            w = rng.choice(amended if i % 2 else rules)      # half the queries hit amended works
            c = rng.choice([c for c in w.clauses if c.by] or w.clauses) if i % 4 == 1 else rng.choice(w.clauses)
            out.append((w.id, c.num, synth.QUERY_FROM + dt.timedelta(days=rng.randint(0, 330))))
        return out

    def _no_baseline(self) -> str:
        return f"no git baseline above {self.baseline_up_to:,} works (--baseline-up-to)"

    def lookups(self, n: int, corpus: Corpus, truth: synth.Truth, base_repo: Path | None) -> None:
        queries = self._queries(truth, self.reps["lib"], seed=n)
        for w, c, d in queries[:20]:
            api.show(corpus, w, d, f"para_{c}")
        times, wrong = [], 0
        for w, c, d in queries:
            t, res = timed(api.show, corpus, w, d, f"para_{c}")
            times.append(t)
            wrong += [p.text for p in res.provisions] != truth.clause_text(w, c, d)
        self.check(f"N={n}: library answers {len(queries) - wrong}/{len(queries)} lookups as generated", not wrong)
        gq, gtimes, gwrong = [], [], 0
        for w, c, d in queries[: self.reps["git"]] if base_repo is not None else []:
            if len(gq) >= MIN_GIT_REPS and sum(gtimes) > GIT_SECONDS:
                break
            t, text = timed(gitbase.provision_text, base_repo, w, f"para_{c}", d)
            gq.append((w, c, d))
            gtimes.append(t)
            gwrong += text != truth.clause_text(w, c, d)
        if gq:
            self.check(f"N={n}: git baseline answers {len(gq) - gwrong}/{len(gq)} lookups as generated", not gwrong)
        base, base99 = (statistics.median(gtimes), pct(gtimes, 99)) if gq else (None, None)
        name = "git log + git show" if gq else ""
        self.add(Figure("provision at a date: library (api.show)", n, statistics.median(times), "s",
                        p99=pct(times, 99), baseline=base, baseline_p99=base99,
                        baseline_name=name, budget=BUDGET_LOOKUP_LIBRARY,
                        note=(f"{len(queries)} queries; git baseline {len(gq)} of them"
                              + (f" (its queries stop after {GIT_SECONDS:g} s)" if len(gq) < self.reps["git"] else ""))
                        if gq else f"{len(queries)} queries; {self._no_baseline()}"))
        cq = queries[: self.reps["cli"]]
        w, c, d = cq[0]
        warm_up([*lawdiff_cmd(), "--corpus", str(corpus.root), "show", w, "--at", d.isoformat(),
                 "--provision", f"para_{c}", "--json"])
        ctimes, cwrong = [], 0
        for w, c, d in cq:
            argv = [*lawdiff_cmd(), "--corpus", str(corpus.root), "show", w, "--at", d.isoformat(),
                    "--provision", f"para_{c}", "--json"]
            t, proc = timed(subprocess.run, argv, capture_output=True, text=True, env=procs.env())
            ctimes.append(t)
            ok = proc.returncode == 0 and [p["text"] for p in json.loads(proc.stdout)["provisions"]] == truth.clause_text(w, c, d)
            cwrong += not ok
        self.check(f"N={n}: CLI answers {len(cq) - cwrong}/{len(cq)} lookups as generated", not cwrong)
        self.add(Figure("provision at a date: CLI (lawdiff show --json)", n, statistics.median(ctimes), "s",
                        p99=pct(ctimes, 99), baseline=base, baseline_p99=base99,
                        baseline_name=name, budget=BUDGET_LOOKUP_CLI,
                        note=f"{len(cq)} runs, each a new process"))

    def tariffs(self, n: int, corpus: Corpus, truth: synth.Truth, base_repo: Path | None) -> None:
        rng = random.Random(n + 1)
        priced = [w for w in truth.works.values() if any(r.new_price for r in w.rows)]
        times, gtimes = [], []
        for _ in range(self.reps["tariff"]):
            w = rng.choice(priced)
            d = synth.QUERY_FROM + dt.timedelta(days=rng.randint(0, 330))
            for _ in range(10):      # the library is cheap to repeat, the git baseline is not
                t, (rows, _) = timed(api.tariffs_at, corpus, d, synth.place_latin(w.index))
                times.append(t)
            want = sorted((r.num, r.new_price if r.new_price and d >= synth.PRICE_CHANGE else r.price) for r in w.rows)
            ours = sorted((r.record.row, f"{r.record.price:f}") for r in rows)
            if base_repo is None:
                self.check(f"N={n}: tariff query for {synth.place_latin(w.index)} on {d}: library as generated",
                           ours == [(k, str(Decimal(p))) for k, p in want])
                continue
            gt, grows = timed(gitbase.tariff_rows, base_repo, synth.place_latin(w.index), d)
            gtimes.append(gt)
            self.check(f"N={n}: tariff query for {synth.place_latin(w.index)} on {d}: library and git as generated",
                       ours == [(k, str(Decimal(p))) for k, p in want] == sorted((k, str(Decimal(p))) for k, p in grows))
        note = f"{self.reps['tariff']} queries × 10; each checks the corpus-state key and the stamps of the files it reads"
        self.add(Figure("tariff rows in force at a date, one place, whole corpus (library)", n,
                        statistics.median(times), "s", baseline=statistics.median(gtimes) if gtimes else None,
                        baseline_name="git rev-list + grep + show" if gtimes else "", budget=BUDGET_TARIFF_LIBRARY,
                        min_ratio=TARIFF_MIN_RATIO if gtimes else None,
                        note=note if gtimes else f"{note}; {self._no_baseline()}"))

    def pending_apply(self, n: int, corpus: Corpus, truth: synth.Truth) -> None:
        from lawdiff.amend.apply import apply_act

        rng = random.Random(n + 2)
        free = [w for w in truth.works.values() if w.kind == "rules" and not any(c.by for c in w.clauses)
                and any(not c.subclauses and not c.parts for c in w.clauses)]
        rng.shuffle(free)
        acts = []
        for j in range(1, min(self.reps["pending"], len(free) // 2) + 1):
            targets = []
            for w in (free.pop(), free.pop()):
                simple = [c for c in w.clauses if not c.subclauses and not c.parts]
                targets.append((w, rng.choice(simple)))
            el = synth.pending_amending_xml(j, targets, dt.date(2026, rng.randint(2, 11), rng.randint(1, 28)))
            synth._write(corpus.root, el.get("id"), el)
            acts.append(el.get("id"))
        t = time.perf_counter()
        ops = sum(len(apply_act(corpus, a, commit=False).operations) for a in acts)
        elapsed = time.perf_counter() - t
        self.add(Figure("apply: operations per second (library, validated, written)", n, ops / elapsed, "/s",
                        note=f"{len(acts)} acts, {ops} operations on {2 * len(acts)} works"))

    def apply_308(self, n: int, corpus_dir: Path) -> None:
        from lawdiff.amend.apply import apply_act
        from lawdiff.cli.main import cli

        if cli.get_command(None, "apply") is None or not RULES_379.is_file():
            self.add(Figure("apply order 308 (47 operations) end to end", n, None, "s", budget=BUDGET_APPLY_308,
                            note="not measured: lawdiff apply or the synthetic Rules of order 379 is not available",
                            every_size=True))
            return
        for wid, src in ((W379, RULES_379), (A308, REPO / "corpus" / f"{A308}.xml")):
            act = xmlio.parse_file(src).getroot()
            for stored in act.findall("amendments"):
                act.remove(stored)
            synth._write(corpus_dir, wid, act)
        repo = corpus_dir.parent
        commit_corpus(corpus_dir, "the Rules and order 308")
        base = git(repo, "rev-parse", "HEAD").strip()

        def reset():
            git(repo, "reset", "-q", "--hard", base)

        cli_times, lib_times = [], []
        reset()
        warm_up([*lawdiff_cmd(), "--corpus", str(corpus_dir), "apply", A308])
        for _ in range(self.reps["apply"]):
            reset()
            t, proc = timed(subprocess.run, [*lawdiff_cmd(), "--corpus", str(corpus_dir), "apply", A308],
                            capture_output=True, text=True, env=procs.env())
            ok = proc.returncode == 0 and "47 operation" in proc.stdout and "Committed" in proc.stdout
            self.check(f"N={n}: lawdiff apply {A308}: 47 operations applied and committed", ok)
            cli_times.append(t)
            reset()
            t, res = timed(apply_act, Corpus(corpus_dir), A308, commit=True)
            lib_times.append(t)
            self.check(f"N={n}: library apply of {A308} committed", bool(res.commit) and len(res.operations) == 47)
        self.add(Figure("apply order 308 (47 operations): CLI end to end, validated and committed", n,
                        statistics.median(cli_times), "s", p99=max(cli_times), budget=BUDGET_APPLY_308,
                        note=f"{len(cli_times)} runs; includes starting the interpreter", every_size=True))
        self.add(Figure("apply order 308 (47 operations): library, validated and committed", n,
                        statistics.median(lib_times), "s", p99=max(lib_times), budget=BUDGET_APPLY_308,
                        every_size=True))
        if n == min(self.sizes):
            self.diff_308(Corpus(corpus_dir))
        reset()

    def diff_308(self, corpus: Corpus) -> None:
        """The Rules before and after order 308 (the applied corpus is at HEAD)."""
        from xmldiff import main as xmldiff

        from lawdiff import time as T
        from lawdiff.model.act import Act

        act = corpus.load(A308)
        eif = T.entry_into_force(act).lower
        d1, d2 = eif - dt.timedelta(days=1), eif + dt.timedelta(days=1)
        ours = [timed(review.diff_dates, corpus, W379, d1, d2)[0] for _ in range(self.reps["diff"])]
        result = review.diff_dates(corpus, W379, d1, d2)
        old = xmlio.parse_bytes(api.export_akn(corpus, W379, d1)).getroot()
        new = xmlio.parse_bytes(api.export_akn(corpus, W379, d2)).getroot()
        base = [timed(xmldiff.diff_trees, old, new)[0] for _ in range(max(1, self.reps["diff"] // 2))]
        units = len(Act(corpus.load(W379).root).units())
        self.add(Figure(f"diff of the Rules before/after order 308 ({units} versioned units)", None,
                        statistics.median(ours), "s", baseline=statistics.median(base),
                        baseline_name="xmldiff on the two versions (AKN export)",
                        note=f"{len(result.entries) if hasattr(result, 'entries') else '?'} entries"))

    def run(self) -> None:
        self.log(procs.HEADER)
        procs.prepare()
        self.imports()
        for n in self.sizes:
            self.size(n)
        scale.growth(self, self.sizes)


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "os": platform.platform(), "git": git_version}


def table(figures: list[Figure]) -> str:
    head = ("figure", "N", "value", "baseline", "ratio", "budget", "result")
    rows = []
    for f in figures:
        rows.append((
            f.name, f"{f.n:,}" if f.n else "—", fmt_value(f.value, f.unit, f.p99) if f.value is not None else f.note,
            f"{fmt_value(f.baseline, f.unit, f.baseline_p99)} ({f.baseline_name})" if f.baseline_name else "—",
            (f"{f.ratio:,.1f}×" if f.ratio >= 1 else f"{f.ratio:.2f}×") if f.ratio else "—",
            f.budget_text(),
            f.verdict or "—",
        ))
    widths = [max(len(str(r[i])) for r in (head, *rows)) for i in range(len(head))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(head), line(["-" * w for w in widths]), *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="N = 100 and 1,000 only, fewer repetitions (< 1 min)")
    ap.add_argument("--sizes", help="comma-separated corpus sizes (default 100,1000,10000,100000; --quick 100,1000)")
    ap.add_argument("--json", type=Path, help="also write the figures and the machine as JSON here")
    ap.add_argument("--baseline-up-to", type=int, metavar="N",
                    help="build the git baseline only for corpora of at most N works (at 100,000 it takes the "
                         "longest of any phase); larger sizes print their figures without it")
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it (default: a temporary one)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [100, 1000] if args.quick else [100, 1000, 10_000, 100_000]
    work = args.keep or Path(tempfile.mkdtemp(prefix="lawdiff-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    runner = Runner(args.quick, sizes, work, log=lambda s: print(s, file=sys.stderr, flush=True),
                    baseline_up_to=args.baseline_up_to)
    try:
        runner.run()
        return report(runner, args, started)
    finally:
        # Removing 100,000 works' files takes minutes on a slow disk: after the table, said so.
        if not args.keep:
            runner.phase(f"work directory {work} removed", shutil.rmtree, work, True)


def report(runner: Runner, args: argparse.Namespace, started: float) -> int:
    """Print the table and the notes (and write the JSON); the exit code of the run."""
    sizes = runner.sizes
    info = machine()
    print(f"lawdiff benchmarks ({'quick' if args.quick else 'full'}), synthetic corpora, "
          f"{dt.date.today().isoformat()}, {time.perf_counter() - started:.0f} s")
    print(procs.HEADER)
    print(f"machine: {info['cpus']} CPUs, {info['cpu']}, {info['memory']} RAM, Python {info['python']}, {info['git']}")
    print()
    print(table(runner.figures))
    print()
    print("Notes:")
    for f in runner.figures:
        if f.note and f.value is not None:
            print(f"  {f.name}{f' [N={f.n:,}]' if f.n else ''}: {f.note}")
    print()
    print(f"Budgets (held on the median, at N = {BUDGET_AT:,} works; at other sizes a figure is only shown "
          f"(within) or (over) its budget): a provision lookup from the library "
          f"within {fmt_time(BUDGET_LOOKUP_LIBRARY)}, from the CLI within {fmt_time(BUDGET_LOOKUP_CLI)}; "
          f"applying an order-308-sized act within {fmt_time(BUDGET_APPLY_308)} including validation and commit, "
          f"at every size; "
          f"tariff rows at a date from the library within {fmt_time(BUDGET_TARIFF_LIBRARY)} and "
          f"{TARIFF_MIN_RATIO:g}× faster than git; lawdiff tariff --at within {scale.CLI_TARIFF_X_PYTHON:g}× and "
          f"show --json within {scale.CLI_SHOW_X_PYTHON:g}× python -c pass; both growing ≤ {scale.GROWTH:g}× from "
          f"100 to 100,000 works; a full index build within {fmt_time(scale.INDEX_BUILD)}, an update after one "
          f"write within {fmt_time(scale.INDEX_UPDATE)}.")
    import resource

    print(f"Peak memory of the benchmark process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    mismatches = [c for c in runner.checks if not c.startswith("ok")]
    print(f"Answers checked against the generated data: {len(runner.checks) - len(mismatches)}/{len(runner.checks)} agree"
          + "".join(f"\n  {m}" for m in mismatches))
    if runner.judged_at != BUDGET_AT:
        print(f"(the budgets are held at N = {runner.judged_at:,}, not {BUDGET_AT:,})" if runner.judged_at else
              f"(no size of this run is N = {BUDGET_AT:,}: only apply and the growth figures are held to budgets)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": info, "quick": args.quick, "sizes": sizes,
                                         "figures": [{**asdict(f), "ratio": f.ratio, "verdict": f.verdict}
                                                     for f in runner.figures],
                                         "checks": runner.checks}, ensure_ascii=False, indent=2))
    failed = [f for f in runner.figures if f.verdict == "FAIL"]
    if args.quick:   # a smoke run: budgets are for the full run; only a wrong answer fails it
        return 1 if mismatches else 0
    return 1 if failed or mismatches else 0
