"""The redline engine: word-diff primitives and row alignment (lawdiff.diff), the comparison the
``diff`` command makes (lawdiff.review, on synthetic works), and the renderers (lawdiff.render)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff.diff import (
    WordOp,
    align_tariffs,
    apply_new,
    apply_old,
    normalise_key,
    normalise_quotes,
    provision_label,
    summarise,
    tokenise,
    word_diff,
)
from lawdiff.render import render_html, render_text
from synthetic_works import changes, compare

DATA = Path(__file__).parent / "data" / "diff"
WORD_CASES = json.loads((DATA / "word_cases.json").read_text(encoding="utf-8"))
TOKEN_CASES = json.loads((DATA / "tokens.json").read_text(encoding="utf-8"))
TARIFFS = json.loads((DATA / "tariffs.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Row:
    num: int
    service: str
    position: str
    price: Decimal
    category: str = ""


def rows(items: list[dict]) -> list[Row]:
    return [
        Row(r["num"], r["service"], r["position"], Decimal(r["price"]), r.get("category", ""))
        for r in items
    ]


def boundaries(tokens: list[str]) -> set[int]:
    out, pos = {0}, 0
    for tok in tokens:
        pos += len(tok)
        out.add(pos)
    return out


def assert_well_formed(old: str, new: str, ops: list[WordOp]) -> None:
    """Ops rebuild both texts, are non-empty, joined by kind, and cut only between tokens."""
    assert apply_old(ops) == old
    assert apply_new(ops) == new
    assert all(op.text for op in ops)
    assert all(op.kind in ("equal", "insert", "delete") for op in ops)
    assert all(a.kind != b.kind for a, b in zip(ops, ops[1:]))
    old_cuts, new_cuts = boundaries(tokenise(old)), boundaries(tokenise(new))
    pos_old = pos_new = 0
    for op in ops:
        if op.kind != "insert":
            pos_old += len(op.text)
            assert pos_old in old_cuts, f"cut inside a token of the old text at {pos_old}: {ops}"
        if op.kind != "delete":
            pos_new += len(op.text)
            assert pos_new in new_cuts, f"cut inside a token of the new text at {pos_new}: {ops}"


# --------------------------------------------------------------------------- tokens, quotes


@pytest.mark.parametrize("text,tokens", TOKEN_CASES, ids=[c[0][:30] for c in TOKEN_CASES])
def test_tokenise(text, tokens):
    assert tokenise(text) == tokens


def test_normalise_quotes():
    assert normalise_quotes("«Арнаулы әлеуметтік қызметтер туралы»") == '"Арнаулы әлеуметтік қызметтер туралы"'
    assert normalise_quotes("“бір” „екі“ \"үш\"") == '"бір" "екі" "үш"'
    assert normalise_quotes("сөз-сөз, (1) 2.") == "сөз-сөз, (1) 2."


def test_normalise_key():
    assert normalise_key("  «Тамақ»\u00a0 дайындау ") == normalise_key('"тамақ" ДАЙЫНДАУ')
    assert normalise_key(None) == ""


# --------------------------------------------------------------------------- word diff


@pytest.mark.parametrize("case", WORD_CASES, ids=[c["name"] for c in WORD_CASES])
def test_word_diff_cases(case):
    old, new = case["old"], case["new"]
    if case.get("normalise_quotes"):
        old, new = normalise_quotes(old), normalise_quotes(new)
    ops = word_diff(old, new)
    assert [[op.kind, op.text] for op in ops] == case["ops"]
    assert_well_formed(old, new, ops)


def test_preamble_330_deletes_exactly_the_date():
    case = WORD_CASES[0]
    ops = word_diff(normalise_quotes(case["old"]), normalise_quotes(case["new"]))
    assert [op.text for op in ops if op.kind == "delete"] == ["2008 жылғы 29 желтоқсандағы "]
    assert not [op for op in ops if op.kind == "insert"]


def test_word_diff_is_deterministic():
    case = WORD_CASES[2]
    assert word_diff(case["old"], case["new"]) == word_diff(case["old"], case["new"])


KAZAKH_LETTERS = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
kazakh_word = st.text(alphabet=KAZAKH_LETTERS + KAZAKH_LETTERS.upper(), min_size=1, max_size=9)
token = st.one_of(
    kazakh_word,
    kazakh_word,
    st.builds(lambda a, b: f"{a}-{b}", kazakh_word, kazakh_word),
    st.builds(lambda n: f"{n}-бабының", st.integers(1, 99)),
    st.builds(lambda a, b: f"{a} {b:03d},{b % 100:02d}", st.integers(1, 999), st.integers(0, 999)),
    st.integers(0, 3000).map(str),
    st.sampled_from(["«", "»", '"', ",", ".", ":", ";", "1)", "2)", "(", ")", "—", "-"]),
)
separator = st.sampled_from([" ", " ", " ", "", "  ", "\n", "\u00a0"])
kazakhish = st.lists(st.tuples(token, separator), max_size=25).map(
    lambda parts: "".join(t + s for t, s in parts)
)


@settings(max_examples=300, deadline=None)
@given(kazakhish, kazakhish)
def test_word_diff_property_unrelated_texts(old, new):
    assert_well_formed(old, new, word_diff(old, new))


@settings(max_examples=300, deadline=None)
@given(st.lists(token, min_size=1, max_size=30), st.data())
def test_word_diff_property_edited_text(words, data):
    """A text and a lightly edited copy (some words dropped, replaced, inserted)."""
    edited = []
    for w in words:
        action = data.draw(st.sampled_from(["keep", "keep", "keep", "drop", "replace", "insert"]))
        if action == "keep":
            edited.append(w)
        elif action == "replace":
            edited.append(data.draw(token))
        elif action == "insert":
            edited.extend([w, data.draw(token)])
    old, new = " ".join(words), " ".join(edited)
    ops = word_diff(old, new)
    assert_well_formed(old, new, ops)
    if old == new:
        assert [op.kind for op in ops] == ["equal"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_word_diff_property_any_text(old, new):
    assert "".join(tokenise(old)) == old
    assert_well_formed(old, new, word_diff(old, new))


# --------------------------------------------------------------------------- provisions


def test_provision_label():
    assert provision_label("para_2__subpara_1") == "2-тармақ 1) тармақша"
    assert provision_label("preamble") == "кіріспе"
    assert provision_label("att_1__para_11__subpara_7-1__indent_2") == "1-қосымша 11-тармақ 7-1) тармақша 2-абзац"
    assert provision_label("not an eid") == "not an eid"


# Synthetic provisions (made-up wording): each is the eId of its text element and its text.
OLD_PROVISIONS = [
    ("title", "Арнаулы әлеуметтік қызметтер стандарттарын бекіту туралы"),
    ("preamble__indent_1", "Заңға сәйкес Үкімет ҚАУЛЫ ЕТЕДІ:"),
    ("para_1__indent_1", "Қоса беріліп отырған стандарт бекітілсін."),
    ("para_2__indent_1", "Осы қаулыға қосымшаға сәйкес бірқатар шешімдердің күші жойылды деп танылсын."),
    ("para_3__indent_1", "Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі."),
]
NEW_PROVISIONS = [
    ("title", "Арнаулы әлеуметтік қызметтер стандарттарын бекіту туралы"),
    ("preamble__indent_1", "Заңға сәйкес Үкімет ҚАУЛЫ ЕТЕДІ:"),
    ("para_1__indent_1", "Қоса беріліп отырған стандарттар бекітілсін."),
    ("para_1-1__indent_1", "Жергілікті атқарушы органдар стандарттардың орындалуын қамтамасыз етсін."),
    ("para_3__indent_1", "Осы қаулы алғашқы ресми жарияланған күнінен бастап қолданысқа енгізіледі."),
    ("para_4__indent_1", "Осы қаулының орындалуын бақылау министрлікке жүктелсін."),
]
NO_TEXT = [("title", "Тарифтерді бекіту туралы")]


def provisions_changes(tmp_path, old, new):
    """The redlines ``lawdiff diff`` gives between two synthetic works holding these provisions."""
    return changes(compare(tmp_path, old, new))


def tariff_changes(tmp_path, old_rows, new_rows):
    """The redlines ``lawdiff diff`` gives between two synthetic works holding these tariff rows."""
    return changes(compare(tmp_path, NO_TEXT, NO_TEXT, old_rows, new_rows))


def test_provisions_kinds_and_order(tmp_path):
    found = provisions_changes(tmp_path, OLD_PROVISIONS, NEW_PROVISIONS)
    assert [(c.eid, c.kind) for c in found] == [
        ("para_1__indent_1", "changed"),
        ("para_2__indent_1", "removed"),  # where it stood: after para_1, before what was added there
        ("para_1-1__indent_1", "added"),
        ("para_3__indent_1", "changed"),
        ("para_4__indent_1", "added"),
    ]
    by_eid = {c.eid: c for c in found}
    assert "title" not in by_eid and "preamble__indent_1" not in by_eid  # unchanged: omitted
    p1 = by_eid["para_1__indent_1"]
    assert p1.label == "1-тармақ 1-абзац"
    assert [(op.kind, op.text) for op in p1.ops] == [
        ("equal", "Қоса беріліп отырған "), ("delete", "стандарт"), ("insert", "стандарттар"), ("equal", " бекітілсін."),
    ]
    added = by_eid["para_1-1__indent_1"]
    assert added.ops == [WordOp("insert", NEW_PROVISIONS[3][1])]
    assert added.old is None and added.new == NEW_PROVISIONS[3][1]
    assert by_eid["para_2__indent_1"].ops == [WordOp("delete", OLD_PROVISIONS[3][1])]
    assert by_eid["para_2__indent_1"].new is None
    for c in found:
        assert_well_formed(c.old or "", c.new or "", c.ops)


def test_provisions_removed_at_start_and_end(tmp_path):
    old = [("para_1__indent_1", "бір"), ("para_2__indent_1", "екі"), ("para_3__indent_1", "үш")]
    new = [("para_2__indent_1", "екі")]
    assert [(c.eid, c.kind) for c in provisions_changes(tmp_path / "a", old, new)] == [
        ("para_1__indent_1", "removed"), ("para_3__indent_1", "removed")]
    assert [(c.eid, c.kind) for c in provisions_changes(tmp_path / "b", new, old)] == [
        ("para_1__indent_1", "added"), ("para_3__indent_1", "added")]


def test_provisions_identical(tmp_path):
    assert provisions_changes(tmp_path, OLD_PROVISIONS, OLD_PROVISIONS) == []


def test_change_to_json_provision(tmp_path):
    eid_ = "para_2__subpara_1__indent_1"
    (change,) = provisions_changes(tmp_path, [(eid_, "он күн")], [(eid_, "жиырма күн")])
    assert change.to_json() == {
        "provision": eid_,
        "kind": "changed",
        "label": "2-тармақ 1) тармақша 1-абзац",
        "old": "он күн",
        "new": "жиырма күн",
        "ops": [
            {"op": "delete", "text": "он"},
            {"op": "insert", "text": "жиырма"},
            {"op": "equal", "text": " күн"},
        ],
    }
    json.dumps(change.to_json())


# --------------------------------------------------------------------------- tariffs


def price(change) -> dict:
    """The price part of a row's JSON without the units (both tables are per service here)."""
    out = change.to_json()["price"]
    assert out.pop("comparable") is True
    units = out.pop("unit")
    assert set(units.values()) <= {"per-service", None}
    return out


