"""The one error ingestion raises: a single readable line naming the file and the cause."""

from __future__ import annotations


class IngestError(Exception):
    """A document that could not be read; ``str(error) == f"{source}: {cause}"``.

    Args:
        source: The path or URL as the user gave it (or as it was resolved).
        cause: What went wrong, in plain words, without a traceback.
    """

    def __init__(self, source: str, cause: str) -> None:
        super().__init__(f"{source}: {cause}")
        self.source = source
        self.cause = cause

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        """Keep the two fields when pickled (e.g. across worker processes)."""
        return (type(self), (self.source, self.cause))
