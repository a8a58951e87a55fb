"""hit@k and MRR@k from per-rank gold flags."""

from __future__ import annotations

from collections.abc import Sequence

from eval.metrics.stats import mean_or_none


def hit_at_k(flags: Sequence[bool], k: int) -> float:
    """1.0 when any of the first ``k`` passages is gold, else 0.0.

    >>> hit_at_k([False, True, False], 1), hit_at_k([False, True, False], 2)
    (0.0, 1.0)
    >>> hit_at_k([], 5)
    0.0
    """
    return 1.0 if any(flags[:k]) else 0.0


def reciprocal_rank(flags: Sequence[bool], k: int) -> float:
    """``1 / rank`` of the first gold passage within the first ``k`` (rank from 1), else 0.0.

    >>> reciprocal_rank([False, False, True], 10)
    0.3333333333333333
    >>> reciprocal_rank([False, False, True], 2)
    0.0
    """
    for rank, flag in enumerate(flags[:k], start=1):
        if flag:
            return 1.0 / rank
    return 0.0


def mean_hit_at_k(all_flags: Sequence[Sequence[bool] | None], k: int) -> float | None:
    """hit@k = (questions with a gold passage in the top k) / (questions that can be judged).

    Questions whose flags are None (nothing to judge by) are left out; None when none is left.

    >>> mean_hit_at_k([[True], [False, True], None], 1)
    0.5
    >>> mean_hit_at_k([None], 1) is None
    True
    """
    return mean_or_none(None if f is None else hit_at_k(f, k) for f in all_flags)


def mrr_at_k(all_flags: Sequence[Sequence[bool] | None], k: int) -> float | None:
    """MRR@k = mean over judged questions of ``1 / rank`` of the first gold passage in the top
    k (0 when there is none); None when no question can be judged.

    >>> mrr_at_k([[True], [False, True], [False, False]], 10)
    0.5
    >>> mrr_at_k([], 10) is None
    True
    """
    return mean_or_none(None if f is None else reciprocal_rank(f, k) for f in all_flags)
