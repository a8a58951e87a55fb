"""The web chat's API through gradio_client: ask, ingest, documents, remove.

``ask`` returns ``Answer.to_dict()`` (one schema with ``citeqa ask --json``); ``ingest`` runs
the Library tab's checks; ``documents`` lists what is stored; ``remove`` removes by id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.timeout(300)


def _without_timings(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != "timings"}


def _client(server: str) -> Any:
    from gradio_client import Client

    return Client(server, verbose=False)


def test_ask_endpoint_returns_answer_json(server: str, store: Any) -> None:
    from qa import answer
    from qa.types import Answer

    question = "How much did the Kessling Harbour Bridge repairs cost?"
    got = _client(server).predict(question=question, api_name="/ask")
    assert isinstance(got, dict)
    expected = answer(question, store=store).to_dict()
    assert set(got) == set(expected)
    assert _without_timings(got) == _without_timings(expected)
    assert got["supported"] is True
    assert "42 million" in got["text"]
    assert got["citations"] and got["citations"][0]["title"].startswith("Kessling")
    assert Answer.from_dict(got).to_dict()["citations"] == got["citations"]


def test_ask_endpoint_declines_unanswerable(server: str) -> None:
    got = _client(server).predict(question="What is the capital of Peru?", k=2, api_name="/ask")
    assert got["supported"] is False
    assert got["citations"] == []
    assert got["closest"]


def test_public_endpoints_are_exactly_the_four(server: str) -> None:
    info = _client(server).view_api(print_info=False, return_format="dict")
    assert sorted(info["named_endpoints"]) == ["/ask", "/documents", "/ingest", "/remove"]
    assert not info["unnamed_endpoints"]


def test_empty_question_is_an_error(server: str) -> None:
    with pytest.raises(Exception, match="empty"):
        _client(server).predict(question="  ", api_name="/ask")


def test_ingest_documents_ask_remove_round_trip(server: str, store: Any, tmp_path: Path) -> None:
    from gradio_client import handle_file

    client = _client(server)
    article = tmp_path / "otters.txt"
    article.write_text(
        "Otters return to the Brenn\n\nWardens counted 37 otters along the river Brenn in June, "
        "the highest number since records began.\n"
    )
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "big.txt").write_bytes(b"A sentence. " * 7000)  # 84 kB > the 50 kB test limit
    got = client.predict(
        files=[
            handle_file(str(p))
            for p in (article, tmp_path / "notes.docx", tmp_path / "empty.md", tmp_path / "big.txt")
        ],
        api_name="/ingest",
    )
    by_name = {r["name"]: r for r in got}
    assert by_name["otters.txt"]["status"] == "added"
    assert by_name["otters.txt"]["detail"] == "1 passage indexed"
    assert by_name["notes.docx"]["status"] == "refused"
    assert "not supported" in by_name["notes.docx"]["detail"]
    assert by_name["empty.md"]["status"] == "refused" and "empty" in by_name["empty.md"]["detail"]
    assert by_name["big.txt"] == {
        "name": "big.txt",
        "status": "refused",
        "detail": "file is 84 kB; the limit is 50 kB",
        "doc_id": "",
    }
    doc_id = by_name["otters.txt"]["doc_id"]

    listed = {d["doc_id"]: d for d in client.predict(api_name="/documents")}
    assert listed[doc_id]["title"] == "Otters return to the Brenn"
    assert listed[doc_id]["n_chunks"] == 1
    assert set(listed) == {d.doc_id for d in store.documents()}

    answer = client.predict(question="How many otters were counted on the Brenn?", api_name="/ask")
    assert "37" in answer["text"] and answer["citations"][0]["doc_id"] == doc_id

    assert client.predict(doc_id=doc_id, api_name="/remove") == {"doc_id": doc_id, "removed": True}
    assert client.predict(doc_id=doc_id, api_name="/remove")["removed"] is False
    assert doc_id not in {d["doc_id"] for d in client.predict(api_name="/documents")}
    with pytest.raises(Exception, match="not a document id"):
        client.predict(doc_id="../x", api_name="/remove")
