"""The documents tab's behaviour: take uploads in safely, list and remove stored articles.

An upload arrives as a file in Gradio's own upload folder. It is checked (type, size, that it
really is in that folder), then copied into the app's upload folder under a sanitised name, and
only that copy is handed to ingestion. Nothing the browser sends is ever used as a path.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from ingest.formats import FILE_TYPES
from ui.render import escape_html, short_source

ALLOWED_EXTENSIONS: tuple[str, ...] = tuple(FILE_TYPES)
"""File types the upload accepts (compared case-insensitively)."""

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class Library(Protocol):
    """What the documents tab needs from the store."""

    def documents(self) -> Sequence[Any]: ...

    def remove(self, doc_id: str) -> bool: ...


IngestFn = Callable[..., Any]
"""``ingest.ingest``: ``ingest(paths, *, store, on_file)``."""


@dataclass(frozen=True)
class UploadResult:
    """One uploaded file's outcome, as shown to the user.

    name: the file name the user chose (display only). status: added, updated, unchanged,
    failed (ingestion error), refused (type, size or origin check) or working (in progress).
    detail: chunk count, or the error in plain words. doc_id: the stored article, if any.
    """

    name: str
    status: str
    detail: str
    doc_id: str = ""


def safe_name(name: str) -> str:
    """A file name that is safe to create: no folders, no odd characters, an allowed ending.

    name: the client's file name (untrusted; may hold ``../``, backslashes, control characters).
    """
    base = re.split(r"[\\/]", unicodedata.normalize("NFKC", name))[-1]
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = ext, ""
    stem = _UNSAFE.sub("_", stem).strip("._-")[:80] or "upload"
    ext = _UNSAFE.sub("", ext).lower()[:8]
    return f"{stem}.{ext}" if ext else stem


def human_size(n: float) -> str:
    """A byte count as people read it: "840 bytes", "84 kB", "1.5 MB", "20 MB".

    n: bytes (decimal units, as the limit is set in MB).
    """
    if n < 1000:
        return f"{n:.0f} bytes"
    if n < 1_000_000:
        return f"{n / 1000:.0f} kB"
    mb = n / 1_000_000
    return f"{mb:.1f} MB" if mb < 10 and mb != int(mb) else f"{mb:.0f} MB"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def stage_upload(
    uploaded: str | Path, upload_dir: Path, *, max_bytes: int, incoming_dir: Path
) -> Path | UploadResult:
    """Check an uploaded file and copy it into ``upload_dir``; a refusal when it fails a check.

    uploaded: the file Gradio stored (its name is the client's file name). upload_dir: where the
    app keeps uploads (created when missing). max_bytes: size limit. incoming_dir: Gradio's upload
    folder; a file outside it is refused. Returns the copy's path, or an ``UploadResult`` with
    status ``refused``. The same content uploaded twice reuses the first copy.
    """
    src = Path(uploaded)
    display = src.name
    ext = Path(display).suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        shown = ext or "(no extension)"
        return UploadResult(
            display,
            "refused",
            f"file type {shown} is not supported (use {' '.join(ALLOWED_EXTENSIONS)})",
        )
    if not _is_within(src, incoming_dir) or not src.is_file():
        return UploadResult(display, "refused", "not an uploaded file")
    size = src.stat().st_size
    if size > max_bytes:
        return UploadResult(
            display,
            "refused",
            f"file is {human_size(size)}; the limit is {human_size(max_bytes)}",
        )
    if size == 0:
        return UploadResult(display, "refused", "file is empty")
    upload_dir.mkdir(parents=True, exist_ok=True)
    name = safe_name(display)
    stem, ext = Path(name).stem, Path(name).suffix
    digest = _digest(src)
    for i in range(1000):
        dest = upload_dir / (name if i == 0 else f"{stem}-{i}{ext}")
        if not dest.exists():
            shutil.copyfile(src, dest)
            return dest
        if dest.is_file() and _digest(dest) == digest:
            return dest
    return UploadResult(display, "refused", "too many files with this name")


def add_files(
    files: Sequence[str | Path] | None,
    *,
    store: Any,
    ingest: IngestFn,
    upload_dir: Path,
    max_bytes: int,
    incoming_dir: Path,
) -> Iterator[list[UploadResult]]:
    """Stage and ingest uploaded files one by one, yielding every file's outcome as it is known.

    files: the files Gradio stored for this upload (None or empty yields nothing). store: the
    opened store. ingest: ``ingest.ingest``. upload_dir, max_bytes, incoming_dir: as for
    :func:`stage_upload`. Each yield lists every file: finished ones, then the one being read.
    """
    done: list[UploadResult] = []
    for f in files or []:
        display = Path(f).name
        staged = stage_upload(f, upload_dir, max_bytes=max_bytes, incoming_dir=incoming_dir)
        if isinstance(staged, UploadResult):
            done.append(staged)
            yield list(done)
            continue
        yield [*done, UploadResult(display, "working", "reading and indexing…")]
        try:
            report = ingest([str(staged)], store=store)
            results = list(report.files)
        except Exception as e:  # one bad file must not stop the others
            done.append(UploadResult(display, "failed", f"{type(e).__name__}: {e}"))
            yield list(done)
            continue
        if not results:
            done.append(UploadResult(display, "failed", "nothing could be read from this file"))
        done.extend(_outcomes(display, results))
        yield list(done)


def _outcomes(display: str, results: Sequence[Any]) -> list[UploadResult]:
    out = []
    for r in results:
        detail = r.error or plural(r.n_chunks, "passage") + " indexed"
        if r.status == "unchanged":
            detail = "already in the library"
        out.append(UploadResult(display, r.status, detail, r.doc_id or ""))
    return out


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, in the plural unless n is 1: "1 passage", "3 passages".

    n: the count. word: the singular noun.
    """
    return f"{n} {word}{'s' * (n != 1)}"


_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.I)


