"""Unanswerable questions from a multi-article corpus: every question asked against the other
articles only (its own article left out of what the answerer sees).

The passages are the open-corpus ranking with the question's own article removed — what a store
without that article would return, up to BM25's corpus statistics — so no second store is built.
The answerer must decline these; the refusal metrics score it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from eval.datasets import EvalItem, QuestionSet
from qa.types import Passage

Retrieve = Callable[[str, int], list[Passage]]


def article_of(source: str) -> str:
    """The article part of a document source: ``squad://Title/3`` → ``Title``; other sources
    are their own article.

    >>> article_of("squad://Super_Bowl_50/3")
    'Super_Bowl_50'
    """
    if source.startswith("squad://"):
        return source.removeprefix("squad://").rsplit("/", 1)[0]
    return source


def other_articles_set(qset: QuestionSet) -> QuestionSet:
    """Each answerable single-turn question of ``qset`` again, as an unanswerable item (id
    suffixed ``#other``) whose evidence still names its own article (to leave it out)."""
    items = [
        replace(item, id=f"{item.id}#other", answers=[], unanswerable=True)
        for item in qset.items
        if not item.unanswerable and not item.turns and item.evidence
    ]
    return replace(qset, name=f"{qset.name} (other articles)", items=items)


def other_articles_retriever(
    items: Sequence[EvalItem], retrieve: Retrieve, k: int, depth: int = 40
) -> Callable[[str], list[Passage]]:
    """``question → the top k passages not from the question's own article`` for ``items``."""
    own = {item.question: {article_of(e) for e in item.evidence} for item in items}

    def passages(question: str) -> list[Passage]:
        skip = own.get(question, set())
        ranked = retrieve(question, depth)
        return [p for p in ranked if article_of(p.source) not in skip][:k]

    return passages
