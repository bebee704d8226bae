"""Property: generated acts applied in every order give the same files as in date order.

Everything here is SYNTHETIC: a made-up base (clause 2, a list of subclauses, two made-up
words each) and made-up amending acts drawn by hypothesis. Each act replaces words of a
subclause, gives a subclause a new wording (keeping its words, so later word replacements
still find them), inserts a subclause "s-k)", or deletes a subclause no other act touches;
acts may take effect on the same day. Such acts all apply in date order; the property is
that every permutation of them applies too and gives byte-identical, valid files.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawdiff.amend.apply import apply_act
from lawdiff.validate import validate_file

from .cases import AmendingAct, Case, build_corpus

_N = int(os.environ.get("LAWDIFF_PROPERTY_EXAMPLES", "150"))
ORDERS = dict(max_examples=max(1, _N // 30), deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

UMBRELLA = ("1. Батыс Қазақстан облысы Орал қаласы әкімдігінің 2020 жылғы 10 қаңтардағы № 1 "
            "қаулысына мынадай өзгерістер енгізілсін:")
WORDS = ["алма", "бидай", "жүгері", "арпа", "сұлы", "тары", "күріш", "қарақұмық"]
DATES = [dt.date(2024, 3, 1), dt.date(2024, 6, 1), dt.date(2024, 9, 1)]


def base_subclause(s: int) -> tuple[str, str]:
    return WORDS[2 * (s - 1)], WORDS[2 * (s - 1) + 1]


@st.composite
def scenarios(draw) -> Case:
    """A base of ``n`` subclauses and 2–3 acts whose operations never contradict each other."""
    n = draw(st.integers(2, 4))
    acts = draw(st.integers(2, 3))
    used_words: set[str] = set()
    touched: set[int] = set()
    deleted: set[int] = set()
    case = Case("synthetic_generated_orders")
    case.base_paragraphs = ["2. Көмек мыналарға көрсетіледі:"] + [
        f"{s}) {base_subclause(s)[0]} және {base_subclause(s)[1]} үшін" + ("." if s == n else ";")
        for s in range(1, n + 1)]
    for k in range(acts):
        lines = [UMBRELLA]
        for _ in range(draw(st.integers(1, 2))):
            kind = draw(st.sampled_from(["words", "replace", "insert", "delete"]))
            live = [s for s in range(1, n + 1) if s not in deleted]
            s = draw(st.sampled_from(live))
            if kind == "words":
                free = [w for w in base_subclause(s) if w not in used_words]
                if not free:
                    continue
                word = draw(st.sampled_from(free))
                used_words.add(word)
                touched.add(s)
                lines.append(f'2-тармақтың {s}) тармақшасындағы "{word}" деген сөз '
                             f'"{word}лар" деген сөзбен ауыстырылсын;')
            elif kind == "replace":
                touched.add(s)
                a, b = base_subclause(s)
                lines += [f"2-тармақтың {s}) тармақшасы мынадай редакцияда жазылсын:",
                          f'"{s}) {a} және {b} үшін, {k + 1}-өзгерту бойынша;";']
            elif kind == "insert":
                num = f"{s}-{k + 1}"
                if any(f"{num})" in line for line in lines):
                    continue
                lines += [f"2-тармақ мынадай мазмұндағы {num}) тармақшамен толықтырылсын:",
                          f'"{num}) {k + 1}-өзгерту бойынша қосылған тармақша;";']
            elif s not in touched and len(live) > 1:
                deleted.add(s)
                touched.add(s)
                lines.append(f"2-тармақтың {s}) тармақшасы алып тасталсын;")
        if len(lines) == 1:
            lines.append(f'2-тармақ мынадай мазмұндағы 9-{k + 1}) тармақшамен толықтырылсын:')
            lines.append(f'"9-{k + 1}) {k + 1}-өзгерту бойынша қосылған тармақша.";')
        effective = draw(st.sampled_from(DATES))
        lines.append(f"2. Осы қаулы {effective.strftime('%d.%m.%Y')} бастап қолданысқа енгізіледі.")
        case.acts.append(AmendingAct(f"kz/oral-akimat/resolution/2024/{5 + k}", effective, paragraphs=lines))
    return case


def _files(case: Case, order, root: Path) -> dict[str, bytes]:
    corpus = build_corpus(case, root)
    for act in order:
        apply_act(corpus, act.work)
    out = {}
    for path in corpus.work_files():
        assert validate_file(path) == [], path
        out[str(path.relative_to(root))] = path.read_bytes()
    return out


@settings(**ORDERS)
@given(scenarios())
def test_every_order_of_generated_acts_gives_the_same_files(case):
    # date order; same day: the lower number first (adopted the same day, see same_day_key)
    in_date_order = sorted(case.acts, key=lambda a: (a.effective, int(a.work.rsplit("/", 1)[1])))
    with tempfile.TemporaryDirectory() as tmp:
        expected = _files(case, in_date_order, Path(tmp) / "c0" / "corpus")
        for i, order in enumerate(itertools.permutations(case.acts), 1):
            if list(order) == in_date_order:
                continue
            files = _files(case, order, Path(tmp) / f"c{i}" / "corpus")
            for name, data in expected.items():
                assert files[name] == data, ([a.work for a in order], name)
