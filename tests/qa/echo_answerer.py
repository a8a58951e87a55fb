"""A test answer backend, registered from outside ``qa/``: ``echo`` quotes the top passage's first
sentence verbatim and cites it. It is loaded by ``CITEQA_PLUGINS=tests.qa.echo_answerer``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from qa.answerers import AnswererContext, register
from qa.types import Answer, Citation, History, Passage

MARK = "ECHO"


class EchoAnswerer:
    """Quotes the first sentence of the best passage, or declines without passages."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix or MARK

    def condense(self, question: str, history: History) -> str:
        return question

    def answer(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Answer:
        if not passages:
            return Answer(question, "nothing", False)
        p = passages[0]
        end = p.text.find(". ") + 1 or len(p.text)
        quote = p.text[:end]
        cite = Citation(1, p.doc_id, p.source, p.title, quote, p.start, p.start + end, 1.0, p.date)
        return Answer(
            question, f"{self.prefix}: “{quote}” [1]", True, citations=[cite], confidence=0.5
        )

    def stream(
        self,
        question: str,
        passages: Sequence[Passage],
        history: History = (),
        *,
        query: str | None = None,
    ) -> Iterator[str | Answer]:
        result = self.answer(question, passages, history, query=query)
        yield f"{self.prefix}: "
        yield result.text[len(self.prefix) + 2 :]
        yield result


def _make(arg: str, ctx: AnswererContext) -> EchoAnswerer:
    return EchoAnswerer(arg)


register("echo", _make, form="echo[:PREFIX]", help="Test backend: quotes the top passage.")