def add_url(url: str, *, store: Any, ingest: IngestFn) -> Iterator[list[UploadResult]]:
    """Fetch and ingest one article by URL, yielding its outcome as for :func:`add_files`.

    url: an http(s) address (anything else is refused). store: the opened store. ingest:
    ``ingest.ingest``, which fetches the page and strips its web-page leftovers.
    """
    url = url.strip()
    if not url:
        return
    if not _URL.match(url):
        yield [
            UploadResult(
                url, "refused", "not a web address (it must start with http:// or https://)"
            )
        ]
        return
    yield [UploadResult(url, "working", "fetching and indexing…")]
    try:
        report = ingest([url], store=store)
        results = list(report.files)
    except Exception as e:  # a bad page must not break the library
        yield [UploadResult(url, "failed", f"{type(e).__name__}: {' '.join(str(e).split())}")]
        return
    yield _outcomes(url, results) or [UploadResult(url, "failed", "nothing could be read")]


def render_results(results: Sequence[UploadResult]) -> str:
    """Upload outcomes as HTML rows; names and errors are escaped.

    results: from :func:`add_files`.
    """
    if not results:
        return ""
    rows = "".join(
        f'<div class="cq-result cq-st-{escape_html(r.status)}">'
        f'<span class="cq-status">{escape_html(r.status)}</span>'
        f'<span class="cq-name">{escape_html(r.name)}</span>'
        f'<span class="cq-detail">{escape_html(r.detail)}</span></div>'
        for r in results
    )
    return f'<div class="cq-results">{rows}</div>'


def _when(ts: float) -> str:
    if not ts:
        return ""
    return datetime.fromtimestamp(ts, tz=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


ACTION = re.compile(r"^(read|remove):([A-Za-z0-9_.-]{1,128})$")
"""What a row button sends: ``read:DOC_ID`` or ``remove:DOC_ID``."""


def parse_action(payload: str) -> tuple[str, str] | None:
    """(action, doc_id) from a row button's payload; None when malformed.

    payload: ``read:DOC_ID`` or ``remove:DOC_ID`` from the page (untrusted, matched strictly).
    """
    m = ACTION.match(payload.strip().removeprefix("#cq-doc="))
    return (m.group(1), m.group(2)) if m else None


def _matches(d: Any, words: Sequence[str]) -> bool:
    hay = f"{d.title} {d.source} {d.date}".lower()
    return all(w in hay for w in words)


def render_library(store: Library, query: str = "") -> str:
    """The stored articles as an HTML table with per-row Read and Remove buttons.

    store: the opened store. query: words every shown row must contain (title, source or
    date; case-insensitive). Column widths are fixed so dates and counts never wrap.
    """
    docs = list(store.documents())
    words = query.lower().split()
    shown = [d for d in docs if _matches(d, words)]
    if not docs:
        return '<div class="cq-muted">No articles yet: add files or a web address.</div>'
    count = plural(len(docs), "article")
    if words:
        count = f"{len(shown)} of {count}"
    rows = "".join(_library_row(d) for d in shown)
    empty = "" if shown else '<tr><td colspan="4" class="cq-muted">No article matches.</td></tr>'
    return (
        f'<div class="cq-lib-count">{count}</div>'
        '<table class="cq-lib"><colgroup><col class="cq-w-title"><col class="cq-w-num">'
        '<col class="cq-w-date"><col class="cq-w-act"></colgroup>'
        '<thead><tr><th>Article</th><th class="cq-c-num">Passages</th><th>Date</th><th></th>'
        f"</tr></thead><tbody>{rows}{empty}</tbody></table>"
    )


def _library_row(d: Any) -> str:
    added = _when(float(d.ingested_at or 0))
    title = escape_html(d.title or "Untitled article")
    doc = escape_html(d.doc_id)
    return (
        f'<tr data-doc="{doc}"><td class="cq-c-title"><div class="cq-t">{title}</div>'
        f'<div class="cq-c-meta"><span class="cq-c-source">{escape_html(short_source(d.source))}'
        f'</span><span class="cq-c-added"> · added {escape_html(added)}</span></div></td>'
        f'<td class="cq-c-num">{int(d.n_chunks)}</td>'
        f'<td class="cq-c-date">{escape_html(d.date or "—")}</td>'
        '<td class="cq-c-act">'
        f'<a class="cq-act cq-read" href="#cq-doc=read:{doc}">Read</a>'
        f'<a class="cq-act cq-remove" href="#cq-doc=remove:{doc}" data-title="{title}">Remove</a>'
        "</td></tr>"
    )


def remove_document(store: Library, doc_id: str | None) -> str:
    """Remove one article and its passages; a one-line outcome as HTML.

    store: the opened store. doc_id: the article to remove (None asks the user to choose).
    """
    if not doc_id:
        return '<div class="cq-muted">Choose an article to remove.</div>'
    title = next((d.title for d in store.documents() if d.doc_id == doc_id), "") or doc_id
    if store.remove(doc_id):
        return render_results([UploadResult(title, "removed", "removed from the library", doc_id)])
    return render_results([UploadResult(title, "failed", "not in the library", doc_id)])
