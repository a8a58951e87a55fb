"""Bad input files, built on demand (FIFOs and symlinks cannot live in git as such).

Each probe is ``(name, build, expect)``: ``build(folder)`` writes the input and returns the path
to ingest; ``expect`` is ``("refused", words in the one-line cause)`` or ``("read", check)``
where ``check(document)`` says whether the text came out right.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.types import Document

BODY = (
    "The council voted on Tuesday to build a new bridge over the river. "
    "The mayor said the work starts in May and costs four million euros."
)


@dataclass(frozen=True)
class Probe:
    name: str
    build: Callable[[Path], Path]
    refused: str = ""  # words the one-line cause must contain; "" when the file must be read
    check: Callable[[Document], bool] | None = None


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def symlink_loop(folder: Path) -> Path:
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    return folder / "loop-a.txt"


def link_outside(folder: Path) -> Path:
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir(exist_ok=True)
    secret = _write(outside, "secret.txt", f"Secret Memo\n\n{BODY}")
    (folder / "passwd.txt").symlink_to(secret)
    return folder / "passwd.txt"


def mixed_encoding(folder: Path) -> Path:
    utf8 = "Café Owners Meet\n\nThe café on Rue Neuve opened in 1990.\n".encode()
    cp1252 = "The owner of the café said “we are proud”.\n".encode("cp1252")
    return _write(folder, "mixed.txt", utf8 + cp1252 + BODY.encode())


def utf16_no_bom(folder: Path) -> Path:
    text = f"Bridge Vote\n\n{BODY}"
    return _write(folder, "utf16.txt", text.encode("utf-16-le"))


def nav_only(folder: Path) -> Path:
    links = "".join(
        f"<li><a href='/s{i}'>Section number {i} of the site</a></li>" for i in range(12)
    )
    return _write(folder, "nav.html", f"<html><body><nav><ul>{links}</ul></nav></body></html>")


def deep_divs(folder: Path) -> Path:
    html = (
        "<html><head><title>Deep Page</title></head><body>"
        + "<div>" * 10_000
        + f"<p>{BODY}</p>"
        + "</div>" * 10_000
        + "</body></html>"
    )
    return _write(folder, "deep.html", html)


def javascript_title(folder: Path) -> Path:
    return _write(folder, "js.md", f"# [Bridge Vote](javascript:alert(1)) today\n\n{BODY}\n")


def bidi_title(folder: Path) -> Path:
    return _write(folder, "bidi.md", f"# Bridge \u202evote\u202c news\n\n{BODY}\n")


def rich_markup_title(folder: Path) -> Path:
    return _write(folder, "markup.md", f"# Bridge [/bold] vote :x: [red]news\n\n{BODY}\n")


def one_byte_over(folder: Path) -> Path:
    return _write(folder, "big.txt", b"a" * (1024 * 1024 + 1))  # with CITEQA_MAX_FILE_MB=1


def no_punctuation(folder: Path) -> Path:
    return _write(folder, "run.txt", "Long Run\n\n" + "word " * 190_000)


def utf16_with_bom(folder: Path) -> Path:
    return _write(folder, "bom16.txt", codecs.BOM_UTF16_LE + f"Bom\n\n{BODY}".encode("utf-16-le"))


PROBES: tuple[Probe, ...] = (
    Probe("FIFO in a folder", fifo, refused="not a regular file"),
    Probe("symlink loop", symlink_loop, refused="symbolic link loop"),
    Probe("symlink to a file outside the folder", link_outside, refused="outside the folder"),
    Probe("HTML with only <nav>", nav_only, refused="only navigation"),
    Probe("file 1 byte over the size limit", one_byte_over, refused="1,048,577 bytes"),
    Probe(
        "mixed UTF-8 / cp1252 lines",
        mixed_encoding,
        check=lambda d: "Café Owners" in d.text and "café said “we" in d.text and "Ã" not in d.text,
    ),
    Probe("UTF-16 without BOM", utf16_no_bom, check=lambda d: d.title == "Bridge Vote"),
    Probe("UTF-16 with BOM", utf16_with_bom, check=lambda d: d.title == "Bom"),
    Probe("10,000-deep <div> page", deep_divs, check=lambda d: "four million euros" in d.text),
    Probe(
        "markdown title with a javascript: link",
        javascript_title,
        check=lambda d: d.title == "Bridge Vote today",
    ),
    Probe("bidi override in a title", bidi_title, check=lambda d: d.title == "Bridge vote news"),
    Probe(
        "Rich markup in a title (kept as data)",
        rich_markup_title,
        check=lambda d: d.title == "Bridge [/bold] vote :x: [red]news",
    ),
    Probe(
        "0.9 MB without sentence punctuation",
        no_punctuation,
        check=lambda d: len(d.text) > 900_000,
    ),
)
