"""Checks on the real-text set in tests/data/real/ itself (not on how lawdiff parses it).

The set is the ground truth other tests measure the importer and the amendment grammar
against, so it must be trustworthy on its own: every text says where it came from, every
expected value points at a text that exists, every quoted sentence or note really occurs
in its text, and nothing is listed twice.
"""

import json
import re
from datetime import date
from pathlib import Path

import pytest

REAL = Path(__file__).parent / "data" / "real"
ACTS_DIR = REAL / "acts"
SOURCE_RE = re.compile(r"^SOURCE: (https?://\S+)$")

OPS = {"replace", "insert", "delete", "replace-words", "insert-words", "replace-number",
       "replace-appendix", "repeal-act", "repeal-provision"}
# "in-force" marks a real note that restates the act's own entry into force: it is kept so
# that a reader can be tested never to turn it into a lifecycle change.
NOTE_KINDS = {"amended", "new-wording", "repealed", "cancelled", "expired", "in-force"}
TYPES = {"decision", "resolution", "order", "decree", "law", "code"}
NOTE_LINE = re.compile(r"^\s*(Ескерту|Сноска)\s*\.")


def _load(name):
    return json.loads((REAL / name).read_text(encoding="utf-8"))


def _text(path):
    return path.read_text(encoding="utf-8")


def _source_line(path):
    return _text(path).split("\n", 1)[0]


def _iso(value):
    return value is None or date.fromisoformat(value).isoformat() == value


ACTS = _load("acts.json")["acts"]
# Entries the grammar still gets wrong wait in instructions_pending.json (each says why), so
# that the parsing test over instructions.json stays a test of what is claimed to work.
PENDING = _load("instructions_pending.json")["instructions"]
INSTRUCTIONS = _load("instructions.json")["instructions"] + PENDING
PENDING_NOTES = _load("notes_pending.json")["notes"]
NOTES = _load("notes.json")["notes"] + PENDING_NOTES
FILES = sorted(ACTS_DIR.glob("*.txt"))


def _body(source):
    """The text a JSON entry quotes from: its file, or None when it names a web address."""
    if source.startswith("tests/data/real/acts/"):
        path = REAL.parent.parent.parent / source
        assert path.is_file(), f"{source} does not exist"
        return _text(path)
    assert SOURCE_RE.match("SOURCE: " + source), f"not a file of the set nor an address: {source}"
    return None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_text_starts_with_its_source(path):
    assert SOURCE_RE.match(_source_line(path)), f"{path.name}: first line is not 'SOURCE: <address>'"
    assert _text(path).split("\n", 1)[1].strip(), f"{path.name}: no text after the SOURCE line"


def test_no_text_is_stored_twice():
    bodies = {}
    for path in FILES:
        body = _text(path).split("\n", 1)[1]
        assert body not in bodies, f"{path.name} repeats {bodies.get(body)}"
        bodies[body] = path.name


def test_every_text_is_described_once():
    listed = [a["file"] for a in ACTS]
    assert len(listed) == len(set(listed)), "a file is described twice in acts.json"
    assert sorted(listed) == [p.name for p in FILES], "acts.json and acts/ disagree"


@pytest.mark.parametrize("act", ACTS, ids=lambda a: a["file"])
def test_act_metadata_is_complete_and_read_from_its_text(act):
    keys = {"file", "source", "language", "excerpt", "issuer", "type", "adopted", "number",
            "registration", "title", "status_word", "appendices", "chapters", "clauses", "notes"}
    assert keys <= act.keys(), f"missing {keys - act.keys()}"
    path = ACTS_DIR / act["file"]
    text = _text(path)
    assert act["source"] == SOURCE_RE.match(_source_line(path)).group(1)
    assert act["language"] in {"kk", "ru"} and act["file"].startswith(act["language"] + "_")
    assert act["excerpt"] in (True, False, None)  # None: the page may or may not go on
    assert act["type"] in TYPES
    assert _iso(act["adopted"])
    for key in ("issuer", "number", "title", "status_word"):
        if act[key] is not None:
            assert act[key] in text, f"{key} {act[key]!r} is not in the text"
    if act["registration"] is not None:
        assert set(act["registration"]) == {"number", "date"}
        assert act["registration"]["number"] in text and _iso(act["registration"]["date"])
    for key in ("appendices", "chapters", "clauses", "notes"):
        assert isinstance(act[key], int) and act[key] >= 0
    assert act["notes"] == sum(1 for line in text.splitlines() if NOTE_LINE.match(line))


@pytest.mark.parametrize("entry", INSTRUCTIONS, ids=lambda e: e["sentence"][:40])
def test_instruction_is_quoted_from_its_source(entry):
    assert {"source", "language", "context", "sentence", "expected"} <= entry.keys()
    assert entry["language"] in {"kk", "ru"}
    expected = entry["expected"]
    assert {"op", "target", "old", "new", "language_version"} <= expected.keys()
    assert expected["op"] in OPS
    assert expected["target"]
    assert expected["language_version"] in {None, "kk", "ru"}
    body = _body(entry["source"])
    if body is not None:
        for line in entry["context"] + [entry["sentence"]]:
            assert line in body, f"not in {entry['source']}: {line[:60]}"
        for key in ("old", "new"):
            for part in (expected[key] or "").split("\n"):
                assert part in body, f"{key} is not quoted from the text: {part[:60]}"
        for pair in expected.get("pairs") or []:
            assert len(pair) == 2 and all(word in body for word in pair), f"pair not quoted from the text: {pair}"


def test_no_instruction_is_listed_twice():
    seen = [(e["source"], tuple(e["context"]), e["sentence"]) for e in INSTRUCTIONS]
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("entry", NOTES, ids=lambda e: e["text"][:40])
def test_note_is_quoted_from_its_source(entry):
    assert {"source", "language", "text", "expected"} <= entry.keys()
    assert entry["language"] in {"kk", "ru"}
    assert NOTE_LINE.match(entry["text"])
    expected = entry["expected"]
    assert {"kind", "by", "units", "effective", "effective_note"} <= expected.keys()
    assert expected["kind"] in NOTE_KINDS
    assert isinstance(expected["units"], list)
    assert _iso(expected["effective"])
    if expected["by"] is not None:
        assert set(expected["by"]) == {"issuer", "date", "number"} and _iso(expected["by"]["date"])
        assert expected["by"]["issuer"] in entry["text"] and expected["by"]["number"] in entry["text"]
    if expected["effective_note"] is not None:
        assert expected["effective_note"] in entry["text"]
    body = _body(entry["source"])
    if body is not None:
        assert entry["text"] in body, f"note not in {entry['source']}"


def test_no_note_is_listed_twice():
    seen = [(e["source"], e["text"]) for e in NOTES]
    assert len(seen) == len(set(seen))


def test_pending_entries_say_why():
    assert all(entry["pending"].strip() for entry in PENDING + PENDING_NOTES)


def test_both_languages_are_covered():
    for items in (ACTS, INSTRUCTIONS, NOTES):
        assert {item["language"] for item in items} == {"kk", "ru"}
