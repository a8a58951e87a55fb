"""The chat behaviour with the real answer chain: streaming, history, errors, the article panel."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from qa.errors import BackendError
from qa.types import Answer
from ui import conversations as convs
from ui.chat import MAX_QUESTION_CHARS, Chat, messages_of, open_passage

pytestmark = pytest.mark.timeout(300)


def test_answer_streams_then_renders_sources_and_is_stored(store: Any) -> None:
    from qa import stream_answer

    chat = Chat(store=store, stream=stream_answer)
    question = "How much did the Kessling Harbour Bridge repairs cost?"
    steps = list(chat.run(question, convs.empty_chats()))
    assert len(steps) >= 2  # the waiting reply, then the final answer
    assert all("cq-streaming" in m[-1]["content"] for m, _ in steps[:-1])
    final, chats = steps[-1]
    assert [m["role"] for m in final] == ["user", "assistant"]
    assert "cq-sources" in final[-1]["content"] and "42 million" in final[-1]["content"]
    (turn,) = convs.current(chats)["turns"]
    assert turn["question"] == question and turn["answer"]["supported"] is True
    # What the browser stores renders back to the same conversation, sources clickable.
    assert messages_of(chats) == final
    assert 'href="#cq=cite:' in messages_of(chats)[-1]["content"]


def test_history_is_handed_to_the_chain(store: Any) -> None:
    seen: list[Any] = []

    from qa import stream_answer

    def recording(question: str, **kw: Any) -> Any:
        seen.append(kw.get("history"))
        return stream_answer(question, **kw)

    chat = Chat(store=store, stream=recording)
    *_, (msgs, chats) = chat.run(
        "Who won the national schools robotics final?", convs.empty_chats()
    )
    *_, (msgs, chats) = chat.run("How many teams did they beat?", chats)
    assert seen[0] is None
    assert seen[1] and seen[1][0][0] == "Who won the national schools robotics final?"
    assert len(msgs) == 4 and len(convs.current(chats)["turns"]) == 2
    assert "48" in msgs[-1]["content"]


def test_overlong_and_empty_questions(store: Any) -> None:
    from qa import stream_answer

    chat = Chat(store=store, stream=stream_answer)
    assert list(chat.run("   ", convs.empty_chats())) == []
    ((msgs, chats),) = list(chat.run("x" * (MAX_QUESTION_CHARS + 1), convs.empty_chats()))
    assert "cq-error" in msgs[-1]["content"]
    assert convs.current(chats)["turns"][0]["answer"] is None


def test_backend_error_is_one_line_and_the_chat_goes_on(store: Any) -> None:
    """A backend that fails mid-stream: one readable line, the turn is kept, the next works."""
    from qa import stream_answer

    def failing(question: str, **kw: Any) -> Iterator[str | Answer]:
        if "down" in question:
            yield "The draft"
            raise BackendError("http://127.0.0.1:9/v1: connection refused (is the server running?)")
        yield from stream_answer(question, **kw)

    chat = Chat(store=store, stream=failing)
    *_, (msgs, chats) = chat.run("Is the server down?", convs.empty_chats())
    error = msgs[-1]["content"]
    assert "cq-error" in error and "connection refused" in error and "Traceback" not in error
    assert "\n" not in error
    *_, (msgs, chats) = chat.run("When was the dam at Lake Varn built?", chats)
    assert "1952" in msgs[-1]["content"] and len(msgs) == 4


def test_open_passage_highlights_the_offsets(store: Any) -> None:
    doc = store.documents()[0]
    text = store.document_text(doc.doc_id)
    html = open_passage(store, f"cite:{doc.doc_id}:0:{len(text) // 2}")
    assert 'id="cq-active"' in html
    assert "no longer" in open_passage(store, "cite:0000000000000000:0:5")
    assert "does not point" in open_passage(store, "cite:../../x:0:5")
