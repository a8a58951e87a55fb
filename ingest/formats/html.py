"""HTML pages: trafilatura finds the article's main text, title and date."""

from __future__ import annotations

import re

from ingest.errors import IngestError
from ingest.formats import Extracted

_NEWLINES = re.compile(r"\n+")


def _extract(html: bytes | str, url: str | None, favor_recall: bool) -> Extracted | None:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=favor_recall,
    )
    if found is None or isinstance(found, dict):
        return None
    text = (found.text or "").strip()
    if not text:
        return None
    return Extracted(
        # trafilatura puts one block element per line; each is a paragraph for us.
        text=_NEWLINES.sub("\n\n", text),
        title=(found.title or "").strip(),
        date=(found.date or "")[:10],
    )


def html_to_text(html: bytes | str, source: str, url: str | None = None) -> Extracted:
    """The main article text of an HTML page, with its title and date when the page has them.

    Args:
        html: The page, as bytes (its declared charset is honoured) or text.
        source: The path or URL, used in errors.
        url: The page's address when it came from the web (helps metadata); None.
    """
    try:
        found = _extract(html, url, favor_recall=False) or _extract(html, url, favor_recall=True)
    except Exception as exc:  # a third-party parser on arbitrary input: report, never crash
        raise IngestError(source, f"could not parse the HTML ({type(exc).__name__})") from exc
    if found is None:
        raise IngestError(source, "no article text found in the HTML page")
    return found
