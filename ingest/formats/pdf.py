"""PDF files: pypdf extracts each page's text; lines are joined back into paragraphs."""

from __future__ import annotations

import io
import logging
import re

from ingest.errors import IngestError
from ingest.formats import Extracted

# pypdf logs repairs ("EOF marker not found") as warnings; with no logging set up Python would
# print them bare on stderr. The file's result says what went wrong; a configured root logger
# still receives them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$")
_JUNK_TITLE = re.compile(
    r"^(?:untitled|microsoft word\b|document\d*$|.*\.(?:docx?|pdf|tex)$)", re.IGNORECASE
)
_SHORT_LINE = 0.75  # a line shorter than this share of the page's width ends a paragraph


def reflow(page_text: str) -> str:
    """Join a page's wrapped lines into paragraphs separated by blank lines.

    A line ends its paragraph when it is clearly shorter than the page's usual line and ends a
    sentence (or the next line starts with a capital); a word hyphenated across lines is
    re-joined; lines that are only a page number are dropped.

    Args:
        page_text: The text pypdf extracted from one page.
    """
    lines = [" ".join(line.split()) for line in page_text.split("\n")]
    lines = [line for line in lines if not _PAGE_NUMBER.fullmatch(line)]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    width = lengths[int(0.8 * (len(lengths) - 1))]
    paragraphs: list[str] = []
    current = ""
    last_line = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = last_line = ""
            continue
        if not current:
            current = last_line = line
            continue
        prev_short = len(last_line) < _SHORT_LINE * width
        last_word = current.rsplit(" ", 1)[-1]
        if last_word.endswith("-") and len(last_word) > 1 and line[:1].islower():
            current = current[:-1] + line
        elif prev_short and (_SENTENCE_END.search(current) or line[:1].isupper()):
            paragraphs.append(current)
            current = line
        else:
            current += " " + line
        last_line = line
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def pdf_to_text(data: bytes, source: str) -> Extracted:
    """The text of a PDF, its title and creation date when its metadata has them.

    Args:
        data: The PDF file's bytes.
        source: The path or URL, used in errors.
    """
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise IngestError(source, f"encrypted PDF (cannot decrypt: {exc})") from exc
            if opened == PasswordType.NOT_DECRYPTED:
                raise IngestError(source, "encrypted PDF (a password is required)")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        detail = str(exc).split("\n", 1)[0][:120]
        cause = f"corrupt or unreadable PDF ({detail or type(exc).__name__})"
        raise IngestError(source, cause) from None
    text = "\n\n".join(p for p in (reflow(page) for page in pages) if p)
    if not text.strip():
        raise IngestError(source, "PDF has no extractable text (a scanned image? run OCR first)")
    title = ""
    date = ""
    if info is not None:
        raw_title = " ".join(str(info.title or "").split())
        title = "" if _JUNK_TITLE.match(raw_title) else raw_title
        try:
            created = info.creation_date
        except Exception:  # malformed date strings in the metadata
            created = None
        date = created.date().isoformat() if created else ""
    return Extracted(text=text, title=title, date=date)
