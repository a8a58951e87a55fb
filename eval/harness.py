"""Run a question set through the answer and retrieval functions and score every question.

``answer_fn(question, history) -> qa.types.Answer`` and ``retrieve_fn(question) ->
list[qa.types.Passage]`` (ranked, best first; return at least max(k_values) passages for
hit@k to mean what it says) are what ``citeqa eval`` wires in.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from rich.console import Console

from citeqa.progress import progress_bar
from eval.aggregate import aggregate_metrics
from eval.datasets import EvalItem, QuestionSet, Turn
from eval.metrics.retrieval import hit_flags
from eval.records import EvalResult, QuestionRecord
from eval.scoring import citation_flags, score_record
from eval.summary import print_summary
from qa.types import Answer, Passage

__all__ = ["AnswerFn", "RetrieveFn", "print_summary", "run_eval"]

History = list[tuple[str, str]]
_SNIPPET = 200  # characters of each retrieved passage kept in the record


class AnswerFn(Protocol):
    """Answers a question given the conversation so far ((question, answer text) pairs)."""

    def __call__(self, question: str, history: History) -> Answer: ...


RetrieveFn = Callable[[str], list[Passage]]


def run_eval(
    qset: QuestionSet,
    *,
    answer_fn: AnswerFn,
    retrieve_fn: RetrieveFn,
    k_values: Sequence[int] = (1, 5, 10),
    progress: bool = True,
    console: Console | None = None,
) -> EvalResult:
    """Ask every question of ``qset`` (conversation turns in order, with the growing history)
    and score the answers.

    Args:
        qset: the question set (its corpus must already be in the store the functions use).
        answer_fn: ``(question, history) -> Answer``.
        retrieve_fn: ``question -> ranked passages``, scored for hit@k / MRR.
        k_values: the k of hit@k; MRR is taken at the largest (default (1, 5, 10)).
        progress: show a rich progress bar (default True).
        console: where the bar goes (default: a new rich Console on stderr).

    An exception from either function is kept in that question's record (``error``) and the
    question counts as declined; the run goes on.
    """
    ks = tuple(sorted(set(k_values)))
    records: list[QuestionRecord] = []
    started = time.perf_counter()
    with _progress(qset.n_questions, progress, console) as advance:
        for item in qset.items:
            for record in _ask_item(item, answer_fn, retrieve_fn, ks):
                records.append(record)
                advance(record)
    return EvalResult(
        name=qset.name,
        records=records,
        metrics=aggregate_metrics(records, ks),
        k_values=ks,
        duration_s=time.perf_counter() - started,
        meta={"format": qset.fmt, "n_items": len(qset.items)},
    )


def _ask_item(
    item: EvalItem, answer_fn: AnswerFn, retrieve_fn: RetrieveFn, ks: tuple[int, ...]
) -> Iterator[QuestionRecord]:
    """One record per turn; each turn sees the (question, answer text) pairs before it."""
    history: History = []
    turns = item.as_turns()
    for i, turn in enumerate(turns):
        record_id = item.id if len(turns) == 1 else f"{item.id}#{i + 1}"
        record = _ask_turn(record_id, i, turn, list(history), answer_fn, retrieve_fn)
        record.citation_flags = citation_flags(record)
        record.scores = score_record(record, ks)
        history.append((turn.question, record.answer_text))
        yield record


def _ask_turn(
    record_id: str,
    index: int,
    turn: Turn,
    history: History,
    answer_fn: AnswerFn,
    retrieve_fn: RetrieveFn,
) -> QuestionRecord:
    record = QuestionRecord(
        id=record_id,
        question=turn.question,
        qtype=turn.qtype,
        gold_answers=list(turn.answers),
        unanswerable=turn.unanswerable,
        evidence=list(turn.evidence),
        turn=index,
        history=history,
    )
    try:
        _fill_retrieved(record, retrieve_fn)
        _fill_answer(record, answer_fn)
    except Exception as exc:  # one broken question must not end a long run
        record.error = f"{type(exc).__name__}: {exc}"
        record.supported = False
    return record


def _fill_retrieved(record: QuestionRecord, retrieve_fn: RetrieveFn) -> None:
    t0 = time.perf_counter()
    passages = retrieve_fn(record.question)
    record.retrieve_fn_ms = (time.perf_counter() - t0) * 1000
    if not record.unanswerable:
        record.hit_flags = hit_flags(passages, record.evidence, record.gold_answers)
    record.retrieved = [
        {
            "doc_id": p.doc_id,
            "source": p.source,
            "chunk_id": p.chunk_id,
            "score": p.score,
            "snippet": p.text[:_SNIPPET],
        }
        for p in passages
    ]


def _fill_answer(record: QuestionRecord, answer_fn: AnswerFn) -> None:
    t0 = time.perf_counter()
    answer = answer_fn(record.question, list(record.history))
    wall_ms = (time.perf_counter() - t0) * 1000
    record.answer_text = answer.text
    record.short = answer.short
    record.supported = bool(answer.supported)
    record.confidence = getattr(answer, "confidence", None)
    record.short_confidence = getattr(answer, "short_confidence", None)
    record.citations = [c.to_dict() for c in answer.citations]
    record.offered = [c.quote for c in answer.closest]
    record.timings = {k: float(v) for k, v in answer.timings.items()}
    record.timings.setdefault("total_ms", wall_ms)


@contextmanager
def _progress(
    total: int, enabled: bool, console: Console | None
) -> Iterator[Callable[[QuestionRecord], None]]:
    """A callback to call once per finished question; it draws a rich bar when ``enabled``."""
    if not enabled:
        yield lambda record: None
        return
    tally = {"contains": 0.0, "judged": 0.0}
    bar = progress_bar("eval", console=console, transient=False, remaining=True)
    with bar:
        task = bar.add_task("eval", total=total, stats="")

        def advance(record: QuestionRecord) -> None:
            score = record.scores.get("contains")
            if score is not None:
                tally["judged"] += 1
                tally["contains"] += score
            mean = tally["contains"] / tally["judged"] if tally["judged"] else 0.0
            bar.update(task, advance=1, stats=f"contains {mean:.2f}")

        yield advance
