"""Words of amendment instructions: structural units, their case endings, ordinals, verbs.

Kazakh targets carry case endings and stem changes before a vowel (тармақ -> тармағы,
бап -> бабы, бөлік -> бөлігі, тақырып -> тақырыбы); Russian ones decline too (пункт, пункта,
пункте, пунктом). Both are matched by stem here and the case is read off the ending, so the
grammar works with "what kind of unit, which numbers, in which role" and never with lists of
literal phrases.
"""

from __future__ import annotations

import re

from lawdiff.patterns import lazy

# -- structural units -------------------------------------------------------------------------

#: Kazakh unit stems (longest first where one is a prefix of another) -> kind.
KK_UNITS: list[tuple[str, str]] = [
    ("тармақша", "subclause"),
    ("тармақ", "clause"), ("тармағ", "clause"),
    ("бөлім", "section"),
    ("бөлік", "part"), ("бөліг", "part"),
    ("тарау", "chapter"),
    ("параграф", "subchapter"),
    ("бап", "article"), ("баб", "article"),
    ("абзац", "indent"),
    ("қосымша", "appendix"),
    ("кіріспе", "preamble"),
    ("тақырып", "title"), ("тақырыб", "title"),
    ("атау", "title"),
]
#: Russian unit stems -> kind ("подпункт" before "пункт").
RU_UNITS: list[tuple[str, str]] = [
    ("подпункт", "subclause"),
    ("пункт", "clause"),
    ("част", "part"),
    ("абзац", "indent"),
    ("стать", "article"),
    ("глав", "chapter"),
    ("раздел", "section"),
    ("параграф", "subchapter"),
    ("приложени", "appendix"),
    ("преамбул", "preamble"),
    ("заголов", "title"),
    ("наименовани", "title"),
    ("назван", "title"),
]
#: Russian endings each stem admits (so "частности", "главный", "разделить" are not units).
_RU_ENDINGS = {
    "подпункт": r"(?:|а|е|у|ом|ы|ов|ам|ами|ах)",
    "пункт": r"(?:|а|е|у|ом|ы|ов|ам|ами|ах)",
    "част": r"(?:ь|и|ью|ей|ям|ями|ях)",
    "абзац": r"(?:|а|е|у|ем|ы|ев|ам|ами|ах)",
    "стать": r"(?:я|и|е|ю|ей|ям|ями|ях)",
    "глав": r"(?:а|ы|е|у|ой|ам|ами|ах)",
    "раздел": r"(?:|а|е|у|ом|ы|ов|ам|ами|ах)",
    "параграф": r"(?:|а|е|у|ом|ы|ов|ам|ами|ах)",
    "приложени": r"(?:е|я|и|ю|ем|й|ям|ями|ях)",
    "преамбул": r"(?:а|ы|е|у|ой)",
    "заголов": r"(?:ок|ка|ке|ку|ком)",
    "наименовани": r"(?:е|я|и|ю|ем)",
    "назван": r"(?:ие|ия|ии|ию|ием)",
}

_KK_LETTERS = "а-яёәғқңөұүһі"
KK_UNIT_RE = "(?:" + "|".join(stem for stem, _ in KK_UNITS) + rf")[{_KK_LETTERS}]*"
RU_UNIT_RE = "(?:" + "|".join(stem + _RU_ENDINGS[stem] for stem, _ in RU_UNITS) + r")(?![а-яё])"

#: Structural rank, largest first. Parts and subclauses share a rank: either may hold the
#: other ("2-тармақтың бірінші бөлігінің 1) тармақшасы", "5) тармақшаның екінші бөлігі").
RANK = {"title": 0, "preamble": 0, "appendix": 1, "section": 2, "chapter": 3, "subchapter": 4,
        "article": 5, "clause": 6, "subclause": 7, "part": 7, "indent": 8}
#: Kinds that occur once and carry no number.
UNNUMBERED = {"title", "preamble"}


def kk_unit(word: str) -> tuple[str, str] | None:
    """(kind, case) of a Kazakh unit word ("тармақшасының" -> ("subclause", "gen")), or None."""
    w = word.lower()
    for stem, kind in KK_UNITS:
        if w.startswith(stem):
            if stem in _KK_STRICT and not _KK_STRICT[stem].fullmatch(w[len(stem):]):
                return None
            return kind, kk_case(w[len(stem):])
    return None


#: Stems that begin other words too: "атауы" (its name) is a title, "атаулы" (targeted, as in
#: "атаулы әлеуметтік көмек") is not.
_KK_STRICT = {"атау": re.compile(r"ы(?:н|на|нда|ндағы|ның)?")}


def ru_unit(word: str, preposition: str | None = None) -> tuple[str, str] | None:
    """(kind, case) of a Russian unit word; ``preposition`` is the word before it ("в")."""
    w = word.lower()
    for stem, kind in RU_UNITS:
        if w.startswith(stem) and re.fullmatch(_RU_ENDINGS[stem], w[len(stem):]):
            return kind, ru_case(stem, w[len(stem):], preposition)
    return None


