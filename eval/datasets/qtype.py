"""A question's type for per-type reporting: the answerer's own classifier (``qa.qtype``), so
the report's per-type table and the answerer agree on what a question asks for."""

from __future__ import annotations

from qa.qtype import CATEGORIES
from qa.qtype import question_type as _classify

QTYPES = CATEGORIES


def question_type(question: str) -> str:
    """The coarse type of ``question`` (one of ``QTYPES``), from ``qa.qtype.question_type``.

    >>> question_type("In what year did the operation start?")
    'when'
    >>> question_type("How many mortars were destroyed?")
    'how many'
    >>> question_type("The Normans were in which country?")
    'which'
    >>> question_type("Did Russia agree?")
    'other'
    """
    return _classify(question).category
