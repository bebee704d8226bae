"""A review (``lawdiff diff``) as terminal text, its words in the reader's language."""

from __future__ import annotations

from decimal import Decimal

from lawdiff.diff import ADDED, CHANGED, REMOVED, Change, WordOp
from lawdiff.render.document_text import condition_text
from lawdiff.render.labels import Message, label
from lawdiff.review.compare import Alternative, Entry, Review, SideInfo
from lawdiff.review.readings import NOT_IN_CORPUS, UNCERTAIN, UNCHANGED, Reading

# =============================================================================== rendering


def change_from_json(data: dict) -> Change:
    """A :class:`~lawdiff.diff.Change` back from its JSON (for printing stored redlines)."""
    price = data.get("price") or {}
    row = data.get("row") or {}
    unit = price.get("unit") or {}
    dec = lambda v: Decimal(v) if v is not None else None  # noqa: E731
    return Change(data["provision"], data["kind"], data["old"], data["new"],
                  [WordOp(o["op"], o["text"]) for o in data["ops"]], data.get("label", ""),
                  dec(price.get("old")), dec(price.get("new")), row.get("old"), row.get("new"),
                  unit.get("old"), unit.get("new"))


def redline_body(change: Change, color: bool, lang: str = "en") -> list[str]:
    """The redline lines of one change without its header (two-space indented)."""
    from lawdiff.render.redline_text import render_text

    return render_text([change], color, lang).rstrip("\n").split("\n")[1:]


def side_names(review: Review) -> tuple[Message, Message]:
    """Where each side's wording is read: "on DATE", or "in WORK (on DATE)"."""
    if review.mode == "dates":
        return Message("where-date", {"date": review.old.at}), Message("where-date", {"date": review.new.at})
    return tuple(Message("where-work-date", {"work": s.work, "date": s.at}) if s.at else
                 Message("where-work", {"work": s.work}) for s in (review.old, review.new))


def summary_line(review: Review, lang: str = "en") -> str:
    s = review.summary()
    parts = [label(lang, f"count-{k}", n=s[k]) for k in (CHANGED, ADDED, REMOVED)]
    parts += [label(lang, f"count-{k}", n=s[k]) for k in (UNCERTAIN, NOT_IN_CORPUS) if s[k]]
    line = ", ".join(parts)
    if review.ended and not review.ended["listed"]:
        line = Message("count-ended", {"state": review.ended["status"], "n": review.ended["provisions"]}).text(lang)
    if s["rose"] or s["fell"]:
        line += "; " + label(lang, "count-prices", rose=s["rose"], fell=s["fell"])
    return line


def known_text(review: Review, lang: str = "en") -> str | None:
    k = review.known_as_of
    if not k:
        return None
    return label(lang, "known-as-of", date=k["date"], commit=k["commit"][:12], committed=k["committed"])


def wording_source(reading: Reading | None, lang: str = "en") -> str:
    if reading is None:
        return "—"
    if reading.absent:
        return label(lang, "source-absent")
    return label(lang, "source-by", by=reading.by) if reading.by else label(lang, "source-original", work=reading.work)


def side_reason(side: SideInfo, lang: str) -> str:
    """Why a side has its status: the full reasoning in English; in Kazakh and Russian the
    condition an undetermined date puts on it (the state itself is said beside it)."""
    if lang == "en":
        return side.reason if side.status else ""
    return condition_text(side.condition, side.at, lang) if side.condition else ""


def entry_reason(entry: Entry, lang: str) -> str:
    """Why an entry's reading is not determined (in full in English, in short otherwise)."""
    if lang == "en":
        return entry.reason
    return "; ".join(c.text(lang) for c in entry.causes)


def render_review_text(review: Review, color: bool = False, lang: str = "en") -> str:
    """The review as terminal text: what was compared, notes, then one block per provision."""
    from lawdiff.render.redline_text import header

    where_old, where_new = side_names(review)
    out = [review.title_in(lang), "  " + label(lang, "review-from", side=review.old.describe(lang)),
           "  " + label(lang, "review-to", side=review.new.describe(lang))]
    known = known_text(review, lang)
    if known:
        out.append(f"  {known}")
    out += ["  " + label(lang, "note-line", note=n.text(lang)) for n in review.notes]
    out.append(f"  {summary_line(review, lang)}")
    for e in review.entries:
        out.append("")
        if e.kind == UNCERTAIN:
            out.append(f"{e.label} [{e.eid}] {label(lang, 'uncertain-head')}")
            out.append("  " + label(lang, "why-line", reason=entry_reason(e, lang)))
            for alt, cond in zip(e.alternatives, e.conditions):
                kind = label(lang, f"kind-{alt.kind}")
                out.append(f"  {cond.text(lang) if cond else ''}: {kind}")
                out += _alt_lines(alt, where_old, where_new, color, "  ", lang)
            continue
        alt = e.alternatives[0]
        out.append(header(alt.change, lang))
        out += _alt_lines(alt, where_old, where_new, color, "", lang)
    return "\n".join(out) + "\n"


def _alt_lines(alt: Alternative, where_old: Message, where_new: Message, color: bool, indent: str,
               lang: str) -> list[str]:
    ch = alt.change
    missing = label(lang, "missing")
    out = []
    if ch.kind == NOT_IN_CORPUS:
        for where, text in ((where_old, ch.old), (where_new, ch.new)):
            out.append(f"{indent}  " + label(lang, "side-text", where=where.text(lang),
                                               text=text if text is not None else missing))
    elif ch.kind != UNCHANGED:
        out += [indent + line for line in redline_body(ch, color, lang)]
    if ch.kind in (ADDED, REMOVED) and (ch.new if ch.kind == ADDED else ch.old) is None:
        out.append(f"{indent}  {missing}")
    if ch.kind != UNCHANGED and alt.old is not None and alt.new is not None and alt.old.by != alt.new.by:
        out.append(f"{indent}  " + label(lang, "wording-change", old=wording_source(alt.old, lang),
                                         new=wording_source(alt.new, lang)))
    elif ch.kind == ADDED and alt.new is not None and alt.new.by:
        out.append(f"{indent}  " + label(lang, "wording-one", new=wording_source(alt.new, lang)))
    return out