def test_tariffs_fixture(tmp_path):
    found = tariff_changes(tmp_path, TARIFFS["old"], TARIFFS["new"])
    got = [{"eid": c.eid, "kind": c.kind, "row_old": c.row_old, "row_new": c.row_new, "price": price(c)}
           for c in found]
    assert got == TARIFFS["expected"]
    for c in found:
        assert_well_formed(c.old or "", c.new or "", c.ops)
        json.dumps(c.to_json())


def test_tariffs_price_only_row_has_all_equal_text(tmp_path):
    row1 = tariff_changes(tmp_path, TARIFFS["old"], TARIFFS["new"])[0]
    assert row1.ops == [WordOp("equal", "Жеке гигиена бойынша көмек — Әлеуметтік қызметкер")]
    assert row1.label == "row 1: Жеке гигиена бойынша көмек (Әлеуметтік қызметкер)"
    assert row1.price_delta == Decimal("51.70") and row1.price_percent == Decimal("5.45")


def test_tariffs_unchanged_rows_omitted_even_when_renumbered(tmp_path):
    old = [{"num": 1, "service": "Тамақ дайындау", "position": "Әлеуметтік қызметкер", "price": "500.00"}]
    new = [
        {"num": 1, "service": "Ыдыс жуу", "position": "Әлеуметтік қызметкер", "price": "400.00"},
        {"num": 2, "service": "Тамақ дайындау", "position": "Әлеуметтік қызметкер", "price": "500.00"},
    ]
    assert align_tariffs(rows(old), rows(new)) == {0: 1}
    assert [(c.eid, c.kind) for c in tariff_changes(tmp_path, old, new)] == [("row_1", "added")]


