"""``citeqa chat``: streamed answers with sources, /sources /clear /quit, and ``--resume``."""

from __future__ import annotations

import json
from pathlib import Path

from citeqa.cli.chat import Conversation, conversation_file
from tests.citeqa.conftest import Run


def _turns(tmp_path: Path) -> list[dict[str, object]]:
    files = list((tmp_path / "chat-state").glob("chat-*.jsonl"))
    assert len(files) <= 1, files
    if not files:
        return []
    return [json.loads(line) for line in files[0].read_text().splitlines()]


def test_chat_answers_lists_sources_and_keeps_the_conversation(
    cli: Run, examples_store: object, tmp_path: Path
) -> None:
    store = str(examples_store.location)  # type: ignore[attr-defined]
    first = cli(
        "chat", "--store", store, input="Who is the head librarian?\n/sources\n/quit\nnever asked\n"
    )
    assert first.returncode == 0, first.stderr
    answer, after_sources = first.stdout.split("\n? ")[1:3]
    assert "Maria Chen" in answer and "Sources" in answer
    assert "Sources" in after_sources and "library-robot.md" in after_sources  # /sources
    turns = _turns(tmp_path)
    assert [t["question"] for t in turns] == ["Who is the head librarian?"]  # /quit stopped it
    assert "Maria Chen" in json.dumps(turns[0]["answer"])

    resumed = cli("chat", "--store", store, "--resume", input="What did she say about parents?\n")
    assert resumed.returncode == 0, resumed.stderr
    assert (
        "Resuming 1 turn. Last:" in resumed.stdout
        and "Who is the head librarian?" in resumed.stdout
    )
    assert "late shifts" in resumed.stdout
    assert len(_turns(tmp_path)) == 2

    fresh = cli("chat", "--store", store, input="When did the Harbor Bridge reopen?\n")
    assert fresh.returncode == 0, fresh.stderr
    assert [t["question"] for t in _turns(tmp_path)] == ["When did the Harbor Bridge reopen?"]

    cleared = cli("chat", "--store", store, "--resume", input="/clear\n/sources\n")
    assert "Conversation cleared." in cleared.stdout and "No answer yet." in cleared.stdout
    assert _turns(tmp_path) == []


def test_conversation_file_round_trips(tmp_path: Path) -> None:
    path = conversation_file("/some/store", tmp_path)
    assert path != conversation_file("http://127.0.0.1:8000", tmp_path)
    convo = Conversation(path)
    convo.add("Q1?", {"text": "A1 [1]"})
    convo.add("Q2?", {"text": "A2"})
    assert Conversation.resume(path).history == [("Q1?", "A1 [1]"), ("Q2?", "A2")]
    restart = Conversation(path)  # a new conversation replaces the old at its first turn
    assert Conversation.resume(path).turns and not restart.turns
    restart.add("Q3?", {"text": "A3"})
    assert Conversation.resume(path).history == [("Q3?", "A3")]
