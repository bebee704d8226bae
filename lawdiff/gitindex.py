"""The entries of git's index (the staging area) a write changes, read and set without git.

After its commit a write sets the user's index entries of the files it wrote to their new
blobs, as ``git add`` would. ``git update-index`` and ``git ls-files`` read and rewrite
the whole index file to do it, and at 10,000 works the index is 2.7 MB: about 15 ms for
each call. Here the index is read once, its entries are walked by their headers (only the
paths asked for are decoded), and the new file is written once, through the index lock the
write holds.

The format (git's ``gitformat-index``): a header ``DIRC``, the version and the entry count;
entries sorted by path, each 40 bytes of file status, the object id, two bytes of flags
(name length in the low 12 bits; in version 3 bit 14 says two more flag bytes follow), the
path, and 1 to 8 NUL bytes up to a multiple of 8; extensions, each a 4-byte signature and
a 4-byte size; last, a checksum of all that precedes it.

Versions 2 and 3 are handled, with any extension git calls optional (an upper-case
signature). :func:`read` answers None for what it does not handle (version 4 with its
compressed paths, a split or sparse index, a corrupt file), and the caller has git do it.

An entry set here is made as ``git update-index --index-info`` makes it: stage 0, regular
file, no file status (git compares such a file's content on its next look). A path in a
merge conflict is not set: its stages are the user's to resolve. Optional extensions are
caches of what the entries hold; those that the new entries would make stale are dropped
rather than repaired (git rebuilds them when it next needs them): the cache tree, whose
repair would cost more than the write, the untracked-file cache, the file-system monitor's
token and the entry offset tables.
"""

from __future__ import annotations

import bisect
import hashlib
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_HEADER = struct.Struct(">4sII")
_U16 = struct.Struct(">H")
_U32 = struct.Struct(">I")
_STAT_SIZE = 40
_NAME_MASK = 0x0FFF
_EXTENDED = 0x4000
_EXTENDED_HIGH, _NAME_HIGH = _EXTENDED >> 8, _NAME_MASK >> 8     # the same, in the flags' first byte
_STAGE = 0x3000
_FILE_MODE = 0o100644
#: Optional extensions that stay true when entries change: the resolve-undo records.
_KEPT = {b"REUC"}
#: What :meth:`Index.staged` reports, where no blob can match, for a path in a merge
#: conflict (its stages are the user's to resolve) ...
UNMERGED = "unmerged"
#: ... and for a path the index holds as a folder, or under a path it holds as a file.
FILE_FOLDER_CLASH = "file-folder-clash"


@dataclass
class Index:
    """An index file as read: its entries' offsets into ``data``, for lookups and edits."""

    data: bytes
    version: int
    id_size: int
    offsets: list[int]          # where each entry starts, then where the entries end
    kept: list[bytes]           # the extensions carried over, whole

    def _path(self, k: int) -> bytes:
        off = self.offsets[k]
        head = _STAT_SIZE + self.id_size
        flags = _U16.unpack_from(self.data, off + head)[0]
        start = off + head + (4 if flags & _EXTENDED else 2)
        length = flags & _NAME_MASK
        if length == _NAME_MASK:
            length = self.data.index(b"\0", start) - start
        return self.data[start:start + length]

    def _find(self, path: bytes) -> int:
        """Where the first entry of ``path`` is, or would go."""
        return bisect.bisect_left(range(len(self.offsets) - 1), path, key=self._path)

    def staged(self, rels: list[str]) -> dict[str, str]:
        """The blob staged for each of ``rels`` the index holds, :data:`UNMERGED` or
        :data:`FILE_FOLDER_CLASH` for one that cannot simply be set."""
        found: dict[str, str] = {}
        count = len(self.offsets) - 1
        for rel in rels:
            path = rel.encode("utf-8")
            k = self._find(path)
            if k < count and self._path(k) == path:
                off = self.offsets[k]
                flags = _U16.unpack_from(self.data, off + _STAT_SIZE + self.id_size)[0]
                oid = self.data[off + _STAT_SIZE:off + _STAT_SIZE + self.id_size].hex()
                found[rel] = UNMERGED if flags & _STAGE else oid
            elif self._clashes(path):
                found[rel] = FILE_FOLDER_CLASH
        return found

    def _clashes(self, path: bytes) -> bool:
        """Does the index hold a file named like a folder of ``path``, or files under a
        folder named ``path``?"""
        inside = path + b"/"
        j = self._find(inside)
        if j < len(self.offsets) - 1 and self._path(j).startswith(inside):
            return True
        parts = path.split(b"/")
        for depth in range(1, len(parts)):
            folder = b"/".join(parts[:depth])
            j = self._find(folder)
            if j < len(self.offsets) - 1 and self._path(j) == folder:
                return True
        return False

    def write(self, fh: BinaryIO, blobs: dict[str, str]) -> None:
        """Write to ``fh`` the index file with each path of ``blobs`` staged as that blob (a
        regular file); none of them may be :data:`UNMERGED`. The unchanged runs of entries
        are written from the file as read, and hashed for the checksum meanwhile."""
        count = len(self.offsets) - 1
        edits = []                      # (where the entry goes, where the entry it replaces ends, entry)
        for rel, blob in sorted(blobs.items(), key=lambda item: item[0].encode("utf-8")):
            path = rel.encode("utf-8")
            k = self._find(path)
            end = k + (k < count and self._path(k) == path)
            edits.append((k, end, _entry(path, bytes.fromhex(blob), self.id_size)))
        new_count = count + sum(1 - (end - k) for k, end, _ in edits)
        view = memoryview(self.data)
        parts: list[bytes | memoryview] = [_HEADER.pack(b"DIRC", self.version, new_count)]
        at = 0
        for k, end, entry in edits:
            parts += [view[self.offsets[at]:self.offsets[k]], entry]
            at = end
        parts.append(view[self.offsets[at]:self.offsets[-1]])
        parts += self.kept
        checksum = _hashing(parts, self.id_size)
        for part in parts:
            fh.write(part)
        fh.write(checksum())


