"""The second look at the best sentences: word-piece vectors from the real embedding model,
the alignment features, the reordering, and the artefact that carries the reranker."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from ingest.embed import default_embedder
from ingest.onnx_encoder import TokenStates
from qa.learned.model import Calibration, LearnedModel, Scorer, load_model
from qa.learned.rerank import (
    RERANK_FEATURES,
    TokenCache,
    reordered,
    rerank_rows,
    second_look,
    token_encoder,
)
from qa.vectors import CachingEmbedder


def test_token_vectors_are_unit_word_pieces_of_the_text() -> None:
    embedder = default_embedder()
    text = "Its founder, Daniel Osei, taught school."
    [(vectors, ids, offsets)] = embedder.token_vectors([text])
    assert vectors.shape == (len(ids), 384) and len(offsets) == len(ids)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert ids == embedder.word_pieces([text])[0]
    # each piece's offsets point at its characters ("osei" may be cut: "os", "##ei")
    pieces = [text[a:b].lower() for a, b in offsets]
    assert pieces[:3] == ["its", "founder", ","]
    assert "".join(pieces) == text.lower().replace(" ", "")


def test_a_paraphrase_is_better_covered_than_an_unrelated_sentence() -> None:
    embedder = default_embedder()
    texts = [
        "Pip was built by Brightpage, a start-up based in Millbrook.",
        "Its founder, Daniel Osei, is a former elementary school teacher.",
    ]
    p = np.array([0.8, 0.1])
    look = second_look("Who founded Brightpage?", texts, p, embedder, k=2, cache=TokenCache())
    assert look is not None
    top, rows = look
    assert top == [0, 1] and rows.shape == (2, len(RERANK_FEATURES))
    coverage = RERANK_FEATURES.index("ms_idf")
    assert rows[:, coverage].min() > 0.0


def test_wrapped_embedders_are_unwrapped_and_plain_ones_skip_the_second_look() -> None:
    inner = default_embedder()
    assert token_encoder(CachingEmbedder(inner)) is inner

    class Plain:
        name, dim = "plain", 3

        def embed(self, texts: list[str]) -> np.ndarray:
            return np.zeros((len(texts), 3), dtype=np.float32)

    assert second_look("Who?", ["A."], np.array([1.0]), Plain(), k=1) is None


def test_rows_rate_an_exact_word_match_above_a_miss() -> None:
    eye = np.eye(3, dtype=np.float32)
    question = TokenStates(eye[[0, 1]], [10, 11], [(0, 1), (2, 3)])
    hit = TokenStates(eye[[0, 1]], [10, 11], [(0, 1), (2, 3)])
    miss = TokenStates(eye[[2]], [12], [(0, 1)])
    rows = rerank_rows(question, [hit, miss], np.array([0.4, 0.6]), [0, 1], [[10, 11], [12]])
    mean = RERANK_FEATURES.index("ms_mean")
    assert rows[0, mean] == 1.0 and rows[1, mean] == 0.0
    assert rows[1, RERANK_FEATURES.index("ms_mean_gap")] == 1.0


@given(
    st.lists(st.floats(0.0, 1.0), min_size=1, max_size=12),
    st.integers(1, 12),
    st.data(),
)
def test_reordering_puts_the_reread_sentences_first_and_keeps_the_rest_in_order(
    p: list[float], k: int, data: st.DataObject
) -> None:
    scores = np.array(p)
    top = [int(i) for i in np.argsort(-scores, kind="stable")[:k]]
    p2 = np.array(data.draw(st.lists(st.floats(0.01, 1.0), min_size=len(top), max_size=len(top))))
    out = reordered(scores, top, p2)
    assert np.allclose(out[top], p2)
    rest = [i for i in range(len(p)) if i not in top]
    if rest:
        assert out[rest].max() < p2.min() or np.isclose(out[rest].max(), 0.0)
        order = np.argsort(-scores[rest], kind="stable")
        assert np.all(np.diff(out[rest][order]) <= 1e-12)


def test_the_artefact_keeps_its_reranker(tmp_path: Path) -> None:
    shipped = load_model()
    scorer = Scorer(
        "logreg",
        RERANK_FEATURES,
        {
            "mean": [0.0] * len(RERANK_FEATURES),
            "scale": [1.0] * len(RERANK_FEATURES),
            "coef": [1.0] * len(RERANK_FEATURES),
            "intercept": 0.0,
        },
    )
    model = LearnedModel(
        shipped.sentence,
        shipped.span,
        shipped.confidence,
        Calibration((0.0, 1.0), (0.0, 1.0)),
        0.2,
        rerank=scorer,
        rerank_k=5,
    )
    again = LearnedModel.load(model.save(tmp_path / "m.json"))
    assert again.rerank is not None and again.rerank.features == RERANK_FEATURES
    assert again.rerank_k == 5


def test_a_cache_smaller_than_one_call_still_answers_every_text() -> None:
    cache = TokenCache(size=2)
    embedder = default_embedder()
    first = cache.states(embedder, ["a b", "c d"])
    rows = cache.states(embedder, ["a b", "e f", "g h", "c d"])  # evicts what it looked up
    assert [r.ids for r in rows] == [
        first[0].ids,
        *embedder.word_pieces(["e f", "g h"]),
        first[1].ids,
    ]
