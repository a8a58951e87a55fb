"""Sentence-aware chunking that keeps every chunk's character offsets in its document."""

from __future__ import annotations

from ingest.sentences import split_sentences
from ingest.types import Chunk, Document


def chunk_document(doc: Document, *, size: int, overlap: int) -> list[Chunk]:
    """Pack whole sentences into chunks of about ``size`` characters.

    Neighbouring chunks share ``overlap`` sentences, so an answer that straddles a boundary is whole
    in one of them. A sentence longer than ``size`` becomes a chunk of its own; it is never cut.
    ``chunk.text == doc.text[chunk.start:chunk.end]`` always holds.
    """
    spans = split_sentences(doc.text)
    chunks: list[Chunk] = []
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and spans[j].end - spans[i].start <= size:
            j += 1
        start, end = spans[i].start, spans[j - 1].end
        chunks.append(
            Chunk(doc.doc_id, doc.content_hash, len(chunks), doc.text[start:end], start, end)
        )
        if j >= len(spans):
            break
        i = max(j - overlap, i + 1)
    return chunks
