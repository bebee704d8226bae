"""Review: redlines between dates and between works, history, blame, textconv, init and
--as-known-on, on the real corpus and on small git repositories built here."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from conftest import CORPUS, DATA, as_json, lawdiff
from lawdiff import api, review
from lawdiff.render.textconv import textconv
from lawdiff.cli.main import run
from lawdiff.corpus import Corpus
from lawdiff.diff import align_tariffs, apply_new, apply_old, tokenise

REVIEW = DATA / "review"
W330 = "kz/government/decree/2009/330"
W379 = "kz/mlsp/order/2018/379"
A308 = "kz/mlsp/order/2022/308"
A850 = "kz/government/decree/2022/850"
W1971 = "kz/oral-akimat/resolution/2025/1971"
W2999 = "kz/oral-akimat/resolution/2025/2999"
W668 = "kz/baiterek-akimat/resolution/2025/668"



def fails(capsys, *args: str, corpus: Path = CORPUS) -> str:
    code, out, err = lawdiff(capsys, *args, corpus=corpus)
    assert code == 1, (out, err)
    lines = err.splitlines()
    # one error line (after the note saying which commit --as-known-on read, if any)
    assert lines[-1].startswith("lawdiff: error: ") and all(line.startswith("lawdiff: as known on")
                                                             for line in lines[:-1]), err
    return lines[-1]


def cuts(text: str) -> set[int]:
    out, pos = {0}, 0
    for tok in tokenise(text):
        pos += len(tok)
        out.add(pos)
    return out


def assert_redline(change: dict) -> None:
    """The word operations rebuild both texts and cut only between words."""
    from lawdiff.diff import WordOp

    ops = [WordOp(o["op"], o["text"]) for o in change["ops"]]
    old, new = change["old"] or "", change["new"] or ""
    assert apply_old(ops) == old and apply_new(ops) == new
    pos_old = pos_new = 0
    for op in ops:
        if op.kind != "insert":
            pos_old += len(op.text)
            assert pos_old in cuts(old), (change["provision"], op)
        if op.kind != "delete":
            pos_new += len(op.text)
            assert pos_new in cuts(new), (change["provision"], op)


def git(root: Path, *args: str, when: str | None = None) -> str:
    env = dict(os.environ)
    if when:
        env.update(GIT_COMMITTER_DATE=when, GIT_AUTHOR_DATE=when)
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          check=True, capture_output=True, text=True, env=env).stdout


# =========================================================================== two works


def test_oral_2999_against_baiterek_668_row_by_row(capsys):
    data = as_json(capsys, "diff", "2999", "668")
    assert data["mode"] == "works"
    assert data["old"]["work"] == W2999 and data["new"]["work"] == W668
    assert data["old"]["units"] == ["per-service"] and data["new"]["units"] == ["per-recipient-per-day"]
    assert any("compared row by row" in n for n in data["notes"])
    assert any("different units" in n for n in data["notes"])
    rows = [c for c in data["changes"] if "row" in c]
    assert len(rows) == 76
    assert [(c["row"]["old"], c["row"]["new"]) for c in rows] == [(n, n) for n in range(1, 77)]
    assert {c["kind"] for c in rows} == {"changed"}
    by_row = {c["row"]["new"]: c for c in rows}
    assert by_row[2]["provision"] == "row_2"
    # per service against per recipient per day: both prices, no difference, no percentage
    units = {"old": "per-service", "new": "per-recipient-per-day"}
    assert by_row[2]["price"] == {"old": "1896.60", "new": "1485", "delta": None, "percent": None,
                                  "unit": units, "comparable": False}
    assert by_row[1]["price"] == {"old": "948.30", "new": "742.5", "delta": None, "percent": None,
                                  "unit": units, "comparable": False}
    assert by_row[2]["old"].startswith("Марқұмның туыстары") and "жерлеу рәсімдерін" in by_row[2]["new"]
    assert by_row[2]["old_version"]["work"] == W2999 and by_row[2]["new_version"]["work"] == W668
    assert by_row[2]["alternatives"] == []
    for c in data["changes"]:
        assert_redline(c)
    assert data["summary"] == {"added": 0, "removed": 1, "changed": 81, "not-in-corpus": 0, "uncertain": 0,
                               "rose": 0, "fell": 0}
    text = {c["provision"]: c for c in data["changes"] if "row" not in c}
    title_ops = [(o["op"], o["text"]) for o in text["title"]["ops"] if o["op"] != "equal"]
    assert ("delete", "Орал қаласы") in title_ops and ("insert", "Бәйтерек ауданы") in title_ops
    # Baiterek's resolution has no entry-into-force clause: Oral's clause 4 has no counterpart
    assert text["para_4__indent_1"]["kind"] == "removed" and text["para_4__indent_1"]["new"] is None


def test_two_oral_resolutions_rows_as_the_engine_pairs_them(capsys):
    data = as_json(capsys, "diff", W1971, W2999)
    assert any("per recipient per day in " + W1971 in n for n in data["notes"])
    assert not any("row by row" in n for n in data["notes"])
    rows = [c for c in data["changes"] if "row" in c]
    corpus = Corpus(CORPUS)

    def table(work):
        return [review.RowValue(r["row"], r["service"], r["position"], Decimal(r["price"]), r["category"], r["unit"])
                for r in api.tariff_rows(corpus, work)]

    old, new = table(W1971), table(W2999)
    pairs = {(old[i].num, new[j].num) for i, j in align_tariffs(old, new).items()}
    paired = [(c["row"]["old"], c["row"]["new"]) for c in rows if c["kind"] == "changed"]
    # every changed row is a pair the aligner made, and every pair that differs is listed
    assert set(paired) <= pairs and len(paired) == len(set(paired))
    differing = {(o.num, n.num) for o in old for n in new if (o.num, n.num) in pairs
                 and (o.price != n.price or (o.service, o.position) != (n.service, n.position))}
    assert set(paired) == differing
    unpaired_old = {o.num for o in old} - {p[0] for p in pairs}
    assert {c["row"]["old"] for c in rows if c["kind"] == "removed"} == unpaired_old
    assert len([c for c in rows if c["kind"] == "removed"]) + len([c for c in rows if c["kind"] == "changed"]) >= 120
    added = [c for c in rows if c["kind"] == "added"]
    assert added and all(c["price"]["old"] is None for c in added)
    # per recipient per day against per service: no difference or percentage anywhere
    assert all(c["price"]["delta"] is None and c["price"]["percent"] is None for c in rows)
    assert data["summary"]["rose"] == data["summary"]["fell"] == 0
    title = next(c for c in data["changes"] if c["provision"] == "title")
    assert title["kind"] == "changed"
    assert_redline(title)


def test_works_human_output(capsys):
    code, out, _ = lawdiff(capsys, "diff", "2999", "668", "--lang", "en")
    assert code == 0
    assert "price: 1896.60 (per service) | 1485 (per recipient per day): different units, not compared" in out
    assert "2026 жылға [-Орал қаласы-]{+Бәйтерек ауданы+} бойынша" in out
    assert "note: prices are in different units: per service" in out
    assert "81 changed, 0 added, 1 removed\n" in out and "fell" not in out
    code, out, _ = lawdiff(capsys, "diff", "2999", "668")       # default: the act's language
    assert code == 0
    assert "баға: 1896.60 (бір қызмет үшін) | 1485 (бір қызмет алушыға бір күнге): өлшем бірліктері әртүрлі" in out
    assert "өзгертілді: 81, қосылды: 0, алып тасталды: 1\n" in out and "changed" not in out


# =========================================================================== two dates


def test_text_on_a_date_is_what_show_answers():
    corpus = Corpus(CORPUS)
    for work, when in ((W330, "2022-01-01"), (W330, "2023-01-01"), (W379, "2023-01-01"), (W2999, "2026-03-01")):
        d = dt.date.fromisoformat(when)
        shown = api.show(corpus, work, d)["provisions"]
        read = review.WorkReader(corpus, work).at(d)
        assert [(p["eId"], p["status"], p["by"]) for p in shown] == [(r.eid, r.status, r.by) for r in read]
        for p, r in zip(shown, read):
            if r.row is None:
                assert p["text"] == r.text
            else:
                assert p["text"] == f"{r.text}: {r.el.get('price')}"


def test_330_preamble_change_by_850_is_uncertain_with_both_readings(capsys):
    data = as_json(capsys, "diff", "330", "--from", "2022-01-01", "--to", "2023-01-01", "--provision", "preamble",
                   "--ignore-quotes")
    assert data["mode"] == "dates" and data["ignore_quotes"] is True
    (entry,) = data["changes"]
    assert entry["provision"] == "preamble__indent_1" and entry["kind"] == "uncertain"
    assert "2022-11-06" in entry["reason"] and A850 in entry["reason"]
    assert entry["old"] is None and entry["new"] is None and entry["ops"] == []
    unchanged, changed = entry["alternatives"]
    assert unchanged["kind"] == "unchanged" and unchanged["new_version"]["by"] is None
    assert changed["kind"] == "changed" and changed["new_version"]["by"] == A850
    assert changed["old_version"]["by"] is None and changed["old_version"]["status"] == "in-force-unconfirmed"
    assert changed["new_version"]["status"] == "uncertain"
    assert [(o["op"], o["text"]) for o in changed["ops"] if o["op"] != "equal"] == [
        ("delete", "2008 жылғы 29 желтоқсандағы ")]
    assert A850 in changed["condition"] and "2023-01-01" in changed["condition"]
    assert_redline(changed)
    # without --ignore-quotes the change of quotation marks is part of the redline
    data = as_json(capsys, "diff", "330", "--from", "2022-01-01", "--to", "2023-01-01", "--provision", "preamble")
    ops = [(o["op"], o["text"]) for o in data["changes"][0]["alternatives"][1]["ops"] if o["op"] != "equal"]
    assert ("delete", "«") in ops and ("insert", '"') in ops


def test_330_with_the_date_of_850_recorded(capsys, scratch_corpus):
    code, _, err = lawdiff(capsys, "event", "add", "330", "amended", "2022-11-08", "--by", A850,
                           "--source", "test fact", corpus=scratch_corpus)
    assert code == 0, err
    data = as_json(capsys, "diff", "330", "--from", "2022-01-01", "--to", "2023-01-01", corpus=scratch_corpus)
    by_id = {c["provision"]: c for c in data["changes"]}
    pre = by_id["preamble__indent_1"]
    assert pre["kind"] == "changed" and pre["alternatives"] == []
    assert pre["old_version"]["by"] is None and pre["new_version"]["by"] == A850
    assert pre["new_version"]["from"]["date"] == "2022-11-08"
    assert_redline(pre)
    # the list of the appendix before 850 is not in the corpus: not "added"
    rules = [c for c in data["changes"] if c["provision"].startswith("att_1")]
    assert rules and {c["kind"] for c in rules} == {"not-in-corpus"}
    assert all(c["old"] is None and c["new"] and c["ops"] == [] for c in rules)
    assert all(c["old_version"]["status"] == "not-in-corpus" for c in rules)
    assert "att_1" not in by_id   # the absent appendix stands for its insides
    assert data["summary"]["not-in-corpus"] == len(rules) and data["summary"]["added"] == 0


def test_2999_before_and_after_its_period(capsys):
    data = as_json(capsys, "diff", "2999", "--from", "2025-12-01", "--to", "2026-03-01")
    assert data["old"]["status"] == "not-yet-in-force" and data["new"]["status"] == "in-force-unconfirmed"
    assert {c["kind"] for c in data["changes"]} == {"added"}
    row2 = next(c for c in data["changes"] if c["provision"] == "att_1__row_2")
    assert row2["price"]["new"] == "1896.60" and row2["price"]["old"] is None
    assert row2["label"].startswith("row 2: ")
    data = as_json(capsys, "diff", "2999", "--from", "2026-03-01", "--to", "2027-01-01")
    assert data["new"]["status"] == "expired"
    assert data["ended"]["provisions"] == 76 + 6 and data["changes"] == []    # said once, not listed
    data = as_json(capsys, "diff", "2999", "--from", "2026-03-01", "--to", "2027-01-01", "--full")
    assert {c["kind"] for c in data["changes"]} == {"removed"}
    assert data["summary"]["removed"] == 76 + 6
    data = as_json(capsys, "diff", "2999", "--from", "2026-02-01", "--to", "2026-03-01")
    assert data["changes"] == [] and data["summary"]["changed"] == 0


# =========================================================================== order 379 and order 308


def _has_308_versions(path: Path) -> bool:
    return any(el.get("by") == A308 for el in etree.parse(str(path)).iter())


def test_379_before_and_after_308_publication_unknown(capsys):
    # `lawdiff build` applies order 308 to order 379: the shipped corpus holds its wordings
    assert _has_308_versions(CORPUS / f"{W379}.xml")
    data = as_json(capsys, "diff", "379", "--from", "2022-06-01", "--to", "2022-12-01")
    rules = [c for c in data["changes"] if c["provision"].startswith("att_1")]
    assert rules
    # 308's publication date is not recorded: every wording it gave may or may not apply yet
    assert {c["kind"] for c in rules} == {"uncertain"}
    for c in rules:
        assert "2022-08-23" in c["reason"] and A308 in c["reason"]
        kinds = {a["kind"] for a in c["alternatives"]}
        assert "removed" not in kinds and "changed" not in kinds
        by308 = [a for a in c["alternatives"] if a["new_version"] and a["new_version"]["by"] == A308]
        assert len(by308) == 1 and by308[0]["new"] and by308[0]["old"] is None
        assert by308[0]["kind"] in ("not-in-corpus", "added")
    sub1 = next(c for c in rules if any("психоневрологиялық патологиясы бар мүгедектігі бар балаларға" in (a["new"] or "")
                                          for a in c["alternatives"]))
    assert {a["kind"] for a in sub1["alternatives"]} == {"unchanged", "not-in-corpus"}


def test_379_before_and_after_308_published(capsys, scratch_corpus):
    """With 308's publication recorded, its wordings apply from 26.08.2022: determinate."""
    corpus = Corpus(scratch_corpus)
    act, _ = api.add_event(corpus, A308, "published", dt.date(2022, 8, 15), "test fact")
    with corpus.lock():
        corpus.write(act)
    data = as_json(capsys, "diff", "379", "--from", "2022-06-01", "--to", "2022-12-01", corpus=scratch_corpus)
    rules = [c for c in data["changes"] if c["provision"].startswith("att_1")]
    assert rules and {c["kind"] for c in rules} <= {"not-in-corpus", "added"}
    for c in rules:
        assert c["new_version"]["by"] == A308 and c["new_version"]["status"] in ("in-force", "in-force-unconfirmed")
        assert c["old"] is None and c["new"] and c["ops"] == ([] if c["kind"] == "not-in-corpus"
                                                              else [{"op": "insert", "text": c["new"]}])
        if c["kind"] == "not-in-corpus":
            assert c["old_version"]["status"] == "not-in-corpus"
        else:
            assert c["old_version"] is None   # a provision 308 inserted: there was none before
    sub1 = next(c for c in rules if "психоневрологиялық патологиясы бар мүгедектігі бар балаларға" in c["new"])
    assert sub1["kind"] == "not-in-corpus"
    assert not [c for c in data["changes"] if c["kind"] in ("removed", "changed")]
    # the wordings of 308 and nothing else changed in the Rules
    after = {p["eId"] for p in api.show(corpus, W379, dt.date(2022, 12, 1))["provisions"]
             if p["by"] == A308 and p["text"]}
    assert {c["provision"] for c in rules} == after
    # log: the earlier wording is not in the corpus, then 308's
    hist = as_json(capsys, "log", "379", "--provision", sub1["provision"], corpus=scratch_corpus)
    (prov,) = hist["provisions"]
    first, second = prov["versions"]
    assert first["absent"] and first["text"] is None and first["ended_by"] == A308
    assert second["by"] == A308 and second["from"]["date"] == "2022-08-26"
    assert second["redline"]["kind"] == "not-in-corpus"


