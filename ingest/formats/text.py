"""Plain text: decode bytes safely, refuse binary data, spot a headline and a date line."""

from __future__ import annotations

import codecs
import datetime as dt
import re

from ingest.errors import IngestError

_FALLBACKS = ("cp1252", "latin-1")
# Control characters that never occur in real text (tab, newlines, form feed excluded) and the
# replacement character a failed decode leaves behind.
_BAD_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_MAX_BAD_RATIO = 0.01


def _bad_ratio(text: str) -> float:
    return len(_BAD_CHARS.findall(text)) / max(len(text), 1)


def check_not_binary(data: bytes, source: str) -> None:
    """Raise :class:`IngestError` when ``data`` holds NUL bytes (and is not UTF-16).

    Args:
        data: The raw file content.
        source: The name used in the error.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or sniff_utf16(data):
        return
    if b"\x00" in data:
        raise IngestError(source, "binary file, not text (contains NUL bytes)")


def sniff_utf16(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` for UTF-16 text without a byte-order mark, else None.

    Text in a Latin script stored as UTF-16 has a NUL in (nearly) every other byte, on one side
    only; binary data has NULs scattered on both.
    """
    sample = data[:65536]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.3 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def _decode_lines(data: bytes) -> str:
    """Each line as UTF-8 when it is valid UTF-8, else as cp1252 (latin-1 for its 5 holes).

    A file pasted together from UTF-8 and Windows-1252 parts keeps both right ("Café" in
    each), where decoding the whole file as cp1252 would turn the UTF-8 parts into "CafÃ©".
    """
    out: list[str] = []
    for line in data.split(b"\n"):
        for encoding in ("utf-8", *_FALLBACKS):
            try:
                out.append(line.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
    return "\n".join(out).removeprefix("\ufeff")


def decode_text(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode text bytes: UTF-16 (BOM or sniffed), UTF-8, else line by line UTF-8 or cp1252.

    A fallback is accepted only when its result looks like text; data with NUL bytes or many
    control characters is refused as binary.

    Args:
        data: The raw bytes.
        source: The path or URL, used in errors.
        declared: An encoding announced by the source (an HTTP charset), tried first; None.
    """
    check_not_binary(data, source)
    utf16 = sniff_utf16(data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: list[str] = ["utf-16"]
    elif utf16:
        candidates = [utf16]
    else:
        candidates = [declared] if declared else []
        candidates += ["utf-8-sig", "lines"]
    first_error = ""
    for encoding in candidates:
        try:
            text = _decode_lines(data) if encoding == "lines" else data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            if not first_error and isinstance(exc, UnicodeDecodeError):
                bad = data[exc.start]
                first_error = f"not valid {exc.encoding}: byte 0x{bad:02x} at {exc.start}"
            continue
        ratio = _bad_ratio(text)
        if ratio <= _MAX_BAD_RATIO:
            return text
        if not first_error:
            first_error = f"{ratio:.0%} control characters"
    raise IngestError(source, f"binary file, not text ({first_error})")


_HEADLINE_MAX_WORDS = 20


def looks_like_headline(line: str) -> bool:
    """True for a short line with letters that does not end like a sentence or a clause.

    Args:
        line: One stripped line.
    """
    words = line.split()
    return (
        0 < len(words) <= _HEADLINE_MAX_WORDS
        and len(line) <= 200
        and any(c.isalpha() for c in line)
        and not line.endswith((".", ",", ";", ":"))
    )


def guess_title(text: str) -> str:
    """The first non-empty line of ``text`` when it looks like a headline, else "".

    Args:
        text: Cleaned text.
    """
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if looks_like_headline(line) else ""
    return ""


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH},? {_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}[-/](?P<mnum>\d{{1,2}})[-/]{_DAY}\b"),
]
_DATE_LINE_MAX_WORDS = 14
_DATE_SEARCH_LINES = 12


def parse_date(line: str) -> str:
    """The first calendar date written in ``line`` as ``YYYY-MM-DD``, or "".

    Args:
        line: Any text.
    """
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(line):
            groups = m.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
            try:
                return dt.date(int(groups["year"]), month, int(groups["day"])).isoformat()
            except ValueError:
                continue
    return ""


def find_date(text: str) -> str:
    """The date of a short date line near the top of ``text`` (``YYYY-MM-DD``), or "".

    Args:
        text: Raw or cleaned text; only its first non-empty lines are looked at.
    """
    lines = [line.strip() for line in text[:4000].split("\n") if line.strip()]
    for line in lines[:_DATE_SEARCH_LINES]:
        if len(line.split()) <= _DATE_LINE_MAX_WORDS:
            found = parse_date(line)
            if found:
                return found
    return ""
