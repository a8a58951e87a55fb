"""The web chat's API (for ``gradio_client`` and HTTP): ask, ingest, documents, remove.

``ask`` returns ``Answer.to_dict()``, the same JSON as ``citeqa ask --json``. ``ingest`` takes
uploaded files through the same checks as the Library tab and returns one outcome per file.
``documents`` lists the stored articles; ``remove`` removes one by its id.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from typing import Any

import gradio as gr

from ui.chat import final_answer
from ui.context import ANSWER_CONCURRENCY, UiContext
from ui.documents import parse_action
from ui.library_tab import add_uploads

PUBLIC: dict[str, Any] = {"api_visibility": "public"}


def ask(ctx: UiContext, question: str, k: int | None = None) -> dict[str, Any]:
    """Answer a question from the stored articles.

    question: the question. k: passages to retrieve (default: the server's setting).
    Returns the answer as JSON, the same shape as ``citeqa ask --json``.
    """
    if not question or not question.strip():
        raise gr.Error("The question is empty.")
    final = final_answer(
        ctx.stream(
            question.strip(),
            store=ctx.store,
            llm=ctx.default_backend,
            k=k or None,
            settings=ctx.settings,
        )
    )
    if final is None:
        raise gr.Error("The answer chain returned no answer.")
    return final.to_dict()


def documents(ctx: UiContext) -> list[dict[str, Any]]:
    """The stored articles: doc_id, title, source, date, n_chunks, content_hash, ingested_at."""
    return [asdict(d) for d in ctx.store.documents()]


def remove(ctx: UiContext, doc_id: str) -> dict[str, Any]:
    """Remove one stored article and its passages.

    doc_id: the article's id (from ``documents``). Returns ``{"doc_id", "removed"}``;
    ``removed`` is False when no such article was stored.
    """
    if parse_action(f"remove:{doc_id}") is None:
        raise gr.Error(f"not a document id: {doc_id!r}")
    return {"doc_id": doc_id, "removed": bool(ctx.store.remove(doc_id))}


def ingest(ctx: UiContext, files: list[str] | None) -> list[dict[str, Any]]:
    """Add uploaded files to the library (the Library tab's checks: type, size, empty).

    files: the uploaded files. Returns one ``{"name", "status", "detail", "doc_id"}`` per file;
    status is added, updated, unchanged, failed or refused.
    """
    final: list[Any] = []
    for step in add_uploads(ctx, files):  # every step lists all files so far; the last is whole
        final = step
    return [asdict(r) for r in final]


def register_api(ctx: UiContext) -> None:
    """Register the endpoints inside the current ``gr.Blocks``.

    ctx: the app's shared parts.
    """
    answering: dict[str, Any] = {
        "concurrency_limit": ANSWER_CONCURRENCY,
        "concurrency_id": "answer",
    }
    gr.api(_named(partial(ask, ctx), ask), api_name="ask", **answering)
    gr.api(_named(partial(documents, ctx), documents), api_name="documents")
    gr.api(_named(partial(remove, ctx), remove), api_name="remove")
    files = gr.File(file_count="multiple", type="filepath", visible=False)
    out = gr.JSON(visible=False)
    trigger = gr.Button(visible=False)
    trigger.click(partial(ingest, ctx), files, out, api_name="ingest", **PUBLIC)


def _named(fn: partial[Any], like: Any) -> Any:
    """``fn`` as a plain function with ``like``'s name, signature minus ctx, and docstring
    (``gr.api`` reads all three)."""
    import inspect

    sig = inspect.signature(like)
    params = list(sig.parameters.values())[1:]

    def call(*args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    call.__name__ = like.__name__
    call.__doc__ = like.__doc__
    call.__signature__ = sig.replace(parameters=params)  # type: ignore[attr-defined]
    call.__annotations__ = {
        k: v for k, v in getattr(like, "__annotations__", {}).items() if k != "ctx"
    }
    return call
