"""Every worked example in the ingest docstrings runs and gives the documented value."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ingest as ingest_pkg

MODULES = sorted(m.name for m in pkgutil.walk_packages(ingest_pkg.__path__, prefix="ingest."))


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
