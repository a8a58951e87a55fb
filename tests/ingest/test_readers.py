"""read_document on real files and a real local web server: clean text or one clear error."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pickle
import re
import socket
import textwrap
import threading
import time
import unicodedata
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from citeqa.settings import Settings, get_settings
from ingest.clean import clean_text, normalize_text
from ingest.errors import IngestError
from ingest.readers import read_document
from tests.conftest import SAMPLE_ARTICLE, SQUAD

SAMPLE = SAMPLE_ARTICLE
LEFTOVERS = ["Leave a Reply", "You are commenting using", "Log Out", "%s", "Share this", "Like"]


def ws(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def with_settings(**changes: object) -> Settings:
    return get_settings().model_copy(update=changes)


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return str(path)


def read_error(source: str, app_settings: Settings | None = None) -> IngestError:
    with pytest.raises(IngestError) as info:
        read_document(source, app_settings)
    error = info.value
    assert error.source == source
    assert str(error) == f"{source}: {error.cause}"
    assert "\n" not in str(error)
    return error


ARTICLE_BODY = [
    "The city council voted on Tuesday to approve a new bridge over the river. "
    "The vote was seven to two.",
    "Construction will begin next spring and is expected to take three years, officials said.",
    "The mayor called the decision a turning point for the east side of the city.",
]


# --- plain text ----------------------------------------------------------------------------


def test_sample_article(tmp_path: Path) -> None:
    if not SAMPLE.exists():
        pytest.skip("sample article not present")
    doc = read_document(str(SAMPLE))
    raw = SAMPLE.read_text(encoding="utf-8")
    assert doc.source == str(SAMPLE.resolve())
    assert doc.title == ws(raw.split("\n", 1)[0])
    assert doc.text == clean_text(raw)
    for leftover in LEFTOVERS:
        assert leftover not in doc.text
    assert doc.meta["format"] == "text"


def test_squad_paragraphs_as_files_read_unchanged(tmp_path: Path) -> None:
    """492 small documents, as the pipeline will read them: text intact. (Their reading speed is
    a benchmark figure, ``read_ms_per_kb`` in ``eval.benchmarks.ingest_speed``.)"""
    if not SQUAD.exists():
        pytest.skip("SQuAD sample not present")
    articles = json.loads(SQUAD.read_text(encoding="utf-8"))["data"]
    contexts = [p["context"] for a in articles for p in a["paragraphs"]]
    paths = []
    for i, context in enumerate(contexts):
        path = tmp_path / f"{i:04d}.txt"
        path.write_text(context, encoding="utf-8")
        paths.append(str(path))
    docs = [read_document(p) for p in paths]
    assert [d.text for d in docs] == [normalize_text(c) for c in contexts]


def test_relative_path_becomes_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "a.txt", "Bridge Approved\n\n" + "\n\n".join(ARTICLE_BODY))
    monkeypatch.chdir(tmp_path)
    doc = read_document("a.txt")
    assert doc.source == str((tmp_path / "a.txt").resolve())
    assert Path(doc.source).is_absolute()


@pytest.mark.parametrize(
    "date_line",
    [
        "Posted on March 3, 2021 by admin",
        "3 March 2021",
        "Published: 2021-03-03 10:15",
        "Mar. 3rd, 2021",
        "Updated 2021/03/03",
    ],
)
def test_text_title_and_date(tmp_path: Path, date_line: str) -> None:
    source = write(
        tmp_path, "bridge.txt", "\n\n".join(["Bridge Approved", date_line, *ARTICLE_BODY])
    )
    doc = read_document(source)
    assert doc.title == "Bridge Approved"
    assert doc.date == "2021-03-03"
    assert doc.text.startswith("Bridge Approved\n\n")
    for para in ARTICLE_BODY:
        assert para in doc.text.split("\n\n")
    assert "Posted on" not in doc.text


def test_text_without_headline_has_no_title(tmp_path: Path) -> None:
    source = write(tmp_path, "plain.txt", "\n\n".join(ARTICLE_BODY))
    doc = read_document(source)
    assert doc.title == ""
    assert doc.date == ""
    assert doc.text == "\n\n".join(ARTICLE_BODY)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8-sig", b""), ("cp1252", b""), ("latin-1", b""), ("utf-16", b"")],
)
def test_text_encodings(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    text = "Café Reopens\n\nThe café on the corner reopened on Monday, its owner said. Prices: 5 €."
    if encoding == "latin-1":
        text = text.replace("€", "£")  # latin-1 has no euro sign
    source = write(tmp_path, "enc.txt", prefix + text.encode(encoding))
    doc = read_document(source)
    assert doc.text == text
    assert doc.title == "Café Reopens"


# --- markdown ------------------------------------------------------------------------------

MARKDOWN = """---
title: "Bridge Approved After Long Debate"
date: 2021-03-03
tags: [local]
---

