"""Work ids and eIds: the only place either is built or checked.

A work id names one act, path-safe and readable: ``kz/<issuer>/<type>/<year>/<number>``,
e.g. ``kz/mlsp/order/2018/379``. It doubles as the corpus path (``corpus/<id>.xml``), so
it is validated against a strict pattern before any file is touched.

An eId names one structural unit inside a work, AKN style: the path from the top,
``<prefix>_<num>`` per step joined by ``__`` (``para_11__subpara_2__part_3__indent_6``).
Inserted numbers keep their form: "7-1)" becomes ``subpara_7-1``.
"""

from __future__ import annotations

import functools
import re

from lawdiff import LawdiffError
from lawdiff.lang import number_slug, slug, transliterate  # noqa: F401 (re-exported: the id's parts)

#: Structural kinds, largest to smallest, with their eId prefix and XML element name.
#: ``indent`` (абзац) is stored as ``<p>``: every paragraph of text is an indent.
KINDS: dict[str, tuple[str, str]] = {
    "title": ("title", "title"),
    "preamble": ("preamble", "preamble"),
    "appendix": ("att", "appendix"),
    "section": ("sec", "section"),
    "chapter": ("chp", "chapter"),
    "subchapter": ("subchp", "subchapter"),
    "article": ("art", "article"),
    "clause": ("para", "clause"),
    "subclause": ("subpara", "subclause"),
    "part": ("part", "part"),
    "indent": ("indent", "p"),
    "group": ("grp", "group"),
    "row": ("row", "row"),
}
PREFIX_TO_KIND = {prefix: kind for kind, (prefix, _) in KINDS.items()}
ELEMENT_TO_KIND = {element: kind for kind, (_, element) in KINDS.items()}
#: Kinds that occur once per parent and carry no number in their eId.
UNNUMBERED = {"title", "preamble"}

ACT_TYPES = ("constitution", "code", "law", "decree", "resolution", "decision", "order", "act")

_WORK_ID = re.compile(
    r"^kz/[a-z0-9]+(?:-[a-z0-9]+)*/(?:%s)/(?:1[89]|20)\d\d/[a-z0-9]+(?:[-_][a-z0-9]+)*$"
    % "|".join(ACT_TYPES)
)
#: A unit number in eId form (see :func:`norm_num`).
_NUM = re.compile(r"^[0-9a-z]+(?:-[0-9a-z]+)*$")

def work_id(issuer: str, act_type: str, year: int, number: str) -> str:
    """Build a work id from its metadata; raises LawdiffError if the parts do not fit.

    The issuer is a readable slug (a gazetteer code such as ``oral-akimat``); the number keeps
    every distinction the printed number makes (:func:`lawdiff.lang.number_slug`)."""
    wid = f"kz/{slug(issuer)}/{act_type}/{year}/{number_slug(number)}"
    return check_work_id(wid)


def check_work_id(wid: str) -> str:
    """Return ``wid`` if it is a well-formed work id, else raise LawdiffError.

    The pattern admits no '..', no absolute path and no characters outside [a-z0-9-/],
    so a work id can never point outside the corpus directory.
    """
    if not isinstance(wid, str) or not _WORK_ID.fullmatch(wid):
        raise LawdiffError(f"invalid work id {wid!r}: expected kz/<issuer>/<type>/<year>/<number>")
    return wid


@functools.lru_cache(maxsize=4096)     # an act names the same few numbers thousands of times
def norm_num(num: str) -> str:
    """The eId form of a unit number: "7-1)" -> "7-1", "5." -> "5", "а)" -> "a", "ә)" -> "ae"."""
    # "_" separates the steps of an eId, so a "/" or "." inside a unit number ("5.1.") is "-".
    n = number_slug(num.strip().rstrip(".)").strip()).replace("_", "-")
    if not _NUM.fullmatch(n):
        raise LawdiffError(f"cannot use {num!r} as a unit number")
    return n


def eid(path: list[tuple[str, str | None]]) -> str:
    """The eId for a path of (kind, number) steps from the top of the work."""
    parts = []
    for kind, num in path:
        if kind not in KINDS:
            raise LawdiffError(f"unknown structural kind {kind!r}")
        prefix = KINDS[kind][0]
        parts.append(prefix if kind in UNNUMBERED else f"{prefix}_{norm_num(str(num))}")
    return "__".join(parts)


def parse_eid(value: str) -> list[tuple[str, str | None]]:
    """Inverse of :func:`eid`: ``para_2__subpara_1`` -> [("clause", "2"), ("subclause", "1")]."""
    path: list[tuple[str, str | None]] = []
    for step in value.split("__"):
        prefix, _, num = step.partition("_")
        kind = PREFIX_TO_KIND.get(prefix)
        if kind is None or (kind not in UNNUMBERED and not _NUM.fullmatch(num)):
            raise LawdiffError(f"invalid eId {value!r} (step {step!r})")
        path.append((kind, num or None))
    return path
