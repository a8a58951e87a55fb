"""Generative answering: an LLM writes the answer, then each sentence is checked against its cites.

The chain is ``prompt | chat model | StrOutputParser`` (``qa.generative.prompt``); the reply is
verified sentence by sentence (``qa.generative.verify``). ``stream_generate`` yields the draft as
the model writes it, then the verified ``Answer``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel

from ingest.embed import Embedder
from qa.generative.prompt import (
    NO_ANSWER,
    format_passages,
    history_messages,
    neutralise,
    prompt_inputs,
    reply_chain,
)
from qa.generative.verify import (
    NOT_ANSWERED_TEXT,
    UNSUPPORTED_MARK,
    Claim,
    OnUnsupported,
    check_claims,
    clean_output,
    confidence_of,
    is_no_answer,
    parse_claims,
    passage_units,
    renumber,
    short_answer,
    support_score,
    verify_answer,
)
from qa.types import Answer, History, Passage

__all__ = [
    "NOT_ANSWERED_TEXT",
    "NO_ANSWER",
    "UNSUPPORTED_MARK",
    "Claim",
    "check_claims",
    "clean_output",
    "confidence_of",
    "format_passages",
    "generate_answer",
    "history_messages",
    "is_no_answer",
    "neutralise",
    "parse_claims",
    "passage_units",
    "prompt_inputs",
    "renumber",
    "reply_chain",
    "short_answer",
    "stream_generate",
    "support_score",
    "verify_answer",
]


def stream_generate(
    question: str,
    passages: Sequence[Passage],
    *,
    chat_model: BaseChatModel,
    embedder: Embedder,
    backend: str,
    history: History = (),
    min_support: float = 0.5,
    attribute_uncited: bool = True,
    on_unsupported: OnUnsupported = "drop",
) -> Iterator[str | Answer]:
    """Yield the model's text pieces as they stream, then the verified Answer last.

    The streamed pieces are the raw draft; only the final Answer is verified.

    Args:
        question: the standalone question.
        passages: the retrieved passages, best first; with none the model is not called.
        chat_model: the LLM (``qa.llm.make_chat_model``).
        embedder: the store's embedder, for verification.
        backend: the backend spec recorded on the Answer.
        history: earlier (question, answer) turns; default none.
        min_support / attribute_uncited / on_unsupported: see ``verify_answer``.
    """
    t0 = time.perf_counter()
    pieces: list[str] = []
    if passages:
        for piece in reply_chain(chat_model).stream(prompt_inputs(question, passages, history)):
            pieces.append(piece)
            yield piece
    yield _verified(
        question,
        "".join(pieces),
        passages,
        t0,
        embedder=embedder,
        backend=backend,
        min_support=min_support,
        attribute_uncited=attribute_uncited,
        on_unsupported=on_unsupported,
    )


def generate_answer(
    question: str,
    passages: Sequence[Passage],
    *,
    chat_model: BaseChatModel,
    embedder: Embedder,
    backend: str,
    history: History = (),
    min_support: float = 0.5,
    attribute_uncited: bool = True,
    on_unsupported: OnUnsupported = "drop",
) -> Answer:
    """Answer ``question`` from ``passages`` with an LLM; every kept sentence is verified.

    Parameters are those of ``stream_generate``.
    """
    t0 = time.perf_counter()
    raw = (
        reply_chain(chat_model).invoke(prompt_inputs(question, passages, history))
        if passages
        else ""
    )
    return _verified(
        question,
        raw,
        passages,
        t0,
        embedder=embedder,
        backend=backend,
        min_support=min_support,
        attribute_uncited=attribute_uncited,
        on_unsupported=on_unsupported,
    )


def _verified(
    question: str, raw: str, passages: Sequence[Passage], t0: float, **verify: Any
) -> Answer:
    """``verify_answer`` with generate (``t0``..now) and verify timings recorded."""
    t1 = time.perf_counter()
    answer = verify_answer(question, raw, passages, **verify)
    now = time.perf_counter()
    answer.timings.update(
        {"generate_ms": round((t1 - t0) * 1000, 2), "verify_ms": round((now - t1) * 1000, 2)}
    )
    return answer
