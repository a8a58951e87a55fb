"""The answer chain: condense the follow-up → retrieve passages → answer with citations.

Built from LangChain runnables, so each step can be swapped or traced; ``answer`` and
``stream_answer`` are the plain-function faces of it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from citeqa.settings import get_settings
from ingest.store import Store, open_store
from qa.followup import expand_followup
from qa.retrieve import RetrievalConfig, retrieve
from qa.types import Answer, Passage

History = Sequence[tuple[str, str]]


@dataclass
class Turn:
    """What flows through the chain for one question."""

    question: str
    history: History
    store: Store
    backend: str
    k: int | None
    query: str = ""
    passages: list[Passage] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def _timed(name: str, fn: Any) -> Any:
    def step(turn: Turn) -> Any:
        t0 = time.perf_counter()
        out = fn(turn)
        turn.timings[f"{name}_ms"] = round((time.perf_counter() - t0) * 1000, 2)
        return out

    return step


def _condense(turn: Turn) -> Turn:
    if turn.backend == "extractive" or not turn.history:
        turn.query = expand_followup(turn.question, turn.history)
    else:
        from qa.condense import condense_question

        turn.query = condense_question(turn.question, turn.history, chat_model_for(turn.backend))
    return turn


def _retrieve(turn: Turn) -> Turn:
    turn.passages = retrieve(turn.query, turn.store, RetrievalConfig.from_settings(k=turn.k))
    return turn


def _answer(turn: Turn) -> Answer:
    if turn.backend == "extractive":
        from qa.extractive import extract_answer

        # Sentences are matched with the question as asked; the names a follow-up carried
        # over from the last turn only help when the question alone finds nothing.
        result = extract_answer(turn.question, turn.passages)
        if not result.supported and turn.query != turn.question:
            result = extract_answer(turn.question, turn.passages, retrieval_query=turn.query)
        return result
    from qa.generative import generate_answer

    return generate_answer(
        turn.question, turn.passages, chat_model=chat_model_for(turn.backend), history=turn.history
    )


@lru_cache(maxsize=1)
def _prepare_chain() -> Runnable[Turn, Turn]:
    """condense → retrieve: the turn with its query and passages, each step timed."""
    return RunnableLambda(_timed("condense", _condense)) | RunnableLambda(
        _timed("retrieve", _retrieve)
    )


@lru_cache(maxsize=1)
def answer_chain() -> Runnable[Turn, Answer]:
    """condense → retrieve → answer, each step timed into ``turn.timings`` (built once)."""
    return _prepare_chain() | RunnableLambda(_timed("answer", _answer))


_CHAT_MODELS: dict[str, Any] = {}


def chat_model_for(backend: str) -> Any:
    """The LangChain chat model for a backend spec, created once per process."""
    if backend not in _CHAT_MODELS:
        from qa.llm import make_chat_model

        _CHAT_MODELS[backend] = make_chat_model(backend)
    return _CHAT_MODELS[backend]


def _turn(
    question: str,
    history: History | None,
    store: Store | str | Path | None,
    llm: str | None,
    k: int | None,
) -> Turn:
    question = question.strip()
    if not question:
        raise ValueError("the question is empty")
    return Turn(
        question=question,
        history=list(history or []),
        store=open_store(store),
        backend=(llm or get_settings().llm).strip(),
        k=k,
    )


def answer(
    question: str,
    *,
    history: History | None = None,
    store: Store | str | Path | None = None,
    llm: str | None = None,
    k: int | None = None,
) -> Answer:
    """Answer ``question`` from the stored articles, citing the passages it rests on.

    Args:
        question: what to answer.
        history: the chat so far, as (question, answer text) pairs, oldest first.
        store: an open store, a folder, a Chroma URL, or None for ``CITEQA_STORE``.
        llm: backend spec (``extractive``, ``openai:MODEL``, ``llamacpp:/path.gguf``);
            default ``CITEQA_LLM``.
        k: passages handed to the answerer; default ``CITEQA_K``.
    """
    turn = _turn(question, history, store, llm, k)
    t0 = time.perf_counter()
    result: Answer = answer_chain().invoke(turn)
    return _finish(result, turn, t0)


def stream_answer(
    question: str,
    *,
    history: History | None = None,
    store: Store | str | Path | None = None,
    llm: str | None = None,
    k: int | None = None,
) -> Iterator[str | Answer]:
    """Like ``answer``, but yields the text in pieces as it is ready, then the ``Answer``.

    Generative backends stream tokens (unverified pieces: the final ``Answer`` holds the checked
    text, which may drop sentences); the extractive answer is complete at once and is yielded
    word by word.
    """
    turn = _turn(question, history, store, llm, k)
    t0 = time.perf_counter()
    _prepare_chain().invoke(turn)
    if turn.backend == "extractive":
        result = _timed("answer", _answer)(turn)
        yield from _pieces(result.text)
        yield _finish(result, turn, t0)
        return
    from qa.generative import stream_generate

    t1 = time.perf_counter()
    for item in stream_generate(
        turn.question, turn.passages, chat_model=chat_model_for(turn.backend), history=turn.history
    ):
        if isinstance(item, Answer):  # the verified answer always comes last
            turn.timings["answer_ms"] = round((time.perf_counter() - t1) * 1000, 2)
            yield _finish(item, turn, t0)
        else:
            yield item


def _pieces(text: str) -> Iterator[str]:
    yield from (m.group(0) for m in re.finditer(r"\S+\s*|\s+", text))


def _finish(result: Answer, turn: Turn, t0: float) -> Answer:
    result.timings = {**turn.timings, **result.timings}
    result.timings["total_ms"] = round((time.perf_counter() - t0) * 1000, 2)
    result.backend = turn.backend
    return result
