"""Hardening: hostile XML, hostile work ids and paths, interrupted and concurrent writers.

What tests/test_validate.py already covers (truncated files, schema violations, overlapping
and reversed versions, a plain UTF-8 DOCTYPE) is not repeated here.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import CORPUS, SOURCES
from lawdiff import LawdiffError
from lawdiff.cli.main import run
from lawdiff.corpus import Corpus
from lawdiff.model import xmlio
from lawdiff.model.ids import check_work_id, parse_eid
from lawdiff.validate import validate_file

WORK = "kz/government/decree/2009/330"
SECRET = "lawdiff-hardening-secret-7f3a"

# -- hostile XML ---------------------------------------------------------------------------------

_XXE = '<?xml version="1.0" encoding="{enc}"?>\n<!DOCTYPE act [<!ENTITY x SYSTEM "file://{path}">]>\n<act id="{work}" lang="kk">&x;</act>\n'
_LAUGHS = ('<?xml version="1.0" encoding="{enc}"?>\n<!DOCTYPE act [\n <!ENTITY l0 "lol">\n'
           + "".join(f' <!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">\n' for i in range(1, 10))
           + ']>\n<act id="{work}" lang="kk">&l9;</act>\n')
_ENCODINGS = ("UTF-8", "UTF-16", "UTF-16-LE", "UTF-16-BE", "UTF-32")


def _encode(text: str, enc: str) -> bytes:
    return text.encode(enc.lower())


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize("enc", _ENCODINGS)
def test_external_entity_is_refused_in_every_encoding(enc, secret_file):
    # A DOCTYPE hidden from a byte search by a wide encoding must still be refused.
    data = _encode(_XXE.format(enc=enc, path=secret_file, work=WORK), enc)
    with pytest.raises(LawdiffError, match="DOCTYPE") as info:
        xmlio.parse_bytes(data, "evil.xml")
    assert SECRET not in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("enc", _ENCODINGS)
def test_entity_expansion_is_refused_in_every_encoding(enc):
    # UTF-8: refused before parsing; wide encodings: by the parser's amplification limit or,
    # failing that, by the DOCTYPE check after parsing. Never expanded.
    data = _encode(_LAUGHS.format(enc=enc, work=WORK), enc)
    with pytest.raises(LawdiffError, match="DOCTYPE|amplification"):
        xmlio.parse_bytes(data, "laughs.xml")


@pytest.mark.parametrize("doc", [
    '<!DOCTYPE act SYSTEM "http://127.0.0.1:9/act.dtd"><act/>',
    '<!DOCTYPE act PUBLIC "-//x//y" "file:///etc/passwd"><act/>',
    '<?xml version="1.0"?>\n<!-- a comment first -->\n<!doctype act><act/>',
    '<?xml version="1.0"?><act xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></act>',
])
def test_doctype_variants_and_xinclude(doc):
    """External DTDs (network or file) are refused; XInclude is never processed."""
    for enc in ("UTF-8", "UTF-16"):
        data = doc.encode(enc.lower())
        try:
            tree = xmlio.parse_bytes(data, "evil.xml")
        except LawdiffError as exc:
            assert "DOCTYPE" in str(exc) or "not well-formed" in str(exc)   # "<!doctype" is not XML
        else:
            # Only the XInclude document parses, and nothing was included.
            assert "xi:include" in doc and b"root:" not in xmlio.serialise(tree.getroot())


def test_undeclared_entity_reference_is_not_well_formed():
    with pytest.raises(LawdiffError, match="not well-formed"):
        xmlio.parse_bytes(b'<act id="x">&x;</act>', "undeclared.xml")


_PROBE = textwrap.dedent("""
    import resource, sys
    from pathlib import Path
    from lawdiff import LawdiffError
    from lawdiff.model import xmlio
    from lawdiff.validate import validate_file
    data = Path(sys.argv[1]).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        xmlio.parse_bytes(data, "probe.xml")
        outcome = "parsed"
    except LawdiffError as exc:
        outcome = "refused: " + str(exc)
    problems = validate_file(Path(sys.argv[1]))
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    print(outcome)
    print(len(problems), problems[0] if problems else "")
    print(grown)
