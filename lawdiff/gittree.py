"""A commit's tree made from its parent's by rewriting only the directories on the written paths.

Building the tree in an index (``read-tree``, ``update-index``, ``write-tree``) reads and
writes an entry for every file of the repository, so a write of one act costs more as the
corpus grows (hundreds of milliseconds at 10,000 works). A write changes a few files, and in
git only the trees on their paths change: those are read with one ``cat-file --batch``,
edited here, and stored with one ``hash-object --stdin-paths``. The cost follows the depth of
the paths and the size of their directories, not the number of works.

Git's tree format: entries ``<mode> <name>\\0<raw object id>``, sorted by name as bytes, a
directory's name compared as if it ended in ``/``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from lawdiff import CorpusStateError

if TYPE_CHECKING:
    from lawdiff.gitlog import Git

TREE_MODE = b"40000"
FILE_MODE = b"100644"

Entries = dict[bytes, tuple[bytes, bytes]]        # name -> (mode, raw object id)


@functools.cache
def _entry(id_size: int) -> re.Pattern[bytes]:
    """One tree entry, for object ids of ``id_size`` bytes (SHA-1 or SHA-256)."""
    return re.compile(rb"([0-7]+) ([^\0]+)\0(.{%d})" % id_size, re.S)


def parse(data: bytes, id_size: int) -> Entries:
    """The entries of a tree object's content, in git's order (a folder of the corpus may hold
    thousands of entries: they are read by one pattern, not byte by byte)."""
    entries: Entries = {}
    end = 0
    for m in _entry(id_size).finditer(data):
        if m.start() != end:
            raise CorpusStateError("a tree object of the repository could not be read; nothing written")
        entries[m[2]] = (m[1], m[3])
        end = m.end()
    if end != len(data):
        raise CorpusStateError("a tree object of the repository could not be read; nothing written")
    return entries


def serialise(entries: Entries, in_order: bool = False) -> bytes:
    """A tree object's content, in git's order (``in_order``: the entries are in it already,
    as :func:`parse` gives them with only existing names given new objects)."""
    if in_order:
        return b"".join(mode + b" " + name + b"\0" + oid for name, (mode, oid) in entries.items())

    def key(item: tuple[bytes, tuple[bytes, bytes]]) -> bytes:
        name, (mode, _) = item
        return name + b"/" if mode == TREE_MODE else name

    return b"".join(mode + b" " + name + b"\0" + oid for name, (mode, oid) in sorted(entries.items(), key=key))


def object_id(kind: bytes, content: bytes, id_size: int) -> bytes:
    """The raw id git gives an object (SHA-1, or SHA-256 in a repository that uses it)."""
    algo = hashlib.sha1 if id_size == 20 else hashlib.sha256
    return algo(kind + b" " + str(len(content)).encode() + b"\0" + content).digest()


def _folders(rels: list[str]) -> list[str]:
    """Every folder on the paths of ``rels`` ("" is the top), deepest first."""
    found = {"/".join(rel.split("/")[:depth]) for rel in rels for depth in range(rel.count("/") + 1)}
    return sorted(found, key=lambda folder: (-folder.count("/") - bool(folder), folder))


def read_folders(git: Git, base: str | None, folders: list[str]) -> dict[str, bytes]:
    """The tree content of each of ``folders`` in commit ``base`` that is a tree there."""
    if base is None:
        return {}
    asked = "".join(f"{base}:{folder}\n" for folder in folders).encode("utf-8")
    out = git.run_raw("cat-file", "--batch", stdin=asked)
    found: dict[str, bytes] = {}
    i = 0
    for folder in folders:
        end = out.index(b"\n", i)
        head = out[i:end].split(b" ")
        i = end + 1
        if head[-1] == b"missing":
            continue
        size = int(head[2])
        if head[1] == b"tree":
            found[folder] = out[i:i + size]
        i += size + 1                 # the content and the newline after it
    return found


def read_paths(git: Git, base: str | None, rels: list[str]) -> tuple[dict[str, bytes], dict[str, tuple[str, str]]]:
    """The trees of the folders on ``rels`` in commit ``base`` (what :func:`build` edits), and
    the (mode, object id) of each of ``rels`` that is there, as ``git ls-tree`` answers them:
    both from one read."""
    folders = read_folders(git, base, _folders(rels))
    found: dict[str, tuple[str, str]] = {}
    parsed: dict[str, Entries] = {}
    for rel in rels:
        folder, _, name = rel.rpartition("/")
        if folder not in folders:
            continue
        if folder not in parsed:
            assert base is not None
            parsed[folder] = parse(folders[folder], len(base) // 2)
        entry = parsed[folder].get(name.encode("utf-8"))
        if entry is not None:
            found[rel] = (entry[0].decode().zfill(6), entry[1].hex())
    return folders, found


def build(git: Git, base: str | None, blobs: dict[str, str], scratch: Path,
          old: dict[str, bytes] | None = None) -> str:
    """The id of the tree of ``base`` with each path of ``blobs`` (path -> blob id) set to that
    blob as a regular file; the new trees are stored in the repository. ``scratch``: a folder
    of this write's own for the tree contents handed to git; ``old``: the folders' trees as
    :func:`read_paths` read them (else they are read here)."""
    id_size = len(next(iter(blobs.values()))) // 2
    folders = _folders(list(blobs))
    if old is None:
        old = read_folders(git, base, folders)
    trees = {folder: parse(old[folder], id_size) if folder in old else {} for folder in folders}
    grown = {folder for folder in folders if folder not in old}     # names added: sort again
    for rel, blob in blobs.items():
        folder, _, name = rel.rpartition("/")
        if name.encode("utf-8") not in trees[folder]:
            grown.add(folder)
        mode = trees[folder].get(name.encode("utf-8"), (FILE_MODE, b""))[0]
        if mode == TREE_MODE:
            raise CorpusStateError(f"{rel} is a folder in the repository, not a file; nothing written")
        trees[folder][name.encode("utf-8")] = (FILE_MODE, bytes.fromhex(blob))
    contents: list[tuple[bytes, bytes]] = []
    for folder in folders:                     # deepest first: a folder's tree before its parent's
        content = serialise(trees[folder], in_order=folder not in grown)
        oid = object_id(b"tree", content, id_size)
        contents.append((oid, content))
        if folder:
            parent, _, name = folder.rpartition("/")
            if name.encode("utf-8") not in trees[parent]:
                grown.add(parent)
            mode = trees[parent].get(name.encode("utf-8"), (TREE_MODE, b""))[0]
            if mode != TREE_MODE:
                raise CorpusStateError(f"{folder} is a file in the repository, not a folder; nothing written")
            trees[parent][name.encode("utf-8")] = (TREE_MODE, oid)
    _store(git, contents, scratch)
    return contents[-1][0].hex()


def _store(git: Git, contents: list[tuple[bytes, bytes]], scratch: Path) -> None:
    """Write the tree objects with one git call, and check git made the ids computed here."""
    scratch.mkdir(exist_ok=True)
    paths = []
    for k, (_, content) in enumerate(contents):
        path = scratch / f"tree-{k}"
        path.write_bytes(content)
        paths.append(str(path))
    try:
        made = git.run("hash-object", "-w", "-t", "tree", "--no-filters", "--stdin-paths",
                       stdin="".join(f"{p}\n" for p in paths).encode("utf-8")).split()
    finally:
        for p in paths:
            Path(p).unlink(missing_ok=True)
    if made != [oid.hex() for oid, _ in contents]:
        raise CorpusStateError("git stored the new folder trees under other ids than lawdiff computed; "
                               "nothing written")
