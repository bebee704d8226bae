"""Shared helpers for the amendment tests: where the golden data lives."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "amend"
REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def amend_data() -> Path:
    return DATA