def test_tariffs_same_number_different_service_is_remove_and_add(tmp_path):
    # under different headings, so the tables are not one standard list compared row by row
    old = [{"num": 3, "service": "Үйді жинау", "position": "Әлеуметтік қызметкер", "price": "700",
            "category": "Әлеуметтік-тұрмыстық қызметтер"}]
    new = [{"num": 3, "service": "Қан қысымын өлшеу", "position": "Медбике", "price": "150",
            "category": "Әлеуметтік-медициналық қызметтер"}]
    found = tariff_changes(tmp_path, old, new)
    assert [(c.eid, c.kind) for c in found] == [("row_3", "removed"), ("row_3", "added")]
    # prices keep their printed scale, as everywhere in the JSON output
    assert price(found[0]) == {"old": "700", "new": None, "delta": None, "percent": None}
    assert price(found[1]) == {"old": None, "new": "150", "delta": None, "percent": None}


def test_tariffs_reworded_service_at_same_number_is_a_redline(tmp_path):
    old = [{"num": 7, "service": "Азық-түлік сатып алу және жеткізу", "position": "Әлеуметтік қызметкер", "price": "612.40"}]
    new = [{"num": 7, "service": "Азық-түлік сатып алу және үйге жеткізу", "position": "Әлеуметтік қызметкер", "price": "612.40"}]
    (change,) = tariff_changes(tmp_path, old, new)
    assert change.kind == "changed" and change.eid == "row_7"
    assert [(op.kind, op.text) for op in change.ops if op.kind != "equal"] == [("insert", "үйге ")]
    assert change.price_delta == 0 and price(change)["percent"] == "0.00"


