"""The ONNX export of the embedding model gives the torch model's vectors (cosine ≥ 0.999)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.embed import SentenceTransformerEmbedder, resolve_model_path
from ingest.onnx_encoder import ONNX_FILE, OnnxEncoder, export, export_dir, length_batches
from tests.conftest import EXAMPLES, ROOT

TRAIN = ROOT.parent / "shared" / "datasets" / "squad" / "squad-v1.1-dev-18articles-train.json"


def thousand_texts() -> list[str]:
    """1,000 texts of every length: questions, sentences and whole paragraphs (> 256 tokens
    get truncated), from the SQuAD training split when present, else the bundled articles."""
    texts: list[str] = []
    if TRAIN.exists():
        for article in json.loads(TRAIN.read_text())["data"]:
            for para in article["paragraphs"]:
                texts.append(para["context"])
                texts.extend(qa["question"] for qa in para["qas"][:3])
    words = " ".join(
        p.read_text()
        for p in sorted([*EXAMPLES.iterdir(), *(ROOT / "tests/ui/articles").iterdir()])
    ).split()
    size = 3
    while len(texts) < 1000:
        start = (len(texts) * 37) % max(1, len(words) - size)
        texts.append(" ".join(words[start : start + size]))
        size = size % 400 + 7
    texts[:3] = ["", "?", "Ünïcödé — “quotes” … 東京"]
    return texts[:1000]


@pytest.fixture(scope="module")
def model_dir() -> Path:
    return Path(resolve_model_path("all-MiniLM-L6-v2"))


@pytest.mark.slow
def test_export_matches_torch_on_1000_texts(
    model_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    cache = tmp_path_factory.mktemp("cache")
    folder = export(model_dir, cache)
    assert (folder / ONNX_FILE).is_file() and folder == export_dir(model_dir, cache)
    assert not [p for p in folder.iterdir() if p.name != ONNX_FILE]  # no temporary files left
    texts = thousand_texts()
    assert len(texts) == 1000 and len(set(texts)) > 900
    onnx = OnnxEncoder(model_dir, folder).encode(texts)
    torch = SentenceTransformerEmbedder(str(model_dir), backend="torch").embed(texts)
    assert onnx.shape == torch.shape == (1000, 384)
    cosine = np.sum(onnx * torch, axis=1)
    assert cosine.min() >= 0.999, (cosine.min(), texts[int(cosine.argmin())][:80])
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)


def test_batched_and_single_encodings_agree(model_dir: Path) -> None:
    """Padding in a batch must not change a text's vector (the mask reaches the model)."""
    emb = SentenceTransformerEmbedder(str(model_dir), batch_size=8)
    texts = ["Short.", "A much longer sentence about the harbor bridge reopening on Friday."] * 3
    together = emb.embed(texts)
    alone = np.stack([emb.embed([t])[0] for t in texts])
    assert np.sum(together * alone, axis=1).min() >= 0.9999


def test_token_states_do_not_depend_on_the_company_a_text_keeps(model_dir: Path) -> None:
    """Texts of mixed lengths are batched by length: each text's states are what it gets alone."""
    emb = SentenceTransformerEmbedder(str(model_dir))
    texts = [
        "Who paid?",
        "The library's reading robots were paid for by a grant from the Lakeside Community "
        "Foundation, the library said on Tuesday, after a year of fundraising.",
        "It opened.",
        "Families can borrow the robot for two weeks at a time.",
    ]
    together = emb.token_vectors(texts)
    for text, states in zip(texts, together, strict=True):
        [alone] = emb.token_vectors([text])
        assert states.ids == alone.ids and states.offsets == alone.offsets
        assert np.allclose(states.vectors, alone.vectors, atol=1e-5)


@given(st.lists(st.integers(min_value=1, max_value=200), max_size=60))
def test_length_batches_cover_every_text_once_shortest_first(lengths: list[int]) -> None:
    batches = length_batches(lengths)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths)
    for b in batches:
        assert 1 <= len(b) <= 32
        padded = len(b) * max(lengths[i] for i in b)
        assert len(b) == 1 or padded <= 1.2 * sum(lengths[i] for i in b) + 16


def test_the_export_is_keyed_by_the_weights(model_dir: Path, tmp_path: Path) -> None:
    fake = tmp_path / "model"
    fake.mkdir()
    (fake / "model.safetensors").write_bytes(b"0" * 10)
    first = export_dir(fake, tmp_path / "cache")
    (fake / "model.safetensors").write_bytes(b"0" * 11)
    assert export_dir(fake, tmp_path / "cache") != first
    assert re.fullmatch(r"model-[0-9a-f]{16}", first.name)
