"""SQuAD-style answer normalisation shared by the metrics."""

from __future__ import annotations

import re
import string
import unicodedata

from qa.markers import strip_markers

__all__ = ["contains_phrase", "normalize_answer", "strip_markers", "tokens"]

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = set(string.punctuation) | {"“", "”", "‘", "’", "–", "—", "…"}


def normalize_answer(text: str | None) -> str:
    """Lower-case, strip punctuation, articles and extra whitespace (the SQuAD evaluator's rule).

    >>> normalize_answer("The  Ankara, Turkey!")
    'ankara turkey'
    >>> normalize_answer(None)
    ''
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(ch for ch in text if ch not in _PUNCT)
    return " ".join(_ARTICLES.sub(" ", text).split())


def tokens(text: str | None) -> list[str]:
    """The normalised words of ``text``.

    >>> tokens("An 11 car bombs.")
    ['11', 'car', 'bombs']
    """
    return normalize_answer(text).split()


def contains_phrase(haystack: str | None, needle: str | None) -> bool:
    """True when normalised ``needle`` occurs in normalised ``haystack`` on word boundaries;
    an empty needle is never found.

    >>> contains_phrase("launched on August 24, four tanks", "August 24")
    True
    >>> contains_phrase("August 240", "August 24")
    False
    """
    n = normalize_answer(needle)
    return bool(n) and f" {n} " in f" {normalize_answer(haystack)} "