# =========================================================================== log and blame


def test_log_330_preamble(capsys):
    data = as_json(capsys, "log", "330", "--provision", "preamble")
    (prov,) = data["provisions"]
    assert prov["provision"] == "preamble__indent_1" and prov["label"] == "кіріспе 1-абзац"
    v1, v2 = prov["versions"]
    assert v1["act"] == W330 and v1["by"] is None and v1["ended_by"] == A850 and v1["redline"] is None
    assert v1["until"]["determined"] is False and v1["until"]["earliest"] == "2022-11-06"
    assert v2["act"] == A850 and v2["from"]["earliest"] == "2022-11-06" and v2["until"]["date"] == "2023-07-01"
    assert v2["redline"]["kind"] == "changed"
    assert ("delete", "2008 жылғы 29 желтоқсандағы ") in [(o["op"], o["text"]) for o in v2["redline"]["ops"]]
    assert_redline(v2["redline"])


def test_log_379_preamble_earlier_wording_not_in_corpus(capsys):
    data = as_json(capsys, "log", "379", "--provision", "preamble")
    (prov,) = data["provisions"]
    v1, v2 = prov["versions"]
    assert v1["absent"] and v1["text"] is None
    assert v2["by"] == "kz/mlsp/order/2021/488" and v2["text"].startswith('"Арнаулы')
    assert v2["redline"]["kind"] == "not-in-corpus" and v2["redline"]["ops"] == []


