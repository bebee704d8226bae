"""Typed amendment operations: what the grammar produces and the appliers consume.

An operation names its kind, the work it changes and a target path of (kind, number) steps
from the top of that work, plus what the kind needs: the new wording (paragraphs, outer
quotes stripped), old and new words, or the amending act's appendix that holds the new
text. It keeps the instruction sentence it came from, so every error and every report can
name it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lawdiff.frozen import frozen
from lawdiff.model.ids import eid

#: Operation kinds (the schema's <op kind>), in the order docs/amendments.md explains them.
KINDS = ("replace", "insert", "delete", "replace-words", "replace-words-everywhere",
         "insert-words", "replace-number", "replace-appendix", "repeal")
#: ``not-this-language``: an operation on one language version only, met by a work held in the
#: other language; reported, the work left as it is.
#: ``parsed-with-warning``: the grammar read the instruction but something in it disagrees
#: (a new wording numbered unlike its target); the reason says what, and ``apply`` uses it
#: only when told to accept warnings.
STATUSES = ("parsed", "parsed-with-warning", "applied", "not-this-language", "failed", "overridden")
#: insert-words: the new words go after (or before) every occurrence of the anchor words.
POSITIONS = ("after", "before")
#: A change to one language version only ("текст на казахском языке не меняется").
LANGUAGES = ("kk", "ru")

Path = list[tuple[str, str | None]]


@dataclass
class Operation:
    """One typed amendment operation."""

    op: str
    work: str | None
    path: Path
    source: str
    text: list[str] = field(default_factory=list)
    words: tuple[str, str] | None = None
    #: replace-words / replace-number: the exact number of occurrences the instruction
    #: allows; None = every whole-word occurrence, at least one.
    count: int | None = None
    #: replace-appendix: number of the amending act's own appendix holding the new text.
    source_appendix: str | None = None
    #: insert: the sibling named by the instruction ("… кейін"), when it names one.
    after: Path | None = None
    #: insert-words: "after" or "before" the anchor (``words`` = (anchor, inserted words)).
    position: str | None = None
    #: the language version the instruction changes, when it changes one only.
    language: str | None = None
    #: a joint act (an akimat resolution and a maslikhat decision adopted together): the other
    #: ids it is cited by; ``apply`` changes the one the corpus holds.
    joint: list[str] = field(default_factory=list)
    #: the date this operation takes effect when the act gives it one of its own ("… 2)
    #: тармақшасын қоспағанда, ол 2024 жылғы 1 шілдеден бастап …"); None: the act's date.
    effective: dt.date | None = None
    #: where the instruction stands in the amending act ([clause 1, subclause 2]), for that.
    at: Path = field(default_factory=list)
    status: str = "parsed"
    reason: str | None = None
    #: position of the operation in the amending act (1-based): ``op_<seq>`` in its XML.
    seq: int = 0
    #: number of the instruction sentence it came from (1-based), when parsed from text.
    sentence: int = 0

    def __post_init__(self) -> None:
        if self.op not in KINDS:
            raise ValueError(f"unknown operation kind {self.op!r}")
        if self.status not in STATUSES:
            raise ValueError(f"unknown operation status {self.status!r}")
        if (self.op == "insert-words") != (self.position in POSITIONS):
            raise ValueError("insert-words needs a position (after/before), no other kind has one")
        if self.language is not None and self.language not in LANGUAGES:
            raise ValueError(f"unknown language version {self.language!r}")

    @property
    def eid(self) -> str | None:
        """The eId of the target (None for a whole work)."""
        return eid(self.path) if self.path else None

    def to_json(self) -> dict:
        return {
            "op": self.op,
            "target": {"work": self.work, "path": [[k, n] for k, n in self.path], "eId": self.eid},
            "text": "\n".join(self.text) if self.text else None,
            "words": {"old": self.words[0], "new": self.words[1]} if self.words else None,
            "count": self.count,
            "source_appendix": self.source_appendix,
            "after": [[k, n] for k, n in self.after] if self.after else None,
            "position": self.position,
            "language": self.language,
            "joint": self.joint or None,
            "effective": self.effective.isoformat() if self.effective else None,
            "source": self.source,
            "status": self.status,
            "reason": self.reason,
        }


@frozen
class Unparsed:
    """An instruction sentence the grammar could not turn into operations, and why."""

    source: str
    reason: str

    def to_json(self) -> dict:
        return {"source": self.source, "reason": self.reason, "status": "unparsed"}


@dataclass
class ParseResult:
    ops: list[Operation] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)

    def to_json(self) -> list[dict]:
        """``amendments --json``: the operations numbered ``op_1``..., then the sentences not
        understood (``id`` and ``op`` null)."""
        return ([{"id": f"op_{i}", **op.to_json()} for i, op in enumerate(self.ops, 1)]
                + [{"id": None, "op": None, **u.to_json()} for u in self.unparsed])
