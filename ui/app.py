"""The citeqa web chat: a Gradio Blocks app over an opened store.

``build_app(store)`` lays out two tabs (Ask, Library), wires them to the answer chain and the
ingestion pipeline, and registers the ``ask`` API endpoint (``Answer.to_dict()`` as JSON). The
page's theme, CSS and script are launch options in Gradio 6: see :func:`launch_options`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home from the server

import gradio as gr

from citeqa.settings import Settings, get_settings
from qa.types import Answer
from ui.chat import PANEL_HINT, Chat, Message, StreamAnswer, Turn, open_document, open_passage
from ui.documents import (
    ALLOWED_EXTENSIONS,
    DOC_HEADERS,
    IngestFn,
    add_files,
    document_choices,
    document_rows,
    remove_document,
    render_results,
)
from ui.examples import example_questions
from ui.news import build_timeline_tab
from ui.render import escape_html, render_panel_hint

TITLE = "citeqa"
TAGLINE = "Ask your news articles. Every claim shows the passage it comes from."
ANSWER_CONCURRENCY = 4
"""Answers computed at once; more requests wait in Gradio's queue."""

SCROLL_JS = "() => { if (window.citeqaScrollToPassage) window.citeqaScrollToPassage(); }"


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


def upload_dir_for(store: Any, settings: Settings) -> Path:
    """Where uploads are kept: ``settings.upload_dir``, else ``<store folder>/uploads``.

    store: the opened store (its ``location`` is a folder or a server URL). settings: app settings.
    """
    if settings.upload_dir is not None:
        return Path(settings.upload_dir).expanduser().resolve()
    location = str(getattr(store, "location", "") or "")
    if location and not location.lower().startswith(("http://", "https://")):
        return Path(location) / "uploads"
    return Path(settings.store).expanduser().resolve() / "uploads"


def backend_choices(llm: str | None, settings: Settings) -> list[str]:
    """Answer backends offered in the settings: extractive, plus any configured LLM backend.

    llm: the backend named on the command line (default none). settings: its ``llm`` adds one.
    """
    choices = ["extractive"]
    for name in (llm, settings.llm):
        if name and name not in choices:
            choices.append(name)
    return choices


def _header(store: Any) -> str:
    docs = store.documents()
    passages = sum(int(d.n_chunks) for d in docs)
    stats = f"{len(docs)} article{'s' * (len(docs) != 1)} · {passages} passages"
    return (
        '<div class="cq-brand"><div class="cq-logo">cq</div><div>'
        f"<h1>{TITLE}</h1><p class='cq-tagline'>{escape_html(TAGLINE)}</p></div>"
        f'<div class="cq-stats" id="cq-stats">{escape_html(stats)}</div></div>'
    )