def test_log_lists_only_provisions_with_a_history(capsys):
    assert as_json(capsys, "log", "2999")["provisions"] == []
    every = as_json(capsys, "log", "2999", "--all")["provisions"]
    assert len(every) == 6 + 76
    row2 = next(p for p in every if p["provision"] == "att_1__row_2")
    assert row2["versions"][0]["price"] == "1896.60" and row2["label"].startswith("row 2: ")
    hist = as_json(capsys, "log", "330")["provisions"]
    assert hist[0]["provision"] == "preamble__indent_1"
    assert all(len(p["versions"]) == 2 for p in hist)
    assert fails(capsys, "log", "330", "--provision", "para_9")


def test_log_human(capsys):
    code, out, _ = lawdiff(capsys, "log", "330", "--provision", "preamble")
    assert code == 0
    assert "by kz/government/decree/2022/850" in out
    assert "until undetermined, not before 2022-11-06 (replaced: kz/government/decree/2022/850)" in out
    assert "[-2008 жылғы 29 желтоқсандағы -]" in out


def test_blame_330_lists_both_competing_wordings(capsys):
    data = as_json(capsys, "blame", "330", "--at", "2023-01-01")
    assert data["at"] == "2023-01-01"
    pre = [p for p in data["provisions"] if p["provision"] == "preamble__indent_1"]
    assert [(p["act"], p["status"]) for p in pre] == [(W330, "uncertain"), (A850, "uncertain")]
    assert pre[1]["since"]["earliest"] == "2022-11-06" and not pre[1]["since"]["determined"]
    para1 = next(p for p in data["provisions"] if p["provision"] == "para_1__indent_1")
    assert para1["act"] == W330 and para1["by"] is None and para1["since"]["earliest"] == "2009-03-14"
    att = next(p for p in data["provisions"] if p["provision"] == "att_1")
    assert att["status"] == "not-in-corpus" and att["text"] is None
    before = as_json(capsys, "blame", "330", "--at", "2022-01-01")
    assert [p["act"] for p in before["provisions"] if p["provision"] == "preamble__indent_1"] == [W330]


