"""The Ask tab: the conversation, the input box, past chats, exports and the article panel.

``ask_tab(ctx)`` lays the tab out and wires its events; the behaviour lives in Gradio-free
modules (``ui.chat``, ``ui.conversations``, ``ui.render``). Conversations are kept in the
reader's browser (``gr.BrowserState``), so a reload restores them with their sources clickable.
While an answer is being written the input is locked with a visible "Answering…" state, so a
second question is never dropped; Enter on an empty box does nothing.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import gradio as gr

from ui import conversations as convs
from ui.chat import PANEL_HINT, Message, messages_of, open_passage
from ui.context import ANSWER_CONCURRENCY, UiContext
from ui.conversations import Chats
from ui.render import escape_html, render_panel_hint

PLACEHOLDER = "Ask about your articles…"
BUSY = "Answering… you can ask again in a moment"
SCROLL_JS = "() => { if (window.citeqaScrollToPassage) window.citeqaScrollToPassage(); }"
FOCUS_JS = "() => { if (window.citeqaFocusInput) window.citeqaFocusInput(); }"
EXPORTS = Path(tempfile.gettempdir()) / "citeqa-exports"
PRIVATE: dict[str, Any] = {"api_visibility": "private"}


@dataclass(frozen=True)
class AskTab:
    """The Ask tab's components other parts of the app update or read."""

    chats: gr.BrowserState
    chatbot: gr.Chatbot
    box: gr.Textbox
    send: gr.Button
    picker: gr.Dropdown
    export_md: gr.DownloadButton
    export_json: gr.DownloadButton
    panel: gr.HTML
    backend: gr.Dropdown
    k: gr.Slider


def browser_secret(folder: Path) -> str:
    """The key the browser's stored conversations are encrypted with, kept in ``folder`` so
    that they survive a server restart.

    folder: the app's upload folder (created when missing).
    """
    path = folder / ".browser-secret"
    try:
        return path.read_text(encoding="utf-8").strip() or _new_secret(path)
    except OSError:
        return _new_secret(path)


def _new_secret(path: Path) -> str:
    value = secrets.token_urlsafe(24)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(value, encoding="utf-8")
    except OSError:
        pass  # a read-only folder: conversations then last until the server restarts
    return value


def _exports(chats: Chats) -> tuple[Any, Any]:
    """Download buttons for the current conversation (disabled while it is empty)."""
    conv = convs.current(chats)
    if not conv["turns"]:
        off = gr.update(value=None, interactive=False)
        return off, off
    folder = EXPORTS / conv["id"]
    folder.mkdir(parents=True, exist_ok=True)
    md = folder / convs.export_name(conv, "md")
    js = folder / convs.export_name(conv, "json")
    md.write_text(convs.to_markdown(conv), encoding="utf-8")
    js.write_text(convs.to_json(conv), encoding="utf-8")
    return gr.update(value=str(md), interactive=True), gr.update(value=str(js), interactive=True)


def _picker(chats: Chats) -> Any:
    current = convs.current(chats)
    return gr.update(
        choices=convs.listing(chats), value=current["id"] if current["turns"] else None
    )


def restore(chats: Any) -> tuple[Any, ...]:
    """The page's state after a (re)load: the current conversation, the chat list, exports.

    chats: what the browser had stored (None on a first visit).
    """
    kept = convs.normalise(chats)
    return (kept, messages_of(kept), _picker(kept), *_exports(kept))


def take(ctx: UiContext, question: str, chats: Any) -> tuple[Any, ...]:
    """Accept a question: show it at once and lock the input; nothing at all when blank.

    ctx: the app. question: the box's text. chats: the browser's conversations.
    """
    q = (question or "").strip()
    if not q:
        return "", gr.skip(), gr.skip(), gr.skip()
    locked = gr.update(value="", interactive=False, placeholder=BUSY)
    return (
        q,
        locked,
        gr.update(value="Answering…", interactive=False),
        ctx.chat.pending(q, convs.normalise(chats)),
    )


def respond(
    ctx: UiContext, question: str, chats: Any, backend: str, k: float
) -> Iterator[tuple[Any, Any]]:
    """Stream the answer to the accepted question into the chat; store the finished turn.

    ctx: the app. question: from :func:`take` (blank: nothing changes). chats: the browser's
    conversations. backend: the chosen answer backend. k: passages to read.
    """
    if not question:
        yield gr.skip(), gr.skip()
        return
    yield from ctx.chat.run(question, chats, llm=ctx.backend(backend), k=int(k))


def release(chats: Any) -> tuple[Any, ...]:
    """Unlock the input after an answer; refresh the chat list and the exports."""
    kept = convs.normalise(chats)
    box = gr.update(interactive=True, placeholder=PLACEHOLDER)
    return (box, gr.update(value="Ask", interactive=True), _picker(kept), *_exports(kept))


def new_chat(chats: Any) -> tuple[Any, ...]:
    """Start a new conversation; earlier ones stay in the list."""
    fresh = convs.start_new(convs.normalise(chats))
    return (fresh, [], _picker(fresh), *_exports(fresh), render_panel_hint(PANEL_HINT))


def pick_chat(chats: Any, chat_id: str | None) -> tuple[Any, ...]:
    """Show a past conversation. chat_id: its id from the list."""
    kept = convs.switch(convs.normalise(chats), chat_id)
    return (kept, messages_of(kept), *_exports(kept))


def pick_example(evt: gr.SelectData) -> str:
    """The example question the reader clicked."""
    value = evt.value
    return str(value.get("text", "") if isinstance(value, dict) else value)


def example_update(ctx: UiContext, wait: float = 20.0) -> Any:
    """The chat's example questions for the library as it is now (see ``ui.examples``)."""
    return gr.update(examples=[{"text": q} for q in ctx.examples.get(wait)] or None)


