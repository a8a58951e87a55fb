"""Our embedder in the shape Chroma expects, so Chroma never uses its own (downloading) one."""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from ingest.embed import Embedder, default_embedder


@register_embedding_function  # so Chroma can read back a collection's configuration
class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Adapts any ``Embedder`` to Chroma's embedding-function interface (the settings' model,
    loaded at first use, when none is given)."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        self._given = embedder

    @property
    def _embedder(self) -> Embedder:
        return self._given or default_embedder()

    def __call__(self, input: Documents) -> Embeddings:
        return list(self._embedder.embed(list(input)))

    @staticmethod
    def name() -> str:
        return "citeqa"

    def default_space(self) -> Any:
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"model": self._embedder.name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        return ChromaEmbeddingFunction()
