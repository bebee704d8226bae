"""The redline primitives: word-level differences of two texts, tariff rows paired, the change
records every redline is made of.

Everything here works on plain values (texts, tariff rows) and knows nothing about storage.
The comparison the commands make (versions read on dates, two works, uncertain readings) is
:mod:`lawdiff.review.compare`, which builds its redlines from these primitives; the applier
reports its changes with them too.

Word diffs are computed with diff-match-patch over *tokens* rather than characters: each
text is cut into words, runs of whitespace and single punctuation marks, each distinct token
is mapped to one private character (the ``linesToChars`` trick), the character strings are
diffed and cleaned up semantically, and the result is mapped back. An operation boundary
therefore always falls between tokens, never inside a word: a lawyer sees "2008" replaced
by "2009", not "200{-8-}{+9+}".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import field
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol
from collections.abc import Iterable, Sequence

from lawdiff import LawdiffError
from lawdiff.frozen import frozen
from lawdiff.model.ids import parse_eid

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@frozen
class WordOp:
    """One word-level operation: ``text`` is kept (equal), inserted or deleted."""

    kind: str  # "equal" | "insert" | "delete"
    text: str


@frozen
class Change:
    """One changed unit: a provision (by eId) or a tariff row (``row_<num>``).

    ``ops`` turn ``old`` into ``new``: the equal and delete texts concatenated give ``old``,
    the equal and insert texts give ``new``. An added unit has one insert op, a removed unit
    one delete op (none if its text is empty).
    """

    eid: str
    kind: str  # "added" | "removed" | "changed"
    old: str | None
    new: str | None
    ops: list[WordOp] = field(default_factory=list)
    label: str = ""
    price_old: Decimal | None = None
    price_new: Decimal | None = None
    #: Tariff rows only: the row number on each side (they differ when numbering shifts).
    row_old: int | None = None
    row_new: int | None = None
    #: Tariff rows only: what each price is for ("per-service", "per-recipient-per-day").
    unit_old: str | None = None
    unit_new: str | None = None

    @property
    def is_tariff(self) -> bool:
        return self.row_old is not None or self.row_new is not None

    @property
    def units_differ(self) -> bool:
        """Prices for different units (one service / one recipient per day) are not comparable:
        no rise, fall, difference or percentage is computed between them."""
        return self.unit_old is not None and self.unit_new is not None and self.unit_old != self.unit_new

    @property
    def price_delta(self) -> Decimal | None:
        if self.price_old is None or self.price_new is None or self.units_differ:
            return None
        return self.price_new - self.price_old

    @property
    def price_percent(self) -> Decimal | None:
        """Change of price relative to the old price, in percent, to 2 decimals."""
        delta = self.price_delta
        if delta is None or self.price_old == 0:
            return None
        return (delta * 100 / self.price_old).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def to_json(self) -> dict:
        out: dict = {
            "eId": self.eid,
            "kind": self.kind,
            "label": self.label,
            "old": self.old,
            "new": self.new,
            "ops": [{"op": op.kind, "text": op.text} for op in self.ops],
        }
        if self.is_tariff:
            out["row"] = {"old": self.row_old, "new": self.row_new}
            pct = self.price_percent
            out["price"] = {
                "old": format_decimal(self.price_old),
                "new": format_decimal(self.price_new),
                "delta": format_decimal(self.price_delta),
                "percent": None if pct is None else str(pct),
            }
            if self.unit_old or self.unit_new:
                out["price"]["unit"] = {"old": self.unit_old, "new": self.unit_new}
                out["price"]["comparable"] = not self.units_differ
        return out


class TariffLike(Protocol):
    """What :func:`align_tariffs` and the row texts need of a tariff row."""

    num: int
    service: str
    position: str
    price: Decimal
    category: str


# --------------------------------------------------------------------------- helpers

_QUOTES = str.maketrans({ch: '"' for ch in "«»“”„‟″〝〞＂"})


def normalise_quotes(text: str) -> str:
    """Replace typographic double quotes (« » “ ” „ ...) by the ASCII ``"``.

    Acts switch between «...» and "..." from one edition to the next; callers that do not
    want such switches reported apply this to both sides before diffing.
    """
    return text.translate(_QUOTES)


def format_decimal(value: Decimal | None) -> str | None:
    """A price or delta as in the JSON output: dot, the printed scale kept ("948.30", "587")."""
    if value is None:
        return None
    return f"{value:f}"


def format_signed(value: Decimal | None) -> str | None:
    """A delta with its sign: "+51.70", "-20.00", "+0.00"."""
    text = format_decimal(value)
    if text is None or text.startswith("-"):
        return text
    return "+" + text


_LABEL_FORMS = {
    "title": "тақырып",
    "preamble": "кіріспе",
    "appendix": "{}-қосымша",
    "section": "{}-бөлім",
    "chapter": "{}-тарау",
    "subchapter": "{}-параграф",
    "article": "{}-бап",
    "clause": "{}-тармақ",
    "subclause": "{}) тармақша",
    "part": "{}-бөлік",
    "indent": "{}-абзац",
    "group": "{}-топ",
    "row": "{}-жол",
}


def provision_label(eid: str) -> str:
    """A Kazakh label for an eId: ``para_2__subpara_1`` -> "2-тармақ 1) тармақша".

    An eId that does not parse is returned as it is.
    """
    try:
        path = parse_eid(eid)
    except LawdiffError:
        return eid
    return " ".join(_LABEL_FORMS[kind].format(num) for kind, num in path)


# --------------------------------------------------------------------------- tokens

_SPACE_IN_NUMBER = "[ \u00a0\u2009\u202f]"
_WORD_CHAR = r"[\w\u0300-\u036f]"
_TOKEN = re.compile(
    # a number with grouped thousands and an optional decimal part: "1 896,60", "10 000"
    rf"\d{{1,3}}(?:{_SPACE_IN_NUMBER}\d{{3}})+(?:[.,]\d+)?(?!\d)"
    # a number with decimal comma/point or a dotted date: "948,30", "01.07.2023"
    r"|\d+(?:[.,]\d+)+(?!\d)"
    # a word, hyphenated words kept whole: "әлеуметтік-тұрмыстық", "7-бабының", "7-1"
    rf"|{_WORD_CHAR}+(?:[-\u2010\u2011’'ʼ]{_WORD_CHAR}+)*"
    # a run of whitespace
    r"|\s+"
    # anything else, one character at a time (punctuation, symbols)
    r"|.",
    re.DOTALL,
)


def tokenise(text: str) -> list[str]:
    """Cut ``text`` into words, whitespace runs and punctuation; the tokens join back to it."""
    return _TOKEN.findall(text)


def _code_point(index: int) -> str:
    """The private character for the ``index``-th distinct token (surrogates skipped)."""
    cp = 0x100 + index
    if cp >= 0xD800:
        cp += 0x800
    if cp > 0x10FFFF:
        raise LawdiffError("text too large to diff: more than a million distinct words")
    return chr(cp)


def _tokens_to_chars(texts: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """Each text as a string of one private character per token (so that diff-match-patch
    diffs tokens), and the token each character stands for."""
    vocab: dict[str, str] = {}
    encoded = []
    for text in texts:
        chars = []
        for tok in tokenise(text):
            ch = vocab.get(tok)
            if ch is None:
                ch = vocab[tok] = _code_point(len(vocab))
            chars.append(ch)
        encoded.append("".join(chars))
    return encoded, {ch: tok for tok, ch in vocab.items()}


def _shift_to_words(diffs: list[list], tokens: dict[str, str]) -> None:
    """Slide lone edits so they start at a word and carry the trailing space.

    "Республикасының[- 2008 жылғы-] Заңы" becomes "Республикасының [-2008 жылғы -]Заңы":
    same result, but the deletion reads as whole words followed by their space.
    """
    for i in range(1, len(diffs) - 1):
        prev, cur, nxt = diffs[i - 1], diffs[i], diffs[i + 1]
        if prev[0] != 0 or cur[0] == 0 or nxt[0] != 0:
            continue
        while (
            cur[1]
            and len(nxt[1]) > 1
            and cur[1][0] == nxt[1][0]
            and tokens[cur[1][0]].isspace()
        ):
            prev[1] += cur[1][0]
            cur[1] = cur[1][1:] + nxt[1][0]
            nxt[1] = nxt[1][1:]


#: Up to this many tokens in both texts together, the word diff is exact and deterministic.
EXACT_TOKENS = 4000
#: Seconds diff-match-patch may spend on a longer pair of texts.
LONG_TIMEOUT = 2.0

_DMP_KIND = {0: EQUAL, 1: INSERT, -1: DELETE}


def _join(ops: Iterable[WordOp]) -> list[WordOp]:
    out: list[WordOp] = []
    for op in ops:
        if not op.text:
            continue
        if out and out[-1].kind == op.kind:
            out[-1] = WordOp(op.kind, out[-1].text + op.text)
        else:
            out.append(op)
    return out


def word_diff(old: str, new: str) -> list[WordOp]:
    """Word-level operations turning ``old`` into ``new``.

    Boundaries fall only between tokens (see :func:`tokenise`); consecutive operations of one
    kind are joined; where a deletion and an insertion meet, the deletion comes first.
    """
    if old == new:
        return [WordOp(EQUAL, old)] if old else []
    (a, b), tokens = _tokens_to_chars([old, new])
    import diff_match_patch   # here: a query that shows no redline does not load it

    dmp = diff_match_patch.diff_match_patch()
    # Exact (and so deterministic) for texts of ordinary size; a very long pair of texts that
    # differ throughout gets a time limit, after which diff-match-patch returns a coarser diff.
    dmp.Diff_Timeout = 0 if len(a) + len(b) <= EXACT_TOKENS else LONG_TIMEOUT
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    diffs = [[op, text] for op, text in diffs]
    _shift_to_words(diffs, tokens)
    ops = [WordOp(_DMP_KIND[op], "".join(map(tokens.__getitem__, chars))) for op, chars in diffs]
    return _order_edits(_join(ops))


def _order_edits(ops: list[WordOp]) -> list[WordOp]:
    """Within each run of edits between equal texts, put all deletions before insertions."""
    out: list[WordOp] = []
    run: list[WordOp] = []

    def flush() -> None:
        dels = "".join(op.text for op in run if op.kind == DELETE)
        ins = "".join(op.text for op in run if op.kind == INSERT)
        if dels:
            out.append(WordOp(DELETE, dels))
        if ins:
            out.append(WordOp(INSERT, ins))
        run.clear()

    for op in ops:
        if op.kind == EQUAL:
            flush()
            out.append(op)
        else:
            run.append(op)
    flush()
    return out


def apply_old(ops: Iterable[WordOp]) -> str:
    """The old text the operations start from (equal + delete)."""
    return "".join(op.text for op in ops if op.kind != INSERT)


def apply_new(ops: Iterable[WordOp]) -> str:
    """The new text the operations produce (equal + insert)."""
    return "".join(op.text for op in ops if op.kind != DELETE)


# --------------------------------------------------------------------------- alignment


def merge_order(n_old: int, n_new: int, pairs: dict[int, int]) -> list[tuple[int | None, int | None]]:
    """Document order of the new side, each removed old item placed where it stood.

    ``pairs`` maps old index -> new index. A removed old item follows the new counterpart of
    the nearest paired old item before it (or opens the list if there is none), ahead of any
    item added at the same place.
    """
    keyed: list[tuple[tuple[int, int, int], tuple[int | None, int | None]]] = []
    back = {j: i for i, j in pairs.items()}
    for j in range(n_new):
        keyed.append(((j, 0, 0), (back.get(j), j)))
    anchor = -1
    for i in range(n_old):
        if i in pairs:
            anchor = pairs[i]
        else:
            keyed.append(((anchor, 1, i), (i, None)))
    keyed.sort(key=lambda kv: kv[0])
    return [item for _, item in keyed]


def normalise_key(text: str | None) -> str:
    """Comparison key for tariff texts: NFC, quotes unified, whitespace folded, casefolded."""
    text = unicodedata.normalize("NFC", normalise_quotes(text or ""))
    return " ".join(text.split()).casefold()


def row_text(row: TariffLike) -> str:
    service = (getattr(row, "service", "") or "").strip()
    position = (getattr(row, "position", "") or "").strip()
    return f"{service} — {position}" if position else service


def row_label(row: TariffLike) -> str:
    service = " ".join((row.service or "").split())
    if len(service) > 80:
        service = service[:79].rstrip() + "…"
    position = " ".join((getattr(row, "position", "") or "").split())
    return f"row {row.num}: {service}" + (f" ({position})" if position else "")


def _similarity(a: str, b: str) -> float:
    """Share of the longer text's characters that a word diff keeps equal."""
    if not a or not b:
        return 0.0
    kept = sum(len(op.text) for op in word_diff(a, b) if op.kind == EQUAL)
    return kept / max(len(a), len(b))


