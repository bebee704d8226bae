"""`lawdiff validate`: every corpus file is valid; broken files are reported with file and line."""

from __future__ import annotations

from pathlib import Path


from conftest import CORPUS
from lawdiff.cli.main import run
from lawdiff.validate import validate_file

WORK = "kz/government/decree/2009/330"


def test_every_corpus_file_validates():
    files = sorted((CORPUS / "kz").rglob("*.xml"))
    assert len(files) >= 6
    for f in files:
        assert validate_file(f, CORPUS) == [], f


def _corrupt(scratch: Path, old: str, new: str, count: int = 1) -> Path:
    path = scratch / f"{WORK}.xml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_truncated_file(scratch_corpus):
    path = scratch_corpus / f"{WORK}.xml"
    path.write_bytes(path.read_bytes()[:5000])
    (problem,) = validate_file(path)
    assert str(path) in problem and "not well-formed" in problem


def test_schema_violation_has_line(scratch_corpus):
    path = _corrupt(scratch_corpus, "<type>decree</type>", "<type>edict</type>")
    problems = validate_file(path)
    assert problems and problems[0].startswith(f"{path}:4:")


def test_overlapping_versions_of_one_eid(scratch_corpus):
    # Drop the end of the first preamble version: two versions now both run on.
    path = _corrupt(scratch_corpus, ' ended-by="kz/government/decree/2022/850"', "")
    problems = validate_file(path)
    assert any("preamble" in p and "overlapping" in p for p in problems)


def test_reversed_bounds(scratch_corpus):
    path = _corrupt(scratch_corpus, '<clause eId="para_1" num="1">',
                    '<clause eId="para_1" num="1" from="2020-01-01" until="2019-01-01">')
    _corrupt(scratch_corpus, '<clause eId="para_2" num="2">', '<clause eId="para_1" num="1" from="2019-06-01">')
    problems = validate_file(path)
    assert any("ends (2019-01-01) before it starts" in p for p in problems)


def test_work_id_must_match_place(scratch_corpus):
    path = _corrupt(scratch_corpus, 'id="kz/government/decree/2009/330"', 'id="kz/government/decree/2009/331"')
    problems = validate_file(path, scratch_corpus)
    assert any("does not match the file's place" in p for p in problems)


def test_doctype_is_rejected(scratch_corpus, tmp_path):
    evil = tmp_path / "evil.xml"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE act [<!ENTITY x SYSTEM "file:///etc/passwd">]><act>&x;</act>')
    (problem,) = validate_file(evil)
    assert "DOCTYPE" in problem


def test_cli_reports_and_exits_1(scratch_corpus, capsys):
    _corrupt(scratch_corpus, "<type>decree</type>", "<type>edict</type>")
    code = run(["--corpus", str(scratch_corpus), "validate"])
    out = capsys.readouterr()
    assert code == 1 and f"{WORK}.xml:4:" in out.out and "1 with errors" in out.err
