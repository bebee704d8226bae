"""Human output: tariff tables keep the act's category headings; titles and reasons are cut at
a word boundary with an ellipsis; data on stdout, messages on stderr."""

from __future__ import annotations

import json

import pytest

from conftest import run_script
from lawdiff.cli.common import shorten


@pytest.mark.parametrize("width", [25, 40, 61, 80])
def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis(width):
    title = "2026 жылға Орал қаласы бойынша арнаулы әлеуметтік қызметтерге тарифтерді бекіту туралы"
    short = shorten(title, width)
    assert len(short) <= width and short.endswith("…")
    kept = short[:-1]
    assert title.startswith(kept) and title[len(kept)] in " ,"       # the next character ends a word


def test_shorten_keeps_short_text_and_cuts_a_single_long_word():
    assert shorten("Қысқа атау", 20) == "Қысқа атау"
    assert shorten("бір\nекі", 20) == "бір ⏎ екі"
    assert shorten("Әлеуметтік-тұрмыстыққызметтердіңбарлығы", 12) == "Әлеуметтік…"     # the hyphen is not kept before the mark
    assert shorten(None, 5) == ""


def test_ls_titles_end_at_a_word_with_an_ellipsis():
    works = {w["work"]: w["title"] for w in json.loads(run_script("ls", "--json").stdout)}
    cut = 0
    for line in run_script("ls").stdout.splitlines()[1:]:
        wid = line.split()[0]
        if "…" not in line:
            continue
        title = works[wid]
        ends = [i for i, ch in enumerate(title) if ch in " ,"]
        assert any(f" {title[:i]}…" in line for i in ends), (line, title)
        cut += 1
    assert cut >= 1


def test_tariff_tables_show_their_category_headings():
    rows = json.loads(run_script("tariff", "--work", "2999", "--json").stdout)
    categories = list(dict.fromkeys(r["category"] for r in rows if r["category"]))
    assert len(categories) >= 2
    out = run_script("tariff", "--work", "2999").stdout
    lines = [line.strip() for line in out.splitlines()]
    for category in categories:
        first = next(r for r in rows if r["category"] == category)
        heading = lines.index(category)
        row_line = next(i for i, line in enumerate(lines) if line.startswith(f"{first['row']} "))
        assert heading == row_line - 1, (category, first["row"])


def test_no_rows_messages_go_to_stderr_in_both_forms():
    args = ["tariff", "--at", "2027-03-01", "--place", "Oral"]
    human, as_json = run_script(*args, "--lang", "en"), run_script(*args, "--json")
    assert human.returncode == as_json.returncode == 0
    assert human.stdout.strip() == "No tariff rows." and json.loads(as_json.stdout) == []
    assert run_script(*args).stdout.strip() == "Тариф жолдары жоқ."   # no act: the corpus's language
    assert human.stderr == as_json.stderr and human.stderr.startswith("no rows: ")
