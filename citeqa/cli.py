"""The ``citeqa`` command line. Every option defaults to its ``CITEQA_*`` setting."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from citeqa.news_cli import SinceOpt, UntilOpt

if TYPE_CHECKING:
    from ingest import Store

app = typer.Typer(
    help="Ask questions about news articles; every answer cites the passage it comes from.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help="Store folder.", envvar="CITEQA_STORE", show_default=".citeqa"),
]
UrlOpt = Annotated[
    str | None,
    typer.Option(
        "--chroma-url", help="Chroma server URL instead of a folder.", envvar="CITEQA_CHROMA_URL"
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
LlmOpt = Annotated[
    str | None,
    typer.Option(
        "--llm",
        help="extractive | openai:MODEL | llamacpp:/path/model.gguf",
        envvar="CITEQA_LLM",
        show_default="extractive",
    ),
]

KOpt = Annotated[int | None, typer.Option("--k", help="Passages to answer from.", min=1)]


def _store(store: Path | None, chroma_url: str | None) -> Store:
    from ingest import StoreError, open_store

    try:
        return open_store(store, chroma_url=chroma_url)
    except StoreError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from e


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs.")],
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    as_json: JsonOpt = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="A line per file.")] = False,
) -> None:
    """Read articles and store them; unchanged ones are skipped, changed ones replaced."""
    from ingest import FileResult
    from ingest import ingest as run_ingest

    st = _store(store, chroma_url)

    def show(r: FileResult) -> None:
        if r.status == "failed":
            err.print(f"[red]failed[/red] {escape(r.error or '')}")
        elif verbose:
            out.print(f"{r.status} {escape(r.source)} ({r.n_chunks} chunks)")
            out.file.flush()

    report = run_ingest(paths, store=st, on_file=show, progress=not as_json and sys.stderr.isatty())
    if as_json:
        out.print_json(json.dumps(report.to_dict()))
    else:
        d = report.to_dict()
        out.print(
            f"{d['added']} added, {d['updated']} updated, {d['unchanged']} unchanged, "
            f"{d['failed']} failed · {d['chunks_written']} chunks written in {d['seconds']:.1f}s"
            f" ({d['chunks_per_second']} chunks/s) · store: {st.location}"
        )
        if d["added"] + d["updated"] == 0 and d["failed"] == 0:
            out.print("Nothing changed: every article is already stored as it is.")
        if report.repaired:
            out.print(
                f"Repaired the store: removed {report.repaired} chunks left by an earlier crash."
            )
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def docs(store: StoreOpt = None, chroma_url: UrlOpt = None, as_json: JsonOpt = False) -> None:
    """List stored documents with their chunk counts."""
    from dataclasses import asdict

    documents = _store(store, chroma_url).documents()
    if as_json:
        out.print_json(
            json.dumps([asdict(d) | {"quotes": json.loads(d.quotes or "[]")} for d in documents])
        )
        return
    table = Table("doc id", "title", "date", "date from", "chunks", "source")
    for d in documents:
        table.add_row(d.doc_id, d.title, d.date, d.date_source, str(d.n_chunks), d.source)
    out.print(table)


@app.command()
def chunks(
    doc: Annotated[str | None, typer.Argument(help="A doc id (default: all).")] = None,
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print exactly what is indexed: chunk text, offsets and metadata."""
    from dataclasses import asdict

    rows = _store(store, chroma_url).chunks(doc)
    if as_json:
        out.print_json(json.dumps([asdict(c) for c in rows]))
        return
    for c in rows:
        out.print(f"[bold]{c.doc_id} #{c.index}[/bold] [{c.start}:{c.end}] {c.title}", markup=True)
        out.print(c.text, markup=False)
        out.print()


@app.command()
def remove(
    doc: Annotated[str, typer.Argument(help="The doc id (see `citeqa docs`).")],
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
) -> None:
    """Delete one document and its chunks."""
    if not _store(store, chroma_url).remove(doc):
        err.print(f"[red]error:[/red] no document {doc!r} in the store")
        raise typer.Exit(1)
    out.print(f"removed {doc}")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question.")],
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    llm: LlmOpt = None,
    k: KOpt = None,
    as_json: JsonOpt = False,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Answer one question with numbered citations."""
    from citeqa.render import print_answer
    from qa import answer

    st = _store(store, chroma_url)
    try:
        result = answer(question, store=st, llm=llm, k=k, since=since, until=until)
    except ValueError as e:
        err.print(f"[red]error:[/red] {e}")
        raise typer.Exit(2) from None
    if as_json:
        out.print_json(json.dumps(result.to_dict()))
    else:
        print_answer(out, result)


@app.command()
def chat(
    store: StoreOpt = None, chroma_url: UrlOpt = None, llm: LlmOpt = None, k: KOpt = None
) -> None:
    """A conversation in the terminal; follow-ups understand what came before. Ctrl-D ends."""
    from citeqa.render import print_answer
    from qa import answer

    st = _store(store, chroma_url)
    history: list[tuple[str, str]] = []
    out.print("[dim]Ask about your articles. Ctrl-D to leave.[/dim]")
    while True:
        try:
            question = input("\n? ").strip()
        except (EOFError, KeyboardInterrupt):
            out.print()
            return
        if not question:
            continue
        result = answer(question, history=history, store=st, llm=llm, k=k)
        print_answer(out, result)
        history.append((question, result.text))


@app.command()
def ui(
    store: StoreOpt = None,
    chroma_url: UrlOpt = None,
    host: Annotated[
        str | None, typer.Option("--host", envvar="CITEQA_HOST", show_default="127.0.0.1")
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", envvar="CITEQA_PORT", show_default="7860")
    ] = None,
    llm: LlmOpt = None,
    auth: Annotated[
        str | None, typer.Option("--auth", envvar="CITEQA_AUTH", help="user:password login.")
    ] = None,
    share: Annotated[bool, typer.Option("--share", help="Make a public Gradio link.")] = False,
) -> None:
    """Open the web chat (loopback only unless --host says otherwise)."""
    from ui.cli import ui_command

    ui_command(store=chroma_url or store, host=host, port=port, llm=llm, auth=auth, share=share)


def _register() -> None:
    from citeqa.news_cli import timeline_command
    from eval.cli import bench_command, eval_command

    app.command("timeline")(timeline_command)
    app.command("eval")(eval_command)
    app.command("bench")(bench_command)


_register()


def main() -> None:
    app()
