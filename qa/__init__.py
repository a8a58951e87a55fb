"""Answers with cited passages: hybrid retrieval and the answer chain."""

from qa.answer import answer, answer_chain, stream_answer
from qa.retrieve import RetrievalConfig, retrieve
from qa.retriever import CiteqaRetriever
from qa.types import Answer, Citation, Passage

__all__ = [
    "Answer",
    "Citation",
    "CiteqaRetriever",
    "Passage",
    "RetrievalConfig",
    "answer",
    "answer_chain",
    "retrieve",
    "stream_answer",
]
