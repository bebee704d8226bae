"""Importing the real-text set (tests/data/real/acts.json) and comparing with its expected
metadata and structure: one place for the test and for the figure in docs/import.md
(`python tests/real_acts.py` prints it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from lawdiff import LawdiffError
from lawdiff.ingest.coverage import document_words, words
from lawdiff.ingest.importer import ImportOptions, import_source
from lawdiff.ingest.repair import fix_latin_i

REAL = Path(__file__).parent / "data" / "real"
KNOWN = Path(__file__).parent / "data" / "ingest" / "real_known_failures.json"


def acts() -> list[dict]:
    return json.loads((REAL / "acts.json").read_text(encoding="utf-8"))["acts"]


def known_failures() -> dict[str, str]:
    return json.loads(KNOWN.read_text(encoding="utf-8"))["failures"]


def source_text(act: dict) -> str:
    """The text as copied from the page: the file without its first line (the SOURCE address)."""
    return (REAL / "acts" / act["file"]).read_text(encoding="utf-8").split("\n", 1)[1]


def _norm(text: str | None) -> str | None:
    return " ".join(fix_latin_i(text).split()) if text is not None else None


@dataclass
class Outcome:
    imported: bool
    error: str | None
    mismatches: dict      # field -> (found, expected)
    lost: set             # words of the text that are not element text


def check(act: dict) -> Outcome:
    """Import one real text and compare it with its expected metadata and structure."""
    text = source_text(act)
    try:
        result = import_source(text.encode(), act["file"], ImportOptions())
    except LawdiffError as exc:
        return Outcome(False, str(exc), {}, set())
    root = result.root
    reg = root.find("meta/registration")
    found = {
        "language": root.get("lang"),
        "number": root.findtext("meta/number"),
        "adopted": root.findtext("meta/date"),
        "title": _norm(root.findtext("meta/title")),
        "status_word": root.findtext("meta/status"),
        "registration": {"number": reg.get("number"), "date": reg.get("date")} if reg is not None else None,
        "appendices": len(root.findall("appendix")),
        # chapter-level headings: a section ("1 бөлім", "Раздел 1") counts, as in acts.json
        "chapters": len(list(root.iter("chapter"))) + len(list(root.iter("section"))),
        "clauses": len(root.xpath("body/clause | body/chapter/clause | body/section/chapter/clause"
                                  " | body/article/clause | body/section/article/clause")),
        "notes": len(root.findall("notes/note")),
    }
    expected = {k: act.get(k) for k in found}
    expected["title"] = _norm(expected["title"])
    mismatches = {k: (found[k], expected[k]) for k in found if found[k] != expected[k]}
    if root.find("meta/source").get("layout") not in ("pdf", "cells", "web"):
        mismatches["layout"] = (root.find("meta/source").get("layout"), "pdf|cells|web")
    repaired = {w for r in root.iterfind("repairs/repair") for w in words(r.get("before"))}
    lost = set(words(text)) - set(document_words(root)) - repaired
    return Outcome(True, None, mismatches, lost)


def passes(act: dict, outcome: Outcome) -> bool:
    """Imported with every word kept and everything as expected; or, for a text copied without
    its head (no title in the expected data), refused with a one-line error."""
    if act.get("title") is None:
        return not outcome.imported and outcome.error is not None and "\n" not in outcome.error
    return outcome.imported and not outcome.mismatches and not outcome.lost


def figure() -> tuple[int, int, int, int]:
    """(imported as expected, texts with a head, refused correctly, all texts)."""
    results = [(a, check(a)) for a in acts()]
    headed = [(a, o) for a, o in results if a.get("title") is not None]
    ok = sum(passes(a, o) for a, o in headed)
    refused = sum(passes(a, o) for a, o in results if a.get("title") is None)
    return ok, len(headed), refused, len(results)


if __name__ == "__main__":
    ok, headed, refused, total = figure()
    print(f"{ok} of {headed} real texts with a head import with every word kept and the expected structure; "
          f"{refused} of {total - headed} texts copied without their head are refused with a one-line error "
          f"({total} texts in all)")
    for a in acts():
        o = check(a)
        if not passes(a, o):
            print(f"  {a['file']}: {o.error or o.mismatches or sorted(o.lost)[:5]}")
