"""SQuAD-style answer normalisation shared by the metrics."""

from __future__ import annotations

import re
import string
import unicodedata

from qa.markers import strip_markers

__all__ = ["contains_phrase", "normalize_answer", "squad_contains", "strip_markers", "tokens"]

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_IN_NUMBER = re.compile(r"(?<=\d)[,.](?=\d)")
_PUNCT = set(string.punctuation) | {"“", "”", "‘", "’", "–", "—", "…"}


def normalize_answer(text: str | None) -> str:
    """Lower-case, strip punctuation, articles and extra whitespace (the SQuAD evaluator's rule).

    >>> normalize_answer("The  Ankara, Turkey!")
    'ankara turkey'
    >>> normalize_answer(None)
    ''
    """
    return _normalized(text, "")


def tokens(text: str | None) -> list[str]:
    """The normalised words of ``text``.

    >>> tokens("An 11 car bombs.")
    ['11', 'car', 'bombs']
    """
    return normalize_answer(text).split()


def contains_phrase(haystack: str | None, needle: str | None) -> bool:
    """True when normalised ``needle`` occurs in normalised ``haystack`` on word boundaries;
    an empty needle is never found. A word joined to another by a hyphen, a dash, an
    apostrophe or a bracket counts as a word of its own as well: the SQuAD rule alone drops
    the punctuation and glues the two ("an 11-year veteran" would read "11year", without "11").

    >>> contains_phrase("launched on August 24, four tanks", "August 24")
    True
    >>> contains_phrase("August 240", "August 24")
    False
    >>> [contains_phrase("Thomas Davis, an 11-year veteran", n) for n in ("11", "11 year", "1")]
    [True, True, False]
    >>> [contains_phrase(h, n) for h, n in [("Manning's pass", "Manning"), ("(1115–1234)", "1234"),
    ...                                     ("a 1,015-year span", "1015")]]
    [True, True, True]
    """
    return squad_contains(haystack, needle) or _found(_spaced(haystack), _spaced(needle))


def squad_contains(haystack: str | None, needle: str | None) -> bool:
    """``contains_phrase`` by the SQuAD rule alone (punctuation dropped, words glued): what
    the learned answerer's training labels use (``eval.training.data``).

    >>> squad_contains("an 11-year veteran", "11"), squad_contains("eleven 11 years", "11")
    (False, True)
    """
    return _found(normalize_answer(haystack), normalize_answer(needle))


def _found(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def _spaced(text: str | None) -> str:
    """``normalize_answer`` with punctuation read as a break between words (but not a comma
    or point inside a number).

    >>> _spaced("The 11-year veteran's (1115–1234) U.S. tour of 1,015.5 km")
    '11 year veteran s 1115 1234 u s tour of 10155 km'
    """
    return _normalized(text, " ")


def _normalized(text: str | None, punctuation: str) -> str:
    """Lower-cased NFKC ``text`` with each punctuation mark replaced by ``punctuation`` ("":
    dropped; " ": a word break, numbers' own commas and points dropped first), then without
    articles or extra whitespace."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    if punctuation:
        text = _IN_NUMBER.sub("", text)
    text = "".join(punctuation if ch in _PUNCT else ch for ch in text)
    return " ".join(_ARTICLES.sub(" ", text).split())
