"""A joint act as the amended act: an akimat resolution and a maslikhat decision adopted
together, cited with two dates and numbers (parse level; joint_act*.txt apply it)."""

from __future__ import annotations

import pytest

from lawdiff import LawdiffError
from lawdiff.amend.cited import settle_joint
from lawdiff.amend.grammar import parse_instructions
from lawdiff.ingest.references import find_refs

from .conftest import REPO

REAL = REPO / "tests" / "data" / "real" / "acts"

AKIMAT = "kz/west-kazakhstan-region-akimat/resolution/2015/50"
MASLIKHAT = "kz/west-kazakhstan-region-maslikhat/decision/2015/27-3"
KK = ("1. Батыс Қазақстан облысы әкімдігінің 2015 жылғы 3 наурыздағы № 50 қаулысы және Батыс Қазақстан облыстық "
      "мәслихатының 2015 жылғы 3 наурыздағы № 27-3 шешіміне мынадай өзгеріс енгізілсін:")
RU = ("1. Внести в совместное постановление акимата Западно-Казахстанской области от 3 марта 2015 года № 50 и "
      "решение Западно-Казахстанского областного маслихата от 3 марта 2015 года № 27-3 следующее изменение:")


def test_both_citations_of_a_joint_act_are_read_with_their_own_issuer_and_type():
    for text in (KK, RU):
        assert [r.work for r in find_refs(text)] == [AKIMAT, MASLIKHAT]


def test_a_joint_act_is_one_amended_act_with_two_ids():
    for umbrella, sentence in ((KK, "2-тармақ алып тасталсын."), (RU, "пункт 2 исключить.")):
        result = parse_instructions([umbrella, sentence], None)
        assert result.unparsed == []
        [op] = result.ops
        assert (op.work, op.joint) == (AKIMAT, [MASLIKHAT])
        assert op.to_json()["joint"] == [MASLIKHAT]


def test_two_acts_of_one_body_are_not_a_joint_act():
    text = ("1. Батыс Қазақстан облыстық мәслихатының 2015 жылғы 3 наурыздағы № 27-3 шешіміне (Батыс Қазақстан "
            "облыстық мәслихатының 2016 жылғы 5 сәуірдегі № 2-1 шешімімен өзгерістер енгізілген) мынадай өзгеріс енгізілсін:")
    [op] = parse_instructions([text, "2-тармақ алып тасталсын."], None).ops
    assert (op.work, op.joint) == (MASLIKHAT, [])


def test_a_joint_act_is_settled_to_the_id_the_corpus_holds():
    [op] = parse_instructions([KK, "2-тармақ алып тасталсын."], None).ops
    settle_joint(op, lambda w: w == MASLIKHAT)
    assert (op.work, op.joint) == (MASLIKHAT, [AKIMAT])


@pytest.mark.parametrize("held,message", [(set(), "under neither id"), ({AKIMAT, MASLIKHAT}, "in the corpus twice")])
def test_a_joint_act_held_under_neither_or_both_ids_is_refused(held, message):
    [op] = parse_instructions([KK, "2-тармақ алып тасталсын."], None).ops
    with pytest.raises(LawdiffError) as err:
        settle_joint(op, held.__contains__)
    assert message in str(err.value) and str(err.value).startswith("operation 1 ")


def test_real_joint_heading_names_both_bodies_without_the_word_joint():
    """A real joint act's heading (adilet V08C0003245): "Бірлескен Ақтөбе облысының әкімдігінің
    … № 80 қаулысы және Ақтөбе облысының мәслихаттың … № 57 шешімі"."""
    path = REAL / "kk_joint_head_note_russian_text_only_V08C0003245.txt"
    heading = next(line for line in path.read_text(encoding="utf-8").split("\n") if line.startswith("Бірлескен"))
    assert [r.work for r in find_refs(heading) if r.work] == ["kz/aktobe-region-akimat/resolution/2008/80",
                                                    "kz/aktobe-region-maslikhat/decision/2008/57"]
