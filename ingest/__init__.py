"""Articles in: read, clean, chunk, embed and store them in Chroma."""

from ingest.errors import IngestError
from ingest.pipeline import FileResult, IngestReport, ingest, ingest_documents
from ingest.store import DocInfo, Store, StoredChunk, StoreError, open_store
from ingest.types import Chunk, Document

__all__ = [
    "Chunk",
    "DocInfo",
    "Document",
    "FileResult",
    "IngestError",
    "IngestReport",
    "Store",
    "StoreError",
    "StoredChunk",
    "ingest",
    "ingest_documents",
    "open_store",
]
