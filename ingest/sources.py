"""Expand what the user names (files, folders, URLs) into the documents to read."""

from __future__ import annotations

import errno
import os
import stat
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


def walked_dirs(root: str, dirs: list[str]) -> list[str]:
    """The subfolders of ``root`` a folder walk goes into: not hidden ones, and not a store
    (a folder holding ``chroma.sqlite3``, e.g. ``--store articles/store``): its files are
    citeqa's own, not articles.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as t:
    ...     for d in ("news", ".git", "store"):
    ...         os.mkdir(os.path.join(t, d))
    ...     _ = open(os.path.join(t, "store", "chroma.sqlite3"), "w").close()
    ...     walked_dirs(t, ["news", ".git", "store"])
    ['news']
    """
    return [
        d
        for d in dirs
        if not _is_hidden(d) and not os.path.isfile(os.path.join(root, d, "chroma.sqlite3"))
    ]


def _walk_folder(folder: Path) -> list[Path]:
    """Every supported, non-hidden file under ``folder``, sorted by relative path.

    Symbolic links to folders are not descended into (``os.walk``'s default), so a link loop
    cannot make the walk endless; links to files are checked by :func:`_check_entry`.
    """
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = walked_dirs(root, dirs)
        for name in files:
            if not _is_hidden(name) and Path(name).suffix.lower() in SUPPORTED_EXTENSIONS:
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _resolved(path: Path) -> Path | str:
    """The real path of ``path``, or the reason it has none (a symlink loop, a broken link)."""
    try:
        return path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a symlink loop this way
        return "symbolic link loop (not followed)"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (not followed)"
        if path.is_symlink():
            return "broken symbolic link (its target does not exist)"
        return f"cannot read ({exc.strerror or exc})"


def _check_entry(path: Path, root: Path | None, follow_links: bool) -> Path | str:
    """The real path of a file found in a folder walk, or why it is not read.

    Only regular files are read (a FIFO or device would block or never end); a link whose target
    lies outside the folder walked (``root``) is not followed unless ``follow_links``.
    """
    real = _resolved(path)
    if isinstance(real, str):
        return real
    try:
        mode = real.stat().st_mode
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    if not stat.S_ISREG(mode):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a device or socket"
        return f"not a regular file ({kind}); not read"
    if root is not None and not follow_links and not real.is_relative_to(root):
        return (
            f"symbolic link to {real}, outside the folder; not followed "
            "(pass follow_links=True to allow)"
        )
    return real


def iter_sources(
    paths: Sequence[str], *, follow_links: bool = False
) -> Iterator[str | IngestError]:
    """Yield each document to read, or an :class:`IngestError` for what cannot be read.

    A file yields itself; a folder yields, recursively and sorted, each file with a supported
    extension (hidden files and folders and store folders skipped, other files silently
    ignored, see ``walked_dirs``); an http(s) URL
    yields itself. A missing path, an explicitly named file of an unsupported type, and a folder
    with nothing readable in it each yield an error instead. The same file is yielded once even
    when named twice. Inside a folder, FIFOs, devices, symlink loops and broken links each yield
    an error (the rest of the folder is still read), and links leading outside the folder are
    not followed unless ``follow_links``; a file named explicitly is read wherever it points.

    Args:
        paths: Files, folders and URLs, in the order the user gave them.
        follow_links: follow symbolic links found in folders to files outside them.
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
            root = path.resolve()
            files = _walk_folder(path)
            if not files:
                yield IngestError(source, f"no supported files in folder ({_SUPPORTED_LIST})")
            for file in files:
                real = _check_entry(file, root, follow_links)
                if isinstance(real, str):
                    yield IngestError(str(file), real)
                elif first_time(str(real)):
                    yield str(file)
        elif path.exists() or path.is_symlink():
            suffix = path.suffix.lower()
            real = _check_entry(path, None, True)
            if suffix not in SUPPORTED_EXTENSIONS:
                yield IngestError(source, unsupported_type_cause(suffix))
            elif isinstance(real, str):
                yield IngestError(source, real)
            elif first_time(str(real)):
                yield source
        elif "://" in source:
            scheme = source.split("://", 1)[0]
            yield IngestError(source, f"unsupported URL scheme '{scheme}' (only http and https)")
        else:
            yield IngestError(source, "no such file or folder")