def test_blame_one_row(capsys):
    data = as_json(capsys, "blame", "2999", "--at", "2026-03-01", "--provision", "att_1__row_2")
    (row,) = data["provisions"]
    assert row["price"] == "1896.60" and row["act"] == W2999
    assert row["since"]["earliest"] == "2026-01-01" and row["until"]["date"] == "2027-01-01"
    code, out, _ = lawdiff(capsys, "blame", "330", "--at", "2023-01-01")
    assert code == 0 and "uncertain" in out and A850 in out


# =========================================================================== HTML


def assert_self_contained(doc) -> None:
    assert not doc.xpath("//script | //link | //iframe | //img | //object | //embed")
    assert not doc.xpath("//@src")
    assert all(h.startswith("#") for h in doc.xpath("//@href"))


def test_html_two_works(capsys, tmp_path):
    page = tmp_path / "oral-baiterek.html"
    code, out, err = lawdiff(capsys, "diff", "2999", "668", "--html", str(page))
    assert code == 0, err
    assert out.startswith(f"wrote {page}: өзгертілді: 81")
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    doc = lxml.html.document_fromstring(html.encode("utf-8"))
    assert_self_contained(doc)
    assert doc.findtext(".//title") == f"{W2999} → {W668}"
    row2 = doc.get_element_by_id("row_2")
    assert row2.xpath("string(.//p[@class='meta'])") == "row_2"
    dels = [d.text_content() for d in row2.iter("del")]
    ins = [i.text_content() for i in row2.iter("ins")]
    assert dels and ins and "Марқұмның туыстары" in "".join(dels)
    cells = [td.text_content() for td in row2.xpath(".//table//td")]
    assert cells == ["1896.60 бір қызмет үшін", "1485 бір қызмет алушыға бір күнге",
                     "Өлшем бірліктері әртүрлі: салыстырылмайды"]
    title = doc.get_element_by_id("title")
    assert "Орал қаласы" in [d.text_content() for d in title.iter("del")]
    assert "Бәйтерек ауданы" in [i.text_content() for i in title.iter("ins")]
    summary = {li.get("class"): li.get("data-count") for li in doc.get_element_by_id("summary").iter("li")}
    assert summary == {"added": "0", "removed": "1", "changed": "81", "uncertain": "0", "not-in-corpus": "0"}
    notes = doc.get_element_by_id("review-notes").text_content()
    assert "әртүрлі өлшем бірліктерінде" in notes and "жол-жолымен" in notes
    table = doc.xpath("//section[@id='prices']//tbody/tr")
    assert len(table) == 76
    # --json still prints the change data when a page is written
    data = as_json(capsys, "diff", "2999", "668", "--html", str(tmp_path / "again.html"))
    assert data["summary"]["changed"] == 81 and (tmp_path / "again.html").read_text(encoding="utf-8") == html


