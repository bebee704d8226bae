"""The interface catalogue (lawdiff/render/labels/): every key in Kazakh, Russian and English
with the same placeholders, so that no page falls back to another language and no sentence
loses a value in translation."""

from __future__ import annotations

import re

from lawdiff.render.labels import LABELS, LANGS, Message, Reasoning, coded, state_label


def _fields(words: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", words))


def test_every_key_in_every_language_with_the_same_placeholders():
    keys = set(LABELS["kk"])
    assert len(keys) > 150
    for lang in LANGS:
        assert set(LABELS[lang]) == keys, lang
        for key in keys:
            assert LABELS[lang][key].strip(), (lang, key)
            assert _fields(LABELS[lang][key]) == _fields(LABELS["en"][key]), (lang, key)


def test_every_state_and_event_code_has_words():
    schema = (__import__("conftest").ROOT / "schemas" / "lawdiff.rng").read_text(encoding="utf-8")
    kinds = re.search(r'<element name="event">\s*<attribute name="kind"><choice>(.*?)</choice>', schema, re.S).group(1)
    for kind in re.findall(r"<value>([\w-]+)</value>", kinds):
        for lang in LANGS:
            assert f"event-{kind}" in LABELS[lang], kind
    from lawdiff import time as T
    for state in T.STATE_LABELS:
        for lang in LANGS:
            assert f"state-{state}" in LABELS[lang] and state_label(lang, state) == LABELS[lang][f"state-{state}"]
    for rule in T.RULES:
        for lang in LANGS:
            assert f"rule-{rule}" in LABELS[lang] and coded(lang, "rule", rule) == LABELS[lang][f"rule-{rule}"]


def test_a_message_is_worded_in_each_language_and_reasoning_only_in_english():
    m = Message("note-ended", {"state": "repealed", "reason": Reasoning(": repealed from 2023-07-01"), "n": 3,
                               "more": Message("note-ended-full")})
    assert m.text("en") == ("the act ended between the two dates (repealed: repealed from 2023-07-01); its 3 "
                            "provision(s) ended with it; --full lists them")
    assert m.text("kk").startswith("акт екі күннің аралығында тоқтады (күші жойылған);")
    assert m.text("ru").startswith("акт прекратил действие между двумя датами (утратил силу);")
    units = Message("note-units", {"a_units": ["per-service"], "a": "A", "b_units": ["per-recipient-per-day"], "b": "B"})
    assert "за одну услугу в акте A" in units.text("ru") and "на одного получателя в день в акте B" in units.text("ru")


# =========================================================================== one language per page

def _foreign_words(lang: str) -> set[str]:
    """The fixed parts of the other languages' catalogue entries (placeholders cut out) that
    the page's own catalogue does not also use."""
    own = "\n".join(LABELS[lang].values())
    out = set()
    for other in LANGS:
        if other == lang:
            continue
        for words in LABELS[other].values():
            for part in re.split(r"\{\w+\}", words):
                part = part.strip(" .,:;()—-|→[]<>\"'")
                if len(part) >= 5 and re.search(r"[^\W\d_]{3}", part) and part not in own:
                    out.add(part)
    return out


def _text_in_page_language(html: str, lang: str | None = None) -> str:
    """The page's visible text in ``lang`` (default: the page's own), as the ``lang`` attributes
    say: each piece of text belongs to the language of its nearest element that has one."""
    import lxml.html

    doc = lxml.html.document_fromstring(html.encode("utf-8"))
    assert doc.get("lang") in LANGS
    lang = lang or doc.get("lang")
    out = []
    for el in doc.find("body").iter():
        if not isinstance(el.tag, str) or el.tag in ("style", "script"):
            continue
        marked = next((a.get("lang") for a in (el, *el.iterancestors()) if a.get("lang")), None)
        if marked == lang and el.text:
            out.append(el.text)
        parent = el.getparent()
        holder = next((a.get("lang") for a in (parent, *parent.iterancestors()) if a.get("lang")), None) \
            if parent is not None else None
        if holder == lang and el.tail:
            out.append(el.tail)
    return " ".join(out)


def _pages(lang: str) -> dict[str, str]:
    """Every kind of page lawdiff writes, in ``lang``: the act (show --html), redlines of one
    act on two dates and of two acts (diff --html), and the web reader's pages."""
    import datetime as dt

    from conftest import CORPUS
    from lawdiff.corpus import Corpus
    from lawdiff.render.document_html import render_document_html
    from lawdiff.render.review_html import render_review_html
    from lawdiff.review import diff_dates, diff_works
    from lawdiff.review.document import read_document
    from lawdiff.serve import create_app

    corpus = Corpus(CORPUS)
    d = dt.date.fromisoformat
    pages = {}
    for work, at in (("kz/oral-akimat/resolution/2025/2999", "2026-03-01"), ("kz/government/decree/2009/330", "2023-01-01"),
                     ("kz/mlsp/order/2018/379", "2023-01-01")):
        pages[f"show {work}"] = render_document_html(read_document(corpus, work, d(at)), lang)
    pages["diff 330"] = render_review_html(diff_dates(corpus, "kz/government/decree/2009/330", d("2022-01-01"),
                                                      d("2023-01-01"), ignore_quotes=True), lang)
    pages["diff 379"] = render_review_html(diff_dates(corpus, "kz/mlsp/order/2018/379", d("2020-01-01"),
                                                      d("2023-01-01")), lang)
    pages["diff 2999 668"] = render_review_html(diff_works(corpus, "kz/oral-akimat/resolution/2025/2999",
                                                           "kz/baiterek-akimat/resolution/2025/668", at=d("2026-03-01")), lang)
    client = create_app(CORPUS).test_client()
    for path in ("/", "/works/2999?at=2026-03-01", "/works/330/timeline", "/works/330/history?at=2023-01-01",
                 "/works/379/history?at=2023-01-01", "/works/330/diff?from=2022-01-01&to=2023-01-01",
                 "/compare?a=2999&b=668&at=2026-03-01", "/works/kz/nowhere/order/2020/1"):
        response = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
        pages[f"serve {path}"] = response.get_data(as_text=True)
    return pages


def test_a_page_in_one_language_holds_no_words_of_another():
    for lang in LANGS:
        foreign = _foreign_words(lang)
        assert len(foreign) > 100
        for name, html in _pages(lang).items():
            text = _text_in_page_language(html)
            assert len(text) > 50, (lang, name)
            found = sorted(w for w in foreign if w in text)
            assert not found, (lang, name, found[:10])
            if lang != "kk":     # the acts are Kazakh: what is marked Kazakh holds no interface words
                act_text = _text_in_page_language(html, "kk")
                own = [w for w in _foreign_words("kk") if w in act_text and w in "\n".join(LABELS[lang].values())]
                assert not own, (lang, name, own[:10])
