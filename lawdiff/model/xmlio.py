"""Reading, writing and validating work XML: safely, deterministically, against the schema.

Parsing refuses DOCTYPEs and never resolves entities or touches the network, so a hostile
file cannot read local files or blow up memory. Serialisation is canonical (fixed attribute
order, one block element per line, UTF-8, NFC) so that ``git diff`` and ``git blame`` on the
corpus read provision by provision.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

from lxml import etree

from lawdiff import LawdiffError
from lawdiff.frozen import frozen

#: Largest XML file lawdiff will read (a consolidated code is a few MB).
MAX_XML_BYTES = 64 * 1024 * 1024

#: Attributes are written in this order; any other attribute follows alphabetically.
ATTR_ORDER = (
    "id", "lang", "eId", "num", "kind", "scheme", "code", "status", "work", "date", "number",
    "from", "until", "by", "by-date", "ended-by", "absent", "rule", "origin", "target", "type", "issuer",
    "registration", "region", "latin", "currency", "unit", "setting", "price", "count", "after",
    "old", "new", "line", "before", "reason", "complete", "file", "sha256", "layout", "source",
)
_RANK = {name: i for i, name in enumerate(ATTR_ORDER)}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_blank_text=True, remove_comments=True,
    )


def parse_bytes(data: bytes, name: str = "<input>") -> etree._ElementTree:
    """Parse XML bytes safely; any DOCTYPE or entity declaration is rejected outright."""
    if len(data) > MAX_XML_BYTES:
        raise LawdiffError(f"{name}: file is larger than {MAX_XML_BYTES} bytes")
    head = data[:4096].lower()
    if b"<!doctype" in data.lower() or b"<!entity" in head:
        raise LawdiffError(f"{name}: DOCTYPE and entity declarations are not allowed")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        msg = " ".join(str(exc.msg).split())      # libxml2 may put a line break in its message
        raise LawdiffError(f"{name}:{exc.lineno or 0}: not well-formed XML: {msg}") from None
    # The byte search above cannot see a DOCTYPE in a wide encoding (UTF-16, UTF-32); the
    # parser has not loaded or expanded anything, but the document is refused all the same.
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.system_url or info.public_id:
        raise LawdiffError(f"{name}: DOCTYPE and entity declarations are not allowed")
    return etree.ElementTree(root)


def read_regular(path: Path, limit: int | None = None, follow: bool = False) -> bytes:
    """The bytes of a regular file, read safely: a symbolic link is not followed (unless
    ``follow``: a file the user named), a FIFO or device is refused without blocking on it,
    and a file over ``limit`` bytes is refused before it is read."""
    import os
    import stat

    limit = MAX_XML_BYTES if limit is None else limit
    flags = os.O_RDONLY | (0 if follow else getattr(os, "O_NOFOLLOW", 0)) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow and (exc.errno == getattr(os, "ELOOP", None) or Path(path).is_symlink()):
            raise LawdiffError(f"{path}: is a symbolic link; lawdiff reads regular files only") from None
        raise LawdiffError(f"{path}: cannot read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise LawdiffError(f"{path}: is not a regular file (a FIFO, device or directory); refused")
        if st.st_size > limit:
            raise LawdiffError(f"{path}: file is larger than {limit} bytes")
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise LawdiffError(f"{path}: cannot read: {exc.strerror}") from None
    if len(data) > limit:
        raise LawdiffError(f"{path}: file is larger than {limit} bytes")
    return data


def parse_file(path: Path) -> etree._ElementTree:
    """Parse a corpus file safely (see :func:`read_regular` and :func:`parse_bytes`)."""
    return parse_bytes(read_regular(Path(path)), str(path))


def _canonicalise(el: etree._Element) -> None:
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        items = sorted(node.attrib.items(), key=lambda kv: (_RANK.get(kv[0], len(_RANK)), kv[0]))
        node.attrib.clear()
        for k, v in items:
            node.set(k, unicodedata.normalize("NFC", v))
        if node.text is not None:
            node.text = unicodedata.normalize("NFC", node.text) if node.text.strip() else None
        node.tail = None


def serialise(root: etree._Element) -> bytes:
    """Canonical bytes of a work document (mutates attribute order and whitespace only)."""
    _canonicalise(root)
    data: bytes = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return data


@frozen
class SchemaError:
    """One schema violation: where it is and what is wrong."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


#: The schema shipped in the package, found beside this module: a regular install needs no
#: ``importlib.resources`` (which imports tempfile and zipfile in every command).
SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "lawdiff.rng"


@functools.cache
def schema() -> etree.RelaxNG:
    """The RELAX NG schema, compiled once per process."""
    return etree.RelaxNG(etree.parse(str(SCHEMA), _parser()))


@functools.cache
def schema_digest() -> str:
    """A hash of the schema's text: a record that bytes were valid holds for this schema only."""
    import hashlib

    data = SCHEMA.read_bytes()
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def schema_errors(tree: etree._ElementTree | etree._Element, name: str = "<document>") -> list[SchemaError]:
    """All schema violations of a document (empty when valid), plus the checks RELAX NG
    cannot express: an eId used by overlapping versions is reported in :mod:`lawdiff.validate`."""
    rng = schema()
    doc = tree if isinstance(tree, etree._ElementTree) else etree.ElementTree(tree)
    if rng.validate(doc):
        return []
    return [SchemaError(name, e.line, e.message) for e in rng.error_log]


def check_valid(tree: etree._ElementTree | etree._Element, name: str = "<document>") -> None:
    """Raise LawdiffError naming the first schema violation, if any."""
    errors = schema_errors(tree, name)
    if errors:
        raise LawdiffError(f"schema violation: {errors[0]}")


def reparse(root: etree._Element) -> etree._ElementTree:
    """Serialise and parse again, so line numbers in error reports match the written file."""
    return parse_bytes(serialise(root))
