"""The chat tab's behaviour: stream an answer into the conversation, open a cited passage.

The functions here are plain Python over plain values (chat messages, the browser's stored
conversations), so the Gradio wiring in ``ui/ask_tab.py`` stays thin.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Protocol

from qa.errors import BackendError
from qa.types import Answer, Citation, History
from ui import conversations as convs
from ui.conversations import Chats
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
    render_waiting,
)

if TYPE_CHECKING:
    from ingest.store import DocInfo

log = logging.getLogger(__name__)

Message = dict[str, Any]
"""One chat message in Gradio's messages format: ``{"role": ..., "content": ...}``."""

MAX_QUESTION_CHARS = 1000
"""Longer questions are refused before they reach the answer chain."""

PANEL_HINT = (
    "Click a numbered citation in an answer, or a source card under it, to read the article "
    "with the cited sentences highlighted."
)

READING = "Reading your articles…"
"""What the reply says until the first piece of the answer arrives."""


class StreamAnswer(Protocol):
    """``qa.stream_answer``: text pieces, then the final :class:`Answer`."""

    def __call__(
        self,
        question: str,
        *,
        history: History | None = None,
        store: Any = None,
        llm: Any = None,
        k: int | None = None,
        settings: Any = None,
    ) -> Iterator[str | Answer]: ...


class ArticleSource(Protocol):
    """What the article panel needs from the store."""

    def document(self, doc_id: str) -> DocInfo | None: ...

    def document_text(self, doc_id: str) -> str: ...


def final_answer(pieces: Iterator[str | Answer]) -> Answer | None:
    """The ``Answer`` that ends a stream of text pieces (None when the stream has none).

    pieces: what ``qa.stream_answer`` yields.
    """
    final = None
    for piece in pieces:
        if isinstance(piece, Answer):
            final = piece
    return final


def turn_messages(turn: dict[str, Any]) -> list[Message]:
    """One stored turn as the two chat messages (question, rendered answer or error).

    turn: ``{"question", "answer", "error"}`` (see :mod:`ui.conversations`).
    """
    answer = convs.answer_of(turn)
    reply = render_answer(answer) if answer else render_error(str(turn.get("error") or ""))
    return [
        {"role": "user", "content": render_user(str(turn["question"]))},
        {"role": "assistant", "content": reply},
    ]


def messages_of(chats: Chats) -> list[Message]:
    """The current conversation of ``chats`` as chat messages, sources clickable.

    chats: normalised (see :func:`ui.conversations.normalise`).
    """
    return [m for t in convs.current(chats)["turns"] for m in turn_messages(t)]


def one_line(e: BaseException) -> str:
    """An exception as one readable line: a backend's own message, else type and message.

    e: what the answer chain raised.
    """
    text = " ".join(str(e).split()) or type(e).__name__
    if isinstance(e, BackendError):
        return text
    return f"{type(e).__name__}: {text}"[:300]


@dataclass(frozen=True)
class Chat:
    """Answers questions for the chat tab.

    store: the opened store, handed to every answer. stream: the answer chain
    (``qa.stream_answer``). default_llm: backend used when none is chosen. settings: the app's
    settings, handed to every answer (None: the answer chain reads them itself).
    """

    store: Any
    stream: StreamAnswer
    default_llm: str | None = None
    settings: Any = None

    def pending(self, question: str, chats: Chats) -> list[Message]:
        """The conversation with ``question`` shown at once, its reply still to come.

        question: as typed (stripped). chats: normalised.
        """
        return [
            *messages_of(chats),
            {"role": "user", "content": render_user(question)},
            {"role": "assistant", "content": render_waiting(READING)},
        ]

    def run(
        self,
        question: str,
        chats: Chats,
        *,
        llm: str | None = None,
        k: int | None = None,
    ) -> Iterator[tuple[list[Message], Chats]]:
        """Yield the conversation as the answer streams in, then once more when it is final.

        question: the user's question (blank yields nothing). chats: every conversation of this
        browser (not modified). llm: backend for this answer (default ``default_llm``).
        k: passages to retrieve (default: the settings' k). Each step yields (messages, chats);
        ``chats`` holds the new turn only in the last step, as the answer or a one-line error.
        """
        question = question.strip()
        if not question:
            return
        chats = convs.normalise(chats)
        shown = messages_of(chats)
        asked = [*shown, {"role": "user", "content": render_user(question)}]

        def with_reply(content: str) -> list[Message]:
            return [*asked, {"role": "assistant", "content": content}]

        def failed(why: str) -> tuple[list[Message], Chats]:
            after = convs.with_turn(chats, {"question": question, "answer": None, "error": why})
            return with_reply(render_error(why)), after

        if len(question) > MAX_QUESTION_CHARS:
            yield failed(
                f"Please ask a shorter question (at most {MAX_QUESTION_CHARS} characters)."
            )
            return
        yield with_reply(render_waiting(READING)), chats
        text = ""
        final: Answer | None = None
        try:
            for piece in self.stream(
                question,
                history=convs.history(convs.current(chats)) or None,
                store=self.store,
                llm=llm or self.default_llm,
                k=k,
                settings=self.settings,
            ):
                if isinstance(piece, Answer):
                    final = piece
                    break
                text += piece
                yield with_reply(render_streaming(text)), chats
        except Exception as e:  # the chat must survive a failing backend
            log.warning("answering %r failed: %s", question, e)
            yield failed(f"Sorry, answering failed: {one_line(e)}")
            return
        if final is None:
            yield failed("Sorry, the answer chain returned no answer.")
            return
        final = with_dates(final, self.store)
        turn = {"question": question, "answer": final.to_dict(), "error": ""}
        yield with_reply(render_answer(final)), convs.with_turn(chats, turn)


def with_dates(answer: Answer, store: ArticleSource) -> Answer:
    """``answer`` with each citation's article date filled in from the store where the answerer
    left it empty (the cards and exports show it beside the title).

    answer: the final answer. store: where each article's date is read.
    """
    dates: dict[str, str] = {}

    def date_of(doc_id: str) -> str:
        if doc_id not in dates:
            info = store.document(doc_id)
            dates[doc_id] = info.date if info is not None else ""
        return dates[doc_id]

    def fill(cites: list[Citation]) -> list[Citation]:
        return [c if c.date else replace(c, date=date_of(c.doc_id)) for c in cites]

    return replace(answer, citations=fill(answer.citations), closest=fill(answer.closest))


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
    return render_article(
        info.title if info else "",
        info.source if info else "",
        text,
        [(target.start, target.end)],
        active=0,
        kind=target.kind,
        date=info.date if info else "",
        speakers=speaker_spans(getattr(info, "quotes", ""), target.start, target.end),
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
    if info is None:
        return render_panel_message("This article is no longer in the library.")
    return render_article(info.title, info.source, text, date=info.date)
