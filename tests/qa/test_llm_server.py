"""The generative answerer against a real LLM: SmolLM2-135M through llama.cpp.

A 135M model answers poorly; these tests check the machinery, whatever the model says: the
request reaches the model and honours max_tokens, and whatever comes back ends as an Answer whose
every sentence cites a passage that supports it, quoted at the right article offsets.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from langchain_core.messages import AIMessage

from citeqa.settings import get_settings
from ingest.embed import default_embedder
from qa.condense import condense_question
from qa.config import AnsweringConfig
from qa.generative import generate_answer, stream_generate
from qa.llm import LlamaCppChatModel, make_chat_model
from qa.types import Answer
from tests.llm_fixtures import (
    MAX_TOKENS,
    MODEL_ALIAS,
    N_CTX,
    llama_server,
    paragraph_passages,
    require_gguf,
)

__all__ = ["llama_server"]  # the fixture, imported so pytest finds it

pytestmark = pytest.mark.llm

ARTICLE = (
    "The city council of Springfield voted on Tuesday to build a new bridge over the river. "
    "The bridge will cost 40 million dollars and should open in 2027.\n\n"
    "Mayor Ana Lopez said the old bridge, built in 1931, was no longer safe. "
    "Engineers found cracks in two of its supports last spring.\n\n"
    "Work is set to begin in March. Traffic will be diverted to the north crossing "
    "while the old bridge is taken down."
)

EMB = default_embedder()


PASSAGES = paragraph_passages(ARTICLE, source="test://bridge", title="New bridge")


def settings() -> AnsweringConfig:
    return AnsweringConfig.from_settings(get_settings(), max_tokens=MAX_TOKENS)


def assert_sound(answer: Answer, backend: str) -> None:
    """Whatever the model said: the Answer's citations are consistent and correctly placed."""
    assert answer.backend == backend
    assert answer.timings["generate_ms"] > 0
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", answer.text)]
    assert list(dict.fromkeys(markers)) == list(range(1, len(answer.citations) + 1))
    if answer.supported:
        assert answer.citations and not answer.closest
        for sentence in re.split(r"(?<=[.!?])\s+", answer.text):
            assert re.search(r"\[\d+\]", sentence), sentence
    else:
        assert not answer.citations and answer.closest
    for c in [*answer.citations, *answer.closest]:
        assert ARTICLE[c.start : c.end] == c.quote
        assert any(p.start <= c.start and c.end <= p.end for p in PASSAGES)


def test_openai_backend_against_llama_cpp_server(llama_server: str) -> None:
    s = dataclasses.replace(settings(), openai_base_url=llama_server)
    backend = f"openai:{MODEL_ALIAS}"
    model = make_chat_model(backend, s)

    # A prompt that runs to hundreds of tokens unless the server honours max_tokens.
    reply = model.invoke("Write a long story about a dragon who learns to bake bread.")
    assert isinstance(reply, AIMessage)
    assert 0 < reply.usage_metadata["output_tokens"] <= MAX_TOKENS  # type: ignore[index]
    assert reply.response_metadata["finish_reason"] == "length"

    answer = generate_answer(
        "How much will the bridge cost?", PASSAGES, embedder=EMB, backend=backend, chat_model=model
    )
    assert_sound(answer, backend)
    # SmolLM2 answers this one without [n] markers; the checker attributes the sentence to the
    # passage that supports it (greedy decoding, so the same every run on the same build).
    assert answer.supported, answer
    assert any("40 million dollars" in c.quote for c in answer.citations)

    out = list(
        stream_generate(
            "Why was the old bridge unsafe?",
            PASSAGES,
            embedder=EMB,
            backend=backend,
            chat_model=model,
            history=[("What did the council decide?", "To build a new bridge [1].")],
        )
    )
    *pieces, final = out
    assert pieces and all(isinstance(p, str) for p in pieces)
    assert isinstance(final, Answer)
    assert_sound(final, backend)

    standalone = condense_question(
        "When does work on it begin?",
        [("What will Springfield build?", "A new bridge over the river [1].")],
        model,
    )
    assert standalone.strip() and "\n" not in standalone


def test_llamacpp_backend_in_process() -> None:
    gguf = require_gguf()
    backend = f"llamacpp:{gguf}"
    model = make_chat_model(backend, settings())
    assert isinstance(model, LlamaCppChatModel) and model.max_tokens == MAX_TOKENS
    model = model.model_copy(update={"n_ctx": N_CTX})
    *pieces, final = list(
        stream_generate(
            "Who is the mayor?", PASSAGES, embedder=EMB, backend=backend, chat_model=model
        )
    )
    assert pieces and all(isinstance(p, str) for p in pieces)
    assert isinstance(final, Answer)
    assert_sound(final, backend)
    standalone = condense_question(
        "Why?", [("What did the mayor say?", "It was unsafe [1].")], model
    )
    assert standalone.strip() and "\n" not in standalone
