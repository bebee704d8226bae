"""One door for Kazakh and Russian text: the alphabet, act numbers and their slugs.

Kazakh Cyrillic has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і). A character class written
out by hand in each module drifted (one missed қ and cut "№ 1971-қ" to "1971-", so another act
took the id of act 1971): every pattern that needs the alphabet builds on the constants here.

Slugs for act and unit numbers are injective on purpose: two different numbers ("5-а" and
"5-ә", "19/4" and "19-4") must never become one id, while the same number typed with Latin or
Cyrillic look-alike letters ("VІІІ" with Cyrillic І, "VIII" with Latin I) is one number.
"""

from __future__ import annotations

import re
import unicodedata

#: The letters Kazakh adds to the Russian alphabet.
KK_EXTRA_LOWER = "әғқңөұүһі"
KK_EXTRA_UPPER = "ӘҒҚҢӨҰҮҺІ"
#: Lower- and upper-case Cyrillic letters of Kazakh and Russian, as a regex class body.
LOWER = "а-яё" + KK_EXTRA_LOWER
UPPER = "А-ЯЁ" + KK_EXTRA_UPPER
CYRILLIC = LOWER + UPPER
#: Every letter an act's text may use in a word or a number: Kazakh, Russian and Latin.
LETTER = CYRILLIC + "A-Za-z"

#: An act's number as printed after "№": digits and letters of any of the three alphabets,
#: joined by "-", "/" or "." ("1971-қ", "19/4-VІІІ", "11-2", "1-1/100", "5а"), optionally after
#: an upper-case prefix word ("ҚР ДСМ-175/2020"). It must hold a digit. A letter run is a short
#: suffix or a Roman numeral, so a word glued to the number ("2999қаулысы") is not taken in, and
#: a trailing dot or dash (a sentence's end, a line broken at a hyphen) is not part of it.
_TOKEN = rf"(?:\d+(?:[{LETTER}]{{1,2}}(?![{LETTER}]))?|[{LETTER}]{{1,5}}(?![{LETTER}]))"
ACT_NUMBER = (rf"(?:[{UPPER}A-Z]{{1,5}}\s(?=[{UPPER}A-Z]+-\d))?"
              rf"(?=[0-9{LETTER}/.-]*\d){_TOKEN}(?:[-/.]{_TOKEN})*")
ACT_NUMBER_RE = re.compile(ACT_NUMBER)

#: Latin letters that Cyrillic look-alikes stand for in Roman numerals ("VІІІ", "ХІІ").
_ROMAN_LOOKALIKES = str.maketrans({"І": "I", "Х": "X", "С": "C", "М": "M", "Ӏ": "I"})
_ROMAN = re.compile(r"^[IVXLCDM]+$")

#: Cyrillic to Latin for number slugs, one distinct spelling per letter so that no two Kazakh
#: or Russian letters share one (а/ә, г/ғ, к/қ, н/ң, о/ө, у/ұ/ү, и/і/й, х/һ all differ), and
#: none is spelled like the Latin letter of a Roman numeral (и is "iy", not "i").
_NUMBER_TRANSLIT = {
    "а": "a", "ә": "ae", "б": "b", "в": "v", "г": "g", "ғ": "gh", "д": "d", "е": "e", "ё": "yo",
    "ж": "zh", "з": "z", "и": "iy", "й": "j", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ng", "о": "o", "ө": "oe", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "uu",
    "ү": "ue", "ф": "f", "х": "kh", "һ": "hh", "ц": "c", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "jj", "ы": "y", "і": "ih", "ь": "jh", "э": "eh", "ю": "yu", "я": "ya",
}

#: Kazakh and Russian Cyrillic to Latin, readable, for issuer codes and place names (not for
#: numbers: letters that differ may share a spelling here, see _NUMBER_TRANSLIT).
_TRANSLIT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}


def transliterate(text: str) -> str:
    """Latin transliteration of Kazakh/Russian Cyrillic (lower case), other characters kept."""
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def slug(text: str) -> str:
    """A path-safe slug: transliterated, lower case, runs of other characters folded to '-'."""
    out = re.sub(r"[^a-z0-9]+", "-", transliterate(unicodedata.normalize("NFC", text)))
    return out.strip("-")


#: Characters that are not visible in a heading and must never be part of a number.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def fold_roman(token: str) -> str:
    """An upper-case run of letters that is a Roman numeral once Cyrillic look-alikes are read
    as Latin, in Latin ("VІІІ" -> "VIII"); any other run unchanged. Roman numerals in act
    numbers are printed in capitals, so a lower-case "і" stays the Kazakh letter."""
    if not token.isupper():
        return token
    latin = token.translate(_ROMAN_LOOKALIKES)
    return latin if _ROMAN.match(latin) else token


def canonical_number(number: str) -> str:
    """The number as one string per number: NFC, no invisible characters, Roman numerals in
    Latin capitals. Two spellings of one number compare equal after this."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", number)).strip()
    return re.sub(rf"[{LETTER}]+", lambda m: fold_roman(m.group()), text)


def number_slug(number: str) -> str:
    """The path-safe form of an act or unit number: lower case Latin, digits, "-", and "_" for
    "/" or "." ("1971-қ" -> "1971-q", "19/4-VІІІ" -> "19_4-viii").

    Every letter has its own spelling, so numbers that differ in a letter or a separator get
    different slugs; should two numbers still meet (a digraph spelled out in Latin letters), the
    importer refuses to write one act over another (see ``lawdiff.ingest.identity``)."""
    text = canonical_number(number).lower()
    out = []
    for ch in text:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif ch in _NUMBER_TRANSLIT:
            out.append(_NUMBER_TRANSLIT[ch])
        elif ch in "/.":
            out.append("_")
        elif ch == "-":
            out.append(ch)
        elif ch.isspace():
            out.append("-")
        else:
            out.append(f"u{ord(ch):x}")   # any other character keeps an id of its own
    return re.sub(r"^[-_]+|[-_]+$", "", "".join(out))


def script_lang(text: str) -> str:
    """The language of a free-text note by its letters, for the ``lang`` attribute of a page
    that shows it: Kazakh when it has letters only Kazakh has, Russian for other Cyrillic,
    English for Latin letters. Used only where the text's language is not recorded (a coverage
    note written by whoever built the corpus); an act's own text carries its ``lang``."""
    cyrillic = len(re.findall(f"[{CYRILLIC}]", text))
    latin = len(re.findall("[A-Za-z]", text))
    if cyrillic >= latin:
        return "kk" if re.search(f"[{KK_EXTRA_LOWER}{KK_EXTRA_UPPER}]", text) else "ru"
    return "en"
