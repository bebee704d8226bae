"""A diff across the end of the act itself says once that the act ended, when and why, instead of
printing every provision as removed; --full lists them (real corpus: decree 330 repealed from
2023-07-01, resolution 1971's period "2025 жылға" ended on 2026-01-01)."""

from __future__ import annotations

import json

import pytest

from conftest import run_script


@pytest.mark.parametrize("work,d1,d2,status", [
    ("330", "2023-06-01", "2023-07-02", "repealed"),
    ("1971", "2025-12-01", "2026-03-01", "expired"),
])
def test_the_end_of_the_act_is_said_once(work, d1, d2, status):
    done = run_script("diff", work, "--from", d1, "--to", d2, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("the act ended") == 2          # the note and the summary line
    assert " removed" not in done.stdout and "[-" not in done.stdout
    kk = run_script("diff", work, "--from", d1, "--to", d2).stdout   # default: the act's language
    assert "акт екі күннің аралығында тоқтады" in kk and "\n  акт тоқтады (" in kk and "[-" not in kk
    data = json.loads(run_script("diff", work, "--from", d1, "--to", d2, "--json").stdout)
    assert data["ended"]["status"] == status and data["ended"]["provisions"] > 0
    assert data["changes"] == []


def test_full_lists_the_provisions_that_ended():
    data = json.loads(run_script("diff", "330", "--from", "2023-06-01", "--to", "2023-07-02", "--full", "--json").stdout)
    assert data["ended"]["listed"] is True
    assert len(data["changes"]) == data["ended"]["provisions"] == 115


def test_a_diff_inside_the_life_of_the_act_is_unchanged():
    data = json.loads(run_script("diff", "330", "--from", "2022-01-01", "--to", "2023-01-01", "--json").stdout)
    assert data["ended"] is None and data["changes"]
