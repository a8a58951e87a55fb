"""The chat tab's behaviour: stream an answer into the conversation, open a cited passage.

The functions here are plain Python over plain values (a list of chat messages, a list of
question/answer pairs), so the Gradio wiring in ``ui/app.py`` stays thin.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from qa.types import Answer
from ui.news import speaker_spans
from ui.render import (
    parse_target,
    render_answer,
    render_article,
    render_error,
    render_panel_hint,
    render_panel_message,
    render_streaming,
    render_user,
)

log = logging.getLogger(__name__)

Message = dict[str, Any]
"""One chat message in Gradio's messages format: ``{"role": ..., "content": ...}``."""

Turn = tuple[str, str]
"""One earlier exchange handed to the answer chain: (question, answer text)."""

MAX_TURNS = 6
"""Earlier exchanges passed to the answer chain as conversation history."""

MAX_QUESTION_CHARS = 1000
"""Longer questions are refused before they reach the answer chain."""

PANEL_HINT = (
    "Click a numbered citation in an answer, or a source card under it, to read the article "
    "with the cited sentences highlighted."
)


class StreamAnswer(Protocol):
    """``qa.stream_answer``: text pieces, then the final :class:`Answer`."""

    def __call__(
        self,
        question: str,
        *,
        history: Sequence[Turn] | None = None,
        store: Any = None,
        llm: Any = None,
        k: int | None = None,
    ) -> Iterator[str | Answer]: ...


class ArticleSource(Protocol):
    """What the article panel needs from the store."""

    def document(self, doc_id: str) -> Any: ...

    def document_text(self, doc_id: str) -> str: ...


@dataclass(frozen=True)
class Chat:
    """Answers questions for the chat tab.

    store: the opened store, handed to every answer. stream: the answer chain
    (``qa.stream_answer``). default_llm: backend used when the settings leave it empty.
    """

    store: Any
    stream: StreamAnswer
    default_llm: str | None = None

    def run(
        self,
        question: str,
        messages: list[Message],
        history: list[Turn],
        *,
        llm: str | None = None,
        k: int | None = None,
    ) -> Iterator[tuple[list[Message], list[Turn]]]:
        """Yield the conversation as the answer streams in, then once more when it is final.

        question: the user's question. messages: the conversation so far (not modified).
        history: earlier (question, answer) pairs. llm: backend for this answer (default
        ``default_llm``). k: passages to retrieve (default: the settings' k).
        Each step yields (messages, history); history grows once the answer is final.
        """
        question = question.strip()
        if not question:
            return
        asked = [*messages, {"role": "user", "content": render_user(question)}]

        def with_reply(content: str) -> list[Message]:
            return [*asked, {"role": "assistant", "content": content}]

        if len(question) > MAX_QUESTION_CHARS:
            too_long = f"Please ask a shorter question (at most {MAX_QUESTION_CHARS} characters)."
            yield with_reply(render_error(too_long)), history
            return
        yield with_reply(render_streaming("")), history
        text = ""
        final: Answer | None = None
        try:
            for piece in self.stream(
                question,
                history=history[-MAX_TURNS:] or None,
                store=self.store,
                llm=llm or self.default_llm,
                k=k,
            ):
                if isinstance(piece, Answer):
                    final = piece
                    break
                text += piece
                yield with_reply(render_streaming(text)), history
        except Exception as e:  # the chat must survive a failing backend
            log.exception("answering %r failed", question)
            failed = f"Sorry, answering failed: {type(e).__name__}: {e}"
            yield with_reply(render_error(failed)), history
            return
        if final is None:
            yield with_reply(render_error("Sorry, the answer chain returned no answer.")), history
            return
        yield with_reply(render_answer(final)), [*history, (question, final.text)][-MAX_TURNS:]


def open_passage(store: ArticleSource, payload: str) -> str:
    """The article panel for a clicked citation: the article with the passage highlighted.

    store: where the article text is read. payload: ``KIND:DOC:START:END`` from the page.
    """
    target = parse_target(payload)
    if target is None:
        return render_panel_message("That link does not point to a passage.")
    try:
        text = store.document_text(target.doc_id)
    except KeyError:
        return render_panel_message("This article is no longer in the library.")
    info = store.document(target.doc_id)
    title = str(getattr(info, "title", "") or "")
    source = str(getattr(info, "source", "") or "")
    return render_article(
        title,
        source,
        text,
        [(target.start, target.end)],
        active=0,
        kind=target.kind,
        date=str(getattr(info, "date", "") or ""),
        speakers=speaker_spans(str(getattr(info, "quotes", "") or ""), target.start, target.end),
    )


def open_document(store: ArticleSource, doc_id: str | None) -> str:
    """The article panel showing a whole article without highlights.

    store: where the article text is read. doc_id: the article (None shows the hint).
    """
    if not doc_id:
        return render_panel_hint(PANEL_HINT)
    try:
        text = store.document_text(doc_id)
    except KeyError:
        return render_panel_message("This article is no longer in the library.")
    info = store.document(doc_id)
    return render_article(
        str(getattr(info, "title", "") or ""),
        str(getattr(info, "source", "") or ""),
        text,
        date=str(getattr(info, "date", "") or ""),
    )
