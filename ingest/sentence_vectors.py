"""Sentence vectors made at ingest, so answering a question only embeds the question.

The extractive answerers compare every sentence of the retrieved chunks with the question.
Ingest embeds those sentences once and the store keeps their vectors, content-addressed by
embedder name and text (``sentence_key``): a vector is right for its text whoever wrote it and
whenever, so a replaced or removed article can never leave a wrong one behind, only an unused
one (which ``repair`` sweeps). The store's copy is a cache, never the truth: a sentence without a
stored vector (an older store, a crash, another machine's writer) is embedded at question time,
to the same vector.

"The sentences of a chunk" means one thing for ingest and the answerers: ``chunk_sentence_spans``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from ingest.sentences import split_sentences
from ingest.types import content_hash

if TYPE_CHECKING:
    from ingest.embed import Embedder
    from ingest.store import Store

Span = tuple[int, int]


def chunk_sentence_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """A chunk's sentence spans (offsets into ``text``): those split at ingest, or for chunks
    stored without them, ``text`` split now."""
    return list(spans) or [(s.start, s.end) for s in split_sentences(text)]


def sentence_texts(text: str, spans: Sequence[Span]) -> list[str]:
    """The sentences of a chunk, as the answerers see them: ``text[start:end]``."""
    return [text[a:b] for a, b in chunk_sentence_spans(text, spans)]


def sentence_key(embedder_name: str, text: str) -> str:
    """The store id of ``text``'s vector by ``embedder_name`` (same text, same id).

    >>> sentence_key("all-MiniLM-L6-v2", "The ferry leaves at noon.")[:8]
    'e47378db'
    """
    return content_hash(embedder_name, text)[:32]


def embed_sentences(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """``texts``' vectors computed as at question time, where the answerer embeds a few dozen
    sentences per call: in calls below the embedder's ``bulk`` size (the default embedder's
    ONNX encoder; its bulk path runs torch, whose vectors differ in the last digits)."""
    bulk = getattr(embedder, "bulk", None)
    step = bulk - 1 if isinstance(bulk, int) and bulk > 1 else len(texts)
    if len(texts) <= step:
        return embedder.embed(list(texts))
    parts = [embedder.embed(list(texts[i : i + step])) for i in range(0, len(texts), step)]
    return np.vstack(parts)


def new_sentence_vectors(store: Store, texts: Iterable[str]) -> dict[str, np.ndarray]:
    """Vectors of those ``texts`` the store does not keep yet (embedded now; call it outside
    the writer lock, like chunk embedding). Nothing for a store without ``sentence_vectors``.

    Only which texts are kept matters here, so a store that can say so without reading the
    vectors (``kept_sentences``, as ``ChromaStore`` does) is asked that: another process may
    have written some of them a moment ago, which a vector read can fail on.
    """
    lookup = getattr(store, "sentence_vectors", None)
    unique = list(dict.fromkeys(t for t in texts if t))
    if lookup is None or not unique:
        return {}
    kept_of = getattr(store, "kept_sentences", None)
    kept = set(kept_of(unique)) if kept_of is not None else set(lookup(unique))
    missing = [t for t in unique if t not in kept]
    if not missing:
        return {}
    return dict(zip(missing, embed_sentences(store.embedder, missing), strict=True))


BACKFILL_BATCH = 4096
"""Sentences embedded and written per step when an older store is given its vectors."""


def backfill(store: Store) -> int:
    """Give a store written before sentence vectors were kept the ones it lacks; returns how
    many were embedded. Runs once per store (it records that it did) and only for stores
    that can keep them (``ChromaStore``); ingest calls it after writing."""
    done = getattr(store, "sentences_backfilled", None)
    keep = getattr(store, "keep_sentence_vectors", None)
    if done is None or keep is None or done():
        return 0
    texts = list(
        dict.fromkeys(t for c in store.chunks() for t in sentence_texts(c.text, c.sentences))
    )
    added = 0
    for i in range(0, len(texts), BACKFILL_BATCH):
        new = new_sentence_vectors(store, texts[i : i + BACKFILL_BATCH])
        keep(new)
        added += len(new)
    keep({}, backfilled=True)
    return added


def vectors_for(texts: Iterable[str], vectors: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The entries of ``vectors`` for ``texts`` (those it has)."""
    return {t: vectors[t] for t in texts if t in vectors}