# Bridge approved

The city council voted on **Tuesday** to approve a *new bridge* over the river.
Read the [full report](https://example.org/report) for the _details_.

![aerial view](bridge.jpg)

## Next steps

- Construction begins in `spring`.
- It will take three years.

> "A turning point," the mayor said.

---

```
code stays as text
```
"""


def test_markdown_article(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "bridge.md", MARKDOWN))
    assert doc.title == "Bridge Approved After Long Debate"
    assert doc.date == "2021-03-03"
    assert doc.meta["format"] == "markdown"
    for syntax in ["**", "](", "![", "```", "# ", "`", "> ", "---", "_details_", "title:"]:
        assert syntax not in doc.text, syntax
    for kept in [
        "Bridge approved",
        "The city council voted on Tuesday to approve a new bridge over the river.",
        "Read the full report for the details.",
        "Construction begins in spring.",
        "It will take three years.",
        '"A turning point," the mayor said.',
        "code stays as text",
    ]:
        assert kept in doc.text, kept
    assert "\n\n" in doc.text


def test_markdown_title_is_first_heading(tmp_path: Path) -> None:
    md = "Some intro words\n\n## The *Real* Title ##\n\n" + "\n\n".join(ARTICLE_BODY)
    doc = read_document(write(tmp_path, "t.md", md))
    assert doc.title == "The Real Title"


# --- HTML ----------------------------------------------------------------------------------


def html_page(body_paragraphs: list[str]) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in body_paragraphs)
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>Council approves new bridge | Example News</title>
<meta property="og:title" content="Council approves new bridge">
<meta property="article:published_time" content="2023-05-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/login">Log in</a></nav>
<article><h1>Council approves new bridge</h1>
{paras}
<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Twitter</a></li>
<li><a href="#">Facebook</a></li></ul></div>
<div class="likes"><h3>Like this:</h3><p>Like Loading...</p></div>
</article>
<div id="comments"><h3>Leave a Reply</h3>
<p>You are commenting using your WordPress.com account. ( Log Out / Change )</p>
<form><textarea>Enter your comment here...</textarea></form></div>
<footer><p>Connecting to %s</p><p>Copyright 2023 Example News. All rights reserved.</p></footer>
</body></html>"""


def test_html_article(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "page.html", html_page(ARTICLE_BODY)))
    assert doc.title == "Council approves new bridge"
    assert doc.date == "2023-05-04"
    assert doc.meta["format"] == "html"
    paragraphs = doc.text.split("\n\n")
    for para in ARTICLE_BODY:
        assert para in paragraphs
    for leftover in [*LEFTOVERS, "Log in", "Enter your comment", "All rights reserved"]:
        assert leftover not in doc.text, leftover


def test_htm_extension_and_declared_charset(tmp_path: Path) -> None:
    page = html_page(["Le conseil a approuvé le nouveau pont mardi, a déclaré la mairie."])
    page = page.replace('charset="utf-8"', 'charset="iso-8859-1"')
    doc = read_document(write(tmp_path, "page.htm", page.encode("latin-1")))
    assert "Le conseil a approuvé le nouveau pont mardi, a déclaré la mairie." in doc.text


