"""The answerer seam: what every answer backend is, and what it is given when it is made."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ingest.embed import Embedder
from qa.config import AnsweringConfig
from qa.types import Answer, History, Passage


@runtime_checkable
class Answerer(Protocol):
    """An answer backend. Any object with these three methods plugs in (no inheritance).

    ``stream`` yields text pieces as they are ready and always ends with the ``Answer``; the
    answer chain uses it for both ``answer()`` and ``stream_answer()``.
    """

    def condense(self, question: str, history: History) -> str:
        """The stand-alone retrieval query for ``question`` after ``history``."""
        ...

    def answer(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Answer:
        """Answer ``question`` from ``passages`` (best first); ``query`` is what retrieved them."""
        ...

    def stream(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Iterator[str | Answer]:
        """Like ``answer``, yielding text pieces first and the ``Answer`` last."""
        ...


@dataclass(frozen=True)
class AnswererContext:
    """What an answerer factory is given.

    Attributes:
        embedder: the store's embedder: answerers compare texts with the model the store uses.
        config: the answering knobs, built from settings at the edge.
    """

    embedder: Embedder
    config: AnsweringConfig = field(default_factory=AnsweringConfig)


class WholeAnswerStream:
    """Mixin for answerers whose answer is complete at once: ``stream`` yields it whole."""

    def answer(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Answer:
        raise NotImplementedError

    def stream(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Iterator[str | Answer]:
        result = self.answer(question, passages, history, query=query)
        yield result.text
        yield result


class QuotingAnswerer(WholeAnswerStream):
    """Base of the extractive answerers: follow-ups carry the last turn's names into the
    retrieval query (``qa.followup``); sentences are matched with the question as asked first,
    and with that expanded query only when the question alone is declined.

    Subclasses implement ``quote(question, passages, query)``.
    """

    def condense(self, question: str, history: History) -> str:
        from qa.followup import expand_followup

        return expand_followup(question, history)

    def quote(self, question: str, passages: Sequence[Passage], query: str | None) -> Answer:
        """Answer by quoting ``passages``; ``query`` (when given) is what sentences match."""
        raise NotImplementedError

    def answer(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Answer:
        result = self.quote(question, passages, None)
        if result.declined and query and query != question:
            retried = self.quote(question, passages, query)
            if not retried.declined:
                return retried
        return result


def words(text: str) -> list[str]:
    """``text`` cut into word-and-space pieces (for answerers that stream a finished text)."""
    return [m.group(0) for m in re.finditer(r"\S+\s*|\s+", text)]
