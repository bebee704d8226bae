"""The redline engine (lawdiff.diff) and its renderers (lawdiff.render)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawdiff import LawdiffError
from lawdiff.diff import (
    WordOp,
    align_tariffs,
    apply_new,
    apply_old,
    diff_provisions,
    diff_tariffs,
    normalise_key,
    normalise_quotes,
    provision_label,
    summarise,
    tokenise,
    word_diff,
)
from lawdiff.render import render_html, render_text

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


OLD_PROVISIONS = [
    ("title", "Арнаулы әлеуметтік қызметтер стандарттарын бекіту туралы"),
    ("preamble", "Заңға сәйкес Үкімет ҚАУЛЫ ЕТЕДІ:"),
    ("para_1", "Қоса беріліп отырған стандарт бекітілсін."),
    ("para_2", "Осы қаулыға қосымшаға сәйкес бірқатар шешімдердің күші жойылды деп танылсын."),
    ("para_3", "Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі."),
]
NEW_PROVISIONS = [
    ("title", "Арнаулы әлеуметтік қызметтер стандарттарын бекіту туралы"),
    ("preamble", "Заңға сәйкес Үкімет ҚАУЛЫ ЕТЕДІ:"),
    ("para_1", "Қоса беріліп отырған стандарттар бекітілсін."),
    ("para_1-1", "Жергілікті атқарушы органдар стандарттардың орындалуын қамтамасыз етсін."),
    ("para_3", "Осы қаулы алғашқы ресми жарияланған күнінен бастап қолданысқа енгізіледі."),
    ("para_4", "Осы қаулының орындалуын бақылау министрлікке жүктелсін."),
]


def test_diff_provisions_kinds_and_order():
    changes = diff_provisions(OLD_PROVISIONS, NEW_PROVISIONS)
    assert [(c.eid, c.kind) for c in changes] == [
        ("para_1", "changed"),
        ("para_2", "removed"),  # where it stood: after para_1, before what was added there
        ("para_1-1", "added"),
        ("para_3", "changed"),
        ("para_4", "added"),
    ]
    by_eid = {c.eid: c for c in changes}
    assert "title" not in by_eid and "preamble" not in by_eid  # unchanged: omitted
    p1 = by_eid["para_1"]
    assert p1.label == "1-тармақ"
    assert [(op.kind, op.text) for op in p1.ops] == [
        ("equal", "Қоса беріліп отырған "), ("delete", "стандарт"), ("insert", "стандарттар"), ("equal", " бекітілсін."),
    ]
    assert by_eid["para_1-1"].ops == [WordOp("insert", NEW_PROVISIONS[3][1])]
    assert by_eid["para_1-1"].old is None and by_eid["para_1-1"].new == NEW_PROVISIONS[3][1]
    assert by_eid["para_2"].ops == [WordOp("delete", OLD_PROVISIONS[3][1])]
    assert by_eid["para_2"].new is None
    for c in changes:
        assert_well_formed(c.old or "", c.new or "", c.ops)


def test_diff_provisions_removed_at_start_and_end():
    old = [("para_1", "бір"), ("para_2", "екі"), ("para_3", "үш")]
    new = [("para_2", "екі")]
    assert [(c.eid, c.kind) for c in diff_provisions(old, new)] == [("para_1", "removed"), ("para_3", "removed")]
    assert [(c.eid, c.kind) for c in diff_provisions(new, old)] == [("para_1", "added"), ("para_3", "added")]


def test_diff_provisions_identical_and_empty():
    assert diff_provisions(OLD_PROVISIONS, OLD_PROVISIONS) == []
    assert diff_provisions([], []) == []


def test_diff_provisions_rejects_duplicate_eids():
    with pytest.raises(LawdiffError, match="para_1"):
        diff_provisions([("para_1", "a"), ("para_1", "b")], [])


def test_change_to_json_provision():
    change = diff_provisions([("para_2__subpara_1", "он күн")], [("para_2__subpara_1", "жиырма күн")])[0]
    assert change.to_json() == {
        "eId": "para_2__subpara_1",
        "kind": "changed",
        "label": "2-тармақ 1) тармақша",
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


def test_diff_tariffs_fixture():
    changes = diff_tariffs(rows(TARIFFS["old"]), rows(TARIFFS["new"]))
    got = [
        {"eid": c.eid, "kind": c.kind, "row_old": c.row_old, "row_new": c.row_new, "price": c.to_json()["price"]}
        for c in changes
    ]
    assert got == TARIFFS["expected"]
    for c in changes:
        assert_well_formed(c.old or "", c.new or "", c.ops)
        json.dumps(c.to_json())


def test_diff_tariffs_price_only_row_has_all_equal_text():
    changes = diff_tariffs(rows(TARIFFS["old"]), rows(TARIFFS["new"]))
    row1 = changes[0]
    assert row1.ops == [WordOp("equal", "Жеке гигиена бойынша көмек — Әлеуметтік қызметкер")]
    assert row1.label == "row 1: Жеке гигиена бойынша көмек (Әлеуметтік қызметкер)"
    assert row1.price_delta == Decimal("51.70") and row1.price_percent == Decimal("5.45")


def test_diff_tariffs_unchanged_rows_omitted_even_when_renumbered():
    old = rows([{"num": 1, "service": "Тамақ дайындау", "position": "", "price": "500.00"}])
    new = rows([
        {"num": 1, "service": "Ыдыс жуу", "position": "", "price": "400.00"},
        {"num": 2, "service": "Тамақ дайындау", "position": "", "price": "500.00"},
    ])
    assert align_tariffs(old, new) == {0: 1}
    assert [(c.eid, c.kind) for c in diff_tariffs(old, new)] == [("row_1", "added")]


def test_diff_tariffs_same_number_different_service_is_remove_and_add():
    old = rows([{"num": 3, "service": "Үйді жинау", "position": "Әлеуметтік қызметкер", "price": "700"}])
    new = rows([{"num": 3, "service": "Қан қысымын өлшеу", "position": "Медбике", "price": "150"}])
    changes = diff_tariffs(old, new)
    assert [(c.eid, c.kind) for c in changes] == [("row_3", "removed"), ("row_3", "added")]
    # prices keep their printed scale, as everywhere in the JSON output
    assert changes[0].to_json()["price"] == {"old": "700", "new": None, "delta": None, "percent": None}
    assert changes[1].to_json()["price"] == {"old": None, "new": "150", "delta": None, "percent": None}


def test_diff_tariffs_reworded_service_at_same_number_is_a_redline():
    old = rows([{"num": 7, "service": "Азық-түлік сатып алу және жеткізу", "position": "Әлеуметтік қызметкер", "price": "612.40"}])
    new = rows([{"num": 7, "service": "Азық-түлік сатып алу және үйге жеткізу", "position": "Әлеуметтік қызметкер", "price": "612.40"}])
    (change,) = diff_tariffs(old, new)
    assert change.kind == "changed" and change.eid == "row_7"
    assert [(op.kind, op.text) for op in change.ops if op.kind != "equal"] == [("insert", "үйге ")]
    assert change.price_delta == 0 and change.to_json()["price"]["percent"] == "0.00"


def test_price_scale_is_kept():
    old = rows([{"num": 1, "service": "Күндізгі күтім", "position": "", "price": "587"}])
    new = rows([{"num": 1, "service": "Күндізгі күтім", "position": "", "price": "600.5"}])
    (change,) = diff_tariffs(old, new)
    assert change.to_json()["price"] == {"old": "587", "new": "600.5", "delta": "13.5", "percent": "2.30"}
    assert "price: 587 → 600.5 (+13.5, +2.30%)" in render_text([change], color=False)


def test_diff_tariffs_two_acts_align_by_service_and_position():
    """Two different acts' tables: numbering differs, quotes and case differ."""
    oral = rows([
        {"num": 1, "service": "«Жеке гигиена» бойынша көмек", "position": "Әлеуметтік қызметкер", "price": "948.30"},
        {"num": 2, "service": "Қан қысымын өлшеу", "position": "Медбике", "price": "320.00"},
        {"num": 3, "service": "Тамақ дайындау", "position": "Әлеуметтік қызметкер", "price": "500.00"},
    ])
    baiterek = rows([
        {"num": 4, "service": "Тамақ дайындау", "position": "Әлеуметтік қызметкер", "price": "510.00"},
        {"num": 5, "service": "\"жеке гигиена\" бойынша  көмек", "position": "Әлеуметтік қызметкер", "price": "948.30"},
        {"num": 6, "service": "Қан қысымын өлшеу", "position": "Медбике", "price": "300.00"},
    ])
    assert align_tariffs(oral, baiterek) == {0: 1, 1: 2, 2: 0}
    changes = diff_tariffs(oral, baiterek)
    assert [(c.eid, c.kind, c.row_old) for c in changes] == [
        ("row_4", "changed", 3), ("row_5", "changed", 1), ("row_6", "changed", 2),
    ]
    assert changes[0].to_json()["price"] == {"old": "500.00", "new": "510.00", "delta": "10.00", "percent": "2.00"}
    assert changes[2].to_json()["price"]["delta"] == "-20.00"
    assert changes[2].to_json()["price"]["percent"] == "-6.25"
    counts = summarise(changes)
    assert (counts["rose"], counts["fell"], counts["changed"]) == (1, 1, 3)


