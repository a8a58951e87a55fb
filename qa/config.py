"""Typed configs of the answer path, built once from ``Settings`` at the edge (CLI, web, eval).

Leaf code takes these as arguments and never reads settings itself, so a caller can vary any
knob per run: ``AnsweringConfig(min_support=0.3)``. Every field has its default here, equal to
the corresponding ``CITEQA_*`` setting's default.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from citeqa.settings import Settings, get_settings


def _positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number ≥ 1, not {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be ≥ 1, not {value}")
    return value


def _from_settings(cls: Any, s: Settings | None, overrides: dict[str, Any]) -> Any:
    s = s or get_settings()
    values = {f.name: getattr(s, f.name) for f in fields(cls) if hasattr(s, f.name)}
    values.update({k: v for k, v in overrides.items() if v is not None})
    return cls(**values)


@dataclass(frozen=True)
class RetrievalConfig:
    """The retrieval knobs (each measured on the benchmark sets; see the README).

    Attributes:
        k: passages handed to the answerer.
        candidates: how many each ranking contributes before fusion.
        rrf_k: the RRF constant; larger flattens the rank curve.
        dense_weight / bm25_weight: weights of the two rankings in the fused score
            (0 switches a ranking off).
    """

    k: int = 4
    candidates: int = 30
    rrf_k: int = 60
    dense_weight: float = 0.5
    bm25_weight: float = 1.0

    def __post_init__(self) -> None:
        _positive_int("k", self.k)
        _positive_int("candidates", self.candidates)

    @classmethod
    def from_settings(cls, s: Settings | None = None, **overrides: Any) -> RetrievalConfig:
        """The config ``s`` (default: the process settings) describes, with ``overrides``."""
        return _from_settings(cls, s, overrides)


@dataclass(frozen=True)
class AnsweringConfig:
    """The answerers' knobs.

    Attributes:
        min_support: extractive answers: the score below which the answerer declines.
        closest: passages offered when declining (and, by the default answerer, the sentences
            it rates next, offered with an unverified answer).
        max_tokens: generation limit of LLM backends.
        citation_support: LLM answers: the score a sentence needs against a passage it cites.
        attribute_uncited: LLM answers: a sentence without [n] is cited to the passage that
            supports it, or dropped.
        openai_base_url / openai_api_key: the OpenAI-compatible server of ``openai:MODEL``.
        llm_timeout: seconds an LLM server may take to answer.
    """

    min_support: float = 0.4
    closest: int = 3
    max_tokens: int = 256
    citation_support: float = 0.5
    attribute_uncited: bool = True
    openai_base_url: str = "http://127.0.0.1:8080/v1"
    openai_api_key: str = "not-needed"
    llm_timeout: float = 120.0

    @classmethod
    def from_settings(cls, s: Settings | None = None, **overrides: Any) -> AnsweringConfig:
        """The config ``s`` (default: the process settings) describes, with ``overrides``."""
        return _from_settings(cls, s, overrides)
