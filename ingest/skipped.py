"""What a folder walk leaves out: files whose type citeqa does not read (``.docx``, images …).

``iter_sources`` reads only supported files from a folder; this lists the others with the
reason, so ``citeqa ingest`` can report them instead of ignoring them in silence.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.sources import SUPPORTED_EXTENSIONS, is_url, unsupported_type_cause, walked_dirs


@dataclass(frozen=True)
class Skipped:
    """A file left out of a folder walk, and why."""

    source: str
    reason: str


def skipped_in_folders(paths: Sequence[str | Path]) -> list[Skipped]:
    """Every non-hidden file of an unsupported type under the folders among ``paths``, sorted.

    Hidden files and folders and store folders are left out silently, as the walk leaves them
    (``walked_dirs``); files named
    explicitly are not listed here (the pipeline reports those as failed).
    """
    found: list[Skipped] = []
    for raw in paths:
        if is_url(str(raw)):
            continue
        folder = Path(raw).expanduser()
        if not folder.is_dir():
            continue
        for root, dirs, files in os.walk(folder):
            dirs[:] = walked_dirs(root, dirs)
            for name in files:
                suffix = Path(name).suffix.lower()
                if name.startswith(".") or suffix in SUPPORTED_EXTENSIONS:
                    continue
                found.append(Skipped(str(Path(root) / name), unsupported_type_cause(suffix)))
    return sorted(found, key=lambda s: s.source)
