"""Choosing the short answer by expected word overlap (qa.learned.overlap)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from qa.learned.overlap import expected_best, overlap_f1, words

_TEXTS = st.lists(
    st.lists(st.sampled_from(["Friday", "morning", "the", "late", "19th", "century", "46"])).map(
        " ".join
    ),
    min_size=1,
    max_size=6,
)
_SCORES = st.lists(st.integers(0, 100).map(lambda i: i / 100), min_size=6, max_size=6)


@given(_TEXTS, _SCORES)
def test_without_a_power_the_best_scored_candidate_is_kept(
    texts: list[str], scores: list[float]
) -> None:
    scores = scores[: len(texts)]
    assert scores[expected_best(texts, scores, None)] == max(scores)


@given(_TEXTS, _SCORES, st.sampled_from([1.0, 2.0, 3.0]))
def test_the_choice_is_a_candidate_with_words_when_one_has_words(
    texts: list[str], scores: list[float], power: float
) -> None:
    scores = scores[: len(texts)]
    j = expected_best(texts, scores, power)
    assert 0 <= j < len(texts)
    if any(words(t) for t in texts) and any(s > 0 for s in scores):
        # an empty candidate gains nothing, so it never beats one that gains anything
        gains = [w > 0 and bool(words(t)) for t, w in zip(texts, scores, strict=True)]
        assert words(texts[j]) or not any(gains)


@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=5))
def test_overlap_f1_of_a_text_with_itself_is_one(bag: list[str]) -> None:
    assert overlap_f1(bag, bag) == 1.0
    assert overlap_f1(bag, ["zzz"]) == 0.0


def test_identical_candidates_tie_and_the_best_scored_wins() -> None:
    assert expected_best(["Friday", "Friday", "morning"], [0.2, 0.3, 0.1], 1.0) == 1