def test_html_uncertain_and_not_in_corpus(capsys, tmp_path):
    page = tmp_path / "330.html"
    code, _, err = lawdiff(capsys, "diff", "330", "--from", "2022-01-01", "--to", "2023-01-01", "--ignore-quotes",
                           "--html", str(page), "--lang", "en")
    assert code == 0, err
    doc = lxml.html.document_fromstring(page.read_bytes())
    assert_self_contained(doc)
    pre = doc.get_element_by_id("preamble__indent_1")
    assert "uncertain" in pre.get("class").split()
    assert pre.findtext(".//span[@class='kind']") == "uncertain"
    assert doc.get("lang") == "en" and pre.xpath("string(.//p[@class='text']/@lang)") == "kk"
    assert [d.text_content() for d in pre.iter("del")] == ["2008 жылғы 29 желтоқсандағы "]
    assert not list(pre.iter("ins"))
    status = " ".join(p.text_content() for p in pre.xpath(".//p[@class='status']"))
    assert "Uncertain" in status and "unchanged" in status and A850 in status
    att = doc.get_element_by_id("att_1__para_1__indent_1")
    assert {"not-in-corpus", "uncertain"} <= set(att.get("class").split())
    assert att.xpath("string(.//p[@class='missing'])").startswith("The wording on 2022-01-01 is not in the corpus")
    assert not list(att.iter("ins")) and not list(att.iter("del"))
    summary = {li.get("class"): li.get("data-count") for li in doc.get_element_by_id("summary").iter("li")}
    assert summary["uncertain"] == "112" and summary["changed"] == "0"


