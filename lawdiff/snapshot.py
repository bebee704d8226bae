"""The corpus as known on a past date: the work files of one git commit, read-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

from lawdiff import LawdiffError
from lawdiff.corpus import Corpus
from lawdiff.model import xmlio
from lawdiff.model.act import Act
from lawdiff.model.ids import check_work_id

# =============================================================================== git


class SnapshotCorpus(Corpus):
    """The work files of a corpus as committed in one git commit, read from its blobs into
    memory: read-only, and the working tree is never touched."""

    def __init__(self, root: Path, files: dict[str, bytes], known_as_of: dict):
        super().__init__(root)
        self._files = files
        self.known_as_of = known_as_of

    def exists(self, work: str) -> bool:
        check_work_id(work)
        return work in self._files

    def load(self, work: str) -> Act:
        check_work_id(work)
        if work not in self._files:
            raise LawdiffError(f"work {work} is not in the corpus as known on {self.known_as_of['date']} "
                               f"(commit {self.known_as_of['commit'][:12]})")
        name = f"{work}.xml@{self.known_as_of['commit'][:12]}"
        return Act(xmlio.parse_bytes(self._files[work], name).getroot(), self.root / f"{work}.xml")

    def work_files(self) -> list[Path]:
        return [self.root / f"{w}.xml" for w in sorted(self._files, key=lambda w: w.split("/"))]

    def works(self) -> list[Act]:
        return [self.load(w) for w in sorted(self._files, key=lambda w: w.split("/"))]

    def works_containing(self, marker: bytes) -> list[Act]:
        return [self.load(w) for w in sorted(self._files, key=lambda w: w.split("/")) if marker in self._files[w]]

    def lock(self, wait: bool = False):
        raise LawdiffError("the corpus as known on a past date is read-only")

    def write(self, act: Act) -> Path:
        raise LawdiffError("the corpus as known on a past date is read-only")


def corpus_as_known_on(root: Path, when: dt.date) -> SnapshotCorpus:
    """The corpus under ``root`` as committed on ``when``: every work file from the last commit
    (from HEAD) whose committer date is on or before the end of that day, local time."""
    import git

    from lawdiff.gitlog import repo_for

    root = Path(root)
    repo = repo_for(root) if root.exists() else None
    if repo is None:
        raise LawdiffError(f"--as-known-on needs the corpus under git: {root} is not in a git repository")
    top = Path(repo.working_tree_dir).resolve()
    rel = PurePosixPath(root.resolve().relative_to(top).as_posix())
    try:
        sha = repo.git.rev_list("-1", f"--before={when.isoformat()} 23:59:59", "HEAD").strip()
    except git.GitCommandError:
        sha = ""
    if not sha:
        raise LawdiffError(f"no commit of {top} on or before {when.isoformat()}: nothing was recorded yet")
    commit = repo.commit(sha)
    files: dict[str, bytes] = {}
    kz = (rel / "kz").as_posix() if str(rel) != "." else "kz"
    try:
        tree = commit.tree / kz
    except KeyError:
        tree = None
    if tree is not None:
        for item in tree.traverse():
            if item.type != "blob" or not item.path.endswith(".xml") or item.mode == 0o120000:
                continue
            wid = PurePosixPath(item.path).relative_to(rel if str(rel) != "." else PurePosixPath("")).as_posix()[:-4]
            try:
                check_work_id(wid)
            except LawdiffError:
                continue
            files[wid] = item.data_stream.read()
    info = {"date": when.isoformat(), "commit": commit.hexsha,
            "committed": commit.committed_datetime.isoformat()}
    return SnapshotCorpus(root, files, info)
