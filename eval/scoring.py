"""Score one question's record: answer, retrieval and citation metrics."""

from __future__ import annotations

from collections.abc import Sequence

from eval.metrics.answer import contains, exact_match, predicted_span, token_f1
from eval.metrics.citation import correct_citations
from eval.metrics.retrieval import hit_at_k, reciprocal_rank
from eval.records import QuestionRecord


def score_record(record: QuestionRecord, k_values: Sequence[int]) -> dict[str, float | None]:
    """The per-question scores of ``record`` (see ``QuestionRecord.scores``), read from its
    ``hit_flags`` and ``citation_flags`` (see ``citation_flags``).

    Answer and citation scores apply to answerable questions only (unanswerables are scored by
    the refusal metrics); a declined answerable question scores 0 on EM / F1 / contains.
    """
    scores: dict[str, float | None] = {}
    scores.update(_answer_scores(record))
    scores.update(_retrieval_scores(record.hit_flags, k_values))
    scores.update(_citation_scores(record))
    return scores


def _answer_scores(record: QuestionRecord) -> dict[str, float | None]:
    if record.unanswerable or not record.gold_answers:
        return {"em": None, "f1": None, "contains": None}
    if record.declined:
        return {"em": 0.0, "f1": 0.0, "contains": 0.0}
    span = predicted_span(record.short, record.answer_text)
    full = f"{record.answer_text} {record.short or ''}"
    return {
        "em": exact_match(span, record.gold_answers),
        "f1": token_f1(span, record.gold_answers),
        "contains": contains(full, record.gold_answers),
    }


def _retrieval_scores(flags: list[bool] | None, k_values: Sequence[int]) -> dict[str, float | None]:
    kmax = max(k_values)
    scores: dict[str, float | None] = {
        f"hit@{k}": None if flags is None else hit_at_k(flags, k) for k in k_values
    }
    scores[f"rr@{kmax}"] = None if flags is None else reciprocal_rank(flags, kmax)
    return scores


def citation_flags(record: QuestionRecord) -> list[bool]:
    """Which citations of a supported answer to an answerable question are correct; [] for
    declined answers and unanswerable questions (those are the refusal metrics' business)."""
    if record.unanswerable or record.declined:
        return []
    quotes = [str(c.get("quote", "")) for c in record.citations]
    return correct_citations(quotes, record.gold_answers, record.short)


def _citation_scores(record: QuestionRecord) -> dict[str, float | None]:
    """Citation scores of a supported answer to an answerable question, else None."""
    if record.unanswerable or record.declined:
        return {"citation_precision": None, "correct_citation": None}
    flags = record.citation_flags
    return {
        "citation_precision": sum(flags) / len(flags) if flags else None,
        "correct_citation": float(any(flags)),
    }
