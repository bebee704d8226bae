"""Rebuilding the shipped corpus from its real sources, reproducibly.

``corpus/sources/manifest.json`` lists the source texts, in order, with what is known about
them beyond their own text (aliases, an earlier wording from another source, missing parts),
each with its source. Errata live in ``corpus/errata/``. The result is byte-for-byte
deterministic: a test rebuilds it and compares with what is committed.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from lawdiff import LawdiffError, runtime
from lawdiff.corpus import Corpus
from lawdiff.ingest.importer import ImportOptions, Redaction, import_source
from lawdiff.model import xmlio
from lawdiff.model.act import Act

MANIFEST = Path("sources") / "manifest.json"


def _redaction(src_root: Path, spec: dict) -> Redaction:
    path = src_root / spec["file"]
    lines = path.read_text(encoding="utf-8").splitlines()
    line = spec["line"]
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        raise LawdiffError(f"{spec['file']}: line {line} holds no text for the redaction")
    return Redaction(spec["unit"], lines[line - 1].strip(), spec["ended_by"], spec["source"])


def options_for(entry: dict, src_root: Path, corpus_root: Path) -> ImportOptions:
    """Import options for one manifest entry."""
    return ImportOptions(
        errata_dir=corpus_root,
        coverage_note=entry.get("coverage"),
        excerpt=bool(entry.get("excerpt")),
        redactions=[_redaction(src_root, r) for r in entry.get("redactions", [])],
        source_name=entry["file"],
        aliases=dict(entry.get("aliases", {})),
        absent_appendices=list(entry.get("absent_appendices", [])),
    )


def build(corpus_root: Path, out_root: Path | None = None) -> list[Path]:
    """Import every manifest entry of ``corpus_root`` and apply its amending acts, writing
    into ``out_root`` (default: the corpus itself). Returns the files written.

    The works are built in a temporary tree inside the target's runtime folder, then the
    whole result replaces the target's files in one transaction (one commit when the target
    is under git): a build stopped at any moment leaves the old corpus or the new one."""
    corpus_root = Path(corpus_root)
    manifest_path = corpus_root / MANIFEST
    try:
        manifest = json.loads(xmlio.read_regular(manifest_path))
    except ValueError as exc:
        raise LawdiffError(f"{manifest_path}: cannot read the manifest: {exc}") from None
    src_root = manifest_path.parent
    out = Corpus(out_root or corpus_root)
    with out.transaction(wait=True) as txn:
        scratch = Path(tempfile.mkdtemp(prefix="build-", dir=runtime.folder(out.root)))
        try:
            built = _build_into(Corpus(scratch), manifest, src_root, corpus_root)
            written = [txn.write(act) for act in built]
            txn.commit("Build the corpus from sources/manifest.json",
                       trailers={"Works": str(len(written))})
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return sorted(set(written))


def _build_into(scratch: Corpus, manifest: dict, src_root: Path, corpus_root: Path) -> list[Act]:
    """Import and apply into the scratch corpus (no git); its works, each validated."""
    from lawdiff.amend.apply import apply_to_corpus

    for entry in manifest.get("imports", []):
        path = src_root / entry["file"]
        result = import_source(xmlio.read_regular(path, follow=True), entry["file"],
                               options_for(entry, src_root, corpus_root))
        scratch.write(Act(result.root))
    for entry in manifest.get("apply", []):
        apply_to_corpus(scratch, entry["amending"], entry.get("to"), commit=False)
    return scratch.works()