def test_html_without_article_text(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    error = read_error(write(tmp_path, "empty.html", page))
    assert "no article text" in error.cause


# --- PDF -----------------------------------------------------------------------------------


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(pages: list[list[str]], title: str = "", created: str = "") -> bytes:
    """A real PDF (Helvetica, one text line per entry) written by hand, no library needed."""
    objects: list[bytes] = []
    page_ids = [3 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    font_id = 3 + 2 * len(pages)
    for page_id, lines in zip(page_ids, pages, strict=True):
        stream = "BT /F1 11 Tf 14 TL 72 760 Td " + " ".join(
            f"{_pdf_string(line)} Tj T*" for line in lines
        ) + " ET"  # fmt: skip
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {page_id + 1} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    info = ""
    if title or created:
        objects.append(
            f"<< /Title {_pdf_string(title)} /CreationDate {_pdf_string(created)} >>".encode()
        )
        info = f" /Info {len(objects)} 0 R"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


PDF_PARAGRAPHS = [
    "Bridge Approved",
    "The city council voted on Tuesday to approve a new bridge over the river after a long "
    "debate that lasted most of the evening and ended with a vote of seven to two.",
    "Construction will begin next spring and is expected to take three years, officials said, "
    "with most of the work done at night to keep traffic moving across the old crossing.",
]


def pdf_lines(paragraphs: list[str]) -> list[str]:
    """Wrapped like a typeset page: paragraphs as runs of lines, no blank lines between."""
    lines: list[str] = []
    for para in paragraphs:
        lines.extend(textwrap.wrap(para, 70))
    return lines


def test_pdf_article(tmp_path: Path) -> None:
    data = make_pdf(
        [pdf_lines(PDF_PARAGRAPHS), [*pdf_lines(ARTICLE_BODY[:1]), "2"]],
        title="Council Report",
        created="D:20210303101500Z",
    )
    doc = read_document(write(tmp_path, "report.pdf", data))
    assert doc.title == "Council Report"
    assert doc.date == "2021-03-03"
    assert doc.meta["format"] == "pdf"
    paragraphs = doc.text.split("\n\n")
    for para in [*PDF_PARAGRAPHS, ARTICLE_BODY[0]]:
        assert para in paragraphs, para  # wrapped lines joined back into whole paragraphs
    assert "2" not in paragraphs  # the page number is gone


def test_pdf_title_falls_back_to_first_line(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "r.pdf", make_pdf([pdf_lines(PDF_PARAGRAPHS)])))
    assert doc.title == "Bridge Approved"


def encrypt(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf_with_password(tmp_path: Path) -> None:
    data = encrypt(make_pdf([pdf_lines(PDF_PARAGRAPHS)]), "secret")
    assert PdfReader(io.BytesIO(data)).is_encrypted
    error = read_error(write(tmp_path, "locked.pdf", data))
    assert "encrypted" in error.cause and "password" in error.cause


def test_encrypted_pdf_with_empty_password_is_read(tmp_path: Path) -> None:
    data = encrypt(make_pdf([pdf_lines(PDF_PARAGRAPHS)]), "")
    assert PdfReader(io.BytesIO(data)).is_encrypted
    doc = read_document(write(tmp_path, "open.pdf", data))
    assert PDF_PARAGRAPHS[1] in doc.text


def test_pdf_without_text(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    error = read_error(write(tmp_path, "scan.pdf", out.getvalue()))
    assert "no extractable text" in error.cause


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\nthis is not really a pdf\n", b"hello, I am text", "truncated"],
)
def test_corrupt_pdf(tmp_path: Path, data: bytes | str) -> None:
    if data == "truncated":
        data = make_pdf([pdf_lines(PDF_PARAGRAPHS)])[:120]
    assert isinstance(data, bytes)
    error = read_error(write(tmp_path, "broken.pdf", data))
    assert "PDF" in error.cause


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n\t \r\n ", "empty file"),
        ("blank.md", b"\n\n\n", "empty file"),
        ("blank.html", b"   ", "empty file"),
        ("empty.pdf", b"", "empty file"),
        ("nul.txt", b"Hello\x00\x00\x00world\x00" * 20, "binary"),
        ("ctrl.md", bytes(range(1, 32)) * 40 + b"some text", "binary"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        ("leftovers.txt", b"Leave a Reply\n\nLog in\n\nConnecting to %s\n", "no article"),
    ],
)
def test_unreadable_contents(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    error = read_error(write(tmp_path, name, content))
    assert expected in error.cause


def test_unsupported_extension(tmp_path: Path) -> None:
    error = read_error(write(tmp_path, "sheet.xyz", "some text here"))
    assert error.cause == ("unsupported file type '.xyz' (supported: .txt, .md, .html, .htm, .pdf)")


def test_missing_file(tmp_path: Path) -> None:
    error = read_error(str(tmp_path / "nope.txt"))
    assert error.cause == "no such file or folder"


def test_other_url_scheme(tmp_path: Path) -> None:
    error = read_error("ftp://example.org/article.txt")
    assert "unsupported URL scheme 'ftp'" in error.cause


def test_folder_with_text_extension(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    error = read_error(str(tmp_path / "x.txt"))
    assert "folder" in error.cause


def test_file_without_read_permission(tmp_path: Path) -> None:
    source = write(tmp_path, "secret.txt", "Secret Story\n\n" + ARTICLE_BODY[0])
    os.chmod(source, 0)
    try:
        if os.access(source, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        error = read_error(source)
        assert "permission denied" in error.cause
    finally:
        os.chmod(source, 0o644)


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(8 * 1024**3)  # sparse 8 GB: reading it would take ages
    start = time.perf_counter()
    error = read_error(str(path), with_settings(max_file_mb=1.0))
    assert time.perf_counter() - start < 1.0
    assert "too large" in error.cause and "8192.0 MB" in error.cause


def test_limit_applies_to_small_files_too(tmp_path: Path) -> None:
    source = write(tmp_path, "a.txt", "Bridge Approved\n\n" + "\n\n".join(ARTICLE_BODY) * 20)
    read_document(source, with_settings(max_file_mb=1.0))
    assert "too large" in read_error(source, with_settings(max_file_mb=0.001)).cause


def test_ingest_error_shape() -> None:
    error = IngestError("/data/a.txt", "empty file")
    assert str(error) == "/data/a.txt: empty file"
    again = pickle.loads(pickle.dumps(error))
    assert (again.source, again.cause, str(again)) == (error.source, error.cause, str(error))


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                HealthCheck.function_scoped_fixture])  # fmt: skip


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html", ".pdf"]))
def test_any_bytes_give_a_document_or_one_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    source = write(tmp_path, "fuzz" + suffix, data)
    try:
        doc = read_document(source)
    except IngestError as error:
        assert str(error).startswith(source + ": ") and "\n" not in str(error)
    else:
        assert doc.text and doc.text == doc.text.strip()
        assert clean_text(doc.text) == doc.text


# --- URLs ----------------------------------------------------------------------------------

PLAIN = "Bridge Approved\n\nThe café council voted on Tuesday to approve a new bridge, it said."
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/article": (200, "text/html; charset=utf-8", html_page(ARTICLE_BODY).encode()),
    "/report.pdf": (200, "application/pdf", make_pdf([pdf_lines(PDF_PARAGRAPHS)])),
    "/notes": (200, "text/plain; charset=iso-8859-1", PLAIN.encode("latin-1")),
    "/latin-page": (
        200,
        "text/html; charset=iso-8859-1",
        html_page([*ARTICLE_BODY, "Le café a rouvert lundi, a déclaré la propriétaire."])
        .replace('<meta charset="utf-8">', "")
        .encode("latin-1"),
    ),
    "/unknown-type": (200, "application/octet-stream", PLAIN.encode()),
    "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
    "/broken": (500, "text/plain", b"internal error"),
    "/empty-page": (200, "text/html", b"<html><body><nav>Home</nav></body></html>"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
            return
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        status, ctype, body = ROUTES.get(self.path, (404, "text/plain", b"not found"))
        if self.path == "/huge":
            status, ctype, body = 200, "text/plain", b"x" * (2 * 1024 * 1024)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # the client may give up (timeout, size limit): that is what those tests want
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_html(server: str) -> None:
    doc = read_document(server + "/article")
    assert doc.source == server + "/article"
    assert doc.title == "Council approves new bridge"
    assert doc.date == "2023-05-04"
    for para in ARTICLE_BODY:
        assert para in doc.text.split("\n\n")
    assert "Leave a Reply" not in doc.text


def test_url_charset_from_the_http_header(server: str) -> None:
    doc = read_document(server + "/latin-page")
    assert "Le café a rouvert lundi, a déclaré la propriétaire." in doc.text.split("\n\n")


def test_url_redirect_is_followed(server: str) -> None:
    doc = read_document(server + "/moved")
    assert doc.source == server + "/moved"
    assert ARTICLE_BODY[0] in doc.text


def test_url_pdf(server: str) -> None:
    doc = read_document(server + "/report.pdf")
    assert doc.meta["format"] == "pdf"
    assert PDF_PARAGRAPHS[1] in doc.text.split("\n\n")


@pytest.mark.parametrize("path", ["/notes", "/unknown-type"])
def test_url_text(server: str, path: str) -> None:
    doc = read_document(server + path)
    assert doc.text == PLAIN
    assert doc.title == "Bridge Approved"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "HTTP 404"),
        ("/broken", "HTTP 500"),
        ("/image.png", "unsupported content type 'image/png'"),
        ("/empty-page", "no article text"),
    ],
)
def test_url_errors(server: str, path: str, expected: str) -> None:
    assert expected in read_error(server + path).cause


def test_url_timeout(server: str) -> None:
    start = time.perf_counter()
    error = read_error(server + "/slow", with_settings(url_timeout=0.5))
    assert time.perf_counter() - start < 2.5
    assert error.cause == "timed out after 0.5 s"


def test_url_too_large(server: str) -> None:
    assert "too large" in read_error(server + "/huge", with_settings(max_file_mb=1.0)).cause


@pytest.mark.parametrize("url", ["http://", "http://exa mple.org/a b", "https://[::1"])
def test_malformed_url(url: str) -> None:
    assert read_error(url).cause.startswith(("request failed", "could not connect"))


def test_url_connection_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = read_error(f"http://127.0.0.1:{port}/article")
    assert re.search(r"could not connect \(.*refused.*\)", error.cause, re.IGNORECASE)
