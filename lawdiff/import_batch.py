"""Importing many texts in one run: files named one by one, or every text of a folder.

An editor receives acts in batches (a base act and the acts that amended it, a week's acts of
many issuers). Each file is imported as :func:`lawdiff.writes.import_text` imports one, and a
bad file is reported with its one-line reason without stopping the others.

Two ways to commit:

- by default, one corpus transaction and one commit per act, so every act that imports is kept
  whatever happens to the files after it;
- ``one_commit``: the whole batch is one transaction, all or nothing. Every text is read and
  placed first; if any is refused, nothing is written and the others are reported as held
  back with the reason.

A folder contributes its files ending in ``.txt``, in name order, not its subfolders: the
importer reads plain UTF-8 text (an adilet export or a page copied from the site), and a folder
of acts usually holds other files too (a README, JSON metadata, the PDFs the texts came from)
that are not act texts. Every file of the folder that is not read is named in the result, so
nothing given is passed over silently. A file named on its own is read whatever its name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lawdiff import LawdiffError
from lawdiff.corpus import Corpus
from lawdiff.ingest.importer import ImportOptions, import_source
from lawdiff.model.act import Act
from lawdiff.model.xmlio import read_regular

#: The file names a folder contributes (see the module docstring for why only these).
TEXT_SUFFIXES = (".txt",)

#: Statuses of one file; ``held-back`` only in a one-commit batch that something refused.
STATUSES = ("imported", "updated", "unchanged", "checked", "refused", "held-back")


@dataclass
class FileResult:
    """What importing one file of a batch did."""

    file: str
    status: str
    work: str | None = None
    reason: str | None = None
    commit: str | None = None
    repairs: int = 0
    tariff_rows: int = 0
    kept_events: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "status": self.status, "work": self.work, "reason": self.reason,
                "commit": self.commit, "repairs": self.repairs, "tariff_rows": self.tariff_rows,
                "kept_events": self.kept_events, "warnings": self.warnings}


@dataclass
class BatchResult:
    """Every file's result in the order read, the folder entries not read, the batch commit."""

    files: list[FileResult] = field(default_factory=list)
    not_read: list[str] = field(default_factory=list)
    commit: str | None = None
    one_commit: bool = False

    @property
    def refused(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "refused"]

    def counts(self) -> dict[str, int]:
        return {s: sum(f.status == s for f in self.files) for s in STATUSES}

    def to_json(self) -> dict[str, object]:
        return {"files": [f.to_json() for f in self.files], "summary": self.counts(),
                "not_read": self.not_read, "one_commit": self.one_commit, "commit": self.commit}


def source_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The files to import from the user's arguments, and the folder entries not read.

    A folder gives its ``.txt`` files in name order (hidden files and subfolders are not read);
    a file is taken as named. A path that does not exist is refused here, before any import,
    so that a mistyped name does not leave half a batch behind."""
    files: list[Path] = []
    not_read: list[str] = []
    for p in paths:
        if p.is_dir():
            entries = sorted(p.iterdir(), key=lambda e: e.name)
            for e in entries:
                if e.is_file() and not e.name.startswith(".") and e.name.lower().endswith(TEXT_SUFFIXES):
                    files.append(e)
                else:
                    not_read.append(str(e) + ("/" if e.is_dir() else ""))
        elif p.exists():
            files.append(p)
        else:
            raise LawdiffError(f"{p}: no such file or folder; nothing imported")
    if not files:
        raise LawdiffError(f"no text to import in {', '.join(str(p) for p in paths)} "
                           f"(a folder gives its {', '.join(TEXT_SUFFIXES)} files); nothing imported")
    return files, not_read


Progress = Callable[[int, int, str], None]


def import_files(corpus: Corpus, files: list[Path], options: ImportOptions, *, one_commit: bool = False,
                 dry_run: bool = False, commit: bool = True, progress: Progress | None = None) -> BatchResult:
    """Import every file (see the module docstring); ``progress(done, total, file)`` is called
    before each file and once at the end. Never raises for one file's fault."""
    if one_commit and not dry_run:
        return _one_transaction(corpus, files, options, commit, progress)
    from lawdiff.writes import import_text

    batch = BatchResult()
    for i, path in enumerate(files):
        _tell(progress, i, len(files), path)
        try:
            data = read_regular(path, follow=True)
            done = import_text(corpus, data, str(path), _options_for(options, path), dry_run=dry_run, commit=commit)
        except (LawdiffError, OSError) as exc:
            batch.files.append(FileResult(str(path), "refused", reason=_reason(exc, path)))
            continue
        status = "checked" if dry_run else {"new": "imported", "update": "updated"}.get(done.status, done.status)
        batch.files.append(FileResult(str(path), status, done.work, commit=done.commit, repairs=done.repairs,
                                      tariff_rows=done.tariff_rows, kept_events=done.kept_events,
                                      warnings=list(done.warnings)))
    _tell(progress, len(files), len(files), None)
    return batch