def build_app(store: Any, *, llm: str | None = None, settings: Settings | None = None) -> gr.Blocks:
    """The web chat over ``store``.

    store: an opened ``ingest.Store``. llm: default answer backend (default: the settings' llm).
    settings: app settings (default ``get_settings()``).
    """
    from ingest import ingest
    from qa import stream_answer

    return assemble(store, stream=stream_answer, ingest_fn=ingest, llm=llm, settings=settings)


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
    s = settings or get_settings()
    choices = backend_choices(llm, s)
    default_backend = llm or s.llm or "extractive"
    chat = Chat(store=store, stream=stream, default_llm=default_backend)
    uploads = upload_dir_for(store, s)
    max_bytes = int(s.max_file_mb * 1_000_000)

    def pick_backend(name: str | None) -> str:
        return name if name in choices else default_backend

    def take(question: str) -> tuple[str, str]:
        return question, ""

    def respond(
        question: str, messages: list[Message], history: list[Turn], backend: str, k: float
    ) -> Iterator[tuple[list[Message], list[Message], list[Turn]]]:
        for msgs, hist in chat.run(
            question, messages, history, llm=pick_backend(backend), k=int(k)
        ):
            yield msgs, msgs, hist

    def clear() -> tuple[list[Message], list[Message], list[Turn], str]:
        return [], [], [], render_panel_hint(PANEL_HINT)

    def pick_example(evt: gr.SelectData) -> str:
        value = evt.value
        return str(value.get("text", "") if isinstance(value, dict) else value)

    def examples_update() -> Any:
        return gr.update(examples=[{"text": q} for q in example_questions(store)])

    def upload(files: list[str] | None) -> Iterator[str]:
        incoming = Path(gr.utils.get_upload_folder())
        yield render_results([])
        for results in add_files(
            files,
            store=store,
            ingest=ingest_fn,
            upload_dir=uploads,
            max_bytes=max_bytes,
            incoming_dir=incoming,
        ):
            yield render_results(results)

    def refresh() -> tuple[Any, Any, str, Any]:
        return (
            gr.update(value=document_rows(store)),
            gr.update(choices=document_choices(store), value=None),
            _header(store),
            examples_update(),
        )

    def remove(doc_id: str | None) -> str:
        return remove_document(store, doc_id)

    def read(doc_id: str | None) -> tuple[str, Any]:
        return open_document(store, doc_id), gr.update(selected="ask")

    def ask(question: str, k: int | None = None) -> dict[str, Any]:
        """Answer a question from the stored articles.

        question: the question. k: passages to retrieve (default: the server's setting).
        Returns the answer as JSON, the same shape as ``citeqa ask --json``.
        """
        if not question or not question.strip():
            raise gr.Error("The question is empty.")
        final: Answer | None = None
        for piece in stream(question.strip(), store=store, llm=default_backend, k=k or None):
            if isinstance(piece, Answer):
                final = piece
        if final is None:
            raise gr.Error("The answer chain returned no answer.")
        return final.to_dict()

    private: dict[str, Any] = {"api_visibility": "private"}
    answering: dict[str, Any] = {
        "concurrency_limit": ANSWER_CONCURRENCY,
        "concurrency_id": "answer",
    }

    with gr.Blocks(title=f"{TITLE} · answers with sources", analytics_enabled=False) as demo:
        header = gr.HTML(_header(store), elem_id="cq-header")
        messages = gr.State([])
        history = gr.State([])
        pending = gr.State("")
        with gr.Tabs(selected="ask") as tabs:
            with gr.Tab("Ask", id="ask"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=7, min_width=380):
                        chatbot = gr.Chatbot(
                            elem_id="cq-chat",
                            show_label=False,
                            height=560,
                            layout="bubble",
                            latex_delimiters=[],
                            feedback_options=None,
                            buttons=["copy"],
                            placeholder=(
                                "<div class='cq-welcome'><b>What would you like to know?</b>"
                                "Answers quote your articles, and every claim links to its "
                                "passage. Try one of these:</div>"
                            ),
                            examples=[{"text": q} for q in example_questions(store)],
                        )
                        with gr.Row(elem_id="cq-input-row"):
                            box = gr.Textbox(
                                elem_id="cq-input",
                                show_label=False,
                                placeholder="Ask about your articles…",
                                lines=1,
                                max_lines=4,
                                scale=8,
                                autofocus=True,
                            )
                            send = gr.Button("Ask", variant="primary", scale=1, min_width=80)
                            reset = gr.Button("Clear", scale=1, min_width=80, elem_id="cq-clear")
                        with gr.Accordion("Settings", open=False, elem_id="cq-settings"):
                            backend = gr.Dropdown(
                                choices=choices,
                                value=default_backend if default_backend in choices else choices[0],
                                label="Answer backend",
                                info="extractive quotes the articles; an LLM backend rephrases "
                                "(still cited).",
                            )
                            k_slider = gr.Slider(
                                1, 12, value=s.k, step=1, label="Passages read per question (k)"
                            )
                            if any(c.startswith("openai:") for c in choices):
                                gr.HTML(
                                    "<div class='cq-muted'>OpenAI-compatible server: "
                                    f"<code>{escape_html(s.openai_base_url)}</code></div>"
                                )
                    with gr.Column(scale=5, min_width=320, elem_id="cq-panel-col"):
                        panel = gr.HTML(render_panel_hint(PANEL_HINT), elem_id="cq-panel")
                payload = gr.Textbox(visible="hidden", elem_id="cq-open-payload")
                open_btn = gr.Button("open", visible="hidden", elem_id="cq-open-btn")
            with gr.Tab("Library", id="library"), gr.Row(equal_height=False):
                with gr.Column(scale=5, min_width=320):
                    gr.Markdown("### Add articles")
                    files = gr.File(
                        file_count="multiple",
                        file_types=list(ALLOWED_EXTENSIONS),
                        type="filepath",
                        label=f".txt .md .html .pdf — up to {s.max_file_mb:g} MB each",
                        elem_id="cq-upload",
                    )
                    results = gr.HTML(elem_id="cq-upload-results")
                with gr.Column(scale=7, min_width=380):
                    gr.Markdown("### Your articles")
                    table = gr.Dataframe(
                        value=document_rows(store),
                        headers=DOC_HEADERS,
                        datatype=["str", "str", "number", "str", "str"],
                        interactive=False,
                        wrap=True,
                        column_widths=["40%", "24%", "10%", "10%", "16%"],
                        buttons=[],
                        show_search="search",
                        max_height=460,
                        elem_id="cq-docs",
                    )
                    with gr.Row():
                        pick = gr.Dropdown(
                            choices=document_choices(store),
                            label="Article",
                            scale=4,
                            elem_id="cq-pick",
                        )
                        read_btn = gr.Button("Read", scale=1, min_width=80)
                        remove_btn = gr.Button(
                            "Remove", variant="stop", scale=1, min_width=80, elem_id="cq-remove"
                        )
                    removed = gr.HTML(elem_id="cq-remove-result")
            build_timeline_tab(store, **private)

        chat_io = ([pending, messages, history, backend, k_slider], [chatbot, messages, history])
        for trigger in (box.submit, send.click):
            trigger(take, box, [pending, box], queue=False, **private).then(
                respond, *chat_io, **private, **answering
            )
        chatbot.example_select(pick_example, None, pending, queue=False, **private).then(
            respond, *chat_io, **private, **answering
        )
        for wipe in (reset.click, chatbot.clear):
            wipe(clear, None, [chatbot, messages, history, panel], queue=False, **private)
        open_btn.click(
            lambda p: open_passage(store, p), payload, panel, queue=False, **private
        ).then(None, js=SCROLL_JS, **private)

        after: tuple[list[Any], list[Any]] = ([], [table, pick, header, chatbot])
        files.upload(upload, files, results, **private).then(
            lambda: None, None, files, **private
        ).then(refresh, *after, **private)
        remove_btn.click(remove, pick, removed, **private).then(refresh, *after, **private)
        read_btn.click(read, pick, [panel, tabs], **private).then(None, js=SCROLL_JS, **private)
        demo.load(refresh, *after, **private)

        gr.api(ask, api_name="ask", **answering)
    return demo
