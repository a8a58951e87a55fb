from __future__ import annotations

from qa.followup import expand_followup, needs_context

HISTORY = [
    (
        "Who is the Turkish defense minister?",
        "Fikri Isik [1] — “Turkish Defense Minister Fikri Isik said while addressing "
        "parliament.” [1]",
    )
]


def test_first_turn_is_unchanged() -> None:
    assert expand_followup("What did he say about Russia?", []) == "What did he say about Russia?"


def test_pronoun_carries_the_previous_names() -> None:
    query = expand_followup("What did he say about Russia?", HISTORY)
    assert query.startswith("What did he say about Russia?")
    assert "Fikri Isik" in query


def test_self_contained_question_is_unchanged() -> None:
    q = "When was Operation Euphrates Shield launched?"
    assert not needs_context(q)
    assert expand_followup(q, HISTORY) == q


def test_names_already_asked_are_not_repeated() -> None:
    query = expand_followup("Did Fikri Isik say that himself, and where?", HISTORY)
    assert query.count("Fikri Isik") == 1
