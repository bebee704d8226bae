"""Dates typed on the command line: ISO, DD.MM.YYYY, month names in Kazakh, Russian and English;
a two-digit year or an impossible day refused with the accepted forms; help says the forms.
Also `lawdiff --version` and the exit code of each kind of error."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import lawdiff, run_script
from lawdiff import __version__
from lawdiff.dates import ACCEPTED_FORMS, parse_user_date

MARCH_1 = dt.date(2026, 3, 1)


@pytest.mark.parametrize("text", [
    "2026-03-01", "01.03.2026", "1.3.2026", " 01.03.2026 ",
    "1 наурыз 2026", "1 наурызда 2026", "2026 жылғы 1 наурыз", "2026 жылғы 1 наурыздағы",
    "1 марта 2026", "1 марта 2026 г.", "1 марта 2026 года", "1 Марта 2026",
    "1 March 2026", "1 Mar 2026", "1 march, 2026",
])
def test_accepted_forms(text):
    assert parse_user_date(text) == MARCH_1


@pytest.mark.parametrize("text, month", [("1 мамыр 2026", 5), ("1 мая 2026", 5), ("1 May 2026", 5),
                                         ("1 қазан 2026", 10), ("1 октября 2026", 10), ("1 маусым 2026", 6)])
def test_every_language_names_its_months(text, month):
    assert parse_user_date(text) == dt.date(2026, month, 1)


@pytest.mark.parametrize("text, why", [
    ("01.03.26", "four digits"), ("1 марта 26", "four digits"), ("1 March 26", "four digits"),
    ("31.02.2023", "no such day"), ("2026-13-01", "no such day"),
    ("1 бар 2026", "not a month name"), ("1 Ma 2026", "not a month name"),
    ("yesterday", "is not a date"), ("2026/03/01", "is not a date"),
])
def test_refused_with_the_accepted_forms(text, why):
    with pytest.raises(ValueError) as err:
        parse_user_date(text)
    assert why in str(err.value) and ACCEPTED_FORMS in str(err.value)


def test_the_command_line_takes_a_month_name_like_the_iso_date(capsys):
    code, iso, _ = lawdiff(capsys, "show", "2999", "--at", "2026-03-01", "--json")
    assert code == 0
    for text in ("1 наурыз 2026", "1 марта 2026", "1 March 2026"):
        code, out, err = lawdiff(capsys, "show", "2999", "--at", text, "--json")
        assert code == 0, err
        assert json.loads(out) == json.loads(iso)


def test_a_two_digit_year_is_a_usage_error_naming_the_forms():
    done = run_script("at", "01.03.26")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "four digits" in done.stderr and "1 наурыз 2026" in done.stderr


@pytest.mark.parametrize("args", [["at", "--help"], ["show", "--help"], ["diff", "--help"], ["event", "add", "--help"]])
def test_help_lists_the_date_forms(args):
    done = run_script(*args)
    assert done.returncode == 0
    assert "DD.MM.YYYY" in done.stdout and "1 марта 2026" in done.stdout


def test_version():
    done = run_script("--version")
    assert done.returncode == 0 and done.stdout == f"lawdiff {__version__}\n"
    assert __version__[0].isdigit()
