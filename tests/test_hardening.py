"""Hardening: hostile XML, hostile work ids and paths, interrupted and concurrent writers.

What tests/test_validate.py already covers (truncated files, schema violations, overlapping
and reversed versions, a plain UTF-8 DOCTYPE) is not repeated here.
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import CORPUS, SOURCES
from lawdiff import LawdiffError
from lawdiff.cli.main import run
from lawdiff.corpus import JOURNAL_NAME, LOCK_NAME, Corpus
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
    """A work file replaced by an XXE document: validate reports it, queries fail with one
    line, and the secret never reaches the output."""
    path = scratch_corpus / f"{WORK}.xml"
    path.write_bytes(_encode(_XXE.format(enc="UTF-16", path=secret_file, work=WORK), "UTF-16"))
    assert run(["--corpus", str(scratch_corpus), "validate"]) == 1
    out = capsys.readouterr()
    assert f"{WORK}.xml" in out.out and "DOCTYPE" in out.out and "1 with errors" in out.err
    for argv in (["show", WORK, "--at", "2020-01-01"], ["ls"], ["at", "2020-01-01"]):
        assert run(["--corpus", str(scratch_corpus), *argv]) == 1
        out = capsys.readouterr()
        assert out.err.startswith("lawdiff: error:") and out.err.count("\n") == 1
        assert SECRET not in out.out + out.err
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
    after = {p: p.read_bytes() for p in scratch_corpus.rglob("*") if p.is_file() and p.name != LOCK_NAME}
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
    """Every file of the working tree but git's own, the lock file and the derived index
    (``.lawdiff/``, git-ignored), by relative path."""
    out = {}
    for p in repo.rglob("*"):
        rel = p.relative_to(repo).as_posix()
        if rel.startswith(".git/") or "/.lawdiff/" in f"/{rel}" or p.name == LOCK_NAME or not p.is_file():
            continue
        out[rel] = p.read_bytes()
    return out


def _status(repo: Path) -> list[str]:
    return [line for line in _git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()
            if not line.endswith(LOCK_NAME)]


def _lawdiff(corpus: Path, argv: list[str]) -> list[str]:
    return [sys.executable, "-m", "lawdiff", "--corpus", str(corpus), *argv]


def _wait_for_group(pgid: int, timeout: float = 20) -> None:
    """Wait until every process of the killed command's group (an orphaned git) has exited."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.01)
    raise AssertionError("a child of the killed command is still running")


