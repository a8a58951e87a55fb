"""The library commands: ``ingest``, ``docs``, ``chunks``, ``remove``.

Listing and removing never load the embedding model; only ``ingest`` creates a store.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from citeqa.cli.common import err, fail, one_line_errors, open_existing, out
from citeqa.cli.options import JsonOpt, StoreOpt, UrlOpt

if TYPE_CHECKING:
    from ingest import DocInfo, FileResult
    from ingest.skipped import Skipped


def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders or http(s) URLs.", metavar="PATH")
    ],
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    as_json: JsonOpt = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print a line per file.")
    ] = False,
) -> None:
    """Read articles and store them; unchanged ones are skipped, changed ones replaced."""
    from ingest import ingest as run_ingest
    from ingest.skipped import skipped_in_folders

    st = open_existing(store, chroma_url, create=True)
    _load_model(st, quiet=as_json)

    def show(r: FileResult) -> None:
        if r.status == "failed":
            err.print(f"[red]failed[/red] {escape(r.error or '')}")
        elif verbose:
            out.print(f"{r.status} {escape(r.source)} ({r.n_chunks} chunks)")
            out.file.flush()

    with one_line_errors():
        report = run_ingest(
            paths, store=st, on_file=show, progress=not as_json and sys.stderr.isatty()
        )
    skipped = skipped_in_folders(paths)
    d = {**report.to_dict(), "skipped": [asdict(s) for s in skipped]}
    if as_json:
        out.print_json(json.dumps(d))
        raise typer.Exit(0 if report.ok else 1)
    if verbose:
        for s in skipped:
            err.print(f"[yellow]skipped[/yellow] {escape(s.source)}: {escape(s.reason)}")
    out.print(
        f"{d['added']} added, {d['updated']} updated, {d['unchanged']} unchanged, "
        f"{d['failed']} failed · {d['chunks_written']} chunks written in {d['seconds']:.1f}s"
        f" ({d['chunks_per_second']} chunks/s) · store: {st.location}"
    )
    if skipped:
        out.print(f"{len(skipped)} skipped: " + _skip_summary(skipped))
    if d["added"] + d["updated"] == 0 and d["failed"] == 0:
        out.print("Nothing changed: every article is already stored as it is.")
    if report.repaired:
        out.print(f"Repaired the store: removed {report.repaired} chunks left by an earlier crash.")
    raise typer.Exit(0 if report.ok else 1)


def _skip_summary(skipped: Sequence[Skipped]) -> str:
    """``3 × .docx, 1 × .png (…)``: what a folder walk left out, by file type."""
    counts: dict[str, int] = {}
    for f in skipped:
        kind = Path(f.source).suffix.lower() or "(no extension)"
        counts[kind] = counts.get(kind, 0) + 1
    listed = ", ".join(f"{n} × {kind}" for kind, n in sorted(counts.items()))
    return f"{listed} (not a supported type; -v lists them)"


def _load_model(st: object, *, quiet: bool) -> None:
    """Load (or export, the first time) the embedding model, saying so while it takes time.

    Later loads (sentence-transformers, at the first large batch) are announced on stderr too.
    """
    embedder = getattr(st, "embedder", None)
    load = getattr(embedder, "load", None)
    if load is None:
        return
    say = None if quiet else (lambda message: err.print(f"[dim]{escape(message)} …[/dim]"))
    if say is None or not sys.stderr.isatty():
        load(say)
        return
    with err.status("loading the embedding model …") as status:
        load(lambda message: status.update(f"{escape(message)} …"))
    embedder.on_status = say  # type: ignore[union-attr]


def docs(store: StoreOpt = None, chroma_url: UrlOpt = None, as_json: JsonOpt = False) -> None:
    """List stored documents with their chunk counts."""
    documents = open_existing(store, chroma_url).documents()
    if as_json:
        rows = [asdict(d) | {"quotes": json.loads(d.quotes or "[]")} for d in documents]
        out.print_json(json.dumps(rows))
        return
    if not documents:
        out.print("No documents yet — add some with `citeqa ingest FILES…`.")
        return
    table = Table("doc id", "title", "date", "date from", "chunks", "source")
    for d in documents:
        row = (d.doc_id, escape(d.title), d.date, d.date_source, str(d.n_chunks), escape(d.source))
        table.add_row(*row)
    out.print(table)


def chunks(
    doc: Annotated[
        str | None,
        typer.Argument(
            help="A doc id, path, URL or title prefix (default: every document).", metavar="[DOC]"
        ),
    ] = None,
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print exactly what is indexed: chunk text, offsets and metadata."""
    st = open_existing(store, chroma_url)
    doc_id = _one_document(st.documents(), doc).doc_id if doc else None
    rows = st.chunks(doc_id)
    if as_json:
        out.print_json(json.dumps([asdict(c) for c in rows]))
        return
    for c in rows:
        out.print(f"[bold]{c.doc_id} #{c.index}[/bold] [{c.start}:{c.end}] {escape(c.title)}")
        out.print(c.text, markup=False)
        out.print()


def remove(
    doc: Annotated[
        str,
        typer.Argument(
            help="A doc id, file path, source URL or unique title prefix.", metavar="DOC"
        ),
    ],
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
) -> None:
    """Delete one document and its chunks."""
    st = open_existing(store, chroma_url)
    info = _one_document(st.documents(), doc)
    if not st.remove(info.doc_id):
        fail(f"no document {doc!r} in {st.location}", code=1)
    out.print(f"removed {info.doc_id} · {escape(info.title or info.source)}")


def find_documents(documents: Sequence[DocInfo], ref: str) -> list[DocInfo]:
    """The documents ``ref`` names: a doc id, a source path or URL, else a title prefix.

    An exact id, source or resolved path wins outright; otherwise every document whose title
    starts with ``ref`` (ignoring case and surrounding space) matches.
    """
    exact = [d for d in documents if ref in (d.doc_id, d.source)]
    if exact:
        return exact
    if not ref.lower().startswith(("http://", "https://")):
        path = str(Path(ref).expanduser().resolve())
        by_path = [d for d in documents if d.source == path]
        if by_path:
            return by_path
    prefix = ref.strip().casefold()
    if not prefix:
        return []
    return [d for d in documents if d.title.casefold().startswith(prefix)]


def _one_document(documents: Sequence[DocInfo], ref: str) -> DocInfo:
    found = find_documents(documents, ref)
    if not found:
        fail(f"no document matches {ref!r} (see `citeqa docs`)", code=1)
    if len(found) > 1:
        err.print(f"[red]error:[/red] {escape(repr(ref))} matches {len(found)} documents:")
        for d in found:
            err.print(f"  {d.doc_id}  {escape(d.title)}  [dim]{escape(d.source)}[/dim]")
        err.print("Give the doc id, the path or more of the title.")
        raise typer.Exit(1)
    return found[0]
