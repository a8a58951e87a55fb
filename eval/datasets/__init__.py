"""Eval question sets: citeqa's JSONL, SQuAD v1.1/v2.0 and MultiHop-RAG, picked by content."""

from eval.datasets.loader import dataset_hash, load_question_set
from eval.datasets.qtype import QTYPES, question_type
from eval.datasets.types import EvalItem, QuestionSet, Turn

__all__ = [
    "QTYPES",
    "EvalItem",
    "QuestionSet",
    "Turn",
    "dataset_hash",
    "load_question_set",
    "question_type",
]
