"""A work from a user's words (its id, a unique number or an adilet alias), and the derived
index that answers it.

Kept apart from :mod:`lawdiff.api` so that a command which only needs to find a work (``apply``,
``amendments``) does not import every query of the API with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lawdiff import LawdiffError

if TYPE_CHECKING:
    from lawdiff.corpus import Corpus
    from lawdiff.index.store import Index


def current_index(corpus: Corpus, full: bool = False) -> Index | None:
    """The corpus's derived index, current; None when it cannot be used (answer from the XML).

    A corpus holding a bad file (unreadable, a link or FIFO, schema-invalid, id not matching
    its path) is answered from the XML, which reports that file once and skips it. ``full``:
    every work file's stamp is compared (the answer is every work: a file copied in by hand
    is listed at once), not only the corpus-state key (docs/index.md)."""
    from lawdiff.index import open_index
    from lawdiff.index.store import has_errors

    index = open_index(corpus, full=full)
    if index is not None and has_errors(index):
        index.close()
        return None
    return index


def resolve(corpus: Corpus, query: str) -> str:
    """A work id from a user's words: the id itself, or a unique number / adilet alias."""
    index = None if query.startswith("kz/") else current_index(corpus)
    if index is None:
        return corpus.resolve(query)
    from lawdiff.index.query import resolve_hits

    hits = resolve_hits(index, query)
    if not hits:
        raise LawdiffError(f"no work {query!r} in the corpus (use a work id such as kz/mlsp/order/2018/379)")
    if len(hits) > 1:
        raise LawdiffError(f"{query!r} is ambiguous: {', '.join(sorted(hits))}")
    return hits[0]
