"""citeqa's hybrid retrieval as a LangChain ``BaseRetriever``, to compose with any runnable."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from ingest.location import StoreLocation
from ingest.store import Store, open_store
from qa.config import RetrievalConfig
from qa.retrieve import hybrid_searcher, retrieve
from qa.search import Searcher


class CiteqaRetriever(BaseRetriever):
    """Fused dense + BM25 retrieval over a citeqa store.

    ``store`` is an open store, a folder or a Chroma URL. Each document's ``page_content`` is the
    passage text; its metadata holds the other passage fields (ids, title, offsets, score).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store | StoreLocation | str | Path
    config: RetrievalConfig = RetrievalConfig()
    _searcher: Searcher | None = PrivateAttr(default=None)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[LCDocument]:
        if self._searcher is None:
            self._searcher = hybrid_searcher(open_store(self.store), self.config)
        out = []
        for p in retrieve(query, self._searcher, self.config.k):
            meta = asdict(p)
            text = meta.pop("text")
            out.append(LCDocument(page_content=text, metadata=meta))
        return out
