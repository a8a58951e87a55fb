"""The answer chain: condense the follow-up → retrieve passages → answer with citations.

A ``Pipeline`` is built once at the edge (CLI, web chat, eval) from a store, an answerer and a
searcher. Its condense → retrieve part is a LangChain runnable; the answer step is the
answerer's ``stream``, which serves ``answer`` and ``stream_answer`` alike. ``answer`` and
``stream_answer`` are the plain-function faces, for Python users.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from citeqa.settings import Settings, get_settings
from ingest.pin import one_version
from ingest.store import Store, open_store
from qa.answerers import Answerer, AnswererContext, load_plugins, make_answerer
from qa.closest import closest_passages, uncited
from qa.config import AnsweringConfig, RetrievalConfig
from qa.errors import NothingIngested
from qa.news.agency import agency_answer
from qa.news.daterange import DateRange, date_range, range_in_question
from qa.news.enrich import enrich, said_answer
from qa.news.quotebook import QuoteBook
from qa.retrieve import hybrid_searcher, retrieve
from qa.search import Searcher
from qa.search.dated import date_filtered
from qa.threads import limit_blas_threads
from qa.types import Answer, History, Passage
from qa.vectors import StoreEmbedder


@dataclass
class AnswerState:
    """What flows through the chain for one question."""

    question: str
    history: History
    query: str = ""
    passages: list[Passage] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)
    dates: DateRange = field(default_factory=DateRange)
    versions: dict[Hashable, str] = field(default_factory=dict)
    """The store's version as this answer first read it (``ingest.pin``): one for all its steps."""


def _timed(name: str, fn: Callable[[AnswerState], AnswerState]) -> RunnableLambda[Any, Any]:
    def step(state: AnswerState) -> AnswerState:
        t0 = time.perf_counter()
        out = fn(state)
        state.timings[f"{name}_ms"] = round((time.perf_counter() - t0) * 1000, 2)
        return out

    return RunnableLambda(step)


def _checked_question(question: object) -> str:
    if not isinstance(question, str):
        raise ValueError(f"the question must be text, not {type(question).__name__}")
    if not question.strip():
        raise ValueError("the question is empty")
    return question.strip()


class Pipeline:
    """condense → retrieve → answer over one store with one answerer.

    Args:
        store: the opened store.
        answerer: any ``Answerer`` (see ``qa.answerers``).
        searcher: ranks the store's chunks; default dense + BM25 fused as ``retrieval`` says.
        retrieval: retrieval knobs; ``k`` passages go to the answerer.
        closest: passages offered when an answer is declined.
        backend: the spec recorded on answers.
    """

    def __init__(
        self,
        store: Store,
        answerer: Answerer,
        *,
        searcher: Searcher | None = None,
        retrieval: RetrievalConfig | None = None,
        closest: int = 3,
        backend: str = "extractive",
    ) -> None:
        self.store = store
        self.answerer = answerer
        self.retrieval = retrieval or RetrievalConfig()
        self.searcher = searcher or hybrid_searcher(store, self.retrieval)
        self.closest = closest
        self.backend = backend
        self.sentence_embedder = StoreEmbedder(store)
        self.quotes = QuoteBook(store)
        self.prepare: Runnable[AnswerState, AnswerState] = _timed(
            "condense", self._condense
        ) | _timed("retrieve", self._retrieve)

    @classmethod
    def from_settings(
        cls,
        store: Store | str | Path | None = None,
        *,
        llm: str | None = None,
        k: int | None = None,
        settings: Settings | None = None,
    ) -> Pipeline:
        """The pipeline ``settings`` (default: the process's) describe, with overrides."""
        s = settings or get_settings()
        limit_blas_threads(s.blas_threads)
        st = open_store(store, settings=s)
        answering = AnsweringConfig.from_settings(s)
        spec = (llm or s.llm).strip()
        load_plugins(s.plugins)
        # Sentence vectors come from the store when ingest kept them (qa.vectors).
        answerer = make_answerer(spec, AnswererContext(StoreEmbedder(st), answering))
        return cls(
            st,
            answerer,
            retrieval=RetrievalConfig.from_settings(s, k=k),
            closest=answering.closest,
            backend=spec,
        )

    def _condense(self, state: AnswerState) -> AnswerState:
        state.query = (
            self.answerer.condense(state.question, state.history)
            if state.history
            else state.question
        )
        return state

    def _retrieve(self, state: AnswerState) -> AnswerState:
        dates = state.dates or range_in_question(state.question)
        searcher = date_filtered(self.searcher, dates)
        state.passages = retrieve(state.query, searcher, self.retrieval.k)
        if not state.passages and dates.implied and dates:  # the words were not a filter
            state.passages = retrieve(state.query, self.searcher, self.retrieval.k)
        return state

    def stream(
        self,
        question: str,
        history: History | None = None,
        *,
        since: str | None = None,
        until: str | None = None,
    ) -> Iterator[str | Answer]:
        """Text pieces as they are ready, then the finished ``Answer``.

        ``since``/``until`` (ISO day, month or year) keep to articles published in that range;
        without them, "as of March 2025" / "in 2024" in the question set the range.
        """
        state = AnswerState(_checked_question(question), list(history or []))
        state.dates = date_range(since, until)
        with one_version(state.versions):  # one read of the store's version (ingest.pin)
            if self.store.count() == 0:
                raise NothingIngested(str(self.store.location))
            self.prepare.invoke(state)
        yield from self._respond(state)

    def answer(
        self,
        question: str,
        history: History | None = None,
        *,
        since: str | None = None,
        until: str | None = None,
    ) -> Answer:
        """The finished ``Answer`` (the last item of ``stream``)."""
        return _last(self.stream(question, history, since=since, until=until))

    def as_runnable(self) -> Runnable[AnswerState, Answer]:
        """condense → retrieve → answer as one LangChain runnable over an ``AnswerState``."""
        return self.prepare | RunnableLambda(lambda state: _last(self._respond(state)))

    def _respond(self, state: AnswerState) -> Iterator[str | Answer]:
        """The answer step: the answerer's stream, its final ``Answer`` completed."""
        t0 = time.perf_counter()
        with one_version(state.versions):  # no yield inside: see ingest.pin
            said = said_answer(
                state.question, self.quotes, self.sentence_embedder, state.dates
            ) or agency_answer(state.question, state.passages, self.quotes)
        stream: Iterator[str | Answer] = (
            iter([said.text, said])
            if said
            else self.answerer.stream(
                state.question, state.passages, state.history, query=state.query
            )
        )
        for item in stream:
            if isinstance(item, Answer):
                state.timings["answer_ms"] = round((time.perf_counter() - t0) * 1000, 2)
                with one_version(state.versions):
                    extra = enrich(
                        item, state.question, state.passages, self.quotes, self.sentence_embedder
                    )
                if extra:
                    yield extra
                yield self._finish(item, state)
            else:
                yield item

    def _finish(self, result: Answer, state: AnswerState) -> Answer:
        if result.declined and not result.closest:
            result.closest = closest_passages(
                state.question, state.passages, self.sentence_embedder, self.closest
            )
        result.closest = uncited(result.closest, result.citations)
        result.timings = {**state.timings, **result.timings}
        result.timings["total_ms"] = round((time.perf_counter() - state.started) * 1000, 2)
        result.backend = self.backend
        return result


