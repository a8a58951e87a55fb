"""The one progress look, used by ingest and eval."""

from __future__ import annotations

import io

from rich.console import Console

from citeqa.progress import progress_bar
from ingest.progress import IngestProgress


def _console(buffer: io.StringIO) -> Console:
    return Console(file=buffer, force_terminal=True, width=120, color_system=None)


def test_bar_shows_label_count_and_stats() -> None:
    buffer = io.StringIO()
    with progress_bar("eval", console=_console(buffer), transient=False) as bar:
        task = bar.add_task("eval", total=4, stats="")
        bar.update(task, advance=3, stats="contains 0.67")
    text = buffer.getvalue()
    assert "eval" in text and "3/4" in text and "contains 0.67" in text


def test_disabled_bar_draws_nothing() -> None:
    buffer = io.StringIO()
    with progress_bar("eval", console=_console(buffer), enabled=False) as bar:
        bar.update(bar.add_task("eval", total=2, stats=""), advance=2)
    assert buffer.getvalue() == ""


def test_ingest_progress_counts_chunks() -> None:
    progress = IngestProgress(3, enabled=False)
    with progress:
        progress.file_done(5)
        progress.file_done(0)
    assert progress.chunks == 5
