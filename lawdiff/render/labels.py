"""Interface words in Kazakh, Russian and English: one language per page.

The act's own text is never translated; only the words lawdiff adds around it (status,
conditions, history marks, headings of appendices, table units) are taken from here, all in
the language the reader chose (by default the act's). A key missing in one language is an
error in the tests (``tests/test_document.py`` checks that the three tables have the same
keys), so no page falls back to another language silently.
"""

from __future__ import annotations

import datetime as dt

LANGS = ("kk", "ru", "en")

LABELS: dict[str, dict[str, str]] = {
    "kk": {
        "in-force": "{date} күні күшінде.",
        "in-force-unconfirmed": "{date} күні күшінде болуы расталмаған.",
        "uncertain": "{date} күні күшінде болуы анықталмаған.",
        "not-yet-in-force": "{date} күні әлі күшіне енбеген.",
        "repealed": "{date} күні күші жойылған.",
        "expired": "{date} күні қолданылу мерзімі аяқталған.",
        "cancelled": "{date} күні жойылған.",
        "not-in-corpus": "{date} күнгі мәтіні корпуста жоқ.",
        "if-published": "{date} күні күшінде, егер алғашқы ресми жарияланған күні {published_by} немесе одан ерте "
                        "болса; әйтпесе әлі күшіне енбеген. {not_before} дейін күшінде емес.",
        "date-unknown": "Күшіне енген күні анықталмаған: {not_before} дейін күшінде емес.",
        "changes-if-published": "Өзгерістер ({citation}) {date} күні қолданылады, егер алғашқы ресми жарияланған "
                                "күні {published_by} немесе одан ерте болса; әйтпесе бұрынғы редакция қолданылады. "
                                "{not_before} дейін қолданылмайды.",
        "changes-date-unknown": "Өзгерістердің ({citation}) күшіне енген күні анықталмаған: {not_before} дейін "
                                "қолданылмайды.",
        "wording": "Редакция: {citation}; {since} бастап.",
        "wording-conditional": "Редакция: {citation}; күшіне енуі жоғарыдағы шартқа байланысты.",
        "earlier": "Бұрынғы редакция: өзгерістер ({citation}) күшіне енгенге дейін қолданылады.",
        "missing": "[мәтіні корпуста жоқ]",
        "appendix": "{n}-қосымша",
        "section": "{n}-бөлім", "chapter": "{n}-тарау", "subchapter": "{n}-параграф", "article": "{n}-бап",
        "per-service": "бір қызметтің құны, теңге",
        "per-recipient-per-day": "қызмет алушыға бір күнге, теңге",
        "registered": "Тіркелген: {date}, № {number}.",
        "partial": "Мәтін толық емес: {note}",
        "official-page": "Ресми мәтіні: {url}",
        "num": "№", "service": "Қызмет", "position": "Лауазым", "price": "Құны",
        "works": "Актілер", "search": "Іздеу", "find": "Табу", "date": "Күні", "show-date": "Көрсету",
        "timeline": "Оқиғалар", "redline": "Өзгерістер", "history": "Тарих", "compare": "Салыстыру",
        "from": "Бастап", "to": "Дейін", "status-col": "Күйі", "event": "Оқиға", "source": "Дереккөз",
        "not-found": "Табылмады", "bad-request": "Қате сұрау", "work-col": "Акт", "place": "Елді мекен",
        "provision": "Құрылымдық бөлік: {provision}",
    },
    "ru": {
        "in-force": "На {date} действует.",
        "in-force-unconfirmed": "На {date} действие не подтверждено.",
        "uncertain": "На {date} действие не определено.",
        "not-yet-in-force": "На {date} ещё не вступил в силу.",
        "repealed": "На {date} утратил силу.",
        "expired": "На {date} срок применения истёк.",
        "cancelled": "На {date} отменён.",
        "not-in-corpus": "Текст на {date} отсутствует в корпусе.",
        "if-published": "На {date} действует, если впервые официально опубликован не позднее {published_by}; "
                        "иначе ещё не вступил в силу. До {not_before} не действует.",
        "date-unknown": "Дата вступления в силу не определена: до {not_before} не действует.",
        "changes-if-published": "Изменения ({citation}) применяются на {date}, если акт впервые официально "
                                "опубликован не позднее {published_by}; иначе действует прежняя редакция. "
                                "До {not_before} не применяются.",
        "changes-date-unknown": "Дата вступления в силу изменений ({citation}) не определена: до {not_before} "
                                "не применяются.",
        "wording": "Редакция: {citation}; с {since}.",
        "wording-conditional": "Редакция: {citation}; вступление в силу — см. условие выше.",
        "earlier": "Прежняя редакция: действует до вступления в силу изменений ({citation}).",
        "missing": "[текст отсутствует в корпусе]",
        "appendix": "Приложение {n}",
        "section": "Раздел {n}", "chapter": "Глава {n}", "subchapter": "Параграф {n}", "article": "Статья {n}",
        "per-service": "стоимость одной услуги, тенге",
        "per-recipient-per-day": "на одного получателя в день, тенге",
        "registered": "Зарегистрирован: {date}, № {number}.",
        "partial": "Текст неполный: {note}",
        "official-page": "Официальный текст: {url}",
        "num": "№", "service": "Услуга", "position": "Должность", "price": "Стоимость",
        "works": "Акты", "search": "Поиск", "find": "Найти", "date": "Дата", "show-date": "Показать",
        "timeline": "События", "redline": "Изменения", "history": "История", "compare": "Сравнение",
        "from": "С", "to": "По", "status-col": "Статус", "event": "Событие", "source": "Источник",
        "not-found": "Не найдено", "bad-request": "Неверный запрос", "work-col": "Акт", "place": "Населённый пункт",
        "provision": "Структурная единица: {provision}",
    },
    "en": {
        "in-force": "In force on {date}.",
        "in-force-unconfirmed": "In force on {date}, unconfirmed.",
        "uncertain": "Whether it is in force on {date} is not determined.",
        "not-yet-in-force": "Not yet in force on {date}.",
        "repealed": "Repealed: no longer in force on {date}.",
        "expired": "Its period of application had ended by {date}.",
        "cancelled": "Cancelled by {date}.",
        "not-in-corpus": "Its wording on {date} is not in the corpus.",
        "if-published": "In force on {date} if first officially published on or before {published_by}; "
                        "otherwise not yet in force. Not in force before {not_before} in any case.",
        "date-unknown": "Its entry into force is not determined: not in force before {not_before}.",
        "changes-if-published": "The changes made by {citation} apply on {date} if it was first officially "
                                "published on or before {published_by}; otherwise the earlier wording applies. "
                                "They do not apply before {not_before}.",
        "changes-date-unknown": "The entry into force of the changes made by {citation} is not determined: "
                                "they do not apply before {not_before}.",
        "wording": "Wording given by {citation}; from {since}.",
        "wording-conditional": "Wording given by {citation}; in force on the condition stated above.",
        "earlier": "Earlier wording: applies until the changes made by {citation} take effect.",
        "missing": "[wording not in the corpus]",
        "appendix": "Appendix {n}",
        "section": "Section {n}", "chapter": "Chapter {n}", "subchapter": "Subchapter {n}", "article": "Article {n}",
        "per-service": "price of one service, KZT",
        "per-recipient-per-day": "per recipient per day, KZT",
        "registered": "Registered: {date}, No. {number}.",
        "partial": "Partial text: {note}",
        "official-page": "Official text: {url}",
        "num": "No.", "service": "Service", "position": "Position", "price": "Price",
        "works": "Acts", "search": "Search", "find": "Find", "date": "Date", "show-date": "Show",
        "timeline": "Timeline", "redline": "Changes", "history": "History", "compare": "Compare",
        "from": "From", "to": "To", "status-col": "Status", "event": "Event", "source": "Source",
        "not-found": "Not found", "bad-request": "Bad request", "work-col": "Act", "place": "Place",
        "provision": "Provision: {provision}",
    },
}


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
