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
