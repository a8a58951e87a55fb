"""Sentence-aware chunking that keeps every chunk's character offsets in its document."""

from __future__ import annotations

import re

from ingest.sentences import Span, split_sentences
from ingest.types import Chunk, Document

_SPACE = re.compile(r"\s+")


def _cut(text: str, span: Span, limit: int) -> list[Span]:
    """Split a span longer than ``limit`` at whitespace (else anywhere) into pieces <= limit."""
    out: list[Span] = []
    start, end = span.start, span.end
    while end - start > limit:
        cut = start + limit
        gap = None
        for m in _SPACE.finditer(text, start + limit // 2, cut + 1):
            gap = m
        if gap is not None and gap.start() > start:
            out.append(Span(start, gap.start()))
            start = gap.end()
        else:
            out.append(Span(start, cut))
            start = cut
    if end > start:
        out.append(Span(start, end))
    return out


def chunk_document(
    doc: Document, *, size: int, overlap: int, max_chars: int | None = None
) -> list[Chunk]:
    """Pack whole sentences into chunks of about ``size`` characters.

    Neighbouring chunks share ``overlap`` sentences, so an answer that straddles a boundary is whole
    in one of them. A sentence longer than ``size`` becomes a chunk of its own; one longer than
    ``max_chars`` (default ``2 * size``) is cut at whitespace, or anywhere when it has none, so no
    chunk ever exceeds ``max_chars``. ``chunk.text == doc.text[chunk.start:chunk.end]`` always
    holds, and ``chunk.sentences`` are the sentence spans relative to ``chunk.start``.
    Linear in the document's length: the document is hashed once, not once per chunk.
    """
    limit = max(1, max_chars or 2 * size)
    spans = [piece for s in split_sentences(doc.text) for piece in _cut(doc.text, s, limit)]
    doc_hash = doc.content_hash
    chunks: list[Chunk] = []
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and spans[j].end - spans[i].start <= size:
            j += 1
        start, end = spans[i].start, spans[j - 1].end
        sentences = tuple((s.start - start, s.end - start) for s in spans[i:j])
        text = doc.text[start:end]
        chunks.append(Chunk(doc.doc_id, doc_hash, len(chunks), text, start, end, sentences))
        if j >= len(spans):
            break
        i = max(j - overlap, i + 1)
    return chunks
