"""Candidate sentences: every sentence of the retrieved passages, each article span once.

Both extractive answerers start here. Sentences come from the spans stored with each chunk at
ingest (older stores' chunks are split on the fly).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingest.sentence_vectors import chunk_sentence_spans
from qa.types import Passage


@dataclass(frozen=True)
class Sentence:
    """A candidate sentence: ``passage.text[start:end]``, the ``index``-th of the passage that
    stands ``rank``-th in retrieval."""

    rank: int
    index: int
    passage: Passage
    start: int
    end: int
    text: str

    @property
    def article_start(self) -> int:
        return self.passage.start + self.start

    @property
    def article_end(self) -> int:
        return self.passage.start + self.end


def norm(text: str) -> str:
    """``text`` lower-cased with its white space folded and end dots dropped (for comparing)."""
    return " ".join(text.lower().split()).strip(" .")


def is_headline(text: str, title: str) -> bool:
    """Whether ``text`` is the article's own headline (its title): it restates the topic and
    is not an answer to anything asked about the article."""
    return norm(text) == norm(title)


def passage_sentences(passages: Sequence[Passage], *, headlines: bool = True) -> list[Sentence]:
    """Every sentence of ``passages``, in rank order, each article span once (from the best
    passage that holds it: neighbouring chunks share a sentence).

    Args:
        passages: retrieved chunks, best first.
        headlines: keep an article's headline (its first sentence when it equals the title).
    """
    seen: set[tuple[str, int, int]] = set()
    out: list[Sentence] = []
    for rank, p in enumerate(passages):
        for i, (start, end) in enumerate(chunk_sentence_spans(p.text, p.sentences)):
            key = (p.doc_id, p.start + start, p.start + end)
            if key in seen:
                continue
            seen.add(key)
            text = p.text[start:end]
            if not headlines and i == 0 and p.chunk_index == 0 and is_headline(text, p.title):
                continue
            out.append(Sentence(rank, i, p, start, end, text))
    return out
