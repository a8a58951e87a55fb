"""Faithfulness wiring with LangChain's own fake chat model (no model is loaded)."""

from __future__ import annotations

import json

from langchain_core.language_models import FakeListChatModel

from eval.metrics.faithfulness import faithfulness, mean_faithfulness

PASSAGES = ["Turkish Defense Minister Fikri Isik said while addressing parliament."]


def judge(*replies: object) -> FakeListChatModel:
    return FakeListChatModel(
        responses=[r if isinstance(r, str) else json.dumps(r) for r in replies]
    )


def test_score_is_supported_claims_over_claims() -> None:
    model = judge(
        ["Isik is defense minister", "Isik spoke to parliament", "Isik is 52"],
        [
            {"claim": "Isik is defense minister", "supported": True},
            {"claim": "Isik spoke to parliament", "supported": True},
            {"claim": "Isik is 52", "supported": False, "reason": "age not given"},
        ],
    )
    result = faithfulness(
        "Who is Isik?", "Isik, 52, the defense minister, spoke [1].", PASSAGES, model
    )
    assert result.score == 2 / 3
    assert [v.supported for v in result.verdicts] == [True, True, False]
    assert result.verdicts[2].reason == "age not given"
    assert result.judged_by.startswith("model-judged")


def test_reply_wrapped_in_prose_and_missing_verdicts() -> None:
    model = judge(
        'Here are the claims:\n```json\n["a", "b"]\n```',
        'Sure: [{"claim": "a", "supported": "true"}]',
    )
    result = faithfulness("q", "a and b", PASSAGES, model)
    assert result.score == 0.5  # the claim the judge skipped counts as unsupported


def test_no_claims_and_no_passages() -> None:
    assert faithfulness("q", "", PASSAGES, judge("[]")).score is None
    assert faithfulness("q", "x", PASSAGES, judge("I cannot")).score is None
    no_passages = faithfulness("q", "Isik spoke", [], judge('["Isik spoke"]'))
    assert no_passages.score == 0.0
    assert mean_faithfulness([no_passages]) == 0.0
    assert mean_faithfulness([]) is None
