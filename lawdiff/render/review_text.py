"""A review (``lawdiff diff``) as terminal text."""

from __future__ import annotations


from lawdiff.diff import ADDED, CHANGED, REMOVED, Change
from lawdiff.review.compare import Alternative, Review
from lawdiff.review.readings import NOT_IN_CORPUS, UNCERTAIN, UNCHANGED, Reading

# =============================================================================== rendering


def redline_body(change: Change, color: bool) -> list[str]:
    """The redline lines of one change without its header (two-space indented)."""
    from lawdiff.render.redline_text import render_text

    return render_text([change], color).rstrip("\n").split("\n")[1:]


def side_names(review: Review) -> tuple[str, str]:
    if review.mode == "dates":
        return f"on {review.old.at.isoformat()}", f"on {review.new.at.isoformat()}"
    return f"in {review.old.work}", f"in {review.new.work}"


def summary_line(review: Review) -> str:
    s = review.summary()
    parts = [f"{s[CHANGED]} changed", f"{s[ADDED]} added", f"{s[REMOVED]} removed"]
    if s[UNCERTAIN]:
        parts.append(f"{s[UNCERTAIN]} uncertain")
    if s[NOT_IN_CORPUS]:
        parts.append(f"{s[NOT_IN_CORPUS]} with a wording not in the corpus")
    line = ", ".join(parts)
    if review.ended and not review.ended["listed"]:
        line = f"the act ended ({review.ended['status']}): {review.ended['provisions']} provision(s) ended with it"
    if s["rose"] or s["fell"]:
        line += f"; prices: {s['rose']} rose, {s['fell']} fell"
    return line


def known_text(review: Review) -> str | None:
    k = review.known_as_of
    if not k:
        return None
    return f"as known on {k['date']}: the corpus as committed in {k['commit'][:12]} ({k['committed']})"


def wording_source(reading: Reading | None) -> str:
    if reading is None:
        return "—"
    if reading.absent:
        return "a wording not in the corpus"
    return f"by {reading.by}" if reading.by else f"original wording of {reading.work}"


def render_review_text(review: Review, color: bool = False) -> str:
    """The review as terminal text: what was compared, notes, then one block per provision."""
    from lawdiff.render.redline_text import header

    where_old, where_new = side_names(review)
    out = [review.title, f"  from: {review.old.describe()}", f"  to:   {review.new.describe()}"]
    known = known_text(review)
    if known:
        out.append(f"  {known}")
    out += [f"  note: {n}" for n in review.notes]
    out.append(f"  {summary_line(review)}")
    for e in review.entries:
        out.append("")
        if e.kind == UNCERTAIN:
            out.append(f"{e.label} [{e.eid}] uncertain: more than one wording may apply")
            out.append(f"  why: {e.reason}")
            for alt, cond in zip(e.alternatives, e.conditions):
                out.append(f"  {cond}: {alt.kind}")
                out += _alt_lines(alt, where_old, where_new, color, "  ")
            continue
        alt = e.alternatives[0]
        out.append(header(alt.change))
        out += _alt_lines(alt, where_old, where_new, color, "")
    return "\n".join(out) + "\n"


def _alt_lines(alt: Alternative, where_old: str, where_new: str, color: bool, indent: str) -> list[str]:
    ch = alt.change
    out = []
    if ch.kind == NOT_IN_CORPUS:
        out.append(f"{indent}  {where_old}: {ch.old if ch.old is not None else '<wording not in the corpus>'}")
        out.append(f"{indent}  {where_new}: {ch.new if ch.new is not None else '<wording not in the corpus>'}")
    elif ch.kind != UNCHANGED:
        out += [indent + line for line in redline_body(ch, color)]
    if ch.kind in (ADDED, REMOVED) and (ch.new if ch.kind == ADDED else ch.old) is None:
        out.append(f"{indent}  <wording not in the corpus>")
    if ch.kind != UNCHANGED and alt.old is not None and alt.new is not None and alt.old.by != alt.new.by:
        out.append(f"{indent}  wording: {wording_source(alt.old)} → {wording_source(alt.new)}")
    elif ch.kind == ADDED and alt.new is not None and alt.new.by:
        out.append(f"{indent}  wording: {wording_source(alt.new)}")
    return out
