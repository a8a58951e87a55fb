"""The plain LangChain recipe a user would write, to measure citeqa against in the same run.

RecursiveCharacterTextSplitter(500, 50) → HuggingFaceEmbeddings (the same all-MiniLM-L6-v2) →
Chroma → ``similarity_search``; its "answer" is the top chunk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ingest.embed import resolve_model_path
from ingest.types import Document
from qa.types import Passage


@dataclass
class PlainRecipe:
    """A built plain-recipe index: ``search(question, k)`` returns passages, best first."""

    store: Any

    def search(self, question: str, k: int) -> list[Passage]:
        docs = self.store.similarity_search(question, k=k)
        return [
            Passage(
                chunk_id=str(i),
                doc_id=d.metadata["doc_id"],
                source=d.metadata["source"],
                title=d.metadata.get("title", ""),
                text=d.page_content,
                start=0,
                end=len(d.page_content),
            )
            for i, d in enumerate(docs)
        ]


def build_plain_recipe(documents: Sequence[Document], directory: str) -> PlainRecipe:
    """Index ``documents`` the plain way (a fresh Chroma folder at ``directory``)."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document as LCDocument
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    chunks = splitter.split_documents(
        [
            LCDocument(d.text, metadata={"doc_id": d.doc_id, "source": d.source, "title": d.title})
            for d in documents
        ]
    )
    embeddings = HuggingFaceEmbeddings(model=resolve_model_path("all-MiniLM-L6-v2"))
    store = Chroma(
        collection_name="plain", embedding_function=embeddings, persist_directory=directory
    )
    for i in range(0, len(chunks), 1000):
        store.add_documents(chunks[i : i + 1000])
    return PlainRecipe(store)
