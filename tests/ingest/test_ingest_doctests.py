"""Every worked example in the ingest docstrings runs and gives the documented value."""

from __future__ import annotations

import pytest

import ingest
from tests.doctests import check_doctests, package_modules


@pytest.mark.parametrize("name", package_modules(ingest))
def test_doctests(name: str) -> None:
    check_doctests(name)
