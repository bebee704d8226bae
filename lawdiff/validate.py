"""Validation of corpus files: the schema, plus what a schema cannot say.

Beyond RELAX NG: at any date at most one version of an eId may be in force (versions of one
eId must not overlap), version bounds must be ordered, and the work id must match the file's
place in the corpus. Each problem is reported with file and line.
"""

from __future__ import annotations

from pathlib import Path

from lawdiff import LawdiffError
from lawdiff.model import version as V
from lawdiff.model import xmlio
from lawdiff.model.act import Act


def overlap_errors(act: Act) -> list[str]:
    """Versions of one eId that could be in force on the same day, or with bounds reversed."""
    problems: list[str] = []
    by_eid: dict[str, list] = {}
    for el in act.units():
        by_eid.setdefault(el.get("eId"), []).append(V.holder(el))
    for eid, roots in by_eid.items():
        versions = list({id(v): v for v in roots}.values())
        if len(roots) > len(versions):
            problems.append(f"line {roots[0].sourceline or 0}: {eid}: the eId occurs twice in one version")
        if len(versions) < 2:
            continue
        bounds = {v: V.own(v) for v in versions}
        for v, b in bounds.items():
            if b.start_date and b.until_date and b.until_date <= b.start_date:
                problems.append(f"line {v.sourceline or 0}: {eid}: version ends ({b.until}) before it starts ({b.start})")
        open_ended = [v for v in versions if not _ends(v)]
        if len(open_ended) > 1:
            lines = ", ".join(str(v.sourceline or 0) for v in open_ended)
            problems.append(f"lines {lines}: {eid}: {len(open_ended)} versions have no end: overlapping versions")
        starts = [_start(v) for v in versions]
        dup = {s for s in starts if starts.count(s) > 1}
        if dup:
            problems.append(f"line {versions[0].sourceline or 0}: {eid}: several versions start at the same point ({', '.join(sorted(d or 'the act itself' for d in dup))})")
        dated = sorted((b.start_date, b.until_date, v) for v, b in bounds.items() if b.start and b.until)
        for (_f1, u1, _v1), (f2, _u2, v2) in zip(dated, dated[1:]):
            if f2 < u1:
                problems.append(f"line {v2.sourceline or 0}: {eid}: version from {f2} overlaps the one until {u1}")
    return problems


def _start(v) -> str:
    """Where a version starts: its own bound, else that of the unit holding it (a paragraph
    reworded inside a unit an act gave starts with that unit), else the work's start ("")."""
    for a in [v, *v.iterancestors()]:
        if V.own(a).start_point:
            return V.own(a).start_point
    return ""


def _ends(v) -> bool:
    """Does the version end: by its own bound, or with a unit that holds it (a paragraph
    reworded inside a subclause that a later act replaced or deleted ends with it)?"""
    return any(V.own(a).has_end for a in [v, *v.iterancestors()])


def validate_file(path: Path, corpus_root: Path | None = None) -> list[str]:
    """Every problem of one file as "file:line: message" (empty when valid)."""
    name = str(path)
    try:
        tree = xmlio.parse_file(path)
    except LawdiffError as exc:
        return [str(exc)]
    problems = [str(e) for e in xmlio.schema_errors(tree, name)]
    if problems:
        return problems
    act = Act(tree.getroot(), path)
    problems += [f"{name}:{p.removeprefix('line ')}" if p.startswith("line ") else f"{name}: {p}" for p in overlap_errors(act)]
    if corpus_root is not None:
        try:
            rel = Path(path).resolve().relative_to(Path(corpus_root).resolve())
            if rel.with_suffix("").as_posix() != act.id:
                problems.append(f"{name}:1: work id {act.id} does not match the file's place in the corpus ({rel})")
        except ValueError:
            pass
    return problems
