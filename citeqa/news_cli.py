"""``citeqa timeline`` and the ``--since``/``--until`` options of ``citeqa ask``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since", help="Only articles published on or after this day (or YYYY-MM, YYYY)."
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option(
        "--until", help="Only articles published on or before this day (or YYYY-MM, YYYY)."
    ),
]


def timeline_command(
    entity: Annotated[str, typer.Argument(help="A person, place or thing named in the articles.")],
    store: Annotated[Path | None, typer.Option("--store", envvar="CITEQA_STORE")] = None,
    chroma_url: Annotated[
        str | None, typer.Option("--chroma-url", envvar="CITEQA_CHROMA_URL")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many lines.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Dated, cited lines about ENTITY across the articles, oldest first (quoted as written)."""
    from ingest.store import open_store
    from qa.news.timeline import timeline

    out = Console()
    entries = timeline(open_store(chroma_url or store), entity, limit=limit)
    if as_json:
        out.print_json(json.dumps([e.to_dict() for e in entries]))
        return
    if not entries:
        out.print(f"No article mentions {entity!r}.")
        raise typer.Exit(1)
    table = Table("date", "what the articles say", "sources")
    for e in entries:
        cites = "\n".join(f"[{c.n}] {c.title} ({c.date or 'undated'})" for c in e.citations)
        table.add_row(f"{e.date or '?'}\n[dim]{e.date_note}[/dim]", e.text, cites)
    out.print(table)