# =========================================================================== textconv (init: test_repo_init.py)


def test_textconv_exact(capsysbinary):
    code = run(["textconv", str(REVIEW / "small.xml")])
    out = capsysbinary.readouterr().out
    assert code == 0
    assert out == (REVIEW / "small.txt").read_bytes()
    assert textconv((REVIEW / "small.xml").read_bytes()) == (REVIEW / "small.txt").read_text(encoding="utf-8")


def test_textconv_real_work_one_line_per_provision():
    text = textconv((CORPUS / f"{W330}.xml").read_bytes())
    lines = text.splitlines()
    assert f"work: {W330} (kk)" == lines[0]
    assert f"preamble__indent_1 [ended by {A850}]: «Арнаулы" in text
    assert f"preamble__indent_1 [by {A850}]: \"Арнаулы" in text
    assert f"att_1 [ended by {A850}, not in the corpus]" in lines
    assert lines.index("lifecycle:") < lines.index("text:")
    rows = [line for line in textconv((CORPUS / f"{W2999}.xml").read_bytes()).splitlines()
            if line.startswith("row ")]
    assert len(rows) == 76 and rows[1].startswith("row 2 | Марқұмның") and rows[1].endswith(
        " | Күтім жөніндегі әлеуметтік қызметкер | 1896.60")


