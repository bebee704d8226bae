"""Order 308 applied end to end: to the SYNTHETIC Rules-379-shaped base (every operation,
exact resulting texts), and to the real corpus, where the Rules' text is not held."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess

import pytest

from lawdiff import api
from lawdiff.amend import store
from lawdiff.amend.apply import apply_act
from lawdiff.corpus import Corpus
from lawdiff.model.act import Act
from lawdiff.model.ids import eid
from lawdiff.validate import validate_file

from .conftest import DATA, REPO

A308 = "kz/mlsp/order/2022/308"
W379 = "kz/mlsp/order/2018/379"
AFTER, BEFORE = dt.date(2022, 9, 1), dt.date(2022, 8, 20)


def _git(root, *args):
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def _corpus(tmp_path, base_379):
    root = tmp_path / "corpus"
    for wid, src in ((W379, base_379), (A308, REPO / "corpus" / f"{A308}.xml")):
        dest = root / f"{wid}.xml"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dest)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return Corpus(root)


@pytest.fixture
def synthetic(tmp_path):
    return _corpus(tmp_path, DATA / "synthetic_rules_379.xml")


@pytest.fixture
def real(tmp_path):
    return _corpus(tmp_path, REPO / "corpus" / f"{W379}.xml")


def _publish_308(corpus):
    act, _ = api.add_event(corpus, A308, "published", dt.date(2022, 8, 15), "test fact")
    corpus.write(act)


def _leaves(corpus, when):
    return {p.eid: p.text for p in api.show(corpus, W379, when).provisions}


def test_synthetic_every_operation_exact_texts(synthetic):
    result = apply_act(synthetic, A308)
    assert len(result.operations) == 47 and all(op.status == "applied" for op in result.operations)
    assert result.commit
    for path in (synthetic.path(W379), synthetic.path(A308)):
        assert validate_file(path) == []
    _publish_308(synthetic)
    before, after = _leaves(synthetic, BEFORE), _leaves(synthetic, AFTER)
    golden = json.loads((DATA / "synthetic_rules_379.expected.json").read_text(encoding="utf-8"))
    changed = {e: t for e, t in after.items() if e.startswith("att_1") and before.get(e) != t}
    assert changed == golden["changed"]
    assert sorted(e for e in before if e.startswith("att_1") and e not in after) == golden["gone"]
    # the base is untouched before 308, and so is every provision 308 does not name
    base = Act.load(DATA / "synthetic_rules_379.xml")
    base_texts = {p.get("eId"): p.text for p in base.root.iter("p")}
    assert {e: t for e, t in before.items() if e in base_texts} == {e: base_texts[e] for e in before if e in base_texts}
    assert after["att_1__para_3__indent_1"] == "3-тармақтың синтетикалық мәтіні."
    assert after["att_1__para_2__part_1__subpara_5__indent_1"] == "5-санаттағы адамдарға (синтетикалық);"


def _expected_from_wording(op):
    """The paragraphs an operation's target must hold afterwards, read off its wording."""
    import re
    texts = list(op.text)
    kind, num = op.path[-1]
    enclosing = [n for k, n in op.path[:-1] if k in ("subclause", "clause")]
    if kind in ("subclause", "clause") or (kind == "part" and num == "1"):
        n = num if kind in ("subclause", "clause") else enclosing[-1]
        texts[0] = re.sub(rf"^{re.escape(n)}[.)]\s*", "", texts[0])
    return texts


