"""The citeqa web chat: a Gradio Blocks app over an opened store.

``build_app(store)`` makes the shared parts (:class:`ui.context.UiContext`), lays out the two
tabs (``ui.ask_tab.ask_tab``, ``ui.library_tab.library_tab``), wires what crosses them (the
header's counts and the example questions follow the library) and registers the API
(``ui.api``). The page's theme, CSS and script are launch options in Gradio 6: see
:func:`launch_options`.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home from the server

import gradio as gr

from citeqa.settings import Settings, get_settings
from ingest.store import Store
from qa.types import Answer
from ui.api import register_api
from ui.ask_tab import ask_tab, example_update, wire_load
from ui.chat import Chat, StreamAnswer, final_answer
from ui.context import ANSWER_CONCURRENCY, UiContext
from ui.documents import IngestFn, plural, render_library
from ui.examples import Examples
from ui.library_tab import library_tab
from ui.news import build_timeline_tab
from ui.render import escape_html

TITLE = "citeqa"
TAGLINE = "Ask your news articles. Every claim shows the passage it comes from."

__all__ = ["ANSWER_CONCURRENCY", "assemble", "build_app", "launch_options", "theme"]


def _static(name: str) -> str:
    return resources.files("ui").joinpath("static", name).read_text(encoding="utf-8")


def theme() -> gr.themes.Base:
    """The app's theme: indigo accents on slate, system fonts (nothing fetched from the web)."""
    sans = ("Inter", "ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "sans-serif")
    mono = ("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace")
    return gr.themes.Soft(
        primary_hue="indigo", secondary_hue="sky", neutral_hue="slate", font=sans, font_mono=mono
    ).set(
        body_background_fill="#f6f7fb",
        body_background_fill_dark="#0f1420",
        block_radius="14px",
        button_large_radius="10px",
        button_medium_radius="10px",
    )


def launch_options() -> dict[str, Any]:
    """Keyword arguments for ``Blocks.launch`` that give the app its look and its page script."""
    return {
        "theme": theme(),
        "css": _static("app.css"),
        "head": f"<script>{_static('app.js')}</script>",
        "ssr_mode": False,
        "footer_links": ["api"],
    }


def upload_dir_for(store: Store, settings: Settings) -> Path:
    """Where uploads are kept: ``settings.upload_dir``, else ``<store folder>/uploads``.

    store: the opened store (its ``location`` is a folder or a server URL). settings: app settings.
    """
    if settings.upload_dir is not None:
        return Path(settings.upload_dir).expanduser().resolve()
    if store.location.folder is not None:
        return store.location.folder / "uploads"
    return Path(settings.store).expanduser().resolve() / "uploads"


def backend_choices(llm: str | None, settings: Settings) -> list[str]:
    """Answer backends offered in the settings: the registry's ready-to-use answerers (those
    that need no model name), plus the backend named on the command line or in the settings.

    llm: the backend named on the command line (default none). settings: its ``llm`` adds one.
    """
    from qa.answerers import available

    choices = [name for name in available() if ":" not in name]
    for name in (llm, settings.llm):
        if name and name not in choices:
            choices.append(name)
    return choices or ["extractive"]


def header_html(store: Any) -> str:
    """The page header: name, tagline, the library's counts and the theme switch."""
    docs = store.documents()
    passages = sum(int(d.n_chunks) for d in docs)
    stats = f"{plural(len(docs), 'article')} · {plural(passages, 'passage')}"
    return (
        '<div class="cq-brand"><div class="cq-logo">cq</div><div class="cq-titles">'
        f"<h1>{TITLE}</h1><p class='cq-tagline'>{escape_html(TAGLINE)}</p></div>"
        f'<div class="cq-stats" id="cq-stats">{escape_html(stats)}</div>'
        '<button type="button" id="cq-theme" class="cq-theme" aria-label="Switch dark theme" '
        'title="Dark / light theme"><span class="cq-sun">&#9728;</span>'
        '<span class="cq-moon">&#9790;</span></button></div>'
    )


UPLOAD_CEILING = 4
"""Gradio's own upload limit is this many times the app's: the app refuses a file over its
limit itself, inline with the other results, instead of Gradio's vanishing toast."""


class CiteqaBlocks(gr.Blocks):
    """``gr.Blocks`` whose upload limit (``launch(max_file_size=...)``) becomes a hard ceiling
    ``UPLOAD_CEILING`` times higher, so that files between the two reach the app's own check
    and are reported inline (Library tab, ``ingest`` endpoint) like every other refusal."""

    def launch(self, *args: Any, max_file_size: str | int | None = None, **kwargs: Any) -> Any:
        from gradio.utils import _parse_file_size

        limit = _parse_file_size(max_file_size)
        ceiling = None if limit is None else max(limit * UPLOAD_CEILING, limit + 1_000_000)
        return super().launch(*args, max_file_size=ceiling, **kwargs)


def build_app(store: Any, *, llm: str | None = None, settings: Settings | None = None) -> gr.Blocks:
    """The web chat over ``store``.

    store: an opened ``ingest.Store``. llm: default answer backend (default: the settings' llm).
    settings: app settings (default ``get_settings()``).
    """
    from ingest import ingest
    from qa import stream_answer

    return assemble(store, stream=stream_answer, ingest_fn=ingest, llm=llm, settings=settings)


def make_context(
    store: Any,
    *,
    stream: StreamAnswer,
    ingest_fn: IngestFn,
    llm: str | None = None,
    settings: Settings | None = None,
) -> UiContext:
    """The shared parts of the app (see :class:`ui.context.UiContext`); arguments as for
    :func:`assemble`."""
    s = settings or get_settings()
    choices = backend_choices(llm, s)
    default = llm or s.llm or "extractive"

    def answer_now(question: str) -> Answer:
        final = final_answer(stream(question, store=store, llm="extractive", settings=s))
        if final is None:
            raise RuntimeError("the answer chain returned no answer")
        return final

    return UiContext(
        store=store,
        stream=stream,
        ingest=ingest_fn,
        settings=s,
        backends=choices,
        default_backend=default,
        uploads=upload_dir_for(store, s),
        max_bytes=int(s.max_file_mb * 1_000_000),
        chat=Chat(store=store, stream=stream, default_llm=default, settings=s),
        examples=Examples(store, answer_now),
    )


def assemble(
    store: Any,
    *,
    stream: StreamAnswer,
    ingest_fn: IngestFn,
    llm: str | None = None,
    settings: Settings | None = None,
) -> gr.Blocks:
    """Lay out and wire the app around the given answer chain and ingestion function.

    store: the opened store. stream: ``qa.stream_answer``. ingest_fn: ``ingest.ingest``.
    llm, settings: as for :func:`build_app`.
    """
    ctx = make_context(store, stream=stream, ingest_fn=ingest_fn, llm=llm, settings=settings)
    ctx.examples.refresh()  # start making the example questions now, in the background
    with CiteqaBlocks(title=f"{TITLE} · answers with sources", analytics_enabled=False) as demo:
        header = gr.HTML(header_html(store), elem_id="cq-header")
        with gr.Tabs(selected="ask", elem_id="cq-tabs") as tabs:
            with gr.Tab("Ask", id="ask"):
                ask = ask_tab(ctx)
            with gr.Tab("Library", id="library"):

                def after_change(event: Any) -> Any:
                    return event.then(
                        lambda: header_html(store), None, header, api_visibility="private"
                    ).then(
                        lambda: example_update(ctx, wait=15.0),
                        None,
                        ask.chatbot,
                        api_visibility="private",
                    )

                library = library_tab(ctx, panel=ask.panel, tabs=tabs, refresh=after_change)
            build_timeline_tab(store, api_visibility="private")
        wire_load(demo, ctx, ask)
        demo.load(
            lambda: (header_html(store), render_library(store)),
            None,
            [header, library.table],
            queue=False,
            api_visibility="private",
        )
        register_api(ctx)
    return demo
