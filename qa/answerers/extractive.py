"""The default offline answerer (``extractive``, or ``extractive:/path/to/answerer.json``):
learned sentence ranking, short-answer selection and a calibrated confidence (``qa.learned``).

Follow-ups carry the last turn's names into the retrieval query (``qa.followup``); sentences are
matched with the question as asked, and with the expanded query only when that declines.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa.answerers.base import AnswererContext, WholeAnswerStream
from qa.answerers.registry import register
from qa.followup import expand_followup
from qa.learned import LearnedModel, learned_answer, load_model
from qa.types import Answer, History, Passage


class LearnedAnswerer(WholeAnswerStream):
    """``qa.learned.learned_answer`` behind the ``Answerer`` protocol."""

    def __init__(self, ctx: AnswererContext, model: LearnedModel) -> None:
        self.ctx = ctx
        self.model = model

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
        def run(q: str | None) -> Answer:
            return learned_answer(
                question, passages, embedder=self.ctx.embedder, model=self.model, query=q
            )

        result = run(None)
        if not result.supported and query and query != question:
            retried = run(query)
            if retried.supported:
                return retried
        return result


def _make(arg: str, ctx: AnswererContext) -> LearnedAnswerer:
    return LearnedAnswerer(ctx, load_model(arg or None))


register(
    "extractive",
    _make,
    help="The default offline answerer: learned sentence and short-answer selection with a "
    "calibrated confidence; quotes the answering sentence (extractive:MODEL.json: another "
    "trained model, from python -m eval.train --out MODEL.json).",
)
