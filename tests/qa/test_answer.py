"""The answer chain end to end: Python API, streaming, follow-ups and the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.store import Store
from qa import Answer, answer, stream_answer


def test_answer_cites_the_exact_passage(examples_store: Store) -> None:
    a = answer("How many solar panels does the farm hold?", store=examples_store)
    assert a.supported and a.short == "210,000"
    assert "[1]" in a.text
    c = a.citations[0]
    assert "210,000" in c.quote
    assert examples_store.document_text(c.doc_id)[c.start : c.end] == c.quote
    assert c.title == "Valley Solar Farm Starts Supplying Power"
    assert {"retrieve_ms", "answer_ms", "total_ms"} <= set(a.timings)


def test_unanswerable_is_declined_with_closest_passages(examples_store: Store) -> None:
    a = answer("What is the capital of Australia?", store=examples_store)
    assert not a.supported and not a.citations
    assert "don't answer" in a.text
    assert a.closest


def test_stream_yields_pieces_then_the_answer(examples_store: Store) -> None:
    items = list(stream_answer("Who is the head librarian?", store=examples_store))
    *pieces, final = items
    assert isinstance(final, Answer) and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces) == final.text
    assert final.short == "Maria Chen"


def test_follow_up_uses_the_previous_turn(examples_store: Store) -> None:
    first = answer("Who is the site manager of the solar farm?", store=examples_store)
    assert first.short == "Tomás Herrera"
    follow = answer(
        "What did he say about mowing?",
        history=[("Who is the site manager of the solar farm?", first.text)],
        store=examples_store,
    )
    assert follow.supported
    assert "saves us mowing" in follow.citations[0].quote


def test_cli_ask_json(examples_store: Store) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "citeqa",
            "ask",
            "When did the Harbor Bridge close?",
            "--json",
            "--store",
            str(examples_store.location),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"text", "short", "supported", "citations", "timings", "confidence"} <= set(data)
    assert not data["declined"] and "February 2023" in data["text"]
    assert Answer.from_dict(data).to_dict() == data
    assert set(data["citations"][0]) >= {
        "n",
        "doc_id",
        "source",
        "title",
        "quote",
        "start",
        "end",
        "score",
    }


def test_cli_chat_keeps_history(examples_store: Store) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "citeqa", "chat", "--store", str(examples_store.location)],
        input="Who is the head librarian?\nWhat did she say about parents?\n",
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.split("? ")[1:3]
    assert "Maria Chen" in first and "Sources" in first
    assert "late shifts" in second


@pytest.mark.parametrize("question", [None, 42, ["a"], "   "])
def test_a_question_that_is_not_text_is_a_clear_error(
    examples_store: Store, question: object
) -> None:
    with pytest.raises(ValueError, match="question"):
        answer(question, store=examples_store)  # type: ignore[arg-type]


@pytest.mark.parametrize("k", ["3", 2.5, 0, -2])
def test_a_bad_k_is_a_clear_error(examples_store: Store, k: object) -> None:
    with pytest.raises(ValueError, match="k must be"):
        answer("Who is the head librarian?", store=examples_store, k=k)  # type: ignore[arg-type]


def test_an_empty_store_says_nothing_is_ingested(tmp_path: Path) -> None:
    from ingest import open_store
    from qa import NothingIngested

    store = open_store(tmp_path / "empty", create=True)
    with pytest.raises(NothingIngested, match="citeqa ingest"):
        answer("Who is the head librarian?", store=store)