def _one_transaction(corpus: Corpus, files: list[Path], options: ImportOptions, commit: bool,
                     progress: Progress | None) -> BatchResult:
    """The whole batch as one transaction: placed in memory under the lock, written only if
    no file was refused."""
    from lawdiff.identity import issuer_conflict, place_import

    batch = BatchResult(one_commit=True)
    placed: list[tuple[FileResult, Act]] = []
    with corpus.transaction(commit=commit) as txn:
        by_work: dict[str, FileResult] = {}
        for i, path in enumerate(files):
            _tell(progress, i, len(files), path)
            try:
                data = read_regular(path, follow=True)
                result = import_source(data, str(path), _options_for(options, path))
                act = Act(result.root)
                if act.id in by_work:
                    raise LawdiffError(f"{act.id} is also the work of {by_work[act.id].file} in this batch; "
                                       "one commit cannot import one act twice (import them in separate runs)")
                for earlier, other in placed:
                    problem = issuer_conflict(other, act)
                    if problem:
                        raise LawdiffError(f"{problem} (in {earlier.file} of this batch)")
                where = place_import(corpus, act)
            except (LawdiffError, OSError) as exc:
                batch.files.append(FileResult(str(path), "refused", reason=_reason(exc, path)))
                continue
            rows = sum(len(t.findall(".//row")) for t in act.tariff_tables())
            status = {"new": "imported", "update": "updated"}.get(where.status, where.status)
            fr = FileResult(str(path), status, act.id, repairs=len(result.log), tariff_rows=rows,
                            kept_events=where.kept_events, warnings=list(result.warnings))
            by_work[act.id] = fr
            batch.files.append(fr)
            placed.append((fr, where.act))
        _tell(progress, len(files), len(files), None)
        refused = batch.refused
        if refused:
            for fr, _ in placed:
                fr.status, fr.reason = "held-back", (f"the batch is one commit and {len(refused)} file(s) were "
                                                     "refused; nothing written")
            return batch
        for fr, act in placed:
            if fr.status != "unchanged":
                txn.write(act)
        works = [fr.work or "" for fr, _ in placed if fr.status != "unchanged"]
        batch.commit = txn.commit(f"Import {len(works)} act(s)",
                                  trailers={"Works": ", ".join(works), "Files": str(len(files))}) if works else None
    for fr, _ in placed:
        if fr.status != "unchanged":
            fr.commit = batch.commit
    return batch


def _options_for(options: ImportOptions, path: Path) -> ImportOptions:
    """The shared options with this file's name as its source name."""
    from dataclasses import replace

    return replace(options, source_name=path.name)


def _reason(exc: Exception, path: Path) -> str:
    """One line naming the problem; an operating-system failure worded like the CLI's."""
    if isinstance(exc, OSError):
        return f"{path}: cannot read: {exc.strerror or exc}"
    return " ".join(str(exc).split())


def _tell(progress: Progress | None, done: int, total: int, path: Path | None) -> None:
    if progress is not None:
        progress(done, total, path.name if path is not None else "")
