"""``citeqa timeline ENTITY``: dated, cited lines about an entity across the articles."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from citeqa.cli.common import one_line_errors, open_existing, out, require_documents
from citeqa.cli.options import JsonOpt, StoreOpt, UrlOpt


def timeline(
    entity: Annotated[
        str,
        typer.Argument(help="A person, place or thing named in the articles.", metavar="ENTITY"),
    ],
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", min=1, help="At most N lines.")
    ] = 50,
    as_json: JsonOpt = False,
) -> None:
    """Dated, cited lines about ENTITY across the articles, oldest first (quoted as written)."""
    st = open_existing(store, chroma_url)
    require_documents(st)
    with one_line_errors():
        from qa.news.timeline import timeline as lines_about

        entries = lines_about(st, entity, limit=limit)
    if as_json:
        out.print_json(json.dumps([e.to_dict() for e in entries]))
        return
    if not entries:
        out.print(f"No article mentions {escape(entity)!r}.")
        raise typer.Exit(1)
    table = Table("date", "what the articles say", "sources")
    for e in entries:
        cites = "\n".join(
            f"\\[{c.n}] {escape(c.title)} ({c.date or 'undated'})" for c in e.citations
        )
        table.add_row(f"{e.date or '?'}\n[dim]{e.date_note}[/dim]", escape(e.text), cites)
    out.print(table)