def test_price_scale_is_kept(tmp_path):
    old = [{"num": 1, "service": "Күндізгі күтім", "position": "Әлеуметтік қызметкер", "price": "587"}]
    new = [{"num": 1, "service": "Күндізгі күтім", "position": "Әлеуметтік қызметкер", "price": "600.5"}]
    (change,) = tariff_changes(tmp_path, old, new)
    assert price(change) == {"old": "587", "new": "600.5", "delta": "13.5", "percent": "2.30"}
    assert "price: 587 → 600.5 (+13.5, +2.30%)" in render_text([change], color=False)


def test_tariffs_two_acts_align_by_service_and_position(tmp_path):
    """Two different acts' tables: numbering differs, quotes and case differ."""
    oral = [
        {"num": 1, "service": "«Жеке гигиена» бойынша көмек", "position": "Әлеуметтік қызметкер", "price": "948.30"},
        {"num": 2, "service": "Қан қысымын өлшеу", "position": "Медбике", "price": "320.00"},
        {"num": 3, "service": "Тамақ дайындау", "position": "Әлеуметтік қызметкер", "price": "500.00"},
    ]
    baiterek = [
        {"num": 4, "service": "Тамақ дайындау", "position": "Әлеуметтік қызметкер", "price": "510.00"},
        {"num": 5, "service": "\"жеке гигиена\" бойынша  көмек", "position": "Әлеуметтік қызметкер", "price": "948.30"},
        {"num": 6, "service": "Қан қысымын өлшеу", "position": "Медбике", "price": "300.00"},
    ]
    assert align_tariffs(rows(oral), rows(baiterek)) == {0: 1, 1: 2, 2: 0}
    found = tariff_changes(tmp_path, oral, baiterek)
    assert [(c.eid, c.kind, c.row_old) for c in found] == [
        ("row_4", "changed", 3), ("row_5", "changed", 1), ("row_6", "changed", 2),
    ]
    assert price(found[0]) == {"old": "500.00", "new": "510.00", "delta": "10.00", "percent": "2.00"}
    assert price(found[2])["delta"] == "-20.00"
    assert price(found[2])["percent"] == "-6.25"
    counts = summarise(found)
    assert (counts["rose"], counts["fell"], counts["changed"]) == (1, 1, 3)


