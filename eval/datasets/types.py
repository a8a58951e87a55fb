"""The records of an eval question set: items, conversation turns and the set itself."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from ingest.types import Document


@dataclass(frozen=True)
class Turn:
    """One question of a conversation, asked after the turns before it.

    ``answers`` are the gold answers (empty for an unanswerable turn); ``evidence`` holds passage
    texts or document ids/sources that answer it.
    """

    question: str
    answers: list[str] = field(default_factory=list)
    unanswerable: bool = False
    evidence: list[str] = field(default_factory=list)
    qtype: str = "other"


@dataclass(frozen=True)
class EvalItem:
    """One question (or, when ``turns`` is non-empty, one conversation) with its gold data.

    Args:
        id: Stable identifier from the dataset.
        question: The question; for a conversation, the first turn's question.
        answers: Gold answers, any of which is right; empty when ``unanswerable``.
        unanswerable: True when the corpus does not answer the question.
        evidence: Gold passage texts or document ids/sources (``squad://title/3``).
        turns: The conversation's turns in order; empty for a single question.
        qtype: Question type used to break scores down (dataset's own, else from the wh-word).
    """

    id: str
    question: str
    answers: list[str] = field(default_factory=list)
    unanswerable: bool = False
    evidence: list[str] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)
    qtype: str = "other"

    def as_turns(self) -> list[Turn]:
        """The item as the turns to ask in order (a single question is a one-turn list)."""
        if self.turns:
            return list(self.turns)
        return [Turn(self.question, self.answers, self.unanswerable, self.evidence, self.qtype)]


@dataclass(frozen=True)
class QuestionSet:
    """A named list of eval items plus, when the dataset brings one, its own corpus.

    ``documents`` is None when the questions are about documents ingested separately
    (a JSONL set about the user's own articles).
    """

    name: str
    items: list[EvalItem]
    documents: list[Document] | None = None
    fmt: str = "jsonl"

    def __len__(self) -> int:
        return len(self.items)

    @property
    def n_questions(self) -> int:
        """Questions to ask, counting every turn of every conversation."""
        return sum(len(item.as_turns()) for item in self.items)

    def sample(self, n: int | None, seed: int = 0) -> QuestionSet:
        """``n`` items drawn at random with ``seed`` (dataset order kept); all when ``n`` is None
        or at least the set's size. The corpus is kept whole, so the rest act as distractors."""
        if n is None or n >= len(self.items):
            return self
        picked = sorted(random.Random(seed).sample(range(len(self.items)), max(n, 0)))
        return replace(self, items=[self.items[i] for i in picked])
