"""Measures a question asks for (qa.learned.measures): the wording that asks, the unit that
answers, and on the training split (when ../shared is present) that every gold answer to a
question asking a measure names its unit, so the rule never declines a quote that holds one."""

from __future__ import annotations

import pytest

from eval.datasets import load_question_set
from qa.learned.kinds import kind_named
from qa.learned.measures import asked_measure, names_measure
from qa.qtype import question_type
from tests.conftest import SHARED

TRAINING = SHARED / "datasets" / "squad" / "squad-v1.1-dev-18articles-train.json"


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("How tall is the Aldwick Dam wall?", "size"),
        ("How far is the island from the coast?", "size"),
        ("What is the top speed of the Marta Vell?", "speed"),
        ("And how fast can it go?", "speed"),
        ("How cold did it get in the Kessler Valley?", "temperature"),
        ("At what temperature does the alloy melt?", "temperature"),
        ("How much does the new turbine weigh?", "weight"),
        ("What is the population of Tessen?", "population"),
        ("How many people live in Istanbul?", "population"),
        ("Who calculated the speed of light?", None),
        ("How high did prices rise?", None),
        ("Why did the temperature drop?", None),
        ("How much did the repair cost?", None),
    ],
)
def test_the_wording_says_which_measure_is_asked(question: str, measure: str | None) -> None:
    asked = asked_measure(question)
    assert (asked.name if asked else None) == measure


@pytest.mark.parametrize(
    ("question", "quote", "named"),
    [
        ("How tall is the wall?", "The wall will be strengthened next year.", False),
        ("How tall is the wall?", "The wall is 42 metres tall.", True),
        ("What is the top speed of the ferry?", "The ferry carries 300 passengers.", False),
        ("What is the top speed of the ferry?", "It sails at 18 knots.", True),
        ("How cold did it get?", "Temperatures fell to minus 4 degrees Celsius.", True),
        ("What is the population of Tessen?", "Tessen is a market town.", False),
        ("How far apart are the filaments?", "They lie 6.4 nanometers apart.", True),
        ("At what temperature do they meet?", "Above about 10 kelvins.", True),
        ("How heavy is the bell?", "It weighs 13 kilograms.", True),
        ("How fast can it go?", "Up to 40 kilometres an hour.", True),
    ],
)
def test_a_quote_without_the_measure_asked_for_is_declined(
    question: str, quote: str, named: bool
) -> None:
    assert kind_named(question_type(question), question, [quote]) is named


@pytest.mark.skipif(not TRAINING.exists(), reason="../shared's training split is not present")
def test_every_gold_answer_to_a_measure_question_of_the_training_split_names_it() -> None:
    asked = [
        (measure, item)
        for item in load_question_set(TRAINING).items
        if (measure := asked_measure(item.question)) is not None
    ]
    assert len(asked) >= 10, "the training split asks for measures"
    unnamed = [
        item.question
        for measure, item in asked
        if not any(names_measure(measure, gold) for gold in item.answers)
    ]
    assert unnamed == []
