"""LLM answerers: ``openai:MODEL`` (any OpenAI-compatible server) and ``llamacpp:PATH.gguf``.

The model writes the answer; every sentence is then verified against the passage it cites
(``qa.generative``). Follow-ups are rewritten into stand-alone questions by the same model.
Server failures surface as one readable ``BackendError`` line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from qa.answerers.base import AnswererContext
from qa.answerers.registry import register
from qa.errors import BackendError
from qa.types import Answer, History, Passage

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel


class LLMAnswerer:
    """A chat model that answers from the passages, its sentences checked before they are shown."""

    def __init__(self, spec: str, ctx: AnswererContext) -> None:
        from qa.llm import make_chat_model

        self.spec = spec
        self.ctx = ctx
        self.chat_model: BaseChatModel = make_chat_model(spec, ctx.config)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn a server's failure into one line naming the server and the cause."""
        try:
            yield
        except BackendError:
            raise
        except Exception as e:
            if not self.spec.startswith("openai:"):
                raise BackendError(f"the llama.cpp model failed: {_cause(e)}") from e
            url = self.ctx.config.openai_base_url
            raise BackendError(f"the LLM server at {url} failed: {_cause(e)}") from e

    def condense(self, question: str, history: History) -> str:
        from qa.condense import condense_question

        with self._errors():
            return condense_question(question, history, self.chat_model)

    def stream(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Iterator[str | Answer]:
        from qa.generative import stream_generate

        with self._errors():
            yield from stream_generate(query or question, passages, **self._options(history))

    def answer(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Answer:
        from qa.generative import generate_answer

        with self._errors():
            return generate_answer(query or question, passages, **self._options(history))

    def _options(self, history: History) -> dict[str, Any]:
        """The keyword arguments of ``stream_generate`` / ``generate_answer`` for this backend."""
        cfg = self.ctx.config
        return {
            "chat_model": self.chat_model,
            "embedder": self.ctx.embedder,
            "backend": self.spec,
            "history": history,
            "min_support": cfg.citation_support,
            "attribute_uncited": cfg.attribute_uncited,
        }


def _cause(e: BaseException) -> str:
    """A short reason: the HTTP status and message, or the connection error's own words."""
    status = getattr(e, "status_code", None)
    text = " ".join(str(e).split())
    if len(text) > 160:
        text = text[:157] + "..."
    name = type(e).__name__
    if status:
        return f"HTTP {status} ({text})"
    return f"{name}: {text}" if text else name


def _openai(arg: str, ctx: AnswererContext) -> LLMAnswerer:
    return LLMAnswerer(f"openai:{arg}", ctx)


def _llamacpp(arg: str, ctx: AnswererContext) -> LLMAnswerer:
    return LLMAnswerer(f"llamacpp:{arg}", ctx)


register(
    "openai",
    _openai,
    form="openai:MODEL",
    help="An OpenAI-compatible server at CITEQA_OPENAI_BASE_URL writes the answer.",
)
register(
    "llamacpp",
    _llamacpp,
    form="llamacpp:/path/model.gguf",
    help="A GGUF model run in-process by llama.cpp writes the answer.",
)