# --------------------------------------------------------------------------- text renderer


def test_render_text_plain():
    changes = diff_provisions(OLD_PROVISIONS, NEW_PROVISIONS)
    out = render_text(changes, color=False)
    assert "\x1b[" not in out
    assert "1-тармақ [para_1] changed\n  Қоса беріліп отырған [-стандарт-]{+стандарттар+} бекітілсін.\n" in out
    assert f"2-тармақ [para_2] removed\n  [-{OLD_PROVISIONS[3][1]}-]\n" in out
    assert f"{{+{NEW_PROVISIONS[3][1]}+}}" in out
    assert out.index("para_1]") < out.index("para_2]") < out.index("para_1-1]") < out.index("para_3]")


def test_render_text_prices():
    out = render_text(diff_tariffs(rows(TARIFFS["old"]), rows(TARIFFS["new"])), color=False)
    assert "price: 948.30 → 1000.00 (+51.70, +5.45%)" in out
    assert "price: 300.00 → 280.00 (-20.00, -6.67%)" in out
    assert "row 4: Дәрі-дәрмек сатып алу (Әлеуметтік қызметкер) [row_4] (was row 3) changed" in out
    assert "[row_1] changed" in out
    assert "price: 0.00 → 150.00 (+150.00)" in out
    assert "price: 400.00 (new row)" in out
    assert "price: 700.00 (row removed)" in out


