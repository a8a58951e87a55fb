"""Second look at the best sentences: word-piece alignment between question and sentence.

The sentence ranker's features compare whole-sentence embeddings and exact word stems, so
"paid for" never meets "a grant from" and "founded" never meets "founder". Here each of the
``k`` best sentences is read again with the embedding model's contextual word-piece vectors:
every question piece is matched with its most similar sentence piece (MaxSim, as in ColBERT),
and how well the question is covered (over all its pieces, and over the pieces of its verbs,
``qa.learned.verbs``) becomes a handful of features for a second scorer, which reorders those
``k``. The rest keep their order below them. Training replays the same steps
(``eval.training``), so the reranker learns on the ranker's out-of-fold scores.

    >>> p = np.array([0.6, 0.3])
    >>> rows = rerank_rows(_toy(0), [_toy(0), _toy(1)], p, [0, 1], [[0, 2], [1, 2]])
    >>> rows.shape == (2, len(RERANK_FEATURES)), float(rows[0, 3]), float(rows[1, 3])
    (True, 1.0, 0.5)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ingest.onnx_encoder import TokenStates
from qa.learned.verbs import verb_pieces
from qa.lru import TextLRU

StatesOf = Callable[[list[str]], list[TokenStates]]
"""Token states of texts (``TokenCache.states`` bound to an encoder, see ``states_of``)."""

_MAXSIM = (
    "ms_mean",
    "ms_min",
    "ms_idf",
    "ms_over_06",
    "ms_over_08",
    "ms_sentence",
    "ms_low",
    "ms_verb",
)
RERANK_FEATURES: tuple[str, ...] = (
    "p",
    "p_gap",
    "rank",
    *_MAXSIM,
    *(f"{x}_gap" for x in _MAXSIM),
)


def rerank_rows(
    question: TokenStates,
    sentences: Sequence[TokenStates],
    p: np.ndarray,
    top: Sequence[int],
    all_ids: Sequence[Sequence[int]],
    verbs: np.ndarray | None = None,
) -> np.ndarray:
    """One row of ``RERANK_FEATURES`` per sentence in ``top`` (indices into ``p``, best first).

    Args:
        question: the question's token states.
        sentences: the token states of each sentence of ``top``.
        p: the ranker's scores of every candidate sentence.
        top: the candidates read again, in ranker order.
        all_ids: every candidate sentence's word-piece ids (the IDF of a piece is taken over
            the candidates, as the ranker's word overlap is).
        verbs: which question pieces belong to its verbs (``verb_pieces``); ``ms_verb`` is
            their mean best match, or ``ms_mean`` when there are none (or no mask is given).
    """
    qv, qids = question.vectors, question.ids
    df: dict[int, int] = {}
    for ids in all_ids:
        for i in set(ids):
            df[i] = df.get(i, 0) + 1
    n = len(all_ids)
    weights = np.array([math.log(1.0 + (n + 1) / (df.get(i, 0) + 0.5)) for i in qids])
    feats = np.array([_maxsim(qv, s.vectors, weights, verbs) for s in sentences], dtype=np.float32)
    if not len(feats):
        return np.zeros((0, len(RERANK_FEATURES)), dtype=np.float32)
    pt = p[list(top)].astype(np.float32)
    head = np.stack([pt, pt.max() - pt, np.arange(len(top), dtype=np.float32)], axis=1)
    return np.hstack([head, feats, feats.max(axis=0) - feats]).astype(np.float32)


def _maxsim(
    q: np.ndarray, s: np.ndarray, weights: np.ndarray, verbs: np.ndarray | None
) -> list[float]:
    if len(q) == 0 or len(s) == 0:
        return [0.0] * len(_MAXSIM)
    sim = q @ s.T
    best = sim.max(axis=1)
    low = np.sort(best)[: max(1, len(best) // 3)]
    asked = best[verbs] if verbs is not None and verbs.any() else best
    return [
        float(best.mean()),
        float(best.min()),
        float((best * weights).sum() / max(float(weights.sum()), 1e-9)),
        float((best > 0.6).mean()),
        float((best > 0.8).mean()),
        float(sim.max(axis=0).mean()),
        float(low.mean()),
        float(asked.mean()),
    ]


def reordered(p: np.ndarray, top: Sequence[int], p2: np.ndarray) -> np.ndarray:
    """Scores of every candidate after the second look: ``top`` get the reranker's ``p2``; the
    others keep their order, scaled below the lowest of ``top``.

    >>> reordered(np.array([0.9, 0.5, 0.2]), [0, 1], np.array([0.3, 0.8])).round(3).tolist()
    [0.3, 0.8, 0.2]
    """
    out = np.asarray(p, dtype=np.float64).copy()
    rest = np.ones(len(out), dtype=bool)
    rest[list(top)] = False
    out[list(top)] = p2
    if rest.any() and len(p2):
        floor = float(np.min(p2))
        high = float(out[rest].max())
        if high >= floor:
            out[rest] *= floor / high * 0.999 if high > 0 else 0.0
    return out


def best(p: np.ndarray, k: int) -> list[int]:
    """The ``k`` best candidates by ``p``, best first (ties by position)."""
    return [int(i) for i in np.argsort(-p, kind="stable")[:k]]


class TokenCache(TextLRU[TokenStates]):
    """Token states of texts seen before (LRU, thread-safe), filled by ``token_vectors``; a
    text's states take ~45 KB (30 pieces × 384 floats), so the default keeps 512."""

    def __init__(self, size: int = 512) -> None:
        super().__init__(size)

    def states(self, encoder: Any, texts: Sequence[str]) -> list[TokenStates]:
        """``encoder.token_vectors`` of ``texts``, computing only those not cached."""
        name = str(getattr(encoder, "name", type(encoder).__name__))
        have = self.hits(name, texts)
        missing = [t for t in dict.fromkeys(texts) if t not in have]
        if missing:
            found = dict(zip(missing, encoder.token_vectors(missing), strict=True))
            self.put(name, found)
            have.update(found)
        return [have[t] for t in texts]


