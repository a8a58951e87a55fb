"""Citation metrics: precision of citations and share of answers with a correct one."""

from eval.metrics.citation.scores import (
    answers_with_correct_citation,
    citation_is_correct,
    citation_precision,
    correct_citations,
)

__all__ = [
    "answers_with_correct_citation",
    "citation_is_correct",
    "citation_precision",
    "correct_citations",
]
