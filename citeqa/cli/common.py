"""What the commands share: the two consoles, opening the store, and errors as one line.

A failure the user can fix (no store, nothing ingested, a malformed ``--llm``, an LLM server
that is down or refuses) is printed as ``error: …`` on stderr with exit status 2, never as a
traceback. ``CITEQA_DEBUG=1`` shows the traceback instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from ingest import Store

out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

USAGE_ERROR = 2


def fail(message: str, code: int = USAGE_ERROR) -> NoReturn:
    """Print ``error: message`` on stderr and exit with ``code``."""
    err.print(f"[red]error:[/red] {escape(message)}")
    raise typer.Exit(code)


def open_existing(store: Path | None, chroma_url: str | None, *, create: bool = False) -> Store:
    """The store at ``--chroma-url`` or ``--store`` (default: settings).

    Only ``citeqa ingest`` passes ``create=True``; every other command refuses a store that does
    not exist yet, naming what to do.
    """
    from ingest import StoreError

    try:
        return _open(chroma_url or store, create)
    except StoreError as e:
        fail(str(e))


def _open(location: str | Path | None, create: bool) -> Store:
    from ingest import open_store

    return open_store(location, create=create)


def require_documents(st: Store) -> None:
    """Refuse at once to answer from a store with nothing in it."""
    from qa.errors import NothingIngested

    if st.count() == 0:
        fail(str(NothingIngested(str(st.location))))


def _known_errors() -> tuple[type[BaseException], ...]:
    """Errors that carry a message the user can act on (each a single readable line)."""
    from ingest import StoreError
    from qa.errors import BackendError, NothingIngested

    return (StoreError, ValueError, FileNotFoundError, BackendError, NothingIngested)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Turn the errors a user can fix into ``error: …`` and exit 2."""
    try:
        yield
    except typer.Exit:
        raise
    except Exception as e:
        if os.environ.get("CITEQA_DEBUG") or not isinstance(e, _known_errors()):
            raise
        fail(first_line(e))


def first_line(e: BaseException) -> str:
    """The first non-empty line of an error's message (its type name when it has none)."""
    for line in str(e).splitlines():
        if line.strip():
            return line.strip()
    return type(e).__name__
