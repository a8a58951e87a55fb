"""Answers with cited passages: hybrid retrieval and the answer chain."""

from qa.answer import Pipeline, answer, pipeline, stream_answer
from qa.config import AnsweringConfig, RetrievalConfig
from qa.errors import BackendError, NothingIngested
from qa.retrieve import hybrid_searcher, retrieve
from qa.retriever import CiteqaRetriever
from qa.types import Answer, Citation, History, Passage

__all__ = [
    "Answer",
    "AnsweringConfig",
    "BackendError",
    "Citation",
    "CiteqaRetriever",
    "History",
    "NothingIngested",
    "Passage",
    "Pipeline",
    "RetrievalConfig",
    "answer",
    "hybrid_searcher",
    "pipeline",
    "retrieve",
    "stream_answer",
]
