"""The default offline answerer (``extractive``, or ``extractive:/path/to/answerer.json``):
learned sentence ranking, short-answer selection and a calibrated confidence (``qa.learned``).

Follow-ups are handled as by every quoting answerer (``qa.answerers.base.QuotingAnswerer``).
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.answerers.base import AnswererContext, QuotingAnswerer
from qa.answerers.registry import register
from qa.learned import LearnedModel, learned_answer, load_model
from qa.types import Answer, Passage


class LearnedAnswerer(QuotingAnswerer):
    """``qa.learned.learned_answer`` behind the ``Answerer`` protocol."""

    def __init__(self, ctx: AnswererContext, model: LearnedModel) -> None:
        self.ctx = ctx
        self.model = model

    def quote(self, question: str, passages: Sequence[Passage], query: str | None) -> Answer:
        return learned_answer(
            question,
            passages,
            embedder=self.ctx.embedder,
            model=self.model,
            query=query,
            others=self.ctx.config.closest,
        )


def _make(arg: str, ctx: AnswererContext) -> LearnedAnswerer:
    return LearnedAnswerer(ctx, load_model(arg or None))


register(
    "extractive",
    _make,
    help="The default offline answerer: learned sentence and short-answer selection with a "
    "calibrated confidence; quotes the answering sentence (extractive:MODEL.json: another "
    "trained model, from python -m eval.train --out MODEL.json).",
)