def test_textconv_other_files_pass_through(tmp_path, capsysbinary):
    other = tmp_path / "other.xml"
    other.write_bytes("<config><a>1</a></config>\n".encode())
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<act><unclosed>\n")
    for path in (other, broken):
        assert run(["textconv", str(path)]) == 0
        assert capsysbinary.readouterr().out == path.read_bytes()
    assert run(["textconv", str(tmp_path / "missing.xml")]) == 1


# =========================================================================== as known on


@pytest.fixture
def history_repo(tmp_path):
    """A corpus repository with three commits on controlled dates:
    10.01.2024 the Oral and Baiterek resolutions; 10.02.2024 the publication of 2999 is
    recorded; 10.03.2024 a price of 2999 is corrected. Returns (corpus dir, [shas])."""
    root = tmp_path / "repo" / "corpus"
    for work in (W2999, W668):
        dest = root / f"{work}.xml"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / f"{work}.xml", dest)
    top = root.parent
    git(top, "init", "-q")
    git(top, "add", "-A")
    git(top, "commit", "-qm", "import", when="2024-01-10T12:00:00+00:00")
    corpus = Corpus(root)
    act, _ = api.add_event(corpus, W2999, "published", dt.date(2025, 12, 20), "test fact")
    with corpus.lock():
        corpus.write(act)
    git(top, "commit", "-qam", "published", when="2024-02-10T12:00:00+00:00")
    act = corpus.load(W2999)
    row = next(r for r in act.root.iter("row") if r.get("num") == "2")
    row.set("price", "2000.00")
    with corpus.lock():
        corpus.write(act)
    git(top, "commit", "-qam", "price", when="2024-03-10T12:00:00+00:00")
    shas = git(top, "rev-list", "--reverse", "HEAD").split()
    return root, shas


def test_as_known_on_show_tariff_at_timeline(capsys, history_repo):
    root, shas = history_repo
    ask = lambda *args: as_json(capsys, *args, corpus=root)  # noqa: E731
    assert ask("show", "2999", "--at", "2026-03-01", "--as-known-on", "2024-01-31")["status"] == "in-force-unconfirmed"
    assert ask("show", "2999", "--at", "2026-03-01", "--as-known-on", "2024-02-15")["status"] == "in-force"
    assert ask("show", "2999", "--at", "2026-03-01")["status"] == "in-force"
    price = lambda when: [r["price"] for r in ask("tariff", "--work", "2999", "--service", "жерлеу",  # noqa: E731
                                                   "--as-known-on", when)]
    assert price("2024-02-15") == ["1896.60"]
    assert price("2024-03-10") == ["2000.00"]    # committed at noon: the end of the day counts
    assert price("2024-03-09") == ["1896.60"]
    works = {w["work"]: w["status"] for w in ask("at", "2026-03-01", "--as-known-on", "2024-01-31")}
    assert works == {W2999: "in-force-unconfirmed", W668: "in-force-unconfirmed"}
    kinds = lambda when: [e["kind"] for e in ask("timeline", "2999", "--as-known-on", when)["events"]]  # noqa: E731
    assert "published" not in kinds("2024-01-31") and "published" in kinds("2024-02-10")
    rows = ask("tariff", "--at", "2026-03-01", "--place", "Oral", "--as-known-on", "2024-01-31")
    assert {r["status"] for r in rows} == {"in-force-unconfirmed"} and len(rows) == 76
    code, _, err = lawdiff(capsys, "show", "2999", "--as-known-on", "2024-02-15", "--json", corpus=root)
    assert code == 0 and f"commit {shas[1][:12]}" in err


