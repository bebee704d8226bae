"""`lawdiff amendments` and `lawdiff apply` on the command line."""

from __future__ import annotations

import json

from lawdiff.cli.main import run

from .conftest import A308, DATA, W379, unapplied_308_corpus


def test_amendments_json(tmp_path, capsys):
    root = unapplied_308_corpus(tmp_path)
    assert run(["--corpus", str(root), "amendments", A308, "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 47
    first = items[0]
    assert {"op", "target", "text", "words", "source", "status"} <= set(first)
    assert first["op"] == "replace" and first["status"] == "parsed"
    assert first["target"]["work"] == W379
    assert first["target"]["path"] == [["appendix", "1"], ["clause", "2"], ["part", "1"], ["subclause", "1"]]
    assert first["source"].startswith("2-тармақтың бірінші бөлігінің 1), 2), 3) және 4) тармақшалары")
    assert {i["op"] for i in items} == {"replace", "insert", "replace-appendix"}


def test_amendments_store_then_apply(tmp_path, capsys):
    root = unapplied_308_corpus(tmp_path)
    assert run(["--corpus", str(root), "amendments", A308, "--store"]) == 0
    assert "stored in the act" in capsys.readouterr().out
    assert b"<amendments>" in (root / f"{A308}.xml").read_bytes()
    assert run(["--corpus", str(root), "apply", "308", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Would apply kz/mlsp/order/2022/308" in out and "Dry run: nothing written." in out
    assert run(["--corpus", str(root), "apply", "308"]) == 0
    out = capsys.readouterr().out
    assert "Applied kz/mlsp/order/2022/308 to kz/mlsp/order/2018/379: 47 operation(s)" in out
    assert "[-" in out and "{+" in out and "Committed" in out
    assert run(["--corpus", str(root), "apply", "308"]) == 0
    assert "already applied" in capsys.readouterr().out


def test_apply_error_is_one_line_and_exit_1(tmp_path, capsys):
    root = unapplied_308_corpus(tmp_path)
    path = root / f"{A308}.xml"
    # a reviewer's correction pointing at a clause the base does not have
    assert run(["--corpus", str(root), "amendments", A308, "--store"]) == 0
    capsys.readouterr()
    data = path.read_bytes()
    assert data.count(b'<step num="17" kind="clause"/>') == 1
    path.write_bytes(data.replace(b'<step num="17" kind="clause"/>', b'<step num="77" kind="clause"/>'))
    before = (root / f"{W379}.xml").read_bytes()
    assert run(["--corpus", str(root), "apply", A308]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("lawdiff: error: operation 20 (replace appendix 1/clause 77")
    assert "att_1__para_77 not found" in err
    assert (root / f"{W379}.xml").read_bytes() == before


def test_apply_refuses_a_warning_until_accepted(tmp_path):
    """The installed script, as a user runs it: an operation parsed with a warning stops
    `apply` (exit 1, one line, nothing written) until --accept-warnings."""
    from conftest import run_script

    from .cases import build_corpus, read_case

    case = read_case(DATA / "cases" / "fail_wording_number_warning.txt")
    corpus = build_corpus(case, tmp_path / "corpus")
    env = {"LAWDIFF_CORPUS": str(corpus.root)}
    act = case.acts[0].work
    listed = run_script("amendments", act, "--json", cwd=tmp_path, env=env)
    op = json.loads(listed.stdout)[0]
    assert op["status"] == "parsed-with-warning" and "numbered 3)" in op["reason"]
    before = {p: p.read_bytes() for p in corpus.work_files()}
    refused = run_script("apply", act, cwd=tmp_path, env=env)
    assert refused.returncode == 1 and "--accept-warnings" in refused.stderr
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert {p: p.read_bytes() for p in corpus.work_files()} == before
    done = run_script("apply", act, "--accept-warnings", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "2) {+жаңа +}екінші." in done.stdout and "Committed" in done.stdout


def test_apply_json_computes_no_word_diff(tmp_path, capsys, monkeypatch):
    """--json prints the old and new texts, not a redline: no word diff is computed for it."""
    import lawdiff.amend.apply as apply_module

    def refuse(old, new):
        raise AssertionError("a word diff was computed for --json")

    root = unapplied_308_corpus(tmp_path)
    monkeypatch.setattr(apply_module, "word_diff", refuse)
    assert run(["--corpus", str(root), "apply", A308, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["commit"] and len(data["changes"]) == 48
    changed = [c for c in data["changes"] if c["kind"] == "changed"]
    assert changed and all(c["old"] != c["new"] for c in changed)
