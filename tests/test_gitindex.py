"""git's index edited by lawdiff.gitindex gives what ``git update-index --index-info`` gives.

Each case makes an index with git's own plumbing (entries need no files), sets blobs in it
with lawdiff and, in a copy, with git, and compares what git reads back from the two: the
entries with their stages, the tree they make, the resolve-undo records. Paths and blobs
are synthetic."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawdiff import gitindex

ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(repo: Path, *args: str, stdin: bytes | None = None, index: Path | None = None) -> bytes:
    env = dict(ENV) if index is None else {**ENV, "GIT_INDEX_FILE": str(index)}
    return subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=True,
                          env=env).stdout


def blob(repo: Path, text: str) -> str:
    return git(repo, "hash-object", "-w", "--stdin", stdin=text.encode()).decode().strip()


def make_repo(tmp: Path, object_format: str = "sha1") -> Path:
    repo = tmp / "repo"
    repo.mkdir()
    git(repo, "init", "-q", f"--object-format={object_format}")
    return repo


def stage(repo: Path, entries: dict[str, str], *, index: Path | None = None) -> None:
    info = "".join(f"100644 {sha}\t{path}\n" for path, sha in entries.items())
    git(repo, "update-index", "--add", "--index-info", stdin=info.encode(), index=index)


def edited_both_ways(repo: Path, blobs: dict[str, str]) -> tuple[Path, Path]:
    """The repository's index with ``blobs`` set by lawdiff, and a copy set by git."""
    index = repo / ".git" / "index"
    by_git = repo.parent / "by-git.index"
    if index.exists():
        shutil.copyfile(index, by_git)
    stage(repo, blobs, index=by_git)
    parsed = gitindex.read(index, len(next(iter(blobs.values()))) // 2)
    assert parsed is not None
    ours = repo.parent / "ours.index"
    with open(ours, "wb") as fh:
        parsed.write(fh, blobs)
    return ours, by_git


def assert_same(repo: Path, ours: Path, by_git: Path) -> None:
    """git reads the same entries, resolve-undo records and tree (or the same refusal to
    make one, while a path is unmerged) from both index files."""
    def read(index: Path, *args: str) -> tuple[int, bytes]:
        proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                              env={**ENV, "GIT_INDEX_FILE": str(index)})
        return proc.returncode, proc.stdout

    for args in (("ls-files", "-s", "-z"), ("ls-files", "--resolve-undo", "-z"), ("write-tree",)):
        assert read(ours, *args) == read(by_git, *args), args
    assert read(ours, "ls-files", "-s")[0] == 0


def test_replace_and_insert_anywhere(tmp_path):
    repo = make_repo(tmp_path)
    old, new = blob(repo, "old"), blob(repo, "new")
    stage(repo, {p: old for p in ("corpus/kz/a.xml", "corpus/kz/c.xml", "corpus/kz-x/d.xml", "corpus/kz.txt",
                                  "README.md")})
    git(repo, "write-tree")                      # gives the index a cache tree to drop
    ours, by_git = edited_both_ways(repo, {
        "corpus/kz/c.xml": new,                  # replaced
        "corpus/kz/b.xml": new,                  # between two
        "AAA.md": new,                           # before all ("A" < "R" < "c")
        "zzz/last.xml": new,                     # after all, in a new folder
        "corpus/kz/жаңа/қаулы.xml": new,         # a Kazakh path, a new folder among files
        "corpus/kz-a.xml": new,                  # "-" sorts before "/" and after "."
    })
    assert_same(repo, ours, by_git)


def test_a_conflicted_path_is_reported_and_resolve_undo_records_kept(tmp_path):
    repo = make_repo(tmp_path)
    a, b, c, new = (blob(repo, t) for t in "abcn")
    info = f"100644 {a} 1\tx.xml\n100644 {b} 2\tx.xml\n100644 {c} 3\tx.xml\n100644 {a} 1\ty.xml\n100644 {b} 2\ty.xml\n"
    git(repo, "update-index", "--index-info", stdin=info.encode())
    stage(repo, {"y.xml": c})                    # resolving y records its stages (REUC)
    assert b"REUC" in (repo / ".git" / "index").read_bytes()
    parsed = gitindex.read(repo / ".git" / "index", 20)
    assert parsed is not None and parsed.staged(["x.xml", "y.xml"]) == {"x.xml": gitindex.UNMERGED, "y.xml": c}
    ours, by_git = edited_both_ways(repo, {"w.xml": new, "z.xml": new})
    assert_same(repo, ours, by_git)


def test_a_path_longer_than_the_length_field(tmp_path):
    repo = make_repo(tmp_path)
    old, new = blob(repo, "old"), blob(repo, "new")
    long_path = "/".join(["d" * 200] * 25) + "/f.xml"          # 5,031 bytes: the field says 0xFFF
    stage(repo, {long_path: old, "b.xml": old})
    ours, by_git = edited_both_ways(repo, {long_path: new, long_path[:-5] + "g.xml": new})
    assert_same(repo, ours, by_git)


