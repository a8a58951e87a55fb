"""Question types read from the wording."""

from __future__ import annotations

import pytest

from qa.qtype import question_type


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("Who founded the company?", "PERSON"),
        ("When did the war end?", "DATE"),
        ("In what year was it built?", "DATE"),
        ("Where was she born?", "GPE"),
        ("How many people live there?", "CARDINAL"),
        ("How much did it cost?", "MONEY"),
        ("Which city hosted the games?", "GPE"),
        ("What percentage of voters agreed?", "PERCENT"),
        ("What language do they speak?", "LANGUAGE"),
    ],
)
def test_expected_entity_label(question: str, label: str) -> None:
    assert label in question_type(question).labels


@pytest.mark.parametrize("question", ["Why did the bridge close?", "How did they win?"])
def test_clause_questions_want_no_phrase(question: str) -> None:
    assert not question_type(question).phrase


def test_open_what_question_takes_any_noun_phrase() -> None:
    qt = question_type("What did the council approve?")
    assert qt.phrase and qt.labels == ()


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("Did the bridge repair go over budget?", True),
        ("Is Pip available in Spanish?", True),
        ("And was it late?", True),
        ("Wasn't the library closed?", True),
        ("Who paid for the robots?", False),
        ("What did the mayor say?", False),
        ("Which team won?", False),
    ],
)
def test_yes_no_questions_are_told_by_their_first_word(question: str, yes_no: bool) -> None:
    qtype = question_type(question)
    assert qtype.yes_no is yes_no
