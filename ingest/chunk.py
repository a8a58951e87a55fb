"""Sentence-aware chunking that keeps every chunk's character offsets in its document."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from ingest.types import Chunk, Document


@lru_cache(maxsize=1)
def _sentencizer() -> Any:
    """spaCy's rule-based sentence splitter: fast, offline, and aware of abbreviations."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return nlp


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence in ``text``; paragraph breaks always end a sentence.

    >>> t = 'Dr. Smith arrived. "We won," he said.\\n\\nA new paragraph'
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Dr. Smith arrived.', '"We won," he said.', 'A new paragraph']
    """
    spans: list[tuple[int, int]] = []
    for p_start, p_end in _paragraphs(text):
        doc = _sentencizer()(text[p_start:p_end])
        bounds = [p_start + sent.start_char for sent in doc.sents] + [p_end]
        for i in range(1, len(bounds) - 1):
            bounds[i] = _reattach_opening_quote(text, bounds[i - 1], bounds[i])
        for s, e in itertools.pairwise(bounds):
            s, e = _strip(text, s, e)
            if e > s:
                spans.append((s, e))
    return spans


_OPENING_QUOTES = "\"“‘'«"


def _reattach_opening_quote(text: str, prev: int, boundary: int) -> int:
    """The splitter leaves an opening quote at the end of the sentence before it
    ('... Foundation. "' + 'Some parents ...'); move it to the sentence it opens."""
    b = boundary
    while b > prev and text[b - 1].isspace():
        b -= 1
    if b > prev + 1 and text[b - 1] in _OPENING_QUOTES and text[b - 2].isspace():
        return b - 1
    return boundary


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start < len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        s, e = _strip(text, start, end)
        if e > s:
            yield s, e
        start = end + 2


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def chunk_document(doc: Document, *, size: int, overlap: int) -> list[Chunk]:
    """Pack whole sentences into chunks of about ``size`` characters.

    Neighbouring chunks share ``overlap`` sentences, so an answer that straddles a boundary is whole
    in one of them. A sentence longer than ``size`` becomes a chunk of its own; it is never cut.
    ``chunk.text == doc.text[chunk.start:chunk.end]`` always holds.
    """
    spans = sentence_spans(doc.text)
    chunks: list[Chunk] = []
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and spans[j][1] - spans[i][0] <= size:
            j += 1
        start, end = spans[i][0], spans[j - 1][1]
        chunks.append(
            Chunk(doc.doc_id, doc.content_hash, len(chunks), doc.text[start:end], start, end)
        )
        if j >= len(spans):
            break
        i = max(j - overlap, i + 1)
    return chunks
