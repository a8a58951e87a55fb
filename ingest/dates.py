"""An article's publication date, taken from the most reliable place that has one.

Order (the first that gives a full calendar date wins; its name is the ``date_source``):

1. ``meta`` / ``json-ld`` / ``time``: an HTML page's own metadata — ``<meta>`` tags such as
   ``article:published_time``, a JSON-LD ``datePublished``, a ``<time datetime>`` element — read
   with lxml, then htmldate restricted to metadata (``extensive_search=False``).
2. ``dateline``: a date written at the top of the text ("PORT ALDER, March 12, 2025 —",
   "Published: March 14, 2025", "*June 2, 2025*"), within the first few lines only.
   ``byline``: for an HTML page whose extracted text has none, a short element the page marks
   as its byline or date line (``class="byline"``, ``id="post-date"``, …: "By Ann Lee · March
   3, 2026"), which the text extraction leaves out.
3. ``front-matter``: a markdown file's ``date:`` field.
4. ``file``: a PDF's own creation date (often the day it was exported, so it comes last).

A year deep in the body ("founded in 1998") is never used: nothing below the top lines is read.
A dateline without a year ("KESSLING, 3 March —") gives no date rather than a guessed year.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = [
    "DatedAs",
    "dateline_date",
    "html_byline_date",
    "html_meta_date",
    "parse_day",
    "publication_date",
]

_HEAD_LINES = 6  # a dateline sits among the first lines: headline, byline, dateline
_LINE_MAX_WORDS = 14
_DATELINE_LEAD = re.compile(r"^(?P<lead>[^\n]{0,80}?)\s+(?:—|–|--|-)\s+\S")
_META_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
)


@dataclass(frozen=True)
class DatedAs:
    """A publication date (``YYYY-MM-DD``, "" when none was found) and where it came from."""

    date: str = ""
    source: str = ""


@lru_cache(maxsize=1)
def _parser() -> Any:
    import dateparser

    return dateparser


def parse_day(text: str) -> str:
    """A full calendar date (day, month and year all written) in ``text`` as ISO, or "".

    ISO forms are read directly; anything else goes to dateparser, which must find all three
    parts (``REQUIRE_PARTS``) so "March 2025" or "3 March" give "".
    """
    text = " ".join(text.split()).strip(" *_,.:;|()[]")
    if not text or len(text) > 80:
        return ""
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        try:
            return dt.date(*map(int, iso.groups())).isoformat()
        except ValueError:
            return ""
    found = _parser().parse(
        text,
        languages=["en"],
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return found.date().isoformat() if found else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text[:3000].split("\n") if line.strip()][:_HEAD_LINES]


_LABEL = re.compile(
    r"^(?:published|posted|updated|first published|date|dated|by\b[^,]*,)\s*:?\s*", re.I
)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


def _candidates(line: str) -> list[str]:
    """Pieces of one top line that may be a whole date."""
    out = [line]
    lead = _DATELINE_LEAD.match(line)
    if lead:  # "PORT ALDER, March 12, 2025 — The bridge..." → "PORT ALDER, March 12, 2025"
        out.append(lead.group("lead"))
    for piece in list(out):
        parts = [p.strip() for p in re.split(r"[|·•]", piece)]
        out.extend(parts)
        if "," in piece:  # "PORT ALDER, March 12, 2025": drop the place
            out.append(piece.split(",", 1)[1])
    stripped = [_WEEKDAY.sub("", _LABEL.sub("", p)) for p in out]
    return [p for p in dict.fromkeys(out + stripped) if p]


def dateline_date(text: str) -> str:
    """The date of a dateline among the first lines of ``text`` (ISO), or "".

    A line counts when it is short (a date line, a byline with a date) or starts a paragraph
    with "PLACE, DATE —"; the date must have day, month and year.
    """
    from ingest.formats.text import parse_date

    for line in _lines(text):
        short = len(line.split()) <= _LINE_MAX_WORDS
        lead = _DATELINE_LEAD.match(line)
        if not short and not lead:
            continue
        head = line if short else lead.group("lead") if lead else ""
        found = parse_date(head)  # the common English forms, exact and fast
        if found:
            return found
        for piece in _candidates(head):
            found = parse_day(piece)
            if found:
                return found
    return ""


def _iso(value: str) -> str:
    value = value.strip()
    return parse_day(value[:10]) or parse_day(value)


def _json_ld_dates(data: Any) -> list[str]:
    if isinstance(data, list):
        return [d for item in data for d in _json_ld_dates(item)]
    if not isinstance(data, dict):
        return []
    found = [str(data[k]) for k in ("datePublished", "dateCreated") if data.get(k)]
    for key in ("@graph", "mainEntity", "mainEntityOfPage"):
        if key in data:
            found += _json_ld_dates(data[key])
    return found


def html_meta_date(html: bytes | str) -> DatedAs:
    """The publication date an HTML page declares in its metadata, with where it was found.

    Looks at ``<meta>`` tags, JSON-LD and ``<time datetime>`` (in that order), then asks
    htmldate with ``extensive_search=False`` (metadata and URL only, never the body text).
    """
    import lxml.html

    try:
        tree = lxml.html.fromstring(html.encode() if isinstance(html, str) else html)
    except Exception:  # unparsable page: no metadata
        return DatedAs()
    metas = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        if key and m.get("content") and key not in metas:
            metas[key] = m.get("content")
    for name in _META_NAMES:
        if name in metas and _iso(metas[name]):
            return DatedAs(_iso(metas[name]), "meta")
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for value in _json_ld_dates(data):
            if _iso(value):
                return DatedAs(_iso(value), "json-ld")
    for t in tree.iter("time"):
        if _is_publication_time(t) and _iso(t.get("datetime") or ""):
            return DatedAs(_iso(t.get("datetime") or ""), "time")
    return _htmldate(html)


_BYLINE_HINT = re.compile(
    r"\b(byline|dateline|date|pubdate|posted|published|timestamp|article-meta|entry-meta|post-meta)\b"
)
_NOT_PUBLICATION = re.compile(r"updat|modif|comment|event|expir", re.I)


def html_byline_date(html: bytes | str) -> str:
    """The date in a short element the page marks as a byline or date line (ISO), or "".

    The element's class, id or itemprop must name it (``byline``, ``dateline``, ``post-date``,
    …, never an update, comment or event date) and its text be a line of a few words, read as a
    dateline ("By Ann Lee · March 3, 2026").

    >>> html_byline_date('<p class="byline">By Ann Lee, Reporter · March 3, 2026</p>')
    '2026-03-03'
    >>> html_byline_date('<p class="comment-date">March 3, 2026</p><p>March 4, 2026</p>')
    ''
    """
    import lxml.html

    try:
        tree = lxml.html.fromstring(html.encode() if isinstance(html, str) else html)
    except Exception:  # unparsable page: no byline
        return ""
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        hints = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"
        hints = hints.lower().replace("_", "-")
        if not _BYLINE_HINT.search(hints) or _NOT_PUBLICATION.search(hints):
            continue
        line = " ".join(el.text_content().split())
        if 0 < len(line.split()) <= 2 * _LINE_MAX_WORDS:
            found = dateline_date(line)
            if found:
                return found
    return ""


def _is_publication_time(t: Any) -> bool:
    """A ``<time>`` marked as the publication time, or one in the page's header or byline."""
    hints = f"{t.get('class') or ''} {t.get('itemprop') or ''}".lower()
    if t.get("pubdate") is not None or "publish" in hints or "posted" in hints:
        return True
    for parent in t.iterancestors():
        where = f"{parent.tag} {parent.get('class') or ''} {parent.get('id') or ''}".lower()
        if re.search(r"\b(header|byline|dateline|meta|entry-date|article-date)\b", where):
            return True
    return False


