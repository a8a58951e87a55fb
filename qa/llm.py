"""LLM backends: a spec string such as ``openai:MODEL`` or ``llamacpp:/m.gguf`` -> a chat model.

``openai:MODEL`` talks to any OpenAI-compatible server (llama.cpp's ``llama_cpp.server`` or
``llama-server``, vLLM, LM Studio, Ollama's ``/v1``) at ``AnsweringConfig.openai_base_url``.
``llamacpp:/path/model.gguf`` runs the model in-process through llama-cpp-python.
Both are LangChain chat models, so the answer chain is the same runnable for either.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

from qa.config import AnsweringConfig

if TYPE_CHECKING:
    from llama_cpp import Llama

BackendKind = Literal["openai", "llamacpp"]
BACKEND_KINDS: tuple[BackendKind, ...] = ("openai", "llamacpp")


@dataclass(frozen=True)
class BackendSpec:
    """A parsed backend spec: ``kind`` is openai|llamacpp, ``target`` the model name or path."""

    kind: BackendKind
    target: str
    spec: str


def parse_backend(spec: str) -> BackendSpec:
    """Parse ``openai:MODEL`` or ``llamacpp:/path/model.gguf``; ValueError names what is wrong.

    Args:
        spec: the backend string (as in ``CITEQA_LLM`` or ``citeqa ask --llm``).
    """
    kind, sep, target = spec.strip().partition(":")
    kind = kind.strip().lower()
    target = target.strip()
    if not sep or kind not in BACKEND_KINDS:
        raise ValueError(
            f"unknown LLM backend {spec!r}: use openai:MODEL or llamacpp:/path/model.gguf"
        )
    if not target:
        what = "a model name" if kind == "openai" else "the path of a .gguf file"
        raise ValueError(f"LLM backend {spec!r} lacks {what} after '{kind}:'")
    if kind == "llamacpp" and not target.lower().endswith(".gguf"):
        raise ValueError(f"LLM backend {spec!r}: llamacpp needs a .gguf model file")
    return BackendSpec(kind="openai" if kind == "openai" else "llamacpp", target=target, spec=spec)


def make_chat_model(spec: str, config: AnsweringConfig | None = None) -> BaseChatModel:
    """A LangChain chat model for ``spec``, deterministic (temperature 0).

    Args:
        spec: ``openai:MODEL`` or ``llamacpp:/path/model.gguf``.
        config: source of ``openai_base_url``, ``openai_api_key``, ``max_tokens`` and
            ``llm_timeout``; default ``AnsweringConfig()``.
    """
    s = config or AnsweringConfig()
    backend = parse_backend(spec)
    if backend.kind == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=backend.target,
            base_url=s.openai_base_url,
            api_key=s.openai_api_key,
            temperature=0.0,
            max_tokens=s.max_tokens,
            # ChatOpenAI sends max_completion_tokens, which llama.cpp's Python server and some
            # other local servers ignore; the plain field is sent too so every server honours it.
            extra_body={"max_tokens": s.max_tokens},
            max_retries=0,
            timeout=s.llm_timeout,
        )
    path = Path(backend.target).expanduser()
    if not path.is_file():
        raise ValueError(f"LLM backend {spec!r}: no such model file {str(path)!r}")
    return LlamaCppChatModel(model_path=str(path), max_tokens=s.max_tokens)


_LOAD_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def _load_llama(model_path: str, n_ctx: int, n_threads: int | None) -> tuple[Llama, threading.Lock]:
    """Load a GGUF once per process; the lock serialises calls (a Llama is not thread-safe)."""
    from llama_cpp import Llama

    llm = Llama(model_path=model_path, n_ctx=n_ctx, n_threads=n_threads, verbose=False)
    # Free the model before interpreter shutdown tears down the C bindings its __del__ needs.
    atexit.register(llm.close)
    return llm, threading.Lock()


def _role(message: BaseMessage) -> str:
    if isinstance(message, SystemMessage):
        return "system"
    if isinstance(message, HumanMessage):
        return "user"
    if isinstance(message, AIMessage):
        return "assistant"
    return "user"


class LlamaCppChatModel(BaseChatModel):
    """A GGUF model run in-process by llama-cpp-python, as a LangChain chat model.

    Uses the chat template stored in the GGUF. Fields: ``model_path`` (the .gguf file),
    ``n_ctx`` (context window, default 4096), ``max_tokens`` (generation limit, default 256),
    ``temperature`` (default 0), ``n_threads`` (default: llama.cpp's choice).
    """

    model_path: str
    n_ctx: int = 4096
    max_tokens: int = 256
    temperature: float = 0.0
    n_threads: int | None = None

    @property
    def _llm_type(self) -> str:
        return "llamacpp"

    def _llama(self) -> tuple[Llama, threading.Lock]:
        with _LOAD_LOCK:
            return _load_llama(self.model_path, self.n_ctx, self.n_threads)

    def _request(self, messages: list[BaseMessage], stop: list[str] | None) -> dict[str, Any]:
        return {
            "messages": [{"role": _role(m), "content": m.text} for m in messages],
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "stop": stop or [],
        }

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        llm, lock = self._llama()
        with lock:
            out: Any = llm.create_chat_completion(**self._request(messages, stop))
        text = out["choices"][0]["message"].get("content") or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        llm, lock = self._llama()
        with lock:
            pieces: Any = llm.create_chat_completion(**self._request(messages, stop), stream=True)
            for piece in pieces:
                token = piece["choices"][0]["delta"].get("content") or ""
                if not token:
                    continue
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
                if run_manager:
                    run_manager.on_llm_new_token(token, chunk=chunk)
                yield chunk
