"""Every worked example in the qa docstrings runs and gives the documented value."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import qa as qa_pkg

MODULES = sorted(m.name for m in pkgutil.walk_packages(qa_pkg.__path__, prefix="qa."))


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