@pytest.mark.parametrize("length", [3839, 3840, 4094, 4095, 4096])
def test_paths_around_the_length_fields_limit(tmp_path, length):
    """The walk reads a name's length from the flags' bytes; lengths whose high bits are all
    set take the careful way, which must agree."""
    repo = make_repo(tmp_path)
    old, new = blob(repo, "old"), blob(repo, "new")
    path = ("d" * 200 + "/") * (length // 201) + "f" * (length % 201 - 4) + ".xml"
    assert len(path) == length
    stage(repo, {"a.xml": old, path: old, "z.xml": old})
    ours, by_git = edited_both_ways(repo, {path: new, "z.xml": new})
    assert_same(repo, ours, by_git)


def test_version_3_with_extended_flags_and_optional_caches(tmp_path):
    repo = make_repo(tmp_path)
    for name in ("a.xml", "b.xml", "c.xml"):
        (repo / name).write_text(name)
    git(repo, "-c", "index.recordEndOfIndexEntries=true", "-c", "index.recordOffsetTable=true",
        "-c", "index.threads=2", "add", ".")
    git(repo, "update-index", "--skip-worktree", "b.xml")       # an extended flag: version 3
    git(repo, "update-index", "--untracked-cache")
    git(repo, "-c", "core.untrackedCache=true", "status", "--porcelain")
    data = (repo / ".git" / "index").read_bytes()
    assert data[4:8] == b"\0\0\0\3" and b"UNTR" in data
    ours, by_git = edited_both_ways(repo, {"b.xml": blob(repo, "new b"), "d.xml": blob(repo, "d")})
    assert_same(repo, ours, by_git)
    assert git(repo, "status", "--porcelain", index=ours) == git(repo, "status", "--porcelain", index=by_git)


def test_sha256_repository(tmp_path):
    repo = make_repo(tmp_path, "sha256")
    old, new = blob(repo, "old"), blob(repo, "new")
    assert len(old) == 64
    stage(repo, {"a.xml": old, "c.xml": old})
    ours, by_git = edited_both_ways(repo, {"a.xml": new, "b.xml": new})
    assert_same(repo, ours, by_git)


def test_no_index_yet(tmp_path):
    repo = make_repo(tmp_path)
    assert not (repo / ".git" / "index").exists()
    ours, by_git = edited_both_ways(repo, {"corpus/a.xml": blob(repo, "a")})
    assert_same(repo, ours, by_git)


def test_a_checksum_left_out_is_accepted(tmp_path):
    """git 2.40's ``index.skipHash`` writes zeros where the checksum goes."""
    repo = make_repo(tmp_path)
    stage(repo, {"a.xml": blob(repo, "a")})
    index = repo / ".git" / "index"
    data = index.read_bytes()
    index.write_bytes(data[:-20] + bytes(20))
    parsed = gitindex.read(index, 20)
    assert parsed is not None
    with open(index, "wb") as fh:
        parsed.write(fh, {"b.xml": blob(repo, "b")})
    assert git(repo, "ls-files").split() == [b"a.xml", b"b.xml"]


@pytest.mark.parametrize("form", ["version 4", "split index", "bad checksum", "cut short", "required extension"])
def test_forms_left_to_git(tmp_path, form):
    repo = make_repo(tmp_path)
    stage(repo, {"a.xml": blob(repo, "a"), "b/c.xml": blob(repo, "c")})
    index = repo / ".git" / "index"
    if form == "version 4":
        git(repo, "update-index", "--index-version", "4")
    elif form == "split index":
        git(repo, "update-index", "--split-index")
    elif form == "bad checksum":
        data = index.read_bytes()
        index.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    elif form == "cut short":
        index.write_bytes(index.read_bytes()[:30])
    else:
        data = index.read_bytes()[:-20] + b"sdir" + bytes(4)
        index.write_bytes(data + hashlib.sha1(data).digest())
    assert gitindex.read(index, 20) is None


def test_file_folder_clashes(tmp_path):
    repo = make_repo(tmp_path)
    sha = blob(repo, "x")
    stage(repo, {"a": sha, "b/c.xml": sha, "d.xml": sha, "d-e/f.xml": sha})
    parsed = gitindex.read(repo / ".git" / "index", 20)
    assert parsed is not None
    assert parsed.staged(["a/new.xml", "b", "d", "d.xml", "d-e", "e.xml"]) == {
        "a/new.xml": gitindex.FILE_FOLDER_CLASH,       # "a" is a file
        "b": gitindex.FILE_FOLDER_CLASH,               # "b" is a folder
        "d.xml": sha,
        "d-e": gitindex.FILE_FOLDER_CLASH,
    }


names = st.sampled_from(["a", "b", "kz", "kz-1", "kz.x", "қала", "z"])
paths = st.lists(names, min_size=1, max_size=3).map(lambda parts: "/".join(parts) + ".xml")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sets(paths, min_size=1, max_size=12), st.sets(paths, min_size=1, max_size=5))
def test_any_edit_as_git_makes_it(tmp_path_factory, staged, written):
    repo = make_repo(tmp_path_factory.mktemp("index"))
    old, new = blob(repo, "old"), blob(repo, "new")
    stage(repo, {p: old for p in sorted(staged)})        # file names end in .xml, folders never: no clash
    ours, by_git = edited_both_ways(repo, {p: new for p in written})
    assert_same(repo, ours, by_git)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_damaged_index_without_checksum_is_refused_not_crashed_on(tmp_path_factory, data):
    """With no checksum to catch damage (``index.skipHash``), a damaged file reaches the walk:
    it must answer None (git then reports the damage) or an index, never fail."""
    repo = make_repo(tmp_path_factory.mktemp("damaged"))
    stage(repo, {"a.xml": blob(repo, "a"), "b/" + "c" * 300 + ".xml": blob(repo, "c")})
    index = repo / ".git" / "index"
    raw = bytearray(index.read_bytes()[:-20])
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(12, len(raw) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(12, len(raw)))
    index.write_bytes(bytes(raw[:cut]) + bytes(20))
    parsed = gitindex.read(index, 20)
    assert parsed is None or parsed.offsets[-1] <= cut
