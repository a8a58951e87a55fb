"""The closest passages offered when an answer is declined: one per passage, never a bare line.

Every answerer's decline is completed here, so "closest passages" mean one thing everywhere:
the first ``count`` passages that have a real sentence, each quoting its sentence nearest the
question (embedding cosine). Headlines and date lines are not offered: they restate the topic
and answer nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ingest.embed import Embedder
from ingest.sentence_vectors import chunk_sentence_spans
from qa.candidates import is_headline
from qa.types import Citation, Passage
from qa.vectors import VECTORS

MIN_WORDS = 6
_DATE_LINE = re.compile(r"^[\W\d_]*(?:\w+day,?\s+)?(?:\w+\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d)\W*$")


def _offerable(text: str, title: str) -> bool:
    return (
        len(text.split()) >= MIN_WORDS
        and not _DATE_LINE.match(text)
        and not is_headline(text, title)
    )


def _spans(p: Passage) -> list[tuple[int, int]]:
    spans = chunk_sentence_spans(p.text, p.sentences)
    return [(a, b) for a, b in spans if _offerable(p.text[a:b], p.title)]


def closest_passages(
    question: str, passages: Sequence[Passage], embedder: Embedder, count: int = 3
) -> list[Citation]:
    """For a declined question: up to ``count`` passages, each quoting its sentence nearest
    the question, in retrieval order, numbered from 1.

    Args:
        question: the question.
        passages: the retrieved passages, best first.
        embedder: the store's embedder.
        count: how many passages to offer.
    """
    picked = [(p, ss) for p in passages if (ss := _spans(p))][:count]
    texts = [p.text[a:b] for p, ss in picked for a, b in ss]
    if not texts:
        return []
    # The answerer embedded these same sentences a moment ago: the shared cache serves them.
    vecs = VECTORS.embed(embedder, [question, *texts])
    q, rest = vecs[0], vecs[1:]
    out: list[Citation] = []
    i = 0
    for n, (p, ss) in enumerate(picked, start=1):
        scores = rest[i : i + len(ss)] @ q
        i += len(ss)
        j = int(np.argmax(scores))
        a, b = ss[j]
        out.append(
            Citation(
                n,
                p.doc_id,
                p.source,
                p.title,
                p.text[a:b],
                p.start + a,
                p.start + b,
                round(float(scores[j]), 4),
                p.date,
            )
        )
    return out
