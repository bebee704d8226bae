"""Performance figures for lawdiff on synthetic corpora, each beside a naive baseline.

Run ``python -m benchmarks --quick`` (under a minute) or ``python -m benchmarks`` (N up to
10,000 works). docs/benchmarks.md explains the figures, baselines and budgets.
"""
