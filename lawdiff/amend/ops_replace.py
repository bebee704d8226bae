"""replace: a provision (clause, subclause, part, indent, title, preamble...) gets a new wording.

The version in force at E is closed and the new one added from E. Special readings, each
reported:

- "part 1" of a unit that has no parts is the unit itself (a unit with one part has no
  <part> wrapper);
- "the N-th indent" of a unit with parts counts its paragraphs across the parts;
- incomplete list: a part whose new wording is a single paragraph ending in ":" (a list
  introduction without its items), while the part in force is such an introduction followed
  by items, gets only its introductory paragraph replaced: the items stay;
- in text that is not in the corpus, the new wording is added from E after an absent version
  that ends at E.
"""

from __future__ import annotations

from lawdiff import LawdiffError
from lawdiff.amend import content
from lawdiff.amend.context import Run, text_of, what
from lawdiff.amend.ops import Operation
from lawdiff.amend.tree import absent_placeholder, resolve, retext, supersede, text_elements
from lawdiff.model.ids import eid


def apply(op: Operation, run: Run) -> None:
    w = what(op)
    if not op.text:
        raise LawdiffError(f"{w}: no new wording")
    kind, num = op.path[-1]
    found = resolve(run.target, op.path, run.clock, create=False, what=w)
    run.notes.extend(found.notes)
    try:
        if found.element is None:
            new = content.build(kind, num, op.text, found.path,
                              renumber=op.status == "parsed-with-warning")
            holder = absent_placeholder(found, kind, num, run.clock)
            run.clock.mark_start(new)
            holder.addnext(new)
            run.change(_eid(found.path), None, text_of(new, run), "earlier wording not in the corpus")
            return
        old = found.element
        if found.implicit_part:
            unit_kind = {"subclause": "subclause", "clause": "clause", "article": "article"}.get(old.tag)
            if unit_kind is None:
                raise LawdiffError(f"{w}: {old.get('eId')} has no parts")
            new = content.build(unit_kind, old.get("num"), op.text, found.path,
                              renumber=op.status == "parsed-with-warning")
            run.notes.append(f"{w}: {old.get('eId')} has one part; its part 1 is the whole unit")
        elif kind == "part" and _incomplete_list(old, op.text, run):
            first = [t for t in text_elements(old, run.clock) if t.tag == "p"][0]
            before = first.text
            retext(first, op.text[0], run.clock, run.notes, w)
            run.notes.append(f"{w}: the new wording is a list introduction without items; only the "
                             f"introduction {first.get('eId')} is replaced, the items of the part stay")
            run.change(first.get("eId"), before, op.text[0])
            return
        else:
            new = content.build(_build_kind(kind), num, op.text, found.path,
                              renumber=op.status == "parsed-with-warning")
        before = text_of(old, run)
        supersede(old, new, run.clock, run.notes, w)
        run.change(new.get("eId"), before, text_of(new, run))
    except LawdiffError as exc:
        if str(exc).startswith("operation "):
            raise
        raise LawdiffError(f"{w}: {exc}") from None


def _build_kind(kind: str) -> str:
    return kind


def _eid(path) -> str:
    return "title" if path and path[-1][0] == "title" else eid(path)


def _incomplete_list(part, paras: list[str], run: Run) -> bool:
    if len(paras) != 1 or not paras[0].rstrip().endswith(":"):
        return False
    texts = [t for t in text_elements(part, run.clock) if t.tag == "p"]
    return len(texts) > 1 and (texts[0].text or "").rstrip().endswith(":")
