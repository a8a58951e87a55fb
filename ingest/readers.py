"""Read one article (file or URL) into a cleaned :class:`~ingest.types.Document`.

Every failure becomes one :class:`~ingest.errors.IngestError` naming the source and the cause
(missing, unreadable, too large, empty, binary, corrupt or encrypted PDF, no article text, URL
that failed); nothing else escapes.
"""

from __future__ import annotations

import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from citeqa.settings import Settings, get_settings
from ingest.clean import clean_text, normalize_text
from ingest.dates import date_of
from ingest.errors import IngestError
from ingest.formats import FILE_TYPES, SUPPORTED_EXTENSIONS, Extracted
from ingest.formats.html import html_to_text
from ingest.formats.markdown import markdown_to_text
from ingest.formats.pdf import pdf_to_text
from ingest.formats.text import check_not_binary, decode_text, find_date, guess_title
from ingest.sources import extension_of, is_url, unsupported_type_cause
from ingest.types import Document

__all__ = ["read_document"]

_USER_AGENT = "citeqa/0.1 (article reader)"


@dataclass(frozen=True)
class _Raw:
    """Bytes of a source and what kind of document they are."""

    data: bytes
    kind: str
    charset: str | None = None
    url: str | None = None


def _limit_bytes(settings: Settings) -> int:
    return int(settings.max_file_mb * 1024 * 1024)


def _too_large(size: int, settings: Settings) -> str:
    limit = _limit_bytes(settings)
    shown = f"{size / 1024 / 1024:.1f} MB"
    if float(shown.split()[0]) <= settings.max_file_mb:  # rounding would hide the excess
        shown = f"{size:,} bytes"
    return (
        f"too large ({shown}; the limit is {settings.max_file_mb:g} MB = {limit:,} bytes, "
        "set CITEQA_MAX_FILE_MB to change it)"
    )


def _read_file(source: str, settings: Settings) -> _Raw:
    """The bytes of a local file, after checking type and size without reading it."""
    path = Path(source).expanduser()
    try:
        info = path.stat()
    except FileNotFoundError:
        if "://" in source:
            scheme = source.split("://", 1)[0]
            cause = f"unsupported URL scheme '{scheme}' (only http and https)"
            raise IngestError(source, cause) from None
        raise IngestError(source, "no such file or folder") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(source, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):  # a FIFO or device: opening it could block forever
        raise IngestError(source, "not a regular file (a FIFO, device or socket); not read")
    suffix = extension_of(source)
    if suffix not in SUPPORTED_EXTENSIONS:
        raise IngestError(source, unsupported_type_cause(suffix))
    if info.st_size > _limit_bytes(settings):
        raise IngestError(source, _too_large(info.st_size, settings))
    try:
        with path.open("rb") as handle:
            data = handle.read(_limit_bytes(settings) + 1)
    except PermissionError:
        raise IngestError(source, "permission denied (cannot read the file)") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > _limit_bytes(settings):
        raise IngestError(source, _too_large(len(data), settings))
    return _Raw(data, FILE_TYPES[suffix])


def _kind_of_response(content_type: str, data: bytes, url: str) -> str:
    """Decide how to read a downloaded body from its content type, or by sniffing."""
    mime = content_type.split(";", 1)[0].strip().lower()
    head = data[:1024].lstrip().lower()
    if "pdf" in mime or head.startswith(b"%pdf-"):
        return "pdf"
    if "html" in mime or "xml" in mime or head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if mime in ("text/markdown", "text/x-markdown"):
        return "markdown"
    if mime.startswith("text/") or mime in ("", "application/octet-stream"):
        return "text"
    raise IngestError(url, f"unsupported content type '{mime}' (expected HTML, PDF or text)")


