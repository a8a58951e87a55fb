"""Ask a LangChain chat model to split an answer into claims and check each against its passages."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from eval.metrics.faithfulness.prompts import claims_prompt, verdicts_prompt
from eval.metrics.stats import mean_or_none

LABEL = "model-judged"


class ChatModel(Protocol):
    """Any LangChain chat model (``BaseChatModel``): ``invoke(str)`` returns a message."""

    def invoke(self, input: Any, *args: Any, **kwargs: Any) -> Any: ...


@dataclass(frozen=True)
class ClaimVerdict:
    """One claim of the answer and whether the judge found it in the cited passages."""

    claim: str
    supported: bool
    reason: str = ""


@dataclass(frozen=True)
class FaithfulnessResult:
    """``score`` = supported claims / claims (None when the answer makes no claim).

    ``judged_by`` names the judge model and always starts with "model-judged".
    """

    score: float | None
    verdicts: list[ClaimVerdict] = field(default_factory=list)
    judged_by: str = LABEL


def faithfulness(
    question: str, answer: str, cited_passages: Sequence[str], chat_model: ChatModel
) -> FaithfulnessResult:
    """faithfulness = claims supported by the cited passages / claims in the answer
    (MODEL-JUDGED: ``chat_model`` extracts the claims and gives each verdict).

    Args:
        question: the question asked.
        answer: the answer text (citation markers may stay in).
        cited_passages: the quotes the answer cites; with none, no claim can be supported.
        chat_model: any LangChain chat model; called twice (claims, then verdicts).

    >>> from langchain_core.language_models import FakeListChatModel
    >>> judge = FakeListChatModel(responses=[
    ...     '["Isik is defense minister", "Isik is 40"]',
    ...     '[{"claim": "Isik is defense minister", "supported": true},'
    ...     ' {"claim": "Isik is 40", "supported": false}]'])
    >>> result = faithfulness("Who is Isik?", "Isik, 40, is defense minister [1].",
    ...                       ["Turkish Defense Minister Fikri Isik said"], judge)
    >>> result.score, result.judged_by
    (0.5, 'model-judged: FakeListChatModel')
    """
    label = f"{LABEL}: {type(chat_model).__name__}"
    claims = [str(c) for c in _ask_json(chat_model, claims_prompt(question, answer))]
    if not claims:
        return FaithfulnessResult(None, [], label)
    if not cited_passages:
        verdicts = [ClaimVerdict(c, False, "no cited passage") for c in claims]
        return FaithfulnessResult(0.0, verdicts, label)
    raw = _ask_json(chat_model, verdicts_prompt(claims, cited_passages))
    verdicts = _verdicts(claims, raw)
    return FaithfulnessResult(sum(v.supported for v in verdicts) / len(claims), verdicts, label)


def mean_faithfulness(results: Sequence[FaithfulnessResult]) -> float | None:
    """Mean score over the answers that made claims; None when none did.

    >>> mean_faithfulness([FaithfulnessResult(1.0), FaithfulnessResult(None),
    ...                    FaithfulnessResult(0.5)])
    0.75
    """
    return mean_or_none(r.score for r in results)


def _ask_json(chat_model: ChatModel, prompt: str) -> list[Any]:
    """The JSON list in the model's reply; [] when it sent none."""
    message = chat_model.invoke(prompt)
    text = str(getattr(message, "text", message))
    match = re.search(r"\[.*\]", text, flags=re.DOTALL)
    if not match:
        return []
    try:
        parsed = json.loads(match.group(0))
    except json.JSONDecodeError:
        return []
    return parsed if isinstance(parsed, list) else []


def _verdicts(claims: list[str], raw: list[Any]) -> list[ClaimVerdict]:
    """One verdict per claim, in order; a claim the judge skipped counts as unsupported."""
    verdicts = []
    for i, claim in enumerate(claims):
        item = raw[i] if i < len(raw) and isinstance(raw[i], dict) else {}
        supported = item.get("supported") is True or str(item.get("supported")).lower() == "true"
        verdicts.append(ClaimVerdict(claim, supported, str(item.get("reason", ""))))
    return verdicts
