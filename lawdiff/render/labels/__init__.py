"""Interface words in Kazakh, Russian and English: one language per page.

The act's own text is never translated; only the words lawdiff adds around it (status,
conditions, history marks, headings of appendices, table units) are taken from here, all in
the language the reader chose (by default the act's). A key missing in one language is an
error in the tests (``tests/test_labels.py`` checks that the three tables have the same
keys and that a page rendered in one language holds no words of another), so no page falls
back to another language silently. One table per language: ``kk.py``, ``ru.py``, ``en.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lawdiff.render.labels import en, kk, ru

LANGS = ("kk", "ru", "en")

LABELS: dict[str, dict[str, str]] = {"kk": kk.WORDS, "ru": ru.WORDS, "en": en.WORDS}
#: Each language's name in itself, for a language switch (marked with its own ``lang``).
LANG_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def fmt_date(value: dt.date | str | None, lang: str) -> str:
    """DD.MM.YYYY in Kazakh and Russian (as the acts write dates), ISO in English."""
    if value is None:
        return "—"
    d = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return d.isoformat() if lang == "en" else d.strftime("%d.%m.%Y")


def label(lang: str, key: str, **values) -> str:
    """The interface words for ``key`` in ``lang``, with dates formatted for that language."""
    words = LABELS[lang][key]
    return words.format(**{k: fmt_date(v, lang) if isinstance(v, dt.date) else v for k, v in values.items()})


def check_lang(lang: str | None, default: str) -> str:
    """The language to write in: the one asked for, else the act's; never one we have no words in."""
    chosen = lang or default
    if chosen not in LABELS:
        from lawdiff import LawdiffError

        raise LawdiffError(f"no interface words in {chosen!r}: use one of {', '.join(LANGS)}")
    return chosen


def state_label(lang: str, state: str | None) -> str:
    """A status code (``in-force``, ``repealed``...) as a short phrase; unknown codes as they are."""
    key = f"state-{state}"
    return LABELS[lang][key] if key in LABELS[lang] else str(state)


def unit_label(lang: str, unit: str | None) -> str:
    """What a price is for (``per-service``, ``per-recipient-per-day``) in words."""
    key = f"unit-{unit}"
    return LABELS[lang][key] if key in LABELS[lang] else str(unit or "")


def coded(lang: str, prefix: str, code: str | None) -> str:
    """A code of the data (an event kind, a rule, a setting) in words, or the code itself when
    the catalogue has no words for it (a code is language-neutral; nothing is dropped)."""
    key = f"{prefix}-{code}"
    return LABELS[lang][key] if key in LABELS[lang] else str(code or "")


class Reasoning(str):
    """The full reasoning lawdiff composes in English (which rule, which sentence of the act):
    shown in English; in Kazakh and Russian the structured facts said beside it (status,
    condition, the earliest date) stand for it, so no page mixes languages."""


@dataclass
class Message:
    """Words for people kept as a catalogue key and its values, so that any renderer can say
    them in the reader's language. Values: dates, a state code (``state``), unit codes (names
    ending in ``units``), nested messages, lists of messages (joined by "and"), or plain data."""

    key: str
    values: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return LABELS[lang][self.key].format(**{k: _word(lang, k, v) for k, v in self.values.items()})


def _word(lang: str, name: str, value) -> str:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Reasoning):
        return value if lang == "en" else ""
    if name == "state":
        return state_label(lang, value)
    if name.endswith("units"):
        return ", ".join(unit_label(lang, u) for u in value)
    if isinstance(value, list):
        return LABELS[lang]["alt-and"].join(_word(lang, name, v) for v in value)
    if isinstance(value, dt.date):
        return fmt_date(value, lang)
    return str(value)