def kk_case(ending: str) -> str:
    """The grammatical role of a Kazakh ending after a unit stem.

    nom (also possessive and plural: тармағы, абзацтары), gen (-ның), loc (-да/-нда),
    locattr (-дағы: "тармақшасындағы" = "in the subclause", words replaced there),
    instr (-мен: the unit an insertion adds), dat (-ға/-на), acc (-ны/-ты), abl (-нан/-тан:
    "... кейін" = after it).
    """
    e = ending.lower()
    if e.endswith(("дағы", "дегі", "тағы", "тегі")):
        return "locattr"
    if e.endswith(("ның", "нің", "тың", "тің", "дың", "дің")):
        return "gen"
    if e.endswith(("мен", "бен", "пен")):
        return "instr"
    if e.endswith(("нан", "нен", "тан", "тен", "дан", "ден")):
        return "abl"
    if e.endswith(("да", "де", "та", "те")):
        return "loc"
    if e.endswith(("ға", "ге", "қа", "ке", "на", "не")):
        return "dat"
    if e.endswith(("ны", "ні", "ты", "ті", "ды", "ді", "ын", "ін")) and not e.endswith(
            ("ары", "ері", "тары", "тері", "дары", "дері")):
        return "acc"
    return "nom"


#: Russian nominative/accusative endings per stem; "?" marks forms that are also genitive
#: singular ("части", "статьи", "главы", "приложения"), resolved by position in the sentence.
_RU_NOM = {
    "подпункт": {"", "ы"}, "пункт": {"", "ы"}, "абзац": {"", "ы"}, "раздел": {"", "ы"},
    "параграф": {"", "ы"}, "част": {"ь", "и?"}, "стать": {"я", "ю", "и?"}, "глав": {"а", "у", "ы?"},
    "приложени": {"е", "я?"}, "преамбул": {"а", "у"}, "заголов": {"ок"}, "наименовани": {"е"}, "назван": {"ие"},
}
_RU_INSTR = {"ом", "ем", "ами", "ями", "ью", "ой", "ей"}


def ru_case(stem: str, ending: str, preposition: str | None) -> str:
    """The role of a Russian unit word: "loc" after в/во, "abl" after после, "instr",
    "dat", "gen", "nom" (also accusative), or "nom?" when nominative plural and genitive
    singular coincide ("части")."""
    if preposition in ("в", "во"):
        return "loc"
    if preposition == "после":
        return "abl"
    if ending in _RU_NOM.get(stem, ()):
        return "nom"
    if ending + "?" in _RU_NOM.get(stem, ()):
        return "nom?"
    if ending in _RU_INSTR and not (stem == "част" and ending == "ей"):
        return "instr"
    if ending in ("у", "ю", "ам", "ям"):
        return "dat"
    return "gen"


# -- ordinals -------------------------------------------------------------------------------

_KK_ORD_UNITS = {
    "бірінші": 1, "екінші": 2, "үшінші": 3, "үшінщі": 3, "төртінші": 4, "бесінші": 5,
    "алтыншы": 6, "жетінші": 7, "сегізінші": 8, "тоғызыншы": 9,
}
_KK_ORD_TENS = {"оныншы": 10, "жиырмасыншы": 20, "отызыншы": 30, "қырқыншы": 40, "елуінші": 50}
_KK_CARD_TENS = {"он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50}
KK_ORDINAL_RE = (
    r"(?:(?:" + "|".join(_KK_CARD_TENS) + r")\s+)?(?:"
    + "|".join(sorted([*_KK_ORD_UNITS, *_KK_ORD_TENS], key=len, reverse=True)) + r")"
)

_RU_ORD = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13,
    "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18,
    "девятнадцат": 19, "двадцат": 20, "тридцат": 30,
}
_RU_CARD_TENS = {"двадцать": 20, "тридцать": 30}
_RU_ORD_END = r"(?:ый|ий|ой|ая|ья|ое|ье|ого|его|ьего|ей|ьей|ую|ью|ым|им|ом|ые|ьи|ых|их)"
RU_ORDINAL_RE = (
    r"(?:(?:" + "|".join(_RU_CARD_TENS) + r")\s+)?(?:"
    + "|".join(sorted(_RU_ORD, key=len, reverse=True)) + r")" + _RU_ORD_END + r"(?![а-яё])"
)


def kk_ordinal(text: str) -> int | None:
    """"бірінші" -> 1, "он бірінші" -> 11, "жиырмасыншы" -> 20, "үшінщі" (typo) -> 3."""
    words = text.lower().split()
    if not words:
        return None
    last = words[-1]
    value = _KK_ORD_UNITS.get(last) or _KK_ORD_TENS.get(last)
    if value is None:
        return None
    if len(words) == 2:
        tens = _KK_CARD_TENS.get(words[0])
        if tens is None or last in _KK_ORD_TENS:
            return None
        value += tens
    elif len(words) > 2:
        return None
    return value


