"""The hand-weighted extractive answerer: quotes the best-scoring sentence(s) of the passages.

Follow-ups carry the last turn's names into the retrieval query (``qa.followup``); the sentence
is matched with the question as asked first, with the expanded query only when that finds none.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.answerers.base import AnswererContext, WholeAnswerStream
from qa.answerers.registry import register
from qa.followup import expand_followup
from qa.types import Answer, History, Passage


class HeuristicAnswerer(WholeAnswerStream):
    """``qa.extractive.extract_answer`` behind the ``Answerer`` protocol."""

    def __init__(self, ctx: AnswererContext) -> None:
        self.ctx = ctx

    def condense(self, question: str, history: History) -> str:
        return expand_followup(question, history)

    def answer(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Answer:
        from qa.extractive import extract_answer

        def run(retrieval_query: str | None) -> Answer:
            return extract_answer(
                question,
                passages,
                min_support=self.ctx.config.min_support,
                retrieval_query=retrieval_query,
                embedder=self.ctx.embedder,
            )

        result = run(None)
        if not result.supported and query and query != question:
            result = run(query)
        if result.supported and result.citations:
            # Uncalibrated: the best sentence's score, clipped to [0, 1].
            result.confidence = max(0.0, min(1.0, result.citations[0].score))
        return result


def _make(arg: str, ctx: AnswererContext) -> HeuristicAnswerer:
    return HeuristicAnswerer(ctx)


register("heuristic", _make, help="Hand-weighted sentence scorer that quotes the best sentences.")
