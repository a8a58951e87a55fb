"""Expand what the user names (files, folders, URLs) into the documents to read."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ingest.errors import IngestError
from ingest.formats import SUPPORTED_EXTENSIONS
from ingest.formats import SUPPORTED_LABEL as _SUPPORTED_LIST


def is_url(source: str) -> bool:
    """True for ``http://`` and ``https://`` addresses (any letter case)."""
    return source[:8].lower().startswith(("http://", "https://"))


def extension_of(source: str) -> str:
    """The lower-cased file ending of a path, ``""`` when it has none."""
    return Path(source).suffix.lower()


def unsupported_type_cause(suffix: str) -> str:
    """The one-line reason given for a file whose type is not read."""
    shown = f"'{suffix}'" if suffix else "(no extension)"
    return f"unsupported file type {shown} (supported: {_SUPPORTED_LIST})"


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _walk_folder(folder: Path) -> list[Path]:
    """Every supported, non-hidden file under ``folder``, sorted by relative path."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not _is_hidden(d)]
        for name in files:
            if not _is_hidden(name) and Path(name).suffix.lower() in SUPPORTED_EXTENSIONS:
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def iter_sources(paths: Sequence[str]) -> Iterator[str | IngestError]:
    """Yield each document to read, or an :class:`IngestError` for what cannot be read.

    A file yields itself; a folder yields, recursively and sorted, each file with a supported
    extension (hidden files and folders skipped, other files silently ignored); an http(s) URL
    yields itself. A missing path, an explicitly named file of an unsupported type, and a folder
    with nothing readable in it each yield an error instead. The same file is yielded once even
    when named twice.

    Args:
        paths: Files, folders and URLs, in the order the user gave them.
    """
    seen: set[str] = set()

    def first_time(key: str) -> bool:
        if key in seen:
            return False
        seen.add(key)
        return True

    for raw in paths:
        source = str(raw)
        if is_url(source):
            if first_time(source):
                yield source
            continue
        path = Path(source).expanduser()
        if path.is_dir():
            files = _walk_folder(path)
            if not files:
                yield IngestError(source, f"no supported files in folder ({_SUPPORTED_LIST})")
            for file in files:
                if first_time(str(file.resolve())):
                    yield str(file)
        elif path.exists():
            suffix = path.suffix.lower()
            if suffix not in SUPPORTED_EXTENSIONS:
                yield IngestError(source, unsupported_type_cause(suffix))
            elif first_time(str(path.resolve())):
                yield source
        elif "://" in source:
            scheme = source.split("://", 1)[0]
            yield IngestError(source, f"unsupported URL scheme '{scheme}' (only http and https)")
        else:
            yield IngestError(source, "no such file or folder")
