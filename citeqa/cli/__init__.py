"""The ``citeqa`` command line (console script ``citeqa = citeqa.cli:main``).

One module per command family: ``library`` (ingest, docs, chunks, remove), ``ask``, ``chat``,
``serve`` (ui); ``eval`` and ``bench`` come from ``eval.cli``. Shared option types live in
``options`` (``eval.cli`` uses them too), the consoles and one-line errors in ``common``.
``app`` and ``main`` are resolved on first use, so importing ``citeqa.cli.options`` does not
build the whole command group. Nothing below the CLI imports it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from citeqa.cli import group

        return getattr(group, name)
    raise AttributeError(f"module 'citeqa.cli' has no attribute {name!r}")
