"""Errors the answer path raises for people to read: one line, saying what to do."""

from __future__ import annotations


class BackendError(RuntimeError):
    """An answer backend failed (server down, refused, 401, 500, timeout): one readable line."""


class NothingIngested(LookupError):
    """The store holds no articles yet, so there is nothing to answer from."""

    def __init__(self, location: str) -> None:
        super().__init__(
            f"nothing is ingested in the store at {location} yet — run `citeqa ingest PATH` first"
        )
        self.location = location
