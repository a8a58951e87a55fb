"""How a short-answer candidate reads against the question, in the embedding model's own
contextual word-piece vectors (the ones the second look already computed for the best sentences).

The parse features of ``qa.learned.spans`` say what kind of phrase a candidate is and where it
stands; they cannot tell "Nafzger" from "Lowry Digital" when "Which company …?" is asked. Here a
candidate is the mean of its word pieces' vectors, compared with the question's question word
("which", carrying what the question asks for in its context), the word after it ("company"),
and every question piece (a candidate much like the question's own words is rarely its answer).
The pieces around a candidate are compared too: an answer tends to stand next to what the
question says happened ("a $12,000 grant from *the Lakeside Community Foundation*" for "Who
paid …?"), even when it is said in other words.

    >>> e = np.eye(4, dtype=np.float32)  # toy 4-d piece vectors
    >>> q = TokenStates(e[[0, 1, 2]], [1, 2, 3], [(0, 5), (6, 13), (14, 17)])
    >>> s = TokenStates(e[[1, 3]], [2, 4], [(0, 7), (8, 12)])
    >>> rows = context_rows(q, "which company won", s, [(0, 7), (8, 12)])
    >>> [[round(float(x), 2) for x in row] for row in rows]
    [[0.0, 1.0, 1.0, 0.33, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.33, 0.0]]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ingest.onnx_encoder import TokenStates
from qa.learned.verbs import verb_pieces
from qa.qtype import WH_WORDS

CONTEXT_FEATURES: tuple[str, ...] = (
    "ctx_wh_cos",
    "ctx_next_cos",
    "ctx_q_max",
    "ctx_q_mean",
    "ctx_near_mean",
    "ctx_near_verb",
)
"""Per candidate: cosine with the question word, with the word after it, and the highest and
mean cosine with the question's pieces; then how well the pieces around it (``NEAR`` on each
side) meet the question: the mean over question pieces of their best match there, and the best
match of the question's verbs (``qa.learned.verbs``; the mean when it has none). All 0 when the
candidate has no pieces."""

NEAR = 6
"""Word pieces on each side of a candidate that count as around it."""


def context_rows(
    question: TokenStates,
    question_text: str,
    sentence: TokenStates,
    spans: Sequence[tuple[int, int]],
) -> np.ndarray:
    """One row of ``CONTEXT_FEATURES`` per candidate.

    Args:
        question: the question's token states; question_text: the text they were taken from.
        sentence: the token states of the sentence holding the candidates.
        spans: each candidate's (start, end) character offsets in the sentence.
    """
    out = np.zeros((len(spans), len(CONTEXT_FEATURES)), dtype=np.float32)
    qv = question.vectors
    if not len(qv):
        return out
    words = [question_text[a:b].lower() for a, b in question.offsets]
    wh = next((i for i, w in enumerate(words) if w in WH_WORDS), None)
    zero = np.zeros(qv.shape[1], dtype=np.float32)
    wh_v = qv[wh] if wh is not None else zero
    next_v = qv[wh + 1] if wh is not None and wh + 1 < len(qv) else zero
    verbs = verb_pieces(question_text, question.offsets)
    for row, (start, end) in enumerate(spans):
        inside = [i for i, (a, b) in enumerate(sentence.offsets) if a < end and start < b]
        if not inside:
            continue
        v = sentence.vectors[inside].mean(axis=0)
        v = v / max(float(np.linalg.norm(v)), 1e-9)
        sims = qv @ v
        near_mean, near_verb = _near(qv, sentence.vectors, inside, verbs)
        out[row] = (
            float(wh_v @ v),
            float(next_v @ v),
            float(sims.max()),
            float(sims.mean()),
            near_mean,
            near_verb,
        )
    return out


def _near(
    qv: np.ndarray, sv: np.ndarray, inside: list[int], verbs: np.ndarray
) -> tuple[float, float]:
    """(mean over question pieces, best over its verb pieces) of their best match among the
    ``NEAR`` pieces on each side of the candidate's pieces ``inside``."""
    lo, hi = max(0, inside[0] - NEAR), min(len(sv), inside[-1] + NEAR + 1)
    near = [i for i in range(lo, hi) if i < inside[0] or i > inside[-1]]
    if not near:
        return 0.0, 0.0
    best = (qv @ sv[near].T).max(axis=1)
    mean = float(best.mean())
    return mean, float(best[verbs].max()) if verbs.any() else mean
