"""The closest passages offered when an answer is declined: one per passage, never a bare line.

A decline that offers nothing is completed here, so "closest passages" mean one thing for every
answerer that has no better ranking: the first ``count`` passages that have a real sentence, each
quoting its sentence nearest the question (embedding cosine). Headlines and date lines are not
offered (``offerable``): they restate the topic and answer nothing. The learned answerer offers
the sentences its ranker rates best instead (``qa.learned.answerer``)."""

from __future__ import annotations

import dataclasses
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


def offerable(text: str, title: str) -> bool:
    """Whether a sentence is worth offering for reading: at least ``MIN_WORDS`` words, not a
    date line, not its article's headline.

    >>> offerable("Published: March 14, 2025", "Bridge reopens")
    False
    """
    return (
        len(text.split()) >= MIN_WORDS
        and not _DATE_LINE.match(text)
        and not is_headline(text, title)
    )


def _spans(p: Passage) -> list[tuple[int, int]]:
    spans = chunk_sentence_spans(p.text, p.sentences)
    return [(a, b) for a, b in spans if offerable(p.text[a:b], p.title)]


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


def uncited(offered: Sequence[Citation], citations: Sequence[Citation]) -> list[Citation]:
    """``offered`` without the passages that overlap a citation (a later step, such as the
    news step's second source, may cite one of them), numbered from 1 again.

    >>> cite = Citation(1, "d", "s", "t", "A b.", 0, 4, 0.9)
    >>> other = Citation(1, "d", "s", "t", "C d.", 5, 9, 0.5)
    >>> [c.quote for c in uncited([cite, other], [cite])]
    ['C d.']
    """
    kept = [o for o in offered if not covered(o.doc_id, o.start, o.end, citations)]
    return [dataclasses.replace(o, n=n) for n, o in enumerate(kept, start=1)]


def covered(doc_id: str, start: int, end: int, citations: Sequence[Citation]) -> bool:
    """Whether characters ``start``–``end`` of article ``doc_id`` overlap any of ``citations``.

    >>> covered("d", 3, 8, [Citation(1, "d", "s", "t", "A b.", 0, 4, 0.9)])
    True
    """
    return any(c.doc_id == doc_id and start < c.end and c.start < end for c in citations)
