"""Articles in: read, clean, chunk, embed and store them in Chroma."""

from ingest.errors import IngestError
from ingest.formats import FILE_TYPES, SUPPORTED_EXTENSIONS
from ingest.location import StoreLocation
from ingest.pipeline import FileResult, IngestReport, ingest, ingest_documents
from ingest.store import (
    DocInfo,
    Store,
    StoreBusy,
    StoredChunk,
    StoreError,
    StoreMissing,
    open_store,
)
from ingest.types import Chunk, Document

__all__ = [
    "FILE_TYPES",
    "SUPPORTED_EXTENSIONS",
    "Chunk",
    "DocInfo",
    "Document",
    "FileResult",
    "IngestError",
    "IngestReport",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreLocation",
    "StoreMissing",
    "StoredChunk",
    "ingest",
    "ingest_documents",
    "open_store",
]