def _last(items: Iterator[str | Answer]) -> Answer:
    *_, last = items
    if not isinstance(last, Answer):
        raise TypeError("an answerer's stream must end with its Answer")
    return last


_PIPELINES: dict[tuple[int, str | None, int | None, int], tuple[Store, Settings, Pipeline]] = {}


def pipeline(
    store: Store | str | Path | None = None,
    *,
    llm: str | None = None,
    k: int | None = None,
    settings: Settings | None = None,
) -> Pipeline:
    """The pipeline for these arguments, built once per process and reused."""
    s = settings or get_settings()
    st = open_store(store, settings=s)
    key = (id(st), llm, k, id(s))
    if key not in _PIPELINES:
        _PIPELINES[key] = (st, s, Pipeline.from_settings(st, llm=llm, k=k, settings=s))
    return _PIPELINES[key][2]


def answer(
    question: str,
    *,
    history: History | None = None,
    store: Store | str | Path | None = None,
    llm: str | None = None,
    k: int | None = None,
    settings: Settings | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Answer:
    """Answer ``question`` from the stored articles, citing the passages it rests on.

    Args:
        question: what to answer.
        history: the chat so far, as (question, answer text) pairs, oldest first.
        store: an open store, a folder, a Chroma URL, or None for ``CITEQA_STORE``.
        llm: backend spec (``extractive``, ``openai:MODEL``, ``llamacpp:/path.gguf``; see
            ``qa.answerers.available()``); default ``CITEQA_LLM``.
        k: passages handed to the answerer; default ``CITEQA_K``.
        settings: where every other knob comes from; default the process settings.
        since, until: keep to articles published in this range (ISO day, month or year).

    Raises:
        ValueError: a question that is not text, an unknown backend, a bad ``k``.
        qa.errors.NothingIngested: the store holds no articles.
        qa.errors.BackendError: an LLM backend failed.
    """
    return pipeline(store, llm=llm, k=k, settings=settings).answer(
        question, history, since=since, until=until
    )


def stream_answer(
    question: str,
    *,
    history: History | None = None,
    store: Store | str | Path | None = None,
    llm: str | None = None,
    k: int | None = None,
    settings: Settings | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Iterator[str | Answer]:
    """Like ``answer``, but yields the text in pieces as it is ready, then the ``Answer``.

    Generative backends stream their draft as the model writes it (the final ``Answer`` holds
    the checked text; ``Answer.dropped`` lists what failed the check); the extractive answer is
    complete at once and comes as one piece.
    """
    return pipeline(store, llm=llm, k=k, settings=settings).stream(
        question, history, since=since, until=until
    )
