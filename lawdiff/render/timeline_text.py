"""A work's timeline (``lawdiff timeline``) as terminal lines, in the reader's language.

Event kinds, rules and origins are codes of the data, worded from the catalogue; the source
sentence is the act's own text and is printed as it is. In English the full reasoning behind
each computed date follows it; in Kazakh and Russian the date (or "undetermined, not before")
and the rule it comes from say the same in short.
"""

from __future__ import annotations

from lawdiff.render.labels import coded, fmt_date, label, state_label


def bound_text(b: dict | None, lang: str, open_end: str = "—") -> str:
    """A start or end from its JSON: the date, or "undetermined, not before …"."""
    if b is None:
        return open_end
    if b.get("date"):
        return fmt_date(b["date"], lang)
    return label(lang, "bound-unknown", earliest=fmt_date(b.get("earliest"), lang))


def _rule(t: dict, lang: str) -> str:
    rule = next((e["rule"] for e in reversed(t["events"]) if e["kind"] == "entry-into-force" and e["rule"]), None)
    return label(lang, "date-rule", rule=coded(lang, "rule", rule)) if rule else ""


def timeline_lines(t: dict, lang: str) -> list[tuple[str, str]]:
    """(text, dimmed tail) per line: the events, then the dates computed from them."""
    out = [(f"{t['work']} — {t['title']}", "")]
    for e in t["events"]:
        if e["date"]:
            when = fmt_date(e["date"], lang)
        else:
            when = label(lang, "date-rule", rule=coded(lang, "rule", e["rule"])) if e["rule"] else label(lang, "date-not-stated")
        extra = " " + label(lang, "by-act", by=e["by"]) if e["by"] else ""
        target = f" ({e['target']})" if e["target"] else ""
        origin = coded(lang, "origin", e["origin"])
        source = e["source"] if len(e["source"]) <= 100 else e["source"][:99] + "…"
        out.append((f"  {coded(lang, 'event', e['kind']):<18} {when:<22}{extra}{target}", f"[{origin}] {source}"))
    eif = t["entry_into_force"]
    why = eif["reason"] if lang == "en" else _rule(t, lang)
    out.append((label(lang, "eif-line", bound=bound_text(eif, lang)), why))
    if t["end"]:
        end = t["end"]
        out.append((label(lang, "end-line", state=state_label(lang, t["ends_by"]), bound=bound_text(end, lang)),
                    end["reason"] if lang == "en" else ""))
    for c in t["changes"]:
        out.append(("  " + label(lang, "change-line", eid=c["eId"], by=c["by"], bound=bound_text(c["from"], lang)), ""))
    return out
