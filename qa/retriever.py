"""citeqa's hybrid retrieval as a LangChain ``BaseRetriever``, to compose with any runnable."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, SkipValidation, field_validator

from ingest.store import Store
from qa.retrieve import RetrievalConfig, retrieve


class CiteqaRetriever(BaseRetriever):
    """Fused dense + BM25 retrieval over a citeqa store.

    store: an open store, a store folder or a Chroma URL (``CiteqaRetriever(store=".citeqa")``).
    config: retrieval settings (default: from settings). Each ``Document`` holds the passage text
    as ``page_content`` and the other passage fields (doc id, source, title, offsets, score) as
    ``metadata``.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: SkipValidation[Store]
    config: RetrievalConfig | None = None

    @field_validator("store", mode="before")
    @classmethod
    def _open(cls, value: Any) -> Any:
        if isinstance(value, (str, Path)):
            from ingest.store import open_store

            return open_store(value)
        return value

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[LCDocument]:
        passages = retrieve(query, self.store, self.config)
        return [
            LCDocument(
                page_content=p.text, metadata={k: v for k, v in asdict(p).items() if k != "text"}
            )
            for p in passages
        ]