#: Rows at the same number whose services differ are still paired (as a reworded service)
#: when their positions match and at least this share of the service text is kept.
REWORD_THRESHOLD = 0.6


def align_tariffs(old: Sequence[TariffLike], new: Sequence[TariffLike]) -> dict[int, int]:
    """Pair rows of two tariff tables; returns old index -> new index.

    1. same number and same service (normalised, see :func:`normalise_key`);
    2. then same (service, position), wherever the rows stand, so tables of two different
       acts align even when their numbering shifts;
    3. then, among rows still unpaired, same number and same position with a service reworded
       but mostly kept (:data:`REWORD_THRESHOLD`), so an amended wording shows as a redline
       rather than as a removed and an added row.
    """
    pairs: dict[int, int] = {}
    used_new: set[int] = set()
    okey = [(normalise_key(r.service), normalise_key(getattr(r, "position", ""))) for r in old]
    nkey = [(normalise_key(r.service), normalise_key(getattr(r, "position", ""))) for r in new]

    by_num: dict[int, list[int]] = {}
    for j, r in enumerate(new):
        by_num.setdefault(r.num, []).append(j)
    for i, r in enumerate(old):
        for j in by_num.get(r.num, []):
            if j not in used_new and nkey[j][0] == okey[i][0]:
                pairs[i] = j
                used_new.add(j)
                break

    by_key: dict[tuple[str, str], list[int]] = {}
    for j in range(len(new)):
        if j not in used_new:
            by_key.setdefault(nkey[j], []).append(j)
    for i in range(len(old)):
        if i in pairs:
            continue
        for j in by_key.get(okey[i], []):
            if j not in used_new:
                pairs[i] = j
                used_new.add(j)
                break

    for i, r in enumerate(old):
        if i in pairs:
            continue
        for j in by_num.get(r.num, []):
            if (
                j not in used_new
                and nkey[j][1] == okey[i][1]
                and _similarity(okey[i][0], nkey[j][0]) >= REWORD_THRESHOLD
            ):
                pairs[i] = j
                used_new.add(j)
                break
    return pairs


def summarise(changes: Iterable[Change]) -> dict[str, int]:
    """Counts for a summary line: added, removed, changed, and tariff prices rose/fell."""
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, "rose": 0, "fell": 0, "tariff": 0}
    for ch in changes:
        counts[ch.kind] = counts.get(ch.kind, 0) + 1
        if ch.is_tariff:
            counts["tariff"] += 1
            delta = ch.price_delta
            if delta is not None and delta > 0:
                counts["rose"] += 1
            elif delta is not None and delta < 0:
                counts["fell"] += 1
    return counts
