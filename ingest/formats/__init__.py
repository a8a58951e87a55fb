"""One module per input format; each turns raw bytes or text into :class:`Extracted` text."""

from __future__ import annotations

from dataclasses import dataclass

FILE_TYPES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
"""The one list of file types citeqa reads: file ending (lower case) → format reader.
Folder walks, upload checks, error messages and UI labels all derive from it."""

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(FILE_TYPES)
"""File name endings read_document understands (compared case-insensitively)."""

SUPPORTED_LABEL = ", ".join(FILE_TYPES)
"""The endings as people read them: ``.txt, .md, .html, .htm, .pdf``."""


@dataclass(frozen=True)
class Extracted:
    """What a format reader found, before cleaning.

    Args:
        text: The document's text, paragraphs separated by a blank line.
        title: The title the format itself declares (metadata, first heading); "" if none.
        date: The publication date as ``YYYY-MM-DD``; "" if none.
    """

    text: str
    title: str = ""
    date: str = ""
