"""The Library tab: add articles (files or a web address), find, read and remove them.

``library_tab(ctx, ...)`` lays the tab out and wires its events; the behaviour lives in
``ui.documents`` (Gradio-free). Every refusal (file type, empty, too large, not a web address)
is reported inline in the per-file results. Each row of the article table has Read and Remove
buttons; Remove asks for a confirmation in place (see ``ui/static/app.js``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import gradio as gr

from ui.chat import open_document
from ui.context import UiContext
from ui.documents import (
    ALLOWED_EXTENSIONS,
    UploadResult,
    add_files,
    add_url,
    human_size,
    parse_action,
    remove_document,
    render_library,
    render_results,
)

PRIVATE: dict[str, Any] = {"api_visibility": "private"}
SCROLL_JS = "() => { if (window.citeqaScrollToPassage) window.citeqaScrollToPassage(); }"


@dataclass(frozen=True)
class LibraryTab:
    """The Library tab's components the rest of the app updates."""

    table: gr.HTML
    query: gr.Textbox


def add_uploads(ctx: UiContext, files: list[str] | None) -> Iterator[list[UploadResult]]:
    """``ui.documents.add_files`` for files Gradio received, with the app's folder and limit."""
    return add_files(
        files,
        store=ctx.store,
        ingest=ctx.ingest,
        upload_dir=ctx.uploads,
        max_bytes=ctx.max_bytes,
        incoming_dir=Path(gr.utils.get_upload_folder()),
    )


def upload(ctx: UiContext, files: list[str] | None) -> Iterator[str]:
    """Stage and ingest uploaded files, showing each file's outcome as it is known."""
    yield render_results([])
    for results in add_uploads(ctx, files):
        yield render_results(results)


def fetch(ctx: UiContext, url: str) -> Iterator[tuple[str, Any]]:
    """Fetch and ingest an article by web address; the box empties once it is added."""
    last: list[Any] = []
    for results in add_url(url, store=ctx.store, ingest=ctx.ingest):
        last = results
        yield render_results(results), gr.skip()
    ok = last and all(r.status in ("added", "updated", "unchanged") for r in last)
    yield gr.skip(), ("" if ok else gr.skip())


def act(ctx: UiContext, payload: str, query: str) -> tuple[Any, Any, Any, Any]:
    """Run a row button: Read opens the article in the Ask tab's panel, Remove removes it.

    payload: ``read:DOC`` or ``remove:DOC`` from the page. query: the table's filter.
    Returns (panel, selected tab, outcome line, table).
    """
    action = parse_action(payload or "")
    if action is None:
        return gr.skip(), gr.skip(), gr.skip(), gr.skip()
    verb, doc_id = action
    if verb == "read":
        return open_document(ctx.store, doc_id), gr.update(selected="ask"), gr.skip(), gr.skip()
    outcome = remove_document(ctx.store, doc_id)
    return gr.skip(), gr.skip(), outcome, render_library(ctx.store, query)


def library_tab(
    ctx: UiContext, *, panel: gr.HTML, tabs: gr.Tabs, refresh: Callable[[Any], Any]
) -> LibraryTab:
    """Lay out the Library tab inside the current ``gr.Tab`` and wire its events.

    ctx: the app's shared parts. panel: the Ask tab's article panel (Read opens articles
    there). tabs: the app's tabs (Read switches to Ask). refresh: ``refresh(event)`` chains
    the app-wide refresh (header, examples) after the library changed.
    """
    with gr.Row(equal_height=False, elem_id="cq-lib-row"):
        with gr.Column(scale=5, min_width=300):
            gr.Markdown("### Add articles")
            files = gr.File(
                file_count="multiple",
                type="filepath",
                label=f"{' '.join(ALLOWED_EXTENSIONS)} — up to {human_size(ctx.max_bytes)} each",
                elem_id="cq-upload",
            )
            with gr.Row(elem_id="cq-url-row"):
                url = gr.Textbox(
                    show_label=False,
                    placeholder="…or a web address: https://…",
                    scale=5,
                    min_width=160,
                    elem_id="cq-url",
                )
                add = gr.Button("Add", scale=1, min_width=72, elem_id="cq-url-add")
            results = gr.HTML(elem_id="cq-upload-results")
        with gr.Column(scale=7, min_width=300):
            gr.Markdown("### Your articles")
            query = gr.Textbox(
                show_label=False,
                placeholder="Filter by title, source or date",
                elem_id="cq-filter",
            )
            table = gr.HTML(render_library(ctx.store), elem_id="cq-library")
            outcome = gr.HTML(elem_id="cq-remove-result")
            payload = gr.Textbox(visible="hidden", elem_id="cq-doc-payload")
            go = gr.Button("act", visible="hidden", elem_id="cq-doc-btn")

    def redraw(q: str) -> str:
        return render_library(ctx.store, q)

    refresh(
        files.upload(partial(upload, ctx), files, results, **PRIVATE)
        .then(lambda: None, None, files, **PRIVATE)
        .then(redraw, query, table, **PRIVATE)
    )
    for trigger in (url.submit, add.click):
        refresh(
            trigger(partial(fetch, ctx), url, [results, url], **PRIVATE).then(
                redraw, query, table, **PRIVATE
            )
        )
    query.change(redraw, query, table, queue=False, show_progress="hidden", **PRIVATE)
    refresh(
        go.click(
            partial(act, ctx), [payload, query], [panel, tabs, outcome, table], **PRIVATE
        ).then(None, js=SCROLL_JS, **PRIVATE)
    )
    return LibraryTab(table, query)
