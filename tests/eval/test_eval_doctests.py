"""Every worked example in the eval docstrings runs and gives the documented value."""

from __future__ import annotations

import importlib

import pytest

import eval as eval_pkg
from tests.doctests import check_doctests, package_modules

NOT_OURS = ("eval.benchmarks",)  # other areas test their own modules
MODULES = package_modules(eval_pkg, skip=NOT_OURS)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    check_doctests(name)


def test_metric_functions_have_worked_examples() -> None:
    """Each public metric function documents its formula with at least one example."""
    missing = []
    for name in MODULES:
        if not name.startswith("eval.metrics.") or name.endswith("prompts"):
            continue
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", dir(module)):
            fn = getattr(module, attr)
            if callable(fn) and not attr.startswith("_") and getattr(fn, "__module__", "") == name:
                if isinstance(fn, type):
                    continue
                if ">>>" not in (fn.__doc__ or ""):
                    missing.append(f"{name}.{attr}")
    assert not missing, missing
