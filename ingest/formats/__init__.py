"""One module per input format; each turns raw bytes or text into :class:`Extracted` text."""

from __future__ import annotations

from dataclasses import dataclass


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
