"""The ``ask`` endpoint through gradio_client: the JSON of ``Answer.to_dict()``."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.timeout(300)


def _without_timings(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != "timings"}


def test_ask_endpoint_returns_answer_json(server: str, store: Any) -> None:
    from gradio_client import Client

    from qa import answer

    client = Client(server, verbose=False)
    question = "How much did the Kessling Harbour Bridge repairs cost?"
    got = client.predict(question=question, api_name="/ask")
    assert isinstance(got, dict)
    expected = answer(question, store=store).to_dict()
    assert set(got) == set(expected)
    assert _without_timings(got) == _without_timings(expected)
    assert got["supported"] is True
    assert "42 million" in got["text"]
    assert got["citations"] and got["citations"][0]["title"].startswith("Kessling")


def test_ask_endpoint_declines_unanswerable(server: str) -> None:
    from gradio_client import Client

    client = Client(server, verbose=False)
    got = client.predict(question="What is the capital of Peru?", k=2, api_name="/ask")
    assert got["supported"] is False
    assert got["citations"] == []
    assert got["closest"]


def test_only_ask_is_public(server: str) -> None:
    from gradio_client import Client

    info = Client(server, verbose=False).view_api(print_info=False, return_format="dict")
    assert list(info["named_endpoints"]) == ["/ask"]
    assert not info["unnamed_endpoints"]


def test_empty_question_is_an_error(server: str) -> None:
    from gradio_client import Client

    with pytest.raises(Exception, match="empty"):
        Client(server, verbose=False).predict(question="  ", api_name="/ask")
