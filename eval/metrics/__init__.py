"""Eval metrics, one folder per metric.

Convention for empty inputs: a score that has nothing to average over (no questions, no gold
answers, no citations, no unanswerable questions ...) is ``None``, never ``nan`` and never a
division by zero; aggregates skip ``None`` per-question scores. JSON writes ``None`` as ``null``.
"""
