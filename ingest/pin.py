"""One read of each store's version for a block of reads.

``Store.version()`` reads a record (~1.5 ms with an embedded Chroma) and one answer asks it four
times or more: dense search catching up with other processes, the BM25 index and the quote book
checking whether they are current. Inside ``one_version()`` the first read is kept and reused
until the block ends; ``Store.sync()`` still reads afresh and keeps what it read. A block
should be short and never hold a ``yield``: it is a ``ContextVar``, and a generator resumed on
another thread would carry another context's view. A generator carries its pins from block to
block itself (``one_version(pins)``), as an answer does from retrieval to its news notes.

    >>> reads = []
    >>> def read() -> str:
    ...     reads.append(1)
    ...     return f"v{len(reads)}"
    >>> with one_version():
    ...     pinned(1, read), pinned(1, read)
    ('v1', 'v1')
    >>> pinned(1, read), pinned(1, read)
    ('v2', 'v3')
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_PINNED: ContextVar[dict[Hashable, str] | None] = ContextVar("citeqa_pinned", default=None)


@contextmanager
def one_version(pins: dict[Hashable, str] | None = None) -> Iterator[None]:
    """Within the block, each store's version is read once (see the module doc).

    pins: the versions an earlier block of the same task read, to go on from (one answer's
    blocks share theirs, so the answer sees one version throughout); filled in place.
    """
    token = _PINNED.set({} if pins is None else pins)
    try:
        yield
    finally:
        _PINNED.reset(token)


def pinned(key: Hashable, read: Callable[[], str]) -> str:
    """The version of the store ``key`` names: ``read()`` once per block, every time outside."""
    pins = _PINNED.get()
    if pins is None:
        return read()
    if key not in pins:
        pins[key] = read()
    return pins[key]


def repin(key: Hashable, version: str) -> None:
    """Keep ``version`` (just read afresh) as the block's view of the store ``key`` names."""
    pins = _PINNED.get()
    if pins is not None:
        pins[key] = version
