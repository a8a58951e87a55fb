"""What one eval run keeps: a record per question asked, and the run's result."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class QuestionRecord:
    """One asked question (a conversation gives one record per turn): gold, what came back,
    what was retrieved, timings and per-metric scores.

    ``scores`` holds ``em``, ``f1``, ``contains``, ``hit@k`` per k, ``rr@K`` (K the largest k),
    ``citation_precision`` and ``correct_citation`` (None where a score does not apply).
    """

    id: str
    question: str
    qtype: str
    gold_answers: list[str]
    unanswerable: bool
    evidence: list[str] = field(default_factory=list)
    turn: int = 0
    history: list[tuple[str, str]] = field(default_factory=list)
    answer_text: str = ""
    short: str | None = None
    supported: bool = False
    citations: list[dict[str, Any]] = field(default_factory=list)
    offered: list[str] = field(default_factory=list)  # quotes of ``Answer.closest``
    retrieved: list[dict[str, Any]] = field(default_factory=list)
    hit_flags: list[bool] | None = None
    citation_flags: list[bool] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    retrieve_fn_ms: float = 0.0
    scores: dict[str, float | None] = field(default_factory=dict)
    error: str | None = None
    confidence: float | None = None
    short_confidence: float | None = None

    @property
    def answer_correct(self) -> bool:
        """The answer text holds a gold answer (never for an unanswerable question)."""
        return not self.unanswerable and self.scores.get("contains") == 1.0

    @property
    def declined(self) -> bool:
        """The system said the articles do not answer the question (or failed to answer): no
        answer given. An unverified answer (not supported, with citations) is an answer."""
        return not self.supported and not self.citations

    @property
    def failed(self) -> bool:
        """Worth a look: an error, an unanswerable question answered, or an answerable one
        declined or answered without any gold answer in the answer text."""
        if self.error:
            return True
        if self.unanswerable:
            return not self.declined
        return self.declined or self.scores.get("contains") == 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, with ``declined`` and ``failed`` spelled out."""
        data = asdict(self)
        data["history"] = [list(pair) for pair in self.history]
        data["declined"], data["failed"] = self.declined, self.failed
        return data


@dataclass
class EvalResult:
    """A finished eval run: per-question ``records`` and the aggregate ``metrics`` dict
    (the shape written to ``metrics.json``)."""

    name: str
    records: list[QuestionRecord]
    metrics: dict[str, Any]
    k_values: tuple[int, ...] = (1, 5, 10)
    duration_s: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> list[QuestionRecord]:
        """The records worth a look (see ``QuestionRecord.failed``)."""
        return [r for r in self.records if r.failed]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the whole run."""
        return {
            "name": self.name,
            "k_values": list(self.k_values),
            "duration_s": self.duration_s,
            "meta": self.meta,
            "metrics": self.metrics,
            "records": [r.to_dict() for r in self.records],
        }
