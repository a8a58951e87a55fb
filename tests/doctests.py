"""Helpers for the per-package doctest tests: every worked example in a docstring runs and gives
the documented value."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType


def package_modules(package: ModuleType, skip: tuple[str, ...] = ()) -> list[str]:
    """The dotted names of ``package``'s modules, those starting with ``skip`` left out."""
    prefix = f"{package.__name__}."
    return sorted(
        m.name
        for m in pkgutil.walk_packages(package.__path__, prefix=prefix)
        if not m.name.startswith(skip)
    )


def check_doctests(name: str) -> None:
    """Run module ``name``'s doctests; fail with how many failed."""
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