def test_synthetic_each_target_holds_its_wording(synthetic):
    result = apply_act(synthetic, A308)
    _publish_308(synthetic)
    after = _leaves(synthetic, AFTER)
    a308 = Act.load(synthetic.path(A308))
    for op in result.operations:
        target = eid(op.path)
        got = [t for e, t in after.items() if e == target or e.startswith(target + "__")]
        if op.op == "replace-appendix":
            src = a308.root.find(f"appendix[@num='{op.source_appendix}']")
            assert got == [p.text for p in src.iter("p")], target
            continue
        expected = _expected_from_wording(op)
        if target == "att_1__para_6__subpara_5__part_2":      # a list introduction: items stay
            expected += ["бірінші көрсетілім (синтетикалық);", "екінші көрсетілім (синтетикалық);"]
        if target == "att_1__para_23__subpara_2__part_1":     # one part: the subclause itself
            got = [t for e, t in after.items() if e.startswith("att_1__para_23__subpara_2__")]
        if target == "att_1__para_35__subpara_3__part_4":     # no longer the last item
            expected[-1] = expected[-1][:-1] + ";"
        assert got == expected, target


def test_synthetic_versions_and_notes(synthetic):
    result = apply_act(synthetic, A308)
    notes = "\n".join(result.notes)
    assert "only the introduction att_1__para_6__subpara_5__part_2__indent_1 is replaced" in notes
    assert "att_1__para_23__subpara_2 has one part" in notes
    assert "att_1__para_35__subpara_3__part_4__indent_1 is no longer the last item" in notes
    act = Act.load(synthetic.path(W379))
    old = act.versions("att_1__para_17")
    assert [v.get("ended-by") for v in old] == [A308, None] and old[1].get("by") == A308
    assert any(e.kind == "amended" and e.by == A308 and e.origin == "amendment" for e in act.events())
    message = _git(synthetic.root.parent, "log", "-1", "--format=%B")
    assert f"Amending-act: {A308}" in message and "Operations: 47" in message
    assert "Effective: publication+10d" in message
    stored = store.load(Act.load(synthetic.path(A308)))
    assert [op.status for op in stored.ops] == ["applied"] * 47 and stored.unparsed == []


def test_applying_twice_is_a_no_op(synthetic):
    apply_act(synthetic, A308)
    head = _git(synthetic.root.parent, "rev-parse", "HEAD")
    data = synthetic.path(W379).read_bytes()
    again = apply_act(synthetic, A308)
    assert again.already and "already applied" in again.notes[0]
    assert _git(synthetic.root.parent, "rev-parse", "HEAD") == head
    assert synthetic.path(W379).read_bytes() == data


def test_dry_run_writes_nothing(synthetic):
    data = {w: synthetic.path(w).read_bytes() for w in (W379, A308)}
    result = apply_act(synthetic, A308, dry_run=True)
    assert len(result.operations) == 47 and result.files == [] and result.commit is None
    assert {w: synthetic.path(w).read_bytes() for w in (W379, A308)} == data


def test_real_corpus_partial_result(real):
    apply_act(real, A308)
    assert validate_file(real.path(W379)) == []
    _publish_308(real)
    before = api.show(real, W379, BEFORE).to_json()
    after = api.show(real, W379, AFTER).to_json()
    rules_before = {p["eId"]: p for p in before["provisions"] if p["eId"].startswith("att_1")}
    rules_after = {p["eId"]: p for p in after["provisions"] if p["eId"].startswith("att_1")}
    # before 308: the wordings it replaced are not in the corpus
    assert rules_before["att_1__para_17"]["status"] == "not-in-corpus"
    assert all(p["text"] is None for p in rules_before.values())
    # from 308: its wordings, in force
    p17 = rules_after["att_1__para_17__indent_1"]
    assert p17["status"] in ("in-force", "in-force-unconfirmed") and p17["text"].startswith("Қызмет алушыларға арнаулы")
    assert rules_after["att_1__para_35__subpara_5__part_1__indent_1"]["text"] == "мониторинг журналы."
    # other provisions of the Rules: not in the corpus (not "did not exist")
    other = api.show(real, W379, AFTER, "att_1__para_3")
    assert other.status.state == "not-in-corpus"
    # from 01.07.2023 the Rules are repealed with the order
    gone = api.show(real, W379, dt.date(2023, 7, 1))
    assert gone.status.state == "repealed" and gone.provisions == []
