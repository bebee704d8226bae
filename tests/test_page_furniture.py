"""A page of another legal database opens with its own furniture above the act's head: the
site's interface, the page's heading (the act's requisites and title run together) and an
information block with the status. The import skips exactly the lines it recognises as
furniture, reports each, reads the status from the block, and refuses a text with a line
above the head it does not recognise (a wrong title is worse than a refusal)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, run_script
from lawdiff import LawdiffError
from lawdiff.ingest.coverage import document_words, words
from lawdiff.ingest.importer import ImportOptions, import_source
from lawdiff.model import xmlio
from real_acts import acts, check, passes, source_text

PRG = "ru_maslikhat_other_database_title_unbalanced_guillemet_prg36637982.txt"
TITLE = ("О внесении изменений в решение маслихата города Шымкент от 14 сентября 2020 года №69/632-6с "
         "«О ставках платы за эмиссии в окружающую среду по городу Шымкент»")


def _act(file: str) -> dict:
    return next(a for a in acts() if a["file"] == file)


def test_furniture_of_a_real_page_is_skipped_and_reported():
    text = source_text(_act(PRG))
    result = import_source(text.encode(), PRG, ImportOptions())
    root = result.root
    assert xmlio.schema_errors(root) == []
    assert root.findtext("meta/title") == TITLE
    assert root.findtext("meta/number") == "20/177-VII" and root.findtext("meta/date") == "2022-08-12"
    assert root.findtext("meta/status") == "Утратил силу"    # from the page's information block
    skipped = [(int(r.get("line")), r.get("before")) for r in root.iterfind("repairs/repair[@kind='page-furniture']")]
    lines = text.split("\n")
    assert [n for n, _ in skipped] == [1, 2, 4, 6, 7, 8, 10]
    assert all(lines[n - 1].strip() == before for n, before in skipped)
    assert skipped[0][1] == "Введите номер документа" and skipped[2][1].endswith("(утратило силу)")
    # nothing else is dropped: every word is element text or in a skipped line
    kept = set(document_words(root)) | {w for _, b in skipped for w in words(b)}
    assert not set(words(text)) - kept
    assert any("skipped 7 lines of the page's furniture" in w for w in result.warnings)


def test_unknown_line_above_the_head_is_refused():
    """Synthetic: the real page with one line no legal database's furniture list names put on
    top. The importer cannot tell it from the act, so it refuses naming it."""
    text = "Реклама на сайте\n" + source_text(_act(PRG))
    with pytest.raises(LawdiffError) as exc:
        import_source(text.encode(), "synthetic_unknown_line_above_head.txt", ImportOptions())
    assert "synthetic_unknown_line_above_head.txt:1: 'Реклама на сайте' stands above" in str(exc.value)
    assert "\n" not in str(exc.value)


@pytest.mark.parametrize("act", [a for a in acts() if "other_database" in a["file"] and a.get("title")],
                         ids=lambda a: a["file"])
def test_other_database_pages_import_right_or_are_refused(act):
    """Every real page of another database either imports as a person reads it or is refused
    with one line: never imported with a wrong title, number, date or status."""
    outcome = check(act)
    assert passes(act, outcome) or (not outcome.imported and "\n" not in outcome.error)


def test_user_imports_the_page_with_the_installed_script(scratch_corpus: Path, tmp_path: Path):
    src = tmp_path / "shymkent.txt"
    src.write_text(source_text(_act(PRG)), encoding="utf-8")
    done = run_script("import", str(src), cwd=scratch_corpus.parent)
    assert done.returncode == 0, done.stderr
    assert "kz/shymkent-maslikhat/decision/2022/20_177-vii" in done.stdout
    assert "skipped 7 lines of the page's furniture" in done.stdout + done.stderr
    doc = scratch_corpus / "kz/shymkent-maslikhat/decision/2022/20_177-vii.xml"
    assert TITLE in doc.read_text(encoding="utf-8")


def test_a_wrapped_title_above_the_requisites_is_the_title():
    """Synthetic (tests/data/ingest/synthetic_kk_web_tariff_table.txt, made up): its title
    wrapped by the page, the second line starting with a small letter, is one title, not a line
    above the head."""
    lines = (DATA / "ingest" / "synthetic_kk_web_tariff_table.txt").read_text(encoding="utf-8").split("\n")
    title = lines[0]
    cut = title.index(" арналған")
    wrapped = "\n".join([title[:cut], title[cut + 1:], *lines[1:]])
    root = import_source(wrapped.encode(), "synthetic_wrapped_title.txt", ImportOptions()).root
    assert root.findtext("meta/title") == title
    assert root.findtext("meta/number") == "9997"
