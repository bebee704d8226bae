"""Test helpers: PDF-layout lines of a seed -> repaired paragraphs, as the importer makes them.

The importer owns the real pipeline; this keeps the amendment tests independent of it:
normalise characters, apply errata, put displaced fragments back, then join the wrapped
lines of each paragraph (a paragraph starts at a line indented by six spaces).
"""

from __future__ import annotations

from pathlib import Path

from lawdiff.ingest.fragments import apply_errata, load_errata, repair_displaced_fragments
from lawdiff.ingest.repair import join_wrapped, normalise_chars


def pdf_paragraphs(path: Path, corpus: Path | None = None, work: str | None = None,
                   first: int = 1, last: int | None = None) -> list[str]:
    raw = path.read_text(encoding="utf-8").split("\n")
    lines = [(i, normalise_chars(t)) for i, t in enumerate(raw, 1)]
    log: list = []
    if corpus is not None and work is not None:
        lines = apply_errata(lines, load_errata(corpus, work), log)
    lines = repair_displaced_fragments(lines, log)
    lines = [(n, t) for n, t in lines if first <= n <= (last or n)]
    paras: list[list[str]] = []
    for _, text in lines:
        if not text.strip():
            continue
        indent = len(text) - len(text.lstrip(" "))
        if indent >= 6 or not paras:
            paras.append([text])
        else:
            paras[-1].append(text)
    return [join_wrapped(p) for p in paras]
