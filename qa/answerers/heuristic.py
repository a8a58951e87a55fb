"""The hand-weighted extractive answerer (``heuristic``): quotes the best-scoring sentence(s).

Kept beside the learned default for side-by-side comparison; its weights were set by hand.
Follow-ups are handled as by every quoting answerer (``qa.answerers.base.QuotingAnswerer``).
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.answerers.base import AnswererContext, QuotingAnswerer
from qa.answerers.registry import register
from qa.types import Answer, Passage


class HeuristicAnswerer(QuotingAnswerer):
    """``qa.extractive.extract_answer`` behind the ``Answerer`` protocol."""

    def __init__(self, ctx: AnswererContext) -> None:
        self.ctx = ctx

    def quote(self, question: str, passages: Sequence[Passage], query: str | None) -> Answer:
        from qa.extractive import extract_answer

        result = extract_answer(
            question,
            passages,
            min_support=self.ctx.config.min_support,
            retrieval_query=query,
            embedder=self.ctx.embedder,
        )
        if result.supported and result.citations:
            # Uncalibrated: the best sentence's score, clipped to [0, 1].
            result.confidence = max(0.0, min(1.0, result.citations[0].score))
        return result


def _make(arg: str, ctx: AnswererContext) -> HeuristicAnswerer:
    return HeuristicAnswerer(ctx)


register("heuristic", _make, help="Hand-weighted sentence scorer that quotes the best sentences.")
