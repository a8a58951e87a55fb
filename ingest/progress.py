"""The ingestion progress bar: files and chunks, with the chunk rate (``citeqa.progress`` look)."""

from __future__ import annotations

from types import TracebackType

from citeqa.progress import progress_bar


class IngestProgress:
    """Shows ``files 12/40 · 310 chunks · 95.2 chunks/s``; does nothing when disabled."""

    def __init__(self, total_files: int | None, *, enabled: bool) -> None:
        self.enabled = enabled
        self.chunks = 0
        self._progress = progress_bar(
            "ingesting",
            "files · {task.fields[chunks]} chunks · {task.fields[rate]} chunks/s",
            enabled=enabled,
        )
        self._task = self._progress.add_task("ingest", total=total_files, chunks=0, rate="-")

    def file_done(self, n_chunks: int) -> None:
        self.chunks += n_chunks
        task = self._progress.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{self.chunks / elapsed:.1f}" if elapsed > 0 else "-"
        self._progress.update(self._task, advance=1, chunks=self.chunks, rate=rate)

    def __enter__(self) -> IngestProgress:
        self._progress.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.__exit__(exc_type, exc, tb)
