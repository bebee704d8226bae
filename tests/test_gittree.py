"""The tree a write commits is the tree git itself makes of the same change.

``lawdiff.gittree`` rewrites only the folders on the written paths; git's own way reads the
whole tree into an index, updates it and writes it back. For each case both are made from the
same commit and must give the same tree id.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from lawdiff import CorpusStateError, gittree
from lawdiff.gitlog import Git

from conftest import CORPUS


def _git(repo: Path, *args: str, stdin: bytes | None = None, env: dict | None = None) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=True,
                          env=env).stdout.decode().strip()


def _repo(tmp_path: Path, files: dict[str, bytes]) -> tuple[Git, str | None]:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    for rel, data in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_bytes(data)
    if not files:
        return Git(repo), None
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return Git(repo), _git(repo, "rev-parse", "HEAD")


def _blob(git: Git, data: bytes) -> str:
    return git.run("hash-object", "-w", "--stdin", stdin=data)


def _by_git(git: Git, base: str | None, blobs: dict[str, str], tmp_path: Path) -> str:
    """The tree git's index commands make of the same change."""
    import os

    env = {**os.environ, "GIT_INDEX_FILE": str(tmp_path / "reference-index")}
    _git(git.top, "read-tree", base or "--empty", env=env)
    info = "".join(f"100644 {sha}\t{rel}\n" for rel, sha in blobs.items())
    _git(git.top, "update-index", "--add", "--index-info", stdin=info.encode(), env=env)
    return _git(git.top, "write-tree", env=env)


CASES = {
    "a file replaced deep in the tree": ({"kz/a/b/1.xml": b"one", "kz/a/c/2.xml": b"two"}, ["kz/a/b/1.xml"]),
    "a new file in new folders": ({"kz/a/b/1.xml": b"one"}, ["kz/x/y/z/9.xml"]),
    "names git orders by their folder slash": ({"kz/a-b/1.xml": b"1", "kz/a/1.xml": b"2", "kz/a.xml": b"3",
                                                "kz/a0/1.xml": b"4"}, ["kz/a/2.xml", "kz/a.b.xml"]),
    "two files in one folder and one at the top": ({"kz/a/1.xml": b"1", "README": b"r"},
                                                   ["kz/a/1.xml", "kz/a/2.xml", "top.xml"]),
    "non-ASCII names": ({"kz/қала/1.xml": b"1"}, ["kz/қала/2.xml", "kz/ақмола/1.xml"]),
    "the first commit of a repository": ({}, ["kz/a/1.xml", "kz/b/2.xml"]),
}


@pytest.mark.parametrize("case", CASES)
def test_same_tree_as_git_makes(tmp_path, case):
    files, written = CASES[case]
    git, base = _repo(tmp_path, files)
    blobs = {rel: _blob(git, f"new {rel}".encode()) for rel in written}
    ours = gittree.build(git, base, blobs, tmp_path / "scratch")
    assert ours == _by_git(git, base, blobs, tmp_path)
    assert _git(git.top, "cat-file", "-t", ours) == "tree"          # stored, not only computed
    assert not list((tmp_path / "scratch").iterdir())


def test_same_tree_as_git_makes_on_the_shipped_corpus(tmp_path):
    files = {f"corpus/{p.relative_to(CORPUS).as_posix()}": p.read_bytes()
             for p in sorted(CORPUS.rglob("*")) if p.is_file()}
    git, base = _repo(tmp_path, files)
    rels = sorted(r for r in files if r.endswith(".xml"))[:3] + ["corpus/kz/new/order/2026/1.xml"]
    blobs = {rel: _blob(git, f"changed {rel}".encode()) for rel in rels}
    assert gittree.build(git, base, blobs, tmp_path / "scratch") == _by_git(git, base, blobs, tmp_path)


def test_the_entries_read_with_the_folders_are_what_ls_tree_answers(tmp_path):
    """A write learns what each written path holds in its base from the folder trees it reads
    anyway (:func:`lawdiff.gittree.read_paths`), not from a ``git ls-tree`` of its own."""
    git, base = _repo(tmp_path, {"kz/a/1.xml": b"1", "kz/a/run.sh": b"#!", "kz/b/2.xml": b"2", "kz/c": b"c",
                                 "kz/қала/3.xml": b"3"})
    (git.top / "kz/a/run.sh").chmod(0o755)
    _git(git.top, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qam", "executable")
    base = _git(git.top, "rev-parse", "HEAD")
    rels = ["kz/a/1.xml", "kz/a/run.sh", "kz/b", "kz/c", "kz/c/x.xml", "kz/қала/3.xml", "kz/a/new.xml", "new/1.xml"]
    listed = _git(git.top, "-c", "core.quotePath=false", "ls-tree", base, "--", *rels).splitlines()
    by_git = {line.split("\t")[1]: tuple(line.split("\t")[0].split(" ")[::2]) for line in listed}
    folders, entries = gittree.read_paths(git, base, rels)
    assert entries == by_git and set(entries) == {"kz/a/1.xml", "kz/a/run.sh", "kz/b", "kz/c", "kz/қала/3.xml"}
    assert entries["kz/a/run.sh"][0] == "100755" and entries["kz/b"][0] == "040000"
    assert set(folders) == {"", "kz", "kz/a", "kz/қала"}       # kz/c is a file, new/ is not there


@pytest.mark.parametrize(("files", "written", "problem"), [
    ({"kz/a/1.xml/x": b"1"}, "kz/a/1.xml", "is a folder in the repository"),
    ({"kz/a": b"1"}, "kz/a/1.xml", "kz/a is a file in the repository"),
])
def test_a_path_that_cannot_be_a_file_is_refused(tmp_path, files, written, problem):
    git, base = _repo(tmp_path, files)
    with pytest.raises(CorpusStateError, match=problem):
        gittree.build(git, base, {written: _blob(git, b"new")}, tmp_path / "scratch")


def test_a_tree_that_cannot_be_read_is_refused():
    entry = b"100644 a.xml\0" + bytes(20)
    assert gittree.parse(entry * 2, 20) == {b"a.xml": (b"100644", bytes(20))}
    for broken in (entry[:-1], b"x" + entry, entry + b"100644 b.xml\0" + bytes(5)):
        with pytest.raises(CorpusStateError, match="could not be read"):
            gittree.parse(broken, 20)
