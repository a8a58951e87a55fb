"""The one terminal progress look: a labelled bar with counts, live stats and elapsed time.

``progress_bar("ingesting", "{task.fields[stats]}", total=40)`` gives
``ingesting ━━━━━━━━━━━━━━  12/40 files · 310 chunks · 95.2 chunks/s  0:00:03``; disabled, it draws
nothing and costs nothing. Ingest and eval both use it.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


def progress_bar(
    label: str,
    stats: str = "{task.fields[stats]}",
    *,
    enabled: bool = True,
    console: Console | None = None,
    transient: bool = True,
    remaining: bool = False,
) -> Progress:
    """A rich ``Progress`` in citeqa's look; add tasks with a ``stats`` field.

    label: the bold word in front (``ingesting``, ``eval``). stats: the text after the count, a
    rich format string over the task (default: its ``stats`` field). enabled: draw it at all.
    console: where to draw (default stderr). transient: erase it when done. remaining: also
    show the estimated time left.
    """
    columns: list[ProgressColumn | str] = [
        SpinnerColumn(),
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(stats),
        TimeElapsedColumn(),
    ]
    if remaining:
        columns.append(TimeRemainingColumn())
    return Progress(
        *columns,
        console=console or Console(stderr=True),
        transient=transient,
        disable=not enabled,
    )