# --------------------------------------------------------------------------- text renderer


def test_render_text_plain(tmp_path):
    found = provisions_changes(tmp_path, OLD_PROVISIONS, NEW_PROVISIONS)
    out = render_text(found, color=False)
    assert "\x1b[" not in out
    assert ("1-тармақ 1-абзац [para_1__indent_1] changed\n"
            "  Қоса беріліп отырған [-стандарт-]{+стандарттар+} бекітілсін.\n") in out
    assert f"2-тармақ 1-абзац [para_2__indent_1] removed\n  [-{OLD_PROVISIONS[3][1]}-]\n" in out
    assert f"{{+{NEW_PROVISIONS[3][1]}+}}" in out
    assert out.index("para_1__") < out.index("para_2__") < out.index("para_1-1__") < out.index("para_3__")


def test_render_text_prices(tmp_path):
    out = render_text(tariff_changes(tmp_path, TARIFFS["old"], TARIFFS["new"]), color=False)
    assert "price: 948.30 → 1000.00 (+51.70, +5.45%)" in out
    assert "price: 300.00 → 280.00 (-20.00, -6.67%)" in out
    assert "row 4: Дәрі-дәрмек сатып алу (Әлеуметтік қызметкер) [row_4] (was row 3) changed" in out
    assert "[row_1] changed" in out
    assert "price: 0.00 → 150.00 (+150.00)" in out
    assert "price: 400.00 (new row)" in out
    assert "price: 700.00 (row removed)" in out


def test_render_text_colour_and_empty(tmp_path):
    found = provisions_changes(tmp_path, [("para_1__indent_1", "он күн")], [("para_1__indent_1", "жиырма күн")])
    out = render_text(found, color=True)
    assert "\x1b[" in out and "он" in out and "жиырма" in out
    assert "[-" not in out and "{+" not in out
    assert render_text([], color=False) == "No changes.\n"


# --------------------------------------------------------------------------- HTML renderer


def page(changes, title="Редлайн <тест> & «сынақ»", subtitle="2009 → 2024"):
    html = render_html(changes, title, subtitle)
    return html, lxml.html.document_fromstring(html.encode("utf-8"))


def assert_self_contained(doc) -> None:
    assert not doc.xpath("//script")
    assert not doc.xpath("//link | //iframe | //img | //object | //embed")
    assert not doc.xpath("//@src")
    for href in doc.xpath("//@href"):
        assert href.startswith("#"), href
    for attr in doc.xpath("//@*"):
        assert not attr.attrname.lower().startswith("on")


