"""Act numbers as printed, and their slugs: no number may take another act's id."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawdiff.lang import ACT_NUMBER_RE, KK_EXTRA_LOWER, canonical_number, number_slug
from lawdiff.model.ids import check_work_id, norm_num, work_id

ALL_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" + KK_EXTRA_LOWER


@pytest.mark.parametrize("text,number", [
    ("Орал қаласы әкімдігінің 2025 жылғы 16 қыркүйектегі № 1971-қ қаулысы", "1971-қ"),
    ("Алматы облысы Еңбекшіқазақ аудандық мәслихатының 2024 жылғы 5 наурыздағы № 19/4-VІІІ шешімі", "19/4-VІІІ"),
    ("Решение Теректинского районного маслихата от 5 марта 2003 г. № 11-2.", "11-2"),
    ("Қазақстан Республикасы Денсаулық сақтау министрінің 2020 жылғы 30 қазандағы № ҚР ДСМ-175/2020 бұйрығы",
     "ҚР ДСМ-175/2020"),
    ("қаулысы № 2999қаулысы", "2999"),        # a word glued to the number is not part of it
    ("№ 12/110 шешімі", "12/110"),
    ("№ 5а шешімі", "5а"),
])
def test_act_number_as_printed(text, number):
    assert ACT_NUMBER_RE.search(text[text.index("№") + 1:].lstrip()).group() == number


@pytest.mark.parametrize("a,b", [("1971-қ", "1971"), ("5-а", "5-ә"), ("19/4", "19-4"), ("5-г", "5-ғ"),
                                 ("3-у", "3-ү"), ("3-ұ", "3-у"), ("7-и", "7-і"), ("1-н", "1-ң"), ("2-о", "2-ө")])
def test_different_numbers_never_share_an_id(a, b):
    assert work_id("oral-akimat", "resolution", 2025, a) != work_id("oral-akimat", "resolution", 2025, b)


def test_one_number_in_latin_or_cyrillic_look_alikes_is_one_id():
    assert canonical_number("19/4-VІІІ") == "19/4-VIII"      # Cyrillic І
    assert number_slug("19/4-VІІІ") == number_slug("19/4-VIII") == "19_4-viii"
    assert number_slug("29\u200b99") == "2999"               # invisible characters are not the number


def test_every_letter_has_its_own_spelling():
    slugs = {number_slug(f"1-{ch}") for ch in ALL_LETTERS}
    assert len(slugs) == len(ALL_LETTERS)
    assert all(re.fullmatch(r"1-[a-z]+", s) for s in slugs)


def test_unit_numbers_with_kazakh_letters_stay_apart():
    assert norm_num("а)") == "a" and norm_num("ә)") == "ae" and norm_num("7-1)") == "7-1"


_numbers = st.builds(lambda d, sep, letter: f"{d}{sep if letter else ''}{letter}",
                     st.integers(1, 99999), st.sampled_from(["-", "/", ""]), st.sampled_from(list(ALL_LETTERS) + [""]))


@given(_numbers, _numbers)
def test_slug_is_injective_over_numbers_with_one_letter(a, b):
    if canonical_number(a) != canonical_number(b):
        assert number_slug(a) != number_slug(b)
    check_work_id(f"kz/x-akimat/resolution/2025/{number_slug(a)}")
