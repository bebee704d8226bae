"""The nothing-lost invariant: every word of the source ends up as element text, checked on
every import. Refusals are tested by damaging a document the importer built (a clause dropped,
a body moved into an attribute); the property runs over generated acts (synthetic text made of
generated words, in the PDF-export and the web-page layouts, with chapters and an appendix)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA
from lawdiff import LawdiffError
from lawdiff.ingest import layout
from lawdiff.ingest.coverage import check_nothing_lost, document_words, words
from lawdiff.ingest.importer import ImportOptions, import_source
from lawdiff.ingest.repair import normalise_chars
from lawdiff.model import xmlio

RULES = DATA / "ingest" / "synthetic_kk_rules_with_chapters.txt"


def _built(path):
    data = path.read_bytes()
    lines = [(n, normalise_chars(t)) for n, t in enumerate(data.decode().splitlines(), 1)]
    doc = layout.split_document(lines, layout.detect_layout(lines))
    return import_source(data, path.name, ImportOptions()).root, doc


def test_a_dropped_clause_is_refused_naming_its_line():
    root, doc = _built(RULES)
    clause = root.find("appendix/chapter/clause[@num='4']")
    clause.getparent().remove(clause)
    with pytest.raises(LawdiffError) as exc:
        check_nothing_lost(doc, doc.head, root, RULES.name)
    line = next(n for n, t in enumerate(RULES.read_text(encoding="utf-8").splitlines(), 1) if "4. Әлеуметтік" in t)
    assert str(exc.value).startswith(f"{RULES.name}:{line}: the import would lose")
    assert "\n" not in str(exc.value)


def test_a_body_swallowed_into_an_attribute_is_refused():
    root, doc = _built(RULES)
    body = root.find("body")
    text = " ".join(p.text for p in body.iter("p"))
    for el in list(body):
        if el.tag not in ("title", "signature"):
            body.remove(el)
    root.find("lifecycle/event").set("source", text)
    with pytest.raises(LawdiffError, match="would lose"):
        check_nothing_lost(doc, doc.head, root, RULES.name)


_LETTERS = "абвгдежзиклмнопрстуфхшыәғқңөұүі"
_RESERVED = {"тарау", "бөлім", "параграф", "бап", "қосымша", "бекітілген", "глава", "раздел", "статья"}
word = st.text(_LETTERS, min_size=3, max_size=9).filter(lambda w: w not in _RESERVED)
sentence = st.lists(word, min_size=2, max_size=12).map(lambda ws: " ".join(ws).capitalize())


@st.composite
def acts(draw):
    """A generated act: (text, its words, layout): a title, the requisites, a preamble, clauses
    with subclauses, a signature, and Rules approved by it with chapters."""
    web = draw(st.booleans())
    ind = "" if web else "      "
    gap = "" if web else "\n"
    title = draw(sentence) + " туралы"
    lines = [title, gap, "Батыс Қазақстан облысы Теректі аудандық мәслихатының 2024 жылғы 12 наурыздағы № 14-3 шешімі",
             gap, f"{ind}{draw(sentence)} ШЕШІМ ҚАБЫЛДАДЫ:"]
    n_clauses = draw(st.integers(1, 4))
    for n in range(1, n_clauses + 1):
        subs = draw(st.integers(0, 3))
        lines.append(f"{ind}{n}. {draw(sentence)}{':' if subs else '.'}")
        for k in range(1, subs + 1):
            lines.append(f"{ind}{k}) {draw(sentence)}{';' if k < subs else '.'}")
    lines += [f"{ind}Мәслихат төрағасы{' |' if web else ''} А. Сейілов{' |' if web else ''}", gap,
              "Теректі аудандық мәслихатының 2024 жылғы 12 наурыздағы № 14-3 шешімімен бекітілген", gap,
              draw(sentence) + " қағидалары", gap]
    clause = 0
    for chapter in range(1, draw(st.integers(1, 3)) + 1):
        lines += [f"{chapter}-тарау. {draw(sentence)}", gap]
        for _ in range(draw(st.integers(1, 3))):
            clause += 1
            lines.append(f"{ind}{clause}. {draw(sentence)}.")
    text = "\n".join(line for line in lines if line or not web) + "\n"
    return text, "web" if web else "pdf"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(acts())
def test_generated_acts_import_with_every_word_kept(act):
    text, lay = act
    result = import_source(text.encode(), "generated.txt", ImportOptions())
    root = result.root
    assert xmlio.schema_errors(root) == []
    assert root.find("meta/source").get("layout") == lay
    assert not set(words(text)) - set(document_words(root))
    assert root.find("unstructured") is None and len(root.findall("appendix")) == 1
    assert root.find("appendix/chapter") is not None