def test_render_html_provisions(tmp_path):
    html, doc = page(provisions_changes(tmp_path, OLD_PROVISIONS, NEW_PROVISIONS))
    assert html.startswith("<!DOCTYPE html>")
    assert doc.get("lang") == "kk"
    assert doc.xpath("//meta/@charset") == ["utf-8"]
    assert doc.findtext(".//title") == "Редлайн <тест> & «сынақ»"
    assert doc.xpath("string(//h1)") == "Редлайн <тест> & «сынақ»"
    assert "<тест>" not in html  # escaped
    assert_self_contained(doc)

    p1 = doc.get_element_by_id("para_1__indent_1")
    assert [d.text_content() for d in p1.iter("del")] == ["стандарт"]
    assert [i.text_content() for i in p1.iter("ins")] == ["стандарттар"]
    assert p1.xpath("string(.//p[@class='text'])") == "Қоса беріліп отырған стандартстандарттар бекітілсін."
    assert [i.text_content() for i in doc.get_element_by_id("para_1-1__indent_1").iter("ins")] == [NEW_PROVISIONS[3][1]]
    assert [d.text_content() for d in doc.get_element_by_id("para_2__indent_1").iter("del")] == [OLD_PROVISIONS[3][1]]
    assert [s.get("id") for s in doc.xpath("//section[contains(@class, 'change')]")] == [
        "para_1__indent_1", "para_2__indent_1", "para_1-1__indent_1", "para_3__indent_1", "para_4__indent_1",
    ]
    summary = doc.get_element_by_id("summary")
    assert {li.get("class"): li.get("data-count") for li in summary.iter("li")} == {
        "added": "2", "removed": "1", "changed": "2",
    }


def test_render_html_escapes_change_text(tmp_path):
    html, doc = page(provisions_changes(tmp_path, [("para_1__indent_1", "a < b")],
                                        [("para_1__indent_1", "a < b & <script>alert(1)</script>")]))
    assert_self_contained(doc)
    assert "<script>" not in html
    assert [i.text_content() for i in doc.iter("ins")] == [" & <script>alert(1)</script>"]


def test_render_html_tariffs(tmp_path):
    html, doc = page(tariff_changes(tmp_path, TARIFFS["old"], TARIFFS["new"]), title="Тарифтер")
    assert_self_contained(doc)
    ids = [s.get("id") for s in doc.xpath("//section[contains(@class, 'change')]")]
    assert ids == ["row_1", "row_2", "row_3", "row_4", "row_5", "row_5-2"]
    assert len(set(doc.xpath("//@id"))) == len(doc.xpath("//@id"))
    summary = doc.get_element_by_id("summary")
    counts = {li.get("class"): li.get("data-count") for li in summary.iter("li")}
    assert counts == {"added": "1", "removed": "1", "changed": "4", "rose": "2", "fell": "1"}
    table = doc.xpath("//section[@id='prices']//table")[0]
    body = [[td.text_content() for td in tr.iter("td")] for tr in table.xpath("./tbody/tr")]
    assert body[0] == ["1", "Жеке гигиена бойынша көмек — Әлеуметтік қызметкер", "948.30", "1000.00", "+51.70", "+5.45%"]
    assert ["4", "Дәрі-дәрмек сатып алу — Әлеуметтік қызметкер", "300.00", "280.00", "-20.00", "-6.67%"] in body
    assert ["5", "Қан қысымын өлшеу — Медбике", "0.00", "150.00", "+150.00", "—"] in body
    assert len(body) == 5  # row 3's price did not change
    assert table.xpath("./tbody/tr[1]/td[1]/a/@href") == ["#row_1"]
    assert doc.get_element_by_id("row_4").xpath("string(.//p[@class='meta'])") == "row_4 (бұрын 3-жол)"
    row3 = doc.get_element_by_id("row_3")
    assert [d.text_content() for d in row3.iter("del")] == ["Тамақ "]
    assert [i.text_content() for i in row3.iter("ins")] == ["тамақ  "]


def test_render_html_no_changes():
    html, doc = page([], title="Бос", subtitle="")
    assert_self_contained(doc)
    assert "Өзгерістер жоқ." in html
    assert not doc.xpath("//section[contains(@class, 'change')]")
    assert not doc.xpath("//*[@class='subtitle']")


def test_word_diff_long_text_beyond_exact_limit():
    words = [f"сөз{i % 97}-{i}" for i in range(3000)]
    old = " ".join(words)
    new = " ".join(words[:1500] + ["жаңа"] + words[1501:])
    ops = word_diff(old, new)
    assert_well_formed(old, new, ops)
    assert [(op.kind, op.text) for op in ops if op.kind != "equal"] == [("delete", words[1500]), ("insert", "жаңа")]
