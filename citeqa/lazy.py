"""Importing a library without the optional extras it would pull in on its own.

spaCy's thinc imports torch when it is installed (2+ s), lightgbm imports scikit-learn and
pandas (~0.8 s); citeqa uses neither extra through them. ``import_without("spacy", "torch")``
imports spaCy while ``torch`` looks absent, then makes ``torch`` importable again: the library
keeps its "not installed" answer for that extra, everything else in the process can still
import it.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def import_without(name: str, *extras: str) -> ModuleType:
    """``import name`` while the ``extras`` not imported yet look uninstalled."""
    if name in sys.modules:
        return sys.modules[name]
    hidden = [m for m in extras if m not in sys.modules]
    for m in hidden:
        sys.modules[m] = None  # type: ignore[assignment]  # makes `import m` raise ImportError
    try:
        return importlib.import_module(name)
    finally:
        for m in hidden:
            if sys.modules.get(m, ...) is None:
                del sys.modules[m]
