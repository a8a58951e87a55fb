"""The ``citeqa`` command line (console script ``citeqa = citeqa.cli:main``).

One module per command family: ``library`` (ingest, docs, chunks, remove), ``ask``, ``chat``,
``serve`` (ui); ``eval`` and ``bench`` come from ``eval.cli``. Shared option types live in
``options``, the consoles and one-line errors in ``common``. Nothing below the CLI imports it.
"""

from citeqa.cli.app import app, main

__all__ = ["app", "main"]
