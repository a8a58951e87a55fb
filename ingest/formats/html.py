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


_DIV_TAG = re.compile(r"</?div\b[^>]*>", re.IGNORECASE)
_DIV_TAG_BYTES = re.compile(rb"</?div\b[^>]*>", re.IGNORECASE)
_DEEP = 200  # more <div>s than this and a failed parse is retried with the divs taken out
_NAV = ("nav", "menu", "aside")


def _flatten_divs(html: bytes | str) -> bytes | str:
    """The page without its ``<div>`` tags: their text stays, their nesting depth goes.

    libxml2 stops parsing at a nesting depth of 256, so a page of 10,000 nested divs yields no
    text at all though its text is there.
    """
    if isinstance(html, bytes):
        return _DIV_TAG_BYTES.sub(b"\n", html)
    return _DIV_TAG.sub("\n", html)


def _div_count(html: bytes | str) -> int:
    return html.count(b"<div") if isinstance(html, bytes) else html.count("<div")


def _navigation_text(html: bytes | str) -> str:
    """The text inside navigation elements (``<nav>``, ``<menu>``, ``<aside>``, role=navigation)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # unparsable here: no navigation found
        return ""
    nodes = tree.xpath("//nav | //menu | //aside | //*[@role='navigation']")
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


def _only_navigation(found: Extracted, html: bytes | str) -> bool:
    """Whether every paragraph extracted is text of the page's navigation elements."""
    nav = _navigation_text(html)
    if not nav:
        return False
    paragraphs = [" ".join(p.split()) for p in found.text.split("\n\n") if p.strip()]
    return all(p in nav for p in paragraphs)


def html_to_text(html: bytes | str, source: str, url: str | None = None) -> Extracted:
    """The main article text of an HTML page, with its title and date when the page has them.

    Args:
        html: The page, as bytes (its declared charset is honoured) or text.
        source: The path or URL, used in errors.
        url: The page's address when it came from the web (helps metadata); None.
    """
    try:
        found = _extract(html, url, favor_recall=False) or _extract(html, url, favor_recall=True)
        if found is None and _div_count(html) > _DEEP:
            flat = _flatten_divs(html)
            found = _extract(flat, url, favor_recall=False) or _extract(flat, url, True)
    except Exception as exc:  # a third-party parser on arbitrary input: report, never crash
        raise IngestError(source, f"could not parse the HTML ({type(exc).__name__})") from exc
    if found is None:
        raise IngestError(source, "no article text found in the HTML page")
    if _only_navigation(found, html):
        raise IngestError(source, "no article text in the HTML page (only navigation links)")
    return found
