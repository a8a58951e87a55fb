"""Answer metrics: SQuAD exact match, token F1 and "contains", each best over the gold answers."""

from eval.metrics.answer.scores import contains, exact_match, predicted_span, token_f1

__all__ = ["contains", "exact_match", "predicted_span", "token_f1"]
