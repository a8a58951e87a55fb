"""The asked-for-kind rule (qa.learned.kinds): a count for "how many", money for a price."""

from __future__ import annotations

import pytest

from qa.learned.kinds import asks_price, clashes, kind_named, names_money
from qa.qtype import question_type


@pytest.mark.parametrize(
    "question",
    [
        "How much did the Harbor Bridge repair cost?",
        "How much was BSkyB going to pay for the rights?",
        "How much money was spent on the festivities?",
        "What was the average cost of a 30-second commercial?",
        "What were the annual carriage fees for the channels?",
        "What was Sunmere Energy's share price last year?",
        "And how much does a ticket cost?",
    ],
)
def test_price_questions_are_recognised(question: str) -> None:
    assert asks_price(question)


@pytest.mark.parametrize(
    "question",
    [
        "How much of her crop did Ingrid Halvorsen lose?",
        "How much will prices rise?",
        "What caused the cost overrun?",
        "What is the cost overrun blamed on?",
        "Who paid for the robots?",
        "How many tonnes were shipped?",
    ],
)
def test_other_questions_do_not_ask_a_price(question: str) -> None:
    assert not asks_price(question)


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("The vessel cost about 14.5 million euros.", True),
        ("BSkyB paid £304m for the rights.", True),
        ("a two-year, $84 million repair project", True),
        ("Tickets are 3 pounds for adults.", True),
        ("She farms 40 hectares of cherries.", False),
        ("The repair replaced 1,200 tonnes of corroded steel.", False),
    ],
)
def test_money_is_named_by_a_sign_or_a_currency(text: str, money: bool) -> None:
    assert names_money(text) is money


def test_a_price_needs_money_in_the_quote_and_a_count_a_number() -> None:
    price = "How much did the wind machines cost?"
    assert not kind_named(question_type(price), price, ["We ran the wind machines all night."])
    assert kind_named(question_type(price), price, ["The machines cost 9,000 euros each."])
    count = "How many machines did they run?"
    assert not kind_named(question_type(count), count, ["We ran the wind machines all night."])
    assert kind_named(question_type(count), count, ["We ran six wind machines."])
    other = "Who ran the wind machines?"
    assert kind_named(question_type(other), other, ["We ran the wind machines all night."])


@pytest.mark.parametrize(
    ("question", "label", "clash"),
    [
        ("Who inspected the dam spillway?", "DATE", True),
        ("Who inspected the dam spillway?", "CARDINAL", True),
        ("Who inspected the dam spillway?", "GPE", False),  # spaCy mixes up kinds of names
        ("Who inspected the dam spillway?", "NP", False),  # a noun phrase is any kind
        ("When did the frost strike?", "CARDINAL", False),  # "1990" is often CARDINAL
        ("When did the frost strike?", "PERSON", True),
        ("How many robots did the library buy?", "ORG", True),
        ("What did growers use to fight the frost?", "DATE", False),  # no kind asked for
    ],
)
def test_a_short_answer_clashes_with_a_kind_of_the_other_family(
    question: str, label: str, clash: bool
) -> None:
    assert clashes(question_type(question), label) is clash