class _Writer:
    """One writing command on a scratch repository: its state before, and after a full run."""

    def __init__(self, repo: Path, argv: list[str]):
        self.repo, self.corpus, self.argv = repo, repo / "corpus", argv
        self.base = _git(repo, "rev-parse", "HEAD").strip()
        self.before = _files(repo)
        ref = repo.parent / f"{repo.name}-ref"
        shutil.copytree(repo, ref, symlinks=True)
        t0 = time.monotonic()
        proc = subprocess.run(_lawdiff(ref / "corpus", argv), capture_output=True, text=True,
                              env={**os.environ, **_GIT_ENV})
        self.duration = time.monotonic() - t0
        assert proc.returncode == 0, proc.stderr
        self.after = _files(ref)
        self.tree = _git(ref, "rev-parse", "HEAD^{tree}").strip()
        self.changed = sorted(p for p in set(self.before) | set(self.after) if self.before.get(p) != self.after.get(p))
        assert self.changed, "the command changed nothing"
        shutil.rmtree(ref)

    def reset(self) -> None:
        _git(self.repo, "reset", "-q", "--hard", self.base)
        _git(self.repo, "clean", "-q", "-fdx", "-e", LOCK_NAME)

    def check(self) -> str:
        """The repository holds the state before, or the state after, or the state after not yet
        committed: never a half-written file, a stray file, a lock, or a partial commit."""
        repo = self.repo
        assert not (repo / ".git" / "index.lock").exists(), "git index left locked"
        journal = self.corpus / JOURNAL_NAME
        pending = journal.exists()
        if pending:
            # Stopped between the renames of a multi-file write: each file is old or new,
            # and the next writer, on taking the lock, completes the renames.
            now = _files(repo)
            for rel in self.changed:
                assert now.get(rel) in (self.before.get(rel), self.after.get(rel)), f"{rel}: neither old nor new"
            with Corpus(self.corpus).lock():
                pass
            assert not journal.exists()
        now = _files(repo)
        stray = sorted(set(now) - set(self.before) - set(self.after))
        temps = [s for s in stray if any(_is_temp_of(s, c) for c in self.changed)]
        assert stray == temps, f"stray files left behind: {stray}"
        for rel in sorted(set(now) - set(temps) | set(self.before)):
            if rel in self.changed:
                assert now.get(rel) in (self.before.get(rel), self.after.get(rel)), f"{rel}: neither old nor new"
            else:
                assert now.get(rel) == self.before.get(rel), f"{rel} changed"
        head = _git(repo, "rev-parse", "HEAD").strip()
        status = [line for line in _status(repo) if line[3:] not in temps]
        if head != self.base:
            assert _git(repo, "rev-parse", "HEAD^").strip() == self.base, "more than one commit"
            assert _git(repo, "rev-parse", "HEAD^{tree}").strip() == self.tree, "the commit is not the intended change"
            assert status == [], status
            state = "committed"
        else:
            assert all(line[3:] in self.changed for line in status), status
            if status:   # HEAD plus exactly the intended change, not part of it
                assert all(now.get(rel) == self.after.get(rel) for rel in self.changed), status
            state = "written" if status else "untouched"
        proc = subprocess.run(_lawdiff(self.corpus, ["validate"]), capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        if temps:
            # Killed between creating its temporary file and renaming it: the file is hidden,
            # lawdiff never reads it, and the next writer of that file removes it.
            proc = subprocess.run(_lawdiff(self.corpus, self.argv), capture_output=True, text=True,
                                  env={**os.environ, **_GIT_ENV})
            assert proc.returncode == 0, proc.stderr
            assert not any((repo / t).exists() for t in temps)
            state += "+temp"
        return state + ("+journal" if pending else "")

    def interrupt(self, sig: int, delay: float) -> str:
        self.reset()
        proc = subprocess.Popen(_lawdiff(self.corpus, self.argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env={**os.environ, **_GIT_ENV}, start_new_session=True)
        time.sleep(delay)
        if sig == signal.SIGKILL:
            proc.kill()                       # the command only: an orphaned git may run on
        elif proc.poll() is None:
            os.killpg(proc.pid, sig)          # Ctrl-C reaches the whole foreground group
        proc.communicate(timeout=60)
        _wait_for_group(proc.pid)
        return self.check()


def _is_temp_of(rel: str, target: str) -> bool:
    """``rel`` is a temporary file of :func:`lawdiff.corpus.atomic_write` for ``target``."""
    t, r = Path(target), Path(rel)
    return r.parent == t.parent and r.name.startswith(f".{t.name}.") and r.name.endswith(".tmp")


_A308, _W379 = "kz/mlsp/order/2022/308", "kz/mlsp/order/2018/379"
_AMEND_DATA = Path(__file__).parent / "data" / "amend"


def _has_command(name: str) -> bool:
    from lawdiff.cli.main import cli
    return name in cli.commands


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


def _writer_case(name: str, scratch_repo: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    if name == "event add":
        return scratch_repo, ["event", "add", WORK, "published", "2009-03-20", "--source", "hardening test"]
    if name == "import":
        return scratch_repo, ["import", str(_SEED_2999)]
    if not _has_command("apply"):
        pytest.skip("lawdiff apply is not available")
    return _apply_repo(tmp_path / "apply"), ["apply", _A308]


@pytest.fixture
def scratch_repo(scratch_corpus: Path) -> Path:
    """The scratch corpus without order 2999 (so that importing it writes a new file)."""
    repo = scratch_corpus.parent
    _git(repo, "rm", "-q", f"corpus/{_WORK_2999}.xml")
    _git(repo, "commit", "-qm", "without 2999")
    return repo


@pytest.mark.parametrize("name", ["event add", "import", "apply"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_interrupted_writer_leaves_old_or_new_state(scratch_repo, tmp_path, name, sig):
    repo, argv = _writer_case(name, scratch_repo, tmp_path)
    writer = _Writer(repo, argv)
    rng = random.Random(f"{name}-{sig}")
    states = []
    # Half the kills land anywhere, half in the last part of the run where the files are
    # written and committed (the first part is the interpreter starting).
    for i in range(6):
        frac = rng.uniform(0.0, 1.1) if i % 2 else rng.uniform(0.55, 1.05)
        states.append(writer.interrupt(sig, frac * writer.duration))
    assert {s.split("+")[0] for s in states} <= {"untouched", "written", "committed"}


def test_next_writer_removes_a_killed_writers_temp_file(scratch_corpus):
    corpus = Corpus(scratch_corpus)
    path = corpus.path(WORK)
    stale = path.parent / f".{path.name}.k1ll3d.tmp"
    stale.write_bytes(b"<?xml version='1.0'?><act")
    unrelated = path.parent / ".notes.tmp"
    unrelated.write_bytes(b"keep")
    with corpus.lock():
        corpus.write(corpus.load(WORK))
    assert not stale.exists() and unrelated.exists()
    assert validate_file(path, scratch_corpus) == []




_BUSY = "another lawdiff process is writing"


def test_second_writer_fails_cleanly_while_the_lock_is_held(scratch_repo):
    corpus = Corpus(scratch_repo / "corpus")
    before, head = _files(scratch_repo), _git(scratch_repo, "rev-parse", "HEAD")
    with corpus.lock():
        for argv in (["event", "add", WORK, "published", "2009-03-20", "--source", "blocked"],
                     ["import", str(_SEED_2999)]):
            proc = subprocess.run(_lawdiff(corpus.root, argv), capture_output=True, text=True,
                                  env={**os.environ, **_GIT_ENV}, timeout=60)
            assert proc.returncode == 1 and proc.stdout == ""
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
                assert proc.returncode == 1 and err.startswith(f"lawdiff: error: {_BUSY}"), err
        assert _status(scratch_repo) == [], f"round {round_}: uncommitted changes"
    assert successes >= 4
    commits = _git(scratch_repo, "rev-list", "--count", "HEAD").strip()
    assert int(commits) == 2 + successes
    assert run(["--corpus", str(corpus), "validate"]) == 0


_KILL_BETWEEN_RENAMES = textwrap.dedent("""
    import os, sys
    from lawdiff.corpus import Corpus
    import lawdiff.corpus as C
    corpus = Corpus(sys.argv[1])
    acts = [corpus.load(w) for w in sys.argv[2:]]
    for a in acts:
        a.root.find("meta/title").text += " (changed)"
    real, calls = os.replace, []
    def replace(src, dst):
        if str(dst).endswith(".xml"):
            calls.append(dst)
            if len(calls) == 2:
                os._exit(9)          # as if killed: no cleanup of any kind
        real(src, dst)
    C.os.replace = replace
    with corpus.lock():
        corpus.write_all(acts)
""")


def test_writer_killed_between_renames_is_completed_by_the_next(scratch_corpus):
    works = [WORK, "kz/mlsp/order/2018/379", _WORK_2999]
    paths = [scratch_corpus / f"{w}.xml" for w in works]
    before = [p.read_bytes() for p in paths]
    proc = subprocess.run([sys.executable, "-c", _KILL_BETWEEN_RENAMES, str(scratch_corpus), *works],
                          capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    journal = scratch_corpus / JOURNAL_NAME
    assert journal.exists()
    mid = [p.read_bytes() for p in paths]
    assert mid[0] != before[0] and mid[1:] == before[1:]       # one renamed, two waiting
    with Corpus(scratch_corpus).lock():                          # the next writer
        pass
    assert not journal.exists()
    after = [p.read_bytes() for p in paths]
    assert all(b"(changed)</title>" in a for a in after)
    assert not [p for p in scratch_corpus.rglob("*.tmp")]
    assert run(["--corpus", str(scratch_corpus), "validate"]) == 0


def test_write_all_writes_nothing_when_one_work_is_invalid(scratch_corpus):
    corpus = Corpus(scratch_corpus)
    good, bad = corpus.load(WORK), corpus.load(_WORK_2999)
    good.root.find("meta/title").text += " (changed)"
    bad.root.find("meta/type").text = "edict"
    before = {p: p.read_bytes() for p in scratch_corpus.rglob("*.xml")}
    with corpus.lock(), pytest.raises(LawdiffError, match="schema"):
        corpus.write_all([good, bad])
    assert {p: p.read_bytes() for p in scratch_corpus.rglob("*.xml")} == before
    assert not list(scratch_corpus.rglob("*.tmp")) and not (scratch_corpus / JOURNAL_NAME).exists()


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