def test_as_known_on_review_commands(capsys, history_repo):
    root, shas = history_repo
    data = as_json(capsys, "diff", "2999", "668", "--as-known-on", "2024-02-15", corpus=root)
    assert data["known_as_of"]["commit"] == shas[1] and data["known_as_of"]["date"] == "2024-02-15"
    assert data["known_as_of"]["committed"].startswith("2024-02-10T12:00:00")
    row2 = next(c for c in data["changes"] if c["provision"] == "row_2")
    assert row2["price"]["old"] == "1896.60"
    row2 = next(c for c in as_json(capsys, "diff", "2999", "668", corpus=root)["changes"] if c["provision"] == "row_2")
    assert row2["price"] == {"old": "2000.00", "new": "1485", "delta": None, "percent": None,
                             "unit": {"old": "per-service", "new": "per-recipient-per-day"}, "comparable": False}
    assert as_json(capsys, "diff", "2999", "668", corpus=root)["known_as_of"] is None
    blame = as_json(capsys, "blame", "2999", "--at", "2026-03-01", "--provision", "att_1__row_2",
                    "--as-known-on", "2024-01-31", corpus=root)
    assert blame["status"] == "in-force-unconfirmed" and blame["provisions"][0]["price"] == "1896.60"
    assert blame["known_as_of"]["commit"] == shas[0]
    log = as_json(capsys, "log", "2999", "--provision", "att_1__row_2", "--as-known-on", "2024-03-10", corpus=root)
    assert log["provisions"][0]["versions"][0]["price"] == "2000.00"
    dated = as_json(capsys, "diff", "2999", "--from", "2025-12-01", "--to", "2026-03-01", "--as-known-on",
                    "2024-01-31", corpus=root)
    assert dated["new"]["status"] == "in-force-unconfirmed" and dated["known_as_of"]["commit"] == shas[0]


def test_as_known_on_reads_commits_not_the_working_tree(capsys, history_repo):
    root, shas = history_repo
    path = root / f"{W2999}.xml"
    edited = path.read_text(encoding="utf-8").replace('price="2000.00"', 'price="3000.00"')
    path.write_text(edited, encoding="utf-8")
    status = git(root.parent, "status", "--porcelain")
    rows = as_json(capsys, "tariff", "--work", "2999", "--service", "жерлеу", "--as-known-on", "2030-01-01", corpus=root)
    assert [r["price"] for r in rows] == ["2000.00"]
    rows = as_json(capsys, "tariff", "--work", "2999", "--service", "жерлеу", corpus=root)
    assert [r["price"] for r in rows] == ["3000.00"]
    # nothing was checked out or written
    assert path.read_text(encoding="utf-8") == edited
    assert git(root.parent, "status", "--porcelain") == status
    assert git(root.parent, "rev-parse", "HEAD").strip() == shas[-1]


def test_as_known_on_before_the_first_commit_or_without_git(capsys, history_repo, tmp_path):
    root, _ = history_repo
    err = fails(capsys, "show", "2999", "--as-known-on", "2024-01-09", corpus=root)
    assert "no commit" in err and "2024-01-09" in err
    plain = tmp_path / "plain"
    shutil.copytree(root, plain)
    err = fails(capsys, "at", "2026-03-01", "--as-known-on", "2024-02-01", corpus=plain)
    assert "not in a git repository" in err
    err = fails(capsys, "show", "330", "--as-known-on", "2024-02-15", corpus=root)
    assert "no work" in err or "not in the corpus" in err
    err = fails(capsys, "show", W330, "--as-known-on", "2024-02-15", corpus=root)
    assert "not in the corpus as known on 2024-02-15" in err


# =========================================================================== errors


def test_diff_bad_input(capsys):
    assert "--from" in fails(capsys, "diff", "2999")
    assert "before --from" in fails(capsys, "diff", "2999", "--from", "2026-03-01", "--to", "2026-01-01")
    assert "two works" in fails(capsys, "diff", "2999", "668", "--from", "2026-03-01")
    assert "one work" in fails(capsys, "diff", "2999", "668", "1971")
    assert "--at compares two works" in fails(capsys, "diff", "2999", "--from", "2026-01-01", "--at", "2026-03-01")
    assert "no provision para_99" in fails(capsys, "diff", "2999", "--from", "2026-01-01", "--provision", "para_99")
    assert "no work" in fails(capsys, "diff", "2999", "12345")
    assert "no provision" in fails(capsys, "blame", "2999", "--provision", "para_99")