def _htmldate(html: bytes | str) -> DatedAs:
    try:
        from htmldate import find_date

        found = find_date(
            html.decode("utf-8", "replace") if isinstance(html, bytes) else html,
            extensive_search=False,
            original_date=True,
        )
    except Exception:  # a third-party parser on arbitrary input: no date rather than a crash
        return DatedAs()
    return DatedAs(found, "meta") if found else DatedAs()


def publication_date(
    text: str,
    *,
    html: bytes | str | None = None,
    front_matter: str = "",
    file_date: str = "",
) -> DatedAs:
    """The article's date from the most reliable place that has one (see the module doc).

    Args:
        text: The extracted article text (its first lines are searched for a dateline).
        html: The page, for HTML articles.
        front_matter: The ``date:`` value of a markdown file's front matter, as written.
        file_date: A date the file format itself records (a PDF's creation date), ISO.
    """
    if html is not None:
        found = html_meta_date(html)
        if found.date:
            return found
    found_line = dateline_date(text)
    if found_line:
        return DatedAs(found_line, "dateline")
    if html is not None:
        found_line = html_byline_date(html)
        if found_line:
            return DatedAs(found_line, "byline")
    if front_matter and parse_day(front_matter):
        return DatedAs(parse_day(front_matter), "front-matter")
    if file_date:
        return DatedAs(file_date, "file")
    return DatedAs()


def date_of(kind: str, page: bytes | str | None, extracted_text: str, format_date: str) -> DatedAs:
    """``publication_date`` for what a format reader returned.

    Args:
        kind: "html", "markdown", "pdf" or "text".
        page: The HTML page (for "html"), else None.
        extracted_text: The reader's text.
        format_date: The date the reader found in the format itself: a markdown front matter's
            ``date:``, a PDF's creation date (trafilatura's guess for HTML is not used: it may
            come from the body).
    """
    return publication_date(
        extracted_text,
        html=page if kind == "html" else None,
        front_matter=format_date if kind == "markdown" else "",
        file_date=format_date if kind == "pdf" else "",
    )
