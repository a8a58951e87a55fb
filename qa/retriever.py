"""citeqa's hybrid retrieval as a LangChain ``BaseRetriever``, to compose with any runnable."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from ingest.store import Store
from qa.retrieve import RetrievalConfig, retrieve


class CiteqaRetriever(BaseRetriever):
    """Fused dense + BM25 retrieval over a citeqa store; metadata carries the passage fields."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store
    config: RetrievalConfig | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[LCDocument]:
        passages = retrieve(query, self.store, self.config)
        return [LCDocument(page_content=p.text, metadata=asdict(p)) for p in passages]