""")


def _probe(path: Path, timeout: float = 30) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


@pytest.mark.parametrize("enc", ["UTF-8", "UTF-16"])
def test_billion_laughs_stays_small_in_memory(tmp_path, enc):
    path = tmp_path / "laughs.xml"
    path.write_bytes(_encode(_LAUGHS.format(enc=enc, work=WORK), enc))
    outcome, report, grown_kb = _probe(path)
    assert outcome.startswith("refused") and ("DOCTYPE" in outcome or "amplification" in outcome)
    assert report.startswith("1 ") and "laughs.xml" in report
    assert int(grown_kb) < 16 * 1024, f"parsing grew the process by {grown_kb} KB"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("enc", ["UTF-8", "UTF-16"])
def test_external_entity_file_is_never_opened(tmp_path, enc):
    """The entity points at a named pipe: opening it for reading would block the parser
    (the probe would time out) and would make the pipe writable from here."""
    fifo = tmp_path / "entity.fifo"
    os.mkfifo(fifo)
    path = tmp_path / "xxe.xml"
    path.write_bytes(_encode(_XXE.format(enc=enc, path=fifo, work=WORK), enc))
    outcome, report, _ = _probe(path, timeout=60)
    assert outcome.startswith("refused") and report.startswith("1 ")
    with pytest.raises(OSError) as info:       # no reader ever had the pipe open
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert info.value.errno == errno.ENXIO


def test_hostile_file_in_the_corpus_fails_cleanly(scratch_corpus, secret_file, capsys):
    """A work file replaced by an XXE document: validate reports it; a query for that work fails
    with one line; listings and queries over the corpus skip it with one warning naming it; the
    secret never reaches the output."""
    path = scratch_corpus / f"{WORK}.xml"
    path.write_bytes(_encode(_XXE.format(enc="UTF-16", path=secret_file, work=WORK), "UTF-16"))
    assert run(["--corpus", str(scratch_corpus), "validate"]) == 1
    out = capsys.readouterr()
    assert f"{WORK}.xml" in out.out and "DOCTYPE" in out.out and "1 with errors" in out.err
    assert run(["--corpus", str(scratch_corpus), "show", WORK, "--at", "2020-01-01"]) == 1
    out = capsys.readouterr()
    assert out.err.startswith("lawdiff: error:") and out.err.count("\n") == 1 and SECRET not in out.out + out.err
    for argv in (["ls"], ["at", "2020-01-01"]):
        assert run(["--corpus", str(scratch_corpus), *argv]) == 0
        out = capsys.readouterr()
        assert out.err.startswith(f"lawdiff: warning: skipped {path}") and out.err.count("\n") == 1
        assert SECRET not in out.out + out.err and WORK not in out.out
    with pytest.raises(LawdiffError, match="DOCTYPE"):
        Corpus(scratch_corpus).load(WORK)


def test_oversized_file_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(xmlio, "MAX_XML_BYTES", 1000)
    big = tmp_path / "big.xml"
    big.write_bytes(b"<act>" + b"x" * 2000 + b"</act>")
    (problem,) = validate_file(big)
    assert "larger than 1000 bytes" in problem


# -- work ids and paths ---------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [
    "../etc/passwd", "kz/../../etc/passwd", "kz/a/order/2020/../../../x", "/etc/passwd",
    "kz/a/order/2020/1/", "kz/a/order/2020/1\n", "kz/a/order/2020/1\x00", "kz/a/order/2020/1.xml",
    "kz//order/2020/1", "kz/a/order/2020/1 ", " kz/a/order/2020/1", "kz\\a\\order\\2020\\1",
    "kz/A/order/2020/1", "kz/a/edict/2020/1", "kz/a/order/3020/1", "kz/a/order/2020/-1",
    "kz/a/order/2020/.", "kz/-/order/2020/1", "kz/a/order/2020/１", "kz/ａ/order/2020/1", "",
])
def test_malformed_work_ids_are_refused(bad, tmp_path):
    with pytest.raises(LawdiffError, match="invalid work id"):
        check_work_id(bad)
    with pytest.raises(LawdiffError):
        Corpus(tmp_path).path(bad)


def test_eid_with_trailing_newline_is_refused():
    with pytest.raises(LawdiffError):
        parse_eid("para_1\n")


def test_symlink_out_of_the_corpus_is_refused(tmp_path):
    root = tmp_path / "corpus"
    outside = tmp_path / "outside"
    (root / "kz").mkdir(parents=True)
    outside.mkdir()
    (root / "kz" / "evil-akimat").symlink_to(outside, target_is_directory=True)
    corpus = Corpus(root)
    with pytest.raises(LawdiffError, match="outside the corpus"):
        corpus.path("kz/evil-akimat/resolution/2025/1")
    # a file symlink inside a real directory is refused as well
    (root / "kz" / "good-akimat" / "resolution" / "2025").mkdir(parents=True)
    target = outside / "victim.xml"
    target.write_text("untouched")
    (root / "kz" / "good-akimat" / "resolution" / "2025" / "1.xml").symlink_to(target)
    with pytest.raises(LawdiffError, match="outside the corpus"):
        corpus.path("kz/good-akimat/resolution/2025/1")
    assert target.read_text() == "untouched"


def test_cli_refuses_traversal_in_every_work_argument(scratch_corpus, capsys):
    before = {p: p.read_bytes() for p in scratch_corpus.rglob("*") if p.is_file()}
    for argv in (
        ["show", "kz/../../etc/passwd"],
        ["timeline", "kz/a/order/2020/../../../../tmp/x"],
        ["event", "add", "kz/../x", "published", "2025-01-01", "--source", "s"],
        ["event", "add", WORK, "amended", "2025-01-01", "--source", "s", "--by", "kz/../../x"],
        ["tariff", "--work", "kz/a/order/2020/1\n"],
    ):
        assert run(["--corpus", str(scratch_corpus), *argv]) == 1, argv
        out = capsys.readouterr()
        assert "lawdiff: error:" in out.err and out.err.count("\n") == 1, out.err
    after = {p: p.read_bytes() for p in scratch_corpus.rglob("*") if p.is_file() and ".lawdiff" not in p.parts}
    assert after == before


@pytest.mark.parametrize("number", ["../../../../etc/x", "2999/../../..", "2999.xml", "..\\..\\x"])
def test_import_never_writes_outside_the_corpus(tmp_path, capsys, number):
    """An act whose number looks like a path is refused or gets a slugged, path-safe work id."""
    src = (SOURCES / "seeds" / "001_f45ab0f2d5c50f09.txt").read_text(encoding="utf-8")
    hostile = src.replace("№ 2999 қаулысы", f"№ {number} қаулысы", 1)
    assert hostile != src
    text = tmp_path / "hostile.txt"
    text.write_text(hostile, encoding="utf-8")
    root = tmp_path / "corpus"
    code = run(["--corpus", str(root), "import", str(text), "--no-commit"])
    out = capsys.readouterr()
    written = [p for p in tmp_path.rglob("*.xml")]
    if code == 0:
        assert len(written) == 1 and root.resolve() in written[0].resolve().parents, out.out
        assert ".." not in written[0].relative_to(root).as_posix()
    else:
        assert written == [] and out.err.startswith("lawdiff: error:")


# -- interrupted and concurrent writers ---------------------------------------------------------

_GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
_SEED_2999 = SOURCES / "seeds" / "001_f45ab0f2d5c50f09.txt"
_WORK_2999 = "kz/oral-akimat/resolution/2025/2999"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **_GIT_ENV}).stdout


def _files(repo: Path) -> dict[str, bytes]:
    """Every file of the working tree but git's own and lawdiff's runtime folder, by relative path."""
    out = {}
    for p in repo.rglob("*"):
        rel = p.relative_to(repo).as_posix()
        if rel.startswith(".git/") or ".lawdiff" in p.parts or not p.is_file():
            continue
        out[rel] = p.read_bytes()
    return out


def _status(repo: Path) -> list[str]:
    return _git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()


def _lawdiff(corpus: Path, argv: list[str]) -> list[str]:
    return [sys.executable, "-m", "lawdiff", "--corpus", str(corpus), *argv]


_A308, _W379 = "kz/mlsp/order/2022/308", "kz/mlsp/order/2018/379"
_AMEND_DATA = Path(__file__).parent / "data" / "amend"


def _has_command(name: str) -> bool:
    from lawdiff.cli.main import cli
    return cli.get_command(None, name) is not None


def _apply_repo(tmp_path: Path) -> Path:
    """A corpus holding the synthetic Rules of order 379 and order 308 as imported (its
    operations not yet parsed or applied), committed in its own repository."""
    repo = tmp_path / "apply-repo"
    root = repo / "corpus"
    for wid, src in ((_W379, _AMEND_DATA / "synthetic_rules_379.xml"), (_A308, CORPUS / f"{_A308}.xml")):
        dest = root / f"{wid}.xml"
        dest.parent.mkdir(parents=True)
        act = xmlio.parse_file(src).getroot()
        for stored in act.findall("amendments"):
            act.remove(stored)
        dest.write_bytes(xmlio.serialise(act))
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    return repo


@pytest.fixture
def scratch_repo(scratch_corpus: Path) -> Path:
    """The scratch corpus without order 2999 (so that importing it writes a new file)."""
    repo = scratch_corpus.parent
    _git(repo, "rm", "-q", f"corpus/{_WORK_2999}.xml")
    _git(repo, "commit", "-qm", "without 2999")
    return repo


_BUSY = "another lawdiff process is writing"


def test_second_writer_fails_cleanly_while_the_lock_is_held(scratch_repo):
    corpus = Corpus(scratch_repo / "corpus")
    before, head = _files(scratch_repo), _git(scratch_repo, "rev-parse", "HEAD")
    with corpus.lock():
        for argv in (["event", "add", WORK, "published", "2009-03-20", "--source", "blocked"],
                     ["import", str(_SEED_2999)]):
            proc = subprocess.run(_lawdiff(corpus.root, argv), capture_output=True, text=True,
                                  env={**os.environ, **_GIT_ENV}, timeout=60)
            assert proc.returncode == 4 and proc.stdout == ""     # a conflict: try again later
            assert proc.stderr.startswith(f"lawdiff: error: {_BUSY}") and proc.stderr.count("\n") == 1
    assert _files(scratch_repo) == before and _git(scratch_repo, "rev-parse", "HEAD") == head
    assert _status(scratch_repo) == []


def test_concurrent_writers_are_serialised_or_fail_cleanly(scratch_repo):
    """Two writers started together, several times over: each either records its change in a
    commit of its own, or exits 1 with the one-line lock error and changes nothing."""
    corpus = scratch_repo / "corpus"
    env = {**os.environ, **_GIT_ENV}
    successes = 0
    for round_ in range(4):
        # --replace: each writer records its own publication date over the other's.
        argvs = [["event", "add", WORK, "published", f"2009-03-2{i}", "--source", f"writer {round_}-{i}",
                  "--replace"] for i in (1, 2)]
        if round_ == 3:   # two commands writing different files
            argvs[1] = ["import", str(_SEED_2999)]
        procs = [subprocess.Popen(_lawdiff(corpus, a), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, env=env) for a in argvs]
        outs = [p.communicate(timeout=120) for p in procs]
        for argv, proc, (out, err) in zip(argvs, procs, outs):
            if proc.returncode == 0:
                successes += 1
                assert "committed" in out, out
                sha = out.rsplit("committed ", 1)[1].strip()
                shown = _git(scratch_repo, "show", "--format=%B", "--stat", sha)
                assert shown.count("file changed") == 1
                if argv[0] == "event":       # the commit holds this writer's event, and only it
                    diff = _git(scratch_repo, "show", "--format=", sha)
                    added = [ln for ln in diff.splitlines() if ln.startswith("+<") or ln.startswith("+ ")]
                    assert len(added) == 1 and argv[argv.index("--source") + 1] in added[0], diff
            else:
                assert proc.returncode == 4 and err.startswith(f"lawdiff: error: {_BUSY}"), err
        assert _status(scratch_repo) == [], f"round {round_}: uncommitted changes"
    assert successes >= 4
    commits = _git(scratch_repo, "rev-list", "--count", "HEAD").strip()
    assert int(commits) == 2 + successes
    assert run(["--corpus", str(corpus), "validate"]) == 0


@pytest.mark.skipif(not _has_command("apply"), reason="lawdiff apply is not available")
def test_apply_and_event_add_at_once(tmp_path):
    """An apply and an event on the work it amends, started together: each gets its own
    commit with only its own change, or the later one fails cleanly."""
    repo = _apply_repo(tmp_path)
    corpus, env = repo / "corpus", {**os.environ, **_GIT_ENV}
    argvs = [["apply", _A308], ["event", "add", _W379, "published", "2018-09-10", "--source", "at once"]]
    procs = [subprocess.Popen(_lawdiff(corpus, a), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for a in argvs]
    outs = [p.communicate(timeout=120) for p in procs]
    ok = [p.returncode == 0 for p in procs]
    for proc, (out, err) in zip(procs, outs):
        assert proc.returncode == 0 or err.startswith(f"lawdiff: error: {_BUSY}"), err
    assert any(ok) and _status(repo) == []
    subjects = _git(repo, "log", "--format=%s").splitlines()
    assert len(subjects) == 1 + sum(ok)
    if ok[0]:
        assert any(s.startswith(f"Apply {_A308}") for s in subjects)
    if ok[1]:
        diff = _git(repo, "log", "-p", "--format=", "-1", "--grep=Record published", "HEAD")
        added = [ln for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
        assert len(added) == 1 and "at once" in added[0], diff
    assert run(["--corpus", str(corpus), "validate"]) == 0


def test_validate_reports_every_broken_file_and_goes_on(scratch_corpus, capsys):
    """Several files broken in different ways: each is named with its problem, one line each,
    and the good files are still checked."""
    empty = scratch_corpus / "kz/mlsp/order/2018/379.xml"
    empty.write_bytes(b"")
    binary = scratch_corpus / f"{_WORK_2999}.xml"
    binary.write_bytes(os.urandom(2048))
    latin1 = scratch_corpus / f"{WORK}.xml"
    latin1.write_bytes(latin1.read_text(encoding="utf-8").replace("UTF-8", "ISO-8859-1", 1).encode("utf-8")[:-200] + "é".encode("latin-1"))
    assert run(["--corpus", str(scratch_corpus), "validate"]) == 1
    out = capsys.readouterr()
    lines = out.out.splitlines()
    for path in (empty, binary, latin1):
        assert any(line.startswith(str(path)) for line in lines), path
    assert re.search(r"^\d+ files checked, 3 with errors$", out.err, re.M), out.err