def _entry(path: bytes, oid: bytes, id_size: int) -> bytes:
    """A stage-0 regular-file entry with no file status, as ``--index-info`` makes one."""
    stat = bytes(24) + _U32.pack(_FILE_MODE) + bytes(12)
    flags = min(len(path), _NAME_MASK)
    size = (_STAT_SIZE + id_size + 2 + len(path) + 8) & ~7
    return (stat + oid + _U16.pack(flags) + path).ljust(size, b"\0")


def _hashing(parts: list[bytes | memoryview], id_size: int) -> Callable[[], bytes]:
    """Start hashing ``parts`` (the index's checksum: SHA-1, or SHA-256 in a repository that
    uses it) in a thread, and return the call that waits for the digest. hashlib lets go of
    the interpreter while it hashes, so reading or writing the entries goes on meanwhile: at
    100,000 works the index is 15 MB and each pass takes some 8 ms."""
    digest: list[bytes] = []

    def run() -> None:
        h = hashlib.sha1() if id_size == 20 else hashlib.sha256()
        for part in parts:
            h.update(part)
        digest.append(h.digest())

    thread = threading.Thread(target=run, name="lawdiff-index-checksum")
    thread.start()

    def wait() -> bytes:
        thread.join()
        return digest[0]

    return wait


def read(path: Path, id_size: int) -> Index | None:
    """The index file at ``path`` (none there: an empty index), or None when it is in a
    form this module leaves to git. ``id_size``: the repository's object id size in bytes
    (20 for SHA-1, 32 for SHA-256)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Index(_HEADER.pack(b"DIRC", 2, 0), 2, id_size, [_HEADER.size], [])
    if len(data) < _HEADER.size + id_size:
        return None
    signature, version, count = _HEADER.unpack_from(data)
    trailer = data[-id_size:]
    if signature != b"DIRC" or version not in (2, 3):
        return None
    end = len(data) - id_size
    checksum = _hashing([memoryview(data)[:end]], id_size) if any(trailer) else None
    offsets = _walk(data, version, count, id_size, end)
    if checksum is not None and checksum() != trailer:
        return None                                  # git says what is wrong with it
    if offsets is None:
        return None
    kept = _extensions(data, offsets[-1], end)
    return None if kept is None else Index(data, version, id_size, offsets, kept)


def _walk(data: bytes, version: int, count: int, id_size: int, end: int) -> list[int] | None:
    """Where each entry starts, then where the entries end; None if they do not fit.

    This loop is the cost of reading a large index (120,000 entries at 100,000 works), so an
    entry's size is looked up from the first byte of its flags and added to the second (the
    name's length); the rare entry (extended flags, a name of 3,840 bytes or more) is left to
    :func:`_entry_size`."""
    at = _STAT_SIZE + id_size                     # where an entry's flags are
    fixed = at + 2 + 8                            # the flags, and room for the padding
    common = [-1 if high & _EXTENDED_HIGH or high & _NAME_HIGH == _NAME_HIGH else fixed + ((high & _NAME_HIGH) << 8)
              for high in range(256)]
    offsets = [0] * (count + 1)
    off = _HEADER.size
    try:
        for k in range(count):
            offsets[k] = off
            base = common[data[off + at]]
            if base >= 0:
                off += (base + data[off + at + 1]) & -8
            else:
                size = _entry_size(data, off, version, id_size, end)
                if size is None:
                    return None
                off += size
    except IndexError:                            # the entries run past the file
        return None
    if off > end:
        return None
    offsets[count] = off
    return offsets


def _entry_size(data: bytes, off: int, version: int, id_size: int, end: int) -> int | None:
    """The size of an entry with extended flags or a long name (None if it does not fit)."""
    head = _STAT_SIZE + id_size
    if off + head + 2 > end:
        return None
    flags: int = _U16.unpack_from(data, off + head)[0]
    fixed = head + 2
    if flags & _EXTENDED:
        if version < 3:
            return None
        fixed += 2
    length = flags & _NAME_MASK
    if length == _NAME_MASK:
        nul = data.find(b"\0", off + fixed, end)
        if nul < 0:
            return None
        length = nul - off - fixed
    return (fixed + length + 8) & ~7


def _extensions(data: bytes, off: int, end: int) -> list[bytes] | None:
    """The extensions to carry over whole; None if one is required and not understood here
    (a split index's ``link``, a sparse index's ``sdir``) or they do not fit."""
    kept = []
    while off < end:
        if off + 8 > end:
            return None
        signature = data[off:off + 4]
        size = _U32.unpack_from(data, off + 4)[0]
        if off + 8 + size > end or not b"A" <= signature[:1] <= b"Z":
            return None
        if signature in _KEPT:
            kept.append(data[off:off + 8 + size])
        off += 8 + size
    return kept