def ru_ordinal(text: str) -> int | None:
    """"второй" -> 2, "двадцать первый" -> 21."""
    words = text.lower().split()
    if not words or len(words) > 2:
        return None
    m = re.fullmatch("(" + "|".join(sorted(_RU_ORD, key=len, reverse=True)) + ")" + _RU_ORD_END, words[-1])
    if not m:
        return None
    value = _RU_ORD[m.group(1)]
    if len(words) == 2:
        tens = _RU_CARD_TENS.get(words[0])
        if tens is None or value >= 10:
            return None
        value += tens
    return value


# -- verbs ------------------------------------------------------------------------------------

#: Operation verbs, Kazakh (jussive -сын) and Russian (infinitive). Past-tense note forms
#: ("жаңа редакцияда", "күші жойылды -") are deliberately not instructions.
VERBS: list[tuple[str, re.Pattern]] = [
    ("repeal", re.compile(r"(?:күш(?:і|ін)\s+)?жойылды\s+деп\s+(?:таны|сана)\w*|күш(?:і|ін)\s+жойылсын"
                         r"|признать\s+утративш\w*\s+сил", re.I)),
    ("replace", re.compile(r"редак[цс]ия(?:да|сында)\s+(?:жазылсын|баяндалсын|мазмұндалсын)"
                           r"|изложить\s+в\s+(?:следующей|новой)\s+редакции", re.I)),
    ("insert", re.compile(r"толықтырылсын|дополнить", re.I)),
    ("delete", re.compile(r"алып\s+тасталсын|исключить", re.I)),
    ("substitute", re.compile(r"ауыстырылсын|өзгертілсін|заменить", re.I)),
]
#: The umbrella sentence: "… мынадай өзгерістер (мен толықтырулар) енгізілсін:".
UMBRELLA = re.compile(
    r"(?:өзгеріс|толықтыру)\w*(?:\s+(?:мен|және)\s+толықтыру\w*)?\s+енгіз(?:іл)?сін"
    r"|внести\s+.*?(?:изменени|дополнени)\w*",
    re.I | re.S,
)
#: Throughout the text: "бүкіл мәтіні бойынша", "по всему тексту".
EVERYWHERE = lazy(r"бүкіл\s+мәтін\w*\s+бойынша|по\s+всему\s+тексту", re.I)
#: A document approved by the act (its appendix): Rules, a regulation, a list.
DOCUMENT = re.compile(
    r"(?<![\w-])(?P<word>[Ққ]ағида\w*|[Ее]реже\w*|[Тт]ізбе\w*|[Әә]дістеме\w*|[Сс]тандарт\w*|[Рр]егламент\w*|[Нн]ұсқаулық\w*"
    r"|[Пп]равил(?:а|ах|ам)\b|[Пп]оложени\w*|[Пп]еречн\w*|[Пп]ереч[ен]ь\w*|[Мм]етодик\w*|[Сс]тандарт\w*"
    r"|[Рр]егламент\w*|[Ии]нструкци\w*)",
)
#: The amended act itself, by reference ("көрсетілген бұйрықтың", "указанного решения").
SAME_WORK = re.compile(
    r"(?:көрсетілген|аталған)\s+(?:бұйрық|бұйрығ|қаулы|шешім)\w*"
    r"|указанн\w+\s+(?:решени|постановлени|приказ)\w*",
    re.I,
)
#: Words that mark the new wording as quoted text of an amending act's appendix.
ACCORDING_TO = re.compile(r"сәйкес|согласно", re.I)

#: A change to one language version only, and the version it changes. "The Kazakh text does
#: not change" means the Russian one does; "in the Russian text" names it directly. The forms
#: that say a version stays come first, so that their words are not read as the other form.
LANGUAGE_ONLY: list[tuple[re.Pattern, str]] = [
    (re.compile(r"текст\w*\s+на\s+казахском\s+языке\s+не\s+(?:меня|изменя)\w*", re.I), "ru"),
    (re.compile(r"текст\w*\s+на\s+русском\s+языке\s+не\s+(?:меня|изменя)\w*", re.I), "kk"),
    (re.compile(r"қазақ\s+тіліндегі\s+мәтін\w*\s+өзгермейді", re.I), "ru"),
    (re.compile(r"орыс\s+тіліндегі\s+мәтін\w*\s+өзгермейді", re.I), "kk"),
    (re.compile(r"(?:в\s+)?текст\w*\s+на\s+казахском\s+языке|на\s+казахском\s+языке", re.I), "kk"),
    (re.compile(r"(?:в\s+)?текст\w*\s+на\s+русском\s+языке|на\s+русском\s+языке", re.I), "ru"),
    (re.compile(r"қазақ\s+тіліндегі(?:\s+мәтін\w*)?", re.I), "kk"),
    (re.compile(r"мемлекеттік\s+тіл(?:дегі|інде|індегі)(?:\s+мәтін\w*)?", re.I), "kk"),
    (re.compile(r"(?:в\s+)?(?:текст\w*\s+)?на\s+государственном\s+языке", re.I), "kk"),
    (re.compile(r"орыс\s+тіліндегі(?:\s+мәтін\w*)?", re.I), "ru"),
]
