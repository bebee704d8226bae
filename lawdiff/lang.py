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

from lawdiff.patterns import lazy

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
ACT_NUMBER_RE = lazy(ACT_NUMBER)     # other patterns embed ACT_NUMBER; this one is rarely used alone

#: Latin letters that Cyrillic look-alikes stand for in Roman numerals ("VІІІ", "ХІІ").
_ROMAN_LOOKALIKES = str.maketrans({"І": "I", "Х": "X", "С": "C", "М": "M", "Ӏ": "I"})
_ROMAN = lazy(r"^[IVXLCDM]+$")

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


# -- Kazakh in the Latin alphabet ---------------------------------------------------------------
#
# Acts are republished in the Latin alphabet (egemen.kz and others). Two official versions are in
# use: 2018 with acute accents (á ǵ ı ń ó ú ý, "sh", "ch": "kúshi joıyldy dep tanylsyn") and 2021
# with other diacritics (ä ğ ñ ö ş ç ū ü, where "ı" is "і" and "i" is "и/й": "küşı joiyldy"). Text
# is read in Cyrillic, so every pattern of the grammar serves both scripts; the text a person gave
# is kept as written beside it.

#: Letters only the 2018 version uses, and only the 2021 version uses.
_LATIN_2018 = set("áǵıńóúýÁǴŃÓÚÝ")
_LATIN_2021 = set("äğñŋöşçūüÄĞÑŊÖŞÇŪÜİ")
_LATIN_VOWELS = set("aáeioóuúyýıäöüūAÁEIOÓUÚYÝIÄÖÜŪ")

_COMMON = {"a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "j": "ж",
           "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с",
           "t": "т", "v": "в", "z": "з", "c": "ц", "w": "у", "x": "кс"}
_MAP_2018 = {**_COMMON, "á": "ә", "ǵ": "ғ", "i": "і", "ń": "ң", "ó": "ө", "u": "ұ", "ú": "ү",
             "ý": "у", "y": "ы", "sh": "ш", "ch": "ч"}
_MAP_2021 = {**_COMMON, "ä": "ә", "ğ": "ғ", "ı": "і", "ñ": "ң", "ŋ": "ң", "ö": "ө", "ū": "ұ",
             "ü": "ү", "u": "у", "y": "ы", "ş": "ш", "ç": "ч", "sh": "ш", "ch": "ч"}
#: The letter that is "и" or "й" (2018 "ı", 2021 "i"): "й" after a vowel ("joıyldy" жойылды),
#: "я"/"ю" before "a"/"ý"/"u" ("jarııalanǵan" жарияланған), "и" elsewhere ("mınıstr").
_IOTA = {"2018": "ı", "2021": "i"}
_IOTATED = {"2018": {"a": "я", "ý": "ю"}, "2021": {"a": "я", "u": "ю"}}


def mostly_latin(text: str) -> bool:
    """More Latin letters than Cyrillic ones in ``text``."""
    latin = sum(ch.isascii() and ch.isalpha() or ch in _LATIN_2018 or ch in _LATIN_2021 for ch in text)
    return latin > len(re.findall(f"[{CYRILLIC}]", text))


def latin_version(text: str) -> str | None:
    """"2018" or "2021" when ``text`` is Kazakh in a Latin alphabet, else None: more Latin
    letters than Cyrillic ones, and at least one letter only a Kazakh Latin alphabet has."""
    if not mostly_latin(text):
        return None
    if any(ch in _LATIN_2021 for ch in text):
        return "2021"
    if any(ch in _LATIN_2018 for ch in text):
        return "2018"
    return None


def latin_to_cyrillic(text: str, version: str) -> str:
    """Kazakh in the Latin alphabet of ``version`` ("2018", "2021") in Cyrillic, letter by
    letter, case kept; characters that are no Latin letter stay as they are.

    The Latin alphabets write "ц" as "s" and have one letter for "и" and "й", so a loanword
    may come out spelled as it is pronounced ("redaksııa" -> "редаксия"); the grammar's words
    allow for that where it matters."""
    table, iota, iotated = (_MAP_2018 if version == "2018" else _MAP_2021), _IOTA[version], _IOTATED[version]
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        low = ch.lower()
        pair = text[i:i + 2].lower()
        if pair in table:
            cyr, step = table[pair], 2
        elif low == iota or (version == "2018" and ch == "I" and text[i + 1:i + 2].lower() in iotated):
            nxt = text[i + 1:i + 2].lower()
            if nxt in iotated:
                cyr, step = iotated[nxt], 2
            elif i > 0 and text[i - 1] in _LATIN_VOWELS:
                cyr, step = "й", 1
            else:
                cyr, step = "и", 1
        elif version == "2021" and ch == "İ":
            cyr, step = "и", 1
        elif low in table:
            cyr, step = table[low], 1
        elif version == "2018" and ch == "I":
            cyr, step = "і", 1
        else:
            out.append(ch)
            i += 1
            continue
        out.append(cyr.upper() if ch.isupper() and len(cyr) == 1 else cyr.capitalize() if ch.isupper() else cyr)
        i += step
    return "".join(out)
