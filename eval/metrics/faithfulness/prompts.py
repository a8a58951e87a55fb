"""The two prompts of the faithfulness judge: split into claims, then check each claim."""

from __future__ import annotations

import json
from collections.abc import Sequence

CLAIMS_PROMPT = """Split the ANSWER into short, self-contained factual claims.
Reply with a JSON list of strings and nothing else, e.g. ["claim one", "claim two"].
Reply [] when the answer makes no factual claim.

QUESTION: {question}
ANSWER: {answer}"""

VERDICTS_PROMPT = """For each CLAIM decide whether the PASSAGES state or directly imply it.
Reply with a JSON list and nothing else, one object per claim in the same order:
[{{"claim": "...", "supported": true, "reason": "..."}}]

PASSAGES:
{passages}

CLAIMS:
{claims}"""


def claims_prompt(question: str, answer: str) -> str:
    """The prompt asking for the answer's claims."""
    return CLAIMS_PROMPT.format(question=question, answer=answer)


def verdicts_prompt(claims: Sequence[str], passages: Sequence[str]) -> str:
    """The prompt asking whether the numbered passages support each claim."""
    numbered = "\n".join(f"[{i}] {p}" for i, p in enumerate(passages, start=1)) or "(none)"
    return VERDICTS_PROMPT.format(passages=numbered, claims=json.dumps(list(claims)))