def _fetch_url(url: str, settings: Settings) -> _Raw:
    """Download ``url`` within the timeout and size limits."""
    import httpx

    from ingest.deadline import DeadlineTransport

    limit = _limit_bytes(settings)
    timeout = settings.url_timeout
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                headers={"User-Agent": _USER_AGENT},
                transport=DeadlineTransport(deadline),
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise IngestError(url, f"HTTP {response.status_code} {reason}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise IngestError(url, _too_large(int(declared), settings))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise IngestError(url, _too_large(size, settings))
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("total time exceeded")
                chunks.append(chunk)
            data = b"".join(chunks)
            kind = _kind_of_response(response.headers.get("content-type", ""), data, url)
            return _Raw(data, kind, charset=response.charset_encoding, url=str(response.url))
    except httpx.TimeoutException:
        raise IngestError(url, f"timed out after {timeout:g} s") from None
    except httpx.ConnectError as exc:
        detail = str(exc).split("] ", 1)[-1] or "connection failed"
        raise IngestError(url, f"could not connect ({detail})") from None
    except httpx.TooManyRedirects:
        raise IngestError(url, "too many redirects") from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise IngestError(url, f"request failed ({type(exc).__name__}: {exc})") from None


def _declared_html(raw: _Raw) -> bytes | str:
    """HTML as text when the server declared a charset that decodes it, else the raw bytes."""
    if raw.charset:
        try:
            return raw.data.decode(raw.charset)
        except (UnicodeDecodeError, LookupError):
            pass
    return raw.data


def _extract(raw: _Raw, source: str) -> Extracted:
    """Run the format reader for ``raw.kind``."""
    if raw.kind == "pdf":
        return pdf_to_text(raw.data, source)
    check_not_binary(raw.data, source)
    if not raw.data.strip():
        raise IngestError(source, "empty file (only whitespace)")
    if raw.kind == "html":
        return html_to_text(_declared_html(raw), source, url=raw.url)
    text = decode_text(raw.data, source, declared=raw.charset)
    if not text.strip():
        raise IngestError(source, "empty file (only whitespace)")
    if raw.kind == "markdown":
        return markdown_to_text(text)
    return Extracted(text=text, date=find_date(text))


# Bidirectional overrides and isolates: they make a title display as other text than it is.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_TITLE_MAX = 300


def safe_title(text: str) -> str:
    """A title as plain data: one line, no control or bidi-override characters, at most 300
    characters. (Markup such as ``[bold]`` stays as written: printing escapes it.)"""
    line = " ".join(_BIDI.sub("", normalize_text(text)).split())
    return line if len(line) <= _TITLE_MAX else line[: _TITLE_MAX - 1].rstrip() + "…"


def read_document(source: str, settings: Settings | None = None) -> Document:
    """Read, extract and clean one article.

    Plain text and markdown are decoded (UTF-8, falling back to cp1252 / latin-1 only when the
    result looks like text), HTML goes through trafilatura, PDF through pypdf, and an http(s)
    URL is downloaded and read according to its content type. The text is then cleaned with
    :func:`ingest.clean.clean_text`.

    Args:
        source: A file path or an http(s) URL.
        settings: Limits to apply (``max_file_mb``, ``url_timeout``); the process settings
            when None.

    Returns:
        The document; ``source`` is the absolute resolved path (or the URL as given).

    Raises:
        IngestError: For any reason the source cannot be read, with a one-line cause.
    """
    settings = settings or get_settings()
    if is_url(source):
        raw = _fetch_url(source, settings)
        name = source
    else:
        raw = _read_file(source, settings)
        name = str(Path(source).expanduser().resolve())
    if not raw.data:
        raise IngestError(source, "empty file")
    extracted = _extract(raw, source)
    text = clean_text(extracted.text)
    if not text:
        raise IngestError(source, "no article text (only page leftovers such as menus or forms)")
    title = safe_title(extracted.title) or safe_title(guess_title(text))
    page = _declared_html(raw) if raw.kind == "html" else None
    dated = date_of(raw.kind, page, extracted.text, extracted.date)
    return Document(
        source=name,
        text=text,
        title=title,
        date=dated.date,
        meta={"format": raw.kind, "date_source": dated.source},
    )
