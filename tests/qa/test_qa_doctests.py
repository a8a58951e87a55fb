"""Every worked example in the qa docstrings runs and gives the documented value."""

from __future__ import annotations

import pytest

import qa
from tests.doctests import check_doctests, package_modules


@pytest.mark.parametrize("name", package_modules(qa))
def test_doctests(name: str) -> None:
    check_doctests(name)
