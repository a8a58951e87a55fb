"""What the answer chain hands out: passages, citations and answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with where it stands in its article."""

    chunk_id: str
    doc_id: str
    source: str
    title: str
    text: str
    start: int
    end: int
    score: float = 0.0
    date: str = ""
    chunk_index: int = 0


@dataclass(frozen=True)
class Citation:
    """A numbered pointer from an answer to the exact sentence(s) it rests on.

    ``start``/``end`` are character offsets of ``quote`` in the cleaned article text.
    """

    n: int
    doc_id: str
    source: str
    title: str
    quote: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Answer:
    """An answer: ``text`` carries [n] markers that refer to ``citations``.

    When ``supported`` is False the articles do not answer the question; ``closest`` then holds
    the nearest passages, which are offered for reading and are not citations.
    """

    question: str
    text: str
    supported: bool
    short: str | None = None
    citations: list[Citation] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    backend: str = "extractive"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape shared by ``citeqa ask --json`` and the web API."""
        return {
            "question": self.question,
            "answer": self.text,
            "short": self.short,
            "supported": self.supported,
            "citations": [c.to_dict() for c in self.citations],
            "closest": [c.to_dict() for c in self.closest],
            "timings": self.timings,
            "backend": self.backend,
        }
