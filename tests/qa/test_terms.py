"""Words meeting their other forms: irregular past forms and derived nouns."""

from __future__ import annotations

import pytest

from qa.terms import agent_of, base_stem, matched_bag, query_stems, related, stem, tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [("paid", "pay"), ("bought", "buys"), ("won", "wins"), ("built", "build")],
)
def test_irregular_past_forms_meet_their_verb(a: str, b: str) -> None:
    assert base_stem(a) == base_stem(b)


@pytest.mark.parametrize(
    ("a", "b", "meet"),
    [
        ("founded", "founder", True),
        ("manages", "manager", True),
        ("construction", "constitution", False),
        ("general", "generation", False),
        ("art", "artist", False),  # too short to tell a form from another word
    ],
)
def test_related_stems(a: str, b: str, meet: bool) -> None:
    assert related(stem(a), stem(b)) is meet


def test_a_sentence_bag_holds_the_question_words_it_has_in_another_form() -> None:
    q = query_stems("Who founded Brightpage and paid for it?")
    bag = matched_bag(tokens("Its founder paid nothing"), q)
    assert {"found", "pay"} <= bag
    assert "brightpag" not in bag


@pytest.mark.parametrize(
    ("noun", "verb", "doer"),
    [
        ("manager", "manages", True),
        ("founder", "founded", True),
        ("creator", "created", True),
        ("water", "wat", False),
        ("managers", "manager", False),
        ("site", "sit", False),
    ],
)
def test_a_noun_for_the_doer_of_a_verb(noun: str, verb: str, doer: bool) -> None:
    assert agent_of(stem(noun), stem(verb)) is doer