def _layout(ctx: UiContext) -> AskTab:
    s = ctx.settings
    chats = gr.BrowserState(
        convs.empty_chats(), storage_key="citeqa-chats", secret=browser_secret(ctx.uploads)
    )
    with gr.Row(equal_height=False, elem_id="cq-ask-row"):
        with gr.Column(scale=7, min_width=300, elem_id="cq-chat-col"):
            with gr.Row(elem_id="cq-chat-bar"):
                new = gr.Button("New chat", size="sm", scale=0, min_width=96, elem_id="cq-new")
                picker = gr.Dropdown(
                    choices=[],
                    value=None,
                    show_label=False,
                    container=False,
                    scale=4,
                    min_width=160,
                    elem_id="cq-history",
                    info=None,
                    allow_custom_value=False,
                )
                md, js = (
                    gr.DownloadButton(
                        label, size="sm", scale=0, min_width=width, interactive=False,
                        elem_id=f"cq-export-{ext}",
                    )
                    for label, width, ext in (("Markdown", 96, "md"), ("JSON", 72, "json"))
                )  # fmt: skip
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
                    "Answers quote your articles, and every claim links to its passage.</div>"
                ),
            )
            with gr.Row(elem_id="cq-input-row"):
                box = gr.Textbox(
                    elem_id="cq-input",
                    show_label=False,
                    placeholder=PLACEHOLDER,
                    lines=1,
                    max_lines=4,
                    scale=8,
                    min_width=160,
                )
                send = gr.Button(
                    "Ask", variant="primary", scale=1, min_width=120, elem_id="cq-send"
                )
            with gr.Accordion("Settings", open=False, elem_id="cq-settings"):
                backend = gr.Dropdown(
                    choices=ctx.backends,
                    value=ctx.default_backend,
                    label="Answer backend",
                    info="extractive quotes the articles; an LLM backend rephrases (still "
                    "checked against the articles and cited).",
                    elem_id="cq-backend",
                )
                k = gr.Slider(1, 12, value=s.k, step=1, label="Passages read per question (k)")
                if any(c.startswith("openai:") for c in ctx.backends):
                    gr.HTML(
                        "<div class='cq-muted'>OpenAI-compatible server: "
                        f"<code>{escape_html(s.openai_base_url)}</code></div>"
                    )
        with gr.Column(scale=5, min_width=300, elem_id="cq-panel-col"):
            panel = gr.HTML(render_panel_hint(PANEL_HINT), elem_id="cq-panel")
    tab = AskTab(chats, chatbot, box, send, picker, md, js, panel, backend, k)
    _wire(ctx, tab, new)
    return tab


def _wire(ctx: UiContext, t: AskTab, new: gr.Button) -> None:
    pending = gr.State("")
    payload = gr.Textbox(visible="hidden", elem_id="cq-open-payload")
    open_btn = gr.Button("open", visible="hidden", elem_id="cq-open-btn")
    answering: dict[str, Any] = {
        "concurrency_limit": ANSWER_CONCURRENCY,
        "concurrency_id": "answer",
        "show_progress": "hidden",
    }
    after = [t.box, t.send, t.picker, t.export_md, t.export_json]

    def chain(event: Any) -> None:
        event.then(
            partial(respond, ctx),
            [pending, t.chats, t.backend, t.k],
            [t.chatbot, t.chats],
            **PRIVATE,
            **answering,
        ).then(release, t.chats, after, queue=False, **PRIVATE).then(None, js=FOCUS_JS, **PRIVATE)

    accept = (partial(take, ctx), [t.box, t.chats], [pending, t.box, t.send, t.chatbot])
    for trigger in (t.box.submit, t.send.click):
        chain(trigger(*accept, queue=False, show_progress="hidden", **PRIVATE))
    chain(
        t.chatbot.example_select(pick_example, None, pending, queue=False, **PRIVATE).then(
            partial(take, ctx),
            [pending, t.chats],
            [pending, t.box, t.send, t.chatbot],
            queue=False,
            show_progress="hidden",
            **PRIVATE,
        )
    )
    new.click(
        new_chat,
        t.chats,
        [t.chats, t.chatbot, t.picker, t.export_md, t.export_json, t.panel],
        queue=False,
        **PRIVATE,
    )
    t.chatbot.clear(
        new_chat,
        t.chats,
        [t.chats, t.chatbot, t.picker, t.export_md, t.export_json, t.panel],
        queue=False,
        **PRIVATE,
    )
    t.picker.input(
        pick_chat,
        [t.chats, t.picker],
        [t.chats, t.chatbot, t.export_md, t.export_json],
        queue=False,
        **PRIVATE,
    )
    open_btn.click(
        lambda p: open_passage(ctx.store, p), payload, t.panel, queue=False, **PRIVATE
    ).then(None, js=SCROLL_JS, **PRIVATE)


def ask_tab(ctx: UiContext) -> AskTab:
    """Lay out the Ask tab inside the current ``gr.Tab`` and wire its events.

    ctx: the app's shared parts. Returns the components the rest of the app updates.
    """
    return _layout(ctx)


def wire_load(demo: gr.Blocks, ctx: UiContext, t: AskTab) -> None:
    """On page load: restore the stored conversations, then offer the example questions.

    demo: the app. ctx: its shared parts. t: the Ask tab.
    """
    demo.load(
        restore,
        t.chats,
        [t.chats, t.chatbot, t.picker, t.export_md, t.export_json],
        queue=False,
        **PRIVATE,
    ).then(partial(example_update, ctx), None, t.chatbot, **PRIVATE)


__all__ = ["AskTab", "Message", "ask_tab", "wire_load"]