def test_render_text_colour_and_empty():
    changes = diff_provisions([("para_1", "он күн")], [("para_1", "жиырма күн")])
    out = render_text(changes, color=True)
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


def test_render_html_provisions():
    changes = diff_provisions(OLD_PROVISIONS, NEW_PROVISIONS)
    html, doc = page(changes)
    assert html.startswith("<!DOCTYPE html>")
    assert doc.get("lang") == "kk"
    assert doc.xpath("//meta/@charset") == ["utf-8"]
    assert doc.findtext(".//title") == "Редлайн <тест> & «сынақ»"
    assert doc.xpath("string(//h1)") == "Редлайн <тест> & «сынақ»"
    assert "<тест>" not in html  # escaped
    assert_self_contained(doc)

    p1 = doc.get_element_by_id("para_1")
    assert [d.text_content() for d in p1.iter("del")] == ["стандарт"]
    assert [i.text_content() for i in p1.iter("ins")] == ["стандарттар"]
    assert p1.xpath("string(.//p[@class='text'])") == "Қоса беріліп отырған стандартстандарттар бекітілсін."
    assert [i.text_content() for i in doc.get_element_by_id("para_1-1").iter("ins")] == [NEW_PROVISIONS[3][1]]
    assert [d.text_content() for d in doc.get_element_by_id("para_2").iter("del")] == [OLD_PROVISIONS[3][1]]
    assert [s.get("id") for s in doc.xpath("//section[contains(@class, 'change')]")] == [
        "para_1", "para_2", "para_1-1", "para_3", "para_4",
    ]
    summary = doc.get_element_by_id("summary")
    assert {li.get("class"): li.get("data-count") for li in summary.iter("li")} == {
        "added": "2", "removed": "1", "changed": "2",
    }


def test_render_html_escapes_change_text():
    changes = diff_provisions([("para_1", "a < b")], [("para_1", "a < b & <script>alert(1)</script>")])
    html, doc = page(changes)
    assert_self_contained(doc)
    assert "<script>" not in html
    assert [i.text_content() for i in doc.iter("ins")] == [" & <script>alert(1)</script>"]


def test_render_html_tariffs():
    changes = diff_tariffs(rows(TARIFFS["old"]), rows(TARIFFS["new"]))
    html, doc = page(changes, title="Тарифтер")
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