TOKENS = TokenCache()


def states_of(embedder: Any, cache: TokenCache = TOKENS) -> StatesOf | None:
    """``cache.states`` bound to the embedder's token encoder; None when it gives no token
    vectors."""
    encoder = token_encoder(embedder)
    return None if encoder is None else (lambda texts: cache.states(encoder, texts))


def token_encoder(embedder: Any) -> Any | None:
    """The embedder (or the one it wraps) that gives token vectors, or None."""
    seen = 0
    while embedder is not None and seen < 8:
        if callable(getattr(embedder, "token_vectors", None)):
            return embedder
        embedder = getattr(embedder, "inner", None)
        seen += 1
    return None


def second_look(
    query: str,
    texts: Sequence[str],
    p: np.ndarray,
    embedder: Any,
    k: int,
    cache: TokenCache = TOKENS,
) -> tuple[list[int], np.ndarray] | None:
    """The ``k`` best candidates by ``p`` and their ``RERANK_FEATURES`` rows, or None when the
    embedder gives no token vectors.

    Args:
        query: the stand-alone question.
        texts: every candidate sentence's text, row for row with ``p``.
        p: the ranker's scores.
        embedder: the store's embedder (or a wrapper of it, see ``token_encoder``).
        k: how many best candidates are read again.
        cache: where token states are kept (training passes a bigger one).
    """
    encoder = token_encoder(embedder)
    if encoder is None or not len(texts):
        return None
    top = best(p, k)
    states = cache.states(encoder, [query, *(texts[i] for i in top)])
    rows = rerank_rows(
        states[0],
        states[1:],
        p,
        top,
        encoder.word_pieces(list(texts)),
        verb_pieces(query, states[0].offsets),
    )
    return top, rows


def _toy(i: int) -> TokenStates:
    """A fixed two-piece text for the doctest."""
    v = np.eye(3, dtype=np.float32)[[i, 2]]
    return TokenStates(v, [i, 2], [(0, 1), (2, 3)])
