"""The chat behaviour with the real answer chain: streaming, history, the article panel."""

from __future__ import annotations

from typing import Any

import pytest

from ui.chat import MAX_QUESTION_CHARS, Chat, open_passage

pytestmark = pytest.mark.timeout(300)


def test_answer_streams_then_renders_sources(store: Any) -> None:
    from qa import stream_answer

    chat = Chat(store=store, stream=stream_answer)
    steps = list(chat.run("How much did the Kessling Harbour Bridge repairs cost?", [], []))
    assert len(steps) >= 3  # empty reply, at least one streamed piece, the final answer
    streamed = [m[-1]["content"] for m, _ in steps[:-1]]
    assert all("cq-streaming" in c for c in streamed)
    assert len(streamed[-1]) > len(streamed[0])
    final, history = steps[-1]
    assert [m["role"] for m in final] == ["user", "assistant"]
    assert "cq-sources" in final[-1]["content"] and "42 million" in final[-1]["content"]
    question = "How much did the Kessling Harbour Bridge repairs cost?"
    assert len(history) == 1 and history[0][0] == question


def test_history_is_handed_to_the_chain(store: Any) -> None:
    seen: list[Any] = []

    from qa import stream_answer

    def recording(question: str, **kw: Any) -> Any:
        seen.append(kw.get("history"))
        return stream_answer(question, **kw)

    chat = Chat(store=store, stream=recording)
    *_, (msgs, hist) = chat.run("Who won the national schools robotics final?", [], [])
    *_, (msgs, hist) = chat.run("How many teams did they beat?", msgs, hist)
    assert seen[0] is None
    assert seen[1] and seen[1][0][0] == "Who won the national schools robotics final?"
    assert len(msgs) == 4 and len(hist) == 2


def test_overlong_and_empty_questions(store: Any) -> None:
    from qa import stream_answer

    chat = Chat(store=store, stream=stream_answer)
    assert list(chat.run("   ", [], [])) == []
    ((msgs, hist),) = list(chat.run("x" * (MAX_QUESTION_CHARS + 1), [], []))
    assert "cq-error" in msgs[-1]["content"] and hist == []


def test_open_passage_highlights_the_offsets(store: Any) -> None:
    doc = store.documents()[0]
    text = store.document_text(doc.doc_id)
    html = open_passage(store, f"cite:{doc.doc_id}:0:{len(text) // 2}")
    assert 'id="cq-active"' in html
    assert "no longer" in open_passage(store, "cite:0000000000000000:0:5")
    assert "does not point" in open_passage(store, "cite:../../x:0:5")
